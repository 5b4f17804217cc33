#!/usr/bin/env bash
# Live events benchmark (see bench/README.md, "Live events"): its own PostgreSQL, an Azure DevOps sandbox that
# delivers service hooks to the Api, the Api and one Worker process. For each rate, work-item changes are made in the
# sandbox at that rate; each delivery goes sandbox -> intake (inbox) -> Worker (re-fetch, map, upsert). Reports the
# latency from delivery accepted (inbox received_at) to entity written (applied_at) as p50/p99, without and with a full
# resync of the organization running, the Worker's CPU per applied event, and the intake's throughput (deliveries/s
# accepted with the inbox write) when the rate limit is out of the way. Asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/system.sh
source bench/lib/stack.sh

rates="10 50" seconds=30 work_items=250000 blast_changes=40 blast_copies=25
while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --work-items) work_items="$2"; shift 2 ;;
    # For CI: proves the script still works in a few minutes; its figures mean little.
    --smoke) rates="10" seconds=3 work_items=3000 blast_changes=4 blast_copies=5; shift ;;
    -h|--help) echo "usage: bench/live-events.sh [--rates '10 50'] [--seconds 30] [--work-items 250000] | --smoke"
               echo "  env: BENCH_KEEP=1 keeps the work folder"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

ensure_system_packages
ensure_curl

bench_start runner-livebench 58432
api_port="$(free_port 58080)"
sandbox_port="$(free_port $((api_port + 1)))"
worker_port="$(free_port $((sandbox_port + 1)))"
sandbox="http://127.0.0.1:$sandbox_port"

# One project whose work items are the resync's load; the live changes touch its first 1,000.
pat="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
Logging__LogLevel__Default=Warning dotnet "$(bin tools/AdoSandbox Runner.Tools.AdoSandbox)" --urls "$sandbox" \
  --Sandbox:Organization live --Sandbox:Pat "$pat" --Sandbox:Projects 1 --Sandbox:WorkItemsPerProject "$work_items" \
  --Sandbox:TeamsPerProject 1 --Sandbox:ReposPerProject 1 --Sandbox:PipelinesPerProject 1 >"$work/logs/sandbox.log" 2>&1 & pids+=($!)
wait_for_http "$sandbox/_sandbox/expected-counts" 120

operator="op_$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
runner_env=(
  Runner__Database__ConnectionString="$(pg_connection_string "$pg_port" "$pg_dir" runner)" Runner__Bootstrap__AdminApiKey="$operator"
  Runner__Secrets__Local__Key="$(head -c 32 /dev/urandom | base64 -w0)" Runner__Egress__AllowPrivateNetworks=true
  Runner__LiveEvents__PublicUrl="http://127.0.0.1:$api_port/" Runner__LiveEvents__CheckInterval=00:00:05
  Runner__LiveEvents__DeliveriesPerSecond=10000 ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning)
env "${runner_env[@]}" dotnet "$(bin Runner.Api Runner.Api)" migrate --contentRoot "$PWD/Runner.Api" >"$work/logs/migrate.log" 2>&1 \
  || { cat "$work/logs/migrate.log" >&2; exit 1; }
env "${runner_env[@]}" dotnet "$(bin Runner.Api Runner.Api)" --contentRoot "$PWD/Runner.Api" --urls "http://127.0.0.1:$api_port" \
  >"$work/logs/api.log" 2>&1 & pids+=($!)
wait_for_http "http://127.0.0.1:$api_port/readyz" 60
env "${runner_env[@]}" dotnet "$(bin Runner.Worker Runner.Worker)" --contentRoot "$PWD/Runner.Worker" --urls "http://127.0.0.1:$worker_port" \
  >"$work/logs/worker.log" 2>&1 & worker_pid=$! worker_pids=($!)
wait_for_http "http://127.0.0.1:$worker_port/readyz" 120
api="http://127.0.0.1:$api_port/api/v1"

key="$(curl -fsS -X POST "$api/admin/tenants" -H "Authorization: Bearer $operator" -H 'Content-Type: application/json' \
  -d '{"name":"Live bench"}' | jq -r .apiKey)"
auth=(-H "Authorization: Bearer $key" -H 'Content-Type: application/json')
mapping='resources:
  - kind: work-item
    selector:
      query: "true"
    port:
      entity:
        mappings:
          identifier: .id | tostring
          title: .fields."System.Title"
          blueprint: "\"azureDevopsWorkItem\""
          properties:
            state: .fields."System.State"'
installation="$(jq -n --arg org "$sandbox/live" --arg pat "$pat" --arg mapping "$mapping" '{integrationType: "azure-devops", name: "Live",
  integrationSettings: {organizationUrl: $org, personalAccessToken: {newSecret: {name: "pat", value: $pat}}}, mapping: $mapping}' \
  | curl -fsS -X POST "$api/installations" "${auth[@]}" -d @- | jq -r .id)"

wait_run() { # RUN_ID: until it is no longer queued or running
  while [ "$(curl -fsS "$api/resyncs/$1" "${auth[@]}" | jq -r .status)" = queued ] \
     || [ "$(curl -fsS "$api/resyncs/$1" "${auth[@]}" | jq -r .status)" = running ]; do sleep 1; done
}
first_run="$(curl -fsS "$api/installations/$installation" "${auth[@]}" | jq -r .lastRun.id)"
log "first resync of $work_items work items..."
wait_run "$first_run"
log "first resync: $(curl -fsS "$api/resyncs/$first_run" "${auth[@]}" | jq -c '{status, startedAt, finishedAt}')"
until [ "$(curl -fsS "$api/installations/$installation" "${auth[@]}" | jq -r .liveEvents.status)" = active ]; do sleep 1; done
log "live events: $(curl -fsS "$api/installations/$installation" "${auth[@]}" | jq -c .liveEvents)"

worker_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15 + $16 + $17) / hz }' "/proc/$worker_pid/stat"; }

# drive RATE SECONDS LABEL: RATE changes a second for SECONDS, then waits for every delivery to be applied.
# The sandbox makes the changes itself, paced to a schedule (its /changes/work-items/stream): one curl per change
# tops out near 27 changes/s on this machine once a resync shares it.
next_label=0
drive() {
  local rate="$1" duration="$2" label="$3" total since cpu_before cpu_after applied pending deadline
  total=$((rate * duration))
  since="$(sql -c "SELECT now()")"
  cpu_before="$(worker_cpu)"
  next_label=$((next_label + 1))
  log "  $(curl -fsS -X POST "$sandbox/_sandbox/changes/work-items/stream" -H 'Content-Type: application/json' \
    -d "{\"rate\":$rate,\"count\":$total,\"firstId\":1,\"items\":1000,\"title\":\"live $label $next_label\"}" \
    | jq -r '"\(.made) changes made in \(.seconds) s"')"
  deadline=$((SECONDS + 300))
  while true; do
    pending="$(sql -c "SELECT count(*) FROM runner.live_events WHERE received_at >= '$since' AND applied_at IS NULL")"
    received="$(sql -c "SELECT count(*) FROM runner.live_events WHERE received_at >= '$since'")"
    [ "$pending" -eq 0 ] && [ "$received" -ge "$total" ] && break
    [ "$SECONDS" -lt "$deadline" ] || { log "warning: $pending pending, $received of $total received after 5 minutes"; break; }
    sleep 0.5
  done
  cpu_after="$(worker_cpu)"
  applied="$(sql -c "SELECT count(*) FROM runner.live_events WHERE received_at >= '$since' AND applied_at IS NOT NULL")"
  sql -c "SELECT format('%s at %s/s: %s applied, latency p50 %s ms, p99 %s ms, max %s ms', '$label', $rate, count(*),
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - received_at)) * 1000),
      round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - received_at)) * 1000),
      round(max(extract(epoch FROM applied_at - received_at)) * 1000))
    FROM runner.live_events WHERE received_at >= '$since' AND applied_at IS NOT NULL"
  echo "  Worker CPU per applied event: $(echo "scale=2; ($cpu_after - $cpu_before) * 1000 / ($applied + (${applied} == 0))" | bc) ms"
}

echo "== event -> catalog latency, no resync running =="
for rate in $rates; do drive "$rate" "$seconds" idle; done

echo "== event -> catalog latency, a full resync running =="
for rate in $rates; do
  run="$(curl -fsS -X POST "$api/installations/$installation/resyncs" "${auth[@]}" | jq -r .id)"
  # A small organization's resync can start and finish between two polls (the smoke's takes under a second): wait
  # for it to leave the queue, not to be seen running.
  started_by=$((SECONDS + 300))
  until [ "$(curl -fsS "$api/resyncs/$run" "${auth[@]}" | jq -r .status)" != queued ]; do
    [ "$SECONDS" -lt "$started_by" ] || { log "error: resync $run still queued after 5 minutes"; exit 1; }
    sleep 0.2
  done
  drive "$rate" "$seconds" resync
  wait_run "$run"
  # Only the deliveries received while the resync ran count as "during": a fast resync can end before the rate does.
  window="$(curl -fsS "$api/resyncs/$run" "${auth[@]}" | jq -r '"\(.startedAt)|\(.finishedAt)|\(.status)"')"
  IFS='|' read -r run_started run_finished run_status <<<"$window"
  sql -c "SELECT format('  of which received while the resync ran (%s s, %s): %s applied (%s/s), latency p50 %s ms, p99 %s ms, max %s ms',
      round(extract(epoch FROM '$run_finished'::timestamptz - '$run_started'::timestamptz)::numeric, 1), '$run_status', count(*),
      round(count(*) / greatest(extract(epoch FROM max(received_at) - min(received_at)), 0.001)),
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - received_at)) * 1000),
      round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - received_at)) * 1000),
      round(max(extract(epoch FROM applied_at - received_at)) * 1000))
    FROM runner.live_events WHERE received_at BETWEEN '$run_started' AND '$run_finished' AND applied_at IS NOT NULL"
done

echo "== intake throughput (no rate limit, the inbox write included) =="
# Each change is delivered blast_copies times (the sandbox's duplicate knob; each copy is a full intake with its
# inbox insert); the changes go in parallel.
curl -fsS -o /dev/null -X POST "$sandbox/_sandbox/delivery-faults" -H 'Content-Type: application/json' -d "{\"duplicates\":$((blast_copies - 1))}"
curl -fsS -o /dev/null -X DELETE "$sandbox/_sandbox/deliveries"
start="$(date +%s.%N)" blasts=()
for i in $(seq 1 "$blast_changes"); do
  curl -fsS -o /dev/null -X PATCH "$sandbox/_sandbox/changes/work-items/$((1000 + i))" -H 'Content-Type: application/json' \
    -d '{"fields":{"System.Title":"blast"}}' & blasts+=($!)
done
wait "${blasts[@]}" 2>/dev/null || true
end="$(date +%s.%N)"
curl -fsS "$sandbox/_sandbox/deliveries" | jq -r --arg s "$(echo "$end - $start" | bc)" '
  (if type == "array" then . else .items end) as $d
  | ($d | map(select(.status == 202 or .status == 200)) | length) as $ok
  | "\($d | length) deliveries in \($s | tonumber * 10 | round / 10) s: \($ok) accepted (\($ok / ($s | tonumber) | round)/s), statuses \($d | group_by(.status) | map("\(.[0].status)x\(length)") | join(" "))"'
curl -fsS -o /dev/null -X POST "$sandbox/_sandbox/delivery-faults" -H 'Content-Type: application/json' -d '{"duplicates":0}'
echo "(with the default Runner:LiveEvents:DeliveriesPerSecond of 50, a burst beyond 50/s per installation gets 429)"
