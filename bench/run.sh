#!/usr/bin/env bash
# Measures a full resync on this machine (see bench/README.md): its own PostgreSQL, the Azure DevOps
# sandbox, Api and Worker as separate processes, one manual resync of an organization of >= 250,000
# entities per scale, then the in-process figures (mapping vs the jq CLI, upsert rows/s) from
# bench/ResyncBench. Every child process and PostgreSQL are stopped on exit, failure included.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/system.sh

scales=(1 4)
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "--scale takes a positive integer" >&2; exit 2; }
             scales=("$2"); shift 2 ;;
    --smoke) scales=(smoke); shift ;;
    -h|--help) echo "usage: bench/run.sh [--scale N | --smoke]   (default: scale 1 then scale 4; --smoke: one small project, for CI; BENCH_KEEP=1 keeps the work folder)"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

ensure_system_packages
ensure_curl

work="$(mktemp -d "${TMPDIR:-/tmp}/runner-bench.XXXXXX")"
chmod 755 "$work"   # the postgres OS user must reach the cluster folder inside it
pids=()
pg_dir=""

stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  if [ -n "$pg_dir" ]; then pg_stop "$pg_dir"; pg_dir=""; fi
}
cleanup() {
  local status=$?
  trap - INT TERM EXIT
  stop_all
  # A failed run keeps its logs.
  if [ "$status" -ne 0 ] || [ "${BENCH_KEEP:-}" = 1 ]; then echo "work folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run" >&2
echo "building (Release)..." >&2
dotnet build Runner.slnx -c Release -v quiet -nologo >&2
bin() { echo "$1/bin/Release/net10.0/$2.dll"; }
source bench/lib/resync.sh

summary="$work/summary.tsv"
for scale in "${scales[@]}"; do
  # Not in a pipeline: bench_scale must set $pids and $pg_dir in this shell, for stop_all.
  BENCH_WARM_RUN="${BENCH_WARM_RUN:-1}" bench_scale "$scale" "$work/x$scale" >> "$summary"
  stop_all
done

echo
echo "== summary =="
column -t -s $'\t' < <(printf 'scale\tentities\tseconds\tentities/s\trequests/1k\tworker_VmHWM_MB\tworker_us/entity\twarm_entities/s\twarm_worker_us/entity\twarm_VmHWM_MB\n'; cat "$summary")
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg) (figures are only comparable on an otherwise idle machine)"
