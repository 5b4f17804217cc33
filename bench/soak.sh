#!/usr/bin/env bash
# Soak benchmark (see bench/README.md, "Soak"): issue #11's "100,000 installations hourly on one PostgreSQL" row.
# Its own PostgreSQL, one tiny Azure DevOps sandbox organization, `migrate`, the Api and Worker processes. A few
# template installations are registered through the API, then cloned with set-based SQL into N hourly installations
# with the product's exact Hangfire recurring-job rows (hashed cron minute, serialized ScheduledResyncJob). The
# Workers' RecurringJobScheduler then fires them for --minutes, and the bench reports due-to-start lag, throughput,
# lost and doubled runs, the backlog, PostgreSQL CPU and connections, Worker CPU and RSS. Asserts nothing about
# figures. Every child process and PostgreSQL are stopped on exit, failure included.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/system.sh
source bench/lib/stack.sh
source bench/lib/resync.sh   # cpu_of, cpu_of_postgres

installations=100000 minutes=10 workers=1 tenants="" lead="" grace=30 compress=0
worker_count="${BENCH_WORKER_COUNT:-8}" max_per_tenant="${BENCH_MAX_PER_TENANT:-2}"
usage() {
  echo "usage: bench/soak.sh [--installations 100000] [--minutes 10] [--workers 1] [--tenants N/1000] [--lead S] [--grace 30] | --smoke"
  echo "  env: BENCH_WORKER_COUNT (8, the production overlay's WorkerCount), BENCH_MAX_PER_TENANT (2, the product's default),"
  echo "       BENCH_WORKER_ENV (extra VAR=VALUE for the Workers), BENCH_KEEP=1 keeps the work folder"
}
while [ $# -gt 0 ]; do
  case "$1" in
    --installations) installations="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --tenants) tenants="$2"; shift 2 ;;
    --lead) lead="$2"; shift 2 ;;
    --grace) grace="$2"; shift 2 ;;
    # For CI: the same path in about two minutes after the build; its figures mean little. The hour is compressed:
    # the clones' ids are drawn until their hashed minute falls in the window, so all of them are due in it.
    --smoke) installations=120 minutes=0.5 tenants=4 lead=12 grace=20 compress=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done
tenants="${tenants:-$(( installations >= 2000 ? installations / 1000 : 1 ))}"
window_s="$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')"
window_minutes=$(( (window_s + 59) / 60 ))
# An hourly installation is due once in any window of up to an hour: one occurrence per installation to account for.
[ "$window_s" -ge 30 ] && [ "$window_s" -le 3600 ] || { echo "--minutes must be between 0.5 and 60" >&2; exit 2; }
[ "$tenants" -ge 1 ] && [ "$installations" -ge "$tenants" ] || { echo "need --installations >= --tenants >= 1" >&2; exit 2; }
# Seeding, then the Workers' start-up (ScheduleRepair reads every installation and recurring job) before the window.
lead="${lead:-$(( 30 + installations / 300 ))}"

ensure_system_packages
ensure_curl

bench_start runner-soak 57632
api_port="$(free_port 57280)"
sandbox_port="$(free_port $((api_port + 1)))"
worker_port_base=$((sandbox_port + 1))

start_tiny_stack

# ---- 1. Templates through the API: one tenant each, so every tenant has its own data key, secret and blueprints. ----
log "creating $tenants tenants, each with one template installation through the API..."
: > "$work/keys"
for t in $(seq 1 "$tenants"); do
  curl -fsS -X POST "$api/admin/tenants" -H "Authorization: Bearer $operator" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Soak $t\"}" | jq -r .apiKey >> "$work/keys"
done
# One curl config, every request a block (no process per request); one request per tenant, so no two race on a
# tenant's default blueprints.
awk -v api="$api" -v org="$org" -v pat="$pat" '{
  if (NR > 1) print "next"
  printf "url = \"%s/installations\"\nheader = \"Authorization: Bearer %s\"\nheader = \"Content-Type: application/json\"\n", api, $1
  printf "data = \"{\\\"integrationType\\\":\\\"azure-devops\\\",\\\"name\\\":\\\"Template %d\\\",\\\"integrationSettings\\\":{\\\"organizationUrl\\\":\\\"%s\\\",\\\"personalAccessToken\\\":{\\\"newSecret\\\":{\\\"name\\\":\\\"pat\\\",\\\"value\\\":\\\"%s\\\"}}}}\"\n", NR, org, pat
  printf "output = \"/dev/null\"\nwrite-out = \"%%{http_code}\\n\"\n"
}' "$work/keys" > "$work/templates.curl"
curl -sS --no-progress-meter --parallel --parallel-max 4 --parallel-immediate -K "$work/templates.curl" > "$work/templates.out" || true
created="$(grep -c '^201$' "$work/templates.out" || true)"
[ "$created" -eq "$tenants" ] || { log "error: $created of $tenants template installations created: $(sort "$work/templates.out" | uniq -c | tr -s ' ' | tr '\n' ',')"; exit 1; }

# ---- 2. Seed. The window opens at the first minute boundary $lead s from now (hourly crons fire on minute
# boundaries, so due times do too); every recurring job's next execution is its cron's first occurrence from there. ----
t0=$(( ($(date +%s) + lead + 59) / 60 * 60 ))
t_end=$((t0 + window_s))
log "seeding $installations installations over $tenants tenants; window $(date -u -d "@$t0" +%H:%M:%S)-$(date -u -d "@$t_end" +%H:%M:%S) UTC ($window_s s)..."
seed_start="$(date +%s.%N)"
sql -v t0="$t0" -v window_s="$window_s" -v window_minutes="$window_minutes" -v clones=$((installations - tenants)) \
  -v compress="$compress" -v tenants="$tenants" <<'SQL'
-- ResyncCron.Cron's minute: SHA-256 of Guid.ToByteArray() (the first three groups little-endian), its first 8 bytes
-- as a little-endian UInt64, mod 60. 256^i mod 60 is 16 for every i >= 1, so the UInt64 never has to be built.
CREATE FUNCTION pg_temp.cron_minute(id uuid) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT ((get_byte(d, 0) + 16 * (get_byte(d, 1) + get_byte(d, 2) + get_byte(d, 3) + get_byte(d, 4) + get_byte(d, 5)
    + get_byte(d, 6) + get_byte(d, 7))) % 60)::int
  FROM (SELECT sha256(decode(substr(h, 7, 2) || substr(h, 5, 2) || substr(h, 3, 2) || substr(h, 1, 2) || substr(h, 11, 2)
    || substr(h, 9, 2) || substr(h, 15, 2) || substr(h, 13, 2) || substr(h, 17), 'hex')) AS d
    FROM (SELECT replace(id::text, '-', '') AS h) g) x $$;

-- The port is checked against what the product stored for the templates (hourly: "m * * * *").
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM runner.installations i JOIN hangfire.hash h ON h.key = 'recurring-job:resync:' || replace(i.id::text, '-', '')
             WHERE h.field = 'Cron' AND h.value <> pg_temp.cron_minute(i.id) || ' * * * *') THEN
    RAISE EXCEPTION 'cron_minute disagrees with ResyncCron.Cron for a template installation';
  END IF;
END $$;

BEGIN;
-- The templates' first (initial) runs and their jobs go: the schedule's runs are the only ones measured.
DELETE FROM hangfire.jobqueue; DELETE FROM hangfire.state; DELETE FROM hangfire.jobparameter; DELETE FROM hangfire.job;
DELETE FROM runner.resync_runs;

-- Every installation of the soak (templates included) with its tenant's template, cron minute and due time.
CREATE TABLE public.soak_installations AS
WITH templates AS (SELECT id, tenant_id, row_number() OVER (ORDER BY created_at, id) - 1 AS k FROM runner.installations),
candidates AS (
  SELECT id, pg_temp.cron_minute(id) AS minute
  FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, CASE WHEN :compress = 1 THEN :clones * 90 / :window_minutes + 100 ELSE :clones END)) g),
kept AS (
  SELECT id, minute, row_number() OVER () - 1 AS n FROM candidates
  WHERE :compress = 0 OR (minute - extract(minute FROM to_timestamp(:t0))::int + 60) % 60 < :window_minutes),
soak AS (
  SELECT kept.id, kept.minute, t.id AS template_id, t.tenant_id FROM kept JOIN templates t ON t.k = kept.n % :tenants WHERE kept.n < :clones
  UNION ALL SELECT id, pg_temp.cron_minute(id), id, tenant_id FROM templates)
SELECT *, to_timestamp(:t0) + (minute - extract(minute FROM to_timestamp(:t0))::int + 60) % 60 * interval '1 minute' AS due
FROM soak;
ALTER TABLE public.soak_installations ADD PRIMARY KEY (id);
ALTER TABLE public.soak_installations ADD COLUMN in_window boolean;
UPDATE public.soak_installations SET in_window = due < to_timestamp(:t0 + :window_s);

-- Clones: every column of the tenant's template row but id, name and times (jsonb keeps this blind to new columns).
INSERT INTO runner.installations
SELECT (jsonb_populate_record(NULL::runner.installations, to_jsonb(i) || jsonb_build_object(
  'id', s.id, 'name', 'Soak ' || left(s.id::text, 8), 'created_at', now(), 'updated_at', now()))).*
FROM public.soak_installations s JOIN runner.installations i ON i.id = s.template_id WHERE s.id <> s.template_id;
-- They share their tenant's PAT secret, as installations of one organization may.
INSERT INTO runner.installation_secrets
SELECT (jsonb_populate_record(NULL::runner.installation_secrets, to_jsonb(x) || jsonb_build_object('installation_id', s.id))).*
FROM public.soak_installations s JOIN runner.installation_secrets x ON x.installation_id = s.template_id WHERE s.id <> s.template_id;

-- Hangfire: the first template's recurring-job hash, field by field, for every installation: the serialized
-- ScheduledResyncJob with the installation id replaced, its hashed cron, and the next execution (Unix ms) at its due
-- time; the `recurring-jobs` set's score (Unix s) is what RecurringJobScheduler polls. CreatedAt just before the
-- window, so no occurrence before it counts as missed.
CREATE TEMP TABLE template_hash AS
  SELECT h.field, h.value, t.id AS template_id FROM hangfire.hash h
  JOIN (SELECT id FROM runner.installations ORDER BY created_at, id LIMIT 1) t ON h.key = 'recurring-job:resync:' || replace(t.id::text, '-', '');
DO $$ BEGIN
  IF (SELECT string_agg(field, ',' ORDER BY field) FROM template_hash) <> 'CreatedAt,Cron,Job,NextExecution,Queue,TimeZoneId,V' THEN
    RAISE EXCEPTION 'unexpected recurring-job fields: %', (SELECT string_agg(field, ',' ORDER BY field) FROM template_hash);
  END IF;
END $$;
DELETE FROM hangfire.hash WHERE key LIKE 'recurring-job:resync:%';
DELETE FROM hangfire.set WHERE key = 'recurring-jobs';
INSERT INTO hangfire.hash (key, field, value)
SELECT 'recurring-job:resync:' || replace(s.id::text, '-', ''), h.field,
  CASE h.field
    WHEN 'Job' THEN replace(h.value, h.template_id::text, s.id::text)
    WHEN 'Cron' THEN s.minute || ' * * * *'
    WHEN 'CreatedAt' THEN ((:t0 - 1)::bigint * 1000)::text
    WHEN 'NextExecution' THEN (extract(epoch FROM s.due)::bigint * 1000)::text
    ELSE h.value END
FROM public.soak_installations s CROSS JOIN template_hash h;
INSERT INTO hangfire.set (key, score, value)
SELECT 'recurring-jobs', extract(epoch FROM due), 'resync:' || replace(id::text, '-', '') FROM public.soak_installations;
COMMIT;
-- What autovacuum would have done by the time 100,000 installations had been registered one by one.
VACUUM ANALYZE runner.installations; VACUUM ANALYZE runner.installation_secrets; VACUUM ANALYZE hangfire.hash; VACUUM ANALYZE hangfire.set;
SQL
seed_s="$(echo "$(date +%s.%N) - $seed_start" | bc)"
read -r seeded due_in_window < <(sql -F ' ' -c "SELECT count(*), count(*) FILTER (WHERE in_window) FROM public.soak_installations")
log "seeded $seeded installations in $(printf %.1f "$seed_s") s; $due_in_window due in the window; $(sql -c "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs'") recurring jobs"
[ "$(date +%s)" -lt "$t0" ] || { log "error: seeding ended after the window opened; raise --lead (now $lead s)"; exit 1; }

# ---- 3. Workers. ----
worker_start="$(date +%s.%N)"
for i in $(seq 1 "$workers"); do
  # shellcheck disable=SC2086 # BENCH_WORKER_ENV: extra NAME=value words for the Workers
  env "${runner_env[@]}" Runner__Worker__WorkerCount="$worker_count" Runner__Resync__MaxConcurrentPerTenant="$max_per_tenant" ${BENCH_WORKER_ENV:-} \
    dotnet "$(bin Runner.Worker Runner.Worker)" --contentRoot "$PWD/Runner.Worker" --urls "http://127.0.0.1:$((worker_port_base + i))" \
    >"$work/logs/worker$i.log" 2>&1 & worker_pids+=($!)
done
# Ready once the hosted services started: ScheduleRepair has compared every installation with its recurring job.
for i in $(seq 1 "$workers"); do wait_for_http "http://127.0.0.1:$((worker_port_base + i))/readyz" 600; done
worker_ready_s="$(echo "$(date +%s.%N) - $worker_start" | bc)"
repairs="$(cat "$work/logs"/worker*.log | grep -c 'Repaired the resync schedule' || true)"
log "$workers Worker(s) x WorkerCount=$worker_count ready in $(printf %.1f "$worker_ready_s") s (schedule repairs at start-up: $repairs)"
late=$(( $(date +%s) - t0 ))
[ "$late" -lt 0 ] || log "warning: the Workers were ready $late s after the window opened (raise --lead): the first due runs' lag includes it"

workers_cpu() { local pid total=0; for pid in "${worker_pids[@]}"; do total="$(echo "$total + $(cpu_of "$pid")" | bc)"; done; echo "$total"; }

# Every 5 s: client connections (the sampler's own left out), queued and running runs, Hangfire's queue.
sample() {
  while true; do
    sql -F ' ' -c "SELECT extract(epoch FROM now())::bigint,
      (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()),
      (SELECT count(*) FROM runner.resync_runs WHERE status = 'Queued'), (SELECT count(*) FROM runner.resync_runs WHERE status = 'Running'),
      (SELECT count(*) FROM hangfire.jobqueue)" >> "$work/samples.txt" || return 0
    sleep 5
  done
}

while [ "$(date +%s)" -lt "$t0" ]; do sleep 0.2; done
log "window open: $window_s s..."
pg_cpu0="$(cpu_of_postgres)" worker_cpu0="$(workers_cpu)" sandbox_cpu0="$(cpu_of "$sandbox_pid")" machine_cpu0="$(cpu_of_machine)"
: > "$work/samples.txt"
sample & pids+=($!)
sampler_pid=$!
while [ "$(date +%s)" -lt "$t_end" ]; do
  sleep 10
  log "  $(( $(date +%s) - t0 )) s: $(sql -c "SELECT count(*) FILTER (WHERE started_at IS NOT NULL) || ' started, ' || count(*) FILTER (WHERE status = 'Queued') || ' queued' FROM runner.resync_runs")"
done
pg_cpu1="$(cpu_of_postgres)" worker_cpu1="$(workers_cpu)" sandbox_cpu1="$(cpu_of "$sandbox_pid")" machine_cpu1="$(cpu_of_machine)"
stop_pids "$sampler_pid"
# The backlog as the window closes: due so far and not started (queued runs, or occurrences not recorded yet).
backlog_end="$(sql -c "SELECT count(*) FROM public.soak_installations s WHERE s.due < to_timestamp($t_end) AND NOT EXISTS (
  SELECT 1 FROM runner.resync_runs r WHERE r.installation_id = s.id AND r.trigger = 'Scheduled' AND r.started_at IS NOT NULL AND r.started_at < to_timestamp($t_end))")"
log "window closed; $grace s grace for the scheduler to fire the last occurrences..."
sleep "$grace"
hwm="$(for pid in "${worker_pids[@]}"; do awk '/VmHWM/ { printf "%.0f\n", $2 / 1024 }' "/proc/$pid/status"; done | sort -n | tail -n 1)"
stop_pids "${worker_pids[@]}"; worker_pids=()
# Read once the Workers are gone: a scheduler still firing would otherwise create jobs after this snapshot and
# before the hash is read below, which would count as lost.
sql -c "CREATE TABLE public.soak_jobs AS
  SELECT substring(arguments::text FROM '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')::uuid AS installation_id, statename
  FROM hangfire.job WHERE invocationdata::text LIKE '%ScheduledResyncJob%'"

# ---- 4. Figures. Lag = started_at - due_at (the due time ScheduledResyncJob recorded from the cron). ----
read -r started_window rate < <(sql -F ' ' -c "SELECT count(*), round(count(*) / $window_s.0, 2) FROM runner.resync_runs
  WHERE started_at >= to_timestamp($t0) AND started_at < to_timestamp($t_end)")
read -r n_started p50 p99 pmax n_unstarted p99_bound < <(sql -F ' ' -c "
  WITH o AS (SELECT s.id, s.due, (SELECT min(r.started_at) FROM runner.resync_runs r WHERE r.installation_id = s.id AND r.trigger = 'Scheduled') AS started
             FROM public.soak_installations s WHERE s.in_window),
  l AS (SELECT extract(epoch FROM started - due) AS lag FROM o WHERE started IS NOT NULL)
  SELECT (SELECT count(*) FROM l), coalesce(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag)::numeric, 1), 0),
    coalesce(round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lag)::numeric, 1), 0), coalesce(round(max(lag)::numeric, 1), 0),
    (SELECT count(*) FROM o WHERE started IS NULL),
    (SELECT round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM coalesce(started, now()) - due))::numeric, 1) FROM o)
  FROM l")
# Each in-window occurrence, accounted for once, in this order.
read -r acc_started acc_queued acc_ended acc_hangfire acc_unfired lost < <(sql -F ' ' -c "
  WITH o AS (SELECT s.*,
      EXISTS (SELECT 1 FROM runner.resync_runs r WHERE r.installation_id = s.id AND r.trigger = 'Scheduled' AND r.started_at IS NOT NULL) AS started,
      EXISTS (SELECT 1 FROM runner.resync_runs r WHERE r.installation_id = s.id AND r.trigger = 'Scheduled' AND r.status = 'Queued') AS queued,
      EXISTS (SELECT 1 FROM runner.resync_runs r WHERE r.installation_id = s.id AND r.trigger = 'Scheduled') AS recorded,
      EXISTS (SELECT 1 FROM public.soak_jobs j WHERE j.installation_id = s.id AND j.statename IN ('Enqueued', 'Processing', 'Scheduled')) AS pending,
      (SELECT h.value::bigint FROM hangfire.hash h WHERE h.key = 'recurring-job:resync:' || replace(s.id::text, '-', '') AND h.field = 'NextExecution')
        <= extract(epoch FROM s.due)::bigint * 1000 AS unfired
    FROM public.soak_installations s WHERE s.in_window)
  SELECT count(*) FILTER (WHERE started), count(*) FILTER (WHERE NOT started AND queued),
    count(*) FILTER (WHERE NOT started AND NOT queued AND recorded), count(*) FILTER (WHERE NOT recorded AND pending),
    count(*) FILTER (WHERE NOT recorded AND NOT pending AND unfired), count(*) FILTER (WHERE NOT recorded AND NOT pending AND NOT unfired)
  FROM o")
read -r doubled skipped wrong_due catch_ups failed_jobs statuses < <(sql -F ' ' -c "
  WITH r AS (SELECT r.*, s.due AS seeded_due FROM runner.resync_runs r JOIN public.soak_installations s ON s.id = r.installation_id WHERE r.trigger = 'Scheduled')
  SELECT (SELECT count(*) FROM (SELECT installation_id FROM r WHERE status <> 'Skipped' GROUP BY installation_id, due_at HAVING count(*) > 1) d),
    (SELECT count(*) FROM r WHERE status = 'Skipped'),
    (SELECT count(*) FROM r WHERE due_at IS DISTINCT FROM seeded_due),
    (SELECT count(*) FROM r WHERE queued_at - due_at > interval '5 minutes'),
    (SELECT count(*) FROM hangfire.job WHERE statename = 'Failed'),
    coalesce((SELECT string_agg(status || ':' || c, ',' ORDER BY status) FROM (SELECT status, count(*) c FROM r GROUP BY 1) s), '-')")
read -r conn_max conn_mean queued_max < <(awk '{ n++; s += $2; if ($2 > m) m = $2; if ($3 > q) q = $3 } END { printf "%d %.1f %d\n", m, n ? s / n : 0, q }' "$work/samples.txt")
pg_cpu="$(echo "$pg_cpu1 - $pg_cpu0" | bc)" worker_cpu="$(echo "$worker_cpu1 - $worker_cpu0" | bc)"
sandbox_cpu="$(echo "$sandbox_cpu1 - $sandbox_cpu0" | bc)"
others_cpu="$(echo "$machine_cpu1 - $machine_cpu0 - $pg_cpu - $worker_cpu - $sandbox_cpu" | bc)"
worker_cpu_per_run="$( [ "$started_window" -gt 0 ] && echo "scale=3; $worker_cpu / $started_window" | bc || echo -)"

echo
echo "== lag by due minute (runs due in the window) =="
column -t -s $'\t' < <(printf 'due_utc\tdue\tstarted\tlag_p50_s\tlag_p99_s\tlag_max_s\n'; sql -F $'\t' -c "
  SELECT to_char(s.due, 'HH24:MI'), count(*), count(r.started),
    coalesce(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.started - s.due))::numeric, 1)::text, '-'),
    coalesce(round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM r.started - s.due))::numeric, 1)::text, '-'),
    coalesce(round(max(extract(epoch FROM r.started - s.due))::numeric, 1)::text, '-')
  FROM public.soak_installations s
  LEFT JOIN LATERAL (SELECT min(started_at) AS started FROM runner.resync_runs WHERE installation_id = s.id AND trigger = 'Scheduled') r ON true
  WHERE s.in_window GROUP BY s.due ORDER BY s.due")
echo
echo "== summary =="
echo "setup: $installations installations (hourly) over $tenants tenants, seeded in $(printf %.1f "$seed_s") s$([ "$compress" = 1 ] && echo ", hour compressed into the window (smoke)"); $workers Worker(s) x WorkerCount=$worker_count, MaxConcurrentPerTenant=$max_per_tenant; Worker start-up $(printf %.1f "$worker_ready_s") s"
echo "due in the window: $due_in_window over $window_s s = $(echo "scale=1; $due_in_window / $window_s" | bc)/s   goal: 27.8/s (100,000 / 3600) for 10 min"
echo "runs started in the window: $started_window = $rate/s sustained   goal: 27.8/s"
echo "due-to-start lag (started of those due): $n_started started, p50 $p50 s, p99 $p99 s, max $pmax s   goal: p99 < 5 s"
echo "  not started $grace s after the window: $n_unstarted (p99 counting them as starting now: >= $p99_bound s)"
echo "accounted for: started $acc_started, queued $acc_queued, recorded but ended unstarted $acc_ended, waiting in Hangfire $acc_hangfire, not yet fired by the scheduler $acc_unfired"
echo "lost: $lost   doubled: $doubled   goal: 0 and 0 (skipped as already active $skipped; due_at unlike the seeded due $wrong_due; catch-ups > 5 min late $catch_ups; Hangfire jobs failed $failed_jobs)"
echo "scheduled run statuses at the end: $statuses"
echo "backlog when the window closed: $backlog_end due and not started (queued runs peaked at $queued_max)"
echo "postgresql: $pg_cpu cpu-s in the window ($(echo "scale=1; $pg_cpu * 100 / $window_s" | bc) % of a core); client connections max $conn_max, mean $conn_mean (max_connections 300)"
echo "workers: $worker_cpu cpu-s in the window ($worker_cpu_per_run s per started run), peak RSS $hwm MB; sandbox $sandbox_cpu cpu-s; everything else on the machine (the idle Api, other users) $others_cpu cpu-s"
echo "uptime after the run: $(uptime) (figures are only comparable on an otherwise idle machine)"
