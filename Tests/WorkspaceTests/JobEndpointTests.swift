import Foundation
import GLPKSolver
import HTTPTypes
import HummingbirdTesting
import Planning
import Reporting
import Testing
@testable import Workspace

@Suite("Solves, their progress and what they give")
struct JobEndpointTests {
    @Test("a solve runs on GLPK; its events end with the outcome; its report has the map, its document the plan")
    func solve() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let id = try await browser.start("small/base.yaml", extra: ["timeLimit": 10])
            // The event stream ends when the solve ends; its last event is "done" with the outcome.
            let events = try await browser.get("/api/jobs/\(id)/events")
            #expect(events.status == .ok)
            #expect(events.headers[.contentType] == "text/event-stream; charset=utf-8")
            let names = events.text.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            #expect(names.last == "done", "\(events.text.prefix(2000))")
            let done = events.text.components(separatedBy: "event: done\ndata: ").last?.split(separator: "\n").first.map(String.init) ?? ""
            let snapshot = (try? JSONSerialization.jsonObject(with: Data(done.utf8))) as? [String: Any] ?? [:]
            #expect(snapshot["state"] as? String == "finished")
            let result = snapshot["result"] as? [String: Any] ?? [:]
            #expect(result["status"] as? String == "optimal")
            #expect(result["hasPlan"] as? Bool == true)
            #expect(result["gap"] as? Double == 0)
            #expect(snapshot["timeLimit"] as? Double == 10)

            let report = try await browser.get("/api/jobs/\(id)/report?lang=en")
            #expect(report.status == .ok)
            #expect(report.text.contains("<svg id=\"map\""))
            #expect(report.text.contains("<html lang=\"en\">"))
            #expect(report.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'self'") == true)
            #expect(report.headers[.xFrameOptions] == "SAMEORIGIN")
            let vi = try await browser.get("/api/jobs/\(id)/report")
            #expect(vi.text.contains("<html lang=\"vi\">"), "Vietnamese unless asked otherwise")
            #expect(try await browser.get("/api/jobs/\(id)/report?lang=fr").status == .badRequest)
            let document = try await browser.get("/api/jobs/\(id)/solve.json").json()
            #expect(document["schema"] as? String == SolveReport.schema)
            #expect((document["assignments"] as? [Any])?.count == 5)
            let list = try await browser.get("/api/jobs").json()
            let mine = (list["jobs"] as? [[String: Any]] ?? []).first { $0["id"] as? String == id }
            #expect(mine?["mine"] as? Bool == true)
            #expect(mine?["path"] as? String == "small/base.yaml")
            // A sweep's files are not a solve's.
            #expect(try await browser.get("/api/jobs/\(id)/chart.svg").status == .conflict)
        }
    }

    @Test("Stop keeps the best plan so far; only the session that started a solve may stop it")
    func stop() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f, planner: Planner(solver: EndlessSolver())) { client, _ in
            let alice = try await Browser.open(client), bob = try await Browser.open(client)
            let id = try await alice.start("small/base.yaml")
            _ = try await alice.wait(id) { ($0["progress"] as? [String: Any])?["incumbent"] != nil }
            let refused = try await bob.post("/api/jobs/\(id)/stop", json: "{}")
            #expect(refused.status == .forbidden)
            #expect(refused.error.contains("another browser session"))
            #expect(try await bob.get("/api/jobs/\(id)").json()["state"] as? String == "running")
            let stopped = try await alice.post("/api/jobs/\(id)/stop", json: "{}")
            #expect(stopped.status == .ok)
            let end = try await alice.finished(id, timeout: 30)
            #expect(end["state"] as? String == "finished")
            #expect(end["stopReason"] as? String == "user")
            let result = end["result"] as? [String: Any] ?? [:]
            #expect(result["status"] as? String == "interrupted")
            #expect(result["hasPlan"] as? Bool == true, "the best plan so far is kept")
            #expect(try await alice.get("/api/jobs/\(id)/report").text.contains("<svg id=\"map\""))
            let history = end["history"] as? [[String: Any]] ?? []
            #expect(!history.isEmpty, "the search's numbers are kept for the page's chart")
        }
    }

    @Test("at most `jobs` solves run; the others wait in a queue every page sees, and start in turn")
    func queue() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f, planner: Planner(solver: EndlessSolver()), configure: { $0.jobs = 1 }) { client, _ in
            let browser = try await Browser.open(client), other = try await Browser.open(client)
            let first = try await browser.start("small/base.yaml")
            let second = try await browser.start("small/what-if-leave.yaml")
            let third = try await other.start("small/base.yaml")
            _ = try await browser.wait(first) { $0["state"] as? String == "running" }
            let list = try await other.get("/api/jobs").json()
            #expect(list["running"] as? Int == 1)
            #expect(list["queued"] as? Int == 2)
            let jobs = Dictionary(uniqueKeysWithValues: (list["jobs"] as? [[String: Any]] ?? []).map { ($0["id"] as! String, $0) })
            #expect(jobs[second]?["state"] as? String == "queued")
            #expect(jobs[second]?["position"] as? Int == 1)
            #expect(jobs[third]?["position"] as? Int == 2)
            #expect(jobs[third]?["mine"] as? Bool == true)
            #expect(jobs[second]?["mine"] as? Bool == false)
            // Stopping a waiting solve cancels it; the others move up.
            #expect(try await other.post("/api/jobs/\(third)/stop", json: "{}").status == .ok)
            #expect(try await other.get("/api/jobs/\(third)").json()["state"] as? String == "cancelled")
            #expect(try await browser.get("/api/jobs/\(third)/report").status == .conflict)
            _ = try await browser.post("/api/jobs/\(first)/stop", json: "{}")
            _ = try await browser.wait(second) { $0["state"] as? String == "running" }
            _ = try await browser.post("/api/jobs/\(second)/stop", json: "{}")
            #expect(try await browser.finished(second)["state"] as? String == "finished")
        }
    }

    @Test("a solve no page watches stops after the grace period, keeping its plan")
    func unwatched() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f, planner: Planner(solver: EndlessSolver(seconds: 20)), configure: { $0.unwatchedGrace = 0.5 }) { client, _ in
            let browser = try await Browser.open(client)
            let id = try await browser.start("small/base.yaml")
            // Nobody opens its event stream (the tab was closed): it stops by itself.
            let end = try await browser.finished(id, timeout: 15)
            #expect(end["stopReason"] as? String == "unwatched")
            #expect((end["result"] as? [String: Any])?["status"] as? String == "interrupted")
            #expect((end["result"] as? [String: Any])?["hasPlan"] as? Bool == true)
            #expect((end["elapsedSeconds"] as? Double ?? 99) < 10)
        }
    }

    @Test("a watched solve goes on past the grace period; its stream ends with its last state")
    func watched() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f, planner: Planner(solver: EndlessSolver(seconds: 20)), configure: { $0.unwatchedGrace = 2 }) { client, workspace in
            let browser = try await Browser.open(client)
            let id = try await browser.start("small/base.yaml")
            let stream = try #require(workspace.pool.subscribe(id, viewer: nil))
            try await Task.sleep(nanoseconds: 3_000_000_000)
            #expect(try await browser.get("/api/jobs/\(id)").json()["state"] as? String == "running")
            _ = try await browser.post("/api/jobs/\(id)/stop", json: "{}")
            var last: JobEvent?
            for await event in stream { last = event }
            guard case .done(let snapshot)? = last else {
                Issue.record("the stream did not end with done: \(String(describing: last))")
                return
            }
            #expect(snapshot.stopReason == .user)
            #expect(snapshot.result?.status == "interrupted")
        }
    }

    @Test("shutting the pool down stops running solves with their plans, cancels waiting ones and refuses new ones")
    func shutdown() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f, planner: Planner(solver: EndlessSolver()), configure: { $0.jobs = 1 }) { client, workspace in
            let browser = try await Browser.open(client)
            let running = try await browser.start("small/base.yaml")
            let waiting = try await browser.start("small/base.yaml")
            _ = try await browser.wait(running) { $0["state"] as? String == "running" }
            let clock = ContinuousClock.now
            await workspace.pool.shutdown(timeout: 20)
            #expect(clock.duration(to: .now) < .seconds(10))
            let a = try await browser.get("/api/jobs/\(running)").json(), b = try await browser.get("/api/jobs/\(waiting)").json()
            #expect(a["stopReason"] as? String == "shutdown")
            #expect((a["result"] as? [String: Any])?["status"] as? String == "interrupted")
            #expect(b["state"] as? String == "cancelled")
            let refused = try await browser.post("/api/jobs", ["path": "small/base.yaml"])
            #expect(refused.status == .serviceUnavailable)
            #expect(try await browser.get("/api/health").json()["closing"] as? Bool == true)
        }
    }

    @Test("a trade-off sweep gives its points, its document and its chart")
    func tradeoff() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let id = try await browser.start("small/base.yaml", kind: "tradeoff", extra: ["maxChanges": [2, 0, 1], "timeLimit": 10])
            let end = try await browser.finished(id)
            #expect(end["state"] as? String == "finished")
            #expect((end["points"] as? [String: Any])?["total"] as? Int == 3)
            let doc = try await browser.get("/api/jobs/\(id)/tradeoff.json").json()
            #expect(doc["schema"] as? String == TradeoffReport.schema)
            #expect((doc["points"] as? [[String: Any]])?.map { $0["value"] as? Double } == [0, 1, 2])
            let chart = try await browser.get("/api/jobs/\(id)/chart.svg")
            #expect(chart.status == .ok)
            #expect(chart.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(chart.text.contains("<svg"))
            #expect(try await browser.get("/api/jobs/\(id)/report").status == .conflict)
        }
    }

    @Test("a scenario that breaks while it waits fails with its problems")
    func failure() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f, planner: Planner(solver: EndlessSolver()), configure: { $0.jobs = 1 }) { client, _ in
            let browser = try await Browser.open(client)
            let first = try await browser.start("small/base.yaml")
            let second = try await browser.start("small/what-if-leave.yaml")
            try f.write("scenarios/small/what-if-leave.yaml", "base: base.yaml\nchanges:\n  - {op: removeOfficer, officer: O7}\n")
            _ = try await browser.post("/api/jobs/\(first)/stop", json: "{}")
            let end = try await browser.finished(second)
            #expect(end["state"] as? String == "failed")
            #expect((end["error"] as? String)?.contains("problem") == true)
            let problems = end["problems"] as? [[String: Any]] ?? []
            #expect(problems.first?["line"] as? Int == 3)
            #expect(problems.first?["path"] as? String == "small/what-if-leave.yaml")
        }
    }
}
