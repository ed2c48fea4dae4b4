#!/usr/bin/env bash
# Pacer vs a Node `ws` client loop (the npm package), side by side, against one WebSocket echo server on 127.0.0.1 that this
# script starts (bench/WsBench serve: Kestrel, echoing each message back; an idle socket holds no buffer there).
# 1) Request/reply: SOCKETS sockets (default 50), each sending {"id":…,"cmd":"echo"} and waiting for the echo with that id
#    before the next, for DURATION seconds (default 10); rounds alternate (default 3). Pacer runs a plan (ws: connect with
#    scope: vu, then ws: request correlated by $.id); Node runs bench/ws-client.js, the same loop. Messages/s and
#    CPU-seconds per 1,000 messages of each, over the load window only (Pacer's CPU read from /proc across the result's
#    whole seconds, Node's from process.cpuUsage after its sockets opened), medians, and the ratios pacer/node. The server's
#    CPU each round shows whether it, not the client, set the pace.
# 2) Idle: IDLE open, idle sockets (default 10,000) against 100: the bytes per added socket, RSS (anonymous pages) and heap,
#    for Pacer's connector in process (WsBench idle pacer, run under pacer.runtimeconfig.json; again with the gen0 budget
#    uncapped and after an aggressive collection, to tell the sockets' bytes from the GC's retained budget), for .NET's ClientWebSocket (WsBench idle clientws) and a bare
#    socket (WsBench idle socket: the least any framing over .NET sockets keeps), for Node `ws`, and for a whole
#    `pacer run` holding IDLE virtual users each with an idle socket (RSS of the process sampled while all are open), with
#    pacer's gen0 budget cap and without.
# Usage: bench/websocket.sh [rounds]   (SOCKETS, DURATION, IDLE in the environment)
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"
SOCKETS="${SOCKETS:-50}"
DURATION="${DURATION:-10}"
IDLE="${IDLE:-10000}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/time ] || missing+=(time)
command -v bc >/dev/null || missing+=(bc)
if [ "${#missing[@]}" -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; fi

build_pacer
# The hosted idle probe below runs under the IL build's runtime configuration.
dotnet build "$REPO_DIR/src/Pacer.Cli" -c Release -nologo -v q >/dev/null
dotnet build "$BENCH_DIR/WsBench" -c Release -nologo -v q >/dev/null
WSBENCH=(dotnet "$BENCH_DIR/WsBench/bin/Release/net10.0/WsBench.dll")
# The idle probe of Pacer's connector runs under pacer's own runtime configuration (its GC settings, the gen0 budget cap
# above all), so its figure is the one a `pacer run` process would show, not a default .NET process's.
PACER_HOSTED=(dotnet exec --runtimeconfig "$REPO_DIR/src/Pacer.Cli/bin/Release/net10.0/pacer.runtimeconfig.json"
  --depsfile "$BENCH_DIR/WsBench/bin/Release/net10.0/WsBench.deps.json" "$BENCH_DIR/WsBench/bin/Release/net10.0/WsBench.dll")
npm install --prefix "$WORK/node" --no-audit --no-fund --silent ws@8 >/dev/null
export WS_MODULES="$WORK/node/node_modules"
NODE_WS_VERSION=$(node -e "console.log(require('$WS_MODULES/ws/package.json').version)")

# The echo server: its standard input is a FIFO this script holds open; closing it stops the server.
mkfifo "$WORK/serve.in"
"${WSBENCH[@]}" serve 4 < "$WORK/serve.in" > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER_PID=$!
exec 3> "$WORK/serve.in"
stop_server() { exec 3>&- 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap stop_server EXIT
for _ in $(seq 1 100); do [ "$(wc -l < "$WORK/serve.out")" -ge 4 ] && break; sleep 0.1; done
mapfile -t URLS < "$WORK/serve.out"
[ "${#URLS[@]}" -ge 4 ] || { echo "the echo server did not start: $(cat "$WORK/serve.err")" >&2; exit 1; }
PORT1=$(echo "${URLS[0]}" | sed -E 's|.*:([0-9]+)/$|\1|')

server_cpu() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
HZ=$(getconf CLK_TCK)

cat > "$WORK/echo.yaml" <<PLAN
name: websocket echo bench
target: http://127.0.0.1:$PORT1
scenarios:
  - name: echo
    steps:
      - { ws: connect, path: /, scope: vu, timeout: 30s }
      - { ws: request, name: echo, text: '{"id":"\${vu}-\${iter}","cmd":"echo"}', correlate: \$.id, timeout: 10s }
load: { model: closed, vus: $SOCKETS, duration: ${DURATION}s }
PLAN

# One pacer run: its result, and its CPU sampled from /proc twice a second ("unix-time ticks" lines).
pacer_round() {
  local out="$1" samples="$2"
  "${PACER[@]}" run "$WORK/echo.yaml" -q --out "$out" > /dev/null 2>&1 &
  local pid=$!
  : > "$samples"
  while [ -r "/proc/$pid/stat" ]; do
    echo "$(date +%s.%N) $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null)" >> "$samples"
    sleep 0.5
  done
  wait "$pid" || true
}

# Messages/s and CPU-s per 1,000 messages over the load's whole seconds from the 2nd to the second-to-last, from the CPU
# samples nearest their edges: start-up, handshakes and drain are left out, as Node's figure leaves them out. The result's
# per-second series counts HTTP requests only, so the messages in that window are the run's mean rate times its length (a
# closed loop runs at a steady pace; the handshakes take well under a second of the first).
pacer_figures() {
  python3 - "$1" "$2" "$HZ" <<'PY'
import json, sys
from datetime import datetime
r = json.load(open(sys.argv[1])); hz = float(sys.argv[3])
samples = [tuple(map(float, l.split())) for l in open(sys.argv[2]) if len(l.split()) == 2]
zero = datetime.fromisoformat(r['started_utc']).timestamp()
lo, hi = zero + 1, zero + int(r['load_seconds']) - 1
first = min(samples, key=lambda s: abs(s[0] - lo)); last = min(samples, key=lambda s: abs(s[0] - hi))
sent = r['metrics']['ws_msgs_sent']['count']; errors = r['metrics']['ws_errors']['count']
rate = r['metrics']['ws_msgs_received']['count'] / r['load_seconds']
messages = rate * (last[0] - first[0])
cpu = (last[1] - first[1]) / hz
print(f"{rate:.1f} {cpu / messages * 1000:.4f} {sent} {errors}")
PY
}

echo "== machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/'); node $(node --version), ws $NODE_WS_VERSION, dotnet $(dotnet --version)"
echo "== request/reply: $SOCKETS sockets, ${DURATION} s a round, $ROUNDS rounds each, alternating"
PACER_RATE=(); PACER_CPU=(); NODE_RATE=(); NODE_CPU=()
for i in $(seq 1 "$ROUNDS"); do
  before=$(server_cpu)
  pacer_round "$WORK/pacer-$i.json" "$WORK/pacer-$i.samples"
  server_pacer=$(echo "($(server_cpu) - $before) / $HZ" | bc -l)
  read -r rate cpu sent errors <<< "$(pacer_figures "$WORK/pacer-$i.json" "$WORK/pacer-$i.samples")"
  PACER_RATE+=("$rate"); PACER_CPU+=("$cpu")
  before=$(server_cpu)
  node "$BENCH_DIR/ws-client.js" load "$SOCKETS" "$DURATION" "${URLS[0]}" > "$WORK/node-$i.json"
  server_node=$(echo "($(server_cpu) - $before) / $HZ" | bc -l)
  read -r nrate ncpu nmis <<< "$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['messages']/r['seconds'], r['cpu_seconds']/r['messages']*1000, r['mismatched'])" "$WORK/node-$i.json")"
  NODE_RATE+=("$nrate"); NODE_CPU+=("$ncpu")
  printf '  round %d: pacer %.0f msg/s, %.3f CPU-s per 1,000 (%d sent, %d errors), server %.1f CPU-s | node %.0f msg/s, %.3f CPU-s per 1,000 (%d mismatched), server %.1f CPU-s\n' \
    "$i" "$rate" "$cpu" "$sent" "$errors" "$server_pacer" "$nrate" "$ncpu" "$nmis" "$server_node"
done
pr=$(printf '%s\n' "${PACER_RATE[@]}" | median); pc=$(printf '%s\n' "${PACER_CPU[@]}" | median)
nr=$(printf '%s\n' "${NODE_RATE[@]}" | median); nc=$(printf '%s\n' "${NODE_CPU[@]}" | median)
printf '  median: pacer %.0f msg/s, node %.0f msg/s, ratio pacer/node %.2f; CPU-s per 1,000 messages: pacer %.3f, node %.3f, ratio pacer/node %.2f\n' \
  "$pr" "$nr" "$(echo "$pr / $nr" | bc -l)" "$pc" "$nc" "$(echo "$pc / $nc" | bc -l)"

echo "== idle sockets: 100 then $IDLE (bytes per added socket; RSS = anonymous resident pages)"
echo "  $("${PACER_HOSTED[@]}" idle pacer 100 "$IDLE" "${URLS[@]}" 2>/dev/null) (pacer.runtimeconfig.json)"
for client in clientws socket; do
  echo "  $("${WSBENCH[@]}" idle "$client" 100 "$IDLE" "${URLS[@]}" 2>/dev/null)"
done
# Where Pacer's RSS beyond its heap goes: uncapped, the GC keeps the gen0 budget it grew while the sockets' objects survived
# committed for reuse (bounded, not per socket); pacer.runtimeconfig.json caps it (System.GC.Gen0MaxBudget). The same probe
# with the budget uncapped (80 MB, the default bound on the bench machine) and after an aggressive collection (free space
# given back to the system) tells the sockets' own footprint from the GC's.
echo "  $(DOTNET_GCGen0MaxBudget=0x5000000 "${PACER_HOSTED[@]}" idle pacer 100 "$IDLE" "${URLS[@]}" 2>/dev/null) (gen0 budget uncapped)"
echo "  $(WSBENCH_AGGRESSIVE=1 "${PACER_HOSTED[@]}" idle pacer 100 "$IDLE" "${URLS[@]}" 2>/dev/null) (after an aggressive collection)"
echo "  $(node --expose-gc "$BENCH_DIR/ws-client.js" idle 100 "$IDLE" "${URLS[@]}")"

# The whole pacer process: IDLE virtual users, each holding one socket open and waiting on it (the server never speaks
# first), against 100 users; its RSS sampled once every user has connected.
idle_run() {
  local users="$1" name="$2"
  cat > "$WORK/$name.yaml" <<PLAN
name: websocket idle bench
target: http://127.0.0.1:$PORT1
scenarios:
  - name: idle
    steps:
      - { ws: connect, path: /, scope: vu, timeout: 60s }
      - { ws: receive, timeout: 600s }
load: { model: closed, vus: $users, duration: 25s }
PLAN
  "${PACER[@]}" run "$WORK/$name.yaml" -q --out "$WORK/$name.json" > /dev/null 2>&1 &
  local pid=$! open=0
  for _ in $(seq 1 40); do
    sleep 0.5
    open=$(ss -Htn state established "( dport = :$PORT1 )" 2>/dev/null | wc -l)
    [ "$open" -ge "$users" ] && break
  done
  sleep 3
  awk '/^RssAnon:/ {print $2}' "/proc/$pid/status"
  wait "$pid" || true
}
for budget in configured uncapped; do
  [ "$budget" = uncapped ] && export DOTNET_GCGen0MaxBudget=0x5000000
  small_kb=$(idle_run 100 idle-small)
  large_kb=$(idle_run "$IDLE" idle-large)
  unset DOTNET_GCGen0MaxBudget
  printf '  pacer run (%d virtual users, each with one idle socket, against 100; gen0 budget %s): RSS %.1f MB -> %.1f MB, %.0f bytes per added user and socket\n' \
    "$IDLE" "$budget" "$(echo "$small_kb / 1024" | bc -l)" "$(echo "$large_kb / 1024" | bc -l)" "$(echo "($large_kb - $small_kb) * 1024 / ($IDLE - 100)" | bc -l)"
done
echo "== machine at the end: $(uptime | sed 's/.*load average/load average/')"
