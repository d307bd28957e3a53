import Testing
@testable import BenchKit

@Test func cbcOptimal() {
    let log = """
        Cbc0001I Search completed - best objective -1446, took 564 iterations and 4 nodes (0.35 seconds)
        Result - Optimal solution found

        Objective value:                1446.00000000
        Enumerated nodes:               4
        Total time (CPU seconds):       0.35   (Wallclock seconds):       0.66
        """
    let r = Peers.parseCBC(log)
    #expect(r.status == "optimal")
    #expect(r.objective == 1446)
    #expect(r.bound == 1446)
}

@Test func cbcStoppedOnTimeWithAndWithoutSolution() {
    let max = Peers.parseCBC("Result - Stopped on time limit\n\nObjective value:                1113.00000000\nUpper bound:                    1119.570\nGap:                            -0.01\n")
    #expect(max.status == "feasible")
    #expect(max.objective == 1113)
    #expect(max.bound == 1119.57)
    let min = Peers.parseCBC("Result - Stopped on time limit\n\nObjective value:                12755.00000000\nLower bound:                    12221.796\n")
    #expect(min.bound == 12221.796)
    let none = Peers.parseCBC("Result - Stopped on time limit\n\nObjective value:                1e+50\n")
    #expect(none.status == "no-solution")
    #expect(none.objective == nil)
    let infeasible = Peers.parseCBC("Result - Problem proven infeasible\n\nNo feasible solution found\n")
    #expect(infeasible.status == "infeasible")
    #expect(Peers.parseCBC("Segmentation fault").status == "failed")
}

@Test func glpsolOptimalAndTimeLimited() {
    let optimal = Peers.parseGlpsol(
        log: "+  1864: mip =   1.446000000e+03 <=     tree is empty   0.0% (0; 295)\nINTEGER OPTIMAL SOLUTION FOUND\n",
        report: "Problem:    gap12-5\nStatus:     INTEGER OPTIMAL\nObjective:  R0000000 = 1446 (MAXimum)\n")
    #expect(optimal.status == "optimal")
    #expect(optimal.objective == 1446)
    #expect(optimal.bound == 1446)

    let limited = Peers.parseGlpsol(
        log: "+  2483: mip =   1.280000000e+04 >=   1.221800000e+04   4.5% (269; 0)\nTIME LIMIT EXCEEDED; SEARCH TERMINATED\n",
        report: "Status:     INTEGER NON-OPTIMAL\nObjective:  R0000000 = 12800 (MINimum)\n")
    #expect(limited.status == "feasible")
    #expect(limited.objective == 12800)
    #expect(limited.bound == 12218)

    let none = Peers.parseGlpsol(
        log: "+  2483: mip =     not found yet >=   1.221800000e+04        (269; 0)\nTIME LIMIT EXCEEDED; SEARCH TERMINATED\n",
        report: "Status:     INTEGER UNDEFINED\nObjective:  R0000000 = 0 (MINimum)\n")
    #expect(none.status == "no-solution")
    #expect(none.objective == nil)
    #expect(none.bound == 12218)
}
