#!/usr/bin/env bash
# The results of 9 runs and replays (default scenario, other policies, two timelines, and five
# public traces), hashed file by file: run it before and after a change that must not move any
# result, then compare the two hashes.txt. run.json (wall time, host) is left out.
# Usage (from the repo root, after `dotnet build src/ComputeScheduler.Cli -c Release`):
#   perf/result-hashes.sh OUTDIR [ARG...]   then: diff OLD/hashes.txt OUTDIR/hashes.txt
# Any ARGs are added to every run, e.g. `--set simulation.dispatchTiming=rounds` to check that the
# rounds setting still gives the results of the build before at-submit dispatch.
set -uo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:?usage: perf/result-hashes.sh OUTDIR [ARG...]}")"
shift
extra=("$@")
cs=(dotnet src/ComputeScheduler.Cli/bin/Release/net10.0/computesched.dll)
rm -rf "$out"; mkdir -p "$out"
run() {
  local name=$1; shift
  /usr/bin/time -f "$name %e s %M KB" "${cs[@]}" "$@" "${extra[@]}" --out "$out/$name" >"$out/$name.log" 2>&1 || echo "$name FAILED (see $out/$name.log)"
  tail -1 "$out/$name.log"
}
run default run
run sjf run --queue-order sjf --placement fgd --dispatch price-aware
run export run topologies/export-shock.yaml
run growth run topologies/growth-2027.yaml
run tiresias replay data/tiresias/60_job.csv --format tiresias --topology topologies/single-centre.yaml
run openb replay data/alibaba-gpu-v2023-openb/openb_pod_list_default.csv --format openb
run azure replay data/azure-llm-2023/AzureLLMInferenceTrace_code.csv --format azure-llm --prefill-tokens-per-s 10000 --decode-tokens-per-s 50
run swf replay data/swf/HPC2N-2002-2.2-cln.first3170jobs.swf --format swf
run philly replay data/philly/philly_jobs_subset_2017-09_to_2017-11.json --format philly
(cd "$out" && find . -type f ! -name run.json ! -name '*.log' | sort | xargs sha256sum > "$out.hashes" && mv "$out.hashes" hashes.txt)
echo "$(wc -l < "$out/hashes.txt") files hashed into $out/hashes.txt"
