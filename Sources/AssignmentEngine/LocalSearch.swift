/// A local search on plans: *shift* one of an item's pairs to another agent, or *swap* the
/// items of two agents, whenever the whole objective falls and every hard rule still holds
/// (capacities, counts, class rules, hard needs, side rows). Each move is priced from the two
/// agents' measures and the moved items' needs alone, so a pass costs about the square of the
/// plan's size; the search takes the first improving move of each pass until none is left.
///
/// It improves the plans the other steps offer — a dive's, the integer master's, GLPK's — whose
/// weak spot on tight generalized-assignment instances is a few items on the wrong agents.
/// Agents that are versions of one person (``AssignmentProblem/groups``) keep their pairs, and a
/// problem whose objective or side rows price the largest deviation or utilisation (a term of
/// every agent at once) is left alone: its moves would not be local.
struct LocalSearch {
    let problem: AssignmentProblem
    /// Agents whose pairs may move: those that are a unit of their own.
    private let movable: [Bool]
    /// Pair index of (agent, item), keyed `agent · items + item`.
    private let pairAt: [Int: Int]
    /// The eligible pairs of each item.
    private let pairsOfItem: [[Int]]
    private let needsOfItem: [[Int]]
    /// Every cost function the moves must track: the objective first, then each side row's.
    private let costs: [AssignmentProblem.Costs]

    init?(problem: AssignmentProblem) {
        let all = [problem.objective] + problem.sideRows.map(\.costs)
        guard all.allSatisfy({ $0.largestClassDeviation == 0 && $0.largestUtilisation == 0 }) else { return nil }
        self.problem = problem
        self.costs = all
        movable = problem.agents.indices.map { problem.units[problem.unitOfAgent[$0]].count == 1 }
        var pairAt: [Int: Int] = [:]
        var pairsOfItem = [[Int]](repeating: [], count: problem.items.count)
        for (k, p) in problem.pairs.enumerated() {
            pairAt[p.agent * problem.items.count + p.item] = k
            pairsOfItem[p.item].append(k)
        }
        self.pairAt = pairAt
        self.pairsOfItem = pairsOfItem
        var needsOfItem = [[Int]](repeating: [], count: problem.items.count)
        for (n, need) in problem.needs.enumerated() { needsOfItem[need.item].append(n) }
        self.needsOfItem = needsOfItem
    }

    /// A plan built from pair values (a master's solution during the column generation): items
    /// in order of their most decided pair, each given to the agents it leans to most that still
    /// have room; an item that finds none takes an agent's room by moving one of that agent's
    /// items to a third agent. Nil when some item finds no room so, when the plan breaks a rule
    /// of its own (counts, class rules, hard needs, side rows), or on a problem with groups.
    func plan(from x: [Double]) -> [Int]? {
        guard problem.groups.isEmpty, x.count == problem.pairs.count else { return nil }
        let nItems = problem.items.count
        var load = [Double](repeating: 0, count: problem.agents.count)
        var count = [Int](repeating: 0, count: problem.agents.count)
        var agentsOf = [[Int]](repeating: [], count: nItems)
        var chosen = Set<Int>()
        func room(_ a: Int, _ w: Double) -> Bool {
            problem.fits(agent: a, load: load[a] + w) && count[a] < (problem.agents[a].maxItems ?? Int.max)
        }
        func add(_ k: Int) {
            let p = problem.pairs[k]
            load[p.agent] += p.weight
            count[p.agent] += 1
            agentsOf[p.item].append(p.agent)
            chosen.insert(k)
        }
        func remove(_ k: Int) {
            let p = problem.pairs[k]
            load[p.agent] -= p.weight
            count[p.agent] -= 1
            agentsOf[p.item].removeAll { $0 == p.agent }
            chosen.remove(k)
        }
        for (k, p) in problem.pairs.enumerated() where p.forced { add(k) }
        let lean = pairsOfItem.map { list in list.map { x[$0] }.max() ?? 0 }
        let order = (0..<nItems).sorted { (-lean[$0], $0) < (-lean[$1], $1) }
        for j in order {
            let candidates = pairsOfItem[j].sorted { (-x[$0], problem.objective.pair[$0], $0) < (-x[$1], problem.objective.pair[$1], $1) }
            while agentsOf[j].count < problem.items[j].demand {
                let open = candidates.filter { !agentsOf[j].contains(problem.pairs[$0].agent) }
                if let k = open.first(where: { room(problem.pairs[$0].agent, problem.pairs[$0].weight) }) {
                    add(k)
                    continue
                }
                // Make room: move one item of a candidate agent to a third agent.
                var placed = false
                search: for k in open {
                    let b = problem.pairs[k].agent
                    for k1 in chosen.sorted() where problem.pairs[k1].agent == b && !problem.pairs[k1].forced {
                        let j1 = problem.pairs[k1].item
                        guard j1 != j, problem.fits(agent: b, load: load[b] - problem.pairs[k1].weight + problem.pairs[k].weight) else { continue }
                        for k2 in pairsOfItem[j1] {
                            let c = problem.pairs[k2].agent
                            guard c != b, !agentsOf[j1].contains(c), room(c, problem.pairs[k2].weight) else { continue }
                            remove(k1)
                            add(k2)
                            add(k)
                            placed = true
                            break search
                        }
                    }
                }
                if !placed { return nil }
            }
        }
        let plan = chosen.sorted()
        guard let value = problem.evaluate(plan: plan), value.feasible else { return nil }
        return plan
    }

    /// The plan's state: each agent's measure and pairs, each item's agents, each cost's total.
    private struct State {
        var measure: [AssignmentProblem.SetMeasure]
        var pairsOf: [Set<Int>]
        var agentsOf: [[Int]]
        var totals: [Double]
    }

    /// A better plan than `plan` (a feasible one), or nil when no move improves it.
    /// `stop` is asked between moves.
    func improve(_ plan: [Int], stop: () -> Bool) -> [Int]? {
        guard let start = problem.evaluate(plan: plan), start.feasible else { return nil }
        var state = State(
            measure: problem.agents.map { _ in AssignmentProblem.SetMeasure() },
            pairsOf: problem.agents.map { _ in [] },
            agentsOf: problem.items.map { _ in [] },
            totals: [])
        var byAgent = [[Int]](repeating: [], count: problem.agents.count)
        for k in plan {
            let p = problem.pairs[k]
            byAgent[p.agent].append(k)
            state.pairsOf[p.agent].insert(k)
            state.agentsOf[p.item].append(p.agent)
        }
        for i in problem.agents.indices { state.measure[i] = problem.measure(agent: i, pairs: byAgent[i]) }
        state.totals = totals(byAgent)
        let scale = max(1, abs(start.objective))
        var moved = false
        // Each pass takes the first improving move; the objective falls each time, so the passes end.
        var passes = 0
        while passes < 10_000, !stop() {
            passes += 1
            guard let move = improvingMove(state, threshold: 1e-9 * scale) else { break }
            apply(move, to: &state)
            moved = true
        }
        guard moved else { return nil }
        let improved = state.pairsOf.flatMap { $0 }.sorted()
        guard let value = problem.objectiveValue(ofPlan: improved), value < start.objective - 1e-9 * scale else { return nil }
        return improved
    }

    /// A move on two agents: agent `a` gives up pair `outA` and takes `intoA` (-1: none), agent
    /// `b` gives up `outB` (-1: none) and takes `intoB` — a shift is (a: out, b: into), a swap
    /// (a: out and into, b: out and into).
    private struct Move {
        var a: Int, outA: Int, intoA: Int
        var b: Int, outB: Int, intoB: Int
        var pairsOut: [Int] { [outA, outB].filter { $0 >= 0 } }
        var pairsIn: [Int] { [intoA, intoB].filter { $0 >= 0 } }
    }

    private func improvingMove(_ state: State, threshold: Double) -> Move? {
        let plan = state.pairsOf.enumerated().filter { movable[$0.offset] }.flatMap { $0.element.sorted() }
            .filter { !problem.pairs[$0].forced }
        func fits(_ agent: Int, _ load: Double) -> Bool { problem.fits(agent: agent, load: load) }
        // The first move that saves more than `threshold` is taken (a full pass only proves
        // that none is left).
        // Shifts: one pair to another agent of its item.
        for k in plan {
            let (a, item) = (problem.pairs[k].agent, problem.pairs[k].item)
            for k2 in pairsOfItem[item] {
                let b = problem.pairs[k2].agent
                guard movable[b], !state.agentsOf[item].contains(b), fits(b, state.measure[b].load + problem.pairs[k2].weight) else { continue }
                let move = Move(a: a, outA: k, intoA: -1, b: b, outB: -1, intoB: k2)
                if let g = gain(move, state), g > threshold { return move }
            }
        }
        // Swaps: two agents exchange one item each.
        for (n, k1) in plan.enumerated() {
            let (a, j1) = (problem.pairs[k1].agent, problem.pairs[k1].item)
            for k2 in plan[(n + 1)...] {
                let (b, j2) = (problem.pairs[k2].agent, problem.pairs[k2].item)
                guard a != b, j1 != j2, !state.agentsOf[j1].contains(b), !state.agentsOf[j2].contains(a),
                      let bj1 = pairAt[b * problem.items.count + j1], let aj2 = pairAt[a * problem.items.count + j2],
                      fits(a, state.measure[a].load - problem.pairs[k1].weight + problem.pairs[aj2].weight),
                      fits(b, state.measure[b].load - problem.pairs[k2].weight + problem.pairs[bj1].weight) else { continue }
                let move = Move(a: a, outA: k1, intoA: aj2, b: b, outB: k2, intoB: bj1)
                if let g = gain(move, state), g > threshold { return move }
            }
        }
        return nil
    }

    /// An agent's measure with pair `out` taken away and `into` added (-1: none).
    private func measure(_ m: AssignmentProblem.SetMeasure, out: Int, into: Int) -> AssignmentProblem.SetMeasure {
        var m = m
        func add(_ k: Int, _ sign: Int) {
            guard k >= 0 else { return }
            let p = problem.pairs[k]
            m.load += Double(sign) * p.weight
            if problem.items[p.item].inClass {
                m.classLoad += Double(sign) * p.weight
                m.classCount += sign
            } else {
                m.otherCount += sign
            }
        }
        add(out, -1)
        add(into, 1)
        return m
    }

    /// The change of cost function `c` on one agent: its pairs' costs and its deviations.
    private func change(_ c: AssignmentProblem.Costs, agent: Int, out: Int, into: Int,
                        before: AssignmentProblem.SetMeasure, after: AssignmentProblem.SetMeasure) -> Double {
        var d = (into >= 0 ? c.pair[into] : 0) - (out >= 0 ? c.pair[out] : 0)
        if c.classDeviation[agent] != 0 {
            d += c.classDeviation[agent] * (problem.classDeviation(agent: agent, after) - problem.classDeviation(agent: agent, before))
        }
        if c.loadDeviation[agent] != 0 {
            d += c.loadDeviation[agent] * (problem.loadDeviation(agent: agent, after) - problem.loadDeviation(agent: agent, before))
        }
        return d
    }

    /// How many more soft needs of `item` go unmet when agent `leaving` leaves it and `joining`
    /// joins it, or nil when a hard need would go unmet.
    private func unmetChange(item: Int, leaving: Int, joining: Int, _ state: State) -> Int? {
        var change = 0
        for n in needsOfItem[item] {
            let need = problem.needs[n]
            let before = state.agentsOf[item].contains { need.holders.contains($0) }
            let after = need.holders.contains(joining) || state.agentsOf[item].contains { $0 != leaving && need.holders.contains($0) }
            if before == after { continue }
            if need.hard && !after { return nil }
            if !need.hard { change += after ? -1 : 1 }
        }
        return change
    }

    /// The objective a move saves, or nil when it breaks a hard rule.
    private func gain(_ move: Move, _ state: State) -> Double? {
        let (beforeA, beforeB) = (state.measure[move.a], state.measure[move.b])
        let afterA = measure(beforeA, out: move.outA, into: move.intoA)
        let afterB = measure(beforeB, out: move.outB, into: move.intoB)
        // Forced pairs never move, so an agent's rules on its measure are all that can break.
        guard problem.keepsRules(agent: move.a, afterA), problem.keepsRules(agent: move.b, afterB) else { return nil }
        // The moved items' needs: `a` leaves outA's item for `b`, and `b` leaves outB's for `a`.
        guard var unmet = unmetChange(item: problem.pairs[move.outA].item, leaving: move.a, joining: move.b, state) else { return nil }
        if move.outB >= 0 {
            guard let more = unmetChange(item: problem.pairs[move.outB].item, leaving: move.b, joining: move.a, state) else { return nil }
            unmet += more
        }
        func delta(_ c: AssignmentProblem.Costs) -> Double {
            change(c, agent: move.a, out: move.outA, into: move.intoA, before: beforeA, after: afterA)
                + change(c, agent: move.b, out: move.outB, into: move.intoB, before: beforeB, after: afterB)
                + c.unmetNeed * Double(unmet)
        }
        let saved = -delta(problem.objective)
        guard saved > 0 else { return saved }
        for (r, row) in problem.sideRows.enumerated() {
            let d = delta(row.costs)
            if d > 0 && state.totals[r + 1] + d > row.limit + 1e-6 * max(1, abs(row.limit)) { return nil }
        }
        return saved
    }


    private func apply(_ move: Move, to state: inout State) {
        for k in move.pairsOut {
            let p = problem.pairs[k]
            state.pairsOf[p.agent].remove(k)
            if let i = state.agentsOf[p.item].firstIndex(of: p.agent) { state.agentsOf[p.item].remove(at: i) }
        }
        for k in move.pairsIn {
            let p = problem.pairs[k]
            state.pairsOf[p.agent].insert(k)
            state.agentsOf[p.item].append(p.agent)
        }
        for i in [move.a, move.b] { state.measure[i] = problem.measure(agent: i, pairs: state.pairsOf[i].sorted()) }
        state.totals = totals(state.pairsOf.map { $0.sorted() })
    }

    /// Every cost's total for a plan given by agent (as ``AssignmentProblem/evaluate(plan:)``
    /// counts it: the chosen agent of each unit, and the unmet soft needs).
    private func totals(_ byAgent: [[Int]]) -> [Double] {
        var agentsOfItem = [[Int]](repeating: [], count: problem.items.count)
        for (i, set) in byAgent.enumerated() { for k in set { agentsOfItem[problem.pairs[k].item].append(i) } }
        let unmet = problem.needs.filter { need in !need.hard && !agentsOfItem[need.item].contains { need.holders.contains($0) } }.count
        let chosen = problem.chosenAgents(byAgent: byAgent) ?? Array(problem.agents.indices)
        return costs.map { c in
            chosen.reduce(c.unmetNeed * Double(unmet)) {
                $0 + problem.value(of: c, agent: $1, pairs: byAgent[$1], measure: problem.measure(agent: $1, pairs: byAgent[$1]))
            }
        }
    }
}
