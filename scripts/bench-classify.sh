#!/usr/bin/env bash
# Benchmark of the classify command: builds Release, copies the corpus N times into a temporary
# folder (about 13,000 files with the default 17), runs one `classify --json` process over it and
# prints messages per second (the command's own figure) and peak memory (from /usr/bin/time -v).
# Usage: scripts/bench-classify.sh [corpus-emails-folder] [copies]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/emails}"
copies="${2:-17}"
if [[ ! -d "$corpus" ]]; then
    echo "bench-classify: no corpus folder at $corpus (pass it as the first argument)" >&2
    exit 2
fi
dotnet build Dashboard -c Release -v quiet -nologo >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$copies"); do
    mkdir -p "$work/copy-$i"
    cp -r "$corpus/." "$work/copy-$i/"
done
files=$(find "$work" -type f | wc -l)
echo "bench-classify: $files files in $copies copies of $corpus"
/usr/bin/time -v dotnet Dashboard/bin/Release/net10.0/Dashboard.dll classify --json "$work" \
    >/dev/null 2>"$work.stderr" || { cat "$work.stderr" >&2; exit 1; }
grep -E '^classify:' "$work.stderr"
grep -E "Maximum resident set size|Elapsed \(wall clock\)|User time|System time" "$work.stderr" | sed "s/^[[:space:]]*/bench-classify: /"
rm -f "$work.stderr"
