import DiaBanCore
import Foundation
import Reporting
import Testing

/// One move has one number everywhere: the text and Markdown reports, the JSON document's
/// order, plan.csv, decisions.csv (and so Decide, which shows its rows), the HTML report's
/// lists and its map, however the report groups the moves.
@Suite("Move numbers")
struct MoveNumberingTests {
    /// The first two groups of every match of a regular expression in `text`.
    static func groups(_ pattern: String, in text: String) throws -> [(String, String)] {
        let re = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map {
            (ns.substring(with: $0.range(at: 1)), ns.substring(with: $0.range(at: 2)))
        }
    }

    /// (number, text) pairs: the number in the first group.
    static func pairs(_ pattern: String, in text: String) throws -> [(Int, String)] {
        try groups(pattern, in: text).map { (Int($0.0)!, $0.1) }
    }

    @Test("each number names the same commune in every output of the bundled scenario")
    func sameEverywhere() throws {
        let b = try BundledSolve.get()
        let r = b.report
        let moves = r.moves
        #expect(moves.count >= 10, "only \(moves.count) moves")
        let code = Dictionary(b.scenario.communes.map { ($0.name, $0.code) }, uniquingKeysWith: { a, _ in a })
        let expected = Dictionary(uniqueKeysWithValues: moves.enumerated().map { ($0.offset + 1, $0.element.commune) })
        func check(_ found: [(Int, String)], _ output: String, count: Int? = nil) {
            #expect(found.count == (count ?? moves.count), "\(output): \(found.count) numbered moves")
            #expect(Set(found.map(\.0)) == Set(expected.keys), "\(output): numbers \(found.map(\.0).sorted())")
            for (n, commune) in found { #expect(expected[n] == commune, "\(output): move \(n) is \(commune), not \(expected[n] ?? "?")") }
        }
        // Text and Markdown: "  3. Xã …: …".
        check(try Self.pairs(#"^\s*(\d+)\. ([^:\n]+):"#, in: r.text()).map { ($0.0, code[$0.1] ?? $0.1) }, "text")
        check(try Self.pairs(#"^(\d+)\. ([^:\n]+):"#, in: r.markdown()).map { ($0.0, code[$0.1] ?? $0.1) }, "markdown")
        // JSON: the moves in order.
        let json = try JSONSerialization.jsonObject(with: try r.jsonData()) as! [String: Any]
        check((json["moves"] as! [[String: Any]]).enumerated().map { ($0.offset + 1, $0.element["commune"] as! String) }, "json")
        // plan.csv: the move column; decisions.csv: the move and commune columns.
        let plan = r.csv().split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        check(plan.compactMap { f in Int(f.last!).map { ($0, String(f[0])) } }.reduce(into: [(Int, String)]()) { acc, x in if !acc.contains(where: { $0.0 == x.0 }) { acc.append(x) } },
              "plan.csv")
        let sheet = r.decisionsCSV().split(separator: "\r\n").dropFirst().map { $0.split(separator: ",") }
        check(sheet.map { (Int($0[0])!, String($0[1])) }, "decisions.csv")
        // The HTML report, in both languages: the lists, grouped, and the map's markers.
        for lang in ReportLanguage.allCases {
            let html = HTMLReport.render(solve: r, scenario: b.scenario, lang: lang, headquartersName: b.headquartersName)
            let rows = try Self.pairs(#"<tr><td class="n">(\d+).*?</td><td><b>([^<]+)</b>"#, in: html)
            check(rows.map { ($0.0, code[$0.1] ?? $0.1) }, "HTML list (\(lang))")
            // The map: each moved commune's marker, its code and its number in the hover text.
            let map = try Self.groups(#"<g class="c moved"[^>]*><title>[^<]*?\((\d+)\) ·[^<]*?\[(\d+)\]</title>"#, in: html)
            check(map.map { (Int($0.1)!, $0.0) }, "HTML map (\(lang))")
        }
    }
}
