#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGLPK
import LinearModel

/// What `glp_intopt`'s branch-and-cut callback (`cb_func`) works with, handed over through
/// `cb_info`. It lives on the solving thread for the length of one `glp_intopt` call.
///
/// The callback runs with GLPK's C frames below it and the `_CGLPKGuard` setjmp point below
/// those, so it must never make a GLPK call that can fail (a longjmp would cross Swift
/// frames): it only calls `glp_ios_*` query routines with arguments it has checked,
/// `glp_ios_heur_sol` with a full, integral vector, and `glp_ios_terminate`.
final class SearchContext {
    enum StopCause { case timeLimit, caller, target }

    let clock: Stopwatch
    let deadline: Double?
    let progress: (@Sendable (SolveProgress) -> ProgressDecision)?
    /// Seconds between two calls of `progress`.
    let progressInterval: Double
    /// Stop once the incumbent is this good (`SolverOptions.objectiveTarget`), in the
    /// objective's own sense.
    let target: (value: Double, minimize: Bool)?
    /// A checked, feasible start, 1-based as `glp_ios_heur_sol` wants it; nil when none is
    /// offered (also whenever the MIP presolver renumbers the columns).
    let start: [Double]?

    private(set) var startOffered = false
    private(set) var startAccepted = false
    private(set) var firstIncumbent: Double?
    private(set) var firstIncumbentSeconds: Double?
    /// The best proven bound seen (`glp_ios_node_bound` of `glp_ios_best_node`).
    var bound: Double?
    private(set) var incumbent: Double?
    private(set) var gap: Double?
    /// Nodes no longer active (`t_cnt − a_cnt` of `glp_ios_tree_size`).
    private(set) var nodes = 0
    /// Nodes created (`t_cnt`).
    private(set) var nodesCreated = 0
    private(set) var stopCause: StopCause?
    /// Asked for cuts at `GLP_ICUTGEN`; every cut is checked before `glp_ios_add_row` sees it.
    var separator: (any CutSeparator)?
    private(set) var cutsAdded = 0
    private var lastProgress = 0.0
    let memory: MemoryMeter

    init(
        clock: Stopwatch, deadline: Double?, start: [Double]?, memory: MemoryMeter,
        progress: (@Sendable (SolveProgress) -> ProgressDecision)?, progressInterval: Double = 1,
        target: (value: Double, minimize: Bool)? = nil
    ) {
        self.target = target
        self.clock = clock
        self.deadline = deadline
        self.start = start.map { [0] + $0 }
        self.memory = memory
        self.progress = progress
        self.progressInterval = progressInterval
    }

    /// Sets `cb_func` and `cb_info`; `parameters` must not outlive `self`.
    func attach(to parameters: inout glp_iocp) {
        parameters.cb_func = { tree, info in
            guard let tree, let info else { return }
            Unmanaged<SearchContext>.fromOpaque(info).takeUnretainedValue().visit(tree)
        }
        parameters.cb_info = Unmanaged.passUnretained(self).toOpaque()
    }

    /// One call of the callback, for any reason (`glp_ios_reason`).
    private func visit(_ tree: OpaquePointer) {
        let now = clock.seconds
        observe(tree, now: now)
        let reason = glp_ios_reason(tree)
        if reason == GLP_IHEUR { offerStart(tree, now: now) }
        if reason == GLP_ICUTGEN, separator != nil { addCuts(tree) }
        memory.sample()
        if let target, let incumbent, target.minimize ? incumbent <= target.value : incumbent >= target.value {
            stopCause = stopCause ?? .target
            glp_ios_terminate(tree)
            return
        }
        if let deadline, now >= deadline {
            // GLPK checks tm_lim only between LP solves; this enforces the wall clock too.
            stopCause = stopCause ?? .timeLimit
            glp_ios_terminate(tree)
            return
        }
        if let progress, now - lastProgress >= progressInterval {
            lastProgress = now
            let snapshot = SolveProgress(elapsedSeconds: now, incumbent: incumbent, bestBound: bound, gap: gap, nodes: nodes)
            if progress(snapshot) == .stop {
                stopCause = stopCause ?? .caller
                glp_ios_terminate(tree)
            }
        }
    }

    /// Hands the start to GLPK once, at the first `GLP_IHEUR` request (the root node's
    /// fractional LP, before GLPK's own heuristics run). `glp_ios_heur_sol` does not check
    /// feasibility (the start was checked in Swift) and accepts only a better objective.
    private func offerStart(_ tree: OpaquePointer, now: Double) {
        guard let start, !startOffered else { return }
        startOffered = true
        let problem = glp_ios_get_prob(tree)
        guard glp_get_num_cols(problem) == Int32(start.count - 1) else { return }
        if glp_ios_heur_sol(tree, start) == 0 {
            startAccepted = true
            let value = glp_mip_obj_val(problem)
            incumbent = value
            if firstIncumbent == nil {
                firstIncumbent = value
                firstIncumbentSeconds = now
            }
        }
    }

    /// The node's LP solution to the separator, its violated cuts to the cut pool. A cut that
    /// names a column out of range, repeats one, or has a non-finite number is dropped: a
    /// GLPK error here would jump across Swift frames.
    private func addCuts(_ tree: OpaquePointer) {
        guard let separator else { return }
        let problem = glp_ios_get_prob(tree)
        let n = Int(glp_get_num_cols(problem))
        let values = (0..<n).map { glp_get_col_prim(problem, Int32($0 + 1)) }
        for cut in separator.cuts(for: values) {
            guard cut.lower.isFinite != cut.upper.isFinite, !cut.terms.isEmpty, cut.terms.count <= n else { continue }
            let rhs = cut.lower.isFinite ? cut.lower : cut.upper
            guard rhs.isFinite else { continue }
            var seen = Set<Int>()
            var index: [Int32] = [0], value: [Double] = [0]
            var valid = true
            var activity = 0.0
            for term in cut.terms {
                let j = term.variable.rawValue
                guard j >= 0, j < n, term.coefficient.isFinite, term.coefficient != 0, seen.insert(j).inserted else { valid = false; break }
                index.append(Int32(j + 1))
                value.append(term.coefficient)
                activity += term.coefficient * values[j]
            }
            // Only a well-formed cut the node's solution breaks goes to the pool.
            guard valid, cut.lower.isFinite ? activity < rhs - 1e-6 : activity > rhs + 1e-6 else { continue }
            let added = glp_ios_add_row(tree, nil, 101, 0, Int32(index.count - 1), index, value,
                                        cut.lower.isFinite ? GLP_LO : GLP_UP, rhs)
            if added > 0 { cutsAdded += 1 }
        }
    }

    /// Reads incumbent, bound, gap and tree size.
    private func observe(_ tree: OpaquePointer, now: Double) {
        let problem = glp_ios_get_prob(tree)
        if glp_mip_status(problem) == GLP_FEAS {
            let value = glp_mip_obj_val(problem)
            incumbent = value
            if firstIncumbent == nil {
                firstIncumbent = value
                firstIncumbentSeconds = now
            }
        }
        let best = glp_ios_best_node(tree)
        if best != 0 {
            let value = glp_ios_node_bound(tree, best)
            if abs(value) < Double.greatestFiniteMagnitude { bound = value }
        }
        let relative = glp_ios_mip_gap(tree)
        gap = incumbent != nil && abs(relative) < Double.greatestFiniteMagnitude ? relative : nil
        var active: Int32 = 0, inTree: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &inTree, &total)
        nodes = Int(total - active)
        nodesCreated = Int(total)
    }
}

/// GLPK's memory use (`glp_mem_usage`) over one solve. GLPK keeps a single peak per thread
/// environment and offers no reset: when an earlier solve on the thread set a higher peak,
/// the largest sampled current use stands in.
final class MemoryMeter {
    private let peakBefore: Int
    private var largestSample = 0

    init() {
        peakBefore = Self.read().peak
        sample()
    }

    func sample() {
        largestSample = max(largestSample, Self.read().current)
    }

    /// Peak bytes GLPK held during the solve.
    var peak: Int {
        let now = Self.read()
        largestSample = max(largestSample, now.current)
        return now.peak > peakBefore ? now.peak : largestSample
    }

    private static func read() -> (current: Int, peak: Int) {
        var count: Int32 = 0, countPeak: Int32 = 0
        var total = 0, totalPeak = 0
        glp_mem_usage(&count, &countPeak, &total, &totalPeak)
        return (total, totalPeak)
    }
}
