import DiaBanCore
import Foundation

extension PlanContext {
    /// The moves from the current assignment to `plan`, each with what it gains and why.
    ///
    /// A move's gains are measured by taking it back: the plan with that one commune returned
    /// to its current officers, against the plan. So each move is credited with what the plan
    /// would lose without it, per objective term, and moves are listed most valuable first.
    public func proposal(for plan: Assignment) -> Proposal {
        let sc = scenario
        let current = sc.current.officersByCommune
        let planned = plan.officersByCommune
        let tally = Tally(self, plan)
        let planTerms = tally.terms(self)
        let planPoints = planTerms.points(sc.weights, coverage: sc.rules.coverage)
        let currentKPIs = kpis(sc.current)
        let planKPIs = kpis(plan)
        let officerBefore = Dictionary(uniqueKeysWithValues: currentKPIs.officers.map { ($0.id, $0) })
        let officerAfter = Dictionary(uniqueKeysWithValues: planKPIs.officers.map { ($0.id, $0) })
        var moves: [Move] = []
        for commune in sc.communes {
            let before = current[commune.code] ?? []
            let after = planned[commune.code] ?? []
            guard before != after else { continue }
            let from = before.filter { !after.contains($0) }
            let to = after.filter { !before.contains($0) }
            var reverted = tally
            reverted.reassign(self, commune: communeIndex[commune.code]!, to: before.compactMap { officerIndex[$0] })
            let revertedPoints = reverted.terms(self).points(sc.weights, coverage: sc.rules.coverage)
            var gains: [String: Double] = [:]
            for term in ObjectiveTerm.allCases {
                let g = (revertedPoints[term] ?? 0) - (planPoints[term] ?? 0)
                if abs(g) > 1e-9 { gains[term.rawValue] = round2(g) }
            }
            let reason = explain(commune: commune, from: from, to: to, gains: gains,
                                 before: officerBefore, after: officerAfter)
            moves.append(Move(commune: commune.code, from: from, to: to, gains: gains, reason: reason,
                              forcedBy: forcedBy(commune: commune, from: from, to: to)))
        }
        moves.sort { ($0.totalGain, $1.commune) > ($1.totalGain, $0.commune) }
        // A move that costs points is there for another: say which, by its number.
        let numbered = moves
        for i in moves.indices where moves[i].totalGain < 0 {
            guard let room = Proposal.roomMade(by: i, in: numbered) else { continue }
            let who = officerIndex[room.officer].map { scenario.officers[$0] }.map { "\($0.name) (\($0.id))" } ?? room.officer
            let target = scenario.communes.first { $0.code == numbered[room.index].commune }?.name ?? numbered[room.index].commune
            let phrase = "frees capacity of \(who) for move \(room.index + 1) (\(target))"
            var reason = moves[i].reason
            if let fallback = reason.range(of: Self.together) {
                reason.replaceSubrange(fallback, with: phrase)
            } else if let points = reason.range(of: " (", options: .backwards) {
                reason.insert(contentsOf: "; " + phrase, at: points.lowerBound)
            }
            moves[i].reason = reason
        }
        return Proposal(moves: moves)
    }

    /// The hard rule that keeps a current pair of `commune` from continuing, if one does.
    private func forcedBy(commune: Commune, from: [String], to: [String]) -> String? {
        let sc = scenario
        if from.count != to.count { return "staffing" }
        for id in from {
            guard let o = officerIndex[id] else { return "staffing" }
            let officer = sc.officers[o]
            if !officer.isActive { return "leave" }
            if officer.homeCommune == commune.code { return "home-commune" }
            let pair = Pair(officer: id, commune: commune.code)
            if sc.rules.rotation?.mode == .hard, sc.yearsDue(pair) > 0 { return "rotation" }
            if forbiddenPairs.contains(pair) { return "forbidden" }
        }
        return nil
    }

    private var forbiddenPairs: Set<Pair> { Set(scenario.forbidden) }

    private func explain(
        commune: Commune, from: [String], to: [String], gains: [String: Double],
        before: [String: KPIs.OfficerKPI], after: [String: KPIs.OfficerKPI]
    ) -> String {
        let sc = scenario
        var parts: [String] = []
        let leaving = from.compactMap { officerIndex[$0].map { sc.officers[$0] } }
        if let gone = leaving.first(where: { !$0.isActive }) {
            parts.append("\(gone.name) is on leave")
        } else if leaving.contains(where: { $0.homeCommune == commune.code }) {
            parts.append("the current officer lives in this commune")
        } else if let due = from.lazy.compactMap({ sc.rotationReason(Pair(officer: $0, commune: commune.code)) }).first {
            parts.append(due)
        }
        let arriving = to.compactMap { officerIndex[$0].map { sc.officers[$0] } }
        let newlyCovered = commune.requiredSpecialties.filter { s in
            arriving.contains { $0.holds(s) } && !leaving.filter(\.isActive).contains { $0.holds(s) }
        }
        if !newlyCovered.isEmpty, (gains[ObjectiveTerm.coverage.rawValue] ?? 0) > 0 || sc.rules.coverage == .hard {
            parts.append("brings \(newlyCovered.map(\.rawValue).joined(separator: ", ")) expertise the commune needs")
        }
        for id in from {
            if let b = before[id], let a = after[id], let o = officerIndex[id], scenario.officers[o].isActive,
               b.utilisation > utilisationBand(o).upperBound, a.utilisation < b.utilisation {
                parts.append("relieves \(b.name) (\(fmt(b.utilisation, 0))% → \(fmt(a.utilisation, 0))% of capacity)")
            }
        }
        if (gains[ObjectiveTerm.mountainBalance.rawValue] ?? 0) > 0 {
            let who = (commune.isMountain ? to : from).compactMap { after[$0]?.name }
            parts.append("evens out mountain work (\(commune.isMountain ? "a mountain commune for" : "frees") \(who.joined(separator: ", ")))")
        }
        if (gains[ObjectiveTerm.workloadBalance.rawValue] ?? 0) > 0, !parts.contains(where: { $0.hasPrefix("relieves") }) {
            parts.append("evens out workload")
        }
        let travel = gains[ObjectiveTerm.travel.rawValue] ?? 0
        if travel > 0 {
            parts.append("saves \(fmt(travel / max(sc.weights.travel, 1e-12), 0)) km a year")
        } else if travel < 0 && sc.weights.travel > 0 {
            parts.append("adds \(fmt(-travel / sc.weights.travel, 0)) km a year")
        }
        // The roster changes of a what-if: the officer who leaves is the previous officer of
        // their communes, marked; one on leave and a new officer are marked too.
        let left = sc.rosterEvents.filter { $0.kind == .leaves && $0.communes.contains(commune.code) }
        if let first = left.first { parts.insert("\(first.officerName) leaves the roster", at: 0) }
        let marks = Dictionary(sc.rosterEvents.map { ($0.officer, $0.kind) }, uniquingKeysWith: { _, b in b })
        if parts.isEmpty { parts.append(Self.together) }
        let gain = gains.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        let names = { (ids: [String]) in
            ids.map { id in
                let mark = marks[id].flatMap { $0 == .leaves ? nil : ", " + RosterEvent.marker($0, english: true) } ?? ""
                return officerIndex[id].map { sc.officers[$0] }.map { "\($0.name) (\($0.id)\(mark))" } ?? id
            }.joined(separator: ", ")
        }
        let previous = from.isEmpty && !left.isEmpty
            ? left.map { "\($0.officerName) (\($0.officer), \(RosterEvent.marker(.leaves, english: true)))" }.joined(separator: ", ")
            : from.isEmpty ? "—" : names(from)
        return "\(commune.name): \(previous) → \(to.isEmpty ? "—" : names(to)); " + parts.joined(separator: "; ")
            + " (\(gain >= 0 ? "+" : "")\(fmt(gain, 1)) points)"
    }
}

extension PlanContext {
    /// The reason of a move no gain of its own explains.
    static let together = "needed together with other moves (it frees capacity or keeps the plan within the rules)"
}
