# Shared by the benchmarks that run the whole stack (schedule.sh, soak.sh, live-events.sh); source it after
# scripts/lib/system.sh. bench_start PREFIX PG_PORT_HINT makes a work folder ($work, with logs/), installs the
# clean-up (on exit, failure included: stop $worker_pids, then $pids, then PostgreSQL; the folder is kept on failure
# or with BENCH_KEEP=1), builds Release and starts the benchmark's own PostgreSQL ($pg_port, $pg_dir, sql).
# start_tiny_stack then starts the sandbox with the tiny organization ($org, $pat, $sandbox_pid), migrates and
# starts the Api ($api, $operator, $runner_env for the Workers).
pids=() worker_pids=()

# The sandbox's tiny organization: one of everything (17 entities; a resync of it is ~50 requests).
tiny_organization=(--Sandbox:Projects 1 --Sandbox:Users 1 --Sandbox:TeamsPerProject 1 --Sandbox:MembersPerTeam 1
  --Sandbox:IterationsPerTeam 1 --Sandbox:BoardsPerTeam 1 --Sandbox:ColumnsPerBoard 1 --Sandbox:ReposPerProject 1
  --Sandbox:BranchesPerRepo 1 --Sandbox:PoliciesPerRepo 1 --Sandbox:PullRequestsPerRepo 1 --Sandbox:PipelinesPerProject 1
  --Sandbox:RunsPerPipeline 1 --Sandbox:BuildsPerProject 1 --Sandbox:ReleaseDefinitionsPerProject 1
  --Sandbox:ReleasesPerDefinition 1 --Sandbox:WorkItemsPerProject 1 --Sandbox:StagesPerBuild 1
  --Sandbox:EnvironmentsPerProject 1 --Sandbox:DeploymentsPerEnvironment 1 --Sandbox:DeploymentsPerRelease 1
  --Sandbox:AreaPathChildren 1 --Sandbox:AreaPathDepth 1 --Sandbox:GroupsPerProject 1 --Sandbox:MembersPerGroup 1
  --Sandbox:TestRunsPerProject 1 --Sandbox:ResultsPerTestRun 1 --Sandbox:AlertsPerRepo 1 --Sandbox:WikiPagesPerWiki 1)
pg_dir="" work=""

log() { echo "$*" >&2; }

stop_pids() {
  local pid
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

bench_cleanup() {
  local status=$?
  trap "" INT TERM; trap - EXIT   # a second Ctrl-C or TERM must not interrupt the clean-up
  stop_pids "${worker_pids[@]}" "${pids[@]}"
  if [ -n "$pg_dir" ]; then pg_stop "$pg_dir"; fi
  if [ "$status" -ne 0 ] || [ "${BENCH_KEEP:-}" = 1 ]; then echo "work folder kept: $work" >&2; else rm -rf "$work"; fi
}

bin() { echo "$1/bin/Release/net10.0/$2.dll"; }

sql() { "$(pg_bin_dir)/psql" -h 127.0.0.1 -p "$pg_port" -U runner -d runner -v ON_ERROR_STOP=1 -qtAX "$@"; }

bench_start() {
  work="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  chmod 755 "$work"   # the postgres OS user must reach the cluster folder inside it
  mkdir -p "$work/logs"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run" >&2
  echo "building (Release)..." >&2
  dotnet build Runner.slnx -c Release -v quiet -nologo >&2
  pg_port="$(free_port "$2")"
  pg_dir="$work/db"
  pg_start "$pg_dir" "$pg_port"
  pg_ensure_database "$pg_dir" "$pg_port" runner
  export PGPASSWORD; PGPASSWORD="$(cat "$pg_dir/pg-password")"
}

# The sandbox (tiny organization) on $sandbox_port, then migrate and the Api on $api_port.
start_tiny_stack() {
  pat="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  Logging__LogLevel__Default=Warning dotnet "$(bin tools/AdoSandbox Runner.Tools.AdoSandbox)" --urls "http://127.0.0.1:$sandbox_port" \
    --Sandbox:Organization tiny --Sandbox:Pat "$pat" "${tiny_organization[@]}" >"$work/logs/sandbox.log" 2>&1 & pids+=($!)
  sandbox_pid=$!
  org="http://127.0.0.1:$sandbox_port/tiny"
  wait_for_http "http://127.0.0.1:$sandbox_port/_sandbox/expected-counts" 60

  operator="op_$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
  runner_env=(
    Runner__Database__ConnectionString="$(pg_connection_string "$pg_port" "$pg_dir" runner)" Runner__Bootstrap__AdminApiKey="$operator"
    Runner__Secrets__Local__Key="$(head -c 32 /dev/urandom | base64 -w0)"
    Runner__Egress__AllowPrivateNetworks=true ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning)
  env "${runner_env[@]}" dotnet "$(bin Runner.Api Runner.Api)" migrate --contentRoot "$PWD/Runner.Api" >"$work/logs/migrate.log" 2>&1 \
    || { cat "$work/logs/migrate.log" >&2; exit 1; }
  env "${runner_env[@]}" dotnet "$(bin Runner.Api Runner.Api)" --contentRoot "$PWD/Runner.Api" --urls "http://127.0.0.1:$api_port" \
    >"$work/logs/api.log" 2>&1 & pids+=($!)
  api="http://127.0.0.1:$api_port/api/v1"
  wait_for_http "http://127.0.0.1:$api_port/readyz" 60
}
