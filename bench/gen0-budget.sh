#!/usr/bin/env bash
# The cost of a capped gen0 budget (System.GC.Gen0MaxBudget, issue 18's memory per idle socket) on the HTTP path: pacer with
# the budget pacer.runtimeconfig.json sets and with a BUDGET given in the environment (default 0x5000000 = 80 MB, what the
# workstation GC grows to uncapped on this machine's cache size), rounds alternating (default 5), against one-worker nginx:
#   closed model, 50 virtual users flat out for 10 s: requests/s and CPU-seconds per 100k requests (the whole process);
#   open model at 20,000/s for 10 s: CPU-seconds per 100k requests and the generator's lag p99;
#   closed model, 10,000 virtual users for 10 s: requests/s and peak RSS.
# Medians a side and the ratio capped/uncapped. GC counts come from the result's runtime figures where present.
# Usage: bench/gen0-budget.sh [rounds]   (BUDGET in the environment, hex as the runtime reads DOTNET_ variables)
# The gen0 budget is a setting of the JIT build's runtimeconfig; this script measures that build.
PACER_BUILD="${PACER_BUILD:-jit}"
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-5}"
BUDGET="${BUDGET:-5000000}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ensure_tools
build_pacer
trap stop_nginx EXIT
start_nginx
CONFIGURED=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['runtimeOptions']['configProperties'].get('System.GC.Gen0MaxBudget', 'unset'))" \
  "$REPO_DIR/src/Pacer.Cli/bin/Release/net10.0/pacer.runtimeconfig.json")

# one SIDE NAME ARGS...: a pacer run, its peak RSS and CPU in $WORK/SIDE-NAME.time, its result in $WORK/SIDE-NAME.json.
one() {
  local side=$1 name=$2; shift 2
  local env=(X=1); [ "$side" = uncapped ] && env=("DOTNET_GCGen0MaxBudget=$BUDGET")
  env "${env[@]}" /usr/bin/time -f '%M %U %S' -o "$WORK/$side-$name.time" "${PACER[@]}" run --url "$URL" --duration 10s -q \
    --out "$WORK/$side-$name.json" "$@" > /dev/null || true
}

figures() { # SIDE NAME -> "req/s cpu-s-per-100k peak-kB lag-p99-ms"
  python3 - "$WORK/$1-$2.json" "$WORK/$1-$2.time" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); rss, user, system = open(sys.argv[2]).read().split()
n = r['metrics']['http_reqs']['count']
lag = r.get('generator', {}).get('lag_p99_ms') if isinstance(r.get('generator'), dict) else None
print(f"{n / r['duration_seconds']:.0f} {(float(user) + float(system)) / n * 1e5:.3f} {rss} {lag if lag is not None else 'nan'}")
PY
}

echo "== machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/'); runtimeconfig System.GC.Gen0MaxBudget=$CONFIGURED, uncapped side DOTNET_GCGen0MaxBudget=0x$BUDGET"
declare -A ALL
for i in $(seq 1 "$ROUNDS"); do
  for side in capped uncapped; do
    one "$side" closed50 --vus 50
    one "$side" open20k --rate 20000 --connections 200
    one "$side" closed10k --vus 10000
    read -r a b _ _ <<< "$(figures "$side" closed50)"; ALL[$side-c50-rps]+="$a "; ALL[$side-c50-cpu]+="$b "
    read -r _ b _ _ <<< "$(figures "$side" open20k)"; ALL[$side-o-cpu]+="$b "
    read -r a _ c _ <<< "$(figures "$side" closed10k)"; ALL[$side-c10k-rps]+="$a "; ALL[$side-c10k-rss]+="$c "
    printf '  round %d %-8s closed 50: %s req/s, %s CPU-s/100k | open 20k/s: %s CPU-s/100k | closed 10,000: %s req/s, peak %s kB\n' "$i" "$side" \
      $(figures "$side" closed50 | awk '{print $1, $2}') "$(figures "$side" open20k | awk '{print $2}')" $(figures "$side" closed10k | awk '{print $1, $3}')
  done
done
med() { tr ' ' '\n' <<< "${ALL[$1]}" | grep . | median; }
for key in c50-rps c50-cpu o-cpu c10k-rps c10k-rss; do
  c=$(med "capped-$key"); u=$(med "uncapped-$key")
  printf '  median %-9s capped %10.3f  uncapped %10.3f  ratio %.3f\n' "$key" "$c" "$u" "$(echo "$c / $u" | bc -l)"
done
echo "== machine at the end: $(uptime | sed 's/.*load average/load average/')"
