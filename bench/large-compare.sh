#!/usr/bin/env bash
# `pacer compare` of two long runs, one a side (issue 13): CPU time and peak RSS for per-second series of SECONDS each (default
# 1,000,000, a 192 MB result file). A real 3-second run against a one-worker nginx on 127.0.0.1 supplies genuine histograms;
# LargeReport stretches its series to SECONDS with two seeds (the same service twice). Every row that has a per-second series
# is a block bootstrap over it, so this is the bootstrap's cost at that length, plus reading the two files.
# Usage: bench/large-compare.sh [seconds]
source "$(dirname "$0")/common.sh"
SECONDS_A_SIDE="${1:-1000000}"

ensure_tools
build_pacer
dotnet build "$BENCH_DIR/LargeReport" -c Release -nologo -v q >/dev/null
LARGE=(dotnet "$BENCH_DIR/LargeReport/bin/Release/net10.0/LargeReport.dll")
start_nginx
trap stop_nginx EXIT

"${PACER[@]}" run --url "$URL" --vus 8 --duration 3s --out "$WORK/real.json" -q >/dev/null || true
"${LARGE[@]}" seconds "$WORK/real.json" "$WORK/baseline.json" "$SECONDS_A_SIDE" 1
"${LARGE[@]}" seconds "$WORK/real.json" "$WORK/current.json" "$SECONDS_A_SIDE" 2

/usr/bin/time -f "%e %U %S %M" -o "$WORK/compare.time" "${PACER[@]}" compare "$WORK/baseline.json" --current "$WORK/current.json" >"$WORK/compare.txt" || true
read -r wall user sys kb < "$WORK/compare.time"
echo "pacer compare, one run a side of $SECONDS_A_SIDE seconds each ($(( $(stat -c %s "$WORK/baseline.json") / 1048576 )) MB a file):"
echo "  CPU $(echo "$user + $sys" | bc) s (user $user, system $sys), wall $wall s, peak RSS $((kb / 1024)) MB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "^  all .*(µs|ms) " "$WORK/compare.txt" | sed 's/^/  /'
