#!/usr/bin/perl
# jwtproof-adapter/1 entry point for the Perl libraries (Debian packages):
#
#     perl adapters/perl/adapter.pl NAME      (NAME: perl-crypt-jwt)
#
# A library module (Lib*.pm) provides
#   library()                  the library's name
#   version()                  the installed version (read from the module)
#   verify($token, $jwk, $v)   returns when the library accepts the token;
#                              dies with JwtProof::Unsupported for what it
#                              cannot express; any other die is the library
#                              rejecting the token
#   map_error($err)            the spec error kind, or undef (the one place)
# See adapters/README.md for the protocol.
use strict;
use warnings;

# The clock the libraries read (time), frozen at the case's time while a case
# runs. Installed before any library is loaded, so their `time` calls see it.
our $FROZEN_TIME;
BEGIN { *CORE::GLOBAL::time = sub () { defined $FROZEN_TIME ? $FROZEN_TIME : CORE::time() }; }

use FindBin;
use lib $FindBin::Bin;
use JSON::PP;
use JwtProof;

my %LIBS = ('perl-crypt-jwt' => 'LibCryptJWT');
my $name = $ARGV[0] // '';
die "usage: adapter.pl {" . join(',', sort keys %LIBS) . "}\n" unless $LIBS{$name};
my $module = $LIBS{$name};

my $json = JSON::PP->new->utf8->canonical->allow_bignum;
my ($unavailable, $version);
eval { require "$module.pm"; $version = $module->version; 1 }
  or $unavailable = "cannot load $name: " . (split /\n/, "$@")[0] . " (run `cargo xtask setup-external`)";

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
  my %out = (type => 'outcome', id => $req->{id});
  my $v = $req->{validation};
  my $ok = eval {
    die JwtProof::Unsupported->new("the request carries no validation object (the runner could not serialize the case's settings)")
      unless ref $v eq 'HASH';
    local $FROZEN_TIME = JwtProof::now_floor_seconds($v);
    $module->verify($req->{token}, $req->{key}, $v);
    1;
  };
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
  print $json->encode(\%out), "\n";
}
