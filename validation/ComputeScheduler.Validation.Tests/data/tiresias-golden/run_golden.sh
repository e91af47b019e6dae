#!/bin/sh
# Runs the Tiresias simulator (github.com/SymbioticLab/Tiresias at the commit in README.md) on the golden inputs.
#   sh run_golden.sh SIMULATOR_DIR   (the repository's simulator/ folder; Python 2.7 as PY, default python2.7)
# Writes out/<input>-<schedule>/ (cluster.csv, job.csv, ...) here and prints each run's mean JCT.
set -e
SIM=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PY:-python2.7}
run() { # trace spec schedule name
  rm -rf "$HERE/out/$4"
  (cd "$SIM" && PYTHONPATH="$HERE/stubs" "$PY" run_sim.py --cluster_spec="$HERE/$2" --scheme=yarn \
     --trace_file="$HERE/$1" --schedule="$3" --log_path="$HERE/out/$4" > /dev/null)
  rm -f "$HERE/out/$4/cpu.csv" "$HERE/out/$4/gpu.csv" "$HERE/out/$4/network.csv" "$HERE/out/$4/memory.csv" "$HERE/out/$4/cluster.csv"
  echo "$4: $(awk -F, 'NR>1 {n++; s+=$8} END {printf "%d jobs, mean JCT %.3f s", n, s/n}' "$HERE/out/$4/job.csv")"
}
for s in fifo dlas-gpu dlas-gpu-gittins; do
  run openb.csv n16g8.csv $s openb-$s
  run philly-600.csv n50g8.csv $s philly-$s
done
