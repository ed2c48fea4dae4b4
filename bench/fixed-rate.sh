#!/usr/bin/env bash
# Open model at fixed rates against one-worker nginx on 127.0.0.1: is each rate achieved, how late is the generator, and
# what does a request cost in CPU next to the closed model's flat-out cost, measured in the same run of this script?
# Usage: bench/fixed-rate.sh [rates] [duration]   (default "1000 20000 100000" 20s; e.g. bench/fixed-rate.sh 20000 10s)
# The closed model runs first (50 virtual users, flat out, same duration); each open-model rate then prints its CPU per
# request and the ratio open/closed. CPU per request is the process's CPU (sampled from /proc twice a second) over the whole
# seconds of the load from its 2nd second to its second-to-last, divided by the requests the result's series counts in
# them: start-up, warm-up and drain are left out of both models alike. The whole process's CPU over all its requests
# (GNU time) is printed beside it.
# Then, for the floor under any generator that sleeps between arrivals, bench/open-floor-client.c at each rate (one thread
# sleeping in epoll_pwait2 to each arrival's moment, one pre-encoded request, answers counted by length, nothing recorded):
# its CPU per request, and its ratio to the closed model's, the least an open-model sender can show against the closed
# model on this machine.
# Then the same rates from hey (a public Go load generator; HEY=0 skips it), for what a request costs another tool on this
# machine: `hey -z DURATION -c N -q 1000`, N workers each throttled to 1,000 requests/s (N = rate / 1,000). hey is not an
# open-model tool (each worker waits for its answer before its next tick, so a stall delays the schedule instead of showing);
# its CPU is the whole process's over all its requests, to be read beside Pacer's whole-process figure.
source "$(dirname "$0")/common.sh"
RATES="${1:-1000 20000 100000}"
DURATION="${2:-20s}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ensure_tools
build_pacer
FLOOR="$WORK/open-floor-client"
gcc -O2 -Wall -Wextra -o "$FLOOR" "$BENCH_DIR/open-floor-client.c"
trap stop_nginx EXIT
start_nginx

# run NAME ARGS...: one pacer run, its result in $WORK/NAME.json, its process CPU in $WORK/NAME.cpu and CPU samples
# ("unix-time cpu-ticks" lines) in $WORK/NAME.samples.
run() {
  local name="$1"; shift
  /usr/bin/time -f '%U %S' -o "$WORK/$name.cpu" "${PACER[@]}" run --url "$URL" --duration "$DURATION" -q --out "$WORK/$name.json" "$@" > /dev/null &
  local timer=$! pid=""
  while [ -z "$pid" ] && kill -0 "$timer" 2>/dev/null; do pid="$(pgrep -P "$timer" | head -1 || true)"; sleep 0.05; done
  while [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; do
    echo "$(date +%s.%N) $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null)" >> "$WORK/$name.samples"
    sleep 0.5
  done
  wait "$timer" || true
}

run closed --vus 50
for rate in $RATES; do
  run "open-$rate" --rate "$rate" --connections 200
done

response_bytes=$(curl -si "$URL" | wc -c)
for rate in $RATES; do
  "$FLOOR" "$PORT" 200 "$rate" "${DURATION%s}" "$response_bytes" > "$WORK/floor-$rate.out"
done

if [ "${HEY:-1}" != 0 ]; then
  for rate in $RATES; do
    workers=$(( rate / 1000 > 0 ? rate / 1000 : 1 ))
    /usr/bin/time -f '%U %S' -o "$WORK/hey-$rate.cpu" hey -z "$DURATION" -c "$workers" -q $(( rate / workers )) "$URL" > "$WORK/hey-$rate.out"
  done
fi

python3 - "$WORK" "$RATES" "$DURATION" <<'PY'
import json, os, sys
work, rates = sys.argv[1], sys.argv[2].split()
duration = float(sys.argv[3][:-1]) * 60 if sys.argv[3].endswith('m') else float(sys.argv[3].rstrip('s'))

from datetime import datetime
HZ = os.sysconf('SC_CLK_TCK')

def figures(name):
    r = json.load(open(f"{work}/{name}.json")); user, system = map(float, open(f"{work}/{name}.cpu").read().split())
    g = r['generator']; n = r['metrics']['http_reqs']['count']
    samples = [tuple(map(float, line.split())) for line in open(f"{work}/{name}.samples") if len(line.split()) == 2]
    zero = datetime.fromisoformat(r['started_utc']).timestamp()
    # The series' whole seconds from the 2nd to the second-to-last of the load; the CPU samples nearest their edges.
    seconds = [s for s in r['series'] if 2 <= s['t'] <= r['load_seconds'] - 1]
    lo, hi = zero + seconds[0]['t'] - 1, zero + seconds[-1]['t']
    first = min(samples, key=lambda s: abs(s[0] - lo)); last = min(samples, key=lambda s: abs(s[0] - hi))
    cpu = (last[1] - first[1]) / HZ
    requests = sum(s['requests'] for s in seconds) * (last[0] - first[0]) / (hi - lo)
    return r, g, n, cpu / requests * 1e6, (user + system) / n * 1e6

_, cg, cn, closed_us, closed_total_us = figures('closed')
print(f"closed model, 50 vus flat out: {cn} requests, {cn / json.load(open(f'{work}/closed.json'))['duration_seconds']:.0f} req/s; "
      f"CPU {closed_us:.2f} µs per request during the load ({closed_total_us:.2f} µs with start-up)")
print()
print(f"{'rate/s':>8} {'sent':>9} {'of plan':>8} {'dropped':>7} {'lag p50':>8} {'lag p99':>8} {'lag max':>8} {'sat.':>5} "
      f"{'CPU µs/req':>10} {'closed':>7} {'ratio':>6} {'(with start-up)':>15}")
for rate in rates:
    r, g, n, open_us, open_total_us = figures(f"open-{rate}")
    m = r['metrics']; planned = float(rate) * r['plan']['planned_duration_seconds']
    print(f"{float(rate):>8.0f} {n:>9} {n / planned:>8.4f} {m['dropped_iterations']['count']:>7} {g['lag_p50']:>7.3f}m {g['lag_p99']:>7.3f}m "
          f"{g['lag_max']:>7.2f}m {str(g['saturated'])[:5]:>5} {open_us:>10.2f} {closed_us:>7.2f} {open_us / closed_us:>5.2f}× "
          f"{open_total_us:>7.2f} / {closed_total_us:.2f}")

print()
print(f"{'rate/s':>8} {'floor sent/s':>13} {'late':>6} {'floor µs/req':>13} {'floor/closed':>13} {'pacer µs/req':>13} {'pacer/floor':>12}")
for rate in rates:
    answered_per_s, floor_us, late = open(f"{work}/floor-{rate}.out").read().split()
    _, _, _, open_us, _ = figures(f"open-{rate}")
    print(f"{float(rate):>8.0f} {float(answered_per_s):>13.0f} {int(late):>6} {float(floor_us):>13.2f} {float(floor_us) / closed_us:>12.2f}× "
          f"{open_us:>13.2f} {open_us / float(floor_us):>11.2f}×")

if all(os.path.exists(f"{work}/hey-{rate}.out") for rate in rates):
    print()
    print(f"{'rate/s':>8} {'hey sent/s':>11} {'hey µs/req':>11} {'pacer µs/req':>13} {'pacer/hey':>10}   (whole process, all requests)")
    for rate in rates:
        out = open(f"{work}/hey-{rate}.out").read()
        answered = sum(int(line.split()[1]) for line in out.splitlines() if line.strip().startswith('[') and len(line.split()) > 1 and line.split()[1].isdigit())
        user, system = map(float, open(f"{work}/hey-{rate}.cpu").read().split())
        _, _, _, _, pacer_total_us = figures(f"open-{rate}")
        hey_us = (user + system) / max(1, answered) * 1e6
        print(f"{float(rate):>8.0f} {answered / duration:>11.0f} {hey_us:>11.2f} {pacer_total_us:>13.2f} {pacer_total_us / hey_us:>9.2f}×")
PY
