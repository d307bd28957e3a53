import DiaBanTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Workspace

@Suite("A refused form value names its field by the page's id and label, never by its JSON key", .enabled(if: BuiltBinary.path != nil, "diaban is not built beside the tests"))
struct FieldMessageTests {
    /// One refusal: the request, the field id and problem the page words it by, and words of
    /// the English sentence (which names the field by its English label).
    struct Case {
        var uri: String
        var body: [String: Any]
        var field: String
        var problem: String
        var words: String
        var key: String
    }

    static func check(_ browser: Browser, _ c: Case) async throws {
        let r = try await browser.post(c.uri, c.body)
        #expect(r.status == .badRequest, "\(c.uri) \(c.field): \(r.status) \(r.text)")
        let body = try r.json()
        #expect(body["field"] as? String == c.field, "\(c.field): \(r.text)")
        #expect(body["problem"] as? String == c.problem, "\(c.field): \(r.text)")
        #expect(r.error.contains(c.words), "\(c.field): \(r.error)")
        // The sentence does not begin with the request's key, as it did ("timeLimit must be …"),
        // and a key in camel case (timeLimit, asOf) is nowhere in it.
        #expect(!r.error.hasPrefix(c.key), "\(c.field): \(r.error) begins with the key \(c.key)")
        if c.key.contains(where: \.isUppercase) { #expect(!r.error.contains(c.key), "\(c.field): \(r.error) names the key \(c.key)") }
    }

    @Test("solve, re-plan, sweep, adoption, decisions file and what-if: each refusal carries its field, its problem and its values")
    func fields() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let all = marks([(1, "accept", ""), (2, "accept", "")])
            let adopt: [String: Any] = ["decisions": all, "register": "small/new.sqlite", "effective": "2026-01-01", "reference": "QĐ 1", "asOf": "2025-07-01"]
            func with(_ base: [String: Any], _ key: String, _ value: Any) -> [String: Any] { var b = base; b[key] = value; return b }
            let whatIf: [String: Any] = ["base": "small/base.yaml", "file": "what-if-x.yaml"]
            let cases: [Case] = [
                Case(uri: "/api/jobs", body: ["path": "small/base.yaml", "timeLimit": -3], field: "timeLimit", problem: "seconds", words: "The time limit must be", key: "timeLimit"),
                Case(uri: "/api/jobs", body: ["path": "small/base.yaml", "gap": 1.5], field: "gap", problem: "fraction", words: "The optimality gap", key: "gap"),
                Case(uri: "/api/jobs/\(p)/replan", body: ["decisions": all, "timeLimit": 0], field: "timeLimit", problem: "seconds", words: "The time limit", key: "timeLimit"),
                Case(uri: "/api/jobs", body: ["path": "small/base.yaml", "kind": "tradeoff", "from": 0, "to": 4, "step": 0], field: "step", problem: "at-least-one",
                     words: "The step must be 1", key: "step"),
                Case(uri: "/api/jobs", body: ["path": "small/base.yaml", "kind": "tradeoff", "from": 5, "to": 1], field: "from", problem: "from-to",
                     words: "From and To", key: "from"),
                Case(uri: "/api/jobs/\(p)/adopt", body: with(adopt, "effective", "01/01/2026"), field: "effective", problem: "date", words: "The effective date must be a date", key: "effective"),
                Case(uri: "/api/jobs/\(p)/adopt", body: with(adopt, "asOf", "yesterday"), field: "asOf", problem: "date", words: "start date must be a date", key: "asOf"),
                Case(uri: "/api/jobs/\(p)/adopt", body: with(adopt, "reference", " "), field: "reference", problem: "reference", words: "The decision reference", key: "reference"),
                Case(uri: "/api/jobs/\(p)/adopt", body: with(adopt, "note", "a\nb"), field: "note", problem: "one-line", words: "The note is one line", key: "note"),
                Case(uri: "/api/jobs/\(p)/adopt", body: with(adopt, "register", "small/new.csv"), field: "register", problem: "suffix", words: "ends in .sqlite", key: "register"),
                Case(uri: "/api/jobs/\(p)/decisions/save", body: ["decisions": all, "file": "sub/x.csv"], field: "decisionsFile", problem: "folders", words: "without folders", key: "file"),
                Case(uri: "/api/jobs/\(p)/decisions/save", body: ["decisions": all, "file": "x.yaml"], field: "decisionsFile", problem: "suffix", words: "must end in .csv", key: "file"),
                Case(uri: "/api/jobs/\(p)/decisions/save", body: ["decisions": marks([(1, "accept", "a\tb")]), "file": "d.csv"], field: "moveNote", problem: "control",
                     words: "The note of move 1", key: "decisions["),
                Case(uri: "/api/whatifs/preview", body: with(whatIf, "file", "what-if-x.txt"), field: "whatifFile", problem: "suffix", words: "must end in .yaml", key: "file"),
                Case(uri: "/api/whatifs/preview", body: with(whatIf, "name", String(repeating: "x", count: 2_001)), field: "name", problem: "too-long",
                     words: "The name is 2001 characters long", key: "name"),
            ]
            for c in cases { try await Self.check(browser, c) }

            // The values the page words the sentence with.
            let limit = try await browser.post("/api/jobs", ["path": "small/base.yaml", "timeLimit": -3]).json()
            #expect((limit["values"] as? [String: Any])?["max"] as? Double ?? 0 > 0, "\(limit)")
            let range = try await browser.post("/api/jobs", ["path": "small/base.yaml", "kind": "tradeoff", "from": 5, "to": 1]).json()
            #expect((range["values"] as? [String: Any])?["from"] as? Double == 5 && (range["values"] as? [String: Any])?["to"] as? Double == 1, "\(range)")
            let suffix = try await browser.post("/api/jobs/\(p)/decisions/save", ["decisions": all, "file": "x.yaml"]).json()
            #expect((suffix["values"] as? [String: Any])?["suffix"] as? String == ".csv", "\(suffix)")
            // Nothing was written by any of them.
            #expect(!f.allFiles().contains { $0.hasSuffix("new.sqlite") || $0.hasSuffix("d.csv") || $0.hasSuffix("what-if-x.txt") }, "\(f.allFiles())")
        }
    }
}
