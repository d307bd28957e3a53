import Foundation
import Testing
@testable import BenchKit

private func file(_ ladder: [LadderCaseResult], load: Double = 0.5) -> ResultsFile {
    resultsFile(ladder: ladder, load: load)
}

@Test func aSlowerMedianBeyondTheNoiseBandIsARegression() {
    let c = Comparison(old: file([ladderCase("nghe-an", wall: 10)]), new: file([ladderCase("nghe-an", wall: 12)]), noise: 0.15)
    #expect(c.regressions.map(\.text) == ["end to end 10.0 s → 12.0 s (+20 %)", "solve 9.80 s → 11.8 s (+20 %)"])
}

@Test func withinTheNoiseBandNothingIsFlagged() {
    let c = Comparison(old: file([ladderCase("nghe-an", wall: 10)]), new: file([ladderCase("nghe-an", wall: 11)]), noise: 0.15)
    #expect(c.regressions.isEmpty)
    let faster = Comparison(old: file([ladderCase("nghe-an", wall: 10)]), new: file([ladderCase("nghe-an", wall: 5)]), noise: 0.15)
    #expect(faster.regressions.isEmpty)
    #expect(faster.findings.contains { $0.kind == .improvement && $0.text.hasPrefix("end to end") })
}

@Test func worseStatusObjectiveAndMovedOptimumAreRegressions() {
    let status = Comparison(old: file([ladderCase("a", wall: 60, status: "feasible", gap: 0.01)]),
                            new: file([ladderCase("a", wall: 60, status: "no-solution", gap: 0.01)]))
    #expect(status.regressions.contains { $0.text == "status feasible → no-solution" })
    let moved = Comparison(old: file([ladderCase("a", wall: 1, objective: 100)]), new: file([ladderCase("a", wall: 1, objective: 101)]))
    #expect(moved.regressions.contains { $0.text == "the proven optimum moved: 100 → 101" })
    let worse = Comparison(old: file([ladderCase("a", wall: 60, status: "feasible", objective: 100, gap: 0.01)]),
                           new: file([ladderCase("a", wall: 60, status: "feasible", objective: 110, gap: 0.05)]))
    #expect(worse.regressions.contains { $0.text == "objective worse: 100 → 110" })
    #expect(worse.regressions.contains { $0.text.hasPrefix("gap ") })
}

@Test func aTargetNoLongerMetIsARegressionAndABusyMachineIsNoted() {
    let c = Comparison(old: file([ladderCase("nghe-an", wall: 0.5)]), new: file([ladderCase("nghe-an", wall: 0.5, status: "feasible")], load: 4))
    #expect(c.regressions.contains { $0.subject == "target" && $0.text.hasPrefix("Nghệ An: proven optimal") })
    #expect(c.findings.contains { $0.kind == .note && $0.text.contains("load average of 4.0") })
}

@Test func aNewFileComparedWithItselfHasNoFinding() throws {
    let na = ladderCase("nghe-an", runs: [ladderRun(wall: 1, engine: engineCounts()), ladderRun(wall: 1.2, engine: engineCounts())])
    let items = (0..<3).map { batchItem("s\($0)", "optimal", objective: 100) }
    let f = resultsFile(ladder: [na], batches: [batchCase(.compare, runs: [batchRun(items, wall: 20)])],
                        pieces: [pieceResult("default", run: ladderRun(engine: engineCounts()))])
    let again = try ResultsFile.decode(try f.encoded(), name: "test")
    #expect(again == f)
    #expect(Comparison(old: f, new: again).findings.isEmpty)
}

@Test func aSchemaOneFileReadsWithoutTheNewPartsAndIsNoted() throws {
    let f = resultsFile(ladder: [ladderCase("nghe-an", wall: 60, status: "feasible", gap: 0.001)],
                        batches: [batchCase(.tradeoff, runs: [batchRun([batchItem("0", "infeasible")], wall: 5, jobs: nil)])])
    // Schema 1 had no batches, pieces, engine counts or GAP engine row.
    var object = try #require(try JSONSerialization.jsonObject(with: try f.encoded()) as? [String: Any])
    object["schema"] = "diaban.bench/1"
    object["batches"] = nil
    object["pieces"] = nil
    let old = try ResultsFile.decode(try JSONSerialization.data(withJSONObject: object), name: "old.json")
    #expect(old.batches.isEmpty && old.pieces.isEmpty)
    #expect(old.ladder == f.ladder)
    let c = Comparison(old: old, new: f)
    #expect(c.findings.contains { $0.subject == "schema" && $0.text.hasPrefix("the old file has schema diaban.bench/1") })
    #expect(c.findings.contains { $0.subject == "nghe-an-tradeoff" && $0.text == "new case (not in the old file)" })

    object["schema"] = "diaban.bench/0"
    #expect(throws: BenchError.self) { try ResultsFile.decode(try JSONSerialization.data(withJSONObject: object), name: "older.json") }
    #expect(throws: BenchError.self) { try ResultsFile.decode(Data("{}".utf8), name: "empty.json") }
}

@Test func aBatchOrPieceThatDecidesLessIsARegression() {
    let proven = (0..<3).map { batchItem("s\($0)", "optimal", objective: 100) }
    var open = proven
    open[1] = batchItem("s1", "feasible", objective: 101, bound: 100)
    let old = resultsFile(batches: [batchCase(.compare, runs: [batchRun(proven, wall: 20)])],
                          pieces: [pieceResult("default", run: ladderRun(engine: engineCounts(rounds: 50)))])
    let new = resultsFile(batches: [batchCase(.compare, runs: [batchRun(open, wall: 40)])],
                          pieces: [pieceResult("default", run: ladderRun(status: "feasible", objective: 101, bound: 100, gap: 0.01,
                                                                          engine: engineCounts(rounds: 70)))])
    let c = Comparison(old: old, new: new)
    #expect(c.regressions.contains { $0.subject == "nghe-an-compare" && $0.text == "decided 3 → 2 of 3" })
    #expect(c.regressions.contains { $0.subject == "nghe-an-compare" && $0.text == "s1: status optimal → feasible" })
    #expect(c.regressions.contains { $0.subject == "nghe-an-compare" && $0.text.hasPrefix("total 20.0 s → 40.0 s") })
    #expect(c.regressions.contains { $0.subject == "piece default" && $0.text == "status optimal → feasible" })
    #expect(c.findings.contains { $0.kind == .note && $0.text == "column-generation rounds 50 → 70" })
    #expect(c.regressions.contains { $0.subject == "target" && $0.text.hasPrefix("Nghệ An compare: every item decided") })
}

@Test func theSameMachineWithAFewPagesMoreIsNotAnotherMachine() {
    let a = resultsFile()
    var b = resultsFile()
    b.machine.memoryBytes += 4096 * 25
    #expect(!Comparison(old: a, new: b).findings.contains { $0.subject == "machine" })
    b.machine.memoryBytes = a.machine.memoryBytes / 2
    #expect(Comparison(old: a, new: b).findings.contains { $0.subject == "machine" && $0.text.hasPrefix("the machines differ") })
}
