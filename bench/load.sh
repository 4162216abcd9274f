#!/usr/bin/env bash
# Load benchmark of Audit Router: bench/README.md explains what it measures and how to read it.
#
#   bench/load.sh                 # about 3 minutes; prints a table, exits 1 if a delivery check fails
#
# Settings (environment): DURATION (s per run, 15), CEILING_DURATION (s, 10), CONNECTIONS (wrk
# connections, 32), WRK_THREADS (1), SINK_CONCURRENCY (per sink, 8), NGINX_WORKERS (auto),
# DRAIN_TIMEOUT (s, 180), AUDIT_ROUTER_BINARY (use this binary, no build), BENCH_DIR (work folder; default a new one under $TMPDIR or /tmp),
# KEEP=1 (keep the work folder: configs, spools, logs, wrk output, results), RUNS (which runs,
# default "one-sink one-sink-half three-sinks three-sinks-half"; a -half run needs its full run first).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"

DURATION=${DURATION:-15}
CEILING_DURATION=${CEILING_DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-1}
SINK_CONCURRENCY=${SINK_CONCURRENCY:-8}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-180}
KEEP=${KEEP:-0}
RUNS=${RUNS:-one-sink one-sink-half three-sinks three-sinks-half}

log() { printf '== %s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v python3 >/dev/null || missing+=(python3)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing+=(libsqlite3-dev)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -qq
  # RUNLEVEL=1: the nginx package must not start a system nginx on port 80.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ -n "${AUDIT_ROUTER_BINARY:-}" ]]; then
  BIN=$AUDIT_ROUTER_BINARY
else
  log "swift build -c release"
  (cd "$ROOT" && swift build -c release --product audit-router 2>&1 | tail -3) >&2
  BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/audit-router"
fi
[[ -x "$BIN" ]] || { echo "no binary at $BIN" >&2; exit 1; }

# --- work folder, ports, cleanup -----------------------------------------------------------------
WORK=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/audit-router-bench.XXXXXX")}
mkdir -p "$WORK/nginx-tmp"
fs=$(df --output=fstype "$WORK" | tail -1 | tr -d ' ')
[[ "$fs" == tmpfs ]] && log "WARNING: $WORK is on tmpfs, the spool is not on disk (set BENCH_DIR)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
RECEIVER_PORT=$(free_port)
ROUTER_PORT=$(free_port)
NGINX_PID=""
ROUTER_PID=""
cleanup() {
  [[ -n "$ROUTER_PID" ]] && kill -KILL "$ROUTER_PID" 2>/dev/null || true
  [[ -n "$NGINX_PID" ]] && kill -QUIT "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  if [[ "$KEEP" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- receiver ------------------------------------------------------------------------------------
sed -e "s#@DIR@#$WORK#g" -e "s#@PORT@#$RECEIVER_PORT#g" -e "s#@WORKERS@#$NGINX_WORKERS#g" \
  "$BENCH/nginx.conf.in" >"$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/nginx-error.log" &
NGINX_PID=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$RECEIVER_PORT/ceiling" && break
  sleep 0.1
done
curl -sf -o /dev/null -X POST "http://127.0.0.1:$RECEIVER_PORT/ceiling" || { cat "$WORK/nginx-error.log" >&2; exit 1; }

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
CLK_TCK=$(getconf CLK_TCK)
now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime of the process
spool_count() { sqlite3 -cmd '.timeout 10000' "$1" "$2"; }

run_wrk() {  # URL RATE OUT [DURATION] [get]
  wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "${4:-$DURATION}s" --latency -s "$BENCH/flipt-events.lua" \
    "$1" -- "$2" "$WRK_THREADS" "$(basename "$3" .wrk)" ${5:-} >"$3" 2>&1
}

# --- the ceiling: wrk against the receiver alone ----------------------------------------------------
log "ceiling: wrk -t$WRK_THREADS -c$CONNECTIONS against nginx alone for ${CEILING_DURATION}s"
run_wrk "http://127.0.0.1:$RECEIVER_PORT/ceiling" 0 "$WORK/ceiling.wrk" "$CEILING_DURATION"
python3 "$BENCH/analyze.py" phase "$WORK/ceiling.json" "$WORK/ceiling.wrk" - - - name=ceiling
CEILING_RPS=$(python3 -c "import json; print(round(json.load(open('$WORK/ceiling.json'))['rps']))")
log "ceiling: $CEILING_RPS req/s"

# --- router runs ---------------------------------------------------------------------------------
write_config() {  # NAME SINKS
  local name=$1 sinks=$2 dir="$WORK/$1"
  mkdir -p "$dir"
  {
    cat <<EOF
server:
  listen: 127.0.0.1:$ROUTER_PORT
spool:
  path: $dir/spool.sqlite
meta:
  environment: bench
  splunk_sourcetype: audit_router:event
sinks:
  - name: s1                      # Flipt's JSON, as Flipt's own webhook sink sends it
    url: http://127.0.0.1:$RECEIVER_PORT/sink/$name-s1
    concurrency: $SINK_CONCURRENCY
    timeout: 5s
    retry: { initial_backoff: 200ms, max_backoff: 2s }
EOF
    if ((sinks >= 3)); then
      cat <<EOF
  - name: s2                      # Splunk HEC
    url: http://127.0.0.1:$RECEIVER_PORT/sink/$name-s2
    headers:
      Authorization: Splunk 00000000-0000-0000-0000-000000000000
    body_file: $ROOT/templates/splunk-hec.tmpl
    concurrency: $SINK_CONCURRENCY
    timeout: 5s
    retry: { initial_backoff: 200ms, max_backoff: 2s }
  - name: s3                      # Slack blocks
    url: http://127.0.0.1:$RECEIVER_PORT/sink/$name-s3
    body_file: $ROOT/templates/slack.tmpl
    concurrency: $SINK_CONCURRENCY
    timeout: 5s
    retry: { initial_backoff: 200ms, max_backoff: 2s }
EOF
    fi
  } >"$dir/config.yaml"
}

start_router() {  # NAME SINKS: starts the router with that run's configuration, waits until it answers
  local name=$1 sinks=$2 dir="$WORK/$1"
  write_config "$name" "$sinks"
  "$BIN" validate --config "$dir/config.yaml" >"$dir/validate.log" 2>&1 || { cat "$dir/validate.log" >&2; exit 1; }
  "$BIN" serve --config "$dir/config.yaml" --log-level info >"$dir/router.log" 2>&1 &
  ROUTER_PID=$!
  for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$ROUTER_PORT/healthz" && return
    kill -0 "$ROUTER_PID" 2>/dev/null || { cat "$dir/router.log" >&2; exit 1; }
    sleep 0.1
  done
  log "$name: the router did not answer /healthz within 30 s"; tail -20 "$dir/router.log" >&2; exit 1
}

stop_router() {  # NAME
  local status=0
  if kill -TERM "$ROUTER_PID" 2>/dev/null; then
    wait "$ROUTER_PID" || status=$?
    ((status == 0)) || log "$1: router exited with status $status"
  else
    wait "$ROUTER_PID" || status=$?
    log "$1: the router had stopped before the end of its run (status $status); its log:"; tail -20 "$WORK/$1/router.log" >&2
  fi
  ROUTER_PID=""
}

# --- the framework floor: the router's empty route ----------------------------------------------
# GET /healthz answers from Hummingbird without touching the spool: what the HTTP stack alone
# serves on this machine, the most any handler can reach. (Bodiless GETs cost less than the
# ceiling's POSTs, so this flatters the framework if anything.)
log "framework: wrk -t$WRK_THREADS -c$CONNECTIONS GET /healthz on the idle router for ${CEILING_DURATION}s"
start_router framework 1
run_wrk "http://127.0.0.1:$ROUTER_PORT/healthz" 0 "$WORK/framework.wrk" "$CEILING_DURATION" get
stop_router framework
python3 "$BENCH/analyze.py" phase "$WORK/framework.json" "$WORK/framework.wrk" - - - name=framework
log "framework: $(python3 -c "import json; print(round(json.load(open('$WORK/framework.json'))['rps']))") req/s"

run_router() {  # NAME SINKS RATE (0 = as fast as possible)
  local name=$1 sinks=$2 rate=$3 dir="$WORK/$1"
  start_router "$name" "$sinks"
  local spool="$dir/spool.sqlite"
  local label="max rate"; ((rate > 0)) && label="$rate req/s"
  log "$name: $sinks sink(s), ${DURATION}s at $label (wrk -t$WRK_THREADS -c$CONNECTIONS)"

  local t0 c0 t1 c1 delivered1 pending1 t2 c2
  t0=$(now); c0=$(cpu_ticks "$ROUTER_PID")
  run_wrk "http://127.0.0.1:$ROUTER_PORT/v1/events" "$rate" "$dir/$name.wrk"
  t1=$(now); c1=$(cpu_ticks "$ROUTER_PID")
  delivered1=$(spool_count "$spool" "SELECT COUNT(*) FROM delivery WHERE state = 'delivered'")
  pending1=$(spool_count "$spool" "SELECT COUNT(*) FROM delivery WHERE state = 'pending'")

  # Drain: wait until no delivery is pending.
  local deadline=$((SECONDS + DRAIN_TIMEOUT)) pending=$pending1
  while ((pending > 0 && SECONDS < deadline)); do
    sleep 0.25
    pending=$(spool_count "$spool" "SELECT COUNT(*) FROM delivery WHERE state = 'pending'")
  done
  t2=$(now); c2=$(cpu_ticks "$ROUTER_PID")
  ((pending == 0)) || log "$name: $pending deliveries still pending after ${DRAIN_TIMEOUT}s"
  local hwm
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$ROUTER_PID/status")

  stop_router "$name"
  kill -USR1 "$NGINX_PID"  # reopen the access log: writes out its buffer
  sleep 1.5

  python3 "$BENCH/analyze.py" phase "$dir/result.json" "$dir/$name.wrk" "$spool" "$WORK/deliveries.log" "$name-" \
    name="$name" target_rate="$rate" window_s="$(minus "$t1" "$t0")" drained_s="$(minus "$t2" "$t0")" \
    drain_s="$(minus "$t2" "$t1")" delivered_in_window="$delivered1" backlog_at_end="$pending1" \
    cpu_ticks="$((c1 - c0))" cpu_ticks_total="$((c2 - c0))" clk_tck="$CLK_TCK" vm_hwm_kb="$hwm"
  python3 - "$dir/result.json" <<'EOF' >&2
import json, sys
r = json.load(open(sys.argv[1]))
print(f"== {r['name']}: {r['rps']:.0f} req/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, "
      f"{r['deliveries_per_s']:.0f} deliveries/s, backlog {r['backlog_at_end']:.0f} drained in {r['drain_s']:.1f}s, "
      f"CPU {r['cpu_pct']:.0f}%, peak RSS {r['vm_hwm_kb'] / 1024:.1f} MB, check {'ok' if r['check_ok'] else 'FAILED'}")
EOF
}

peak_rate() { python3 -c "import json; print(int(json.load(open('$WORK/$1/result.json'))['rps']))"; }

results=("$WORK/ceiling.json" "$WORK/framework.json")
for run in $RUNS; do
  case $run in
    one-sink) run_router one-sink 1 0 ;;
    one-sink-half) run_router one-sink-half 1 $(($(peak_rate one-sink) / 2)) ;;
    three-sinks) run_router three-sinks 3 0 ;;
    three-sinks-half) run_router three-sinks-half 3 $(($(peak_rate three-sinks) / 2)) ;;
    *) echo "unknown run $run" >&2; exit 2 ;;
  esac
  results+=("$WORK/$run/result.json")
done

echo
echo "Audit Router load benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, spool on $fs ($WORK)"
echo "wrk -t$WRK_THREADS -c$CONNECTIONS, ${DURATION}s per run; sink concurrency $SINK_CONCURRENCY; nginx workers $NGINX_WORKERS"
echo "load average at the start: $LOAD_AT_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure)"
echo
python3 "$BENCH/analyze.py" table "${results[@]}"
