#!/usr/bin/env bash
# More cores: does Pacer's closed-model throughput grow with its event loops as wrk's does with its threads, until the
# server saturates? For each nginx worker count W in WORKERS (default "1 2"), started here on 127.0.0.1 with a free port, and
# each loop count L from 1 to LOOPS_MAX (default the number of cores): wrk -tL and pacer --event-loops L, C connections
# (default 100) for D (default 10s), alternating, ROUNDS rounds each (default 3; medians). Prints requests/s, the ratio
# pacer/wrk, each tool's CPU (CPU-seconds per wall second, so 1.0 is one core) and nginx's, and how many cores there are:
# a client's loops and the server's workers share them, so past half the cores each side can only take from the other.
# Usage: bench/scaling.sh [rounds]   (env: WORKERS="1 2 4", LOOPS_MAX=4, CONNECTIONS=100, DURATION=10s)
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"
CORES=$(nproc)
WORKERS="${WORKERS:-1 2}"
LOOPS_MAX="${LOOPS_MAX:-$CORES}"
CONNECTIONS="${CONNECTIONS:-100}"
DURATION="${DURATION:-10s}"
SECONDS_PER_ROUND=${DURATION%s}
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ensure_tools
build_pacer
trap stop_nginx EXIT

# Stops this script's nginx (and only it) so the next worker count can start on the same port.
restart_nginx() {
  if [ -n "${NGINX_PID:-}" ]; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  start_nginx
}

cpu() { awk '{printf "%.2f", ($2 + $3) / s}' s="$SECONDS_PER_ROUND" "$1"; } # a /usr/bin/time file -> cores used

echo "== $CORES cores; $CONNECTIONS connections, $DURATION, $ROUNDS rounds each; CPU in cores (1.00 = one core busy)"
printf '%-14s %-6s %12s %12s %7s %9s %9s %11s %11s\n' "nginx workers" loops "wrk req/s" "pacer req/s" ratio "wrk CPU" "pacer CPU" "nginx(wrk)" "nginx(pacer)"
for w in $WORKERS; do
  NGINX_WORKERS=$w restart_nginx
  for l in $(seq 1 "$LOOPS_MAX"); do
    wrk_all=(); pacer_all=(); wrk_cpu=(); pacer_cpu=(); wrk_ng=(); pacer_ng=()
    for _ in $(seq 1 "$ROUNDS"); do
      before=$(nginx_cpu_seconds)
      /usr/bin/time -f '%M %U %S' -o "$WORK/wrk.time" wrk -t"$l" -c"$CONNECTIONS" -d"$DURATION" "$URL" > "$WORK/wrk.out"
      wrk_ng+=("$(echo "($(nginx_cpu_seconds) - $before) / $SECONDS_PER_ROUND" | bc -l)")
      wrk_all+=("$(wrk_rps < "$WORK/wrk.out")"); wrk_cpu+=("$(cpu "$WORK/wrk.time")")
      before=$(nginx_cpu_seconds)
      /usr/bin/time -f '%M %U %S' -o "$WORK/pacer.time" "${PACER[@]}" run --url "$URL" --vus "$CONNECTIONS" --duration "$DURATION" --event-loops "$l" -q --out "$WORK/pacer.json" > /dev/null
      pacer_ng+=("$(echo "($(nginx_cpu_seconds) - $before) / $SECONDS_PER_ROUND" | bc -l)")
      pacer_all+=("$(pacer_rps "$WORK/pacer.json")"); pacer_cpu+=("$(cpu "$WORK/pacer.time")")
    done
    wm=$(printf '%s\n' "${wrk_all[@]}" | median); pm=$(printf '%s\n' "${pacer_all[@]}" | median)
    printf '%-14s %-6s %12.0f %12.0f %7.2f %9.2f %9.2f %11.2f %11.2f   (rounds: wrk %s; pacer %s)\n' "$w" "$l" "$wm" "$pm" "$(echo "$pm / $wm" | bc -l)" \
      "$(printf '%s\n' "${wrk_cpu[@]}" | median)" "$(printf '%s\n' "${pacer_cpu[@]}" | median)" \
      "$(printf '%s\n' "${wrk_ng[@]}" | median)" "$(printf '%s\n' "${pacer_ng[@]}" | median)" \
      "$(printf '%.0f ' "${wrk_all[@]}")" "$(printf '%.0f ' "${pacer_all[@]}")"
  done
done
echo "nginx CPU is all its workers' together; a client's CPU includes its kernel time (most of a loop's work is send and receive)."
