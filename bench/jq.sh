#!/usr/bin/env bash
# The native jq engine against the jq CLI (bench/JqBench, see bench/README.md): builds Release when the
# bench or runner-jq is missing or older than the sources, then runs it. --smoke: 3,000 objects per kind
# (what .ci/run runs, so that the bench cannot silently break; its figures are not judged).
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke|--in-process-only) args+=("$1"); shift ;;
    --objects) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "--objects takes a positive integer" >&2; exit 2; }
               args+=("$2"); shift 2 ;;
    -h|--help) echo "usage: bench/jq.sh [--smoke] [--objects N] [--in-process-only]   (default: 200,000 objects per kind)"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

source scripts/lib/system.sh
ensure_system_packages   # the jq CLI and libjq
bench=bench/JqBench/bin/Release/net10.0/Runner.Bench.JqBench.dll
cli=tools/Jq/bin/Release/net10.0/runner-jq.dll
newer="$(find Runner.Domain tools/Jq bench/JqBench -name '*.cs' -newer "$bench" -print -quit 2>/dev/null || true)"
if [ ! -f "$bench" ] || [ ! -f "$cli" ] || [ -n "$newer" ] || [ "$cli" -ot "$bench" ]; then
  echo "building (Release)..." >&2
  dotnet build bench/JqBench -c Release -v quiet -nologo >&2
  dotnet build tools/Jq -c Release -v quiet -nologo >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/runner-jqbench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
dotnet "$bench" "${args[@]}" "$work"
