# lp.py (the "balance" placement, not used here) imports CPLEX: empty stand-ins.
