import DiaBanCore

/// Why a decision cannot be adopted as given, before the register is touched: each line names
/// the decisions file, its line and field, or the plan.
public struct AdoptionProblems: Error, Sendable, CustomStringConvertible {
    public var lines: [String]
    public init(_ lines: [String]) { self.lines = lines }
    public var description: String { lines.joined(separator: "\n") }
}

/// An adoption made from a plan and a leader's decisions, with what its summary needs.
public struct PreparedAdoption: Sendable {
    public var adoption: Adoption
    public var plan: AdoptedPlan
    /// The decisions file's name, as messages give it.
    public var decisionsName: String

    /// What `diaban register adopt` records: only the plan's accepted moves, and the moves a
    /// hard rule forces (an officer on leave, a home commune, the rotation rule), change on
    /// the effective date; what the leader rejected or kept stands until the next decision.
    ///
    /// Refused before anything is written (``AdoptionProblems``): a plan without a plan, or
    /// one that does not honour the decisions it was made with; an accepted move the plan does
    /// not make; a move a rule forces that the decisions reject or keep. What the register
    /// itself refuses (the same decision or plan twice, an earlier date, another state of the
    /// register) is refused by ``Register/adopt(_:)``.
    ///
    /// - Parameters:
    ///   - plan: the plan the decisions were made on.
    ///   - decisions: the decisions file, read and checked against the plan's roster.
    ///   - decisionsName: how messages name the decisions file.
    ///   - reference: the decision's reference, e.g. "Quyết định số 15/QĐ-TU".
    ///   - effective: the day the decision takes effect.
    ///   - note: free text kept with the decision.
    public init(plan: AdoptedPlan, decisions: [Decision], decisionsName: String, reference: String, effective: Day, note: String) throws(AdoptionProblems) {
        try Self.check(plan)
        let communeNames = plan.communeNames
        let byCommune = Dictionary(plan.moves.map { ($0.commune, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [String] = []
        var changes: [Adoption.Change] = []
        var accepted = Set<String>()
        for d in decisions where d.verdict == .accept {
            guard let m = byCommune[d.commune], Set(m.from) == Set(d.from), Set(m.to) == Set(d.to) else {
                problems.append("\(decisionsName):\(d.line): to: move \(d.move) (\(communeNames[d.commune] ?? d.commune) to \(d.to.joined(separator: ", "))) is accepted, but \(plan.name) does not make that move: not a move the plan proposed. Adopt the plan the decisions were made on, or the re-plan made with them.")
                continue
            }
            accepted.insert(d.commune)
            changes.append(.init(commune: m.commune, from: m.from, to: m.to, why: "accepted move \(d.move)"))
        }
        for m in plan.moves where !accepted.contains(m.commune) {
            guard let rule = m.forcedBy else { continue }
            if let d = decisions.first(where: { $0.commune == m.commune && Set($0.to) == Set(m.to) }), d.verdict == .reject || d.verdict == .keep || d.verdict == .hold {
                problems.append("\(decisionsName):\(d.line): decision: move \(d.move) is forced by a rule (\(rule)) but the file says \(d.verdict.rawValue). Re-plan with the decisions (diaban solve SCENARIO --decisions \(decisionsName) --out DIR) and adopt that plan.")
                continue
            }
            changes.append(.init(commune: m.commune, from: m.from, to: m.to, why: "forced (\(rule))"))
        }
        guard problems.isEmpty else { throw AdoptionProblems(problems) }
        changes.sort { $0.commune < $1.commune }
        // What the leader refused stands until the next decision.
        var refusals: [(pair: Pair, verdict: String)] = []
        for d in decisions {
            // A held move stands refused as a rejected one does (the hold itself is the re-plan's).
            if d.verdict == .reject || d.verdict == .hold { refusals += d.newPairs.map { ($0, "reject") } }
            if d.verdict == .keep { refusals += d.currentPairs.map { ($0, "keep") } }
        }
        let named = changes.flatMap { $0.to + $0.from } + refusals.map(\.pair.officer)
        var names = Dictionary(named.map { ($0, plan.officerNames[$0] ?? "") }, uniquingKeysWith: { a, _ in a })
        for e in plan.roster where e.kind == .joins { names[e.officer] = e.officerName }
        var adoption = Adoption(reference: reference, effective: effective, note: note, plan: plan.fingerprint, base: plan.base,
                                changes: changes, officerNames: names.filter { !$0.value.isEmpty })
        adoption.refusals = refusals
        adoption.roster = plan.roster
        self.adoption = adoption
        self.plan = plan
        self.decisionsName = decisionsName
    }

    /// Refuses a plan that cannot be adopted whatever the decisions: a solve without a plan,
    /// or one that does not honour the decisions it was made with.
    public static func check(_ plan: AdoptedPlan) throws(AdoptionProblems) {
        guard plan.hasPlan else {
            throw AdoptionProblems(["\(plan.name) holds no plan (status \(plan.status)); nothing to adopt."])
        }
        guard plan.honoursItsDecisions else {
            throw AdoptionProblems(["\(plan.name) does not honour every decision it was made with; it cannot be adopted."])
        }
    }

    /// Changes that a hard rule forces (the others are accepted moves).
    public var forced: Int { adoption.changes.filter { $0.why.hasPrefix("forced") }.count }

    /// The plan's moves that are not adopted (no accept, and no rule forcing them).
    public var notAdopted: [Move] { plan.moves.filter { m in !adoption.changes.contains { $0.commune == m.commune } } }

    /// What `diaban register adopt` prints once the register recorded the decision.
    public func summary(_ result: AdoptionResult) -> [String] {
        let a = adoption
        var lines = ["recorded \"\(a.reference)\" effective \(a.effective): \(result.ended.count) pair(s) end, \(result.began.count) begin, \(result.continuing) continue"]
        lines.append("  \(a.changes.count - forced) accepted move(s), \(forced) forced by a rule"
                     + (result.newOfficers.isEmpty ? "" : "; new officer(s): \(result.newOfficers.joined(separator: ", "))"))
        if !result.roster.isEmpty {
            lines.append("  roster: " + result.roster.map { e in
                "\(e.officer) \(e.officerName) \(RosterEvent.marker(e.kind, english: true))" + (e.kind == .leaves ? " (\(e.communes.count) commune\(e.communes.count == 1 ? "" : "s") handed on)" : "")
            }.joined(separator: "; "))
        }
        if !a.refusals.isEmpty {
            lines.append("  standing until the next decision: \(a.refusals.filter { $0.verdict == "reject" }.count) rejected move(s), \(a.refusals.filter { $0.verdict == "keep" }.count) kept pair(s)")
        }
        let left = notAdopted
        if !left.isEmpty {
            let file = decisionsName.split(separator: "/").last.map(String.init) ?? decisionsName
            lines.append("  not adopted (no accept in \(file)): " + left.map { "\(plan.communeNames[$0.commune] ?? $0.commune) → \($0.to.joined(separator: ", "))" }.joined(separator: "; "))
        }
        return lines
    }
}

extension Register {
    /// Creates a register at `path` from a scenario's officers, communes and current assignment
    /// on `asOf` (each pair's `since` date kept), as `diaban register init` does.
    ///
    /// A what-if's roster changes are what a later decision records, so the register starts
    /// from the roster before them: an officer the what-if removes is in it with their
    /// communes, one it adds is not.
    public static func create(at path: String, scenario s: Scenario, asOf: Day, reference: String? = nil, note: String = "") throws(RegisterError) -> Register {
        let joining = Set(s.rosterEvents.filter { $0.kind == .joins }.map(\.officer))
        let leaving = s.rosterEvents.filter { $0.kind == .leaves && !joining.contains($0.officer) }
        let officers = s.officers.filter { !joining.contains($0.id) }.map { ($0.id, $0.name) } + leaving.map { ($0.officer, $0.officerName) }
        let roster = Roster(officers: officers, communes: s.communes.map { ($0.code, $0.name, $0.staffing) })
        let current = Assignment(s.current.pairs + leaving.flatMap { e in e.communes.map { Pair(officer: e.officer, commune: $0) } })
        return try create(at: path, roster: roster, current: current, since: s.since, asOf: asOf, reference: reference ?? "init \(asOf)", note: note)
    }
}
