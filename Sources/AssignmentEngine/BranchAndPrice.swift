import LinearModel

/// Branch-and-price (Savelsbergh 1997, for the generalized assignment problem): when the
/// Dantzig–Wolfe bound leaves a gap, branch on a pair whose value in the master's solution is
/// fractional — one branch where the agent takes the item, one where it may not — and solve each
/// branch's master again by column generation, with the decisions obeyed both by the columns
/// (the others are held at zero) and by the pricing (the pair forced in or left out). Both
/// branches keep the pricing problem's shape, so the same exact pricing serves the whole tree.
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
    }

    let generation: ColumnGeneration
    private(set) var nodesSolved = 0
    private(set) var deepest = 0

    init(generation: ColumnGeneration) {
        self.generation = generation
    }

    /// Searches from `root` (whose bound is `rootBound`); returns the global bound when it stops
    /// and whether the tree was exhausted (then the incumbent, if any, is optimal).
    func run(_ live: any LiveLinearProgram, root: BranchRules, rootBound: Double, hooks: Hooks) throws -> (bound: Double, exhausted: Bool) {
        let problem = generation.problem
        let layout = generation.layout
        var open = [Node(rules: root, bound: rootBound, depth: 0, id: 0)]
        var nextID = 1
        func globalBound() -> Double { min(open.map(\.bound).min() ?? .infinity, hooks.upper()) }

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
            upper = hooks.upper()
            if nodeBound >= upper - hooks.tolerance(upper) { continue }
            if !generation.converged {
                // Stopped by the clock or the caller: the node stays open with what it proved.
                open.append(Node(rules: node.rules, bound: nodeBound, depth: node.depth, id: node.id))
                return (globalBound(), false)
            }

            // The master's solution, as pair values.
            let values = generation.lastValues
            let fixed = layout.fixedColumnCount
            if layout.artificial.indices.contains(where: { layout.artificial[$0] && values[$0] > 1e-6 }) { continue }
            var x = [Double](repeating: 0, count: problem.pairs.count)
            for (n, column) in generation.columns.enumerated() {
                let v = values[fixed + n]
                if v > 1e-9 { for k in column.pairs { x[k] += v } }
            }
            var branchPair = -1
            var mostFractional = 1e-6
            for (k, v) in x.enumerated() {
                let f = min(v, 1 - v)
                if f > mostFractional { mostFractional = f; branchPair = k }
            }
            if branchPair < 0 {
                hooks.offer(x.indices.filter { x[$0] > 0.5 })
            } else {
                open.append(Node(rules: node.rules.with(fixedIn: branchPair), bound: nodeBound, depth: node.depth + 1, id: nextID))
                open.append(Node(rules: node.rules.with(fixedOut: branchPair), bound: nodeBound, depth: node.depth + 1, id: nextID + 1))
                nextID += 2
            }
            if hooks.heuristicInterval > 0 && nodesSolved % hooks.heuristicInterval == 0 { try hooks.heuristic() }
            hooks.report(globalBound(), nodesSolved)
        }
        return (hooks.upper(), true)
    }
}
