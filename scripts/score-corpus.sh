#!/usr/bin/env bash
# Runs the classify command (Dashboard.Classify) over the shared bounce corpus and scores it against the public labels
# with the floors of issue 3; exits non-zero when any metric is below its floor.
# Usage: scripts/score-corpus.sh [path-to-shared-corpus]   (default: ../shared/corpus beside the clone)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus}"
scorer="${SCORER:-$corpus/../tools/score_corpus.py}"
if [[ ! -d "$corpus/emails" || ! -f "$corpus/expected-public.jsonl" ]]; then
    echo "score-corpus: no corpus at $corpus (pass the shared corpus folder as the first argument)" >&2
    exit 2
fi
if [[ ! -f "$scorer" ]]; then
    echo "score-corpus: no scorer at $scorer (set SCORER=path/to/score_corpus.py)" >&2
    exit 2
fi
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
dotnet build Dashboard.Classify -c Release -v quiet -nologo >/dev/null
dotnet Dashboard.Classify/bin/Release/net10.0/Dashboard.Classify.dll --json "$corpus/emails" >"$out"
python3 "$scorer" "$out" "$corpus/expected-public.jsonl" \
    --min-detect 0.99 --min-recipient 0.99 --min-hard 0.98 --min-reason 0.90 \
    --min-status 0.95 --min-replycode 0.95 --diff "${DIFF:-0}"
