import DiaBanCore
import DiaBanTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
@testable import Workspace

@Suite("Adopting decisions into a register from the workspace", .enabled(if: BuiltBinary.path != nil, "diaban is not built beside the tests"))
struct RegisterEndpointTests {
    static let reference = "Quyết định số 1/QĐ-TU"

    /// Adopts solve `id`'s rows with `decisions` into `register`.
    static func adopt(_ browser: Browser, _ id: String, _ decisions: [[String: Any]], register: String = "small/register.sqlite",
                      effective: String = "2026-01-01", reference: String = reference, asOf: String? = nil) async throws -> TestResponse {
        var body: [String: Any] = ["decisions": decisions, "register": register, "effective": effective, "reference": reference, "note": "Thường vụ"]
        if let asOf { body["asOf"] = asOf }
        return try await browser.post("/api/jobs/\(id)/adopt", body)
    }

    @Test("a new register is made from the scenario and the decision adopted; the command line's show, history and check agree, and refuse the plan again")
    func adoptAndAgree() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let all = marks([(1, "accept", ""), (2, "accept", "")])
            let r = try await Self.adopt(browser, p, all, asOf: "2025-07-01")
            #expect(r.status == .created, "\(r.text)")
            let adopted = try r.json()
            #expect(adopted["register"] as? String == "small/register.sqlite" && adopted["created"] as? Bool == true)
            #expect(adopted["summary"] as? [String] == ["recorded \"\(Self.reference)\" effective 2026-01-01: 2 pair(s) end, 2 begin, 3 continue",
                                                         "  2 accepted move(s), 0 forced by a rule"], "\(adopted["summary"] ?? "")")
            #expect((adopted["problems"] as? [String])?.isEmpty == true)
            let state = adopted["state"] as? [String: Any] ?? [:]
            #expect(state["asOf"] as? String == "2026-01-01")
            let held = state["pairs"] as? [[String: Any]] ?? []
            // The register now holds the plan adopted, pair for pair.
            #expect(Set(held.map { "\($0["commune"]!)>\($0["officer"]!)" }) == (try await browser.pairs(p)))

            // The command line reads the same register the same way.
            let show = try cli(["register", "show", "scenarios/small/register.sqlite", "--as-of", "2026-01-01"], in: f.root)
            #expect(show.status == 0, "\(show)")
            #expect(show.stdout == state["text"] as? String, "show prints other text:\n\(show.stdout)\n---\n\(state["text"] ?? "")")
            let json = try cli(["register", "show", "scenarios/small/register.sqlite", "--as-of", "2026-01-01", "--format", "json"], in: f.root)
            let cliPairs = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["pairs"] as? [[String: Any]] ?? []
            #expect(cliPairs.map { "\($0["commune"]!)|\($0["officer"]!)|\($0["since"]!)|\($0["decision"]!)|\($0["days"]!)" }
                    == held.map { "\($0["commune"]!)|\($0["officer"]!)|\($0["since"]!)|\($0["decision"]!)|\($0["days"]!)" })
            let check = try cli(["register", "check", "scenarios/small/register.sqlite"], in: f.root)
            #expect(check.status == 0 && check.stdout.contains("sound — 2 decision(s) from 2025-07-01 to 2026-01-01"), "\(check)")
            let history = try await browser.get("/api/register/history?path=small/register.sqlite&commune=30001")
            #expect(history.status == .ok, "\(history.text)")
            let cliHistory = try cli(["register", "history", "scenarios/small/register.sqlite", "--commune", "30001"], in: f.root)
            #expect(try history.json()["text"] as? String == cliHistory.stdout)
            #expect((try history.json()["periods"] as? [[String: Any]])?.count == 2)
            let byOfficer = try await browser.get("/api/register/history?path=small/register.sqlite&officer=O3")
            #expect(try byOfficer.json()["text"] as? String == (try cli(["register", "history", "scenarios/small/register.sqlite", "--officer", "O3"], in: f.root)).stdout)
            let shown = try await browser.get("/api/register?path=small/register.sqlite").json()
            #expect(shown["text"] as? String == state["text"] as? String && (shown["decisions"] as? [Any])?.count == 2)
            #expect(try await browser.get("/api/registers").json()["registers"] as? [String] == ["small/register.sqlite"])
            #expect((try await browser.sheet(p)["registers"] as? [String]) == ["small/register.sqlite"])

            // The command line adopting the very same plan is refused: both name it alike.
            let plan = try await browser.get("/api/jobs/\(p)/solve.json")
            try Data(plan.body.readableBytesView).write(to: URL(fileURLWithPath: f.root + "/plan.json"))
            #expect(try await browser.post("/api/jobs/\(p)/decisions/save", ["decisions": all, "file": "decisions.csv"]).status == .created)
            let twice = try cli(["register", "adopt", "scenarios/small/register.sqlite", "--plan", "plan.json", "--decisions", "scenarios/small/decisions.csv",
                                 "--effective", "2026-02-01", "--reference", "Quyết định số 2/QĐ-TU"], in: f.root)
            #expect(twice.status == 65 && twice.stderr.contains("This plan was already adopted by \"\(Self.reference)\""), "\(twice)")
        }
    }

    @Test("refused as the command line refuses, with nothing written: the same decision or plan twice, an earlier date, another state of the register")
    func refusals() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let all = marks([(1, "accept", ""), (2, "accept", "")])
            #expect(try await Self.adopt(browser, p, all, asOf: "2025-07-01").status == .created)
            let dump = { () throws -> String in try cli(["register", "show", "scenarios/small/register.sqlite", "--format", "csv"], in: f.root).stdout }
            let before = try dump()
            // A re-plan that rejects move 2: made from the state the register no longer holds.
            let started = try await browser.post("/api/jobs/\(p)/replan", ["decisions": marks([(1, "accept", ""), (2, "reject", "")])])
            let other = try started.json()["id"] as? String ?? ""
            _ = try await browser.finished(other)
            let otherRows = ownMarks(try await browser.sheet(other))
            let cases: [(String, [[String: Any]], String, String, HTTPResponse.Status, String, String)] = [
                (p, all, "2026-03-01", Self.reference, .unprocessableContent, "is already in the register", "reference-recorded"),
                (p, all, "2026-03-01", "Quyết định số 2/QĐ-TU", .unprocessableContent, "This plan was already adopted", "plan-adopted"),
                (other, otherRows, "2025-12-01", "Quyết định số 3/QĐ-TU", .unprocessableContent, "not after the last decision", "not-after"),
                (other, otherRows, "2026-06-01", "Quyết định số 4/QĐ-TU", .unprocessableContent, "different state of the register", "state-differs"),
            ]
            for (id, decisions, effective, reference, status, words, kind) in cases {
                let r = try await Self.adopt(browser, id, decisions, effective: effective, reference: reference)
                #expect(r.status == status, "\(reference) \(effective): \(r.status) \(r.text)")
                #expect(r.error.contains(words) && r.error.contains("Nothing was written"), "\(r.error)")
                let body = try r.json()
                #expect(body["code"] as? String == "refused")
                // The refusal in parts, for the page to word in Vietnamese: which one, and its values.
                let refusal = body["refusal"] as? [String: Any] ?? [:]
                #expect(refusal["kind"] as? String == kind, "\(r.text)")
                switch kind {
                case "reference-recorded":
                    #expect(refusal["reference"] as? String == Self.reference && refusal["effective"] as? String == "2026-01-01", "\(refusal)")
                case "plan-adopted":
                    #expect(refusal["reference"] as? String == Self.reference, "\(refusal)")
                case "not-after":
                    #expect(refusal["effective"] as? String == "2025-12-01" && refusal["lastReference"] as? String == Self.reference
                            && refusal["lastEffective"] as? String == "2026-01-01", "\(refusal)")
                default:
                    // Commune by commune, each named in the sentence too, whom the plan starts from and whom the register has.
                    let communes = refusal["communes"] as? [[String: Any]] ?? []
                    #expect(!communes.isEmpty, "\(refusal)")
                    for c in communes.prefix(5) {
                        let ids = { (key: String) in (c[key] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
                        let named = (c["plan"] as? [[String: Any]] ?? []) + (c["register"] as? [[String: Any]] ?? [])
                        #expect(ids("plan") != ids("register"), "\(c)")
                        #expect(named.allSatisfy { ($0["name"] as? String ?? "").isEmpty == false }, "\(c)")
                        #expect(r.error.contains(c["communeName"] as? String ?? "?"), "\(c) \(r.error)")
                    }
                }
            }
            #expect(try dump() == before, "a refused adoption changed the register")

            // A register is created once; one that is not there needs its start date.
            let exists = try await Self.adopt(browser, p, all, effective: "2026-03-01", reference: "QĐ 5", asOf: "2025-07-01")
            #expect(exists.status == .conflict && exists.error.contains("already exists"), "\(exists.text)")
            let missing = try await Self.adopt(browser, p, all, register: "small/none.sqlite")
            #expect(missing.status == .notFound && missing.error.contains("start date"), "\(missing.text)")
            #expect(try missing.json()["field"] as? String == "asOf" && (try missing.json()["problem"] as? String) == "no-register", "\(missing.text)")
            // A new register whose first decision is refused is not kept.
            let sameDay = try await Self.adopt(browser, p, all, register: "small/second.sqlite", effective: "2025-07-01", asOf: "2025-07-01")
            #expect(sameDay.status == .unprocessableContent && sameDay.error.contains("was not kept"), "\(sameDay.text)")
            let sameDayBody = try sameDay.json()
            #expect(sameDayBody["notKept"] as? String == "small/second.sqlite" && (sameDayBody["refusal"] as? [String: Any])?["kind"] as? String == "not-after",
                    "\(sameDay.text)")
            #expect(!FileManager.default.fileExists(atPath: f.scenarios + "/small/second.sqlite"))
            // A file that is not a register.
            try f.write("scenarios/small/fake.sqlite", "not a database\n")
            let fake = try await Self.adopt(browser, p, all, register: "small/fake.sqlite", effective: "2026-03-01", reference: "QĐ 6")
            #expect(fake.status == .unprocessableContent && fake.error.contains("not a DiaBan register"), "\(fake.text)")
            #expect(f.read("scenarios/small/fake.sqlite") == "not a database\n")
            let fakeShow = try await browser.get("/api/register?path=small/fake.sqlite")
            #expect(fakeShow.status == .unprocessableContent && fakeShow.error.contains("not a DiaBan register"))

            // Dates, references and notes.
            for (effective, reference, asOf, word) in [("2026-13-01", "QĐ", nil, "The effective date must be a date"), ("01/01/2026", "QĐ", nil, "YYYY-MM-DD"),
                                                       ("2026-03-01", "  ", nil, "The decision reference must name the decision"), ("2026-03-01", "QĐ\n7", nil, "one line"),
                                                       ("2026-03-01", String(repeating: "Q", count: 201), nil, "200 characters"),
                                                       ("2026-03-01", "QĐ", "yesterday", "start date must be a date")] as [(String, String, String?, String)] {
                let r = try await Self.adopt(browser, p, all, register: "small/new.sqlite", effective: effective, reference: reference, asOf: asOf)
                #expect(r.status == .badRequest && r.error.contains(word), "\(effective) \(reference.prefix(10)): \(r.status) \(r.text)")
            }
            let history = try await browser.get("/api/register/history?path=small/register.sqlite&commune=3000")
            #expect(history.status == .notFound && history.error.contains("has no commune 3000"), "\(history.text)")
            let both = try await browser.get("/api/register/history?path=small/register.sqlite&commune=30001&officer=O1")
            #expect(both.status == .badRequest)
            let early = try await browser.get("/api/register?path=small/register.sqlite&asOf=2020-01-01")
            #expect(early.status == .unprocessableContent && early.error.contains("begins on 2025-07-01"), "\(early.text)")
            #expect(try dump() == before)
        }
    }

    @Test("registers are files of the scenarios folder only: every way out is refused, and nothing outside changes")
    func paths() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try FileManager.default.createSymbolicLink(atPath: f.scenarios + "/small/link-out.sqlite", withDestinationPath: "../../outside/r.sqlite")
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let before = f.allFiles()
            let refusals: [(String, HTTPResponse.Status, String)] = [
                ("../outside/r.sqlite", .forbidden, ".."), ("small/../../outside/r.sqlite", .forbidden, ".."), ("/tmp/r.sqlite", .forbidden, "Absolute"),
                (f.outside + "/r.sqlite", .forbidden, "Absolute"), ("small/link-out.sqlite", .forbidden, "symbolic link"), ("dir-out/r.sqlite", .forbidden, "symbolic link"),
                ("small/.r.sqlite", .forbidden, "Hidden"), ("small/r\u{0}.sqlite", .badRequest, "NUL"),
                ("small/" + String(repeating: "r", count: 300) + ".sqlite", .badRequest, "bytes long"), ("small/r.db", .badRequest, ".sqlite"),
                ("small/base.yaml", .badRequest, ".sqlite"), ("nowhere/r.sqlite", .notFound, "no folder"),
            ]
            for (path, status, word) in refusals {
                let adopt = try await RegisterEndpointTests.adopt(browser, p, marks([(1, "accept", "")]), register: path, asOf: "2025-07-01")
                #expect(adopt.status == status, "adopt \(path.debugDescription): \(adopt.status) \(adopt.text)")
                #expect(adopt.error.contains(word), "adopt \(path.debugDescription): \(adopt.error)")
                let q = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                for uri in ["/api/register?path=\(q)", "/api/register/history?path=\(q)&commune=30001"] {
                    let r = try await browser.get(uri)
                    #expect(r.status == status, "\(uri): \(r.status) \(r.text)")
                    #expect(r.error.contains(word), "\(uri): \(r.error)")
                }
            }
            #expect(f.allFiles() == before, "a refused request changed the folder")
        }
        #expect(!FileManager.default.fileExists(atPath: f.outside + "/r.sqlite"))
    }
}
