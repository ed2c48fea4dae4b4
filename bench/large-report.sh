#!/usr/bin/env bash
# The report for a large run: one hour of per-second series and 200 request names (issue: under 5 MB, opens in under 2 s).
# A real 3-second run against a one-worker nginx on 127.0.0.1 supplies genuine histograms; LargeRun stretches it to an hour
# and 200 names; `pacer report` renders it (timed, with peak RSS); Debian's Chromium opens it five times (navigation timing).
# Usage: bench/large-report.sh [rounds]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-5}"

ensure_tools
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
build_pacer
dotnet build "$BENCH_DIR/LargeReport" -c Release -nologo -v q >/dev/null
LARGE=(dotnet "$BENCH_DIR/LargeReport/bin/Release/net10.0/LargeReport.dll")
start_nginx
trap stop_nginx EXIT

"${PACER[@]}" run --url "$URL" --vus 8 --duration 3s --out "$WORK/real.json" -q >/dev/null || true
"${LARGE[@]}" generate "$WORK/real.json" "$WORK/large.json"

/usr/bin/time -f "%e %M" -o "$WORK/render.time" "${PACER[@]}" report "$WORK/large.json" --html "$WORK/large.html" >/dev/null
read -r render_s render_kb < "$WORK/render.time"
json_bytes=$(stat -c %s "$WORK/large.json")
html_bytes=$(stat -c %s "$WORK/large.html")

"${LARGE[@]}" open "$WORK/large.html" "$ROUNDS" > "$WORK/open.txt"
fcp=$(awk '$1 >= 0 {print $1}' "$WORK/open.txt" | median)  # -1: Chromium reported no paint entry that round
dcl=$(awk '{print $2}' "$WORK/open.txt" | median)
load=$(awk '{print $3}' "$WORK/open.txt" | median)

echo "large run: 3600 s of series, 200 request names; result file $((json_bytes / 1024)) KB"
echo "pacer report --html: ${render_s} s, peak RSS $((render_kb / 1024)) MB"
echo "report size: $((html_bytes / 1024)) KB (target < 5120 KB)"
echo "open in chromium, median of $ROUNDS: first contentful paint ${fcp} ms, DOMContentLoaded ${dcl} ms, load ${load} ms (target < 2000 ms)"
echo "rounds (fcp dcl load, ms):"; sed 's/^/  /' "$WORK/open.txt"
