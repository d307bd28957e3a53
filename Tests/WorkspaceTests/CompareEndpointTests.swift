import Foundation
import HTTPTypes
import HummingbirdTesting
import Reporting
import Testing
@testable import Workspace

@Suite("Comparing finished solves")
struct CompareEndpointTests {
    @Test("the comparison document and the page with the table and the map of the differences")
    func compare() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let base = try await browser.start("small/base.yaml", extra: ["timeLimit": 10])
            let leave = try await browser.start("small/what-if-leave.yaml", extra: ["timeLimit": 10])
            #expect(try await browser.finished(base)["state"] as? String == "finished")
            #expect(try await browser.finished(leave)["state"] as? String == "finished")

            let doc = try await browser.get("/api/compare?jobs=\(base),\(leave)").json()
            #expect(doc["schema"] as? String == CompareReport.schema)
            #expect((doc["scenarios"] as? [[String: Any]])?.map { $0["label"] as? String } == ["base", "leave"])
            #expect((doc["scenarios"] as? [[String: Any]])?.map { $0["file"] as? String } == ["small/base.yaml", "small/what-if-leave.yaml"])
            // O2 goes on leave: the communes O2 held have other officers in the what-if's plan.
            let communes = (doc["communes"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(!communes.isEmpty)

            let page = try await browser.get("/api/compare/report?jobs=\(base),\(leave)&lang=en")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("class=\"num cmp\""), "the comparison table")
            #expect(html.contains("<svg id=\"map\""), "the map")
            #expect(html.contains("Differences from Thử<"), "the plans are named as the page names the scenarios")
            #expect(html.contains("Plan of Thử:") && html.contains("Plan of Thử, O2 on leave"))
            #expect(html.contains("class=\"c moved\""), "communes whose officers differ are ringed")
            #expect(page.headers[.xFrameOptions] == "SAMEORIGIN")
            let vi = try await browser.get("/api/compare/report?jobs=\(base),\(leave)")
            #expect(vi.text.contains("Khác biệt so với Thử<"))
            #expect(!vi.text.contains("Phương án base"), "a short label of a file where the page names the scenario")
            #expect(try await browser.get("/api/compare/report?jobs=\(base),\(leave)&focus=2").status == .badRequest)
        }
    }
}
