# Shared by the bench scripts: install wrk and nginx if missing, build pacer, run a one-worker nginx on loopback.
# Benchmarks only ever load the nginx they start here, on 127.0.0.1, for a bounded time.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$(mktemp -d /tmp/pacer-bench.XXXXXX)"
# A port no other process holds (the kernel picks it), unless PORT is given.
PORT="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
URL="http://127.0.0.1:$PORT/"

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v hey >/dev/null || missing+=(hey)
  command -v nginx >/dev/null || missing+=(nginx-light)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v bc >/dev/null || missing+=(bc)
  command -v curl >/dev/null || missing+=(curl)
  command -v gcc >/dev/null || missing+=(gcc libc6-dev)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# The pacer users run: `dotnet publish` (NativeAOT, one executable). PACER_BUILD=jit measures the IL build through the JIT
# instead (`dotnet pacer.dll`, as `dotnet run` runs it).
build_pacer() {
  if [ "${PACER_BUILD:-native}" = jit ]; then
    dotnet build "$REPO_DIR/src/Pacer.Cli" -c Release -nologo -v q >/dev/null
    PACER=(dotnet "$REPO_DIR/src/Pacer.Cli/bin/Release/net10.0/pacer.dll")
  else
    dotnet publish "$REPO_DIR/src/Pacer.Cli" -c Release -nologo -o "$WORK/native" >"$WORK/publish.log" 2>&1 \
      || { tail -30 "$WORK/publish.log"; echo "could not publish the native pacer" >&2; exit 1; }
    PACER=("$WORK/native/pacer")
  fi
}

# The yardstick client of bench/vs-wrk.sh (see bench/ceiling-client.c).
build_ceiling_client() {
  CEILING="$WORK/ceiling-client"
  gcc -O2 -Wall -Wextra -o "$CEILING" "$BENCH_DIR/ceiling-client.c"
}

# NGINX_WORKERS (default 1) sets worker_processes; with more than one, each listens on its own socket (reuseport), so the
# kernel spreads connections evenly over them.
start_nginx() {
  local workers="${NGINX_WORKERS:-1}" reuse=""
  [ "$workers" -gt 1 ] && reuse=" reuseport"
  mkdir -p "$WORK/nginx/logs"
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes $workers;
worker_rlimit_nofile 20000;
error_log $WORK/nginx/logs/error.log crit;
pid $WORK/nginx/nginx.pid;
events { worker_connections 19000; multi_accept on; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  server {
    listen 127.0.0.1:$PORT backlog=65535$reuse;
    location / { default_type text/plain; return 200 'ok'; }
  }
}
CONF
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  for _ in $(seq 1 50); do curl -sf "$URL" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "nginx did not start" >&2; exit 1
}

stop_nginx() { [ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null; wait "${NGINX_PID:-}" 2>/dev/null || true; rm -rf "$WORK"; }

# CPU-seconds nginx's worker processes have used so far (the master only accepts configuration): read before and after a
# run, the difference shows whether the server, not the load generator, was the limit.
nginx_cpu_seconds() {
  local ticks=0 pid
  for pid in $(pgrep -P "$NGINX_PID"); do ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$ticks / $(getconf CLK_TCK)" | bc -l
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Requests/s from a pacer result file: completed requests over the run.
pacer_rps() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['metrics']['http_reqs']['count']/r['duration_seconds'])" "$1"; }

# Requests/s from wrk's output.
wrk_rps() { awk '/Requests\/sec/ {print $2}'; }
