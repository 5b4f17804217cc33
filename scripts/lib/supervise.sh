# run.sh's children (Api, Worker, the demo sandbox): each is started under a name, start-up waits for
# its readiness while checking that it is still alive, and the first child to exit is reported by name
# and status and stops the others, so a death is never silent and never hidden behind "Runner is up".

child_pids=()
child_names=()

# start_child NAME COMMAND...: starts COMMAND in the background under NAME.
start_child() {
  local name="$1"; shift
  "$@" &
  child_pids+=("$!")
  child_names+=("$name")
}

child_name() {
  local i
  for i in "${!child_pids[@]}"; do
    if [ "${child_pids[$i]}" = "$1" ]; then echo "${child_names[$i]}"; return; fi
  done
  echo "process $1"
}

child_pid() {
  local i
  for i in "${!child_names[@]}"; do
    if [ "${child_names[$i]}" = "$1" ]; then echo "${child_pids[$i]}"; return; fi
  done
  return 1
}

# report_exit NAME PID WHEN: reaps an exited child and says which one stopped, how and when.
report_exit() {
  local status=0
  wait "$2" || status=$?
  if [ "$status" -gt 128 ]; then
    echo "error: $1 was killed by signal $((status - 128)) $3" >&2
  else
    echo "error: $1 exited with status $status $3" >&2
  fi
}

# wait_child_ready NAME SECONDS CHECK...: runs CHECK until it succeeds; fails, naming the child, when the
# child exits first or the deadline passes.
wait_child_ready() {
  local name="$1" seconds="$2" deadline=$((SECONDS + $2)) pid
  shift 2
  pid="$(child_pid "$name")"
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      report_exit "$name" "$pid" "during start-up"
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "error: $name did not become ready within $seconds s" >&2
      return 1
    fi
    sleep 0.5
  done
}

# all_children_alive: fails, naming it, if a child has already exited (say after it answered ready).
all_children_alive() {
  local i
  for i in "${!child_pids[@]}"; do
    if ! kill -0 "${child_pids[$i]}" 2>/dev/null; then
      report_exit "${child_names[$i]}" "${child_pids[$i]}" "during start-up"
      return 1
    fi
  done
}

# supervise: waits until the first child exits, reports it, stops the others and returns non-zero.
supervise() {
  local died="" status=0 i
  # A child that has already exited may already be reaped, and wait -n would no longer see it: look first.
  for i in "${!child_pids[@]}"; do
    if ! kill -0 "${child_pids[$i]}" 2>/dev/null; then
      died="${child_pids[$i]}"
      wait "$died" || status=$?
      break
    fi
  done
  if [ -z "$died" ]; then
    wait -n -p died "${child_pids[@]}" || status=$?
  fi
  if [ -z "$died" ]; then
    return "$status"   # interrupted by a signal; its trap does the stopping
  fi
  if [ "$status" -gt 128 ]; then
    echo "error: $(child_name "$died") was killed by signal $((status - 128)); stopping the rest" >&2
  else
    echo "error: $(child_name "$died") exited with status $status; stopping the rest" >&2
  fi
  stop_children
  return $((status == 0 ? 1 : status))
}

# stop_children: TERM to every child still running, then waits for each.
stop_children() {
  local pid
  for pid in "${child_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${child_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
