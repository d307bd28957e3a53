import DiaBanTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Reporting
import Testing
@testable import Workspace

@Suite("What the Solve panel gives to take away: plan.csv and decisions.csv as diaban solve --out writes them", .enabled(if: BuiltBinary.path != nil, "diaban is not built beside the tests"))
struct DownloadEndpointTests {
    @Test("plan.csv and decisions.csv of a finished solve: the command line's bytes, one row per pair and per move, offered as files")
    func downloads() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let p = try await browser.solved("small/base.yaml")
            let document = try await browser.get("/api/jobs/\(p)/solve.json")
            // The plan as the command line reads plan.json: --out writes plan.csv and decisions.csv from it.
            let report = try JSONDecoder().decode(SolveReport.self, from: Data(document.body.readableBytesView))

            let plan = try await browser.get("/api/jobs/\(p)/plan.csv")
            #expect(plan.status == .ok)
            #expect(plan.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(plan.headers[.contentDisposition] == "attachment; filename=\"plan.csv\"")
            let planText = String(buffer: plan.body)
            #expect(planText == report.csv())
            let lines = planText.split(separator: "\n").map(String.init)
            #expect(lines.first == "commune,commune_name,terrain,workload,officer,officer_name,distance_km,previous_officers,moved,move")
            // One row per pair of the plan, the same pairs as the solve document's.
            let pairs = try await browser.pairs(p)
            let rows = Set(lines.dropFirst().map { line -> String in
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return "\(cells[0])>\(cells[4])"
            })
            #expect(lines.count - 1 == pairs.count && rows == pairs, "\(lines) \(pairs)")

            let sheet = try await browser.get("/api/jobs/\(p)/decisions.csv")
            #expect(sheet.status == .ok)
            #expect(sheet.headers[.contentDisposition] == "attachment; filename=\"decisions.csv\"")
            let sheetText = String(buffer: sheet.body)
            #expect(sheetText == report.decisionsCSV())
            #expect(sheetText.hasPrefix("\u{FEFF}move,"), "\(sheetText.prefix(80))")
            // One row per move of Decide's sheet, numbered alike.
            let decide = try await browser.sheet(p)
            let moves = (decide["rows"] as? [[String: Any]] ?? []).compactMap { $0["move"] as? Int }
            let numbers = sheetText.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.compactMap { Int($0.prefix { $0 != "," }) }
            #expect(!moves.isEmpty && numbers == moves, "\(numbers) \(moves)")

            // A job that is not a finished solve has neither.
            for uri in ["/api/jobs/0123abcd/plan.csv", "/api/jobs/0123abcd/decisions.csv"] {
                #expect(try await browser.get(uri).status == .notFound)
            }
        }
    }
}
