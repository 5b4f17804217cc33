#!/usr/bin/env bash
# Runs Runner on this machine: an embedded PostgreSQL under the data folder, the migrate step,
# then Api and Worker on loopback. --demo also starts the Azure DevOps sandbox and creates a
# demo tenant with an installation against it. Ctrl-C stops everything; a rerun reuses the data.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib/system.sh
source scripts/lib/supervise.sh

demo=false
for arg in "$@"; do
  case "$arg" in
    --demo) demo=true ;;
    -h|--help)
      echo "usage: ./run.sh [--demo]   (env: RUNNER_DATA_DIR=.data, RUNNER_PORT=5080, Runner__Bootstrap__AdminApiKey)"
      exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

ensure_system_packages
ensure_curl

data="${RUNNER_DATA_DIR:-.data}"
mkdir -p "$data"
data="$(cd "$data" && pwd)"
chmod 755 "$data"   # the postgres OS user must reach the cluster folder inside it
port="${RUNNER_PORT:-5080}"
worker_port="$((port + 1))"
sandbox_port="$((port + 2))"

cleanup() {
  trap - INT TERM EXIT
  echo "stopping Runner..." >&2
  stop_children
  pg_stop "$data/db"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_port="$(free_port 55433)"
pg_start "$data/db" "$pg_port"
pg_ensure_database "$data/db" "$pg_port" runner

if [ -z "${Runner__Bootstrap__AdminApiKey:-}" ]; then
  if [ ! -s "$data/operator-key" ]; then
    (umask 077; echo "op_$(head -c 32 /dev/urandom | base64 | tr -d '/+=')" > "$data/operator-key")
  fi
  export Runner__Bootstrap__AdminApiKey="$(cat "$data/operator-key")"
fi
export Runner__Database__ConnectionString="$(pg_connection_string "$pg_port" "$data/db" runner)"
export Runner__Secrets__Local__KeyFile="$data/kek.key"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
if $demo; then
  export Runner__Egress__AllowPrivateNetworks=true
  # The sandbox delivers service hooks to the Api itself, so live events work on loopback.
  export Runner__LiveEvents__PublicUrl="http://127.0.0.1:$port/"
fi

echo "building..." >&2
dotnet build Runner.slnx -c Release -v quiet -nologo >&2
bin() { echo "$1/bin/Release/net10.0/$(basename "$1").dll"; }

dotnet "$(bin Runner.Api)" migrate --contentRoot "$PWD/Runner.Api"
start_child Worker dotnet "$(bin Runner.Worker)" --contentRoot "$PWD/Runner.Worker" --urls "http://127.0.0.1:$worker_port"
start_child Api dotnet "$(bin Runner.Api)" --contentRoot "$PWD/Runner.Api" --urls "http://127.0.0.1:$port"
wait_child_ready Api 60 curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz"
wait_child_ready Worker 60 curl -fsS -o /dev/null "http://127.0.0.1:$worker_port/readyz"

if $demo; then
  source scripts/lib/demo.sh
  start_demo "$data" "$port" "$sandbox_port"
fi
all_children_alive

cat <<EOM

Runner is up.
  Console / API:  http://127.0.0.1:$port/   (OpenAPI: http://127.0.0.1:$port/openapi/v1.json)
  Operator key:   $Runner__Bootstrap__AdminApiKey
  Data folder:    $data
EOM
if $demo; then print_demo_summary; fi
echo "Press Ctrl-C to stop."

# The first child to exit is named with its status; the others and PostgreSQL are stopped.
supervise
