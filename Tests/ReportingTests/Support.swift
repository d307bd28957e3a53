import DiaBanCore
import Foundation
import GLPKSolver
import Planning
import Reporting
import ScenarioIO

/// The package's root folder (this file is Tests/ReportingTests/Support.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The golden files of this target.
let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// The bundled Nghệ An scenario solved once for all tests, with the heuristic's warm start.
/// A debug build proves it in about 9 s on an idle machine; the limit leaves room for a busy
/// one, so that the tests see the proven plan (38 moves), not whichever plan a cut-short
/// search held.
struct BundledSolve: Sendable {
    let scenario: Scenario
    let headquartersName: String
    let report: SolveReport

    static let shared: Result<BundledSolve, any Error> = Result {
        let loaded = try ScenarioLoader.loadDetailed(path: repositoryRoot.appendingPathComponent("scenarios/nghe-an/baseline.yaml").path)
        let outcome = try Planner(solver: GLPKSolver()).plan(
            loaded.scenario, request: PlanRequest(scenario: loaded.scenario, timeLimit: 60, warmStart: true))
        return BundledSolve(scenario: loaded.scenario, headquartersName: loaded.headquartersName,
                            report: SolveReport(outcome, scenario: loaded.scenario))
    }

    static func get() throws -> BundledSolve { try shared.get() }
}

/// A hand-made Nghệ An-like scenario of 4 officers and 8 communes whose optimum is found at
/// once: one officer on leave (their communes must move), one over capacity, a specialty
/// nobody covers today, mountain and lowland communes, one officer based away from the
/// headquarters. Names carry diacritics and one carries characters HTML must escape.
func smallScenario() -> Scenario {
    let hq = GeoPoint(lat: 18.675, lon: 105.66)
    func commune(_ code: String, _ name: String, _ terrain: Terrain, _ lat: Double, _ lon: Double, _ w: Double, _ needs: [Specialty] = []) -> Commune {
        Commune(code: code, name: name, kind: name.hasPrefix("Phường") ? .phuong : .xa, terrain: terrain,
                location: GeoPoint(lat: lat, lon: lon), workload: w, visitsPerYear: 12, requiredSpecialties: needs)
    }
    let communes = [
        commune("90001", "Phường Thành Vinh", .lowland, 18.675, 105.66, 2.0, ["urban-management"]),
        commune("90002", "Xã Hưng Nguyên", .lowland, 18.60, 105.62, 1.5),
        commune("90003", "Xã Diễn Châu", .lowland, 18.98, 105.60, 1.75, ["coastal-fisheries"]),
        commune("90004", "Xã Quỳ Hợp", .mountain, 19.32, 105.18, 2.5),
        commune("90005", "Xã Con Cuông", .mountain, 19.05, 104.88, 2.25, ["border-security"]),
        commune("90006", "Xã Tương Dương", .highland, 19.27, 104.45, 3.0, ["border-security", "ethnic-affairs"]),
        commune("90007", "Xã Anh Sơn", .midland, 18.93, 105.08, 1.5),
        commune("90008", "Xã Nghĩa Đàn <Tây> & \"Bắc\"", .mountain, 19.40, 105.40, 2.0),
    ]
    let officers = [
        Officer(id: "CB01", name: "Nguyễn Thị Hằng", base: hq, specialties: ["urban-management"], capacity: 6),
        Officer(id: "CB02", name: "Lô Văn Thắng", base: GeoPoint(lat: 19.05, lon: 104.88), baseLabel: "Xã Con Cuông",
                specialties: ["border-security", "ethnic-affairs"], capacity: 6.5),
        Officer(id: "CB03", name: "Trần Đức Hiếu", base: hq, specialties: ["coastal-fisheries"], capacity: 5.5),
        Officer(id: "CB04", name: "Vi Thị Lan", base: hq, specialties: ["border-security"], capacity: 5, status: .leave),
    ]
    let current = Assignment([
        Pair(officer: "CB01", commune: "90001"), Pair(officer: "CB01", commune: "90002"), Pair(officer: "CB01", commune: "90003"),
        Pair(officer: "CB01", commune: "90008"),
        Pair(officer: "CB02", commune: "90004"),
        Pair(officer: "CB03", commune: "90007"),
        Pair(officer: "CB04", commune: "90005"), Pair(officer: "CB04", commune: "90006"),
    ])
    return Scenario(name: "Nghệ An nhỏ (4 × 8)", description: "Kịch bản thử tay: 4 cán bộ, 8 xã, phường.", headquarters: hq,
                    communes: communes, officers: officers, current: current,
                    solver: SolverSettings(timeLimit: 60, gap: 0))
}

/// The small scenario solved to optimality.
func solvedSmallScenario() throws -> (Scenario, SolveReport) {
    let scenario = smallScenario()
    let outcome = try Planner(solver: GLPKSolver()).plan(scenario, request: PlanRequest(scenario: scenario, timeLimit: 60, gap: 0))
    return (scenario, SolveReport(outcome, scenario: scenario))
}

/// Compares `text` with the golden file `name`; with DIABAN_RECORD=1 in the environment,
/// writes it instead. Returns a description of the first difference, or nil when equal.
func compareWithGolden(_ text: String, name: String) throws -> String? {
    let url = goldenFolder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["DIABAN_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: goldenFolder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return nil
    }
    guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
        return "no golden file \(url.path); record it with DIABAN_RECORD=1 swift test --filter ReportingTests"
    }
    if golden == text { return nil }
    return "\(name): " + firstDifference(golden, text) + "\nIf the change is intended, re-record with DIABAN_RECORD=1 swift test --filter ReportingTests"
}

/// The first line where `expected` and `actual` differ, both shown.
func firstDifference(_ expected: String, _ actual: String) -> String {
    let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
    for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
        let x = i < a.count ? Array(a[i]) : [], y = i < b.count ? Array(b[i]) : []
        let column = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
        func around(_ line: [Character], _ present: Bool) -> String {
            present ? "…" + String(line[max(0, column - 80)..<min(line.count, column + 120)]) + "…" : "<end of file>"
        }
        return "first difference at line \(i + 1), column \(column + 1):\n  expected: \(around(x, i < a.count))\n  actual:   \(around(y, i < b.count))"
    }
    return "no difference"
}

/// Occurrences of `needle` in `haystack`.
func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

/// The value of every `attribute="…"` in `html`.
func attributeValues(_ attribute: String, in html: String) -> [String] {
    let pattern = try! NSRegularExpression(pattern: "\\s\(attribute)=\"([^\"]*)\"")
    let ns = html as NSString
    return pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
}
