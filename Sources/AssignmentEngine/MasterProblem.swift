import LinearModel

/// One column of the master problem: an agent's whole set of pairs, with what it costs and how
/// it enters every row.
struct SetColumn: Sendable {
    let agent: Int
    /// Pair indices, sorted.
    let pairs: [Int]
    let objective: Double
    /// Its value in each side row.
    let side: [Double]
    let classDeviation: Double
    let utilisation: Double
}

/// The rows and the fixed columns of the Dantzig–Wolfe master problem: a row per item
/// (staffing, `= demand`), per need (`≥ 1`), per agent (one set: `= 1`), per side row
/// (`≤ limit`), and, when a min-max term is used, a row per agent tying the largest class
/// deviation / utilisation to that agent's. Fixed columns: each soft need's slack, the two
/// min-max variables, and an *artificial* column per row with a large cost, which keeps every
/// restricted master feasible (adding columns only relaxes the problem, so bounds stay valid).
///
/// With an `unmetFloor` k > 0, one more row: Σ soft needs' slacks ≥ k. It is valid for every
/// plan when no plan leaves fewer than k soft needs unmet (``UnmetFloor`` proves that): in a
/// plan the slacks are at least its unmet needs, a whole number.
struct MasterLayout: Sendable {
    let problem: AssignmentProblem
    let needsOfItem: [[Int]]
    let holders: [Set<Int>]
    let staffRow: [Int], needRow: [Int], agentRow: [Int], sideRow: [Int]
    let classMaxRow: [Int]?, utilMaxRow: [Int]?
    /// The row Σ slacks ≥ ``unmetFloor``, when there is one.
    let floorRow: Int?
    let unmetFloor: Int
    let rowCount: Int
    /// Right-hand side used by the Lagrangian bound, and the sign the dual must have.
    let rowRHS: [Double]
    let rowSign: [Double]   // +1: dual ≥ 0; −1: dual ≤ 0; 0: free
    let isAgentRow: [Bool]
    /// The model with rows and fixed columns only.
    let base: LinearModel
    /// Fixed columns: which are artificial (dropped from the integer master).
    let artificial: [Bool]
    let needSlackColumn: [Int?]
    let classMaxColumn: Int?, utilMaxColumn: Int?
    /// Cost of an artificial unit.
    let artificialCost: Double
    /// Row entries of each fixed column.
    let fixedColumnRows: [[(row: Int, coefficient: Double)]]

    init(problem: AssignmentProblem, artificialCost: Double, unmetFloor: Int = 0) {
        self.problem = problem
        self.artificialCost = artificialCost
        var needsOfItem = [[Int]](repeating: [], count: problem.items.count)
        for (n, need) in problem.needs.enumerated() { needsOfItem[need.item].append(n) }
        self.needsOfItem = needsOfItem
        holders = problem.needs.map { Set($0.holders) }
        var m = LinearModel(name: "master", sense: .minimize)
        var rhs: [Double] = [], sign: [Double] = [], agentFlag: [Bool] = []
        func row(_ name: String, lower: Double, upper: Double, rhs r: Double, sign s: Double, agent: Bool = false) -> Int {
            let index = m.addConstraint(name, [], lower: lower, upper: upper).rawValue
            rhs.append(r)
            sign.append(s)
            agentFlag.append(agent)
            return index
        }
        staffRow = problem.items.enumerated().map { j, item in row("staff_\(j)", lower: Double(item.demand), upper: Double(item.demand), rhs: Double(item.demand), sign: 0) }
        needRow = problem.needs.indices.map { row("need_\($0)", lower: 1, upper: .infinity, rhs: 1, sign: 1) }
        // One convexity row per unit: an agent of its own, or a group of versions of one person.
        let unitRow = problem.units.indices.map { row("agent_\($0)", lower: 1, upper: 1, rhs: 1, sign: 0, agent: true) }
        agentRow = problem.agents.indices.map { unitRow[problem.unitOfAgent[$0]] }
        sideRow = problem.sideRows.enumerated().map { r, side in row("side_\(r)", lower: -.infinity, upper: side.limit, rhs: side.limit, sign: -1) }
        let usesClassMax = problem.objective.largestClassDeviation != 0 || problem.sideRows.contains { $0.costs.largestClassDeviation != 0 }
        let usesUtilMax = problem.objective.largestUtilisation != 0 || problem.sideRows.contains { $0.costs.largestUtilisation != 0 }
        classMaxRow = usesClassMax ? problem.agents.indices.map { row("classmax_\($0)", lower: 0, upper: .infinity, rhs: 0, sign: 1) } : nil
        utilMaxRow = usesUtilMax ? problem.agents.indices.map { row("utilmax_\($0)", lower: 0, upper: .infinity, rhs: 0, sign: 1) } : nil
        let softNeeds = problem.needs.filter { !$0.hard }.count
        let floor = min(max(0, unmetFloor), softNeeds)
        self.unmetFloor = floor
        floorRow = floor > 0 ? row("unmet_floor", lower: Double(floor), upper: .infinity, rhs: Double(floor), sign: 1) : nil
        rowCount = m.constraints.count
        rowRHS = rhs
        rowSign = sign
        isAgentRow = agentFlag

        // Fixed columns, built as terms per row.
        var columnTerms: [[(Int, Double)]] = []
        var artificialFlags: [Bool] = []
        func column(_ name: String, lower: Double = 0, upper: Double, cost: Double, _ terms: [(Int, Double)], artificial: Bool) -> Int {
            let v = m.addVariable(name, lower: lower, upper: upper, objective: cost)
            columnTerms.append(terms)
            artificialFlags.append(artificial)
            return v.rawValue
        }
        var slack = [Int?](repeating: nil, count: problem.needs.count)
        for (n, need) in problem.needs.enumerated() where !need.hard {
            var terms = [(needRow[n], 1.0)]
            if let floorRow { terms.append((floorRow, 1.0)) }
            for (r, side) in problem.sideRows.enumerated() where side.costs.unmetNeed != 0 { terms.append((sideRow[r], side.costs.unmetNeed)) }
            slack[n] = column("unmet_\(n)", upper: 1, cost: problem.objective.unmetNeed, terms, artificial: false)
        }
        needSlackColumn = slack
        if let rows = classMaxRow {
            var terms = rows.map { ($0, 1.0) }
            for (r, side) in problem.sideRows.enumerated() where side.costs.largestClassDeviation != 0 { terms.append((sideRow[r], side.costs.largestClassDeviation)) }
            let upper = problem.agents.map { a in max(0, a.classBand.lowerBound, a.capacity - a.classBand.upperBound) }.max() ?? 0
            classMaxColumn = column("classmax", upper: upper.isFinite ? upper : 1e9, cost: problem.objective.largestClassDeviation, terms, artificial: false)
        } else {
            classMaxColumn = nil
        }
        if let rows = utilMaxRow {
            var terms = rows.map { ($0, 1.0) }
            for (r, side) in problem.sideRows.enumerated() where side.costs.largestUtilisation != 0 { terms.append((sideRow[r], side.costs.largestUtilisation)) }
            utilMaxColumn = column("utilmax", upper: 100, cost: problem.objective.largestUtilisation, terms, artificial: false)
        } else {
            utilMaxColumn = nil
        }
        for (j, item) in problem.items.enumerated() {
            _ = column("art_staff_\(j)", upper: Double(item.demand), cost: artificialCost, [(staffRow[j], 1)], artificial: true)
        }
        // Soft needs too: a branch may hold a need's slack at zero.
        for n in problem.needs.indices {
            _ = column("art_need_\(n)", upper: 1, cost: artificialCost, [(needRow[n], 1)], artificial: true)
        }
        for (u, row) in unitRow.enumerated() {
            _ = column("art_agent_\(u)", upper: 1, cost: artificialCost, [(row, 1)], artificial: true)
        }
        if let floorRow {
            _ = column("art_floor", upper: Double(self.unmetFloor), cost: artificialCost, [(floorRow, 1)], artificial: true)
        }
        for r in problem.sideRows.indices {
            _ = column("art_side_\(r)", upper: .infinity, cost: artificialCost, [(sideRow[r], -1)], artificial: true)
        }
        // Put the terms into the rows.
        var rowTerms = [[(VariableIndex, Double)]](repeating: [], count: rowCount)
        for (v, terms) in columnTerms.enumerated() { for (r, a) in terms { rowTerms[r].append((VariableIndex(v), a)) } }
        var withTerms = LinearModel(name: "master", sense: .minimize)
        for variable in m.variables {
            withTerms.addVariable(variable.name, kind: variable.kind, lower: variable.lower, upper: variable.upper, objective: variable.objective)
        }
        for (r, constraint) in m.constraints.enumerated() {
            withTerms.addConstraint(constraint.name, rowTerms[r], lower: constraint.lower, upper: constraint.upper)
        }
        base = withTerms
        artificial = artificialFlags
        fixedColumnRows = columnTerms.map { $0.map { (row: $0.0, coefficient: $0.1) } }
    }

    var fixedColumnCount: Int { base.variables.count }

    /// A set column: its objective, side values, deviations and row entries.
    func column(agent i: Int, pairs set: [Int]) -> SetColumn {
        let measure = problem.measure(agent: i, pairs: set)
        return SetColumn(
            agent: i, pairs: set,
            objective: problem.value(of: problem.objective, agent: i, pairs: set, measure: measure),
            side: problem.sideRows.map { problem.value(of: $0.costs, agent: i, pairs: set, measure: measure) },
            classDeviation: problem.classDeviation(agent: i, measure),
            utilisation: problem.utilisation(agent: i, measure))
    }

    /// The row entries of a set column.
    func entries(of column: SetColumn) -> [(row: Int, coefficient: Double)] {
        var out: [(row: Int, coefficient: Double)] = []
        out.reserveCapacity(column.pairs.count * 2 + 4)
        for k in column.pairs {
            let j = problem.pairs[k].item
            out.append((staffRow[j], 1))
            for n in needsOfItem[j] where holders[n].contains(column.agent) { out.append((needRow[n], 1)) }
        }
        out.append((agentRow[column.agent], 1))
        for (r, value) in column.side.enumerated() where value != 0 { out.append((sideRow[r], value)) }
        if let rows = classMaxRow, column.classDeviation != 0 { out.append((rows[column.agent], -column.classDeviation)) }
        if let rows = utilMaxRow, column.utilisation != 0 { out.append((rows[column.agent], -column.utilisation)) }
        // A pair list may name an item twice only in a malformed problem; merge to be safe.
        var merged: [Int: Double] = [:]
        var order: [Int] = []
        for (r, a) in out {
            if merged[r] == nil { order.append(r) }
            merged[r, default: 0] += a
        }
        return order.map { ($0, merged[$0]!) }
    }

    /// Duals projected onto the signs their rows allow.
    func projected(_ duals: [Double]) -> [Double] {
        zip(duals, rowSign).map { y, s in s > 0 ? max(0, y) : s < 0 ? min(0, y) : y }
    }

    /// The pricing data of agent `i` at duals `y`: the cost of each of its pairs (in the order
    /// of `pairs`) and the two penalty rates.
    func pricing(agent i: Int, pairs: [Int], duals y: [Double]) -> (cost: [Double], classRate: Double, loadRate: Double) {
        let objective = problem.objective
        let capacity = problem.agents[i].capacity
        let utilDual = utilMaxRow.map { y[$0[i]] } ?? 0
        let cost = pairs.map { k -> Double in
            let pair = problem.pairs[k]
            var c = objective.pair[k] - y[staffRow[pair.item]]
            for n in needsOfItem[pair.item] where holders[n].contains(i) { c -= y[needRow[n]] }
            for (r, side) in problem.sideRows.enumerated() { c -= y[sideRow[r]] * side.costs.pair[k] }
            if utilDual != 0 && capacity > 0 { c += utilDual * 100 * pair.weight / capacity }
            return c
        }
        var classRate = objective.classDeviation[i], loadRate = objective.loadDeviation[i]
        for (r, side) in problem.sideRows.enumerated() {
            classRate -= y[sideRow[r]] * side.costs.classDeviation[i]
            loadRate -= y[sideRow[r]] * side.costs.loadDeviation[i]
        }
        if let rows = classMaxRow { classRate += y[rows[i]] }
        return (cost, classRate, loadRate)
    }

    /// What agent `i`'s constant (``AssignmentProblem/Costs/agent``) adds to the reduced cost of
    /// each of its sets at duals `y`: its objective less the side rows' duals times its entries.
    func agentConstant(_ i: Int, duals y: [Double]) -> Double {
        var c = problem.objective.agent[i]
        for (r, side) in problem.sideRows.enumerated() where side.costs.agent[i] != 0 { c -= y[sideRow[r]] * side.costs.agent[i] }
        return c
    }

    /// The Lagrangian bound at duals `y` (projected) given each agent's least pricing value
    /// (the agent's convexity row kept: it picks one set, or its artificial):
    ///     Σ_rows b·y  (agent rows excluded)  +  Σ_fixed columns min over bounds of (c − a·y)·x
    ///     +  Σ_agents min(pricing value, artificial cost).
    /// Valid for any `y` with the right signs; −∞ when a fixed column without an upper bound has
    /// a negative reduced cost.
    /// `bounds` overrides fixed columns' bounds (a branch's decisions on need slacks).
    func lagrangianBound(duals y: [Double], agentValues: [Double], bounds: [Int: (lower: Double, upper: Double)] = [:]) -> Double {
        var total = 0.0
        for r in 0..<rowCount where !isAgentRow[r] { total += rowRHS[r] * y[r] }
        for (v, variable) in base.variables.enumerated() {
            if fixedColumnRows[v].contains(where: { isAgentRow[$0.row] }) { continue }  // counted with the agent
            let rc = variable.objective - fixedColumnRows[v].reduce(0) { $0 + $1.coefficient * y[$1.row] }
            let (lower, upper) = bounds[v] ?? (variable.lower, variable.upper)
            if rc >= 0 {
                total += rc * lower
            } else {
                if upper == .infinity { return -.infinity }
                total += rc * upper
            }
        }
        // Each unit takes one set: the least of its agents' values.
        for members in problem.units { total += members.map { min(agentValues[$0], artificialCost) }.min() ?? 0 }
        return total
    }
}
