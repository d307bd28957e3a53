import DiaBanCore

/// A problem found before solving, with the names of what causes it.
public struct Finding: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }
    public var severity: Severity
    /// A short stable key (`capacity-short`, `specialty-over-demanded`, …) for scripts.
    public var code: String
    public var message: String
    /// Officers and communes the finding is about (ids and codes).
    public var culprits: [String]
    public var description: String { "\(severity == .error ? "error" : "warning"): \(message)" }
}

/// The obvious feasibility checks of MODEL.md, run before any solve: an `error` finding means
/// no plan can satisfy the hard rules; a `warning` means a soft goal cannot be fully met.
public enum QuickChecks {
    /// Names the hard rotation rule when it is what keeps a commune's current officers away.
    static func rotationNote(_ sc: Scenario, commune: Commune) -> String {
        guard let rule = sc.rules.rotation, rule.mode == .hard else { return "" }
        let due = sc.pairsDueForRotation.filter { $0.commune == commune.code }
        guard !due.isEmpty else { return "" }
        let who = due.map { p in "\(sc.officer(p.officer)?.name ?? p.officer) (\(sc.tenureYears(p) ?? 0) years)" }.joined(separator: ", ")
        return "; the hard rotation rule (\(rule.maxYears) years) takes \(who) off it: make the rule soft, or give the commune another officer who may track it"
    }

    public static func run(_ context: PlanContext) -> [Finding] {
        let sc = context.scenario
        var out: [Finding] = []
        let active = sc.officers.filter(\.isActive)

        if context.activeCapacity + 1e-9 < context.totalWorkload {
            out.append(Finding(severity: .error, code: "capacity-short",
                message: "Total capacity of active officers is \(fmt(context.activeCapacity)) workload units, but the communes need \(fmt(context.totalWorkload)): \(fmt(context.totalWorkload - context.activeCapacity)) units short. Add officers, raise capacities or bring officers back from leave.",
                culprits: []))
        }

        for (c, commune) in sc.communes.enumerated() {
            let n = context.eligibility.officersOfCommune[c].count
            if n < commune.staffing {
                out.append(Finding(severity: .error, code: "no-eligible-officer",
                    message: "Commune \(commune.code) \(commune.name) needs \(commune.staffing) officer(s) but only \(n) may track it (the others are on leave, live there, are forbidden or were pruned by the candidate limit)"
                        + Self.rotationNote(sc, commune: commune) + ".",
                    culprits: [commune.code]))
            }
            for s in commune.requiredSpecialties {
                let holders = context.eligibility.officersOfCommune[c].filter { sc.officers[$0].holds(s) }
                if holders.isEmpty {
                    out.append(Finding(severity: sc.rules.coverage == .hard ? .error : .warning, code: "specialty-no-holder",
                        message: "Commune \(commune.code) \(commune.name) needs \(s), but no officer who may track it holds \(s).",
                        culprits: [commune.code]))
                }
            }
        }

        // Specialty supply against demand: every commune needing s takes one holder's workload.
        let needed = Set(sc.communes.flatMap(\.requiredSpecialties)).sorted()
        for s in needed {
            let demanding = sc.communes.filter { $0.requiredSpecialties.contains(s) }
            let holders = active.filter { $0.holds(s) }
            let demand = demanding.reduce(0) { $0 + $1.workload }
            let supply = holders.reduce(0) { $0 + $1.capacity }
            // Holders' commune-count limit, when every holder has one.
            let countLimit = holders.allSatisfy { $0.maxCommunes != nil } ? holders.reduce(0) { $0 + $1.maxCommunes! } : Int.max
            if demand > supply + 1e-9 || demanding.count > countLimit {
                out.append(Finding(severity: sc.rules.coverage == .hard ? .error : .warning, code: "specialty-over-demanded",
                    message: "Only \(holders.count) officer(s) hold \(s) (capacity \(fmt(supply)) units) but \(demanding.count) communes need it (workload \(fmt(demand)) units)\(sc.rules.coverage == .hard ? "" : "; some needs will stay uncovered").",
                    culprits: holders.map(\.id)))
            }
        }

        // Locked pairs: eligible, and within each officer's capacity.
        let eligible = Set(context.eligibility.pairs)
        var lockedLoad: [String: Double] = [:]
        for pair in sc.locked {
            if !eligible.contains(pair) {
                out.append(Finding(severity: .error, code: "locked-ineligible",
                    message: "The locked pair \(pair.officer)–\(pair.commune) is not allowed (the officer is on leave, lives there, or the pair is forbidden).",
                    culprits: [pair.officer, pair.commune]))
            }
            if let c = context.communeIndex[pair.commune] { lockedLoad[pair.officer, default: 0] += sc.communes[c].workload }
        }
        for (id, load) in lockedLoad.sorted(by: { $0.key < $1.key }) {
            if let officer = sc.officer(id), load > officer.capacity + 1e-9 {
                out.append(Finding(severity: .error, code: "locked-over-capacity",
                    message: "Officer \(id) \(officer.name) is locked to communes with \(fmt(load)) workload units but can carry \(fmt(officer.capacity)): \(fmt(load - officer.capacity)) more units would be needed.",
                    culprits: [id]))
            }
        }

        // Changes the rules force: every place whose current officer may no longer hold it.
        if let maxChanges = sc.rules.maxChanges {
            let byCommune = sc.current.officersByCommune
            var forced = 0
            for commune in sc.communes {
                let kept = (byCommune[commune.code] ?? []).filter { eligible.contains(Pair(officer: $0, commune: commune.code)) }.count
                forced += max(0, commune.staffing - kept)
            }
            if forced > maxChanges {
                out.append(Finding(severity: .error, code: "max-changes-too-low",
                    message: "At least \(forced) communes must change officer (their current officer is on leave, removed or no longer allowed), but the rules allow only \(maxChanges) changes.",
                    culprits: []))
            }
        }

        // Count band: an officer must reach the band's lower end with eligible mountain communes.
        if let band = sc.rules.mountainBand, band.measure == .count, band.lower > 0 {
            for (o, officer) in sc.officers.enumerated() where officer.isActive {
                let reachable = context.eligibility.officersOfCommune.enumerated().filter { c, os in os.contains(o) && sc.communes[c].isMountain }.count
                if Double(reachable) < band.lower.rounded(.up) {
                    out.append(Finding(severity: .error, code: "mountain-band-unreachable",
                        message: "Officer \(officer.id) \(officer.name) may track only \(reachable) mountain communes, below the band's lower end \(fmt(band.lower)).",
                        culprits: [officer.id]))
                }
            }
        }
        return out
    }
}
