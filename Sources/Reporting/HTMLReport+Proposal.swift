import DiaBanCore
import Foundation
import Planning

/// A move of the proposal with its number (its place in the proposal, the same in every output)
/// and the group it is read in.
struct NumberedMove: Sendable {
    enum Group: Int, Sendable, CaseIterable {
        /// The rules force it: the officer is on leave, lives there, is over capacity, or nobody tracked it.
        case required
        /// It brings expertise the commune needs and lacks.
        case coverage
        /// Balance of work and travel.
        case balance
    }
    var number: Int
    var move: Move
    var group: Group
}

extension HTMLPage {
    /// The order a leader reads the proposal in: what the rules force first, then what fills
    /// specialty gaps, then balance and travel; within each group the proposal's own order
    /// (most valuable first). Each move keeps its number in the proposal.
    static func readingOrder(_ moves: [Move], scenario: Scenario, before: [String: KPIs.OfficerKPI]) -> [NumberedMove] {
        func group(_ m: Move) -> NumberedMove.Group {
            let forced = m.from.isEmpty || m.from.contains { id in
                guard let o = scenario.officer(id) else { return true }
                let overloaded = before[id].map { $0.workload > $0.capacity + 1e-9 } ?? false
                return !o.isActive || o.homeCommune == m.commune || overloaded
            }
            if forced { return .required }
            if (m.gains[ObjectiveTerm.coverage.rawValue] ?? 0) > 0 { return .coverage }
            return .balance
        }
        // A move's number is its place in the proposal, as in the text, JSON, CSV and
        // decisions.csv outputs and in Decide: the groups reorder the list, never renumber it.
        let grouped = moves.enumerated().map { (i, m) in NumberedMove(number: i + 1, move: m, group: group(m)) }
        return NumberedMove.Group.allCases.flatMap { g in grouped.filter { $0.group == g } }
    }

    func proposalSection() -> String {
        guard hasPlan else { return "" }
        var out = "<section class=\"proposal\">\n<h2>\(HTML.escape(t.proposalSection))</h2>\n"
        guard !moves.isEmpty else { return out + "<p>\(HTML.escape(t.noMoves))</p>\n</section>\n" }
        out += "<p>\(HTML.escape(t.proposalIntro(moves.count)))</p>\n"
        for g in NumberedMove.Group.allCases {
            let items = moves.filter { $0.group == g }
            guard !items.isEmpty else { continue }
            let title = g == .required ? t.groupRequired : g == .coverage ? t.groupCoverage : t.groupBalance
            out += "<table class=\"moves\">\n<caption>\(HTML.escape(title)) <small>(\(items.count))</small></caption>\n"
            out += "<colgroup><col class=\"c-n\"><col class=\"c-commune\"><col class=\"c-who\"><col class=\"c-who\"><col class=\"c-reason\"><col class=\"c-gain\"></colgroup>\n"
            out += "<thead><tr><th>#</th><th>\(HTML.escape(t.commune))</th><th>\(HTML.escape(t.from))</th><th>\(HTML.escape(t.to))</th>"
            out += "<th>\(HTML.escape(t.reason))</th><th class=\"r\">\(HTML.escape(t.gainPoints))</th></tr></thead>\n<tbody>\n"
            for item in items { out += moveRow(item) }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    func moveRow(_ item: NumberedMove) -> String {
        let m = item.move
        let terrain = communes[m.commune].map { t.terrainNames[$0.terrain] ?? $0.terrain.rawValue } ?? ""
        func who(_ ids: [String]) -> String {
            ids.isEmpty ? "—" : ids.map { "<span class=\"who\">\(swatch($0))\(officerLabel($0))\(rosterMark($0))</span>" }.joined(separator: "<br>")
        }
        // The officer who leaves is the previous officer of their communes, marked.
        let left = scenario.rosterEvents.filter { $0.kind == .leaves && $0.communes.contains(m.commune) }
        let previous = m.from.isEmpty && !left.isEmpty
            ? left.map { "<span class=\"who\">\(swatch(nil))\(HTML.escape($0.officerName)) <span class=\"id\">\(HTML.escape($0.officer))</span> (\(HTML.escape($0.marker(english: lang == .en))))</span>" }.joined(separator: "<br>")
            : who(m.from)
        var out = "<tr><td class=\"n\">\(item.number)\(verdictBadge(m.commune).isEmpty ? "" : "<br>" + verdictBadge(m.commune))</td>"
        out += "<td><b>\(HTML.escape(communeName(m.commune)))</b><small>\(HTML.escape(terrain))</small></td>"
        out += "<td>\(previous)</td><td>\(who(m.to))</td>"
        out += "<td>\(HTML.escape(reason(m)))</td>"
        let breakdown = ObjectiveTerm.allCases.compactMap { term -> String? in
            guard let g = m.gains[term.rawValue], abs(g) > 1e-9 else { return nil }
            return "\(t.termNames[term] ?? term.rawValue) \(lang.signed(g, 1))"
        }
        out += "<td class=\"r\"><b>\(lang.signed(Self.totalGain(m), 1))</b><small class=\"bd\">\(breakdown.map(HTML.escape).joined(separator: "<br>"))</small></td></tr>\n"
        return out
    }

    /// The move's reason in the report's language, without the "commune: from → to" prefix
    /// and the points, which the table shows in their own columns.
    func reason(_ m: Move) -> String {
        lang == .en ? englishReason(m) : vietnameseReason(m)
    }

    /// The planner's own reason, trimmed.
    func englishReason(_ m: Move) -> String {
        var s = m.reason
        if s.hasPrefix(communeName(m.commune) + ": "), let semi = s.range(of: "; ") { s = String(s[semi.upperBound...]) }
        if let points = s.range(of: #" \([+-]?[0-9.,]+ points\)$"#, options: .regularExpression) { s.removeSubrange(points) }
        return s.isEmpty ? m.reason : s.prefix(1).uppercased() + s.dropFirst()
    }

    /// The same facts the planner states (Planning's `ProposalBuilder`), in Vietnamese: who
    /// is on leave or lives there, the expertise brought, whom it relieves, mountain and
    /// workload balance, and km saved or added.
    func vietnameseReason(_ m: Move) -> String {
        guard let commune = communes[m.commune] else { return m.reason }
        var parts: [String] = []
        let leaving = m.from.compactMap { scenario.officer($0) }
        if let gone = leaving.first(where: { !$0.isActive }) {
            parts.append("\(gone.name) đang nghỉ phép")
        } else if leaving.contains(where: { $0.homeCommune == commune.code }) {
            parts.append("cán bộ hiện tại cư trú tại địa bàn này")
        } else if let rule = scenario.rules.rotation,
                  let years = m.from.lazy.compactMap({ id -> Int? in
                      let pair = Pair(officer: id, commune: commune.code)
                      return self.scenario.yearsDue(pair) > 0 ? self.scenario.tenureYears(pair) : nil
                  }).first {
            parts.append("\(years) năm ở địa bàn này; quy định luân chuyển (\(rule.maxYears) năm) yêu cầu thay đổi")
        }
        let arriving = m.to.compactMap { scenario.officer($0) }
        let newlyCovered = commune.requiredSpecialties.filter { s in
            arriving.contains { $0.holds(s) } && !leaving.filter(\.isActive).contains { $0.holds(s) }
        }
        if !newlyCovered.isEmpty, (m.gains[ObjectiveTerm.coverage.rawValue] ?? 0) > 0 || scenario.rules.coverage == .hard {
            parts.append("bổ sung chuyên môn xã cần: " + newlyCovered.map { t.specialty($0.rawValue) }.joined(separator: ", "))
        }
        let mean = Self.meanUtilisation(scenario)
        var relieves = false
        for id in m.from {
            if scenario.officer(id)?.isActive == true, let b = officerBefore[id], let a = officerAfter[id], b.utilisation > 100 * (1 + scenario.rules.balanceTolerance) * mean, a.utilisation < b.utilisation {
                parts.append("giảm tải cho \(b.name) (\(lang.percent(b.utilisation)) → \(lang.percent(a.utilisation)) định mức)")
                relieves = true
            }
        }
        if (m.gains[ObjectiveTerm.mountainBalance.rawValue] ?? 0) > 0 {
            let names = (commune.isMountain ? m.to : m.from).map(officerName).joined(separator: ", ")
            parts.append(commune.isMountain ? "chia đều việc miền núi (thêm một xã miền núi cho \(names))" : "chia đều việc miền núi (bớt việc cho \(names))")
        }
        if (m.gains[ObjectiveTerm.workloadBalance.rawValue] ?? 0) > 0, !relieves { parts.append("cân bằng khối lượng công việc") }
        let travel = m.gains[ObjectiveTerm.travel.rawValue] ?? 0
        let perKm = max(scenario.weights.travel, 1e-12)
        if travel > 0 {
            parts.append("giảm \(lang.number(travel / perKm)) km đi lại mỗi năm")
        } else if travel < 0 && scenario.weights.travel > 0 {
            parts.append("thêm \(lang.number(-travel / perKm)) km đi lại mỗi năm")
        }
        // A move that costs points is there for another: say which, by its number.
        if Self.totalGain(m) < 0, let i = solve.moves.firstIndex(where: { $0.commune == m.commune }),
           let room = Proposal.roomMade(by: i, in: solve.moves) {
            parts.append("giải phóng định mức của \(officerName(room.officer)) (\(room.officer)) cho thay đổi số \(room.index + 1) (\(communeName(solve.moves[room.index].commune)))")
        }
        if parts.isEmpty { parts.append("cần đi cùng các thay đổi khác (giảm tải cho cán bộ khác hoặc giữ phương án trong các quy tắc)") }
        let s = parts.joined(separator: "; ")
        return s.prefix(1).uppercased() + s.dropFirst()
    }

    /// The move's gain summed in the terms' fixed order, so that the last bit (and so the
    /// rounded text) never depends on a dictionary's iteration order.
    static func totalGain(_ m: Move) -> Double {
        ObjectiveTerm.allCases.reduce(0) { $0 + (m.gains[$1.rawValue] ?? 0) } + m.gains.filter { ObjectiveTerm(rawValue: $0.key) == nil }.values.sorted().reduce(0, +)
    }

    /// Σ workload × staffing over the active officers' capacity (a fraction), as Planning computes it.
    static func meanUtilisation(_ sc: Scenario) -> Double {
        let capacity = sc.officers.filter(\.isActive).reduce(0) { $0 + $1.capacity }
        let work = sc.communes.reduce(0) { $0 + $1.workload * Double($1.staffing) }
        return capacity > 0 ? work / capacity : 0
    }
}

extension HTMLReport {
    /// Each move's reason, by commune, in the words of the report's proposal in `lang` (the
    /// workspace's Decide panel lists the moves with them).
    public static func moveReasons(solve: SolveReport, scenario: Scenario, lang: ReportLanguage) -> [String: String] {
        let page = HTMLPage(solve: solve, scenario: scenario, lang: lang)
        return Dictionary(solve.moves.map { ($0.commune, page.reason($0)) }, uniquingKeysWith: { a, _ in a })
    }
}

extension HTMLPage {
    /// " (nghỉ phép)", " (mới)": the roster change of the what-if for an officer, in the page's language.
    func rosterMark(_ id: String) -> String {
        guard let e = scenario.rosterEvents.last(where: { $0.officer == id }), e.kind != .leaves else { return "" }
        return " (" + HTML.escape(e.marker(english: lang == .en)) + ")"
    }
}
