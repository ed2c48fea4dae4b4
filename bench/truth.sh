#!/usr/bin/env bash
# The truth suite (docs/truth.md) several times in a row: which truths hold every time, which fail every time (a defect),
# and which only now and then (the machine: each failure message carries how long a 1 ms sleep overslept during its run).
# Usage: bench/truth.sh [rounds]   (default 5). Loads only the servers the tests start on 127.0.0.1, about 30 s a round.
set -euo pipefail
ROUNDS="${1:-5}"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/pacer-truth.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

dotnet build "$REPO_DIR/tests/Pacer.Core.Tests" -nologo -v q >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  dotnet test "$REPO_DIR/tests/Pacer.Core.Tests" --no-build --filter "FullyQualifiedName~Truth" \
    --logger "trx;LogFileName=$WORK/round-$round.trx" >/dev/null 2>&1 || true
done

python3 - "$WORK" "$ROUNDS" <<'PY'
import glob, re, sys, xml.etree.ElementTree as ET
from collections import defaultdict
ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
passed, seen, first = defaultdict(int), defaultdict(int), {}
for path in sorted(glob.glob(sys.argv[1] + '/round-*.trx')):
    for r in ET.parse(path).getroot().iterfind('.//t:UnitTestResult', ns):
        name = r.get('testName').replace('Pacer.Core.Tests.Truth.', '')
        seen[name] += 1
        if r.get('outcome') == 'Passed':
            passed[name] += 1
        elif name not in first:
            message = r.find('.//t:Message', ns)
            first[name] = (message.text or '').strip().splitlines() if message is not None else []
print(f"{'passed':>8}  test ({sys.argv[2]} rounds)")
for name in sorted(seen):
    print(f"{passed[name]:>3} of {seen[name]:<2}  {name}")
for name, lines in first.items():
    print(f"\nfirst failure of {name}:")
    for line in lines[:8]:
        print("    " + line)
PY
