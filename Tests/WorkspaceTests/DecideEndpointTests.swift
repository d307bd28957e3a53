import DiaBanCore
import DiaBanTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Planning
import Testing
@testable import Workspace

extension Browser {
    /// A finished solve of `path` that holds a plan; its id.
    func solved(_ path: String, extra: [String: Any] = [:]) async throws -> String {
        let id = try await start(path, extra: extra)
        let s = try await finished(id)
        #expect((s["result"] as? [String: Any])?["hasPlan"] as? Bool == true, "\(s)")
        return id
    }

    /// The Decide panel's sheet of a solve.
    func sheet(_ id: String, _ query: String = "") async throws -> [String: Any] {
        let r = try await get("/api/jobs/\(id)/decisions" + query)
        #expect(r.status == .ok, "\(r.text)")
        return try r.json()
    }

    /// The solve document's pairs, `commune>officer`.
    func pairs(_ id: String) async throws -> Set<String> {
        let doc = try await get("/api/jobs/\(id)/solve.json").json()
        return Set((doc["assignments"] as? [[String: String]] ?? []).map { "\($0["commune"]!)>\($0["officer"]!)" })
    }
}

/// Marks for a request: `(move, decision, note)`.
func marks(_ list: [(Int, String, String)]) -> [[String: Any]] { list.map { ["move": $0.0, "decision": $0.1, "note": $0.2] } }

/// The rows of a sheet as `marks` leaves them: each row's own decision and note.
func ownMarks(_ sheet: [String: Any]) -> [[String: Any]] {
    (sheet["rows"] as? [[String: Any]] ?? []).map { ["move": $0["move"]!, "decision": $0["decision"]!, "note": $0["note"]!] }
}

/// The built command line, run from `folder`.
func cli(_ args: [String], in folder: String) throws -> BuiltBinary.Run {
    try BuiltBinary.run(args, in: folder, timeout: 120)
}

/// A CSV file's lines (CRLF), the byte-order mark left aside.
func csvLines(_ path: String) throws -> [String] {
    var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
}

@Suite("Decide: a solve's moves decided, re-planned, saved and read back", .enabled(if: BuiltBinary.path != nil, "diaban is not built beside the tests"))
struct DecideEndpointTests {
    @Test("hold on a move: the re-plan gives its officer no new commune, the review says so, and the sheet carries it")
    func hold() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let rows = (try await browser.sheet(p)["rows"] as? [[String: Any]]) ?? []
            var tried = 0
            // The first move whose officer can be held with a plan still possible.
            for row in rows where (row["rule"] as? String ?? "").isEmpty {
                let move = row["move"] as? Int ?? 0, officers = row["to"] as? [String] ?? []
                let started = try await browser.post("/api/jobs/\(p)/replan", ["decisions": marks([(move, "hold", "đủ việc")])])
                #expect(started.status == .accepted, "\(started.text)")
                let id = try started.json()["id"] as? String ?? ""
                let done = try await browser.finished(id)
                tried += 1
                guard (done["result"] as? [String: Any])?["hasPlan"] as? Bool == true else { continue }
                let sheet = try await browser.sheet(id)
                let review = sheet["review"] as? [String: Any] ?? [:]
                #expect(review["held"] as? Int == 1, "\(review)")
                let reviewed = (review["rows"] as? [[String: Any]] ?? []).first { $0["move"] as? Int == move }
                #expect(reviewed?["verdict"] as? String == "hold" && reviewed?["honoured"] as? Bool == true, "\(String(describing: reviewed))")
                // No move of the re-plan gives a held officer a commune.
                let own = (sheet["rows"] as? [[String: Any]] ?? []).filter { $0["source"] as? String == "plan" }
                #expect(!own.contains { !Set($0["to"] as? [String] ?? []).isDisjoint(with: officers) }, "\(own)")
                // The hold is carried: its row still says hold.
                #expect((sheet["rows"] as? [[String: Any]] ?? []).contains { $0["decision"] as? String == "hold" }, "\(sheet["rows"] ?? [])")
                return
            }
            Issue.record("no move's officer could be held with a plan (tried \(tried))")
        }
    }

    @Test("the rows are the command line's decisions.csv; the saved file is its bytes, which it reads; the re-plan's file is the one it writes")
    func sameBytesAsTheCommandLine() async throws {
        let f = try Fixture()
        defer { f.remove() }
        let first = try cli(["solve", "scenarios/small/base.yaml", "--out", "cli/A", "--quiet"], in: f.root)
        try #require(first.status == 0, "\(first)")
        let pending = try Data(contentsOf: URL(fileURLWithPath: f.root + "/cli/A/decisions.csv"))
        let cliRows = try csvLines(f.root + "/cli/A/decisions.csv").dropFirst().map { $0.components(separatedBy: ",") }
        try #require(cliRows.count == 2, "the small scenario's proposal has two moves: \(cliRows)")
        let note = "Thường vụ: giữ \"Xã Đồng\", chờ họp"
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.root + "/cli/A/plan.json"))) as? [String: Any] ?? [:]
            let cliPairs = Set((plan["assignments"] as? [[String: String]] ?? []).map { "\($0["commune"]!)>\($0["officer"]!)" })
            try #require(try await browser.pairs(p) == cliPairs, "the workspace and the command line solved the same scenario to different plans")

            // The sheet's rows are the file's rows.
            let sheet = try await browser.sheet(p)
            let rows = sheet["rows"] as? [[String: Any]] ?? []
            #expect(rows.count == cliRows.count)
            for (row, fields) in zip(rows, cliRows) {
                #expect(String(row["move"] as? Int ?? 0) == fields[0] && row["commune"] as? String == fields[1] && row["communeName"] as? String == fields[2])
                #expect((row["from"] as? [String])?.joined(separator: ";") == fields[3] && (row["to"] as? [String])?.joined(separator: ";") == fields[5])
                #expect(row["gain"] as? String == fields[7] && row["rule"] as? String == fields[8] && row["source"] as? String == fields[9])
                #expect(row["decision"] as? String == "pending" && fields[10] == "pending")
                let reason = (sheet["reasons"] as? [String: String])?[fields[1]] ?? ""
                #expect(reason.count > 10, "move \(fields[0]) has no reason: \(reason)")
            }
            #expect(sheet["saveAs"] as? String == "small/decisions.csv" && sheet["saveAsExists"] as? Bool == false)

            // Saved with move 1 accepted and move 2 rejected with a note: the command line's file
            // with those two cells changed, as a spreadsheet saves it.
            let decided = marks([(1, "accept", ""), (2, "reject", note)])
            let saved = try await browser.post("/api/jobs/\(p)/decisions/save", ["decisions": decided, "file": "decisions.csv"])
            #expect(saved.status == .created, "\(saved.text)")
            #expect(try saved.json()["path"] as? String == "small/decisions.csv")
            var expected = String(decoding: pending, as: UTF8.self).components(separatedBy: "\r\n")
            #expect(expected[1].hasSuffix(",pending,") && expected[2].hasSuffix(",pending,"))
            expected[1] = String(expected[1].dropLast("pending,".count)) + "accept,"
            expected[2] = String(expected[2].dropLast("pending,".count)) + "reject,\"Thường vụ: giữ \"\"Xã Đồng\"\", chờ họp\""
            let bytes = try Data(contentsOf: URL(fileURLWithPath: f.scenarios + "/small/decisions.csv"))
            #expect(bytes == Data(expected.joined(separator: "\r\n").utf8), "\(String(decoding: bytes, as: UTF8.self))")
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(try saved.json()["bytes"] as? Int == bytes.count)

            // The command line reads it and re-plans with it.
            let second = try cli(["solve", "scenarios/small/base.yaml", "--decisions", "scenarios/small/decisions.csv", "--out", "cli/B", "--quiet"], in: f.root)
            try #require(second.status == 0, "\(second)")
            #expect(second.stdout.contains("Decisions (decisions.csv): 1 accepted, 1 rejected, 0 kept, 0 pending; every decision honoured"), "\(second.stdout)")

            // The workspace re-plans with the same decisions: the same plan, and its decisions.csv
            // (verdicts carried, the rejection standing as an earlier row) is the command line's.
            let started = try await browser.post("/api/jobs/\(p)/replan", ["decisions": decided])
            #expect(started.status == .accepted, "\(started.text)")
            let r = try started.json()["id"] as? String ?? ""
            #expect(try started.json()["replanOf"] as? String == p)
            _ = try await browser.finished(r)
            let planB = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.root + "/cli/B/plan.json"))) as? [String: Any] ?? [:]
            let pairsB = Set((planB["assignments"] as? [[String: String]] ?? []).map { "\($0["commune"]!)>\($0["officer"]!)" })
            try #require(try await browser.pairs(r) == pairsB, "the re-plans differ")
            let round2 = try await browser.sheet(r)
            let again = try await browser.post("/api/jobs/\(r)/decisions/save", ["decisions": ownMarks(round2), "file": "decisions-round2.csv"])
            #expect(again.status == .created, "\(again.text)")
            let cliB = try Data(contentsOf: URL(fileURLWithPath: f.root + "/cli/B/decisions.csv"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: f.scenarios + "/small/decisions-round2.csv")) == cliB)
        }
    }

    @Test("a re-plan honours every decision, says what they cost and why moves appeared, and its report marks the decisions")
    func replan() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let proposal = try await browser.get("/api/jobs/\(p)").json()
            try #require((proposal["result"] as? [String: Any])?["status"] as? String == "optimal")
            let rows = try await browser.sheet(p)["rows"] as? [[String: Any]] ?? []
            try #require(rows.count == 2)
            let accepted = rows[0], rejected = rows[1]
            let started = try await browser.post("/api/jobs/\(p)/replan", ["decisions": marks([(1, "accept", ""), (2, "reject", "không")]), "timeLimit": 20])
            #expect(started.status == .accepted, "\(started.text)")
            let r = try started.json()["id"] as? String ?? ""
            let end = try await browser.finished(r)
            #expect((end["result"] as? [String: Any])?["hasPlan"] as? Bool == true)

            // Every decision holds in the plan.
            let planned = try await browser.pairs(r)
            let c1 = accepted["commune"] as? String ?? "", c2 = rejected["commune"] as? String ?? ""
            #expect((accepted["to"] as? [String] ?? []).allSatisfy { planned.contains("\(c1)>\($0)") }, "the accepted move is not in the plan")
            #expect(!(rejected["to"] as? [String] ?? []).contains { planned.contains("\(c2)>\($0)") }, "the rejected move is in the plan")
            let doc = try await browser.get("/api/jobs/\(r)/solve.json").json()
            #expect((doc["planViolations"] as? [Any])?.isEmpty == true, "the re-plan breaks a hard rule: \(doc["planViolations"] ?? "")")

            // The review: every row honoured; the proposal was optimal, so decisions can only cost.
            let sheet = try await browser.sheet(r, "?lang=en")
            #expect(sheet["replanOf"] as? String == p)
            let review = sheet["review"] as? [String: Any] ?? [:]
            #expect(review["accepted"] as? Int == 1 && review["rejected"] as? Int == 1 && review["kept"] as? Int == 0 && review["pending"] as? Int == 0)
            let reviewed = review["rows"] as? [[String: Any]] ?? []
            #expect(reviewed.count == 2 && reviewed.allSatisfy { $0["honoured"] as? Bool == true }, "\(reviewed)")
            let proposalTotal = ((review["proposal"] as? [String: Any])?["total"] as? Double) ?? .nan
            let decidedTotal = ((review["decided"] as? [String: Any])?["total"] as? Double) ?? .nan
            #expect(decidedTotal >= proposalTotal - 1e-6, "the decisions made an optimal proposal better: \(proposalTotal) → \(decidedTotal)")
            #expect(abs((review["cost"] as? Double ?? .nan) - (decidedTotal - proposalTotal)) < 1e-6)
            // What appeared is exactly the re-plan's moves that no decision names, each with why.
            let appeared = review["appeared"] as? [[String: Any]] ?? []
            let newMoves = (doc["moves"] as? [[String: Any]] ?? []).filter { m in
                !rows.contains { $0["commune"] as? String == m["commune"] as? String && $0["to"] as? [String] == m["to"] as? [String] }
            }
            #expect(Set(appeared.compactMap { $0["commune"] as? String }) == Set(newMoves.compactMap { $0["commune"] as? String }))
            #expect(appeared.allSatisfy { !($0["reason"] as? String ?? "").isEmpty })

            // The re-plan's own rows: the accepted move carried, the rejection standing as an earlier row.
            let next = sheet["rows"] as? [[String: Any]] ?? []
            #expect(next.contains { $0["commune"] as? String == c1 && $0["decision"] as? String == "accept" && $0["source"] as? String == "plan" })
            #expect(next.contains { $0["commune"] as? String == c2 && $0["decision"] as? String == "reject" && $0["source"] as? String == "earlier" && $0["note"] as? String == "không" })

            // The report draws the decisions (the sheet, and rings on the map by decision).
            let report = try await browser.get("/api/jobs/\(r)/report").text
            #expect(report.contains("class=\"has-sheet\"") && report.contains("dring v-accept") && report.contains("dring v-reject"))
            // The queue says it is a re-plan.
            let list = try await browser.get("/api/jobs").json()["jobs"] as? [[String: Any]] ?? []
            #expect(list.first { $0["id"] as? String == r }?["replanOf"] as? String == p)
        }
    }

    @Test("refusals: unknown or unfinished solves, solves without a plan, marks that name no row, bad words, notes and bodies, rules the reader enforces")
    func refusals() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.write("scenarios/small/what-if-nobody.yaml", """
            # Everyone on leave: no plan.
            name: Thử, nobody
            base: base.yaml
            changes:
              - {op: setOfficerStatus, officer: O1, status: leave}
              - {op: setOfficerStatus, officer: O2, status: leave}
              - {op: setOfficerStatus, officer: O3, status: leave}

            """)
        let before = f.allFiles()
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let ok = marks([(1, "accept", "")])
            for (uri, status) in [("/api/jobs/0123abcd", HTTPResponse.Status.notFound), ("/api/jobs/zz!", .badRequest)] {
                #expect(try await browser.get(uri + "/decisions").status == status)
                for action in ["/replan", "/decisions/save", "/adopt"] {
                    let r = try await browser.post(uri + action, ["decisions": ok, "file": "decisions.csv", "register": "small/r.sqlite", "effective": "2026-01-01", "reference": "QĐ"])
                    #expect(r.status == status, "\(uri + action): \(r.status) \(r.text)")
                    #expect(!r.error.isEmpty)
                }
            }
            // A solve without a plan proposes nothing to decide.
            let none = try await browser.start("small/what-if-nobody.yaml")
            let ended = try await browser.finished(none)
            #expect((ended["result"] as? [String: Any])?["hasPlan"] as? Bool == false, "\(ended)")
            let noPlan = try await browser.get("/api/jobs/\(none)/decisions")
            #expect(noPlan.status == .conflict && noPlan.error.contains("has no plan"), "\(noPlan.text)")

            // Marks and bodies.
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"decisions": [{"move": 9, "decision": "accept"}]}"#, .badRequest, "not a row"),
                (#"{"decisions": [{"move": 1, "decision": "accept"}, {"move": 1, "decision": "reject"}]}"#, .badRequest, "marked twice"),
                (#"{"decisions": [{"move": 1, "decision": "approve"}]}"#, .badRequest, "accept, reject, keep, hold or pending"),
                (#"{"decisions": [{"move": 1, "decision": "accept", "note": "two\nlines"}]}"#, .badRequest, "control character"),
                (#"{"decisions": [{"move": 1, "decision": "accept", "note": "\#(String(repeating: "n", count: 2001))"}]}"#, .badRequest, "at most 2000"),
                (#"{"decisions": [{"move": "1", "decision": "accept"}]}"#, .badRequest, "decisions[0].move should be a number"),
                (#"{"decisions": {"move": 1}}"#, .badRequest, "decisions should be a list"),
                (#"{}"#, .badRequest, "decisions is missing"),
                (#"{"decisions": [{"move": 1, "decision": "accept"}"#, .badRequest, "not valid JSON"),
                (#"{"decisions": [], "timeLimit": -3}"#, .badRequest, "The time limit must be"),
                (#"{"decisions": [], "gap": 1.5}"#, .badRequest, "The optimality gap must be"),
            ]
            for (body, status, word) in cases {
                let r = try await browser.post("/api/jobs/\(p)/replan", json: body)
                #expect(r.status == status, "\(body.prefix(80)): \(r.status) \(r.text)")
                #expect(r.error.contains(word), "\(body.prefix(80)): \(r.error)")
            }
            let plain = try await client.execute(uri: "/api/jobs/\(p)/replan", method: .post, headers: browser.headers + [.contentType: "text/plain"],
                                                 body: ByteBuffer(string: "move 1 accept"))
            #expect(plain.status == .unsupportedMediaType)
            let huge = try await browser.post("/api/jobs/\(p)/decisions/save",
                                              json: #"{"file": "decisions.csv", "decisions": [], "x": ""# + String(repeating: "x", count: Workspace.maxBodyBytes) + #""}"#)
            #expect(huge.status == .contentTooLarge)

            // The reader's own rules: a forced move cannot be kept (its pair cannot continue).
            let leave = try await browser.solved("small/what-if-leave.yaml")
            let forced = try await browser.sheet(leave)["rows"] as? [[String: Any]] ?? []
            let forcedMove = try #require(forced.first { !($0["rule"] as? String ?? "").isEmpty })
            let keep = try await browser.post("/api/jobs/\(leave)/replan", ["decisions": marks([(forcedMove["move"] as? Int ?? 0, "keep", "")])])
            #expect(keep.status == .unprocessableContent, "\(keep.text)")
            let problem = (try keep.json()["problems"] as? [[String: Any]])?.first ?? [:]
            #expect(problem["file"] as? String == "decisions.csv" && problem["field"] as? String == "decision" && problem["line"] as? Int == (forcedMove["move"] as? Int ?? 0) + 1,
                    "\(problem)")
            #expect((problem["message"] as? String)?.contains("cannot stay with O2") == true, "\(problem)")

            // An earlier decision that still stands can be rejected, kept or let go, not accepted.
            let r = try await browser.post("/api/jobs/\(p)/replan", ["decisions": marks([(1, "accept", ""), (2, "reject", "")])])
            let replanned = try r.json()["id"] as? String ?? ""
            _ = try await browser.finished(replanned)
            let earlier = try #require((try await browser.sheet(replanned)["rows"] as? [[String: Any]] ?? []).first { $0["source"] as? String == "earlier" })
            let accept = try await browser.post("/api/jobs/\(replanned)/decisions/save", ["decisions": marks([(earlier["move"] as? Int ?? 0, "accept", "")]), "file": "x.csv"])
            #expect(accept.status == .badRequest && accept.error.contains("earlier decision"), "\(accept.text)")
        }
        #expect(f.allFiles() == before, "a refused request wrote something")
    }

    @Test("a solve still running has no decisions yet")
    func running() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f, planner: Planner(solver: EndlessSolver(seconds: 60))) { client, workspace in
            let browser = try await Browser.open(client)
            let id = try await browser.start("small/base.yaml", extra: ["timeLimit": 60])
            _ = try await browser.wait(id) { $0["state"] as? String == "running" }
            let sheet = try await browser.get("/api/jobs/\(id)/decisions")
            #expect(sheet.status == .conflict && sheet.error.contains("still running"), "\(sheet.text)")
            let replan = try await browser.post("/api/jobs/\(id)/replan", ["decisions": []])
            #expect(replan.status == .conflict)
            #expect(try await browser.post("/api/jobs/\(id)/stop", json: "{}").status == .ok)
            await workspace.pool.shutdown(timeout: 20)
        }
    }

    @Test("decisions.csv is saved beside its scenario, never over a file unasked, never outside the folder, never over the scenario's own files")
    func saving() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.write("outside/secret.csv", "secret\n")
        try FileManager.default.createSymbolicLink(atPath: f.scenarios + "/small/link-out.csv", withDestinationPath: "../../outside/secret.csv")
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let save = { (file: String, overwrite: Bool, decision: String) in
                try await browser.post("/api/jobs/\(p)/decisions/save", ["decisions": marks([(1, decision, "")]), "file": file, "overwrite": overwrite])
            }
            #expect(try await save("decisions.csv", false, "accept").status == .created)
            let first = f.read("scenarios/small/decisions.csv")
            #expect(first?.contains(",plan,accept,\r\n") == true)
            let again = try await save("decisions.csv", false, "reject")
            #expect(again.status == .conflict && again.error.contains("already exists"))
            let conflict = try again.json()
            #expect(conflict["exists"] as? Bool == true && conflict["path"] as? String == "small/decisions.csv")
            #expect(f.read("scenarios/small/decisions.csv") == first, "the file was replaced unasked")
            #expect(try await save("decisions.csv", true, "reject").status == .created)
            #expect(f.read("scenarios/small/decisions.csv")?.contains(",plan,reject,\r\n") == true)
            #expect(try await browser.sheet(p)["saveAsExists"] as? Bool == true)

            let before = f.allFiles()
            let refusals: [(String, HTTPResponse.Status, String)] = [
                ("../x.csv", .forbidden, ".."), ("../../outside/x.csv", .forbidden, ".."), ("/tmp/x.csv", .forbidden, "Absolute"),
                (f.outside + "/x.csv", .forbidden, "Absolute"), ("sub/x.csv", .badRequest, "beside their scenario"), (".x.csv", .forbidden, "Hidden"),
                ("x\u{0}.csv", .badRequest, "NUL"), (String(repeating: "n", count: 300) + ".csv", .badRequest, "bytes long"),
                ("decisions.yaml", .badRequest, ".csv"), (".csv", .forbidden, "Hidden"), ("link-out.csv", .forbidden, "symbolic link"),
                ("communes.csv", .forbidden, "scenario's own files"), ("current.csv", .forbidden, "scenario's own files"),
            ]
            for (name, status, word) in refusals {
                for overwrite in [false, true] {
                    let r = try await save(name, overwrite, "accept")
                    #expect(r.status == status, "\(name.debugDescription): \(r.status) \(r.text)")
                    #expect(r.error.contains(word), "\(name.debugDescription): \(r.error)")
                }
            }
            #expect(f.allFiles() == before, "a refused save changed the folder")
        }
        #expect(f.read("outside/secret.csv") == "secret\n")
        #expect(f.read("scenarios/small/communes.csv") == Fixture.files["communes.csv"])
        let hidden = try FileManager.default.contentsOfDirectory(atPath: f.scenarios + "/small").filter { $0.hasPrefix(".") }
        #expect(hidden == [".hidden.yaml"], "temporary files were left: \(hidden)")
    }

    @Test("a decisions file of the folder loads into the rows; a bad one is refused with the reader's file, line and field")
    func loading() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.write("outside/secret.csv", "secret\n")
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            #expect(try await browser.post("/api/jobs/\(p)/decisions/save", ["decisions": marks([(1, "accept", "đồng ý"), (2, "keep", "giữ")]), "file": "decisions.csv"]).status == .created)
            let loaded = try await browser.sheet(p, "?from=small/decisions.csv")
            #expect(loaded["loadedFrom"] as? String == "small/decisions.csv")
            let rows = loaded["rows"] as? [[String: Any]] ?? []
            #expect(rows.map { $0["decision"] as? String } == ["accept", "keep"] && rows.map { $0["note"] as? String } == ["đồng ý", "giữ"])
            #expect((loaded["counts"] as? [String: Int]) == ["accept": 1, "reject": 0, "keep": 1, "hold": 0, "pending": 0])
            #expect((loaded["csvFiles"] as? [String])?.contains("small/decisions.csv") == true)

            // A word that is not a decision: the reader's problem, with the file as the folder names it.
            let text = f.read("scenarios/small/decisions.csv") ?? ""
            try f.write("scenarios/small/bad.csv", text.replacingOccurrences(of: ",plan,accept,", with: ",plan,acept,"))
            let bad = try await browser.get("/api/jobs/\(p)/decisions?from=small/bad.csv")
            #expect(bad.status == .unprocessableContent && bad.error.contains("small/bad.csv"), "\(bad.text)")
            let problem = (try bad.json()["problems"] as? [[String: Any]])?.first ?? [:]
            #expect(problem["path"] as? String == "small/bad.csv" && problem["line"] as? Int == 2 && problem["field"] as? String == "decision", "\(problem)")
            #expect((problem["message"] as? String)?.contains("\"acept\" is not a decision") == true && (problem["message"] as? String)?.contains("accept") == true, "\(problem)")

            // A file written for another plan: its moves of this plan carry over, the others are named.
            let r = try await browser.post("/api/jobs/\(p)/replan", ["decisions": marks([(1, "accept", ""), (2, "reject", "không")])])
            let replanned = try r.json()["id"] as? String ?? ""
            _ = try await browser.finished(replanned)
            let round2 = try await browser.sheet(replanned)
            #expect(try await browser.post("/api/jobs/\(replanned)/decisions/save", ["decisions": ownMarks(round2), "file": "round2.csv"]).status == .created)
            let crossed = try await browser.sheet(p, "?from=small/round2.csv")
            let crossedRows = crossed["rows"] as? [[String: Any]] ?? []
            #expect(crossedRows.map { $0["decision"] as? String } == ["accept", "reject"], "\(crossedRows)")
            let notes = crossed["notes"] as? [String] ?? []
            let appeared = (round2["rows"] as? [[String: Any]] ?? []).filter { $0["source"] as? String == "plan" && $0["decision"] as? String == "pending" }
            #expect(notes.count == appeared.count && notes.allSatisfy { $0.contains("is not a move of this plan") }, "\(notes)")

            for (from, status, word) in [("../outside/secret.csv", HTTPResponse.Status.forbidden, ".."), ("/etc/passwd", .forbidden, "Absolute"),
                                         ("small/base.yaml", .badRequest, ".csv"), ("small/none.csv", .notFound, "no file"),
                                         ("small/x\u{0}.csv", .badRequest, "NUL"), ("small/" + String(repeating: "n", count: 300) + ".csv", .badRequest, "bytes long"),
                                         ("dir-out/secret.csv", .forbidden, "symbolic link")] {
                let q = from.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let refused = try await browser.get("/api/jobs/\(p)/decisions?from=\(q)")
                #expect(refused.status == status, "\(from.debugDescription): \(refused.status) \(refused.text)")
                #expect(refused.error.contains(word), "\(from.debugDescription): \(refused.error)")
                #expect(!refused.text.contains("secret"))
            }
        }
    }
}
