/// The duals of a root bound, kept by the names of the rows they price, so that a *changed*
/// problem — an agent who may now meet more needs, one agent more or fewer, other bands — can
/// be bounded at them without solving it.
///
/// Lagrangian duality makes this exact: for any duals of the right signs, the rows' right-hand
/// sides times the duals plus every agent's least reduced cost (each agent priced exactly, its
/// empty set included) is a lower bound on every plan of the problem. A row of the changed
/// problem that the certificate does not name is priced at zero, which is one such choice; a
/// row of the original that the changed problem lacks is simply not used. The unmet-need floor
/// (the row the engine adds from its own proof) is left out: it holds for the original problem only.
///
/// The bound is as good as the duals are for the changed problem: close to its optimum when the
/// change is small, never above it.
///
/// The certificate also keeps the root's columns (each agent's set, by names), so that a solve
/// of the changed problem can start where this one's root ended — its duals as the first
/// stability centre, its sets as the first columns — instead of from the compact LP
/// (`DecompositionEngine.solve(_:compact:incumbent:hints:warm:options:progress:)`).
public struct LagrangianCertificate: Sendable {
    /// The bound these duals gave on the problem they came from.
    public var bound: Double
    var items: [String: Double]
    var needs: [String: Double]
    var sides: [String: Double]
    /// Duals of the rows that tie each agent's class deviation and utilisation to the largest.
    var classMax: [String: Double]
    var utilMax: [String: Double]
    var artificialCost: Double
    /// The root's columns: each agent's set, as the agent's and the items' names.
    var sets: [NamedSet]
    /// Whether the root carried a floor on unmet needs: a solve that starts here computes its
    /// own only then (where specialists are plentiful the floor is 0 and its rounds are lost time).
    public var hadUnmetFloor: Bool

    struct NamedSet: Sendable {
        var agent: String
        var items: [String]
    }

    /// How many sets the certificate carries to a warm start.
    public var columnCount: Int { sets.count }

    init(layout: MasterLayout, duals y: [Double], bound: Double, columns: [SetColumn] = []) {
        let problem = layout.problem
        func named(_ rows: [Int], _ names: [String]) -> [String: Double] {
            var out: [String: Double] = [:]
            for (k, row) in rows.enumerated() where y[row] != 0 {
                // A name given twice cannot say which row is meant: neither is used.
                out[names[k]] = out[names[k]] == nil ? y[row] : 0
            }
            return out
        }
        self.bound = bound
        items = named(layout.staffRow, problem.items.map(\.name))
        needs = named(layout.needRow, problem.needs.map(\.name))
        sides = named(layout.sideRow, problem.sideRows.map(\.name))
        classMax = layout.classMaxRow.map { named($0, problem.agents.map(\.name)) } ?? [:]
        utilMax = layout.utilMaxRow.map { named($0, problem.agents.map(\.name)) } ?? [:]
        artificialCost = layout.artificialCost
        hadUnmetFloor = layout.unmetFloor > 0
        sets = columns.map { column in
            NamedSet(agent: problem.agents[column.agent].name, items: column.pairs.map { problem.items[problem.pairs[$0].item].name })
        }
    }

    /// The certificate's sets that are sets of `problem` too: the same agent (by name) and
    /// pairs of it for every item (by name). An agent that is the first version of a group
    /// (``AssignmentProblem/groups``: the person as they are) lends its sets to the group's
    /// other versions — the same person may track the same communes. Sets of agents the problem
    /// lacks, or with a pair it no longer allows, are left out.
    func sets(in problem: AssignmentProblem) -> [(agent: Int, pairs: [Int])] {
        var agentIndex: [String: Int] = [:]
        for (i, agent) in problem.agents.enumerated() where agentIndex[agent.name] == nil { agentIndex[agent.name] = i }
        var versions = [[Int]](repeating: [], count: problem.agents.count)
        for group in problem.groups where group.count > 1 { versions[group[0]] = Array(group.dropFirst()) }
        var itemIndex: [String: Int] = [:]
        for (j, item) in problem.items.enumerated() where itemIndex[item.name] == nil { itemIndex[item.name] = j }
        var pairOf: [Int: Int] = [:]
        pairOf.reserveCapacity(problem.pairs.count)
        for (k, pair) in problem.pairs.enumerated() { pairOf[pair.agent * problem.items.count + pair.item] = k }
        var out: [(agent: Int, pairs: [Int])] = []
        for set in sets {
            guard let first = agentIndex[set.agent] else { continue }
            let items = set.items.compactMap { itemIndex[$0] }
            guard items.count == set.items.count else { continue }
            for i in [first] + versions[first] {
                let pairs = items.compactMap { j in pairOf[i * problem.items.count + j] }
                if pairs.count == items.count { out.append((i, pairs)) }
            }
        }
        return out
    }

    /// The duals for `layout`'s rows, projected onto the signs its rows allow.
    func duals(for layout: MasterLayout) -> [Double] {
        let problem = layout.problem
        var y = [Double](repeating: 0, count: layout.rowCount)
        for (j, row) in layout.staffRow.enumerated() { y[row] = items[problem.items[j].name] ?? 0 }
        for (n, row) in layout.needRow.enumerated() { y[row] = needs[problem.needs[n].name] ?? 0 }
        for (r, row) in layout.sideRow.enumerated() { y[row] = sides[problem.sideRows[r].name] ?? 0 }
        if let rows = layout.classMaxRow { for (i, row) in rows.enumerated() { y[row] = classMax[problem.agents[i].name] ?? 0 } }
        if let rows = layout.utilMaxRow { for (i, row) in rows.enumerated() { y[row] = utilMax[problem.agents[i].name] ?? 0 } }
        return layout.projected(y)
    }

    /// A lower bound on every plan of `problem` (−∞ when these duals give none): one pricing
    /// round of every agent at the certificate's duals.
    public func bound(on problem: AssignmentProblem, threads: Int = 1) -> Double {
        let layout = MasterLayout(problem: problem, artificialCost: artificialCost)
        let y = duals(for: layout)
        let generation = ColumnGeneration(problem: problem, layout: layout, threads: threads, smoothing: 0, alternatives: 0)
        let values = generation.priceAll(y).map(\.value)
        return layout.lagrangianBound(duals: y, agentValues: values)
    }
}
