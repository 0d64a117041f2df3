#!/usr/bin/perl
# jwtproof-adapter/1 entry point for the Perl libraries (Debian packages):
#
#     perl protocol-adapters/perl/adapter.pl Lib<Library>.pm   (the registry, implementations.json, names it)
#
# A library module (Lib*.pm) provides
#   library()                  the library's name
#   version()                  the installed version (read from the module)
#   verify($token, $jwk, $v)   returns when the library accepts the token;
#                              dies with JwtProof::Unsupported for what it
#                              cannot express; any other die is the library
#                              rejecting the token
#   map_error($err)            the spec error kind, or undef (the one place)
# See protocol-adapters/README.md for the protocol.
use strict;
use warnings;

# The clock the libraries read (time), frozen at the case's time while a case
# runs. Installed before any library is loaded, so their `time` calls see it.
our $FROZEN_TIME;
BEGIN { *CORE::GLOBAL::time = sub () { defined $FROZEN_TIME ? $FROZEN_TIME : CORE::time() }; }

use FindBin;
use lib $FindBin::Bin;
use JSON::PP;
use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);
use JwtProof;

# The library module (Lib<Library>.pm) the registry's command names
# (implementations.json): nothing here lists the libraries.
my $file = $ARGV[0] // '';
die "usage: adapter.pl Lib<Library>.pm (a library module of $FindBin::Bin)\n"
  unless @ARGV == 1 && $file =~ /\A(Lib[A-Za-z0-9]+)\.pm\z/ && -f "$FindBin::Bin/$file";
my $module = $1;
my $name = $module;

my $json = JSON::PP->new->utf8->canonical->allow_bignum;
my ($unavailable, $version);
eval { require "$module.pm"; $version = $module->version; 1 }
  or $unavailable = "cannot load $name: " . (split /\n/, "$@")[0] . " (run `cargo xtask setup-external`)";

# Runs the library on one case: the clock frozen at the case's time, then
# the module's verify (dies as it does). Shared by case and bench requests.
sub verify_case {
  my ($req) = @_;
  my $v = $req->{validation};
  die JwtProof::Unsupported->new("the request carries no validation object (the runner could not serialize the case's settings)")
    unless ref $v eq 'HASH';
  local $FROZEN_TIME = JwtProof::now_floor_seconds($v);
  $module->verify($req->{token}, $req->{key}, $v);
}

# A bench request: one verification (a token the library does not accept is
# `unsupported`, with why), then `iterations` calls of the same verify_case
# timed with CLOCK_MONOTONIC inside this process (process start-up is not
# measured; the adapter's per-call mapping, e.g. the frozen clock, is).
sub bench {
  my ($req) = @_;
  my %out = (type => 'bench', id => $req->{id});
  unless (eval { verify_case($req); 1 }) {
    my $err = $@;
    my $d = ref $err && ref $err eq 'JwtProof::Unsupported' ? "unsupported: $err->{msg}" : "$err";
    $d =~ s/\s+$//;
    utf8::decode($d);
    $out{unsupported} = substr($d, 0, 300);
    return \%out;
  }
  my $n = int($req->{iterations} // 100);
  $n = 100 if $n < 1;
  my $start = clock_gettime(CLOCK_MONOTONIC);
  for (1 .. $n) {
    verify_case($req);
  }
  my $elapsed = clock_gettime(CLOCK_MONOTONIC) - $start;
  $out{ns_per_op} = $elapsed * 1e9 / $n;
  return \%out;
}

$| = 1;
while (my $line = <STDIN>) {
  next unless $line =~ /\S/;
  my $req = $json->decode($line);
  if (($req->{type} // '') eq 'hello') {
    if (defined $unavailable) {
      print $json->encode({type => 'hello', unavailable => $unavailable}), "\n";
      exit 0;
    }
    print $json->encode({type => 'hello', library => $module->library, version => $version}), "\n";
    next;
  }
  if (($req->{type} // '') eq 'bench') {
    print $json->encode(bench($req)), "\n";
    next;
  }
  my %out = (type => 'outcome', id => $req->{id});
  # elapsed_ns: the library call alone (with the frozen clock and the
  # module's per-call mapping), on CLOCK_MONOTONIC.
  my $start = clock_gettime(CLOCK_MONOTONIC);
  my $ok = eval { verify_case($req); 1 };
  my $elapsed = clock_gettime(CLOCK_MONOTONIC) - $start;
  my $err = $@;
  $FROZEN_TIME = undef;
  if ($ok) {
    $out{outcome} = 'valid';
  } elsif (ref $err && ref $err eq 'JwtProof::Unsupported') {
    $out{outcome} = 'unsupported';
    $out{detail} = $err->{msg};
  } else {
    # The library (or its input handling) rejected the token.
    $out{outcome} = 'invalid';
    my $kind = $module->map_error($err);
    if (defined $kind) {
      die "adapter bug: unknown kind $kind" unless $JwtProof::ERROR_KINDS{$kind};
      $out{error} = $kind;
    }
    my $d = "$err";
    $d =~ s/\s+$//;
    utf8::decode($d);
    $out{detail} = substr($d, 0, 500);
  }
  $out{elapsed_ns} = int($elapsed * 1e9) unless $out{outcome} eq 'unsupported';
  print $json->encode(\%out), "\n";
}
