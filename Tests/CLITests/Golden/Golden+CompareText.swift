// Recorded with DIABAN_RECORD_GOLDEN=1; see Support.swift.
extension Golden {
    static let compareText = #"""
DiaBan compare — 2 scenarios

Column  Scenario          File                Status
------  ----------------  ------------------  ----------------
base    Thử               base.yaml           optimal (proven)
leave   Thử, O2 on leave  what-if-leave.yaml  optimal (proven)

KPI / objective term                        base      leave
---------------------------------------  -------  ---------
Status                                   optimal    optimal
Objective (points)                        143.45   1,081.34
  difference                                        +937.89
  Specialty coverage                        0.00   1,000.00
    difference                                    +1,000.00
  Mountain balance                         83.00      55.22
    difference                                       -27.78
  Workload balance                         37.14       0.00
    difference                                       -37.14
  Travel                                    3.31       6.12
    difference                                        +2.81
  Continuity (changes)                     20.00      20.00
    difference                                            =
Uncovered specialty needs                      0          1
  difference                                             +1
Mountain work outside fair band (units)     4.15       2.76
  difference                                          -1.39
Utilisation outside band (points)           18.6        0.0
  difference                                          -18.6
Largest utilisation (%)                     70.0       90.0
  difference                                          +20.0
Smallest utilisation (%)                    40.0       87.5
  difference                                          +47.5
Mountain-share spread (points)             100.0       77.8
  difference                                          -22.2
km per year                                3,308      6,122
  difference                                         +2,813
Communes moved                                 2          2
  difference                                              =
New officer–commune pairs                      2          2
  difference                                              =
Active officers                                3          2
  difference                                             -1
Capacity of active officers (units)        14.00       9.00
  difference                                          -5.00
Workload (units)                            8.00       8.00
  difference                                              =
Specialty needs                                3          3
  difference                                              =
Differences are against the first column (base); "=" means the same value.

Communes whose officers differ between the plans: 2 ("=": the same officers as in the first column; "—": no plan)
Code   Commune     base  leave
-----  ----------  ----  -----
30003  Xã Đồng     O3    O1
30004  Phường Phố  O2    O3

"""#
}
