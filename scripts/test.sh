#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh machine, then runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's chromium (never a downloaded browser).
if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing chromium for the browser tests…"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

dotnet tool restore >/dev/null
dotnet build Dashboard.sln -c Release -warnaserror
# Failing tests must still reach the summary below, so errexit is off around the run.
set +e
dotnet test Dashboard.sln -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee /tmp/dashboard-test.log
status=${PIPESTATUS[0]}
set -e

# One closing line that any CI reads: 'N passed, N failed'.
# (-a: test output can hold stray binary bytes, which makes grep print "binary file matches" instead;
#  || true: a green run has no "Failed:" line, and grep finding nothing must not end the script under pipefail.)
passed=$( (grep -aEo 'Passed: +[0-9]+' /tmp/dashboard-test.log || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -aEo 'Failed: +[0-9]+' /tmp/dashboard-test.log || true) | awk '{s+=$2} END {print s+0}')
skipped=$( (grep -aEo 'Skipped: +[0-9]+' /tmp/dashboard-test.log || true) | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
