// Recorded with DIABAN_RECORD_GOLDEN=1; see Support.swift.
extension Golden {
    static let tradeoffText = #"""
DiaBan tradeoff — Thử

Each point allows at most N new officer–commune pairs (rules.maxChanges = N); continuity still costs 10.00 points per new pair, so a point uses fewer moves when an extra one gains less.

Max changes  Status   Moves  Uncovered  Coverage  Balance  Travel  Without continuity  Gain per move  Objective
-----------  -------  -----  ---------  --------  -------  ------  ------------------  -------------  ---------
          0  optimal      0          1  1,000.00    98.00   11.68            1,109.68                  1,109.68
          1  optimal      1          0      0.00   188.00    6.12              194.12         915.56     204.12
          2  optimal      2          0      0.00   120.14    3.31              123.45          70.67     143.45
          3  optimal      2          0      0.00   120.14    3.31              123.45                    143.45
          4  optimal      2          0      0.00   120.14    3.31              123.45                    143.45

Coverage, Balance (mountain + workload) and Travel are objective points; Without continuity is their sum; Gain per move is how many of those points each extra move buys, against the previous point with a plan.

"""#
}
