import LinearModel

/// Branch-and-price (Savelsbergh 1997, for the generalized assignment problem): when the
/// Dantzig–Wolfe bound leaves a gap, branch on a pair whose value in the master's solution is
/// fractional — one branch where the agent takes the item, one where it may not — and solve each
/// branch's master again by column generation, with the decisions obeyed both by the columns
/// (the others are held at zero) and by the pricing (the pair forced in or left out). Both
/// branches keep the pricing problem's shape, so the same exact pricing serves the whole tree.
///
/// The pair branched on is, with pseudo-costs (Bénichou et al. 1971; Achterberg, Koch and Martin
/// 2005), the one whose two branches are expected to raise the bound most: for each pair, the
/// mean rise of the bound per unit of change seen in its earlier branches (the mean over every
/// pair for one not yet branched on), scored by the product of its two sides. A pair whose
/// branches left the bound where it was — one of many interchangeable plans — falls behind,
/// where the most fractional pair (the rule without pseudo-costs) would be taken again and
/// again on a plateau of equal bounds.
///
/// Nodes are taken best bound first (deeper first among equals, the "takes it" branch first),
/// so the global bound — the least bound of the open nodes — rises as fast as the tree allows.
/// A node is closed when its bound reaches the incumbent, when its master's solution is
/// integral (a plan), or when its master needs an artificial column (no plan in the branch).
final class BranchAndPrice {
    struct Node {
        var rules: BranchRules
        var bound: Double
        var depth: Int
        var id: Int
        /// The pair branched on to make this node, the side taken, and the pair's value in the
        /// parent's master.
        var branch: Branch? = nil
    }

    struct Branch {
        var pair: Int
        var takes: Bool
        var value: Double
    }

    /// The rises of the bound per unit of change seen on one side of branching: their sum and count.
    struct Rises {
        var sum = 0.0
        var count = 0
        var mean: Double? { count > 0 ? sum / Double(count) : nil }
        mutating func add(_ x: Double) { sum += x; count += 1 }
    }

    struct Hooks {
        var now: () -> Double
        var deadline: Double?
        var shouldStop: () -> Bool
        /// The incumbent's value (+∞ without one).
        var upper: () -> Double
        /// How far above a bound a plan may be and still count as optimal.
        var tolerance: (Double) -> Double
        /// A bound as the problem allows it (rounded up when every plan's value is integral).
        var roundBound: (Double) -> Double
        /// A plan found at a node (pair indices).
        var offer: ([Int]) -> Void
        /// Called every `heuristicInterval` nodes: a chance to find better plans.
        var heuristic: () throws -> Void
        var heuristicInterval: Int
        /// The global bound and the nodes solved so far.
        var report: (Double, Int) -> Void
        /// Dive at the start and every this many nodes (0: never).
        var diveEvery: Int = 0
        /// A node's fractional pair values, every `roundEvery` nodes: a chance to build a plan from them.
        var round: (([Double]) throws -> Void)?
        var roundEvery = 10
    }

    let generation: ColumnGeneration
    private(set) var nodesSolved = 0
    private(set) var deepest = 0

    private(set) var dives = 0
    /// Pairs left out by reduced-cost fixing at nodes, summed over the nodes.
    private(set) var fixedInTree = 0

    /// Whether pairs are chosen by pseudo-costs, and what was seen: per pair and over all pairs,
    /// on the side where the agent takes the item and on the side where it may not.
    let pseudoCosts: Bool
    private var takesRises: [Int: Rises] = [:], leavesRises: [Int: Rises] = [:]
    private var takesAll = Rises(), leavesAll = Rises()

    init(generation: ColumnGeneration, pseudoCosts: Bool = true) {
        self.generation = generation
        self.pseudoCosts = pseudoCosts
    }

    /// Records how far a node's bound rose above its parent's, per unit of the change its
    /// branch made to the pair's value.
    private func record(_ b: Branch, parent: Double, child: Double) {
        let rise = max(0, child - parent)
        if b.takes {
            let r = rise / max(1e-6, 1 - b.value)
            takesRises[b.pair, default: Rises()].add(r)
            takesAll.add(r)
        } else {
            let r = rise / max(1e-6, b.value)
            leavesRises[b.pair, default: Rises()].add(r)
            leavesAll.add(r)
        }
    }

    /// The pair to branch on among the fractional ones of `x` (-1: none).
    func branchingPair(_ x: [Double]) -> Int {
        var pair = -1
        guard pseudoCosts else {
            var fraction = 1e-6
            for (k, v) in x.enumerated() {
                let f = min(v, 1 - v)
                if f > fraction { fraction = f; pair = k }
            }
            return pair
        }
        // Before anything is seen every pair scores v(1−v): the most fractional pair.
        let takesMean = takesAll.mean ?? 1, leavesMean = leavesAll.mean ?? 1
        var best = -1.0
        for (k, v) in x.enumerated() where min(v, 1 - v) > 1e-6 {
            let up = takesRises[k]?.mean ?? takesMean, down = leavesRises[k]?.mean ?? leavesMean
            let score = max(1e-6, up * (1 - v)) * max(1e-6, down * v)
            if score > best * (1 + 1e-9) { best = score; pair = k }
        }
        return pair
    }

    /// Searches from `root` (whose bound is `rootBound`); returns the global bound when it stops
    /// and whether the tree was exhausted (then the incumbent, if any, is optimal).
    func run(_ live: any LiveLinearProgram, root: BranchRules, rootBound: Double, hooks: Hooks) throws -> (bound: Double, exhausted: Bool) {
        let problem = generation.problem
        var open = [Node(rules: root, bound: rootBound, depth: 0, id: 0)]
        var nextID = 1
        func globalBound() -> Double { min(open.map(\.bound).min() ?? .infinity, hooks.upper()) }

        if hooks.diveEvery > 0 { try dive(live, from: root, hooks: hooks) }
        while !open.isEmpty {
            if hooks.shouldStop() || hooks.deadline.map({ hooks.now() >= $0 }) ?? false { return (globalBound(), false) }
            let pick = open.indices.min { a, b in
                (open[a].bound, -open[a].depth, open[a].id) < (open[b].bound, -open[b].depth, open[b].id)
            }!
            let node = open.remove(at: pick)
            var upper = hooks.upper()
            if node.bound >= upper - hooks.tolerance(upper) { continue }

            try generation.enter(node.rules, live: live)
            try generation.run(
                live,
                stop: .init(deadline: hooks.deadline, clock: hooks.now, target: upper.isFinite ? upper - hooks.tolerance(upper) : nil, shouldStop: hooks.shouldStop),
                report: { _, _, _ in })
            nodesSolved += 1
            deepest = max(deepest, node.depth)
            let nodeBound = max(node.bound, hooks.roundBound(generation.bound))
            // A bound that reached the incumbent is counted up to it: past it, nothing was learnt.
            if pseudoCosts, generation.converged, let b = node.branch { record(b, parent: node.bound, child: min(nodeBound, hooks.upper())) }
            upper = hooks.upper()
            if nodeBound >= upper - hooks.tolerance(upper) { continue }
            if !generation.converged {
                // Stopped by the clock or the caller: the node stays open with what it proved.
                open.append(Node(rules: node.rules, bound: nodeBound, depth: node.depth, id: node.id))
                return (globalBound(), false)
            }

            // The master's solution, as pair values (none: the branch has no plan).
            guard let x = generation.pairValues() else { continue }
            // Branch on an unmet need's slack first (its cost dwarfs the rest), then on a pair.
            var branchNeed = -1
            var needFraction = 1e-6
            for (n, u) in generation.needSlackValues().enumerated() {
                guard let u else { continue }
                let f = min(u, 1 - u)
                if f > needFraction { needFraction = f; branchNeed = n }
            }
            // Then on a version of a person the master uses in part (a group's agent).
            var branchVersion = -1
            var versionFraction = 1e-6
            if !problem.groups.isEmpty {
                let usage = generation.agentUsage()
                for group in problem.groups {
                    for i in group {
                        let f = min(usage[i], 1 - usage[i])
                        if f > versionFraction { versionFraction = f; branchVersion = i }
                    }
                }
            }
            let branchPair = branchingPair(x)
            // Reduced-cost fixing in the node's subtree: pairs whose bound there passes the
            // incumbent leave both children.
            var child = node.rules
            if upper.isFinite, let duals = generation.boundDuals {
                let margin = hooks.tolerance(upper)
                let (bounds, agentBound) = generation.fixingBounds(duals: duals, bound: generation.bound)
                for (k, b) in bounds.enumerated() where b > upper + margin && !child.fixedIn.contains(k) { child.fixedOut.insert(k) }
                if let agentBound {
                    // Versions no plan of the subtree better than the incumbent chooses (when a
                    // unit keeps no open agent, the subtree has no plan, which the master says).
                    for group in problem.groups { for i in group where agentBound[i] > upper + margin { child.closedAgents.insert(i) } }
                }
                fixedInTree += child.fixedOut.count - node.rules.fixedOut.count
            }
            if branchNeed >= 0 {
                open.append(Node(rules: child.with(need: branchNeed, met: true), bound: nodeBound, depth: node.depth + 1, id: nextID))
                open.append(Node(rules: child.with(need: branchNeed, met: false), bound: nodeBound, depth: node.depth + 1, id: nextID + 1))
                nextID += 2
            } else if branchVersion >= 0 {
                open.append(Node(rules: child.with(choosing: branchVersion, in: problem), bound: nodeBound, depth: node.depth + 1, id: nextID))
                open.append(Node(rules: child.with(closing: branchVersion), bound: nodeBound, depth: node.depth + 1, id: nextID + 1))
                nextID += 2
            } else if branchPair < 0 {
                hooks.offer(x.indices.filter { x[$0] > 0.5 })
            } else {
                open.append(Node(rules: child.with(fixedIn: branchPair), bound: nodeBound, depth: node.depth + 1, id: nextID,
                                 branch: Branch(pair: branchPair, takes: true, value: x[branchPair])))
                open.append(Node(rules: child.with(fixedOut: branchPair), bound: nodeBound, depth: node.depth + 1, id: nextID + 1,
                                 branch: Branch(pair: branchPair, takes: false, value: x[branchPair])))
                nextID += 2
            }
            if let round = hooks.round, branchPair >= 0 || branchNeed >= 0, nodesSolved % hooks.roundEvery == 0 { try round(x) }
            if hooks.heuristicInterval > 0 && nodesSolved % hooks.heuristicInterval == 0 { try hooks.heuristic() }
            if hooks.diveEvery > 0 && nodesSolved % hooks.diveEvery == 0 && (branchPair >= 0 || branchNeed >= 0 || branchVersion >= 0) { try dive(live, from: node.rules, hooks: hooks) }
            hooks.report(globalBound(), nodesSolved)
        }
        return (hooks.upper(), true)
    }

    /// One step of a dive over versions: every group's version used at ≥ 0.99 is chosen (its
    /// group's others closed), and so is the most used version of a group the master uses in
    /// part; returns that version (nil when every group is settled).
    private func versionStep(_ rules: inout BranchRules) -> Int? {
        let problem = generation.problem
        let usage = generation.agentUsage()
        var best = -1, bestUsage = 1e-6
        for group in problem.groups {
            let open = group.filter { !rules.closedAgents.contains($0) }
            guard open.count > 1, let top = open.max(by: { usage[$0] < usage[$1] }) else { continue }
            if usage[top] >= 0.99 {
                rules = rules.with(choosing: top, in: problem)
            } else if usage[top] > bestUsage {
                best = top
                bestUsage = usage[top]
            }
        }
        guard best >= 0 else { return nil }
        rules = rules.with(choosing: best, in: problem)
        return best
    }

    /// A diving heuristic: from a branch, fix what the master's solution already decides —
    /// pairs at ≥ 0.99, and each unmet-need slack to the side it leans to — plus the most
    /// nearly chosen fractional pair, re-solve the master by a few rounds of column generation,
    /// and repeat until the solution is a plan. When a fixing leaves the branch without a plan
    /// (the master needs an artificial column), that last pair is undone and left out instead,
    /// a few times at most. Plans come from the same exact columns the bound does.
    func dive(_ live: any LiveLinearProgram, from start: BranchRules, hooks: Hooks) throws {
        dives += 1
        var rules = start
        // What the last step fixed, to undo it when it leaves no plan.
        var previous: BranchRules?
        var lastChosen: Int?
        var lastVersion: Int?
        var backtracks = 0
        let steps = generation.problem.items.count + generation.problem.needs.count + 8
        for _ in 0..<steps {
            if hooks.shouldStop() || hooks.deadline.map({ hooks.now() >= $0 }) ?? false { return }
            try generation.enter(rules, live: live)
            // Each agent's fixed pairs alone, as a column: a start the master can build on.
            var fixedOfAgent = [[Int]](repeating: [], count: generation.problem.agents.count)
            for k in rules.fixedIn { fixedOfAgent[generation.problem.pairs[k].agent].append(k) }
            for (i, set) in fixedOfAgent.enumerated() where !set.isEmpty {
                try generation.offer(agent: i, pairs: set + generation.pairsOfAgent[i].filter { generation.problem.pairs[$0].forced }, to: live)
            }
            let upper = hooks.upper()
            try generation.run(
                live,
                stop: .init(deadline: hooks.deadline, clock: hooks.now, target: upper.isFinite ? upper - hooks.tolerance(upper) : nil,
                            shouldStop: hooks.shouldStop, maxRounds: 60),
                report: { _, _, _ in })
            guard let x = generation.pairValues() else {
                // No plan here: undo the last step and leave its chosen pair (or version) out.
                guard var undone = previous, lastChosen != nil || lastVersion != nil, backtracks < 3 else { return }
                backtracks += 1
                if let k = lastChosen { undone.fixedOut.insert(k) }
                if let i = lastVersion { undone.closedAgents.insert(i) }
                rules = undone
                previous = nil
                lastChosen = nil
                lastVersion = nil
                continue
            }
            if generation.bound >= upper - hooks.tolerance(upper) { return }
            if x.allSatisfy({ $0 < 1e-6 || $0 > 1 - 1e-6 }) {
                hooks.offer(x.indices.filter { x[$0] > 0.5 })
                return
            }
            previous = rules
            // Versions first: a group's version that the master all but chooses is chosen, then
            // the most used of those it uses in part — once each person's version is settled, the
            // others leave the pricing, and the pairs follow quickly.
            if !generation.problem.groups.isEmpty, let version = versionStep(&rules) {
                lastChosen = nil
                lastVersion = version
                continue
            }
            lastVersion = nil
            for (n, u) in generation.needSlackValues().enumerated() {
                guard let u, u > 1e-6, u < 1 - 1e-6, !rules.needsMet.contains(n), !rules.needsWaived.contains(n) else { continue }
                if u < 0.5 { rules.needsMet.insert(n) } else { rules.needsWaived.insert(n) }
            }
            var best = -1, bestValue = 0.0
            for (k, v) in x.enumerated() where !rules.fixedIn.contains(k) && !rules.fixedOut.contains(k) && v > 1e-6 {
                if v >= 0.99 {
                    rules.fixedIn.insert(k)
                } else if v > bestValue {
                    best = k
                    bestValue = v
                }
            }
            lastChosen = best >= 0 ? best : nil
            if best >= 0 { rules.fixedIn.insert(best) }
        }
    }
}
