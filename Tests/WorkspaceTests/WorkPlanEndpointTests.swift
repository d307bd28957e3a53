import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Workspace

@Suite("The work plan panel's endpoints")
struct WorkPlanEndpointTests {
    static let rules = """
        # The small province with a work plan for its first quarter.
        name: Thử
        base: base.yaml
        workPlan:
          period: {from: 2026-01-01, to: 2026-03-31}
          fieldDaysPerMonth: 4
          officeDays: [{weekday: monday, note: Giao ban}]
          trips: {maxKmPerDay: 320, overnightBeyondKm: 120}

        """

    @Test("a work plan of a finished solve runs on the pool; its document, calendar and printable page; one officer re-planned with blocked days")
    func workPlan() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.write("scenarios/small/plan.yaml", Self.rules)
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let solve = try await browser.start("small/plan.yaml", extra: ["timeLimit": 10])
            #expect(try await browser.finished(solve)["state"] as? String == "finished")
            let id = try await browser.start("small/plan.yaml", kind: "workplan", extra: ["plan": solve])
            let done = try await browser.finished(id)
            #expect(done["state"] as? String == "finished", "\(done)")
            let summary = done["workplan"] as? [String: Any] ?? [:]
            #expect(summary["status"] as? String == "optimal")
            #expect(summary["proven"] as? Int == 3)
            #expect((done["points"] as? [String: Any])?["done"] as? Int == 3)
            let document = try await browser.get("/api/jobs/\(id)/workplan.json").json()
            #expect(document["schema"] as? String == "diaban.workplan/1")
            let ics = try await browser.get("/api/jobs/\(id)/officers/O1/calendar.ics")
            #expect(ics.status == .ok && ics.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(ics.text.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.text.contains("BEGIN:VEVENT"))
            let page = try await browser.get("/api/jobs/\(id)/officers/O1/plan.html?lang=en")
            #expect(page.status == .ok && page.text.contains("<html lang=\"en\">") && page.text.contains("January 2026"))
            #expect(try await browser.get("/api/jobs/\(id)/officers/O9/plan.html").status == .notFound)
            #expect(try await browser.get("/api/jobs/\(solve)/workplan.json").status == .conflict)

            // O1 blocked for all of January: no trip of O1 in January any more.
            let re = try await browser.start("small/plan.yaml", kind: "workplan", extra: [
                "plan": solve, "officer": "O1", "blocked": [["from": "2026-01-01", "to": "2026-01-31", "note": "tập huấn"]]])
            #expect(try await browser.finished(re)["state"] as? String == "finished")
            let replanned = try await browser.get("/api/jobs/\(re)/workplan.json").json()
            let officers = replanned["officers"] as? [[String: Any]] ?? []
            #expect(officers.map { $0["officer"] as? String } == ["O1"])
            let trips = officers.first?["trips"] as? [[String: Any]] ?? []
            #expect(!trips.isEmpty && trips.allSatisfy { ($0["start"] as? String ?? "") >= "2026-02-01" }, "\(trips)")
            // Bad requests: no plan, a plan of another scenario, blocked days without an officer.
            #expect(try await browser.post("/api/jobs", ["kind": "workplan", "path": "small/plan.yaml"]).status == .badRequest)
            #expect(try await browser.post("/api/jobs", ["kind": "workplan", "path": "small/base.yaml", "plan": solve]).status == .badRequest)
            #expect(try await browser.post("/api/jobs", ["kind": "workplan", "path": "small/plan.yaml", "plan": solve,
                                                         "blocked": [["from": "2026-01-01", "to": "2026-01-02"]]]).status == .badRequest)
        }
    }
}
