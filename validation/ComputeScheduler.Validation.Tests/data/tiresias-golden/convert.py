#!/usr/bin/env python3
"""Builds the Tiresias-simulator inputs of the golden runs (README.md here) from the repository's data/.

  python3 convert.py REPO_ROOT OUT_DIR

Writes, in the Tiresias simulator's job-trace format (job_id,num_gpu,submit_time,iterations,model_name,duration,interval):
  openb.csv       every openb pod (data/alibaba-gpu-v2023-openb/openb_pod_list_default.csv) that asks for whole GPUs
                  (num_gpu >= 1 and gpu_milli = 1000): 3,986 pods, by creation time (ties by pod name). (Any 1,000 consecutive
                  of them never fill 128 GPUs at this compression, so no queue order could matter: all are taken.)
                  submit = creation_time / 10 (compressed 10x), rounded down; duration = deletion_time - creation_time.
  philly-600.csv  the first 600 jobs (by submitted_time, ties in file order) of
                  data/philly/philly_jobs_subset_2017-09_to_2017-11.json; submit = seconds since the earliest submitted_time;
                  duration = the sum of its attempts' durations (as ComputeScheduler's philly reader reads it). (Our
                  preemptive replays of all 2,631 jobs take about 45 s of CPU each in Debug: too slow for CI.)
and the cluster specs n16g8.csv (16 nodes x 8 GPUs) and n50g8.csv (50 nodes x 8 GPUs), one switch, 128 CPUs and 256 GB a
node (enough that only GPUs ever bind under the simulator's yarn placement).
Times are whole seconds, as the simulator reads them. A job of duration 0 is refused (the simulator's FIFO never ends one):
neither input has any. model_name is vgg16 throughout (the simulator needs a known model; it changes nothing under these specs).
"""
import csv
import json
import os
import sys
from datetime import datetime

HEADER = ["job_id", "num_gpu", "submit_time", "iterations", "model_name", "duration", "interval"]


def write_trace(path, jobs):
    jobs = sorted(jobs, key=lambda j: (j[1], j[3]))  # by submit, then source order
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i, (gpus, submit, duration, _) in enumerate(jobs):
            if duration <= 0:
                raise SystemExit(f"{path}: job {i} has duration {duration}")
            nxt = jobs[i + 1][1] if i + 1 < len(jobs) else submit
            w.writerow([i, gpus, submit, 1, "vgg16", duration, nxt - submit])
    return jobs


def openb(repo):
    src = os.path.join(repo, "data", "alibaba-gpu-v2023-openb", "openb_pod_list_default.csv")
    with open(src, newline="") as f:
        pods = [r for r in csv.DictReader(f) if int(r["num_gpu"]) >= 1 and int(r["gpu_milli"]) == 1000]
    pods.sort(key=lambda r: (int(r["creation_time"]), r["name"]))
    return [(int(p["num_gpu"]), int(p["creation_time"]) // 10, int(p["deletion_time"]) - int(p["creation_time"]), k)
            for k, p in enumerate(pods)]


def philly(repo):
    src = os.path.join(repo, "data", "philly", "philly_jobs_subset_2017-09_to_2017-11.json")
    fmt = "%Y-%m-%d %H:%M:%S"
    with open(src) as f:
        records = json.load(f)
    origin = min(datetime.strptime(r["submitted_time"], fmt) for r in records)
    jobs = []
    for k, r in enumerate(records):
        submit = int((datetime.strptime(r["submitted_time"], fmt) - origin).total_seconds())
        run = sum(int((datetime.strptime(a["end_time"], fmt) - datetime.strptime(a["start_time"], fmt)).total_seconds())
                  for a in r["attempts"])
        jobs.append((int(r["num_gpus"]), submit, run, k))
    return jobs


def spec(path, nodes):
    with open(path, "w", newline="") as f:
        f.write("num_switch,num_node_p_switch,num_gpu_p_node,num_cpu_p_node,mem_p_node\n")
        f.write(f"1,{nodes},8,128,256\n")


def main():
    repo, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    write_trace(os.path.join(out, "openb.csv"), openb(repo))
    write_trace(os.path.join(out, "philly-600.csv"), sorted(philly(repo), key=lambda j: (j[1], j[3]))[:600])
    spec(os.path.join(out, "n16g8.csv"), 16)
    spec(os.path.join(out, "n50g8.csv"), 50)


if __name__ == "__main__":
    main()
