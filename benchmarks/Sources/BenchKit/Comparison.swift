import Foundation

/// What changed between two results files: regressions beyond the noise band, improvements,
/// and notes (a changed model, a different machine, a busy machine).
public struct Comparison: Sendable {
    public enum Kind: String, Sendable { case regression, improvement, note }

    public struct Finding: Sendable, Equatable {
        public var kind: Kind
        public var subject: String
        public var text: String
    }

    /// A time regresses when the new median exceeds the old by more than this fraction…
    public var noise: Double
    /// … and by more than this many seconds (tiny times jitter by whole milliseconds).
    public var minSeconds: Double
    public private(set) var findings: [Finding] = []

    public var regressions: [Finding] { findings.filter { $0.kind == .regression } }

    public init(old: ResultsFile, new: ResultsFile, noise: Double = 0.15, minSeconds: Double = 0.05) {
        self.noise = noise
        self.minSeconds = minSeconds
        compareSetting(old, new)
        matchCases(old.ladder, new.ladder, key: \.name) { $0.compareLadder($1, $2) }
        matchCases(old.gap, new.gap, key: \.set.rawValue, new: "new GAP set (not in the old file)") { $0.compareGAP($1, $2) }
        matchCases(old.batches, new.batches, key: \.name) { $0.compareBatch($1, $2) }
        matchCases(old.advice, new.advice, key: \.name) { $0.compareAdvice($1, $2) }
        comparePieces(old.pieces, new.pieces)
        compareSweep(old.sweep, new.sweep)
        for n in new.targets {
            guard let o = old.targets.first(where: { $0.name == n.name }) else { continue }
            if o.met == true && n.met == false { add(.regression, "target", "\(n.name): met before (\(o.value)), not met now (\(n.value))") }
            if o.met == false && n.met == true { add(.improvement, "target", "\(n.name): met now (\(n.value)), not before (\(o.value))") }
        }
        for bug in new.bugs where !old.bugs.contains(bug) { add(.regression, "bug", bug) }
    }

    /// Compares the cases both files ran (matched by `key`), and notes those only one ran.
    mutating func matchCases<Case>(
        _ old: [Case], _ new: [Case], key: (Case) -> String, new newNote: String = "new case (not in the old file)",
        compare: (inout Comparison, Case, Case) -> Void
    ) {
        for n in new {
            guard let o = old.first(where: { key($0) == key(n) }) else {
                add(.note, key(n), newNote)
                continue
            }
            compare(&self, o, n)
        }
        for o in old where !new.contains(where: { key($0) == key(o) }) {
            add(.note, key(o), "not run in the new file")
        }
    }

    mutating func add(_ kind: Kind, _ subject: String, _ text: String) {
        findings.append(Finding(kind: kind, subject: subject, text: text))
    }

    mutating func compareSetting(_ old: ResultsFile, _ new: ResultsFile) {
        for (label, file) in [("old", old), ("new", new)] where file.schema != ResultsFile.currentSchema {
            let lacks = switch file.schema {
            case "diaban.bench/1":
                "its DiaBan GAP row was GLPK's branch-and-cut, and it has no engine counts, no compare, trade-off or pieces cases, no province sweep, no HiGHS and no staffing advice"
            case "diaban.bench/2": "it has no province sweep, no HiGHS and no staffing advice"
            default: "it has no staffing advice"
            }
            add(.note, "schema", "the \(label) file has schema \(file.schema): \(lacks); compared where both files have the numbers")
        }
        if let a = old.settings.engineSettings, let b = new.settings.engineSettings, a != b {
            add(.note, "settings", "the engine's settings changed: \(a) → \(b)")
        }
        // The memory the kernel reports moves by a few pages between boots: only a real difference counts.
        let memoryDiffers = abs(Double(old.machine.memoryBytes - new.machine.memoryBytes)) > 0.02 * Double(max(old.machine.memoryBytes, 1))
        if old.machine.cores != new.machine.cores || old.machine.cpu != new.machine.cpu || memoryDiffers {
            add(.note, "machine", "the machines differ (\(old.machine.cores) cores, \(old.machine.cpu) → \(new.machine.cores) cores, \(new.machine.cpu)): times are not comparable")
        }
        for (label, file) in [("old", old), ("new", new)] where max(file.loadAverage.start, file.loadAverage.end) > Double(file.machine.cores) * 0.75 {
            add(.note, "machine", "the \(label) run had a load average of \(String(format: "%.1f", max(file.loadAverage.start, file.loadAverage.end))) on \(file.machine.cores) cores: its times are inflated by other processes")
        }
        for (set, options) in new.settings.gapOptions.sorted(by: { $0.key < $1.key }) {
            if let before = old.settings.gapOptions[set], before != options { add(.note, "settings", "GAP \(set) options changed: \(before) → \(options)") }
        }
        if old.settings.ladderOptions != new.settings.ladderOptions { add(.note, "settings", "DiaBan's default GLPK options changed: \(old.settings.ladderOptions) → \(new.settings.ladderOptions)") }
    }

    mutating func time(_ subject: String, _ what: String, _ old: Double?, _ new: Double?) {
        guard let old, let new else { return }
        let change = old > 0 ? (new - old) / old : 0
        let text = "\(what) \(Text.seconds(old)) → \(Text.seconds(new)) (\(change >= 0 ? "+" : "")\(String(format: "%.0f", 100 * change)) %)"
        if new > old * (1 + noise) && new - old > minSeconds { add(.regression, subject, text) }
        else if new < old * (1 - noise) && old - new > minSeconds { add(.improvement, subject, text) }
    }

    static func rank(_ status: String) -> Int { LadderCaseResult.statusOrder.firstIndex(of: status) ?? 99 }

    /// The province sweep, case by case (each case one run): a proof lost is a regression, a
    /// proof gained an improvement, and the times of cases proven in both compare in the noise band.
    mutating func compareSweep(_ old: [SweepCaseResult], _ new: [SweepCaseResult]) {
        guard !old.isEmpty || !new.isEmpty else { return }
        if old.isEmpty { add(.note, "sweep", "new in this file: \(new.count) cases"); return }
        if new.isEmpty { add(.note, "sweep", "not run in the new file"); return }
        // Each case as (status, seconds): plain values, compared by name.
        let before = Dictionary(old.map { ($0.name, ($0.status, $0.diaban?.wallSeconds)) }, uniquingKeysWith: { a, _ in a })
        for n in new {
            guard let (oldStatus, oldSeconds) = before[n.name] else { continue }
            let newStatus = n.status, newSeconds = n.diaban?.wallSeconds
            let wasProven = oldStatus == "optimal", isProven = newStatus == "optimal"
            if wasProven && !isProven { add(.regression, n.name, "proven before (\(Text.seconds(oldSeconds ?? 0))), \(newStatus) now") }
            if !wasProven && isProven { add(.improvement, n.name, "\(oldStatus) before, proven now in \(Text.seconds(newSeconds ?? 0))") }
            if wasProven && isProven { time(n.name, "end to end", oldSeconds, newSeconds) }
        }
        let a = SweepSummary(old, capacityRatio: nil), b = SweepSummary(new, capacityRatio: nil)
        add(.note, "sweep", "proven within \(Text.seconds(SweepCase.provenWithin)): \(a.provenWithin)/\(a.count) → \(b.provenWithin)/\(b.count)")
    }

    mutating func compareLadder(_ o: LadderCaseResult, _ n: LadderCaseResult) {
        let s = n.name
        let sameModel = o.variables == n.variables && o.constraints == n.constraints && o.nonZeros == n.nonZeros
        if !sameModel {
            add(.note, s, "the model changed: \(o.variables) → \(n.variables) columns, \(o.constraints) → \(n.constraints) rows, \(o.nonZeros) → \(n.nonZeros) non-zeros")
        }
        if Self.rank(n.status) > Self.rank(o.status) { add(.regression, s, "status \(o.status) → \(n.status)") }
        if Self.rank(n.status) < Self.rank(o.status) { add(.improvement, s, "status \(o.status) → \(n.status)") }
        time(s, "end to end", o.wall.median, n.wall.median)
        time(s, "solve", o.glpk.median, n.glpk.median)
        time(s, "read + build + report", o.read.median + o.build.median + o.report.median, n.read.median + n.build.median + n.report.median)
        time(s, "first plan", o.firstFeasible?.median, n.firstFeasible?.median)
        if o.firstFeasible != nil && n.firstFeasible == nil { add(.regression, s, "no plan found any more") }

        // Quality: minimisation; a proven optimum must not move unless the model did.
        if let oo = o.objective?.median, let no = n.objective?.median {
            let scale = max(1, abs(oo))
            if o.status == "optimal" && n.status == "optimal" {
                if abs(no - oo) > 1e-6 * scale {
                    add(sameModel ? .regression : .note, s, "the proven optimum moved: \(Text.number(oo)) → \(Text.number(no))")
                }
            } else if no > oo + max(n.gapTolerance, 1e-6) * scale {
                add(.regression, s, "objective worse: \(Text.number(oo)) → \(Text.number(no))")
            } else if no < oo - max(n.gapTolerance, 1e-6) * scale {
                add(.improvement, s, "objective better: \(Text.number(oo)) → \(Text.number(no))")
            }
        }
        if let og = o.gap?.median, let ng = n.gap?.median, ng > og + max(0.001, noise * og) {
            add(.regression, s, "gap \(Text.percent(og)) → \(Text.percent(ng))")
        }
        if let oe = o.engine, let ne = n.engine {
            count(s, "column-generation rounds", oe.columnGenerationRounds.median, ne.columnGenerationRounds.median)
            count(s, "branch-and-price nodes", oe.branchNodes.median, ne.branchNodes.median)
        }
        let om = o.peakRSSBytes.max, nm = n.peakRSSBytes.max
        if om > 0, nm > om * (1 + noise), nm - om > 32 * 1024 * 1024 {
            add(.regression, s, "peak memory \(Text.bytes(om)) → \(Text.bytes(nm))")
        }
    }

    /// A load-independent count that moved: a note (more work is not a regression by itself).
    mutating func count(_ subject: String, _ what: String, _ old: Double, _ new: Double) {
        guard old != new else { return }
        add(.note, subject, "\(what) \(Text.number(old)) → \(Text.number(new))")
    }

    mutating func compareBatch(_ o: BatchCaseResult, _ n: BatchCaseResult) {
        let s = n.name
        if n.error != nil && o.error == nil { add(.regression, s, "failed: \(n.error!)") }
        if n.decided < o.decided { add(.regression, s, "decided \(o.decided) → \(n.decided) of \(n.count)") }
        if n.decided > o.decided { add(.improvement, s, "decided \(o.decided) → \(n.decided) of \(n.count)") }
        if o.runs > 0 && n.runs > 0 { time(s, "total", o.wall.median, n.wall.median) }
        for ni in n.items {
            guard let oi = o.items.first(where: { $0.label == ni.label }) else { continue }
            if Self.rank(ni.status) > Self.rank(oi.status) { add(.regression, s, "\(ni.label): status \(oi.status) → \(ni.status)") }
            if let ov = oi.objective?.median, let nv = ni.objective?.median, oi.status == "optimal", ni.status == "optimal",
               abs(nv - ov) > 1e-6 * max(1, abs(ov)) {
                add(.note, s, "\(ni.label): the proven optimum moved: \(Text.number(ov)) → \(Text.number(nv))")
            }
        }
    }

    /// Staffing advice: the screened singles' and the brute force's times, the joint choice's
    /// status, gap and seconds, resilience's time and proofs; counts of candidates solved are
    /// notes (they do not depend on the machine).
    mutating func compareAdvice(_ o: AdviceCaseResult, _ n: AdviceCaseResult) {
        let s = n.name
        if n.error != nil && o.error == nil { add(.regression, s, "failed: \(n.error!)") }
        guard o.runs > 0 && n.runs > 0 else { return }
        switch n.kind {
        case .singles:
            time(s, "singles (screened)", o.singles?.median, n.singles?.median)
            time(s, "singles (brute force)", o.bruteForceSingles?.median, n.bruteForceSingles?.median)
            if o.firstExact && !n.firstExact { add(.regression, s, "the first \(n.top ?? 10) of each kind no longer all exact") }
            if !o.firstExact && n.firstExact { add(.improvement, s, "the first \(n.top ?? 10) of each kind all exact now") }
            if let a = o.perRun.first, let b = n.perRun.first {
                if a.priced != b.priced { add(.note, s, "candidates priced \(a.priced.values.reduce(0, +)) → \(b.priced.values.reduce(0, +))") }
                count(s, "candidates solved (screened)", Double(a.solved), Double(b.solved))
            }
        case .joint:
            if let os = o.jointStatus, let ns = n.jointStatus {
                if Self.rank(ns) > Self.rank(os) { add(.regression, s, "joint choice \(os) → \(ns)") }
                if Self.rank(ns) < Self.rank(os) { add(.improvement, s, "joint choice \(os) → \(ns)") }
            }
            if let og = o.jointGap?.max, let ng = n.jointGap?.max {
                if ng > og + max(0.001, noise * og) { add(.regression, s, "joint gap \(Text.percent(og)) → \(Text.percent(ng))") }
                if ng < og - max(0.001, noise * og) { add(.improvement, s, "joint gap \(Text.percent(og)) → \(Text.percent(ng))") }
            }
            time(s, "joint choice", o.jointSeconds?.median, n.jointSeconds?.median)
        case .resilience:
            let od = o.perRun.map(\.departuresDecided).min() ?? 0, nd = n.perRun.map(\.departuresDecided).min() ?? 0
            if nd < od { add(.regression, s, "departures proven \(od) → \(nd)") }
            if nd > od { add(.improvement, s, "departures proven \(od) → \(nd)") }
            time(s, "total", o.wall.median, n.wall.median)
        }
    }

    mutating func comparePieces(_ old: [PieceResult], _ new: [PieceResult]) {
        for n in new {
            let s = "piece \(n.name)"
            guard let o = old.first(where: { $0.name == n.name }) else {
                add(.note, s, "new (not in the old file)")
                continue
            }
            guard let or = o.run, let nr = n.run else {
                if o.run != nil { add(.regression, s, "failed: \(n.error ?? "")") }
                continue
            }
            if Self.rank(nr.status) > Self.rank(or.status) { add(.regression, s, "status \(or.status) → \(nr.status)") }
            if Self.rank(nr.status) < Self.rank(or.status) { add(.improvement, s, "status \(or.status) → \(nr.status)") }
            if let oe = or.engine, let ne = nr.engine {
                count(s, "column-generation rounds", Double(oe.columnGenerationRounds), Double(ne.columnGenerationRounds))
                count(s, "branch-and-price nodes", Double(oe.branchNodes), Double(ne.branchNodes))
            } else if or.engine == nil && nr.engine == nil {
                count(s, "GLPK nodes", Double(or.nodes), Double(nr.nodes))
            }
        }
    }

    mutating func compareGAP(_ o: GAPSetSummary, _ n: GAPSetSummary) {
        let s = "GAP \(n.set.rawValue)"
        if o.diaban.options != n.diaban.options {
            add(.note, s, "DiaBan's solver or options changed: \(o.diaban.options) → \(n.diaban.options)")
        }
        if n.diaban.wrong > 0 { add(.regression, s, "\(n.diaban.wrong) WRONG value(s): " + n.diaban.instances.filter { $0.verdict == .wrong }.map { "\($0.instance) (\($0.note ?? ""))" }.joined(separator: ", ")) }
        if o.diaban.count != n.diaban.count || o.timeLimit != n.timeLimit {
            add(.note, s, "different selection or limit (\(o.diaban.count) → \(n.diaban.count) instances, \(Text.seconds(o.timeLimit)) → \(Text.seconds(n.timeLimit)))")
            return
        }
        if n.diaban.provenOptimal < o.diaban.provenOptimal { add(.regression, s, "proven optimal \(o.diaban.provenOptimal) → \(n.diaban.provenOptimal) of \(n.diaban.count)") }
        if n.diaban.provenOptimal > o.diaban.provenOptimal { add(.improvement, s, "proven optimal \(o.diaban.provenOptimal) → \(n.diaban.provenOptimal) of \(n.diaban.count)") }
        time(s, "total", o.diaban.totalSeconds, n.diaban.totalSeconds)
        for ni in n.diaban.instances {
            guard let oi = o.diaban.instances.first(where: { $0.instance == ni.instance }) else { continue }
            if oi.isProvenOptimal && !ni.isProvenOptimal { add(.regression, s, "\(ni.instance) no longer proven optimal (\(ni.status))") }
        }
    }

    /// The report: regressions first, then improvements, then notes.
    public func text(oldName: String, newName: String) -> String {
        var out = "Comparing \(oldName) (old) with \(newName) (new); noise band ±\(Int((100 * noise).rounded())) % and \(Text.seconds(minSeconds)).\n"
        for (kind, title) in [(Kind.regression, "REGRESSIONS"), (.improvement, "Improvements"), (.note, "Notes")] {
            let list = findings.filter { $0.kind == kind }
            guard !list.isEmpty else { continue }
            out += "\n\(title) (\(list.count)):\n" + list.map { "  \($0.subject): \($0.text)\n" }.joined()
        }
        if regressions.isEmpty { out += "\nNo regression beyond the noise band.\n" }
        return out
    }
}
