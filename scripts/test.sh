#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh machine, then runs them all.
#   scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's chromium (never a downloaded browser).
if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing chromium for the browser tests…"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# DKIM signatures are checked by an independent verifier: Debian's dkimpy (python3-dkim), run with
# /usr/bin/python3 because python3 on PATH may be a pyenv shim without Debian's packages.
PY=/usr/bin/python3; [[ -x $PY ]] || PY=python3
if ! "$PY" -c "import dkim" >/dev/null 2>&1; then
    echo "Installing python3-dkim for the DKIM tests…"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-dkim >/dev/null
fi

# The data tests run a second time on a real PostgreSQL: a throwaway cluster (Debian's
# postgresql, installed when missing) in a temporary folder, stopped and removed on exit.
source scripts/postgres-cluster.sh
log=$(mktemp)
trap 'stop_test_postgres; rm -f "$log"' EXIT
if ! start_test_postgres; then
    echo "postgres: FAILED to start the test cluster; the PostgreSQL data tests cannot run" >&2
    exit 1
fi

dotnet tool restore >/dev/null
dotnet build Dashboard.sln -c Release -warnaserror

# Failing tests must still reach the summary below, so errexit is off around the runs.
set +e
dotnet test Dashboard.sln -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Every test that touches the database again, on PostgreSQL (a database per test): not the
# browser journeys (the same pages over the same services) nor the pure classifier and parser.
pg_filter="FullyQualifiedName!~Dashboard.Tests.Browser&FullyQualifiedName!~Dashboard.Tests.Classification&FullyQualifiedName!~Dashboard.Tests.Classify&FullyQualifiedName!~Dashboard.Tests.Bounces"
echo "postgres: the data tests again, on PostgreSQL"
DASHBOARD_TEST_PROVIDER=postgres dotnet test Dashboard.sln -c Release --no-build --logger "console;verbosity=normal" \
    --filter "$pg_filter" 2>&1 | tee -a "$log"
pg_status=${PIPESTATUS[0]}
set -e

# The classifier against the shared corpus of real bounces (CI lays shared/ beside the clone).
corpus_checks=0
corpus_failed=0
if [[ -d ../shared/corpus/emails ]]; then
    corpus_checks=1
    scripts/score-corpus.sh ../shared/corpus || corpus_failed=1
else
    echo "score-corpus: ../shared/corpus not found; corpus scoring skipped"
fi

# The activity benchmark's generator writes raw SQL: a small run proves it still fits the schema.
bench_failed=0
dotnet run -c Release --project Dashboard.Benchmarks -- activity --sizes 12000,20000 >/dev/null || bench_failed=1
[[ $bench_failed -eq 0 ]] && echo "benchmark smoke: ok" || echo "benchmark smoke: FAILED"

# The failed tests again at the end, with their messages, so a CI that keeps only the tail of the
# output still says which test failed and why.
if grep -aqE '^ +Failed Dashboard\.' "$log"; then
    echo "== failed tests"
    grep -aE -A 14 '^ +Failed Dashboard\.' "$log" | grep -avE '^ +(Passed|Skipped) ' | cut -c1-400
fi

# One closing line that any CI reads: 'N passed, N failed' (both runs, SQLite and PostgreSQL).
# (-a: test output can hold stray binary bytes; || true: a green run has no "Failed:" line.)
count() { (grep -aEo "$1: +[0-9]+" "$log" || true) | awk '{s+=$2} END {print s+0}'; }
passed=$(( $(count Passed) + corpus_checks - corpus_failed + 1 - bench_failed ))
failed=$(( $(count Failed) + corpus_failed + bench_failed ))
skipped=$(count Skipped)
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $status -ne 0 || $pg_status -ne 0 || $corpus_failed -ne 0 || $bench_failed -ne 0 ]]; then
    exit 1
fi
