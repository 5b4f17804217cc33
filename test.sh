#!/usr/bin/env bash
# Runs every Runner test against a throwaway PostgreSQL started here. Extra arguments go to
# `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Secrets).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib/system.sh

ensure_system_packages
ensure_chromium
ensure_kubectl
ensure_redocly
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

work="$(mktemp -d "${TMPDIR:-/tmp}/runner-test.XXXXXX")"
chmod 755 "$work"
port="$(free_port 55432)"
cleanup() { pg_stop "$work/db"; rm -rf "$work"; }
trap cleanup EXIT

pg_start "$work/db" "$port"
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
  skipped=$((skipped + $(get notExecuted)))
done
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
