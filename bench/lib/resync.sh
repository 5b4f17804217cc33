# bench_scale SCALE DIR: one measured resync at SCALE (see bench/README.md), with its own PostgreSQL,
# sandbox, Api and Worker (their pids in $pids, the cluster in $pg_dir, so the caller stops them).
# Prints the report on stderr and one summary line (TSV) on stdout.

# Per project: 6,000 work items, 10 repositories x (100 branches, 150 pull requests), 2,500 builds,
# 10 pipelines x 100 runs, 5 release definitions x 100 releases, plus the small kinds. 20 projects
# are ~254,000 entities; SCALE multiplies projects and users. Scale "smoke" is one project (~12,700
# entities), for CI: it proves the script still works, its figures mean little.
sandbox_args() {
  local projects users
  if [ "$1" = smoke ]; then projects=1 users=25; else projects=$((20 * $1)) users=$((500 * $1)); fi
  echo --Sandbox:Projects "$projects" --Sandbox:Users "$users" \
    --Sandbox:TeamsPerProject 5 --Sandbox:MembersPerTeam 10 --Sandbox:IterationsPerTeam 6 \
    --Sandbox:BoardsPerTeam 3 --Sandbox:ColumnsPerBoard 5 \
    --Sandbox:ReposPerProject 10 --Sandbox:BranchesPerRepo 100 --Sandbox:PoliciesPerRepo 3 --Sandbox:PullRequestsPerRepo 150 \
    --Sandbox:PipelinesPerProject 10 --Sandbox:RunsPerPipeline 100 --Sandbox:BuildsPerProject 2500 \
    --Sandbox:ReleaseDefinitionsPerProject 5 --Sandbox:ReleasesPerDefinition 100 --Sandbox:WorkItemsPerProject 6000
}

log() { echo "$*" >&2; }

# CPU seconds used so far by a process and the children it has reaped (fields 14-17 of /proc/PID/stat).
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15 + $16 + $17) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# PostgreSQL's: the postmaster (with the backends that have exited) plus the live backends.
cpu_of_postgres() {
  local postmaster total child
  postmaster="$(head -n 1 "$pg_dir/pg/postmaster.pid")"
  total="$(cpu_of "$postmaster")"
  for child in $(pgrep -P "$postmaster"); do total="$(echo "$total + $(cpu_of "$child")" | bc)"; done
  echo "$total"
}

# Busy CPU seconds of the whole machine (every process, ours or not) from /proc/stat.
cpu_of_machine() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8) / hz }' /proc/stat; }

cpu_snapshot() { echo "$(cpu_of "$sandbox_pid") $(cpu_of "$worker_pid") $(cpu_of "$api_pid") $(cpu_of_postgres) $(cpu_of_machine)"; }

# A .NET process's threads, one line each: id, the runtime's name for it, CPU clock ticks so far.
cpu_by_thread() {
  local task
  for task in /proc/"$1"/task/*; do
    # utime and stime are fields 14 and 15, counted after the name in parentheses, which may hold spaces.
    printf '%s\t%s\t%s\n' "${task##*/}" "$(cat "$task/comm" 2>/dev/null)" "$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }')"
  done
}

# worker_cpu_line BEFORE AFTER SECONDS ENTITIES: the Worker's CPU in a run by thread, from two cpu_by_thread snapshots:
# JIT (tiered compilation), GC, thread pool (where the resync's own code runs), sockets. A thread that ended during the
# run (the runtime retires idle pool and JIT threads) took CPU no snapshot shows: it is in "other", the total's rest.
worker_cpu_line() {
  awk -F'\t' -v total="$3" -v n="$4" -v hz="$(getconf CLK_TCK)" '
    FNR == NR { before[$1] = $3; next }
    { d = ($3 - ($1 in before ? before[$1] : 0)) / hz
      if ($2 ~ /Tiered Com/) g["jit"] += d; else if ($2 ~ /GC/) g["gc"] += d; else if ($2 ~ /TP Worker/) g["thread-pool"] += d
      else if ($2 ~ /Sockets/) g["sockets"] += d }
    END {
      line = sprintf("worker cpu by thread: %.1f s (%.0f us/entity) =", total, total * 1e6 / n); rest = total
      split("jit gc thread-pool sockets", name, " ")
      for (i = 1; i <= 4; i++) { d = g[name[i]]; rest -= d; line = line sprintf(" %s %.1f (%.0f),", name[i], d, d * 1e6 / n) }
      printf "%s other %.1f (%.0f)\n", line, rest, rest * 1e6 / n }' <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

# cpu_lines BEFORE AFTER THREADS_BEFORE THREADS_AFTER ENTITIES: where the machine's two cores went in a run (cpu_snapshot,
# cpu_by_thread), on stderr.
cpu_lines() {
  awk -v before="$1" -v after="$2" -v written="$5" 'BEGIN {
      split(before, b, " "); split(after, a, " "); split("sandbox worker api postgres", name, " ")
      line = "cpu seconds during the run:"; ours = 0
      for (i = 1; i <= 4; i++) { d = a[i] - b[i]; ours += d; line = line sprintf(" %s %.1f (%.0f us/entity),", name[i], d, d * 1e6 / written) }
      machine = a[5] - b[5]
      printf "%s others on the machine %.1f; total %.1f\n", line, machine - ours, machine }' >&2
  worker_cpu_line "$3" "$4" "$(awk -v b="$1" -v a="$2" 'BEGIN { split(b, x, " "); split(a, y, " "); printf "%.2f", y[2] - x[2] }')" "$5" >&2
}

# per_entity BEFORE AFTER FIELD ENTITIES: CPU microseconds per entity of one cpu_snapshot field (2 is the Worker).
per_entity() { awk -v b="$1" -v a="$2" -v f="$3" -v n="$4" 'BEGIN { split(b, x, " "); split(a, y, " "); printf "%.0f", (y[f] - x[f]) * 1e6 / n }'; }

# run_seconds FILE, run_written FILE: a finished run's duration, and the entities it wrote (upserted or unchanged).
run_seconds() {
  jq -r 'def secs: sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdateiso8601;
    def frac: (capture("\\.(?<f>[0-9]+)") | ("0." + .f | tonumber)) // 0;
    (.finishedAt | secs) + (.finishedAt | frac) - (.startedAt | secs) - (.startedAt | frac)' "$1"
}
run_written() { jq '[.report.kinds[] | .upserted + .unchanged] | add' "$1"; }

# await_run RUN_ID FILE: polls a run (bench_scale's $api and $key) until it has finished, an hour at most, into FILE.
await_run() {
  local run status deadline=$((SECONDS + 3600)) last=""
  while true; do
    run="$(curl -fsS "$api/resyncs/$1" -H "Authorization: Bearer $key")"
    status="$(jq -r .status <<<"$run")"
    [ "$status" = queued ] || [ "$status" = running ] || break
    [ "$SECONDS" -lt "$deadline" ] || { log "error: the resync did not finish within an hour"; return 1; }
    local fetched; fetched="$(jq '[.report.kinds[].fetched] | add // 0' <<<"$run")"
    if [ "$fetched" != "$last" ] && [ $((SECONDS % 10)) -lt 2 ]; then log "  $status: $fetched objects fetched"; last="$fetched"; fi
    sleep 1
  done
  echo "$run" > "$2"
}

bench_scale() {
  local scale="$1" dir="$2"
  mkdir -p "$dir/logs"
  local pg_port api_port worker_port sandbox_port sandbox_pid worker_pid api_pid
  pg_port="$(free_port 56432)"
  pg_dir="$dir/db"
  pg_start "$pg_dir" "$pg_port"
  pg_ensure_database "$pg_dir" "$pg_port" runner
  api_port="$(free_port 56080)"
  worker_port="$(free_port $((api_port + 1)))"
  sandbox_port="$(free_port $((worker_port + 1)))"

  local pat operator connection
  pat="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  operator="op_$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
  connection="$(pg_connection_string "$pg_port" "$pg_dir" runner)"

  log "== scale $scale: sandbox on $sandbox_port, PostgreSQL on $pg_port =="
  # shellcheck disable=SC2046 # sandbox_args is a list of words
  Logging__LogLevel__Default=Warning dotnet "$(bin tools/AdoSandbox Runner.Tools.AdoSandbox)" --urls "http://127.0.0.1:$sandbox_port" \
    --Sandbox:Organization bench --Sandbox:Pat "$pat" $(sandbox_args "$scale") >"$dir/logs/sandbox.log" 2>&1 & sandbox_pid=$!; pids+=($!)
  local org="http://127.0.0.1:$sandbox_port/bench"
  wait_for_http "http://127.0.0.1:$sandbox_port/_sandbox/expected-counts" 60
  local counts total
  counts="$(curl -fsS "http://127.0.0.1:$sandbox_port/_sandbox/expected-counts")"
  total="$(jq '[.[]] | add' <<<"$counts")"
  log "organization: $total entities: $(jq -r 'to_entries | sort_by(-.value) | map("\(.key) \(.value)") | join(", ")' <<<"$counts")"

  local runner_env=(
    Runner__Database__ConnectionString="$connection" Runner__Bootstrap__AdminApiKey="$operator"
    Runner__Secrets__Local__Key="$(head -c 32 /dev/urandom | base64 -w0)"
    Runner__Egress__AllowPrivateNetworks=true ASPNETCORE_ENVIRONMENT=Production)
  env "${runner_env[@]}" dotnet "$(bin Runner.Api Runner.Api)" migrate --contentRoot "$PWD/Runner.Api" >"$dir/logs/migrate.log" 2>&1 \
    || { cat "$dir/logs/migrate.log" >&2; return 1; }
  # env execs dotnet, so $! is the Worker's own pid (read for VmHWM).
  # shellcheck disable=SC2086 # BENCH_WORKER_ENV: extra NAME=value words for the Worker only (GC experiments)
  env "${runner_env[@]}" ${BENCH_WORKER_ENV:-} dotnet "$(bin Runner.Worker Runner.Worker)" --contentRoot "$PWD/Runner.Worker" --urls "http://127.0.0.1:$worker_port" \
    >"$dir/logs/worker.log" 2>&1 & worker_pid=$!; pids+=($worker_pid)
  env "${runner_env[@]}" dotnet "$(bin Runner.Api Runner.Api)" --contentRoot "$PWD/Runner.Api" --urls "http://127.0.0.1:$api_port" \
    >"$dir/logs/api.log" 2>&1 & api_pid=$!; pids+=($!)
  wait_for_http "http://127.0.0.1:$api_port/readyz" 60
  wait_for_http "http://127.0.0.1:$worker_port/readyz" 60

  local api="http://127.0.0.1:$api_port/api/v1" tenant key created installation run_id cpu_before cpu_after threads_before threads_after rss_idle
  tenant="$(curl -fsS -X POST "$api/admin/tenants" -H "Authorization: Bearer $operator" -H 'Content-Type: application/json' -d '{"name":"Bench"}')"
  key="$(jq -r .apiKey <<<"$tenant")"
  # Creating the installation queues its first resync: that run is the one measured, so the idle
  # figures are taken just before it.
  rss_idle="$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$worker_pid/status")"
  cpu_before="$(cpu_snapshot)" threads_before="$(cpu_by_thread "$worker_pid")"
  created="$(jq -n --arg url "$org" --arg pat "$pat" '{
      integrationType: "azure-devops", name: "Bench organization",
      integrationSettings: { organizationUrl: $url, personalAccessToken: { newSecret: { name: "bench-pat", value: $pat } } },
      applicationSettings: { resyncIntervalHours: 24, sendRawDataExamples: true } }' \
    | curl -fsS -X POST "$api/installations" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary @-)"
  # The Api's share of the run is what it spends after creating the installation (one cold request).
  local api_cpu_created; api_cpu_created="$(cpu_of "$api_pid")"
  installation="$(jq -r .id <<<"$created")"
  run_id="$(jq -r .lastRun.id <<<"$created")"
  log "installation $installation created, its first resync $run_id queued; polling..."

  await_run "$run_id" "$dir/run.json"
  local status; status="$(jq -r .status "$dir/run.json")"
  cpu_after="$(cpu_snapshot)" threads_after="$(cpu_by_thread "$worker_pid")"
  local hwm
  hwm="$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$worker_pid/status")"

  jq -r --arg scale "$scale" --arg hwm "$hwm" --arg idle "$rss_idle" --argjson total "$total" --argjson s "$(run_seconds "$dir/run.json")" '
    ([.report.kinds[] | .upserted + .unchanged] | add) as $written
    | "status: \(.status)\(if .error then " (" + .error + ")" else "" end)",
      "organization: \($total) entities; fetched \([.report.kinds[].fetched] | add), written \($written), mapping errors \([.report.kinds[].mappingErrors] | add)",
      "run: \($s * 100 | round / 100) s, \($written / $s | round) entities/s end to end",
      "http: \(.report.http.requests) requests, \(.report.http.requests * 1000 / $written * 100 | round / 100) per 1,000 entities, throttled \(.report.http.throttled), retries \(.report.http.retries)",
      "worker peak RSS (VmHWM): \($hwm) MB (VmRSS \($idle) MB when started, before the run)"' "$dir/run.json" >&2
  local written; written="$(run_written "$dir/run.json")"
  cpu_lines "$cpu_before" "$cpu_after" "$threads_before" "$threads_after" "$written"
  awk -v after="$cpu_after" -v created="$api_cpu_created" -v written="$written" 'BEGIN {
      split(after, a, " "); d = a[3] - created
      printf "api cpu after the creation request returned (the run and its polling): %.2f s (%.1f us/entity)\n", d, d * 1e6 / written }' >&2
  [ "$status" = succeeded ] || { log "error: the resync $status; logs in $dir/logs"; return 1; }
  local worker_us; worker_us="$(per_entity "$cpu_before" "$cpu_after" 2 "$written")"

  # The hourly steady state: a second full run of the same organization by the now warm Worker (JIT done), its
  # entities unchanged.
  local warm="-	-	-"
  if [ "${BENCH_WARM_RUN:-0}" = 1 ]; then
    cpu_before="$(cpu_snapshot)" threads_before="$(cpu_by_thread "$worker_pid")"
    run_id="$(curl -fsS -X POST "$api/installations/$installation/resyncs" -H "Authorization: Bearer $key" | jq -r .id)"
    log "warm run $run_id queued (the same organization again, its entities unchanged); polling..."
    await_run "$run_id" "$dir/warm.json"
    cpu_after="$(cpu_snapshot)" threads_after="$(cpu_by_thread "$worker_pid")"
    status="$(jq -r .status "$dir/warm.json")"
    [ "$status" = succeeded ] || { log "error: the warm resync $status; logs in $dir/logs"; return 1; }
    local warm_written warm_seconds warm_hwm
    warm_written="$(run_written "$dir/warm.json")" warm_seconds="$(run_seconds "$dir/warm.json")"
    warm_hwm="$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$worker_pid/status")"
    jq -r --arg s "$warm_seconds" --arg hwm "$warm_hwm" '([.report.kinds[] | .upserted + .unchanged] | add) as $w
      | "warm run: \($s | tonumber * 100 | round / 100) s, \($w / ($s | tonumber) | round) entities/s end to end; unchanged \([.report.kinds[].unchanged] | add), upserted \([.report.kinds[].upserted] | add); worker peak RSS now \($hwm) MB"' "$dir/warm.json" >&2
    cpu_lines "$cpu_before" "$cpu_after" "$threads_before" "$threads_after" "$warm_written"
    warm="$(awk -v n="$warm_written" -v s="$warm_seconds" 'BEGIN { printf "%.0f", n / s }')	$(per_entity "$cpu_before" "$cpu_after" 2 "$warm_written")	$warm_hwm"
  fi

  # For a caller that goes on with the same processes and installation (bench/incremental.sh).
  bench_state=(api="$api" key="$key" operator="$operator" installation="$installation" root="http://127.0.0.1:$api_port"
    sandbox="http://127.0.0.1:$sandbox_port" sandbox_pid="$sandbox_pid" worker_pid="$worker_pid" api_pid="$api_pid")

  # The in-process figures do not depend on the organization's size: measured once, at the first scale.
  if [ -z "${bench_inprocess_done:-}" ] && [ "${BENCH_INPROCESS:-1}" = 1 ]; then
    bench_inprocess_done=1
    log "in-process: mapping (ours vs jq CLI) and upsert rows/s..."
    dotnet "$(bin bench/ResyncBench Runner.Bench.ResyncBench)" --OrganizationUrl "$org" --Pat "$pat" \
      --ConnectionString "$connection" --TenantId "$(jq -r .id <<<"$tenant")" --InstallationId "$installation" \
      --Work "$dir" > "$dir/inprocess.json"
    jq -r '
      (.fetch[] | "fetch (real client, alone): \(.kind) \(.objects) objects in \(.seconds) s = \(.objectsPerSecond)/s, \(.requests) requests"),
      (.mapping[] | "mapping \(.kind) (\(.objects) objects): ours \(.singleObjectsPerSecond)/s single, \(.parallelObjectsPerSecond)/s parallel; jq CLI \(.jqCliObjectsPerSecond)/s; ratio \(.singleVsJq)x single, \(.parallelVsJq)x parallel"),
      (.upsert | "upsert (CatalogWriter, batches of \(.batchSize)): \(.rows) rows, new \(.insertRowsPerSecond) rows/s, unchanged \(.unchangedRowsPerSecond) rows/s",
        "upsert server-side (one INSERT … SELECT … ON CONFLICT of \(.serverRows) rows already on the server): new \(.serverInsertRowsPerSecond) rows/s, unchanged \(.serverUnchangedRowsPerSecond) rows/s",
        "upsert CatalogWriter vs server-side: new \(.insertVsServer)x, unchanged \(.unchangedVsServer)x")' \
      "$dir/inprocess.json" >&2
  fi

  jq -r --arg scale "$scale" --arg hwm "$hwm" --argjson s "$(run_seconds "$dir/run.json")" '
    ([.report.kinds[] | .upserted + .unchanged] | add) as $written
    | [$scale, $written, ($s * 100 | round / 100), ($written / $s | round), (.report.http.requests * 1000 / $written * 100 | round / 100), $hwm] | @tsv' "$dir/run.json" \
    | sed "s/\$/\t$worker_us\t$warm/"
}
