#!/usr/bin/env bash
# Macro benchmark of one scenario on 1 process and on 3 processes (coordinator + 2 workers on
# loopback): wall time, windows/s and messages/s of each, read from the runs' run.json, and a
# check that the two results folders are byte-identical. Usage (from the repo root):
#   perf/cluster-bench.sh [SCENARIO]        (default topologies/national-default.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-topologies/national-default.yaml}"
out="$(mktemp -d)"
dotnet build src/ComputeScheduler.Cli -c Release -v q -nologo >/dev/null
cs=(dotnet src/ComputeScheduler.Cli/bin/Release/net10.0/computesched.dll)

"${cs[@]}" run "$scenario" --out "$out/one" >/dev/null

"${cs[@]}" node --port 4101 --seed-nodes 127.0.0.1:4101 >"$out/node1.log" 2>&1 & n1=$!
"${cs[@]}" node --port 4102 --seed-nodes 127.0.0.1:4101 >"$out/node2.log" 2>&1 & n2=$!
trap 'kill $n1 $n2 2>/dev/null || true' EXIT
"${cs[@]}" run "$scenario" --cluster --seed-nodes 127.0.0.1:4101 --min-workers 2 --out "$out/three" >/dev/null

for mode in one three; do
  python3 - "$out/$mode/run.json" "$mode" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
w = r["wallSeconds"]
print(f'{sys.argv[2]:>5} process(es): wall {w:.1f} s, {r["windows"]/w:,.0f} windows/s, {r["actorMessages"]/w:,.0f} messages/s, '
      f'{r["actorMessages"]/max(1, r["windows"]):.1f} messages/window, {r["eventsPerSecond"]:,} events/s')
PY
done
for f in summary.json jobs.csv timeseries.csv; do cmp -s "$out/one/$f" "$out/three/$f" && echo "$f identical" || echo "$f DIFFERS"; done
echo "results in $out"
