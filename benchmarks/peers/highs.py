#!/usr/bin/env python3
"""HiGHS as a peer of the benchmark: solves one MPS file single-threaded and prints one JSON
line with what it found, in the terms the other peers are read in.

    highs.py MODEL.mps TIME_LIMIT RELATIVE_GAP

Output: {"status": "optimal|feasible|infeasible|no-solution|failed", "objective": x | null,
"bound": y | null, "nodes": n | null, "version": "HiGHS a.b.c"}. The benchmark's setup
installs the pinned highspy (benchmarks/requirements-peers.txt) into benchmarks/.venv.
"""
import json
import sys


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 64
    path, time_limit, gap = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", time_limit)
    h.setOptionValue("mip_rel_gap", gap)
    version = "HiGHS %d.%d.%d" % (h.versionMajor(), h.versionMinor(), h.versionPatch())
    out = {"status": "failed", "objective": None, "bound": None, "nodes": None, "version": version}
    if h.readModel(path) != highspy.HighsStatus.kOk:
        print(json.dumps(out))
        return 1
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    has_plan = info.primal_solution_status == 2  # kSolutionStatusFeasible
    objective = info.objective_function_value if has_plan else None
    bound = info.mip_dual_bound
    if bound is not None and abs(bound) >= 1e30:
        bound = None
    S = highspy.HighsModelStatus
    if status == S.kOptimal:
        out["status"] = "optimal"
        bound = objective
    elif status == S.kInfeasible:
        out["status"] = "infeasible"
        objective, bound = None, None
    elif status in (S.kTimeLimit, S.kIterationLimit, S.kSolutionLimit, S.kInterrupt):
        out["status"] = "feasible" if has_plan else "no-solution"
    out["objective"] = objective
    out["bound"] = bound
    out["nodes"] = int(info.mip_node_count) if info.mip_node_count >= 0 else None
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
