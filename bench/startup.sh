#!/usr/bin/env bash
# The open model's start-up at 10,000/s (issue 12 defect 6, docs/truth.md round 6), variant by variant:
#  1) the start-up truth test (OpenModelTruthTests.HighRate_NoStartUpBurst_AndConnectionsFollowDemand, skipped in CI, run here
#     with PACER_STARTUP_TRUTH=1) RUNS times per variant, rounds alternating: |arrival − schedule| p99 (bound 1 ms), the
#     busiest 10 ms window at the server (bound 200), connections opened, methods compiled while the schedule ran, pass/fail;
#  2) the closed model's requests/s (pacer run --vus 50, 10 s, one-worker nginx, as bench/vs-wrk.sh) per variant, CLOSED_ROUNDS
#     rounds alternating, with Pacer's CPU-seconds: a start-up fix must not be bought with closed-model throughput.
# Usage: bench/startup.sh [runs]   (default 5)
#   VARIANTS="defaults tc-off …"   which variants (default: all below)
#   CONFIGS="Debug Release"        the test's build: Debug is what CI runs (Pacer's own code never re-compiled there, so the
#                                  hotpath variants are skipped in Debug), Release is what the CLI runs
#   CLOSED_ROUNDS=3                0 skips part 2
#   ARTIFACTS=/tmp/startup-builds  keep the builds between invocations (default: a temporary folder, removed at the end)
# Variants (environment of the test host and of pacer; hotpath-* are builds with -p:PacerHotPath=…):
#   defaults        as shipped (time zero 20 ms ahead, one rehearsal round)
#   lead2           PACER_START_LEAD_MS=2: time zero 2 ms ahead (before round 6)
#   tc-off          DOTNET_TieredCompilation=0
#   pgo0-delay0     DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=0
#   tierup4         PACER_TIERUP_ROUNDS=4: up to 3 more rehearsal rounds, each after the JIT has been quiet 120 ms
#   delay0-tierup4  DOTNET_TC_CallCountingDelayMs=0 and PACER_TIERUP_ROUNDS=4
#   hotpath-open    [MethodImpl(AggressiveOptimization)] on the open model's per-arrival methods (src/Pacer.Core/Platform/HotPath.cs)
#   hotpath-all     … and on the exchange path both models run (event loop, parser, recorder)
#   hotpath-all-tierup4
# Loads only the servers the test starts and the nginx it starts on 127.0.0.1. About 10 s per test run, 10 s per closed round.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS="${1:-5}"
CONFIGS="${CONFIGS:-Debug Release}"
CLOSED_ROUNDS="${CLOSED_ROUNDS:-3}"
VARIANTS="${VARIANTS:-defaults lead2 tc-off pgo0-delay0 tierup4 delay0-tierup4 hotpath-open hotpath-all hotpath-all-tierup4}"
trap stop_nginx EXIT

# name -> "hotpath|environment"
variant() {
  case "$1" in
    defaults) echo "none|" ;;
    lead2) echo "none|PACER_START_LEAD_MS=2" ;;
    tc-off) echo "none|DOTNET_TieredCompilation=0" ;;
    pgo0-delay0) echo "none|DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=0" ;;
    tierup4) echo "none|PACER_TIERUP_ROUNDS=4" ;;
    delay0-tierup4) echo "none|DOTNET_TC_CallCountingDelayMs=0 PACER_TIERUP_ROUNDS=4" ;;
    hotpath-open) echo "open|" ;;
    hotpath-all) echo "all|" ;;
    hotpath-all-tierup4) echo "all|PACER_TIERUP_ROUNDS=4" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

# Each build (PacerHotPath × configuration) in its own artifacts folder, the test project and the CLI together (one copy of
# Pacer.Core each). ARTIFACTS=dir keeps them there for the next invocation (a build of an unchanged tree is then quick).
ART="${ARTIFACTS:-$WORK/artifacts}"
declare -A TEST_DLL CLI_DLL
build() { # hotpath config -> builds the test project (and, in Release, the CLI) into their own artifacts folder
  local hp="$1" config="$2" key="$1-$2"
  [ -n "${TEST_DLL[$key]:-}" ] && return 0
  echo "building hotpath=$hp $config (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  dotnet build "$REPO_DIR/tests/Pacer.Core.Tests" -c "$config" -p:PacerHotPath="$hp" --artifacts-path "$ART/$key" -nologo -v q >/dev/null
  TEST_DLL[$key]="$(find "$ART/$key/bin/Pacer.Core.Tests" -name Pacer.Core.Tests.dll | head -1)"
  if [ "$config" = Release ]; then
    dotnet build "$REPO_DIR/src/Pacer.Cli" -c Release -p:PacerHotPath="$hp" --artifacts-path "$ART/$key" -nologo -v q >/dev/null
    CLI_DLL[$hp]="$(find "$ART/$key/bin/Pacer.Cli" -name pacer.dll | head -1)"
  fi
}

for config in $CONFIGS; do
  for name in $VARIANTS; do
    IFS='|' read -r hp _ <<< "$(variant "$name")"
    [ "$config" = Debug ] && [ "$hp" != none ] && continue
    build "$hp" "$config"
  done
done
[ "$CLOSED_ROUNDS" -gt 0 ] && { for name in $VARIANTS; do IFS='|' read -r hp _ <<< "$(variant "$name")"; build "$hp" Release; done; }

echo "# bench/startup.sh $(date -u '+%F %H:%M UTC'), $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS="$WORK/results.tsv"
: > "$RESULTS"
for run in $(seq 1 "$RUNS"); do
  for config in $CONFIGS; do
    for name in $VARIANTS; do
      IFS='|' read -r hp envs <<< "$(variant "$name")"
      [ "$config" = Debug ] && [ "$hp" != none ] && continue
      load="$(cut -d' ' -f1 /proc/loadavg)"
      out="$WORK/$config-$name-$run.txt"
      # shellcheck disable=SC2086
      env PACER_STARTUP_TRUTH=1 $envs dotnet test "${TEST_DLL[$hp-$config]}" --filter "FullyQualifiedName~HighRate_NoStartUpBurst" \
        --logger "console;verbosity=detailed" > "$out" 2>&1 || true
      python3 - "$out" "$config" "$name" "$load" >> "$RESULTS" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8', errors='replace').read()
def grab(pattern, default='?'):
    m = re.search(pattern, text)
    return m.group(1) if m else default
p99 = grab(r'p99 (\d+) µs, max')
window = grab(r'busiest 10 ms window (\d+)')
conns = grab(r'connections opened (\d+)')
first = grab(r'first arrival (-?\d+) µs')
compiled = grab(r'compiled while the schedule ran: (\d+) methods, at most (?:\d+)')
burst = grab(r'compiled while the schedule ran: \d+ methods, at most (\d+)')
oversleep = grab(r'overslept by p99 ([\d.]+) ms')
passed = 'pass' if re.search(r'Passed Pacer\.Core\.Tests', text) else ('FAIL' if re.search(r'Failed Pacer\.Core\.Tests', text) else 'error')
print('\t'.join([sys.argv[2], sys.argv[3], sys.argv[4], p99, first, window, conns, compiled, burst, oversleep, passed]))
PY
      tail -1 "$RESULTS" | awk -F'\t' '{printf "run %s %-8s %-20s load %-6s p99 %6s µs  first %6s µs  window %4s  connections %4s  compiled %4s (%3s/10ms)  probe p99 %5s ms  %s\n", "'"$run"'", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}' >&2
    done
  done
done

echo
echo "## Start-up truth test, $RUNS runs per variant (bounds: p99 <= 1000 µs, window <= 200, connections <= max(100, 4 × in flight))"
python3 - "$RESULTS" <<'PY'
import sys
from collections import defaultdict
rows = defaultdict(list)
for line in open(sys.argv[1]):
    c = line.rstrip('\n').split('\t')
    rows[(c[0], c[1])].append(c)
def span(values):
    nums = sorted(float(v) for v in values if v not in ('?', ''))
    if not nums:
        return '?'
    med = nums[len(nums) // 2] if len(nums) % 2 else (nums[len(nums) // 2 - 1] + nums[len(nums) // 2]) / 2
    return f"{med:.0f} [{nums[0]:.0f}–{nums[-1]:.0f}]"
print(f"| build | variant | passed | \\|arrival − schedule\\| p99 µs, median [range] | first arrival µs | busiest 10 ms | connections | compiled during the schedule | load average |")
print("|---|---|---|---|---|---|---|---|---|")
for (config, name), rs in rows.items():
    passed = sum(1 for r in rs if r[10] == 'pass')
    print(f"| {config} | {name} | {passed} of {len(rs)} | {span(r[3] for r in rs)} | {span(r[4] for r in rs)} | {span(r[5] for r in rs)} | {span(r[6] for r in rs)} | {span(r[7] for r in rs)} | {span(r[2] for r in rs)} |")
PY

[ "$CLOSED_ROUNDS" -gt 0 ] || exit 0
ensure_tools
start_nginx
CLOSED="$WORK/closed.tsv"
: > "$CLOSED"
for round in $(seq 1 "$CLOSED_ROUNDS"); do
  for name in $VARIANTS; do
    IFS='|' read -r hp envs <<< "$(variant "$name")"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    # shellcheck disable=SC2086
    env $envs /usr/bin/time -f '%U %S' -o "$WORK/closed.time" dotnet "${CLI_DLL[$hp]}" run --url "$URL" --vus 50 --duration 10s -q --out "$WORK/closed.json" >/dev/null || true
    rps="$(pacer_rps "$WORK/closed.json")"
    cpu="$(awk '{print $1 + $2}' "$WORK/closed.time")"
    printf '%s\t%s\t%s\t%s\n' "$name" "$rps" "$cpu" "$load" >> "$CLOSED"
    printf 'closed round %s %-20s load %-6s %8.0f req/s  %5.2f CPU-s\n' "$round" "$name" "$load" "$rps" "$cpu" >&2
  done
done
echo
echo "## Closed model, 50 vus × 10 s against one-worker nginx, $CLOSED_ROUNDS rounds alternating (median [range]; ratio to defaults)"
python3 - "$CLOSED" <<'PY'
import sys
from collections import defaultdict
rows = defaultdict(list)
for line in open(sys.argv[1]):
    name, rps, cpu, load = line.rstrip('\n').split('\t')
    rows[name].append((float(rps), float(cpu), float(load)))
def med(xs):
    xs = sorted(xs); n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
base = med([r[0] for r in rows['defaults']]) if 'defaults' in rows else None
print("| variant | req/s | ratio to defaults | CPU-s per 100k requests | load average |")
print("|---|---|---|---|---|")
for name, rs in rows.items():
    rps = [r[0] for r in rs]
    per100k = [r[1] / (r[0] * 10) * 100_000 for r in rs]
    ratio = f"{med(rps) / base:.3f}" if base else "?"
    print(f"| {name} | {med(rps):,.0f} [{min(rps):,.0f}–{max(rps):,.0f}] | {ratio} | {med(per100k):.2f} | {min(r[2] for r in rs):.1f}–{max(r[2] for r in rs):.1f} |")
PY
