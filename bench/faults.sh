#!/usr/bin/env bash
# Faults and kills, measured (see bench/README.md, "Faults and kills"): its own PostgreSQL, the Azure DevOps sandbox,
# the Api and a Worker as separate processes, one installation with the default mapping. Compares the catalog with a
# clean run's after (1) resyncs under random sandbox faults, (2) Worker SIGKILLs at random points, (3) a PostgreSQL
# restart mid-run. Prints the counts; exits non-zero when an invariant breaks (entities wrongly deleted, a catalog
# that differs after a kill, a Worker that does not reconnect, staged rows left behind).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/system.sh

runs=100 kills=20
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "--runs takes a number" >&2; exit 2; }; runs="$2"; shift 2 ;;
    --kills) [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "--kills takes a number" >&2; exit 2; }; kills="$2"; shift 2 ;;
    # For CI: a handful of each, to prove the script and the invariants still hold.
    --smoke) runs=5 kills=2; shift ;;
    -h|--help) echo "usage: bench/faults.sh [--runs 100] [--kills 20] | --smoke   (env: BENCH_KEEP=1 keeps the work folder, BENCH_SEED=N repeats a run)"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done
seed="${BENCH_SEED:-$$}"
RANDOM="$seed"

ensure_system_packages
ensure_curl

work="$(mktemp -d "${TMPDIR:-/tmp}/runner-faults.XXXXXX")"
chmod 755 "$work"   # the postgres OS user must reach the cluster folder inside it
mkdir -p "$work/logs"
: > "$work/api-errors"
pids=() worker_pid="" pg_dir=""
cleanup() {
  local status=$? pid
  trap "" INT TERM; trap - EXIT
  for pid in $worker_pid "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $worker_pid "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_dir" ]; then pg_stop "$pg_dir"; fi
  if [ "$status" -ne 0 ] || [ "${BENCH_KEEP:-}" = 1 ]; then echo "work folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run; BENCH_SEED=$seed" >&2
echo "building (Release)..." >&2
dotnet build Runner.slnx -c Release -v quiet -nologo >&2
bin() { echo "$1/bin/Release/net10.0/$2.dll"; }
source bench/lib/resync.sh   # log

pg_port="$(free_port 59432)"
pg_dir="$work/db"
pg_start "$pg_dir" "$pg_port"
pg_ensure_database "$pg_dir" "$pg_port" runner
export PGPASSWORD; PGPASSWORD="$(cat "$pg_dir/pg-password")"
sql() { "$(pg_bin_dir)/psql" -h 127.0.0.1 -p "$pg_port" -U runner -d runner -v ON_ERROR_STOP=1 -qtAX "$@"; }
api_port="$(free_port 59080)"
sandbox_port="$(free_port $((api_port + 1)))"
worker_port="$(free_port $((sandbox_port + 1)))"
sandbox="http://127.0.0.1:$sandbox_port"

# A small organization with several pages per kind, so a fault can land in the middle of one.
pat="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
Logging__LogLevel__Default=Warning dotnet "$(bin tools/AdoSandbox Runner.Tools.AdoSandbox)" --urls "$sandbox" \
  --Sandbox:Organization faults --Sandbox:Pat "$pat" --Sandbox:Projects 2 --Sandbox:ReposPerProject 3 --Sandbox:BranchesPerRepo 6 \
  --Sandbox:PullRequestsPerRepo 6 --Sandbox:WorkItemsPerProject 60 --Sandbox:BuildsPerProject 12 --Sandbox:MaxPageSize 5 \
  >"$work/logs/sandbox.log" 2>&1 & pids+=($!)
wait_for_http "$sandbox/_sandbox/expected-counts" 120

operator="op_$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
# Quick timeouts, retries and crash detection, so a fault costs seconds rather than minutes.
runner_env=(
  Runner__Database__ConnectionString="$(pg_connection_string "$pg_port" "$pg_dir" runner)" Runner__Bootstrap__AdminApiKey="$operator"
  Runner__Secrets__Local__Key="$(head -c 32 /dev/urandom | base64 -w0)" Runner__Egress__AllowPrivateNetworks=true
  Runner__AzureDevOps__AttemptTimeout=00:00:02 Runner__AzureDevOps__MaxRetries=2 Runner__AzureDevOps__RetryBaseDelay=00:00:00.2
  Runner__AzureDevOps__MaxRetryDelay=00:00:02 Runner__Resync__RetryDelay=00:00:01 Runner__Resync__HeartbeatInterval=00:00:01
  Runner__Resync__HeartbeatTimeout=00:00:05 Runner__Resync__SweepInterval=00:00:01
  ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning)
env "${runner_env[@]}" dotnet "$(bin Runner.Api Runner.Api)" migrate --contentRoot "$PWD/Runner.Api" >"$work/logs/migrate.log" 2>&1 \
  || { cat "$work/logs/migrate.log" >&2; exit 1; }
env "${runner_env[@]}" dotnet "$(bin Runner.Api Runner.Api)" --contentRoot "$PWD/Runner.Api" --urls "http://127.0.0.1:$api_port" \
  >"$work/logs/api.log" 2>&1 & pids+=($!)
wait_for_http "http://127.0.0.1:$api_port/readyz" 60
workers=0
start_worker() {
  workers=$((workers + 1))
  env "${runner_env[@]}" dotnet "$(bin Runner.Worker Runner.Worker)" --contentRoot "$PWD/Runner.Worker" --urls "http://127.0.0.1:$worker_port" \
    >"$work/logs/worker-$workers.log" 2>&1 & worker_pid=$!
  wait_for_http "http://127.0.0.1:$worker_port/readyz" 120
}
start_worker
api="http://127.0.0.1:$api_port/api/v1"

key="$(curl -fsS -X POST "$api/admin/tenants" -H "Authorization: Bearer $operator" -H 'Content-Type: application/json' \
  -d '{"name":"Faults bench"}' | jq -r .apiKey)"
auth=(-H "Authorization: Bearer $key" -H 'Content-Type: application/json')
created="$(jq -n --arg org "$sandbox/faults" --arg pat "$pat" '{integrationType: "azure-devops", name: "Faults",
  integrationSettings: {organizationUrl: $org, personalAccessToken: {newSecret: {name: "pat", value: $pat}}},
  applicationSettings: {resyncIntervalHours: 24, incrementalSync: false}}' | curl -fsS -X POST "$api/installations" "${auth[@]}" -d @-)"
installation="$(jq -r .id <<<"$created")"

faults() { curl -fsS -o /dev/null -X POST "$sandbox/_sandbox/faults" -H 'Content-Type: application/json' -d "$1"; }
# The installation's latest run as "id status". A failed answer (the Api right after PostgreSQL restarted) is counted
# in $work/api-errors and asked again.
last_run() {
  local body tries=0
  until body="$(curl -fsS "$api/installations/$installation" "${auth[@]}" 2>/dev/null)"; do
    echo x >> "$work/api-errors"
    tries=$((tries + 1)); [ "$tries" -lt 60 ] || { log "error: the Api kept failing"; return 1; }
    sleep 0.5
  done
  jq -r '.lastRun.id + " " + .lastRun.status' <<<"$body"
}
# Until the installation's latest run (retries and re-dos included) has finished; prints "id status".
settle() {
  local deadline=$((SECONDS + 600)) current
  while true; do
    current="$(last_run)"
    case "${current#* }" in queued|running) ;; *) echo "$current"; return ;; esac
    [ "$SECONDS" -lt "$deadline" ] || { log "error: run ${current% *} did not finish within 10 minutes"; return 1; }
    sleep 0.5
  done
}
trigger() { # starts a manual resync (409 when one is active: then that one counts)
  curl -sS -o /dev/null -X POST "$api/installations/$installation/resyncs" "${auth[@]}" || true
}
# The installation's catalog: one line per entity, its key and a hash of what it says. The default mapping makes the
# same column name of two boards of a project one entity, whose board relation is whichever board came last: that
# relation is left out, as it differs between clean runs too.
snapshot() {
  sql -c "SELECT blueprint || '/' || identifier || ' ' || md5(concat_ws('|', title, icon, team::text, properties::text,
            (CASE WHEN blueprint = 'azureDevopsColumn' THEN relations - 'board' ELSE relations END)::text))
          FROM runner.entities WHERE installation_id = '$installation' AND NOT is_placeholder ORDER BY 1" > "$1"
}
# missing (in the clean catalog, gone now) and differing (other content or extra) against the clean run's catalog
compare() {
  snapshot "$work/now.txt"
  missing="$(comm -23 <(cut -d' ' -f1 "$work/clean.txt") <(cut -d' ' -f1 "$work/now.txt") | wc -l)"
  differing="$(comm -3 "$work/clean.txt" "$work/now.txt" | cut -f1,2 | tr -d '\t' | cut -d' ' -f1 | sort -u | wc -l)"
  differing=$((differing - missing))
}
staged_leaks() {
  sql -c "SELECT count(*) FROM runner.resync_staged_entities s
          WHERE NOT EXISTS (SELECT 1 FROM runner.resync_runs r WHERE r.id = s.run_id AND r.status IN ('Queued', 'Running'))"
}
broken=0
invariant() { log "INVARIANT BROKEN: $*"; broken=1; }

outcome="$(settle)" || exit 1; read -r first status <<<"$outcome"
[ "$status" = succeeded ] || { log "error: the clean first run $first ended $status"; exit 1; }
snapshot "$work/clean.txt"
log "clean run: $(wc -l < "$work/clean.txt") entities"

# 1. Random faults, one kind per run, scoped to a random area where a path makes sense.
paths=(/_apis/git/ /refs /pullrequests /_apis/build/ /_apis/wit/ /_apis/pipelines /_apis/projects /items /timeline /_apis/release/)
declare -A by_fault=() failed_by_fault=()
succeeded=0 failed=0 wrongly_deleted=0 differing_after_faults=0
for i in $(seq 1 "$runs"); do
  path="${paths[RANDOM % ${#paths[@]}]}"
  case $((RANDOM % 7)) in
    0) name=429 settings="{\"ThrottleEveryNth\":$((5 + RANDOM % 15)),\"RetryAfterSeconds\":1}" ;;
    1) name=5xx settings="{\"ServerErrorEveryNth\":$((3 + RANDOM % 8)),\"ServerErrorStatus\":$((RANDOM % 2 ? 503 : 500))}" ;;
    2) name=timeout settings="{\"PathContains\":\"$path\",\"LatencyMs\":2500}" ;;
    3) name=dropped settings="{\"DropConnectionEveryNth\":$((4 + RANDOM % 12))}" ;;
    4) name=truncated settings="{\"TruncateBodyPathContains\":\"$path\"}" ;;
    5) name=203 settings="{\"SignInPageEveryNth\":$((15 + RANDOM % 40))}" ;;
    6) name=404 settings="{\"NotFoundPathContains\":\"$path\"}" ;;
  esac
  faults "$settings"
  trigger
  outcome="$(settle)" || exit 1; read -r run status <<<"$outcome"
  faults '{}'
  compare
  by_fault[$name]=$((${by_fault[$name]:-0} + 1))
  if [ "$status" = succeeded ]; then succeeded=$((succeeded + 1)); else failed=$((failed + 1)); failed_by_fault[$name]=$((${failed_by_fault[$name]:-0} + 1)); fi
  wrongly_deleted=$((wrongly_deleted + missing))
  [ "$differing" -eq 0 ] || differing_after_faults=$((differing_after_faults + 1))
  [ "$missing" -eq 0 ] || invariant "run $run under $name $settings ended $status and deleted $missing entities the clean run has"
  log "  fault run $i/$runs: $name $settings -> $status, missing $missing, differing $differing"
done

# 2. SIGKILL the Worker at a random point of a resync; a new Worker sweeps the run and re-does it.
kill_mismatches=0 killed_running=0
for i in $(seq 1 "$kills"); do
  trigger
  sleep "$((RANDOM % 6)).$((RANDOM % 10))"
  state="$(last_run)"
  kill -KILL "$worker_pid"; wait "$worker_pid" 2>/dev/null || true
  [ "${state#* }" = running ] && killed_running=$((killed_running + 1))
  start_worker
  outcome="$(settle)" || exit 1; read -r run status <<<"$outcome"
  # A run that was not re-done (killed while queued, or quarantined) is finished by hand, as an operator would.
  [ "$status" = succeeded ] || { trigger; outcome="$(settle)" || exit 1; read -r run status <<<"$outcome"; }
  compare
  if [ "$missing" -ne 0 ] || [ "$differing" -ne 0 ] || [ "$status" != succeeded ]; then
    kill_mismatches=$((kill_mismatches + 1))
    invariant "after kill $i (the run was ${state#* }) the catalog differs from the clean one: missing $missing, differing $differing, last run $status"
  fi
  log "  kill $i/$kills while ${state#* }: then $status, missing $missing, differing $differing"
done
compare
final_kill_missing=$missing final_kill_differing=$differing

# 3. PostgreSQL restarted mid-run: the run fails or resumes, the same Worker reconnects, nothing staged is left.
trigger
deadline=$((SECONDS + 120))
until [ "$(last_run | cut -d' ' -f2)" = running ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.2; done
sleep 1
pg_stop "$pg_dir"
sleep 2
pg_start "$pg_dir" "$pg_port"
outcome="$(settle)" || exit 1; read -r run restart_status <<<"$outcome"
api_errors="$(wc -l < "$work/api-errors" 2>/dev/null || echo 0)"
worker_alive=1
kill -0 "$worker_pid" 2>/dev/null || { worker_alive=0; invariant "the Worker exited when PostgreSQL restarted"; }
wait_for_http "http://127.0.0.1:$worker_port/readyz" 60 || invariant "the Worker is not ready again after PostgreSQL restarted"
trigger
outcome="$(settle)" || exit 1; read -r run after_restart <<<"$outcome"
[ "$after_restart" = succeeded ] || invariant "the first resync after the PostgreSQL restart ended $after_restart"
compare
[ "$missing" -eq 0 ] && [ "$differing" -eq 0 ] || invariant "after the PostgreSQL restart the catalog differs: missing $missing, differing $differing"
leaks="$(staged_leaks)"
[ "$leaks" -eq 0 ] || invariant "$leaks staged rows of finished runs were left behind"

echo
echo "== faults: $runs resyncs under random sandbox faults =="
for name in 429 5xx timeout dropped truncated 203 404; do
  echo "  $name: ${by_fault[$name]:-0} runs, ${failed_by_fault[$name]:-0} failed"
done
echo "runs succeeded $succeeded, failed $failed; entities wrongly deleted $wrongly_deleted; runs leaving a differing catalog $differing_after_faults"
echo "== kills: $kills Worker SIGKILLs ($killed_running while a run was running) =="
echo "catalogs differing after a kill $kill_mismatches; final catalog: missing $final_kill_missing, differing $final_kill_differing"
echo "== PostgreSQL restart mid-run =="
echo "the run ended $restart_status; Worker alive without a restart $worker_alive; next resync $after_restart; staged rows leaked $leaks; failed Api answers right after the restart $api_errors"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$broken" -eq 0 ] || { echo "error: an invariant broke (see INVARIANT BROKEN above)" >&2; exit 1; }
