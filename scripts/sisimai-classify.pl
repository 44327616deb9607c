#!/usr/bin/perl
# Sisimai's counterpart of `classify`, for scripts/bench-classify.sh --sisimai: reads every file
# under the folders given (Sisimai's Maildir reader, one folder at a time) and prints one line per
# bounce it finds: file, recipient, reason, status, reply code. Needs Debian's libsisimai-perl.
use strict;
use warnings;
use File::Find;
use Sisimai;

my %folders;
for my $root (@ARGV) {
    find({ wanted => sub { $folders{$File::Find::dir} = 1 if -f $_ && !/^\./ }, no_chdir => 0 }, $root);
}
binmode STDOUT, ':encoding(UTF-8)';
my $count = 0;
for my $folder (sort keys %folders) {
    my $bounces = Sisimai->make($folder) or next;
    for my $b (@$bounces) {
        printf "%s\t%s\t%s\t%s\t%s\n", $b->origin, $b->recipient->address, $b->reason,
            $b->deliverystatus, $b->replycode;
        $count++;
    }
}
printf STDERR "sisimai: %d bounces from %d folders\n", $count, scalar keys %folders;
