import Foundation
import Testing
@testable import BenchKit

// The compare and trade-off cases read real `diaban compare/tradeoff --format json` output
// (Fixtures/, see its README); the expected values are read from the same files with
// JSONSerialization, not from the code under test.

private func json(_ data: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// A JSON number (absent or null: nil).
private func num(_ x: Any?) -> Double? { (x as? NSNumber)?.doubleValue }

private func nums(_ x: Any?) -> [Double?] { (x as? [Any])?.map { num($0) } ?? [] }

/// Equal to the last few bits: Foundation's two JSON readers may round a decimal differently.
private func close(_ a: [Double?], _ b: [Double?]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        switch (x, y) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= 1e-12 * max(1, abs(x))
        default: return false
        }
    }
}

@Test func compareOutputGivesEveryScenarioWithItsStatusValueAndTime() throws {
    let data = try fixture("compare.json")
    let run = try BatchRun.parseCompare(data)
    let doc = try json(data)
    let scenarios = try #require(doc["scenarios"] as? [[String: Any]])
    let timings = try #require(doc["timings"] as? [String: Any])
    #expect(run.items.count == scenarios.count)
    #expect(run.items.map(\.label) == scenarios.map { $0["label"] as? String ?? "?" })
    #expect(run.items.map(\.status) == scenarios.map { $0["status"] as? String ?? "?" })
    #expect(close(run.items.map(\.objective), scenarios.map { num($0["objective"]) }))
    #expect(close(run.items.map(\.bound), scenarios.map { num($0["bestBound"]) }))
    #expect(close(run.items.map(\.gap), scenarios.map { num($0["gap"]) }))
    #expect(close(run.items.map(\.seconds), nums(timings["scenarioSeconds"])))
    #expect(close([run.reportedSeconds], [num(timings["wallSeconds"])]))
    #expect(run.jobs.map(Double.init) == num(timings["jobs"]))
    // The fixture holds an infeasible scenario: not decided for a compare.
    #expect(run.items.map(\.status).contains("infeasible"))
    #expect(run.decided(.compare) == run.items.filter { $0.status == "optimal" }.count)
    #expect(run.decided(.compare) < run.items.count)
}

@Test func tradeoffOutputGivesEveryPointAndCountsInfeasibleOnesAsDecided() throws {
    let data = try fixture("tradeoff.json")
    let run = try BatchRun.parseTradeoff(data)
    let doc = try json(data)
    let points = try #require(doc["points"] as? [[String: Any]])
    let timings = try #require(doc["timings"] as? [String: Any])
    #expect(run.items.map(\.label) == points.map { Text.number(num($0["value"]) ?? -1) })
    #expect(run.items.map(\.status) == points.map { $0["status"] as? String ?? "?" })
    #expect(close(run.items.map(\.objective), points.map { num($0["objective"]) }))
    #expect(close(run.items.map(\.seconds), nums(timings["pointSeconds"])))
    #expect(run.jobs == nil)
    #expect(run.items.first?.status == "infeasible")
    #expect(run.decided(.tradeoff) == run.items.count)
    #expect(run.decided(.compare) == run.items.count - 1)
}

@Test func outputThatIsNotTheToolsJSONIsRefused() throws {
    #expect(throws: BenchError.self) { try BatchRun.parseCompare(Data("Error: no scenario".utf8)) }
    // The other command's JSON.
    #expect(throws: BenchError.self) { try BatchRun.parseCompare(try fixture("tradeoff.json")) }
    #expect(throws: BenchError.self) { try BatchRun.parseTradeoff(try fixture("compare.json")) }
    // A schema that is not compare's.
    var doc = try json(try fixture("compare.json"))
    doc["schema"] = "diaban.solve/1"
    let renamed = try JSONSerialization.data(withJSONObject: doc)
    #expect(throws: BenchError.self) { try BatchRun.parseCompare(renamed) }
    // Timings that do not cover every scenario.
    doc = try json(try fixture("compare.json"))
    var timings = try #require(doc["timings"] as? [String: Any])
    timings["scenarioSeconds"] = [1.0]
    doc["timings"] = timings
    #expect(throws: BenchError.self) { try BatchRun.parseCompare(try JSONSerialization.data(withJSONObject: doc)) }
}

@Test func aBatchCaseSummarisesItsRunsItemByItem() throws {
    let first = try BatchRun.parseTradeoff(try fixture("tradeoff.json"))
    var a = first, b = first
    a.wallSeconds = 3
    b.wallSeconds = 5
    b.items[2].status = "feasible"
    b.items[2].gap = 0.01
    let c = BatchCaseResult.summarize(BatchCase.all.first { $0.kind == .tradeoff }!, command: "diaban tradeoff", runs: [a, b], error: nil)
    #expect(c.runs == 2)
    #expect(c.wall == Summary(median: 4, min: 3, max: 5))
    #expect(c.count == first.items.count)
    // The point that one run left open is not decided; its status is the worse one.
    #expect(c.decided == first.items.count - 1)
    #expect(c.items[2].status == "feasible")
    #expect(c.items[2].statuses == [first.items[2].status, "feasible"])
    #expect(c.items[0].status == "infeasible")
}

@Test func theCompareCaseTakesTheBaselineAndEveryWhatIfInNameOrder() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("benchkit-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let folder = root + "/scenarios/nghe-an"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in ["baseline.yaml", "what-if-b.yaml", "what-if-a.yaml", "notes.yaml", "README.md"] {
        FileManager.default.createFile(atPath: folder + "/" + name, contents: Data())
    }
    let compare = BatchCase.all.first { $0.kind == .compare }!
    #expect(try compare.files(root: root) == ["scenarios/nghe-an/baseline.yaml", "scenarios/nghe-an/what-if-a.yaml", "scenarios/nghe-an/what-if-b.yaml"])
    #expect(try compare.arguments(root: root).suffix(3) == ["--format", "json", "--quiet"])
    let tradeoff = BatchCase.all.first { $0.kind == .tradeoff }!
    #expect(try tradeoff.command(root: root) == "diaban tradeoff scenarios/nghe-an/baseline.yaml --format json")
    #expect(throws: BenchError.self) { try compare.files(root: root + "/nowhere") }
}
