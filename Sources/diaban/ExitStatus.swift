import ArgumentParser

/// The one exit-code table of the command line (also in the README).
enum ExitStatus {
    static let solved: Int32 = 0
    static let internalFailure: Int32 = 1
    static let infeasible: Int32 = 2
    static let noSolutionInTime: Int32 = 3
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    static let interrupted: Int32 = 130

    static let table = """
        Exit codes:
          0    solved (optimal, or feasible with the gap shown); check: the scenario is valid
          1    internal or solver failure
          2    infeasible: no plan satisfies the hard rules (the reasons are printed)
          3    no solution within the time limit
          64   usage error (bad option or argument)
          65   bad data (each problem is printed with file, line and field)
          130  interrupted (Ctrl-C); the best plan so far is printed, marked as such
        """
}
