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

    init(layout: MasterLayout, duals y: [Double], bound: Double) {
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
