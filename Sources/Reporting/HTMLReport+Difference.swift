import DiaBanCore
import Planning

/// One scenario's plan set against another scenario's plan: the report of the focus plan, in
/// which "before" is the reference plan instead of the current assignment. The headline
/// numbers of each plan are its own solve's (as the comparison table shows them), but for the
/// count of communes that change officer, which counts the differences; the map
/// rings every commune whose officers differ between the two plans (in the reference plan's
/// officer's colour), and the proposal lists those differences with what each gains under the
/// focus scenario's weights.
public struct PlanDifference: Sendable {
    /// The focus plan's solve document, with the reference plan as its "before".
    public var solve: SolveReport
    /// The focus scenario with the reference plan as its current assignment.
    public var scenario: Scenario

    /// - Parameters:
    ///   - outcome: the focus scenario's solve.
    ///   - scenario: the focus scenario.
    ///   - reference: the reference scenario's solve. Pairs of its plan with an officer or a
    ///     commune the focus scenario does not have (an officer it removes) are left out.
    /// Returns nil when either solve has no plan.
    public init?(focus outcome: PlanOutcome, scenario: Scenario, reference: PlanOutcome) {
        guard let plan = outcome.plan, let referencePlan = reference.plan, let referenceTerms = reference.after,
              let referencePoints = reference.afterPoints, let referenceKPIs = reference.kpisAfter else { return nil }
        let officers = Set(scenario.officers.map(\.id)), communes = Set(scenario.communes.map(\.code))
        var s = scenario
        s.current = Assignment(referencePlan.pairs.filter { officers.contains($0.officer) && communes.contains($0.commune) })
        // An officer the focus scenario removes is shown where the reference plan has them,
        // marked as leaving, rather than as nobody.
        s.rosterEvents = s.rosterEvents.map { e in
            guard e.kind == .leaves else { return e }
            var moved = e
            moved.communes = referencePlan.pairs.filter { $0.officer == e.officer && communes.contains($0.commune) }.map(\.commune).sorted()
            return moved
        }
        var o = outcome
        o.before = referenceTerms
        o.beforePoints = referencePoints
        o.kpisBefore = referenceKPIs
        o.proposal = PlanContext(scenario: s).proposal(for: plan)
        // The headline's tile of communes that change officer counts the differences, as its
        // caption ("Differences from …") and the list below say.
        o.kpisAfter?.province.moves = o.proposal.moves.count
        // What the reference plan breaks is part of the difference, not a fault of a current assignment.
        o.currentViolations = []
        solve = SolveReport(o, scenario: s)
        self.scenario = s
    }
}

extension HTMLReport {
    /// Renders a ``PlanDifference``: the report of the focus scenario's plan with the words for
    /// "current" and "proposed" replaced by the two scenarios' names, and, when given, the
    /// comparison table of the scenarios above the map.
    public static func render(difference: PlanDifference, reference: String, focus: String, lang: ReportLanguage = .vi,
                              headquartersName: String? = nil, comparison: HTMLComparison? = nil) -> String {
        var page = HTMLPage(solve: difference.solve, scenario: difference.scenario, lang: lang)
        page.headquartersName = headquartersName
        page.t = page.t.difference(reference: reference, focus: focus)
        return document(page, comparison: comparison)
    }
}

extension HTMLLabels {
    /// The labels of a difference page: "before" is the reference plan, "after" the focus plan.
    func difference(reference: String, focus: String) -> HTMLLabels {
        var t = self
        let vi = htmlLang == "vi"
        t.before = vi ? "Phương án \(reference)" : "Plan of \(reference)"
        t.after = vi ? "Phương án \(focus)" : "Plan of \(focus)"
        t.previousOfficer = vi ? "Trong \(reference)" : "In \(reference)"
        t.proposalSection = vi ? "Khác biệt so với \(reference)" : "Differences from \(reference)"
        t.legendMoved = vi ? "Cán bộ khác với \(reference): vòng màu cán bộ trong \(reference), số thứ tự như danh sách khác biệt"
            : "Officer differs from \(reference): ring in the colour of \(reference)'s officer, numbered as in the list of differences"
        t.proposalIntro = { n in
            vi ? "\(n) xã, phường có cán bộ theo dõi khác với phương án \(reference)."
                : "\(n) commune\(n == 1 ? "" : "s") have other officers than in the plan of \(reference)."
        }
        t.noMoves = vi ? "Hai phương án giống nhau: không xã, phường nào đổi cán bộ." : "The two plans are the same: no commune changes officer."
        t.from = vi ? "Trong \(reference)" : "In \(reference)"
        t.to = vi ? "Trong \(focus)" : "In \(focus)"
        t.cardsKey = vi ? "Thanh màu: mức sử dụng định mức theo phương án \(focus); vạch đen: 100% định mức; vạch chấm: mức theo phương án \(reference). ▲ xã miền núi, ● xã, phường đồng bằng; in đậm: địa bàn khác với \(reference); số đỏ: số thứ tự trong danh sách khác biệt."
            : "Bar: utilisation in the plan of \(focus); black line: 100 % of capacity; dotted line: the level in the plan of \(reference). ▲ mountain, ● lowland; bold: communes not theirs in \(reference); red number: position in the list of differences."
        return t
    }
}
