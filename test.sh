#!/usr/bin/env bash
# Runs every Runner test against a throwaway PostgreSQL started here. Extra arguments go to
# `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Secrets).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib/system.sh

ensure_system_packages
ensure_libjq
ensure_chromium
ensure_kubectl
ensure_redocly
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

work="$(mktemp -d "${TMPDIR:-/tmp}/runner-test.XXXXXX")"
chmod 755 "$work"
cleanup() { pg_stop "$work/db"; rm -rf "$work"; }
trap cleanup EXIT

# A parallel test run can bind the port free_port found before our cluster does: then try another.
for attempt in 1 2 3 4 5; do
  port="$(free_port $((55432 + RANDOM % 4000)))"
  pg_start "$work/db" "$port" && break
  [ "$attempt" -lt 5 ] || { echo "error: PostgreSQL did not start on a free port" >&2; exit 1; }
done
export RUNNER_TEST_POSTGRES="$(pg_connection_string "$port" "$work/db" postgres)"

results="$PWD/TestResults"
rm -rf "$results"
status=0
dotnet test Runner.slnx --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" || status=$?

# One line with the real counts, read from the TRX files the run wrote.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # Ignored tests (e.g. those needing ../shared) are in "total" but not "executed"; notExecuted stays 0 for them.
  skipped=$((skipped + $(get total) - $(get executed)))
done
# The failed tests by name with the start of their message, kept for .ci/run to repeat last (a cut log still says why).
mkdir -p "$results"   # a build that failed wrote no TRX and no folder
awk '
  function unescape(s) { gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&amp;/, "\\&", s); return s }
  /<UnitTestResult / { failed = ($0 ~ /outcome="Failed"/); if (failed && match($0, /testName="[^"]*"/)) name = substr($0, RSTART + 10, RLENGTH - 11) }
  failed && /<Message>/ { inmessage = 1; message = ""; sub(/.*<Message>/, "") }
  inmessage { done = sub(/<\/Message>.*/, ""); gsub(/^[ \t]+|[ \t]+$/, ""); message = message " " $0
              if (done) { inmessage = 0; failed = 0; print "failed: " unescape(name) " --" substr(unescape(message), 1, 500) } }
' "$results"/*.trx > "$results/failed.txt" 2>/dev/null || true
cat "$results/failed.txt"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
