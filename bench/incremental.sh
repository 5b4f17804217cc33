#!/usr/bin/env bash
# Measures incremental against full resyncs (see bench/README.md): bench/run.sh's organization and processes
# (bench/lib/resync.sh), its measured full resync, then two scheduled incremental runs of the same installation:
# one of the unchanged organization, one after the sandbox's touch call changed 1 % of each touchable
# incremental kind. Prints requests, seconds and entities written per run next to the full one. Every child
# process and PostgreSQL are stopped on exit, failure included.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/system.sh

scale=1
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "--scale takes a positive integer" >&2; exit 2; }
             scale="$2"; shift 2 ;;
    --smoke) scale=smoke; shift ;;
    -h|--help) echo "usage: bench/incremental.sh [--scale N | --smoke]   (default: scale 1, bench/run.sh's organization; --smoke: one project, for CI; BENCH_KEEP=1 keeps the work folder)"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

ensure_system_packages
ensure_curl

work="$(mktemp -d "${TMPDIR:-/tmp}/runner-bench-incremental.XXXXXX")"
chmod 755 "$work"   # the postgres OS user must reach the cluster folder inside it
pids=()
pg_dir=""

cleanup() {
  local status=$?
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_dir" ]; then pg_stop "$pg_dir"; fi
  if [ "$status" -ne 0 ] || [ "${BENCH_KEEP:-}" = 1 ]; then echo "work folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, load average $load_before before the run" >&2
echo "building (Release)..." >&2
dotnet build Runner.slnx -c Release -v quiet -nologo >&2
bin() { echo "$1/bin/Release/net10.0/$2.dll"; }
source bench/lib/resync.sh

# The incremental runs are the installation's recurring job triggered from Hangfire's dashboard, off its hashed
# due time: a catch-up threshold over a day keeps the Worker from treating them as an outage's catch-up (spread out).
BENCH_INPROCESS=0 BENCH_WORKER_ENV="${BENCH_WORKER_ENV:-} Runner__Resync__CatchUpThreshold=1.01:00:00" \
  bench_scale "$scale" "$work/x" > "$work/full.tsv"
declare -A state
for pair in "${bench_state[@]}"; do state["${pair%%=*}"]="${pair#*=}"; done
# cpu_snapshot reads these.
sandbox_pid="${state[sandbox_pid]}" worker_pid="${state[worker_pid]}" api_pid="${state[api_pid]}"
auth=(-H "Authorization: Bearer ${state[key]}")

# run_figures FILE LABEL: one TSV line (label, mode, seconds, requests, fetched, upserted, unchanged) of a finished run.
run_figures() {
  jq -r --arg name "$2" --argjson s "$(run_seconds "$1")" '
    [$name, .mode, ($s * 100 | round / 100), .report.http.requests, ([.report.kinds[].fetched] | add // 0),
       ([.report.kinds[].upserted] | add // 0), ([.report.kinds[].unchanged] | add // 0)] | @tsv' "$1"
}

# scheduled_run LABEL: triggers the recurring job, waits for the scheduled run it records, prints its figures.
scheduled_run() {
  local label="$1" before run_id run status cpu_before deadline
  before="$(curl -fsS "${state[api]}/installations/${state[installation]}/resyncs?limit=1" "${auth[@]}" | jq -r '.items[0].id')"
  cpu_before="$(cpu_snapshot)"
  curl -fsS -o /dev/null -X POST "${state[root]}/hangfire/recurring/trigger" -H "Authorization: Bearer ${state[operator]}" \
    --data-urlencode "jobs[]=resync:${state[installation]//-/}"
  deadline=$((SECONDS + 3600))
  while run_id="$(curl -fsS "${state[api]}/installations/${state[installation]}/resyncs?limit=1" "${auth[@]}" | jq -r '.items[0].id')"; [ "$run_id" = "$before" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { log "error: the triggered job recorded no run"; return 1; }
    sleep 1
  done
  while run="$(curl -fsS "${state[api]}/resyncs/$run_id" "${auth[@]}")"; status="$(jq -r .status <<<"$run")"; [ "$status" = queued ] || [ "$status" = running ]; do
    [ "$SECONDS" -lt "$deadline" ] || { log "error: the $label run did not finish within an hour"; return 1; }
    sleep 1
  done
  echo "$run" > "$work/$label.json"
  [ "$status" = succeeded ] || { log "error: the $label run $status: $(jq -c '{trigger, error}' <<<"$run")"; return 1; }
  [ "$(jq -r .mode <<<"$run")" = incremental ] || { log "error: the $label run was $(jq -r .mode <<<"$run"), not incremental"; return 1; }
  log "$label: $(jq -r '[.report.kinds[] | "\(.kind) since \(.changedSince // "-"): fetched \(.fetched), upserted \(.upserted)"] | join("; ")' <<<"$run")"
  cpu_report "$cpu_before" "$(cpu_snapshot)" >&2
  run_figures "$work/$label.json" "$label"
}

cpu_report() {
  awk -v before="$1" -v after="$2" 'BEGIN {
      split(before, b, " "); split(after, a, " "); split("sandbox worker api postgres", name, " ")
      line = "  cpu seconds:"; ours = 0
      for (i = 1; i <= 4; i++) { d = a[i] - b[i]; ours += d; line = line sprintf(" %s %.1f,", name[i], d) }
      printf "%s others on the machine %.1f\n", line, (a[5] - b[5]) - ours }'
}

figures="$work/figures.tsv"
run_figures "$work/x/run.json" full > "$figures"
scheduled_run unchanged >> "$figures"

# 1 % of each kind the touch call serves (every incremental kind but pipeline-run, whose runs have no changed time).
counts="$(curl -fsS "${state[sandbox]}/_sandbox/expected-counts")"
touched=0
for kind in work-item build release release-deployment test-run advanced-security-alert; do
  count="$(jq --arg k "$kind" '((.[$k] // 0) + 99) / 100 | floor' <<<"$counts")"
  [ "$count" -gt 0 ] || continue
  n="$(jq -n --arg k "$kind" --argjson c "$count" '{kind: $k, count: $c}' \
    | curl -fsS -X POST "${state[sandbox]}/_sandbox/touch" -H 'Content-Type: application/json' --data-binary @- | jq '.touched | length')"
  log "touched $n of $(jq --arg k "$kind" '.[$k]' <<<"$counts") $kind"
  touched=$((touched + n))
done
scheduled_run "changed-1%" >> "$figures"

echo
echo "== incremental vs full (scale $scale, $(jq '[.[]] | add' <<<"$counts") entities; $touched objects touched before the last run) =="
column -t -s $'\t' < <(printf 'run\tmode\tseconds\trequests\tfetched\tupserted\tunchanged\n'; cat "$figures")
awk -F'\t' 'NR == 1 { s = $3; r = $4 } NR > 1 { printf "%s: %.1f%% of the full run'\''s seconds, %.2f%% of its requests\n", $1, $3 * 100 / s, $4 * 100 / r }' "$figures"
echo "load average: $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after ($(nproc) cores; figures are only comparable on an otherwise idle machine)"
