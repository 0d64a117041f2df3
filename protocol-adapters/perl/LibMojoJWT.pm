package LibMojoJWT;
# Mojo::JWT (Debian libmojo-jwt-perl): Mojo::JWT->new(secret => …, public =>
# …, allow_none => …)->decode($token), with the clock the library reads
# (`now`, which is core `time`) frozen by adapter.pl.
#
# Mojo::JWT verifies HS* and RS* by the token's own alg (it has no
# algorithm allow-list: the allow-list only makes an algorithm it lacks
# `unsupported`, and `allow_none` is set when the allow-list names `none`),
# checks exp and nbf (no leeway) and no other claim.
use strict;
use warnings;
# Mojo::JSON uses Cpanel::JSON::XS when it is installed (Debian: only
# recommended, so `setup-external`, installing without recommends, does not
# install it): pinned to the pure-Perl decoder, so that the verdicts do not
# depend on what else the machine has.
BEGIN { $ENV{MOJO_NO_JSON_XS} = 1 }
use Mojo::JWT;
use Crypt::OpenSSL::RSA;
use Crypt::OpenSSL::Bignum;
use MIME::Base64 qw(decode_base64url);
use JwtProof;

my @IMPLEMENTED = qw(HS256 HS384 HS512 RS256 RS384 RS512);

sub library { 'Mojo::JWT' }
sub version { "$Mojo::JWT::VERSION" }

# Mojo::JWT's croak messages → the spec's kinds (the one place).
sub map_error {
  my ($class, $e) = @_;
  local $_ = "$e";
  return 'invalid_header' if /Required header field "alg" not specified/;
  return 'algorithm_not_allowed' if /Algorithm "none" is prohibited|Unsupported signing algorithm|Unsupported HS signing algorithm|Unsupported RS verification algorithm/;
  return 'invalid_signature' if /Failed (RS|HS) validation/;
  return 'expired' if /JWT has expired/;
  return 'not_yet_valid' if /JWT is not yet valid/;
  return 'key_mismatch' if /symmetric secret not specified|public key not specified|RSA|OpenSSL|bignum/i;
  return 'malformed' if /Malformed JSON|Wide character|Not a HASH reference/;
  return undef;
}

# The key as Mojo::JWT users give it: `secret` (the raw bytes) for oct,
# `public` (a Crypt::OpenSSL::RSA key, built from n and e as Mojo::JWT's own
# JWK support does) for RSA. Any other key type: neither is set.
sub key_args {
  my ($jwk) = @_;
  return () unless ref $jwk eq 'HASH';
  my $kty = $jwk->{kty} // '';
  return (secret => decode_base64url($jwk->{k} // '')) if $kty eq 'oct';
  if ($kty eq 'RSA') {
    my $n = Crypt::OpenSSL::Bignum->new_from_bin(decode_base64url($jwk->{n} // ''));
    my $e = Crypt::OpenSSL::Bignum->new_from_bin(decode_base64url($jwk->{e} // ''));
    return (public => Crypt::OpenSSL::RSA->new_key_from_parameters($n, $e));
  }
  return ();
}

sub verify {
  my ($class, $token, $jwk, $v) = @_;
  JwtProof::common_unsupported($v);
  JwtProof::unsupported('Mojo::JWT verifies JWTs only (the payload is decoded as JSON claims)')
    if ($v->{payload} // 'jwt') eq 'opaque';
  for my $s (qw(audience issuer subject required_claims max_age)) {
    JwtProof::unsupported("Mojo::JWT has no $s option (it checks exp and nbf only)") if exists $v->{$s};
  }
  JwtProof::unsupported('Mojo::JWT has no leeway option') if ($v->{leeway} // 0) != 0;
  my $algs = JwtProof::check_algorithms($v, \@IMPLEMENTED, 'Mojo::JWT');
  my %args = (allow_none => (grep { $_ eq 'none' } @$algs) ? 1 : 0, key_args($jwk));
  Mojo::JWT->new(%args)->decode($token);
}

1;
