#!/usr/bin/env bash
# Benchmark of the classify command (issue 3 target: >= 15,000 messages/s, peak RSS < 200 MB).
# Builds Release, copies the corpus N times into a temporary folder (about 13,000 files with the
# default 17) — or uses a folder you already have with --dir — and times one `classify --json`
# process over it with /usr/bin/time: wall time includes process start; the files are read once
# beforehand, so every run starts from the page cache. It runs K times (--runs K, default 5)
# and reports the fastest run (other load on the machine only ever slows a run down).
# Usage: scripts/bench-classify.sh [--dir FOLDER] [--runs K] [--repeat N] [corpus-emails-folder] [copies]
#   --repeat N   passed to classify: every file is read N times in the one process.
# CLASSIFY_STATS=1 in the environment makes classify also print GC and JIT counts to stderr.
# The last line is the result:
#   classify-bench: <messages> messages, <rate> messages/s, peak RSS <MB> MB (wall <s> s, user <s> s, sys <s> s)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=""
runs=5
repeat=1
positional=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --dir) dir="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        *) positional+=("$1"); shift ;;
    esac
done
corpus="${positional[0]:-../shared/corpus/emails}"
copies="${positional[1]:-17}"
dotnet build Dashboard -c Release -v quiet -nologo >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ -n "$dir" ]]; then
    [[ -d "$dir" ]] || { echo "bench-classify: no folder at $dir" >&2; exit 2; }
    target="$dir"
else
    if [[ ! -d "$corpus" ]]; then
        echo "bench-classify: no corpus folder at $corpus (pass it as the first argument)" >&2
        exit 2
    fi
    target="$work/copies"
    for i in $(seq 1 "$copies"); do
        mkdir -p "$target/copy-$i"
        cp -r "$corpus/." "$target/copy-$i/"
    done
fi
files=$(find "$target" -type f -not -name '.*' | wc -l)
# Time the parsing, not the disk: read every file once so the runs start from the page cache (this
# host's memory reclaimer evicts files that sat unread, which made a first run several times slower).
find "$target" -type f -not -name '.*' -print0 | xargs -0 cat >/dev/null
echo "bench-classify: $files files in $target, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
best=""
for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "time %e %U %S %M" -o "$work/time" \
        dotnet Dashboard/bin/Release/net10.0/Dashboard.dll classify --json --repeat "$repeat" "$target" \
        >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r _ wall user sys rss < <(grep '^time ' "$work/time")
    messages=$(sed -nE 's/^classify: ([0-9]+) messages.*/\1/p' "$work/stderr")
    echo "bench-classify: run $run: wall ${wall} s, user ${user} s, sys ${sys} s, peak RSS $((rss / 1024)) MB; $(grep '^classify:' "$work/stderr")"
    if [[ -z "$best" ]] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
        best="$wall $user $sys $rss"
    fi
done
read -r wall user sys rss <<<"$best"
rate=$(awk -v m="$messages" -v w="$wall" 'BEGIN { printf "%.0f", m / (w > 0 ? w : 0.01) }')
echo "classify-bench: $messages messages, $rate messages/s, peak RSS $((rss / 1024)) MB (wall $wall s incl. process start, user $user s, sys $sys s)"
