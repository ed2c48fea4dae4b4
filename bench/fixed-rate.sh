#!/usr/bin/env bash
# Open model at a fixed rate against one-worker nginx on 127.0.0.1: is the rate achieved, how late is the generator,
# and what does it cost in CPU? Usage: bench/fixed-rate.sh [rate] [duration]   (default 20000 20s)
source "$(dirname "$0")/common.sh"
RATE="${1:-20000}"
DURATION="${2:-20s}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ensure_tools
build_pacer
trap stop_nginx EXIT
start_nginx

/usr/bin/time -f '%U %S' -o "$WORK/cpu" "${PACER[@]}" run --url "$URL" --rate "$RATE" --duration "$DURATION" --connections 200 -q --out "$WORK/fixed.json" > /dev/null || true
python3 - "$WORK/fixed.json" "$WORK/cpu" "$RATE" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); user, system = map(float, open(sys.argv[2]).read().split())
rate = float(sys.argv[3]); m = r['metrics']; g = r['generator']
n = m['http_reqs']['count']; planned = rate * r['plan']['planned_duration_seconds']
print(f"planned {planned:.0f} requests at {rate:.0f}/s; sent {n} ({n / planned:.4f} of plan), dropped {m['dropped_iterations']['count']}")
print(f"achieved {n / r['duration_seconds']:.0f} req/s over the run ({r['duration_seconds']:.2f} s)")
print(f"latency p50 {m['http_req_duration']['p50']:.3f} ms, p99 {m['http_req_duration']['p99']:.3f} ms; queue p99 {m['http_req_queue_time']['p99']:.3f} ms")
print(f"scheduling lag p50 {g['lag_p50']:.3f} ms, p99 {g['lag_p99']:.3f} ms, max {g['lag_max']:.3f} ms; saturated: {g['saturated']}")
print(f"CPU {user + system:.2f} s for {n} requests = {(user + system) / n * 100_000:.2f} CPU-seconds per 100k requests")
PY
