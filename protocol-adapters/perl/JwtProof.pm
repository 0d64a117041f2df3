package JwtProof;
# Shared by the Perl adapters.
use strict;
use warnings;
use Math::BigInt;

our %ERROR_KINDS = map { $_ => 1 } qw(malformed invalid_header algorithm_not_allowed unsupported_critical_header
  key_mismatch invalid_signature invalid_claim missing_claim expired not_yet_valid issued_in_future
  audience_mismatch issuer_mismatch subject_mismatch nonce_out_of_window);

package JwtProof::Unsupported {
  sub new { my ($class, $msg) = @_; return bless { msg => $msg }, $class }
}

sub unsupported { die JwtProof::Unsupported->new($_[0]) }

# The case's time in whole seconds, rounded down: what Perl's time() returns
# at that instant (the libraries read `time`, whole seconds).
sub now_floor_seconds {
  my ($v) = @_;
  if (exists $v->{now_ns}) {
    my $ns = Math::BigInt->new("$v->{now_ns}");
    my ($q) = $ns->copy->bdiv(1_000_000_000);    # floor division
    return $q->numify;
  }
  return 0 + "$v->{now}";
}

sub common_unsupported {
  my ($v) = @_;
  unsupported("no API-profile rules ($v->{profile}) in a general-purpose JWT library") if exists $v->{profile};
  unsupported("no Origin check (voicegain profile) in a general-purpose JWT library") if exists $v->{origin};
}

# The allow-list unchanged (`none` included); Unsupported when it names an
# algorithm the library does not implement.
sub check_algorithms {
  my ($v, $implemented, $library) = @_;
  my %impl = map { $_ => 1 } @$implemented;
  my @lacking = grep { $_ ne 'none' && !$impl{$_} } @{ $v->{algorithms} };
  unsupported("$library does not implement " . join(', ', @lacking)) if @lacking;
  return [@{ $v->{algorithms} }];
}

1;
