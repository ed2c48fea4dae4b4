#!/usr/bin/env bash
# Does watching the target cost the run anything? The same plans with and without watching one-worker nginx on 127.0.0.1,
# rounds alternating (unwatched, --watch-pid, and --watch-cgroup where it can be set up), printed as ratios watched/unwatched:
#   - throughput: closed model, 50 vus flat out, requests/s;
#   - generator lag: open model at a fixed rate (RATE, default 20,000/s), the result's generator.lag_p50 and lag_p99;
#   - the watcher's own CPU per second: an otherwise idle open-model run (IDLE_RATE, default 10/s, for IDLE_DURATION, default
#     30s) — Pacer's process CPU (from /proc, twice a second) from the load's 10th second to its second-to-last, divided by
#     that time, watched minus unwatched. The first seconds are left out on purpose: they hold the one-off cost of compiling
#     the watcher's code at its first samples (measured at 0.3–0.4 CPU-s once per run), which a 10 s window would spread into
#     a per-second figure several times the steady one.
# Usage: bench/watching.sh [rounds] [duration]   (default 5 rounds of 10s each; RATE, IDLE_RATE, VUS change the loads;
#        LOADS="idle" runs only the idle run, LOADS="closed open" only the throughput and lag runs)
# --watch-pid watches nginx's master and its worker (a process and its descendants); --watch-cgroup needs root and a cgroup v2
# mount (CGROUP_ROOT, default /sys/fs/cgroup/unified on a hybrid machine, else /sys/fs/cgroup): nginx is moved into a cgroup of
# its own for the script's life and the cgroup is removed at the end. Every watched run's result must hold target samples, so
# a run that watched nothing cannot pass for a free one.
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-5}"
DURATION="${2:-10s}"
RATE="${RATE:-20000}"
IDLE_RATE="${IDLE_RATE:-10}"
VUS="${VUS:-50}"
IDLE_DURATION="${IDLE_DURATION:-30s}"
LOADS="${LOADS:-closed open idle}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ensure_tools
build_pacer

CGROUP=""
cleanup() {
  stop_nginx
  # nginx's worker may take a moment to exit after its master: an occupied cgroup cannot be removed.
  if [ -n "$CGROUP" ] && [ -d "$CGROUP" ]; then
    for _ in $(seq 1 50); do rmdir "$CGROUP" 2>/dev/null && break; sleep 0.1; done
    if [ -d "$CGROUP" ]; then echo "note: could not remove $CGROUP" >&2; fi
  fi
}
trap cleanup EXIT
start_nginx
RESULTS="$(mktemp -d /tmp/pacer-watching.XXXXXX)"

# A cgroup of nginx's own, when this is root on a machine with a writable cgroup v2 mount.
CGROUP_ROOT="${CGROUP_ROOT:-$([ -f /sys/fs/cgroup/unified/cgroup.procs ] && echo /sys/fs/cgroup/unified || echo /sys/fs/cgroup)}"
if [ "$(id -u)" = 0 ] && [ "$(stat -fc %T "$CGROUP_ROOT" 2>/dev/null)" = cgroup2fs ]; then
  CGROUP="$CGROUP_ROOT/pacer-watching-$$"
  if mkdir "$CGROUP" 2>/dev/null; then
    for pid in "$NGINX_PID" $(pgrep -P "$NGINX_PID"); do echo "$pid" > "$CGROUP/cgroup.procs"; done
  else
    CGROUP=""
  fi
fi
VARIANTS=(none pid)
[ -n "$CGROUP" ] && VARIANTS+=(cgroup)
echo "nginx pid $NGINX_PID on $URL; watching variants: ${VARIANTS[*]}${CGROUP:+ (cgroup $CGROUP)}"

watch_flags() {
  case "$1" in
    none) ;;
    pid) echo "--watch-pid $NGINX_PID" ;;
    cgroup) echo "--watch-cgroup $CGROUP" ;;
  esac
}

# run NAME ARGS...: one pacer run, its result in $RESULTS/NAME.json and CPU samples ("unix-time cpu-ticks") in NAME.samples.
run() {
  local name="$1"; shift
  "${PACER[@]}" run --url "$URL" --duration "${RUN_DURATION:-$DURATION}" -q --out "$RESULTS/$name.json" "$@" > "$RESULTS/$name.out" 2>&1 &
  local pid=$!
  while [ -r "/proc/$pid/stat" ]; do
    echo "$(date +%s.%N) $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null)" >> "$RESULTS/$name.samples"
    sleep 0.5
  done
  wait "$pid" || { echo "pacer run $name failed:" >&2; cat "$RESULTS/$name.out" >&2; exit 1; }
}

for round in $(seq 1 "$ROUNDS"); do
  # Rotate the variants' order every round, so none always runs first after a pause or last before one.
  order=("${VARIANTS[@]:$(( (round - 1) % ${#VARIANTS[@]} ))}" "${VARIANTS[@]:0:$(( (round - 1) % ${#VARIANTS[@]} ))}")
  for variant in "${order[@]}"; do
    # shellcheck disable=SC2046 # the flags are two words on purpose
    case " $LOADS " in *" closed "*) run "closed-$variant-$round" --vus "$VUS" $(watch_flags "$variant") ;; esac
    # shellcheck disable=SC2046
    case " $LOADS " in *" open "*) run "open-$variant-$round" --rate "$RATE" --connections 200 $(watch_flags "$variant") ;; esac
    # shellcheck disable=SC2046
    case " $LOADS " in *" idle "*) RUN_DURATION="$IDLE_DURATION" run "idle-$variant-$round" --rate "$IDLE_RATE" --connections 10 $(watch_flags "$variant") ;; esac
  done
  echo "round $round of $ROUNDS done"
done

python3 - "$RESULTS" "$ROUNDS" "${VARIANTS[@]}" <<'PY'
import json, os, statistics, sys
from datetime import datetime
results, rounds, variants = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
HZ = os.sysconf('SC_CLK_TCK')

def load(name):
    return json.load(open(f"{results}/{name}.json"))

def watched_samples(r, variant):
    """Seconds the watcher gave readings: 0 means it watched nothing, and its run proves nothing."""
    if variant == 'none':
        return None
    sources = (r.get('target') or {}).get('sources') or []
    if not sources:
        sys.exit(f"a --watch-{variant} run has no target section: the watcher did not run")
    return min(s['samples'] for s in sources), sum(len(s['errors']) for s in sources)

def cpu_per_second(name):
    """Pacer's CPU-seconds per second from the load's 10th second to its second-to-last (after the watcher's code is compiled)."""
    r = load(name)
    samples = [tuple(map(float, l.split())) for l in open(f"{results}/{name}.samples") if len(l.split()) == 2]
    zero = datetime.fromisoformat(r['started_utc']).timestamp()
    lo, hi = zero + 10, zero + r['load_seconds'] - 1
    first = min(samples, key=lambda s: abs(s[0] - lo)); last = min(samples, key=lambda s: abs(s[0] - hi))
    return (last[1] - first[1]) / HZ / (last[0] - first[0])

rows = {v: {'rps': [], 'p50': [], 'p99': [], 'cpu': [], 'samples': [], 'errors': []} for v in variants}
ran = lambda name: os.path.exists(f"{results}/{name}.json")
for v in variants:
    for i in range(1, rounds + 1):
        runs = []
        if ran(f"closed-{v}-{i}"):
            closed = load(f"closed-{v}-{i}"); runs.append(closed)
            rows[v]['rps'].append(closed['metrics']['http_reqs']['count'] / closed['load_seconds'])
        if ran(f"open-{v}-{i}"):
            opened = load(f"open-{v}-{i}"); runs.append(opened)
            rows[v]['p50'].append(opened['generator']['lag_p50'])
            rows[v]['p99'].append(opened['generator']['lag_p99'])
        if ran(f"idle-{v}-{i}"):
            runs.append(load(f"idle-{v}-{i}"))
            rows[v]['cpu'].append(cpu_per_second(f"idle-{v}-{i}"))
        for r in runs:
            w = watched_samples(r, v)
            if w:
                rows[v]['samples'].append(w[0]); rows[v]['errors'].append(w[1])

med = {v: {k: statistics.median(x) for k, x in rows[v].items() if x} for v in variants}
spread = lambda xs: f"[{min(xs):.3g}–{max(xs):.3g}]"
print(f"\n{rounds} alternating rounds a variant; medians, [range]")
print(f"{'watching':>9} {'closed req/s':>24} {'ratio':>6} {'lag p50 ms':>22} {'ratio':>6} {'lag p99 ms':>22} {'ratio':>6} {'idle CPU ms/s':>22} {'watcher ms/s':>12} {'samples':>8}")
base = med['none']
def col(v, key, fmt, width):
    """A column's median, its range and its ratio to the unwatched one; dashes for a load this invocation did not run."""
    if key not in med[v]:
        return f"{'–':>{width}} {'–':>14} {'–':>6}"
    m, b = med[v][key], base.get(key)
    return f"{m:>{width}{fmt}} {spread(rows[v][key]):>14} {m / b if b else float('nan'):>6.3g}"
for v in variants:
    m, r = med[v], rows[v]
    watcher = (m['cpu'] - base['cpu']) * 1000 if 'cpu' in m and 'cpu' in base else float('nan')
    samples = f"{min(r['samples'])}+" if r['samples'] else "–"
    cpu = f"{m['cpu'] * 1000:>7.2f} {spread([c * 1000 for c in r['cpu']]):>14}" if 'cpu' in m else f"{'–':>7} {'–':>14}"
    print(f"{v:>9} {col(v, 'rps', '.0f', 10)} {col(v, 'p50', '.3f', 7)} {col(v, 'p99', '.3f', 7)} "
          f"{cpu} {'' if v == 'none' else f'{watcher:+.2f}':>12} {samples:>8}")
    if r['errors'] and sum(r['errors']):
        print(f"          ({sum(r['errors'])} watcher error message(s) in {v} runs: see target.sources[].errors in {results})")
print("\nratio = watched / unwatched (1.000 = no cost); watcher ms/s = Pacer's CPU per second watched minus unwatched in the idle "
      "run (milli-cores); samples = the fewest seconds a watched run's source gave readings.")
print(f"result files kept in {results}")
PY
