package LibCryptJWT;
# Crypt::JWT (Debian libcrypt-jwt-perl): decode_jwt(token => …, key => the
# JWK as a hash ref, accepted_alg => [...], verify_* => …, leeway => …), with
# the clock the library reads (`time`) frozen by adapter.pl.
use strict;
use warnings;
use Crypt::JWT qw(decode_jwt);
use JwtProof;

my @IMPLEMENTED = qw(HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA);

sub library { 'Crypt::JWT' }
sub version { $Crypt::JWT::VERSION }

# Crypt::JWT's croak messages → the spec's kinds (the one place).
sub map_error {
  my ($class, $e) = @_;
  local $_ = "$e";
  return 'malformed' if /JWT: invalid token format|JWT: missing token|JWS: invalid (header|payload) part|malformed JSON|JSON text|decode_json|unexpected end of string|garbage after/;
  return 'invalid_header' if /JWS: missing header 'alg'/;
  return 'algorithm_not_allowed' if /JWS: alg .*(accepted_alg|not allowed)|JWS: alg 'none'|JWS: unsupported alg/;
  return 'invalid_signature' if /JWS: invalid signature/;
  return 'key_mismatch' if /JWS: missing key|JWT: (undefined|invalid) \w+ key|key|FATAL/i && !/claim/;
  return 'expired' if /JWT: exp claim check failed/;
  return 'not_yet_valid' if /JWT: nbf claim check failed/;
  return 'issued_in_future' if /JWT: iat claim check failed/;
  return 'missing_claim' if /JWT: \w+ claim required but missing/;
  return 'audience_mismatch' if /JWT: aud claim/;
  return 'issuer_mismatch' if /JWT: iss claim/;
  return 'subject_mismatch' if /JWT: sub claim/;
  return 'malformed' if /payload not decoded JSON/;
  return undef;
}

sub verify {
  my ($class, $token, $jwk, $v) = @_;
  JwtProof::common_unsupported($v);
  my $algs = JwtProof::check_algorithms($v, \@IMPLEMENTED, 'Crypt::JWT');
  # `none` is refused unless allow_none is set: the allow-list naming it is
  # what sets it (accepted_alg must list it too).
  my %args = (token => $token, accepted_alg => $algs, allow_none => (grep { $_ eq 'none' } @$algs) ? 1 : 0);
  $args{key} = $jwk if defined $jwk;
  if (($v->{payload} // 'jwt') eq 'opaque') {
    decode_jwt(%args, decode_payload => 0);
    return;
  }
  JwtProof::unsupported('Crypt::JWT has no max_age option') if exists $v->{max_age};
  # decode_payload => 1: the payload must be a JSON claims set (by default a
  # payload that is not JSON is returned as a string and no claim is checked).
  %args = (%args, decode_payload => 1, leeway => $v->{leeway} // 0, verify_iat => undef);
  my %with_value = (iss => 'issuer', sub => 'subject', aud => 'audience');
  for my $claim (@{ $v->{required_claims} // [] }) {
    if ($claim =~ /^(exp|nbf|iat)$/) {
      $args{"verify_$claim"} = 1;    # 1: the claim is required and checked
    } elsif (!($with_value{$claim} && exists $v->{ $with_value{$claim} })) {
      JwtProof::unsupported("Crypt::JWT cannot require the claim '$claim' without checking its value");
    }
  }
  if (exists $v->{audience}) {
    my @aud = @{ $v->{audience} };
    JwtProof::unsupported('Crypt::JWT checks aud against one value (a scalar); the case lists ' . scalar(@aud)) if @aud != 1;
    $args{verify_aud} = $aud[0];
  }
  $args{verify_iss} = $v->{issuer} if exists $v->{issuer};
  $args{verify_sub} = $v->{subject} if exists $v->{subject};
  decode_jwt(%args);
}

1;
