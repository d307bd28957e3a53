import Foundation
import GLPKSolver
import HTTPTypes
import HummingbirdTesting
import LinearModel
import Planning
import Testing
@testable import Workspace

@Suite("Staffing advice on the pool: progress, Stop, the answer, what-ifs from it")
struct AdviceEndpointTests {
    /// Starts an advice; returns its id.
    func startAdvice(_ browser: Browser, _ body: [String: Any]) async throws -> String {
        var b: [String: Any] = ["path": "small/base.yaml"]
        b.merge(body) { $1 }
        let r = try await browser.post("/api/advice", b)
        #expect(r.status == .accepted, "\(r.text)")
        let snapshot = try r.json()
        #expect(snapshot["kind"] as? String == "advice")
        return snapshot["id"] as? String ?? ""
    }

    @Test("an advice runs every candidate, counting them as it goes; its answer, page and chart say the same")
    func advice() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let id = try await startAdvice(browser, ["train": 1, "hire": 1, "resilience": true])
            // The events: the count of candidates solved grows to the total, then "done".
            let events = try await browser.get("/api/jobs/\(id)/events")
            let snapshots = events.text.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }
                .compactMap { (try? JSONSerialization.jsonObject(with: Data($0.dropFirst(6).utf8))) as? [String: Any] }
            let counts = snapshots.compactMap { ($0["points"] as? [String: Any])?["done"] as? Int }
            #expect(counts == counts.sorted(), "the count never goes back: \(counts)")
            let end = try await browser.finished(id)
            #expect(end["state"] as? String == "finished", "\(end)")
            let points = end["points"] as? [String: Any] ?? [:]
            let total = points["total"] as? Int ?? 0
            #expect(points["done"] as? Int == total)

            let doc = try await browser.get("/api/jobs/\(id)/advice.json?lang=en").json()
            let summary = doc["summary"] as? [String: Any] ?? [:]
            let candidates = summary["candidates"] as? Int ?? -1
            // Trainings: O1 in urban-management, O2 in border-security, O3 in both; hires: at
            // the headquarters and at each of the five communes.
            #expect(candidates == 4 + 6)
            #expect(summary["priced"] as? Int == candidates)
            #expect(summary["stopped"] as? Bool == false)
            // Every candidate, then each of the three officers' departures.
            #expect(total == candidates + 3)
            let advice = doc["advice"] as? [String: Any] ?? [:]
            #expect(advice["ranking"] as? String == "exact")
            let singles = advice["singles"] as? [[String: Any]] ?? []
            #expect(singles.count == candidates)
            let actions = doc["actions"] as? [String: String] ?? [:]
            for s in singles {
                let key = s["key"] as? String ?? ""
                #expect(actions[key]?.isEmpty == false, "no words for \(key)")
                #expect(s["gain"] as? Double != nil)
            }
            let joint = advice["joint"] as? [String: Any] ?? [:]
            #expect(joint["status"] != nil)
            let resilience = doc["resilience"] as? [String: Any] ?? [:]
            #expect((resilience["departures"] as? [Any])?.count == 3)

            // The page in the page's language, framed only by the workspace; the chart of a kind.
            let page = try await browser.get("/api/jobs/\(id)/advice.html?lang=en")
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"en\">"))
            #expect(page.text.contains("Staffing advice"))
            for s in singles.prefix(10) { #expect(page.text.contains("<tr data-key=\"\(s["key"] as? String ?? "")\">")) }
            #expect(page.headers[.xFrameOptions] == "SAMEORIGIN")
            #expect(try await browser.get("/api/jobs/\(id)/advice.html").text.contains("Tư vấn nhân sự"))
            let chart = try await browser.get("/api/jobs/\(id)/advice/chart.svg?kind=train&lang=en")
            #expect(chart.status == .ok)
            #expect(chart.headers[.contentType] == "image/svg+xml; charset=utf-8")
            let trainings = singles.filter { $0["kind"] as? String == "train" }.count
            #expect(chart.text.components(separatedBy: "<g class=\"bar\">").count - 1 == trainings)
            let narrow = try await browser.get("/api/jobs/\(id)/advice/chart.svg?kind=train&lang=en&layout=narrow")
            #expect(narrow.text.contains("class=\"bars narrow\"") && narrow.text.contains("viewBox=\"0 0 360.0 "))
            #expect(narrow.text.components(separatedBy: "<g class=\"bar\">").count - 1 == trainings)
            #expect(try await browser.get("/api/jobs/\(id)/advice/chart.svg?kind=promote").status == .badRequest)
            // An advice is not a solve, and a solve not an advice.
            #expect(try await browser.get("/api/jobs/\(id)/report").status == .conflict)
        }
    }

    @Test("a what-if made from an action is written by the what-if form's code, listed, and re-solves to the stated points")
    func whatIf() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let id = try await startAdvice(browser, ["train": 1])
            _ = try await browser.finished(id)
            let doc = try await browser.get("/api/jobs/\(id)/advice.json").json()
            let first = ((doc["advice"] as? [String: Any])?["singles"] as? [[String: Any]] ?? []).first ?? [:]
            let key = try #require(first["key"] as? String)
            let stated = try #require((first["with"] as? [String: Any])?["objective"] as? Double)

            let made = try await browser.post("/api/jobs/\(id)/advice/whatif", ["key": key])
            #expect(made.status == .created, "\(made.text)")
            let path = try made.json()["path"] as? String ?? ""
            #expect(path == "small/what-if-\(key).yaml")
            let yaml = try #require(f.read("scenarios/" + path))
            #expect(yaml.hasPrefix("# What if we train "))
            #expect(yaml.contains("base: \"base.yaml\""))
            #expect(yaml.contains("op: \"setSpecialties\""))
            // Listed with the scenarios, valid.
            let list = try await browser.get("/api/scenarios").json()
            let listed = (list["scenarios"] as? [[String: Any]] ?? []).first { $0["path"] as? String == path }
            #expect(listed != nil, "the new what-if is in the list")
            #expect(listed?["verdict"] as? String != "bad-data")
            // Never over an existing file unless confirmed.
            let again = try await browser.post("/api/jobs/\(id)/advice/whatif", ["key": key])
            #expect(again.status == .conflict)
            #expect(try again.json()["exists"] as? Bool == true)
            #expect(try await browser.post("/api/jobs/\(id)/advice/whatif", ["key": key, "overwrite": true]).status == .created)
            // The combination too; an unknown action is refused.
            let combination = try await browser.post("/api/jobs/\(id)/advice/whatif", ["key": "combination"])
            #expect(combination.status == .created, "\(combination.text)")
            #expect(f.read("scenarios/small/what-if-combination.yaml") != nil)
            let unknown = try await browser.post("/api/jobs/\(id)/advice/whatif", ["key": "train-O9-border-security"])
            #expect(unknown.status == .badRequest)
            #expect(unknown.error.contains("train-O9-border-security"))
            // Solved, the what-if gives the points the advice stated for the action.
            let solve = try await browser.start(path, extra: ["timeLimit": 20])
            let end = try await browser.finished(solve)
            let objective = try #require((end["result"] as? [String: Any])?["objective"] as? Double)
            #expect(abs(objective - stated) <= 0.01, "the what-if solves to \(objective), the advice said \(stated)")
        }
    }

    @Test("Stop ends an advice between candidates, keeping the gains found so far; only its session may stop it")
    func stop() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f, planner: Planner(solver: EndlessSolver())) { client, _ in
            let alice = try await Browser.open(client), bob = try await Browser.open(client)
            // Every solve runs to its two-second limit: 18 candidates on two lanes take 18 s, long
            // enough to stop even when a loaded machine answers the page's polls late.
            let id = try await startAdvice(alice, ["train": 1, "hire": 1, "moveBase": 1, "capacity": 1, "timeLimit": 2])
            // The page sees the count of candidates solved grow while the advice runs.
            let running = try await alice.wait(id) { (($0["points"] as? [String: Any])?["done"] as? Int ?? 0) >= 2 }
            #expect(running["state"] as? String == "running")
            let points = running["points"] as? [String: Any] ?? [:]
            #expect(points["total"] as? Int == 18)
            #expect((points["done"] as? Int ?? 0) < 18)
            #expect(try await bob.post("/api/jobs/\(id)/stop", json: "{}").status == .forbidden)
            #expect(try await alice.post("/api/jobs/\(id)/stop", json: "{}").status == .ok)
            let end = try await alice.finished(id, timeout: 30)
            #expect(end["state"] as? String == "finished")
            #expect(end["stopReason"] as? String == "user")
            let summary = end["advice"] as? [String: Any] ?? [:]
            #expect(summary["stopped"] as? Bool == true)
            let priced = summary["priced"] as? Int ?? 0, candidates = summary["candidates"] as? Int ?? 0
            #expect(candidates == 18)
            #expect(priced >= 2 && priced < candidates, "stopped after \(priced) of \(candidates)")
            let doc = try await alice.get("/api/jobs/\(id)/advice.json").json()
            let advice = doc["advice"] as? [String: Any] ?? [:]
            #expect(advice["ranking"] as? String == "incomplete")
            #expect(advice["joint"] == nil, "no joint choice after a stop")
            #expect((advice["singles"] as? [Any])?.count == priced)
        }
    }

    @Test("the joint choice of an advice job runs on the decomposition engine: its stoppable solver keeps GLPK's live programs")
    func liveSolver() {
        let solver: any MIPSolver = StoppableSolver(GLPKSolver(), shouldStop: { false })
        #expect(solver is any LiveProgramSolver)
    }

    @Test("bad input is refused, naming the field by its label on the page")
    func refusals() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let cases: [([String: Any], String, String)] = [
                (["train": 1.5], "train", "Trainings"),
                (["train": "two"], "train", "Trainings"),
                (["hire": -1], "hire", "Hires"),
                (["moveBase": 1000], "moveBase", "Base moves"),
                (["capacity": 1, "capacityUnits": 0], "capacityUnits", "Units per capacity increase"),
                (["train": 1, "timeLimit": 0], "timeLimit", "Time limit per solve (s)"),
                ([:], "train", "Trainings"),
            ]
            for (body, field, label) in cases {
                var b: [String: Any] = ["path": "small/base.yaml"]
                b.merge(body) { $1 }
                let r = try await browser.post("/api/advice", b)
                #expect(r.status == .badRequest, "\(body): \(r.text)")
                #expect(try r.json()["field"] as? String == field, "\(body): \(r.text)")
                #expect(r.error.hasPrefix(label + ":"), "\(body): \(r.error)")
                // The page says it in its own language from the problem's id.
                let problem = try r.json()["problem"] as? String
                #expect(["budget", "units", "seconds", "no-budget"].contains(problem ?? ""), "\(body): \(r.text)")
            }
            let typo = try await browser.post("/api/advice", ["path": "small/what-if-typo.yaml", "train": 1])
            #expect(typo.status == .unprocessableContent)
            #expect(try await browser.post("/api/advice", ["path": "../outside/secret.yaml", "train": 1]).status != .accepted)
            // Nothing was started.
            let jobs = try await browser.get("/api/jobs").json()
            #expect((jobs["jobs"] as? [Any])?.isEmpty == true)
        }
    }
}
