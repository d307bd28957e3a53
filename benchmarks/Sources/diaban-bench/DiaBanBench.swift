import ArgumentParser
import BenchKit
import DurableFiles
import Foundation

@main
struct DiaBanBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diaban-bench",
        abstract: "Measures how fast and how good DiaBan's solves are, and compares two measurements.",
        discussion: ExitStatus.table,
        subcommands: [Run.self, Compare.self, Table.self, SolveOnce.self, GAP.self])
}

/// Exit codes of diaban-bench.
enum ExitStatus {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    /// run: a bug was found (a wrong optimum, a plan breaking a hard rule, a peer proving another optimum).
    /// compare: a regression beyond the noise band.
    static let flagged: Int32 = 2
    static let usage: Int32 = 64

    static let table = """
        Exit codes:
          0   done; run: no bug found; compare: no regression beyond the noise band
          1   the benchmark itself failed (a file it cannot read or write, a crash)
          2   run: a BUG was found (a wrong optimum, a plan breaking a hard rule, a peer proving
              another optimum); compare: a regression (time beyond the noise band, status,
              objective, gap or memory worse, a target no longer met)
          64  usage error
        """
}

/// Writes `data` to `path` through DiaBan's one atomic writer (a temporary file beside it,
/// flushed, then renamed over the old file): a failed run leaves the old results as they were.
func writeAtomically(_ data: Data, to path: String) throws {
    try AtomicFile.write(data, to: path)
}

func printErr(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
