#!/usr/bin/env bash
# Change-point detection (issue 20): the synthetic evaluation docs/history.md shows (detection rate and location error of
# steps of 2–20% under 1–10% noise, false alarms over flat series, permutation test beside Otava's t-test), written to
# $WORK/detection.md; then the cost of a whole `history check` as the history grows, from scratch and incrementally after
# one appended run (bench/HistoryCheck; default 50 series of 100, 200 and 500 runs).
# Usage: bench/history-check.sh [series] [runs...]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-$(mktemp -d)}"
echo "machine load: $(uptime)"
dotnet build "$ROOT/tests/Pacer.Analysis.Tests" -nologo -v q >/dev/null
PACER_DETECTION_TABLE="$WORK/detection.md" dotnet test "$ROOT/tests/Pacer.Analysis.Tests" --no-build \
  --filter "FullyQualifiedName~DetectionSuiteTests" -nologo -v q
cat "$WORK/detection.md"
dotnet build "$ROOT/bench/HistoryCheck" -c Release -nologo -v q >/dev/null
dotnet "$ROOT/bench/HistoryCheck/bin/Release/net10.0/HistoryCheck.dll" "$@"
echo "machine load: $(uptime)"
