import DiaBanCore
import Foundation
import Planning
import Reporting
import Testing

@Suite("HTML report of the bundled Nghệ An scenario")
struct BundledHTMLTests {
    @Test("one marker per commune, each with a tooltip, and a ring per move")
    func markers() throws {
        let solve = try BundledSolve.get()
        let html = HTMLReport.render(solve: solve.report, scenario: solve.scenario, headquartersName: solve.headquartersName)
        #expect(solve.scenario.communes.count == 130)
        #expect(count("class=\"commune ", in: html) == 130)
        let mountain = solve.scenario.communes.filter(\.isMountain).count
        #expect(count("class=\"commune mountain\"", in: html) == mountain)
        #expect(count("class=\"commune lowland\"", in: html) == 130 - mountain)
        #expect(count("<g class=\"c\"", in: html) + count("<g class=\"c moved\"", in: html) == 130)
        #expect(count("class=\"ring\"", in: html) == solve.report.moves.count + 1)  // + the legend's sample ring
        for commune in solve.scenario.communes {
            #expect(html.contains("<title>" + escapeForTest(commune.name) + " (" + commune.code + ")"), "no tooltip for \(commune.name)")
        }
        #expect(html.contains("Tỉnh ủy Nghệ An (Vinh)"))
    }

    @Test("one area per commune, in its officer's colour, carrying its code and officers")
    func areas() throws {
        let solve = try BundledSolve.get()
        let html = HTMLReport.render(solve: solve.report, scenario: solve.scenario, headquartersName: solve.headquartersName)
        #expect(count("<path class=\"area\" data-commune=", in: html) == 130)
        let after = Dictionary(uniqueKeysWithValues: (solve.report.kpis ?? solve.report.kpisBefore).communes.map { ($0.code, $0.officers) })
        for commune in solve.scenario.communes {
            let officers = after[commune.code] ?? []
            #expect(html.contains("<path class=\"area\" data-commune=\"\(commune.code)\" data-o=\"\(officers.joined(separator: " "))\" d=\"M"), "no area for \(commune.name)")
        }
        // The areas lie under the markers, and the legend says what they are.
        let areas = try #require(html.range(of: "<g class=\"areas\">")), markers = try #require(html.range(of: "<g class=\"communes\">"))
        #expect(areas.lowerBound < markers.lowerBound)
        #expect(html.contains("không phải địa giới hành chính"))
        let english = HTMLReport.render(solve: solve.report, scenario: solve.scenario, lang: .en)
        #expect(english.contains("not its legal boundary"))
    }

    @Test("no network reference of any kind")
    func selfContained() throws {
        let solve = try BundledSolve.get()
        for lang in ReportLanguage.allCases {
            let html = HTMLReport.render(solve: solve.report, scenario: solve.scenario, lang: lang)
            #expect(!html.contains("http://"))
            #expect(!html.contains("https://"))
            #expect(!html.contains("xmlns"))
            #expect(!html.contains("//"), "a protocol-relative or other URL-like reference")
            #expect(!html.lowercased().contains("<link"))
            #expect(!html.lowercased().contains("<img"))
            #expect(!html.lowercased().contains("@import"))
            #expect(!html.lowercased().contains("url("))
            #expect(!html.contains("<script src"))
            #expect(count("<script", in: html) == 1)
        }
    }

    @Test("Vietnamese labels by default, names with their diacritics, UTF-8 declared")
    func vietnamese() throws {
        let solve = try BundledSolve.get()
        let html = HTMLReport.render(solve: solve.report, scenario: solve.scenario)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        for label in ["Phân công cán bộ theo dõi địa bàn", "Các chỉ số chính", "Bản đồ phân công", "Đề xuất điều chỉnh",
                      "Cán bộ theo dõi", "Xã miền núi", "Trụ sở Tỉnh ủy", "Hiện tại", "Đề xuất", "Nhu cầu chuyên môn chưa đáp ứng"] {
            #expect(html.contains(label), "missing label \(label)")
        }
        #expect(html.contains("Phường Cửa Lò"))
        #expect(html.contains("Xã Châu Tiến") || html.contains("Xã Quỳ Hợp"))
        // Vietnamese number convention: a decimal comma.
        #expect(html.contains(String(format: "%.1f", solve.report.kpisBefore.province.maxUtilisation).replacingOccurrences(of: ".", with: ",")))
    }

    @Test("English labels with lang en")
    func english() throws {
        let solve = try BundledSolve.get()
        let html = HTMLReport.render(solve: solve.report, scenario: solve.scenario, lang: .en)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        for label in ["Area-tracking officer assignment", "Headline numbers", "Assignment map", "Proposed changes", "Officers", "Mountain commune"] {
            #expect(html.contains(label), "missing label \(label)")
        }
        #expect(!html.contains("Đề xuất điều chỉnh"))
        #expect(html.contains("Phường Cửa Lò"))
    }

    @Test("every move is numbered once, in reading order, and every officer has a card and a legend entry")
    func movesAndCards() throws {
        let solve = try BundledSolve.get()
        let html = HTMLReport.render(solve: solve.report, scenario: solve.scenario)
        let n = solve.report.moves.count
        #expect(count("<td class=\"n\">", in: html) == n)
        for i in 1...max(1, n) where n > 0 { #expect(html.contains("<td class=\"n\">\(i)</td>")) }
        #expect(count("<article class=\"card\"", in: html) == solve.scenario.officers.count)
        #expect(count("data-pick=\"CB", in: html) == solve.scenario.officers.count)
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        let solve = try BundledSolve.get()
        let a = HTMLReport.render(solve: solve.report, scenario: solve.scenario)
        let b = HTMLReport.render(solve: solve.report, scenario: solve.scenario)
        #expect(a == b)
        // Through the JSON document, as `diaban report --from plan.json` reads it.
        let decoded = try JSONDecoder().decode(SolveReport.self, from: try solve.report.jsonData())
        let c = HTMLReport.render(solve: decoded, scenario: solve.scenario)
        #expect(c == a, Comment(rawValue: firstDifference(a, c)))
    }

    @Test("a comparison section: one column per scenario, the best value marked, the trade-off chart")
    func comparison() throws {
        let solve = try BundledSolve.get()
        let comparison = HTMLComparison(
            reports: [(name: "baseline", report: solve.report), (name: "nghỉ phép", report: solve.report)],
            tradeOff: .init(xMetric: "moves", yMetric: "total",
                            points: [.init(label: "0", x: 0, y: solve.report.before.total),
                                     .init(label: "≤ 20", x: 20, y: 9000),
                                     .init(label: "baseline", x: Double(solve.report.moves.count), y: solve.report.after?.total ?? 0, highlighted: true)],
                            connect: true))
        let html = HTMLReport.render(solve: solve.report, scenario: solve.scenario, comparison: comparison)
        #expect(html.contains("So sánh các kịch bản"))
        #expect(html.contains("<th>nghỉ phép</th>"))
        #expect(html.contains("class=\"tradeoff\""))
        #expect(count("<g class=\"pt", in: html) == 3)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("xmlns"))
        #expect(html.range(of: #"[ ">(,−+-](nan|inf)"#, options: .regularExpression) == nil, "a number printed as nan or inf")
    }
}

@Suite("HTML report golden file")
struct GoldenHTMLTests {
    @Test("the small hand-made scenario, solved to optimality, renders as recorded", arguments: ReportLanguage.allCases)
    func golden(lang: ReportLanguage) throws {
        let (scenario, report) = try solvedSmallScenario()
        #expect(report.status == PlanStatus.optimal.rawValue)
        #expect(report.planViolations.isEmpty)
        let html = HTMLReport.render(solve: report, scenario: scenario, lang: lang, headquartersName: "Tỉnh ủy (thử)")
        #expect(count("class=\"commune ", in: html) == 8)
        #expect(html.contains("Xã Nghĩa Đàn &lt;Tây&gt; &amp; &quot;Bắc&quot;"))
        #expect(!html.contains("<Tây>"))
        // The officer on leave hands over both communes: required moves, listed first.
        let first = html.range(of: "<td class=\"n\">1</td>").map { String(html[$0.lowerBound...].prefix(900)) } ?? ""
        #expect(first.contains("CB04") || first.contains("CB01"))
        if let difference = try compareWithGolden(html, name: "small-4x8.\(lang.rawValue).html") {
            Issue.record(Comment(rawValue: difference))
        }
    }
}

/// The escaping the report applies to names.
func escapeForTest(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
}
