#!/usr/bin/env bash
# Pacer vs wrk, side by side, against one-worker nginx on 127.0.0.1 serving a 2-byte page with keep-alive.
# 1) 50 connections: alternates wrk -t1 -c50 -d10s and pacer --vus 50 --duration 10s, three times each; medians and ratio.
# 2) 10,000 connections: the same with -c10000 / --vus 10000 (fewer rounds), requests/s and peak RSS of each.
# 3) Memory: each tool's peak RSS at 50 and at 10,000 connections (medians), the bytes per added connection
#    ((RSS at 10,000 - RSS at 50) / 9,950), and Pacer's peak against wrk's (issue 16: at or below wrk's, ratio <= 1.00).
# Each round also shows each tool's CPU time and the nginx worker's CPU use: near 100% of its one core means the server,
# not the load generator, set the pace. A third column runs bench/ceiling-client.c, the least a client can do (one epoll
# thread, one pre-encoded request, responses counted by length, nothing measured): its ratio to wrk is the most any
# client could show against this server on this machine.
# Usage: bench/vs-wrk.sh [rounds]   (default 3)
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ensure_tools
build_pacer
build_ceiling_client
trap stop_nginx EXIT
start_nginx

run_pair() { # connections duration rounds
  local c=$1 d=$2 n=$3 wrk_all=() pacer_all=() wrk_rss=() pacer_rss=() wrk_ng=() pacer_ng=() ceiling_all=() ceiling_ng=()
  local before seconds=${2%s} response_bytes
  response_bytes=$(curl -si "$URL" | wc -c)
  for i in $(seq 1 "$n"); do
    before=$(nginx_cpu_seconds)
    /usr/bin/time -f '%M %U %S' -o "$WORK/wrk.time" wrk -t1 -c"$c" -d"$d" "$URL" > "$WORK/wrk.out"
    wrk_ng+=("$(echo "($(nginx_cpu_seconds) - $before) * 100 / $seconds" | bc -l)")
    wrk_all+=("$(wrk_rps < "$WORK/wrk.out")"); wrk_rss+=("$(awk '{print $1}' "$WORK/wrk.time")")
    before=$(nginx_cpu_seconds)
    /usr/bin/time -f '%M %U %S' -o "$WORK/pacer.time" "${PACER[@]}" run --url "$URL" --vus "$c" --duration "$d" -q --out "$WORK/pacer.json" > /dev/null
    pacer_ng+=("$(echo "($(nginx_cpu_seconds) - $before) * 100 / $seconds" | bc -l)")
    pacer_all+=("$(pacer_rps "$WORK/pacer.json")"); pacer_rss+=("$(awk '{print $1}' "$WORK/pacer.time")")
    before=$(nginx_cpu_seconds)
    ceiling_all+=("$("$CEILING" "$PORT" "$c" "$seconds" "$response_bytes")")
    ceiling_ng+=("$(echo "($(nginx_cpu_seconds) - $before) * 100 / $seconds" | bc -l)")
    printf '  round %d: wrk %.0f req/s (%s kB, CPU %s), nginx %.0f%% | pacer %.0f req/s (%s kB, CPU %s), nginx %.0f%% | ceiling %.0f req/s, nginx %.0f%%\n' "$i" \
      "${wrk_all[-1]}" "${wrk_rss[-1]}" "$(awk '{printf "%.1f s", $2 + $3}' "$WORK/wrk.time")" "${wrk_ng[-1]}" \
      "${pacer_all[-1]}" "${pacer_rss[-1]}" "$(awk '{printf "%.1f s", $2 + $3}' "$WORK/pacer.time")" "${pacer_ng[-1]}" \
      "${ceiling_all[-1]}" "${ceiling_ng[-1]}"
  done
  local w p wr pr wn pn ce
  w=$(printf '%s\n' "${wrk_all[@]}" | median); p=$(printf '%s\n' "${pacer_all[@]}" | median)
  ce=$(printf '%s\n' "${ceiling_all[@]}" | median)
  wr=$(printf '%s\n' "${wrk_rss[@]}" | median); pr=$(printf '%s\n' "${pacer_rss[@]}" | median)
  wn=$(printf '%s\n' "${wrk_ng[@]}" | median); pn=$(printf '%s\n' "${pacer_ng[@]}" | median)
  printf '  median: wrk %.0f req/s, pacer %.0f req/s, ratio pacer/wrk %.2f; peak RSS wrk %.0f MB, pacer %.0f MB; nginx CPU %.0f%% (wrk) / %.0f%% (pacer) of one core\n' \
    "$w" "$p" "$(echo "$p / $w" | bc -l)" "$(echo "$wr / 1024" | bc -l)" "$(echo "$pr / 1024" | bc -l)" "$wn" "$pn"
  printf '  ceiling client: %.0f req/s, ratio ceiling/wrk %.2f (the most any client could show here)\n' "$ce" "$(echo "$ce / $w" | bc -l)"
  RATIO[$c]=$(echo "$p / $w" | bc -l); WRK_RSS[$c]=$wr; PACER_RSS[$c]=$pr
}

declare -A RATIO WRK_RSS PACER_RSS

echo "== 50 connections, 10 s, $ROUNDS rounds each"
run_pair 50 10s "$ROUNDS"
echo "== 10,000 connections, 10 s, $(( (ROUNDS + 1) / 2 )) rounds each"
run_pair 10000 10s $(( (ROUNDS + 1) / 2 ))

echo "== memory (peak RSS, medians of the rounds above)"
per_connection() { echo "($2 - $1) * 1024 / 9950" | bc -l; } # kB at 50, kB at 10,000 -> bytes per added connection
printf '  wrk:   %.1f MB at 50 connections, %.1f MB at 10,000: %.0f bytes per added connection\n' \
  "$(echo "${WRK_RSS[50]} / 1024" | bc -l)" "$(echo "${WRK_RSS[10000]} / 1024" | bc -l)" "$(per_connection "${WRK_RSS[50]}" "${WRK_RSS[10000]}")"
printf '  pacer: %.1f MB at 50 connections, %.1f MB at 10,000: %.0f bytes per added connection\n' \
  "$(echo "${PACER_RSS[50]} / 1024" | bc -l)" "$(echo "${PACER_RSS[10000]} / 1024" | bc -l)" "$(per_connection "${PACER_RSS[50]}" "${PACER_RSS[10000]}")"
rss_ratio=$(echo "${PACER_RSS[10000]} / ${WRK_RSS[10000]}" | bc -l)
printf '  peak RSS at 10,000 connections, pacer/wrk: %.2f (target <= 1.00: %s)\n' "$rss_ratio" "$( [ "$(echo "$rss_ratio <= 1" | bc)" = 1 ] && echo met || echo 'not met')"
printf '  requests/s at 10,000 connections, pacer/wrk: %.2f (target >= 1.25: %s)\n' "${RATIO[10000]}" "$( [ "$(echo "${RATIO[10000]} >= 1.25" | bc)" = 1 ] && echo met || echo 'not met')"
