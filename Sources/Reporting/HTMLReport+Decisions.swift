import DiaBanCore
import Foundation
import Planning

/// The words of the decision sheet, in the report's language.
struct DecisionLabels: Sendable {
    var section: String
    var intro: String
    var verdicts: [Decision.Verdict: String]
    var counts: @Sendable (Int, Int, Int, Int) -> String
    var honoured: String
    var notHonoured: String
    var costLine: @Sendable (String) -> String
    var proposal: String
    var withDecisions: String
    var difference: String
    var objective: String
    var km: String
    var maxUtil: String
    var uncovered: String
    var moved: String
    var decision: String
    var outcome: String
    var note: String
    var appeared: String
    var disappeared: String
    var none: String
    var preparedBy: String
    var approvedBy: String
    var signHint: String
    var dateLine: String
    var legendTitle: String

    static let vi = DecisionLabels(
        section: "Phiếu quyết định", intro: "Các đề xuất điều chuyển và quyết định của lãnh đạo; phương án đã được lập lại theo các quyết định này.",
        verdicts: [.accept: "Đồng ý", .reject: "Không đồng ý", .keep: "Giữ nguyên", .hold: "Không giao thêm", .pending: "Chờ"],
        counts: { "\($0) đồng ý · \($1) không đồng ý · \($2) giữ nguyên · \($3) chờ" },
        honoured: "Phương án mới tuân thủ mọi quyết định.", notHonoured: "Phương án KHÔNG tuân thủ mọi quyết định — không sử dụng.",
        costLine: { "Chi phí của các quyết định so với đề xuất: \($0) điểm." },
        proposal: "Đề xuất", withDecisions: "Theo quyết định", difference: "Chênh lệch", objective: "Tổng điểm mục tiêu",
        km: "km đi lại mỗi năm", maxUtil: "Mức sử dụng cao nhất", uncovered: "Nhu cầu chuyên môn chưa đáp ứng", moved: "Số xã thay đổi",
        decision: "Quyết định", outcome: "Kết quả", note: "Ghi chú",
        appeared: "Thay đổi phát sinh do các quyết định", disappeared: "Thay đổi không còn do các quyết định", none: "Không có.",
        preparedBy: "Người lập", approvedBy: "Người phê duyệt", signHint: "(ký, ghi rõ họ tên)", dateLine: "Ngày …… tháng …… năm ……",
        legendTitle: "Quyết định trên bản đồ")
    static let en = DecisionLabels(
        section: "Decision sheet", intro: "The proposed moves and the leader's decisions; the plan was made again to honour them.",
        verdicts: [.accept: "Accepted", .reject: "Rejected", .keep: "Kept", .hold: "Officer held", .pending: "Pending"],
        counts: { "\($0) accepted · \($1) rejected · \($2) kept · \($3) pending" },
        honoured: "The new plan honours every decision.", notHonoured: "The plan does NOT honour every decision — do not use it.",
        costLine: { "What the decisions cost against the proposal: \($0) points." },
        proposal: "Proposal", withDecisions: "With decisions", difference: "Difference", objective: "Objective (points)",
        km: "km per year", maxUtil: "Largest utilisation", uncovered: "Uncovered specialty needs", moved: "Communes moved",
        decision: "Decision", outcome: "Outcome", note: "Note",
        appeared: "Moves that appeared because of the decisions", disappeared: "Moves that disappeared because of the decisions", none: "None.",
        preparedBy: "Prepared by", approvedBy: "Approved by", signHint: "(signature and full name)", dateLine: "Date: ……………………",
        legendTitle: "Decisions on the map")

    static func of(_ lang: ReportLanguage) -> DecisionLabels { lang == .vi ? vi : en }
}

extension HTMLPage {
    var decisionVerdicts: [String: Decision.Verdict] {
        Dictionary((solve.decisions?.rows ?? []).map { ($0.commune, $0.verdict) }, uniquingKeysWith: { a, _ in a })
    }

    /// The one-page decision sheet: what was decided, what it costs, what else changed, and
    /// room for signatures. With decisions, it is all the page prints (A4).
    func decisionsSection() -> String {
        guard let r = solve.decisions else { return "" }
        let d = DecisionLabels.of(lang)
        // One A4 page: the tables' print size shrinks with the number of lines they hold.
        let lines = r.rows.count + min(Self.changesShown, max(r.appeared.count, r.disappeared.count))
        let size = max(4.6, min(6.8, 6.8 * 40 / Double(max(lines, 1))))
        var out = "<section class=\"sheet\" id=\"decisions\" style=\"--sheet-font: \(decimal(size, 2))pt\">\n<h2>\(HTML.escape(d.section))</h2>\n"
        let held = r.held.map { " · \($0) " + (lang == .vi ? "không giao thêm" : "held") } ?? ""
        out += "<p class=\"sheet-head\"><b>\(HTML.escape(scenarioName))</b> · \(HTML.escape(d.counts(r.accepted, r.rejected, r.kept, r.pending) + held))</p>\n"
        out += "<p class=\"caption\">\(HTML.escape(d.intro)) "
        out += r.decided == nil ? "" : "<b class=\"\(r.allHonoured ? "ok" : "bad")\">\(HTML.escape(r.allHonoured ? d.honoured : d.notHonoured))</b> "
        if let cost = r.cost { out += HTML.escape(d.costLine(lang.signed(cost, 2))) }
        out += "</p>\n"

        // The cost, side by side.
        out += "<table class=\"num sheet-cost\"><thead><tr><th></th><th class=\"r\">\(HTML.escape(d.proposal))</th><th class=\"r\">\(HTML.escape(d.withDecisions))</th><th class=\"r\">\(HTML.escape(d.difference))</th></tr></thead><tbody>\n"
        func row(_ label: String, _ a: Double, _ b: Double?, _ places: Int, percent: Bool = false) {
            let show = { (x: Double) in percent ? lang.percent(x, places) : lang.number(x, places) }
            out += "<tr><th>\(HTML.escape(label))</th><td class=\"r\">\(show(a))</td><td class=\"r\">\(b.map(show) ?? "—")</td><td class=\"r\">\(b.map { lang.signed($0 - a, places) } ?? "—")</td></tr>\n"
        }
        let p = r.proposal, q = r.decided
        row(d.objective, p.total, q?.total, 2)
        row(d.km, p.province.kmPerYear, q?.province.kmPerYear, 0)
        row(d.maxUtil, p.province.maxUtilisation, q?.province.maxUtilisation, 1, percent: true)
        row(d.uncovered, Double(p.province.uncoveredNeeds), q.map { Double($0.province.uncoveredNeeds) }, 0)
        row(d.moved, Double(p.province.moves), q.map { Double($0.province.moves) }, 0)
        out += "</tbody></table>\n"

        // Every decided row, marked by its decision.
        out += "<table class=\"decided\"><thead><tr><th>#</th><th>\(HTML.escape(t.commune))</th><th>\(HTML.escape(t.from))</th><th>\(HTML.escape(t.to))</th>"
        out += "<th>\(HTML.escape(d.decision))</th><th>\(HTML.escape(d.outcome))</th><th>\(HTML.escape(d.note))</th></tr></thead><tbody>\n"
        for row in r.rows {
            let who = { (ids: [String]) in ids.isEmpty ? "—" : ids.map { HTML.escape(officerName($0)) }.joined(separator: ", ") }
            out += "<tr class=\"dec-\(row.verdict.rawValue)\(row.honoured ? "" : " broken")\"><td class=\"n\">\(row.move)</td><td>\(HTML.escape(row.communeName))</td>"
            out += "<td>\(who(row.from))</td><td>\(who(row.to))</td>"
            out += "<td><span class=\"verdict v-\(row.verdict.rawValue)\">\(HTML.escape(d.verdicts[row.verdict] ?? row.verdict.rawValue))</span></td>"
            out += "<td>\(HTML.escape(outcomeText(row, d)))</td><td>\(HTML.escape(row.note))</td></tr>\n"
        }
        out += "</tbody></table>\n"

        // What else changed.
        out += "<div class=\"sheet-changes\">"
        for (title, changes, sign) in [(d.appeared, r.appeared, "+"), (d.disappeared, r.disappeared, "−")] {
            out += "<div><h3>\(HTML.escape(title)) (\(changes.count))</h3>"
            if changes.isEmpty { out += "<p>\(HTML.escape(d.none))</p>" } else {
                out += "<ul>"
                for (i, c) in changes.enumerated() {
                    if i == Self.changesShown {
                        out += "<li class=\"print-only\">… \(changes.count - i)</li>"
                    }
                    let because = c.becauseOf.isEmpty ? "" : " [\(c.becauseOf.map { "#\($0)" }.joined(separator: ", "))]"
                    out += "<li\(i >= Self.changesShown ? " class=\"screen\"" : "")>\(sign) <b>\(HTML.escape(c.communeName))</b>: \(HTML.escape(c.from.map(officerName).joined(separator: ", "))) → \(HTML.escape(c.to.map(officerName).joined(separator: ", ")))\(HTML.escape(because))</li>"
                }
                out += "</ul>"
            }
            out += "</div>"
        }
        out += "</div>\n"

        // Signatures.
        out += "<div class=\"signatures\"><p class=\"date\">\(HTML.escape(d.dateLine))</p>"
        for who in [d.preparedBy, d.approvedBy] {
            out += "<div class=\"sign\"><b>\(HTML.escape(who))</b><small>\(HTML.escape(d.signHint))</small></div>"
        }
        return out + "</div>\n</section>\n"
    }

    /// A row's outcome in the report's language.
    func outcomeText(_ row: DecisionReview.Row, _ d: DecisionLabels) -> String {
        guard lang == .vi else {
            switch row.verdict {
            case .accept where row.honoured: return "moves as accepted"
            case .keep where row.honoured: return "stays as decided"
            default: return row.outcome.replacingOccurrences(of: #" \([A-Z0-9]+\)"#, with: "", options: .regularExpression)
            }
        }
        let planned = row.planned.map(officerName).joined(separator: ", ")
        if !row.honoured { return "KHÔNG được tuân thủ: giao cho \(planned)" }
        let stays = Set(row.planned) == Set(row.from)
        switch row.verdict {
        case .accept: return "chuyển theo quyết định"
        case .keep: return "giữ nguyên theo quyết định"
        case .reject: return stays ? "giữ nguyên \(planned)" : "giao cho \(planned) thay thế"
        case .hold: return "không giao thêm xã cho \(row.to.map(officerName).joined(separator: ", ")); " + (stays ? "giữ nguyên \(planned)" : "giao cho \(planned)")
        case .pending: return stays ? "không còn đề xuất: giữ nguyên" : Set(row.planned) == Set(row.to) ? "vẫn đề xuất" : "giao cho \(planned) thay thế"
        }
    }

    /// The most appeared or disappeared moves the printed sheet lists (the page lists them all).
    static let changesShown = 12

    /// Rings on the map for every decided commune, one style per decision.
    func decisionRings(_ project: (GeoPoint) -> (Double, Double), radius: (Commune) -> Double) -> String {
        guard let r = solve.decisions else { return "" }
        var out = "<g class=\"decisions\">\n"
        for row in r.rows {
            guard let c = communes[row.commune] else { continue }
            let (x, y) = project(c.location)
            out += "<circle class=\"dring v-\(row.verdict.rawValue)\" cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"\(svgNumber(radius(c) + 8))\"><title>#\(row.move) \(HTML.escape(c.name)): \(HTML.escape(DecisionLabels.of(lang).verdicts[row.verdict] ?? row.verdict.rawValue))</title></circle>\n"
        }
        return out + "</g>\n"
    }

    /// The map legend's entries for the decisions.
    func decisionLegend() -> String {
        guard solve.decisions != nil else { return "" }
        let d = DecisionLabels.of(lang)
        var out = "<p class=\"lgt\">\(HTML.escape(d.legendTitle))</p><ul class=\"symbols\">"
        // A hold is listed only when a row holds an officer.
        for v in Decision.Verdict.allCases where v != .hold || solve.decisions?.rows.contains(where: { $0.verdict == .hold }) == true {
            out += "<li><svg class=\"ico\" viewBox=\"0 0 28 28\" aria-hidden=\"true\"><circle class=\"dring v-\(v.rawValue)\" cx=\"14\" cy=\"14\" r=\"9\"/></svg>\(HTML.escape(d.verdicts[v] ?? v.rawValue))</li>"
        }
        return out + "</ul>\n"
    }

    /// A decision badge for a move of the proposal list.
    func verdictBadge(_ commune: String) -> String {
        guard let v = decisionVerdicts[commune] else { return "" }
        return "<span class=\"verdict v-\(v.rawValue)\">\(HTML.escape(DecisionLabels.of(lang).verdicts[v] ?? v.rawValue))</span>"
    }

    /// Style of the decisions: on the map, in the lists, and the printed sheet.
    static let decisionsCSS = """
        .dring { fill: none; stroke-width: 2.6; }
        .dring.v-accept { stroke: #1a7f37; }
        .dring.v-reject { stroke: #c2261d; stroke-dasharray: 4 3; }
        .dring.v-keep { stroke: #59636e; stroke-dasharray: 1.5 2.5; }
        .dring.v-pending { stroke: #b7791f; stroke-dasharray: 7 3; }
        .dring.v-hold { stroke: #6f42c1; stroke-dasharray: 2 2 8 2; }
        .verdict { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; white-space: nowrap; }
        .verdict.v-accept { background: #dcf3e2; color: #1a7f37; }
        .verdict.v-reject { background: #fde2df; color: #c2261d; }
        .verdict.v-keep { background: #eceff2; color: #3d444d; }
        .verdict.v-pending { background: #fff3d6; color: #8a5a00; }
        .verdict.v-hold { background: #efe6fb; color: #5a32a3; }
        .sheet table.decided tr.dec-reject td { color: #6e2a25; }
        .sheet table.decided tr.broken td { background: #fdecea; }
        .sheet .sheet-head { margin: 0 0 4px; }
        .sheet b.ok { color: #1a7f37; } .sheet b.bad { color: #c2261d; }
        .sheet-cost { max-width: 640px; margin-bottom: 10px; }
        .sheet-changes { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-top: 10px; }
        .sheet-changes ul { margin: 0; padding-left: 14px; }
        .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 18px; }
        .signatures .date { grid-column: 1 / -1; text-align: right; margin: 0; }
        .signatures .sign { text-align: center; min-height: 80px; }
        .signatures .sign small { display: block; }
        .lgt { font-weight: 600; margin: 10px 0 4px; }
        .print-only { display: none; }
        @media print {
          @page { size: A4; margin: 11mm 12mm; }
          body.has-sheet main > :not(.sheet):not(header) { display: none !important; }
          body.has-sheet header.top .lede, body.has-sheet header.top .alert { display: none; }
          body.has-sheet header.top h1 { font-size: 14pt; margin: 0; }
          body.has-sheet header.top .status { font-size: 7.5pt; padding: 1pt 5pt; }
          .sheet { font-size: 7.2pt; line-height: 1.22; }
          .sheet h2 { font-size: 12pt; margin: 4pt 0 3pt; }
          .sheet h3 { font-size: 8pt; margin: 0 0 2pt; }
          .sheet .caption { margin: 0 0 3pt; }
          .sheet table { font-size: var(--sheet-font, 6.8pt); }
          .print-only { display: list-item !important; }
          .sheet th, .sheet td { padding: 0.5pt 3pt; }
          .sheet table.decided td { white-space: nowrap; }
          .sheet table.decided td:last-child { white-space: normal; }
          .sheet thead th { font-size: 6.5pt; }
          .sheet .verdict { font-size: 6.5pt; padding: 0 4pt; }
          .sheet-cost { margin-bottom: 3pt; }
          .sheet-changes { gap: 8pt; margin-top: 3pt; font-size: var(--sheet-font, 6.6pt); }
          .signatures { margin-top: 5pt; }
          .signatures .sign { min-height: 34pt; }
        }
        """
}
