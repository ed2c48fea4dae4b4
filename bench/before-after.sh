#!/usr/bin/env bash
# Did a change make Pacer itself slower? Builds Pacer at REF (default: the merge base with main's first parent, i.e. HEAD~1)
# and at the working tree, then alternates the two builds round by round against one-worker nginx on 127.0.0.1 — the
# closed model of bench/vs-wrk.sh (50 vus, 10 s) and the open model of bench/fixed-rate.sh (20,000/s, 20 s, 200
# connections) — and judges the difference with `pacer compare` (one result file per round a side), plus each build's CPU
# time per 100,000 requests. Alternating rounds spreads the machine's drift over both sides instead of charging it to one.
# Usage: bench/before-after.sh [REF] [rounds]   (defaults HEAD~1 and 5)
#   WORKLOADS="closed50 fixed20k" picks the workloads (also closed10k: 10,000 vus for 10 s; fixed1k: 1,000/s for 20 s);
#   KEEP=dir keeps every round's result file there (before/, after/); BEFORE_BUILD=jit runs the baseline through the JIT.
source "$(dirname "$0")/common.sh"
REF="${1:-HEAD~1}"
ROUNDS="${2:-5}"
WORKLOADS="${WORKLOADS:-closed50 fixed20k}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ensure_tools
build_pacer
AFTER=("${PACER[@]}")

# The baseline is built from a clean export of REF, so nothing of the working tree leaks into it.
mkdir -p "$WORK/before-src"
git -C "$REPO_DIR" archive "$REF" | tar -x -C "$WORK/before-src"
# Built the way build_pacer built the current tree (native unless PACER_BUILD=jit), so the two sides differ only in the code;
# BEFORE_BUILD=jit builds the baseline through the JIT alone (a commit from before the native build existed, as it shipped).
if [ "${BEFORE_BUILD:-${PACER_BUILD:-native}}" = jit ]; then
  dotnet build "$WORK/before-src/src/Pacer.Cli" -c Release -nologo -v q >/dev/null
  BEFORE=(dotnet "$WORK/before-src/src/Pacer.Cli/bin/Release/net10.0/pacer.dll")
else
  dotnet publish "$WORK/before-src/src/Pacer.Cli" -c Release -nologo -o "$WORK/before-native" -p:PublishAot=true >"$WORK/before-publish.log" 2>&1 \
    || { tail -30 "$WORK/before-publish.log"; echo "could not publish $REF natively" >&2; exit 1; }
  BEFORE=("$WORK/before-native/pacer")
fi

trap stop_nginx EXIT
start_nginx
mkdir -p "$WORK/before" "$WORK/after"

cpu_per_100k() { # cpu-file result-file
  python3 -c "import json,sys; u,s=map(float,open(sys.argv[1]).read().split()); r=json.load(open(sys.argv[2])); print((u+s)*100000/max(1,r['metrics']['http_reqs']['count']))" "$1" "$2"
}

run_side() { # side name args...
  local side=$1 name=$2; shift 2
  local -n cmd="${side^^}"
  /usr/bin/time -f '%U %S' -o "$WORK/$side/$name.cpu" "${cmd[@]}" run --url "$URL" "$@" -q --out "$WORK/$side/$name.json" > /dev/null || true
  cpu_per_100k "$WORK/$side/$name.cpu" "$WORK/$side/$name.json" >> "$WORK/$side/${name%-*}.cpu100k"
}

for i in $(seq 1 "$ROUNDS"); do
  # Which side goes first alternates too, so neither always runs on a machine the other just warmed.
  sides=(before after); [ $((i % 2)) -eq 0 ] && sides=(after before)
  if [[ " $WORKLOADS " == *" closed50 "* ]]; then
    for side in "${sides[@]}"; do run_side "$side" "closed50-$i" --vus 50 --duration 10s; done
  fi
  if [[ " $WORKLOADS " == *" closed10k "* ]]; then
    for side in "${sides[@]}"; do run_side "$side" "closed10k-$i" --vus 10000 --duration 10s; done
  fi
  if [[ " $WORKLOADS " == *" fixed1k "* ]]; then
    for side in "${sides[@]}"; do run_side "$side" "fixed1k-$i" --rate 1000 --duration 20s --connections 200; done
  fi
  if [[ " $WORKLOADS " == *" fixed20k "* ]]; then
    for side in "${sides[@]}"; do run_side "$side" "fixed20k-$i" --rate 20000 --duration 20s --connections 200; done
  fi
  echo "  round $i of $ROUNDS done"
done

if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp -r "$WORK/before" "$WORK/after" "$KEEP/"; fi
for name in $WORKLOADS; do
  echo "== $name: $REF (baseline) vs working tree (current), $ROUNDS rounds a side"
  "${AFTER[@]}" compare "$WORK"/before/"$name"-*.json --current "$WORK/after/$name-*.json" || true
  printf '  CPU seconds per 100,000 requests, median: before %.2f, after %.2f, ratio after/before %.2f\n' \
    "$(median < "$WORK/before/$name.cpu100k")" "$(median < "$WORK/after/$name.cpu100k")" \
    "$(echo "$(median < "$WORK/after/$name.cpu100k") / $(median < "$WORK/before/$name.cpu100k")" | bc -l)"
done
