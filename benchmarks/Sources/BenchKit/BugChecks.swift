import Foundation
import LinearModel

/// What no results file may hold: a wrong optimum, a plan breaking a hard rule, solvers or runs
/// disagreeing on a proven optimum, a bound beyond a value some plan reaches. Each finding is a
/// bug of DiaBan (or of the benchmark), printed as such, and makes `run` exit 2.
public enum BugChecks {
    /// One answer on one model: a plan's value, a bound, whether it was proven optimal.
    public struct Claim: Sendable, Equatable {
        public var source: String
        public var objective: Double?
        public var bound: Double?
        public var proven: Bool

        public init(source: String, objective: Double?, bound: Double?, proven: Bool) {
            self.source = source
            self.objective = objective
            self.bound = bound
            self.proven = proven
        }
    }

    /// Claims on the same model: proven optima must agree, and no bound may pass any plan's
    /// value (when minimising a plan's value is an upper bound on the optimum, a bound a lower
    /// one; the other way round when maximising). `tolerance` is relative.
    public static func consistency(
        _ claims: [Claim], subject: String, tolerance: Double, sense: LinearModel.Sense = .minimize
    ) -> [String] {
        var out: [String] = []
        func slack(_ x: Double) -> Double { max(tolerance, 1e-6) * max(1, abs(x)) + 1e-6 }
        // Two proofs may each sit anywhere within the tolerance of the optimum.
        let proven = claims.filter { $0.proven && $0.objective != nil }
        if let first = proven.first {
            for c in proven.dropFirst() where abs(c.objective! - first.objective!) > 2 * slack(first.objective!) {
                out.append("\(subject): \(first.source) proved the optimum \(Text.number(first.objective!)), \(c.source) \(Text.number(c.objective!))")
            }
        }
        // The best plan value, against every bound.
        let plans = claims.filter { $0.objective != nil }
        let best = sense == .minimize ? plans.min { $0.objective! < $1.objective! } : plans.max { $0.objective! < $1.objective! }
        if let best {
            let value = best.objective!
            for c in claims {
                guard let b = c.bound else { continue }
                let passes = sense == .minimize ? b > value + slack(value) : b < value - slack(value)
                guard passes else { continue }
                let what = best.proven ? "the optimum \(Text.number(value)) that \(best.source) proved" : "the value \(Text.number(value)) of \(best.source)'s plan"
                out.append("\(subject): \(c.source)'s bound \(Text.number(b)) is \(sense == .minimize ? "above" : "below") \(what)")
            }
        }
        return out
    }

    /// Every bug of `file`.
    public static func find(in file: ResultsFile) -> [String] {
        var out: [String] = []
        // Ladder: hard rules, and the runs of a case against each other and against the peers.
        for c in file.ladder {
            for (i, r) in c.perRun.enumerated() where r.planViolations > 0 {
                out.append("\(c.name) run \(i + 1): the plan breaks \(r.planViolations) hard rule(s)")
            }
            var claims = c.perRun.enumerated().map { i, r in
                Claim(source: "DiaBan run \(i + 1)", objective: r.objective, bound: r.bound, proven: r.status == "optimal")
            }
            if let p = file.peers.first(where: { $0.name == c.name }) { claims += p.peerClaims() }
            if c.name == "nghe-an" { claims += ngheAnClaims(file) }
            out += consistency(claims, subject: c.name, tolerance: c.gapTolerance)
        }
        // Pieces without a ladder case to hold them: against each other.
        if !file.ladder.contains(where: { $0.name == "nghe-an" }) && !file.pieces.isEmpty {
            out += consistency(ngheAnClaims(file), subject: "nghe-an", tolerance: 1e-6)
        }
        for p in file.pieces {
            if let r = p.run, r.planViolations > 0 { out.append("piece \(p.name): the plan breaks \(r.planViolations) hard rule(s)") }
        }
        // Batches: each item over its runs; the trade-off's points against each other.
        for b in file.batches {
            for item in b.items {
                let claims = b.perRun.enumerated().compactMap { i, run -> Claim? in
                    guard let x = run.items.first(where: { $0.label == item.label }) else { return nil }
                    return batchClaim(x, source: "run \(i + 1)")
                }
                out += consistency(claims, subject: "\(b.name) \(item.label)", tolerance: 1e-6)
                let statuses = Set(item.statuses)
                if statuses.contains("infeasible") && (statuses.contains("optimal") || statuses.contains("feasible")) {
                    out.append("\(b.name) \(item.label): infeasible in one run, a plan in another")
                }
            }
            if b.kind == .tradeoff {
                for (i, run) in b.perRun.enumerated() { out += tradeoffOrder(run, subject: "\(b.name) run \(i + 1)") }
            }
        }
        // Staffing advice: each screened run against the brute force of the same run.
        for a in file.advice where a.kind == .singles {
            for (i, (screened, brute)) in zip(a.perRun, a.bruteForce).enumerated() {
                out += screenedAgainstBruteForce(screened, brute, top: a.top ?? 10, subject: "\(a.name) run \(i + 1)")
            }
        }
        // The province sweep: hard rules, and DiaBan against the peers on the same model.
        for c in file.sweep {
            if let r = c.diaban, r.planViolations > 0 { out.append("\(c.name): the plan breaks \(r.planViolations) hard rule(s)") }
            out += consistency(c.claims(), subject: c.name, tolerance: c.gapTolerance)
        }
        // GAP: the published values, and the peers' proven optima.
        for s in file.gap {
            for row in [s.diaban, s.glpkCompact].compactMap({ $0 }) {
                for r in row.instances where r.verdict == .wrong {
                    out.append("GAP \(r.instance) (\(row.solver)): WRONG — \(r.note ?? "")")
                }
            }
            out += gapAgainstPeers(s)
        }
        return out
    }

    /// Every DiaBan answer on the Nghệ An baseline model outside its ladder case: the engine
    /// pieces, and the baseline column of each compare run.
    static func ngheAnClaims(_ file: ResultsFile) -> [Claim] {
        var claims = file.pieces.compactMap { p in
            p.run.map { Claim(source: "piece \(p.name)", objective: $0.objective, bound: $0.bound, proven: $0.status == "optimal") }
        }
        for b in file.batches where b.kind == .compare {
            for (i, run) in b.perRun.enumerated() {
                guard let x = run.items.first(where: { $0.label == "baseline" }) else { continue }
                claims.append(batchClaim(x, source: "\(b.name) run \(i + 1) baseline"))
            }
        }
        return claims
    }

    /// A compare scenario or trade-off point as a claim. Its objective is the plan's points;
    /// only a scenario solved as one weighted level reports a bound, and only there are those
    /// points the optimum proven: with priority levels, two optimal plans may differ in points.
    static func batchClaim(_ x: BatchItem, source: String) -> Claim {
        Claim(source: source, objective: x.objective, bound: x.bound, proven: x.status == "optimal" && x.bound != nil)
    }

    /// A trade-off over the most changes allowed, in increasing order: each point's problem
    /// contains the previous one's plans, so its bound stays at or below every earlier plan's
    /// value, and it is not infeasible when an earlier point has a plan.
    static func tradeoffOrder(_ run: BatchRun, subject: String) -> [String] {
        var out: [String] = []
        var bestSoFar: (label: String, value: Double)?
        for item in run.items {
            if let best = bestSoFar {
                if item.status == "infeasible" {
                    out.append("\(subject): at most \(item.label) changes reported infeasible, but at most \(best.label) has a plan")
                } else if let b = item.bound, b > best.value + 1e-6 * max(1, abs(best.value)) + 1e-6 {
                    out.append("\(subject): the bound \(Text.number(b)) at most \(item.label) changes is above the plan \(Text.number(best.value)) at most \(best.label)")
                }
            }
            if let o = item.objective, o < (bestSoFar?.value ?? .infinity) { bestSoFar = (item.label, o) }
        }
        return out
    }

    /// Gains are compared to this many points (the advice's JSON rounds them to 0.01).
    static let gainTolerance = 0.01

    /// Screening may only leave out what cannot enter the first `top` of its kind. So the
    /// screened run and the brute force (every candidate solved) price the same candidates,
    /// their first `top` gains of each kind agree (exact ones to 0.01 points, others by their
    /// intervals overlapping), and no candidate left out has a brute-force gain above the
    /// `top`-th gain, nor above the bound it was left out by.
    public static func screenedAgainstBruteForce(_ screened: AdviceRun, _ brute: AdviceRun, top: Int, subject: String) -> [String] {
        var out: [String] = []
        let tol = gainTolerance + 1e-9
        func g(_ x: Double) -> String { String(format: "%.2f", x) }
        for kind in Set(screened.priced.keys).union(brute.priced.keys).sorted() {
            if screened.priced[kind] != brute.priced[kind] {
                out.append("\(subject): \(kind): screened priced \(screened.priced[kind] ?? 0) candidates, brute force \(brute.priced[kind] ?? 0)")
                continue
            }
            let a = screened.first.filter { $0.kind == kind }, b = brute.first.filter { $0.kind == kind }
            for i in 0..<max(a.count, b.count) {
                guard i < a.count, i < b.count, let x = a[i].gain, let y = b[i].gain else {
                    let side = i < a.count && a[i].gain != nil ? "brute force" : "screened run"
                    out.append("\(subject): \(kind) rank \(i + 1): no gain in the \(side)")
                    continue
                }
                let differ: Bool
                if a[i].exact && b[i].exact {
                    differ = abs(x - y) > tol
                } else {
                    // Each true gain lies in its interval: two intervals that do not meet cannot hold the same ranked gain.
                    let lowA = a[i].gainLow ?? -.infinity, highA = a[i].gainHigh ?? .infinity
                    let lowB = b[i].gainLow ?? -.infinity, highB = b[i].gainHigh ?? .infinity
                    differ = lowA > highB + tol || lowB > highA + tol
                }
                if differ {
                    out.append("\(subject): \(kind) rank \(i + 1): screened gain \(g(x)) (\(a[i].key)), brute force \(g(y)) (\(b[i].key))")
                }
            }
            let left = screened.bounds[kind] ?? [:]
            guard !left.isEmpty else { continue }
            guard b.count >= top, let last = b[top - 1].gain else {
                out.append("\(subject): \(kind): \(left.count) candidates left out though the brute force ranks fewer than \(top) with a gain")
                continue
            }
            let gains = brute.gains[kind] ?? [:]
            for (key, bound) in left.sorted(by: { $0.key < $1.key }) {
                guard let gain = gains[key] else { continue }
                if gain > last + tol {
                    out.append("\(subject): \(key) was left out by its bound, but its brute-force gain \(g(gain)) is above the \(kind) gain ranked \(top), \(g(last))")
                }
                if gain > bound + tol {
                    out.append("\(subject): \(key) was left out by the bound \(g(bound)) on its gain, below its brute-force gain \(g(gain))")
                }
            }
        }
        return out
    }

    /// DiaBan's rows against a peer's proven optimum, instance by instance.
    static func gapAgainstPeers(_ s: GAPSetSummary) -> [String] {
        var out: [String] = []
        for peer in [s.glpsol, s.cbc].compactMap({ $0 }) {
            for theirs in peer.instances where theirs.isProvenOptimal {
                guard let v = theirs.objective else { continue }
                for row in [s.diaban, s.glpkCompact].compactMap({ $0 }) {
                    guard let mine = row.instances.first(where: { $0.instance == theirs.instance }) else { continue }
                    let claims = [
                        Claim(source: peer.solver, objective: v, bound: nil, proven: true),
                        Claim(source: row.solver, objective: mine.objective, bound: mine.bound, proven: mine.isProvenOptimal),
                    ]
                    out += consistency(claims, subject: "GAP \(theirs.instance)", tolerance: 1e-6, sense: s.set.sense)
                }
            }
        }
        return out
    }
}

extension PeerComparison {
    /// The peers' answers on the exported model, in DiaBan's terms. GLPK writes an objective
    /// constant as the objective row's right-hand side, which readers take with either sign:
    /// a peer's value is taken as the reading (±constant) nearest to DiaBan's.
    func peerClaims() -> [BugChecks.Claim] {
        let c = objectiveConstant ?? 0
        let reference = diabanObjective ?? diabanBound
        func adjusted(_ x: Double?) -> Double? {
            guard let x else { return nil }
            guard c != 0, let reference else { return x }
            return [x, x - c, x + c].min { abs($0 - reference) < abs($1 - reference) }
        }
        return [(Peers.Kind.glpsol, glpsol), (.cbc, cbc), (.highs, highs)].compactMap { kind, run in
            guard let run, run.status != "missing" else { return nil }
            let shift = (adjusted(run.objective) ?? run.objective ?? 0) - (run.objective ?? 0)
            return BugChecks.Claim(source: kind.rawValue, objective: adjusted(run.objective), bound: run.bound.map { $0 + shift },
                                   proven: run.status == "optimal")
        }
    }
}
