# Runs run_sim.py's own `gittins` schedule with the one fix it needs to run at all: main() keeps the YARN
# distribution in a local variable, but get_gittins_index reads JOBS.job_dist_data, which stays None (a TypeError at
# the first event). Not a golden run (README.md: its order is inverted); kept to show what it gives.
#   cd SIMULATOR_DIR && PYTHONPATH=.:STUBS python2.7 STUBS/run_gittins_fixed.py --schedule=gittins ...
import run_sim

_parse = run_sim.parse_job_dist


def _parse_and_keep():
    data = _parse()
    run_sim.JOBS.job_dist_data = data
    return data


run_sim.parse_job_dist = _parse_and_keep
run_sim.main()
