#!/usr/bin/perl
# Runs a command and reports the CPU time of its whole process tree: user and system seconds of
# every descendant, including the ones whose parent exited first. It becomes a child subreaper
# (prctl PR_SET_CHILD_SUBREAPER), so orphaned grandchildren are re-parented here, are reaped
# here, and their times count. Node cannot do this itself, and perl-base is on every Debian.
#
#   perl cpu-time.pl <report.json> <command> [args...]
#
# Writes {"user":s,"sys":s,"wall":s,"code":n} to <report.json> and exits with the command's code.
use strict;
use warnings;
use Time::HiRes qw(time);
use POSIX ();

my ($report, @command) = @ARGV;
die "usage: cpu-time.pl <report.json> <command> [args...]\n" unless defined $report && @command;
# prctl(PR_SET_CHILD_SUBREAPER = 36, 1): x86_64 syscall 157, aarch64 167.
my $prctl = `uname -m` =~ /aarch64/ ? 167 : 157;
syscall($prctl, 36, 1, 0, 0, 0) == 0 or die "prctl(PR_SET_CHILD_SUBREAPER) failed: $!\n";

my $started = time;
my $pid = fork() // die "fork failed: $!\n";
if ($pid == 0) {
  exec { $command[0] } @command or do { print STDERR "cannot run $command[0]: $!\n"; POSIX::_exit(127) };
}
$SIG{INT} = $SIG{TERM} = sub { kill 'TERM', $pid };
my $code;
while ((my $done = waitpid(-1, 0)) > 0) {
  $code = $? >> 8 || ($? & 127 ? 128 + ($? & 127) : 0) if $done == $pid;
}
my (undef, undef, $cuser, $csys) = times;
open(my $out, '>', $report) or die "cannot write $report: $!\n";
printf $out '{"user":%.3f,"sys":%.3f,"wall":%.3f,"code":%d}' . "\n", $cuser, $csys, time - $started, $code // 1;
close $out;
exit($code // 1);
