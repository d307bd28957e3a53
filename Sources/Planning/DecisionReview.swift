import DiaBanCore
import Foundation

/// What a leader's decisions did to the plan: what they cost against the proposal they were
/// made on (points and KPIs side by side), whether the re-plan honours each one, and which
/// other moves appeared or disappeared because of them.
public struct DecisionReview: Sendable, Equatable, Codable {
    /// One row of the decisions file and what the re-plan made of it.
    public struct Row: Sendable, Equatable, Codable {
        public var move: Int
        public var commune: String
        public var communeName: String
        public var from: [String]
        public var to: [String]
        public var verdict: Decision.Verdict
        public var note: String
        /// Whether the re-plan does what the row asks (pending rows ask nothing: always true).
        public var honoured: Bool
        /// The commune's officers in the re-plan.
        public var planned: [String]
        /// What happened, in words ("moves to … as accepted", "stays with …").
        public var outcome: String
    }
    /// A move of one plan that the other does not have, and why.
    public struct Change: Sendable, Equatable, Codable {
        public var commune: String
        public var communeName: String
        public var from: [String]
        public var to: [String]
        /// The decided moves it follows from (their numbers).
        public var becauseOf: [Int]
        public var reason: String
    }
    /// One plan's numbers.
    public struct Side: Sendable, Equatable, Codable {
        public var terms: TermValues
        public var points: [String: Double]
        public var total: Double
        public var province: KPIs.ProvinceKPI
    }

    /// The decisions file.
    public var file: String
    public var accepted: Int
    public var rejected: Int
    public var kept: Int
    public var pending: Int
    /// Rows that hold the move's officer (no new commune); nil when none does.
    public var held: Int?
    /// The plan the decisions were made on (the current assignment with every move of the file).
    public var proposal: Side
    /// The plan that honours the decisions (nil when the re-plan found none).
    public var decided: Side?
    /// Points the decisions cost: the decided plan's objective minus the proposal's.
    public var cost: Double?
    public var rows: [Row]
    public var appeared: [Change]
    public var disappeared: [Change]
    /// Hard rules the proposal itself breaks under this scenario (a changed scenario).
    public var proposalViolations: [String]

    public var allHonoured: Bool { rows.allSatisfy(\.honoured) }
}

extension PlanContext {
    /// Reviews the re-plan `plan` (with its proposal) against the decisions. The context is the
    /// scenario *without* the decisions' locks and forbidden pairs, so that both plans are
    /// measured by the same objective.
    public func review(_ decisions: [Decision], file: String, plan: Assignment?, proposal: Proposal) -> DecisionReview {
        let sc = scenario
        let name = { (code: String) in sc.commune(code)?.name ?? code }
        let officerName = { (id: String) in sc.officer(id).map { "\($0.name) (\(id))" } ?? id }
        let names = { (ids: [String]) in ids.isEmpty ? "nobody" : ids.map(officerName).joined(separator: ", ") }
        func side(_ a: Assignment) -> DecisionReview.Side {
            let t = evaluate(a)
            let p = t.points(sc.weights, coverage: sc.rules.coverage)
            return .init(terms: t, points: Dictionary(uniqueKeysWithValues: p.map { ($0.key.rawValue, round6($0.value)) }),
                         total: round6(objective(of: t)), province: kpis(a).province)
        }
        let proposed = sc.proposedPlan(decisions)
        let proposalSide = side(proposed)
        let decidedSide = plan.map(side)
        let planned = plan?.officersByCommune ?? [:]
        let current = sc.current.officersByCommune

        var rows: [DecisionReview.Row] = []
        for d in decisions.sorted(by: { $0.move < $1.move }) {
            let now = planned[d.commune] ?? []
            let stays = now.sorted() == (current[d.commune] ?? []).sorted()
            let honoured: Bool
            let outcome: String
            switch d.verdict {
            case .accept:
                honoured = plan != nil && d.to.allSatisfy(now.contains)
                outcome = honoured ? "moves to \(names(d.to)) as accepted" : "NOT honoured: goes to \(names(now))"
            case .reject:
                honoured = plan != nil && !d.to.contains(where: now.contains)
                outcome = !honoured ? "NOT honoured: goes to \(names(now))" : stays ? "stays with \(names(now))" : "goes to \(names(now)) instead"
            case .keep:
                honoured = plan != nil && d.from.allSatisfy(now.contains)
                outcome = honoured ? "stays with \(names(d.from)) as decided" : "NOT honoured: goes to \(names(now))"
            case .hold:
                let given = plan.map { p in d.to.filter { !sc.newCommunes(of: $0, in: p).isEmpty } } ?? []
                honoured = plan != nil && given.isEmpty
                outcome = !honoured ? "NOT honoured: \(names(given)) given a new commune" : "\(names(d.to)) given no new commune, as held; \(name(d.commune)) goes to \(names(now))"
            case .pending:
                honoured = true
                outcome = plan == nil ? "no plan" : d.to.allSatisfy(now.contains) && !stays ? "still proposed: moves to \(names(d.to))"
                    : stays ? "no longer proposed: stays with \(names(now))" : "goes to \(names(now)) instead"
            }
            rows.append(.init(move: d.move, commune: d.commune, communeName: name(d.commune), from: d.from, to: d.to, verdict: d.verdict,
                              note: d.note, honoured: honoured, planned: now, outcome: outcome))
        }

        // Which decided rows a change is tied to: the same officers, or the same commune.
        let decided = decisions.filter { $0.verdict != .pending }
        func ties(commune: String, officers: Set<String>) -> [Decision] {
            // The commune's own decision first, then refusals (they are what the plan had to
            // work around), then accepted moves that share an officer.
            func rank(_ d: Decision) -> Int { d.commune == commune ? 0 : d.verdict == .accept ? 2 : 1 }
            return decided.filter { $0.commune == commune || !officers.isDisjoint(with: $0.from + $0.to) }
                .sorted { (rank($0), $0.move) < (rank($1), $1.move) }
        }
        func because(_ tied: [Decision]) -> String {
            tied.prefix(3).map { d in
                let verb = d.verdict == .accept ? "accepted" : d.verdict == .reject ? "rejected" : d.verdict == .hold ? "held" : "kept"
                return "move \(d.move) (\(name(d.commune)), \(names(d.verdict == .keep ? d.from : d.to)) \(verb))"
            }.joined(separator: "; ") + (tied.count > 3 ? "; and \(tied.count - 3) more" : "")
        }
        let proposedMoves = Set(decisions.map { "\($0.commune)|\($0.to.sorted())" })
        var appeared: [DecisionReview.Change] = []
        for m in proposal.moves where !proposedMoves.contains("\(m.commune)|\(m.to.sorted())") {
            let tied = ties(commune: m.commune, officers: Set(m.from + m.to))
            let why = tied.isEmpty ? "the plan re-balanced around the decisions as a whole" : "because of " + because(tied)
            let own = m.reason.split(separator: ";", maxSplits: 1).dropFirst().first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? m.reason
            appeared.append(.init(commune: m.commune, communeName: name(m.commune), from: m.from, to: m.to, becauseOf: tied.map(\.move),
                                  reason: "\(why); \(own)"))
        }
        var disappeared: [DecisionReview.Change] = []
        if plan != nil {
            for d in decisions.sorted(by: { $0.move < $1.move }) where d.verdict == .pending && !d.to.allSatisfy((planned[d.commune] ?? []).contains) {
                let tied = ties(commune: d.commune, officers: Set(d.from + d.to))
                let now = planned[d.commune] ?? []
                let instead = now.sorted() == (current[d.commune] ?? []).sorted() ? "\(name(d.commune)) stays with \(names(now))" : "\(name(d.commune)) goes to \(names(now))"
                let why = tied.isEmpty ? "the plan no longer gains by it once the decisions hold" : "because of " + because(tied)
                disappeared.append(.init(commune: d.commune, communeName: name(d.commune), from: d.from, to: d.to, becauseOf: tied.map(\.move),
                                         reason: "\(why); \(instead)"))
            }
        }
        return DecisionReview(
            file: file, accepted: decisions.filter { $0.verdict == .accept }.count, rejected: decisions.filter { $0.verdict == .reject }.count,
            kept: decisions.filter { $0.verdict == .keep }.count, pending: decisions.filter { $0.verdict == .pending }.count,
            held: decisions.contains { $0.verdict == .hold } ? decisions.filter { $0.verdict == .hold }.count : nil,
            proposal: proposalSide, decided: decidedSide, cost: decidedSide.map { round6($0.total - proposalSide.total) },
            rows: rows, appeared: appeared, disappeared: disappeared, proposalViolations: hardViolations(proposed).map(\.message))
    }
}

/// Rounds to 6 decimals so that last-bit noise never reaches an output.
func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
