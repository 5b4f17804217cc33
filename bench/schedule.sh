#!/usr/bin/env bash
# Scheduling benchmark (see bench/README.md, "Scheduling"): its own PostgreSQL, one tiny Azure DevOps
# sandbox, the Api and Worker processes. Registers 10,000 installations through the API with no Worker
# running, reads the per-minute spread of their next hour from Hangfire's storage, then releases 1,000
# queued resyncs at one instant with 1 and with 2 Worker processes and measures start lag and throughput,
# and the Hangfire overhead per resync with a single worker thread. Asserts nothing. Every child process
# and PostgreSQL are stopped on exit, failure included.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/system.sh
source bench/lib/stack.sh
source bench/lib/resync.sh   # cpu_of_postgres

tenants=100 per_tenant=100 parallel=12 burst=1000 overhead_runs=300
worker_count="${BENCH_WORKER_COUNT:-20}" max_per_tenant="${BENCH_MAX_PER_TENANT:-100}"
while [ $# -gt 0 ]; do
  case "$1" in
    --tenants) tenants="$2"; shift 2 ;;
    --per-tenant) per_tenant="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --burst) burst="$2"; shift 2 ;;
    --overhead-runs) overhead_runs="$2"; shift 2 ;;
    # For CI: proves the script still works in about a minute; its figures mean little.
    --smoke) tenants=5 per_tenant=10 parallel=4 burst=20 overhead_runs=6; shift ;;
    -h|--help) echo "usage: bench/schedule.sh [--tenants 100] [--per-tenant 100] [--parallel 12] [--burst 1000] [--overhead-runs 300] | --smoke"
               echo "  env: BENCH_WORKER_COUNT (20), BENCH_MAX_PER_TENANT (100), BENCH_WORKER_ENV (extra VAR=VALUE for the Workers), BENCH_KEEP=1 keeps the work folder"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done
total=$((tenants * per_tenant))
[ $((2 * burst + overhead_runs)) -le "$total" ] || { echo "need tenants x per-tenant >= 2 x burst + $overhead_runs" >&2; exit 2; }

ensure_system_packages
ensure_curl

bench_start runner-schedbench 57432
api_port="$(free_port 57080)"
sandbox_port="$(free_port $((api_port + 1)))"
worker_port_base=$((sandbox_port + 1))

start_tiny_stack
log "sandbox organization: $(curl -fsS "http://127.0.0.1:$sandbox_port/_sandbox/expected-counts" | jq -c .)"

# ---- 1. Registration: no Worker runs, so each creation's first run stays queued (not executed). ----
log "creating $tenants tenants..."
: > "$work/keys"
for t in $(seq 1 "$tenants"); do
  curl -fsS -X POST "$api/admin/tenants" -H "Authorization: Bearer $operator" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench $t\"}" | jq -r .apiKey >> "$work/keys"
done
# One curl config: every request a block, run --parallel over $parallel connections (no process per request).
# Round-robin over the tenants: concurrent first installations of one tenant race on its default blueprints
# (pk_blueprints, DefaultBlueprints.AddMissingAsync), so a tenant's first request is done ~$tenants requests
# before its second starts.
log "writing $total installation requests..."
awk -v per="$per_tenant" -v api="$api" -v org="$org" -v pat="$pat" '{ key[NR] = $1 } END {
  for (i = 1; i <= per; i++) for (t = 1; t <= NR; t++) {
    n = (i - 1) * NR + t
    if (n > 1) print "next"
    printf "url = \"%s/installations\"\nheader = \"Authorization: Bearer %s\"\nheader = \"Content-Type: application/json\"\n", api, key[t]
    printf "data = \"{\\\"integrationType\\\":\\\"azure-devops\\\",\\\"name\\\":\\\"Tiny %d\\\",\\\"integrationSettings\\\":{\\\"organizationUrl\\\":\\\"%s\\\",\\\"personalAccessToken\\\":{\\\"newSecret\\\":{\\\"name\\\":\\\"pat-%d\\\",\\\"value\\\":\\\"%s\\\"}}}}\"\n", n, org, n, pat
    printf "output = \"/dev/null\"\nwrite-out = \"%%{http_code} %%{time_total}\\n\"\n"
  }
}' "$work/keys" > "$work/registration.curl"
log "registering $total installations ($tenants tenants x $per_tenant), $parallel in parallel..."
reg_start="$(date +%s.%N)"
curl -sS --no-progress-meter --parallel --parallel-max "$parallel" --parallel-immediate -K "$work/registration.curl" > "$work/registration.out" || true
reg_end="$(date +%s.%N)"
reg_s="$(echo "$reg_end - $reg_start" | bc)"
reg_ok="$(grep -c '^201 ' "$work/registration.out" || true)"
log "status codes: $(cut -d' ' -f1 "$work/registration.out" | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
reg_p50_p99="$(awk '$1 == 201 { print $2 }' "$work/registration.out" | sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%.0f/%.0f", v[int(NR * 0.5) + (NR * 0.5 > int(NR * 0.5))] * 1000, v[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))] * 1000 }')"
reg_rate="$(echo "scale=1; $reg_ok / $reg_s" | bc)"
log "registration: $reg_ok of $total created in $(printf %.1f "$reg_s") s = $reg_rate/s (request latency p50/p99 $reg_p50_p99 ms)"
[ "$reg_ok" -eq "$total" ] || { log "error: not every installation was created"; exit 1; }
log "hangfire after registration: $(sql -c "SELECT count(*) FILTER (WHERE true) || ' recurring jobs' FROM hangfire.hash WHERE key LIKE 'recurring-job:resync:%' AND field = 'Cron'"), \
$(sql -c "SELECT count(*) || ' queued jobs' FROM hangfire.jobqueue"), $(sql -c "SELECT count(*) || ' queued runs' FROM runner.resync_runs WHERE status = 'Queued'")"

# ---- 2. Spread: the next execution Hangfire stored for each recurring job (NextExecution, Unix ms), per minute
# of the hour. Registration spans minute boundaries, so a minute's jobs registered before and after it passed
# are due in two different clock hours; for hourly jobs the minute of the hour is what repeats every hour. ----
sql -c "
  SELECT extract(minute FROM to_timestamp(value::bigint / 1000.0)) AS minute, count(*) FROM hangfire.hash
  WHERE key LIKE 'recurring-job:resync:%' AND field = 'NextExecution'
  GROUP BY 1 ORDER BY 1" > "$work/histogram.txt"
read -r spread_buckets spread_min spread_max spread_mean spread_ratio < <(awk -F'|' '
  { n++; c = $2 + 0; s += c; if (n == 1 || c < lo) lo = c; if (c > hi) hi = c }
  END { printf "%d %d %d %.1f %.2f\n", n, lo, hi, s / 60, hi / (s / 60) }' "$work/histogram.txt")
crons_ok="$(sql -c "SELECT count(*) FROM hangfire.hash WHERE key LIKE 'recurring-job:resync:%' AND field = 'Cron' AND value ~ '^[0-9]+ \* \* \* \*$'")"
log "spread: $crons_ok hourly crons; $spread_buckets minute buckets with starts, per minute min $spread_min max $spread_max, mean $spread_mean ($total/60): max/mean $spread_ratio"
log "  per minute: $(cut -d'|' -f2 "$work/histogram.txt" | tr '\n' ' ')"

# ---- 3/4. Dispatch. ----
# The registration's 10,000 enqueued first runs are taken out of Hangfire's queue, and the recurring jobs'
# next executions pushed a week out, so only the runs released below execute. Each round releases its runs
# in one transaction: queued_at = now() and their Hangfire jobs back in the queue (what 1,000 enqueues at
# one instant from another process look like to the Workers: they see them at their next queue poll).
sql <<'SQL'
CREATE TABLE public.bench_runs AS
  SELECT r.id AS run_id, j.id AS job_id, j.queue_name, row_number() OVER (ORDER BY random()) AS n
  FROM runner.resync_runs r
  JOIN (SELECT q.jobid AS id, q.queue AS queue_name, jj.arguments FROM hangfire.jobqueue q JOIN hangfire.job jj ON jj.id = q.jobid) j
    ON j.arguments::text LIKE '%' || r.id::text || '%'
  WHERE r.status = 'Queued';
DELETE FROM hangfire.jobqueue;
UPDATE hangfire.set SET score = score + 7 * 86400 WHERE key = 'recurring-jobs';
SQL
log "runs matched to their Hangfire jobs: $(sql -c "SELECT count(*) FROM public.bench_runs")"

start_workers() { # COUNT WORKER_THREADS
  local i
  for i in $(seq 1 "$1"); do
    env "${runner_env[@]}" Runner__Worker__WorkerCount="$2" Runner__Resync__MaxConcurrentPerTenant="$max_per_tenant" ${BENCH_WORKER_ENV:-} \
      dotnet "$(bin Runner.Worker Runner.Worker)" --contentRoot "$PWD/Runner.Worker" --urls "http://127.0.0.1:$((worker_port_base + i))" \
      >>"$work/logs/worker$i.log" 2>&1 & worker_pids+=($!)
  done
  for i in $(seq 1 "$1"); do wait_for_http "http://127.0.0.1:$((worker_port_base + i))/readyz" 120; done
  sleep 5   # Hangfire servers up and polling an empty queue
}
stop_workers() { stop_pids "${worker_pids[@]}"; worker_pids=(); }
# CPU seconds used so far by the Worker processes (fields 14-17 of /proc/PID/stat).
workers_cpu() {
  local pid total=0
  for pid in "${worker_pids[@]}"; do
    total="$(awk -v hz="$(getconf CLK_TCK)" -v t="$total" '{ printf "%.2f", t + ($14 + $15 + $16 + $17) / hz }' "/proc/$pid/stat")"
  done
  echo "$total"
}

# release FIRST LAST: makes those runs due together; waits until none of them is queued or running.
release() {
  local first="$1" last="$2" deadline=$((SECONDS + 1800)) left
  sql -c "BEGIN;
    UPDATE runner.resync_runs SET queued_at = now() WHERE id IN (SELECT run_id FROM public.bench_runs WHERE n BETWEEN $first AND $last);
    INSERT INTO hangfire.jobqueue (jobid, queue) SELECT job_id, queue_name FROM public.bench_runs WHERE n BETWEEN $first AND $last;
    COMMIT;"
  while true; do
    # A run whose ResyncJob failed before its claim (Hangfire state Failed, no retry) stays Queued for ever: not waited for.
    left="$(sql -c "SELECT count(*) FROM runner.resync_runs r JOIN public.bench_runs b ON b.run_id = r.id JOIN hangfire.job j ON j.id = b.job_id
      WHERE b.n BETWEEN $first AND $last AND r.status IN ('Queued', 'Running') AND j.statename <> 'Failed'")"
    [ "$left" -eq 0 ] && break
    [ "$SECONDS" -lt "$deadline" ] || { log "error: $left runs still queued or running after 30 minutes"; return 1; }
    sleep 1
  done
}

# stats FIRST LAST: runs, runs/s started, lag p50/p99/max (s), mean engine s, statuses, deferrals.
stats() {
  sql -F ' ' -c "
    WITH r AS (SELECT r.* FROM runner.resync_runs r JOIN public.bench_runs b ON b.run_id = r.id WHERE b.n BETWEEN $1 AND $2),
    l AS (SELECT extract(epoch FROM started_at - queued_at) AS lag, extract(epoch FROM finished_at - started_at) AS engine FROM r)
    SELECT count(*),
      round((count(*) / extract(epoch FROM (SELECT max(started_at) - min(queued_at) FROM r)))::numeric, 1),
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag)::numeric, 2),
      round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lag)::numeric, 2),
      round(max(lag)::numeric, 2), round(avg(engine)::numeric, 3),
      (SELECT string_agg(status || ':' || c, ',') FROM (SELECT status, count(*) c FROM r GROUP BY 1) s),
      (SELECT sum(deferrals) FROM r)
    FROM l WHERE lag IS NOT NULL"
}

results=()
# 4. Overhead: one Worker process with ONE worker thread runs $overhead_runs tiny resyncs back to back; the gap
# between a run's finished_at and the next run's started_at is Hangfire's part (Succeeded + queue delete + fetch
# + Processing + activation) plus the claim (tenant advisory lock, run update) - no queue polling while work waits.
log "overhead: 1 Worker, WorkerCount=1, $overhead_runs runs..."
# The first half warms the Worker up (JIT, pools, caches); the second half's CPU is what a run costs a Worker that
# has been running for a while, the state a production Worker spends its life in.
start_workers 1 1
warm=$((overhead_runs / 2))
cpu_before="$(workers_cpu)"
release 1 "$warm"
cpu_mid="$(workers_cpu)" pg_mid="$(cpu_of_postgres)"
release $((warm + 1)) "$overhead_runs"
cpu_cold_ms="$(echo "scale=1; ($cpu_mid - $cpu_before) * 1000 / $warm" | bc)"
cpu_warm_ms="$(echo "scale=1; ($(workers_cpu) - $cpu_mid) * 1000 / ($overhead_runs - $warm)" | bc)"
# PostgreSQL's side of the same runs (claim, bookkeeping, catalog, Hangfire), plus release's one poll a second.
pg_warm_ms="$(echo "scale=1; ($(cpu_of_postgres) - $pg_mid) * 1000 / ($overhead_runs - $warm)" | bc)"
stop_workers
read -r ov_mean ov_p50 ov_p99 ov_engine < <(sql -F ' ' -c "
  WITH r AS (SELECT r.started_at, r.finished_at FROM runner.resync_runs r JOIN public.bench_runs b ON b.run_id = r.id WHERE b.n BETWEEN 1 AND $overhead_runs),
  g AS (SELECT extract(epoch FROM started_at - lag(finished_at) OVER (ORDER BY started_at)) * 1000 AS gap FROM r)
  SELECT round(avg(gap)::numeric, 1), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY gap)::numeric, 1),
         round(percentile_cont(0.99) WITHIN GROUP (ORDER BY gap)::numeric, 1),
         (SELECT round(avg(extract(epoch FROM finished_at - started_at))::numeric * 1000, 1) FROM r)
  FROM g WHERE gap IS NOT NULL")
log "overhead per resync (finished -> next started, one thread): mean $ov_mean ms, p50 $ov_p50 ms, p99 $ov_p99 ms; engine mean $ov_engine ms per tiny resync"
log "Worker CPU per tiny resync (Hangfire and run bookkeeping included): $cpu_cold_ms ms over runs 1-$warm of a fresh Worker, $cpu_warm_ms ms over runs $((warm + 1))-$overhead_runs; PostgreSQL CPU $pg_warm_ms ms per run over runs $((warm + 1))-$overhead_runs"

first=$((overhead_runs + 1))
for workers in 1 2; do
  last=$((first + burst - 1))
  log "dispatch: $burst runs due at once, $workers Worker process(es) x WorkerCount=$worker_count, MaxConcurrentPerTenant=$max_per_tenant..."
  start_workers "$workers" "$worker_count"
  cpu_before="$(workers_cpu)"
  release "$first" "$last"
  cpu_per_run="$(echo "scale=2; ($(workers_cpu) - $cpu_before) / $burst" | bc)"
  stop_workers
  read -r n rate p50 p99 max engine statuses deferrals < <(stats "$first" "$last")
  lost="$(sql -c "SELECT count(*) FROM public.bench_runs b JOIN hangfire.job j ON j.id = b.job_id WHERE b.n BETWEEN $first AND $last AND j.statename = 'Failed'")"
  [ "$lost" -eq 0 ] || log "  $lost ResyncJob(s) failed in Hangfire before claiming their run (see the Worker logs); those runs stay Queued"
  log "  $n runs started ($statuses, deferrals $deferrals): $rate runs started/s; start lag p50 $p50 s, p99 $p99 s, max $max s; engine mean $engine s; Worker CPU $cpu_per_run s per run"
  results+=("$workers	$worker_count	$n	$rate	$p50	$p99	$max	$engine	$cpu_per_run")
  first=$((last + 1))
done

echo
echo "== summary =="
echo "registration: $reg_ok installations in $(printf %.1f "$reg_s") s = $reg_rate/s ($parallel concurrent requests; p50/p99 $reg_p50_p99 ms)   target < 60 s"
echo "spread: per-minute starts of the next hour max $spread_max / mean $spread_mean = $spread_ratio x (min $spread_min)   target <= 1.5x"
echo "overhead per resync: mean $ov_mean ms, p50 $ov_p50 ms, p99 $ov_p99 ms (tiny resync engine time $ov_engine ms)"
echo "worker cpu per tiny resync: $cpu_warm_ms ms warm ($cpu_cold_ms ms over a fresh Worker's first $warm runs)   target <= 40 ms"
echo "postgresql cpu per tiny resync: $pg_warm_ms ms warm"
column -t -s $'\t' < <(printf 'workers\tthreads_each\truns\tstarted/s\tlag_p50_s\tlag_p99_s\tlag_max_s\tengine_mean_s\tworker_cpu_s_per_run\n'; printf '%s\n' "${results[@]}")
echo "target: start lag p99 < 5 s"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg) (figures are only comparable on an otherwise idle machine)"
