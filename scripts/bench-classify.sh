#!/usr/bin/env bash
# Benchmark of the classify command (issue 3 target: >= 15,000 messages/s, peak RSS < 200 MB; issue
# 11: 20x Sisimai's warm rate). Copies the corpus N times into a temporary folder (about 13,000
# files with the default 17) — or uses a folder you already have with --dir — and times one
# `classify --json` process over it with /usr/bin/time: wall time includes process start; the files
# are read once beforehand, so every run starts from the page cache. It runs K times (--runs K,
# default 5) and reports the fastest run (other load on the machine only ever slows a run down).
# Usage: scripts/bench-classify.sh [--build aot|jit] [--sisimai] [--dir FOLDER] [--runs K] [--repeat N]
#                                  [corpus-emails-folder] [copies]
#   --build aot  (default) the native executable: dotnet publish Dashboard.Classify -p:ClassifyAot=true
#                (needs clang or gcc); its output over the folder is first checked against the JIT build's.
#   --build jit  the normal Release build (dotnet build), run with `dotnet`.
#   --sisimai    also times Sisimai 4.25 (Debian's libsisimai-perl, installed when missing) over the
#                same folder, one perl process per run (scripts/sisimai-classify.pl), its runs
#                interleaved with classify's, and prints how many times faster classify is.
#   --repeat N   passed to classify: every file is read N times in the one process.
# CLASSIFY_STATS=1 in the environment makes classify also print GC and JIT counts to stderr.
# The result lines:
#   classify-bench: <messages> messages, <rate> messages/s, peak RSS <MB> MB (wall <s> s, user <s> s, sys <s> s)
#   sisimai-bench: <files> files, <rate> files/s (wall <s> s, ...); classify is <x>x faster   (with --sisimai)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=""
runs=5
repeat=1
build=aot
sisimai=0
positional=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --dir) dir="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --build) build="$2"; shift 2 ;;
        --sisimai) sisimai=1; shift ;;
        *) positional+=("$1"); shift ;;
    esac
done
corpus="${positional[0]:-../shared/corpus/emails}"
copies="${positional[1]:-17}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ $sisimai -eq 1 ]] && ! perl -MSisimai -e1 2>/dev/null; then
    echo "bench-classify: installing Debian's libsisimai-perl…" >&2
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libsisimai-perl >/dev/null
fi

dotnet build Dashboard.Classify -c Release -v quiet -nologo >/dev/null
jit=(dotnet Dashboard.Classify/bin/Release/net10.0/Dashboard.Classify.dll)
case "$build" in
    jit) classify=("${jit[@]}") ;;
    aot)
        case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) echo "bench-classify: no NativeAOT target for $(uname -m); use --build jit" >&2; exit 2 ;; esac
        dotnet publish Dashboard.Classify -c Release -r "$rid" -p:ClassifyAot=true -o artifacts/classify-aot -v quiet -nologo >/dev/null
        classify=(artifacts/classify-aot/Dashboard.Classify) ;;
    *) echo "bench-classify: --build is aot or jit" >&2; exit 2 ;;
esac

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
if [[ "$build" == aot ]]; then
    "${jit[@]}" --json "$target" >"$work/jit.jsonl" 2>/dev/null
    "${classify[@]}" --json "$target" >"$work/aot.jsonl" 2>/dev/null
    cmp -s "$work/jit.jsonl" "$work/aot.jsonl" || { echo "bench-classify: the native build's output differs from the JIT build's" >&2; exit 1; }
    rm -f "$work/jit.jsonl" "$work/aot.jsonl"
fi
echo "bench-classify: $files files in $target, $build build, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

faster() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(b == "" || a < b) }'; }
best=""
sisimai_best=""
for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "time %e %U %S %M" -o "$work/time" \
        "${classify[@]}" --json --repeat "$repeat" "$target" \
        >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r _ wall user sys rss < <(grep '^time ' "$work/time")
    messages=$(sed -nE 's/^classify: ([0-9]+) messages.*/\1/p' "$work/stderr")
    echo "bench-classify: run $run: wall ${wall} s, user ${user} s, sys ${sys} s, peak RSS $((rss / 1024)) MB; $(grep '^classify:' "$work/stderr")"
    faster "$wall" "${best%% *}" && best="$wall $user $sys $rss"
    if [[ $sisimai -eq 1 ]]; then
        /usr/bin/time -f "time %e %U %S %M" -o "$work/time" \
            perl scripts/sisimai-classify.pl "$target" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
        read -r _ swall suser ssys srss < <(grep '^time ' "$work/time")
        echo "bench-classify: run $run: Sisimai: wall ${swall} s, user ${suser} s, sys ${ssys} s, peak RSS $((srss / 1024)) MB; $(grep '^sisimai:' "$work/stderr")"
        faster "$swall" "${sisimai_best%% *}" && sisimai_best="$swall $suser $ssys $srss"
    fi
done
read -r wall user sys rss <<<"$best"
rate=$(awk -v m="$messages" -v w="$wall" 'BEGIN { printf "%.0f", m / (w > 0 ? w : 0.01) }')
echo "bench-classify: load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "classify-bench: $messages messages, $rate messages/s, peak RSS $((rss / 1024)) MB (wall $wall s incl. process start, user $user s, sys $sys s)"
if [[ $sisimai -eq 1 ]]; then
    read -r swall suser ssys srss <<<"$sisimai_best"
    srate=$(awk -v m="$files" -v w="$swall" 'BEGIN { printf "%.0f", m / (w > 0 ? w : 0.01) }')
    ratio=$(awk -v s="$swall" -v c="$wall" -v r="$repeat" 'BEGIN { printf "%.1f", s * r / (c > 0 ? c : 0.01) }')
    echo "sisimai-bench: $files files, $srate files/s, peak RSS $((srss / 1024)) MB (wall $swall s incl. process start, user $suser s, sys $ssys s); classify is ${ratio}x faster"
fi
