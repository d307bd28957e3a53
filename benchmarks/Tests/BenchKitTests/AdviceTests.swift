import Foundation
import Testing
@testable import BenchKit

// The advice cases read real `diaban advise --format json` output (Fixtures/, see its README):
// the same small scenario screened and with --solve-all, and its resilience. Expected values
// are read from the same files with JSONSerialization, not from the code under test.

private func json(_ data: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

private func num(_ x: Any?) -> Double? { (x as? NSNumber)?.doubleValue }

/// Equal to the last few bits: Foundation's two JSON readers may round a decimal differently.
private func eq(_ x: Double?, _ y: Double?) -> Bool {
    switch (x, y) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= 1e-12 * max(1, abs(x))
    default: return false
    }
}

private func eq(_ a: [Double?], _ b: [Double?]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { eq($0, $1) } }

private func counts(_ x: Any?) -> [String: Int] {
    ((x as? [String: Any]) ?? [:]).compactMapValues { ($0 as? NSNumber)?.intValue }
}

@Test func adviceOutputGivesWhatWasPricedLeftOutAndTheFirstOnesOfEachKind() throws {
    let data = try fixture("advice-screened.json")
    let run = try AdviceRun.parseAdvice(data, top: adviceFixtureTop)
    let doc = try json(data)
    let singles = try #require(doc["singles"] as? [[String: Any]])
    #expect(run.priced == counts(doc["priced"]))
    #expect(run.screenedOut == counts(doc["screenedOut"]))
    #expect(run.ranking == doc["ranking"] as? String)
    // The fixture was chosen so that screening left some out.
    #expect(run.screenedOut.values.reduce(0, +) > 0)
    #expect(run.solved == singles.filter { $0["screenedOut"] as? Bool == false }.count)

    // The first --top of each kind, in the output's order, with their exactness.
    for kind in Set(singles.compactMap { $0["kind"] as? String }) {
        let listed = singles.filter { $0["kind"] as? String == kind }.prefix(adviceFixtureTop)
        let first = run.first.filter { $0.kind == kind }
        #expect(first.map(\.key) == listed.map { $0["key"] as? String ?? "?" })
        #expect(eq(first.map(\.gain), listed.map { num($0["gain"]) }))
        #expect(first.map(\.exact) == listed.map { $0["exact"] as? Bool ?? false })
        #expect(first.map(\.rank) == listed.map { (($0["rank"] as? NSNumber)?.intValue) ?? 0 })
    }
    // Every candidate left out, with the bound it was left out by; every other one with its gain.
    for s in singles {
        let kind = s["kind"] as? String ?? "?", key = s["key"] as? String ?? "?"
        if s["screenedOut"] as? Bool == true {
            #expect(eq(run.bounds[kind]?[key], num(s["gainBound"])), "\(key)")
            #expect(run.gains[kind]?[key] == nil)
        } else {
            #expect(eq(run.gains[kind]?[key], num(s["gain"])), "\(key)")
        }
    }

    // The joint choice and the baseline, and the singles' share of the process.
    let joint = try #require(doc["joint"] as? [String: Any]), baseline = try #require(doc["baseline"] as? [String: Any])
    #expect(run.joint?.status == joint["status"] as? String)
    #expect(eq(run.joint?.seconds, num(joint["seconds"])))
    #expect(eq(run.joint?.gap, num(joint["gap"])))
    #expect(eq(run.joint?.bound, num(joint["bound"])))
    #expect(run.joint?.keys == joint["keys"] as? [String])
    #expect(eq(run.baselineSeconds, num(baseline["seconds"])))
    var timed = run
    timed.wallSeconds = 100
    let expected = 100 - (num(joint["seconds"]) ?? .nan) - (num(baseline["seconds"]) ?? .nan)
    #expect(abs((timed.singlesSeconds ?? .nan) - expected) < 1e-9)
}

@Test func theBruteForceSolvesEveryCandidate() throws {
    let data = try fixture("advice-solve-all.json")
    let run = try AdviceRun.parseAdvice(data, top: adviceFixtureTop)
    let doc = try json(data)
    #expect(run.screenedOut.values.reduce(0, +) == 0)
    #expect(run.bounds.isEmpty)
    #expect(run.solved == run.priced.values.reduce(0, +))
    #expect(run.gains.values.map(\.count).reduce(0, +) == (doc["singles"] as? [Any])?.count)
    #expect(run.firstExact)
}

@Test func resilienceOutputCountsTheDeparturesByStatus() throws {
    let data = try fixture("resilience.json")
    let run = try AdviceRun.parseResilience(data)
    let departures = try #require(try json(data)["departures"] as? [[String: Any]])
    let statuses = departures.map { $0["status"] as? String ?? "?" }
    #expect(run.departuresCount == departures.count)
    #expect(run.departures == Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count))
    // The fixture has a departure that leaves no valid plan: proven too.
    #expect(statuses.contains("infeasible"))
    #expect(run.departuresDecided == statuses.filter { $0 == "optimal" || $0 == "infeasible" }.count)
    #expect(run.singlesSeconds == nil)
}

@Test func outputThatIsNotTheAdviceJSONIsRefused() throws {
    #expect(throws: BenchError.self) { try AdviceRun.parseAdvice(Data("Error: no scenario".utf8), top: 10) }
    #expect(throws: BenchError.self) { try AdviceRun.parseAdvice(try fixture("compare.json"), top: 10) }
    #expect(throws: BenchError.self) { try AdviceRun.parseResilience(try fixture("advice-screened.json")) }
    #expect(throws: BenchError.self) { try AdviceRun.parseAdvice(try fixture("resilience.json"), top: 10) }
    // A list that leaves out candidates it priced (a text or Markdown report lists only the first ones).
    var doc = try json(try fixture("advice-screened.json"))
    doc["singles"] = Array((doc["singles"] as? [Any] ?? []).prefix(3))
    #expect(throws: BenchError.self) { try AdviceRun.parseAdvice(try JSONSerialization.data(withJSONObject: doc), top: 10) }
    // A candidate left out without the bound that left it out.
    doc = try json(try fixture("advice-screened.json"))
    var singles = try #require(doc["singles"] as? [[String: Any]])
    let i = try #require(singles.firstIndex { $0["screenedOut"] as? Bool == true })
    singles[i]["gainBound"] = nil
    doc["singles"] = singles
    #expect(throws: BenchError.self) { try AdviceRun.parseAdvice(try JSONSerialization.data(withJSONObject: doc), top: 10) }
}

// MARK: Results file, table, comparison, selection

@Test func adviceCasesSurviveTheResultsFileAndShowInItsTable() throws {
    let f = resultsFile(advice: [
        adviceFixtureCase(try screenedFixture(), try bruteForceFixture()),
        adviceCase("nghe-an-advice-resilience", runs: [try AdviceRun.parseResilience(try fixture("resilience.json"))]),
    ])
    #expect(f.bugs.isEmpty)
    let again = try ResultsFile.decode(try f.encoded(), name: "test")
    #expect(again == f)
    #expect(again.schema == "diaban.bench/4")
    let md = f.markdown()
    #expect(md.contains("## Staffing advice (diaban advise)"))
    #expect(md.contains("`diaban advise scenarios/nghe-an/baseline.yaml --train 1 --hire 1 --top 10 --solve-all --format json`"))
    #expect(md.contains("Brute force / screened: singles "))
    #expect(md.contains("| screened |") && md.contains("| brute force |"))
}

@Test func aSchemaThreeFileReadsWithoutAdviceAndIsNoted() throws {
    let f = resultsFile(advice: [adviceCase("nghe-an-advice-resilience", runs: [resilienceRun(wall: 25, departures: ["optimal": 44])])])
    var object = try #require(try JSONSerialization.jsonObject(with: try f.encoded()) as? [String: Any])
    object["schema"] = "diaban.bench/3"
    object["advice"] = nil
    let old = try ResultsFile.decode(try JSONSerialization.data(withJSONObject: object), name: "old.json")
    #expect(old.advice.isEmpty)
    let c = Comparison(old: old, new: f)
    #expect(c.findings.contains { $0.subject == "schema" && $0.text.hasPrefix("the old file has schema diaban.bench/3: it has no staffing advice") })
    #expect(c.findings.contains { $0.subject == "nghe-an-advice-resilience" && $0.text == "new case (not in the old file)" })
    #expect(c.regressions.isEmpty)
}

@Test func slowerSinglesAnUnprovenJointOrFewerProofsAreRegressions() {
    let old = resultsFile(advice: [
        adviceCase("nghe-an-advice-singles", runs: [adviceRun(wall: 40, joint: 20)], bruteForce: [adviceRun(wall: 200, joint: 20, solveAll: true)]),
        adviceCase("nghe-an-advice-joint", runs: [adviceRun(wall: 90, joint: 40)]),
        adviceCase("nghe-an-advice-resilience", runs: [resilienceRun(wall: 25, departures: ["optimal": 44])]),
    ])
    let new = resultsFile(advice: [
        adviceCase("nghe-an-advice-singles", runs: [adviceRun(wall: 60, joint: 20)], bruteForce: [adviceRun(wall: 200, joint: 20, solveAll: true)]),
        adviceCase("nghe-an-advice-joint", runs: [adviceRun(wall: 250, joint: 200, status: "feasible", gap: 0.4)]),
        adviceCase("nghe-an-advice-resilience", runs: [resilienceRun(wall: 25, departures: ["optimal": 43, "no-solution": 1])]),
    ])
    let c = Comparison(old: old, new: new)
    #expect(c.regressions.contains { $0.subject == "nghe-an-advice-singles" && $0.text.hasPrefix("singles (screened) 18.0 s → 38.0 s") })
    #expect(!c.regressions.contains { $0.text.hasPrefix("singles (brute force)") })
    #expect(c.regressions.contains { $0.subject == "nghe-an-advice-joint" && $0.text == "joint choice optimal → feasible" })
    #expect(c.regressions.contains { $0.subject == "nghe-an-advice-joint" && $0.text.hasPrefix("joint gap 0 % → 40.00 %") })
    #expect(c.regressions.contains { $0.subject == "nghe-an-advice-resilience" && $0.text == "departures proven 44 → 43" })
    #expect(Comparison(old: old, new: old).findings.isEmpty)
}

@Test func theAdviceGroupRunsEachCaseAsAPlannerTypesIt() throws {
    var config = BenchConfig()
    #expect(config.adviceCases.map(\.name) == ["nghe-an-advice-singles", "nghe-an-advice-joint", "nghe-an-advice-resilience"])
    #expect(BenchConfig.knownNames.contains("nghe-an-advice-joint"))
    config.quick = true
    #expect(config.adviceCases.isEmpty)
    config.only = ["nghe-an-advice-resilience"]
    #expect(config.adviceCases.map(\.name) == ["nghe-an-advice-resilience"])
    #expect(config.repeats(AdviceCase.all[2]) == 1)
    config.groups = [.compare]
    #expect(config.adviceCases.isEmpty)

    let root = FileManager.default.temporaryDirectory.appendingPathComponent("benchkit-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let singles = AdviceCase.all[0]
    #expect(throws: BenchError.self) { try singles.arguments(root: root) }
    try FileManager.default.createDirectory(atPath: root + "/scenarios/nghe-an", withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: root + "/scenarios/nghe-an/baseline.yaml", contents: Data())
    #expect(try singles.arguments(root: root) == ["advise", root + "/scenarios/nghe-an/baseline.yaml", "--train", "1", "--hire", "1", "--top", "10",
                                                   "--format", "json", "--quiet"])
    #expect(try singles.arguments(root: root, bruteForce: true).contains("--solve-all"))
    #expect(singles.variants == [false, true])
    #expect(AdviceCase.all[1].variants == [false])
    #expect(AdviceCase.all[2].command() == "diaban advise scenarios/nghe-an/baseline.yaml --resilience --format json")
}
