import DiaBanCore
import LinearModel
import Planning

/// The joint choice as one integer program: the scenario's model with every candidate training
/// and hire in it, each behind a binary that a budget row counts.
///
/// - A training (o, s) is a binary `y`; officer o counts towards the coverage row of a commune
///   c needing s only through `z[o,c,s] ≤ x[o,c]`, `z ≤ y`.
/// - A hire is an extra officer whose columns need its binary (`Σ_c x[h,c] ≤ n·y_h`); its
///   lower balance rows hold only when hired (`… ≥ lo·y_h`), so an officer not hired costs nothing.
/// - Fair shares and the mean utilisation depend on the roster's total capacity, so the number
///   of hires is fixed (`Σ y_h = k`; every hire has the same capacity) and the balance bands are
///   those of the scenario with k hires. The joint choice solves one program per k.
///
/// Each program's optimum is the best combination with exactly k hires, so its bound is a lower
/// bound on every such combination's re-solved optimum (as long as no candidate limit makes the
/// eligible pairs depend on the roster).
struct JointModel {
    var model: LinearModel
    var trainings: [(action: AdviceAction, y: VariableIndex, z: [VariableIndex])]
    var hires: [(action: AdviceAction, y: VariableIndex)]
    /// The column of each officer–commune pair (hires under their ids in the program).
    var xIndex: [Pair: VariableIndex]
    /// The id each hire candidate has in the program.
    var hireIDs: [String]

    init(scenario: Scenario, trainings: [AdviceAction], hires: [AdviceAction], hireCount k: Int, trainBudget: Int) throws {
        // The scenario with every candidate in it.
        var all = scenario
        var trainedPairs = Set<Pair>()  // (officer, specialty) as a pair of strings
        for action in trainings {
            guard case .train(let o, let s) = action else { continue }
            trainedPairs.insert(Pair(officer: o, commune: s.rawValue))
            try ScenarioChange.setSpecialties(officer: o, add: [s], remove: []).apply(to: &all)
        }
        var hireIDs: [String] = []
        for (j, action) in hires.enumerated() {
            let change = action.changes(in: scenario, hireNumber: j + 1)
            for c in change { try c.apply(to: &all) }
            hireIDs.append(AdviceAction.hireID(j + 1, in: scenario))
        }
        let pm = PlanModel(context: PlanContext(scenario: all))
        let ctx = pm.context
        // The balance bands of the scenario with k hires (all of the same capacity).
        func withHires(_ count: Int) throws -> PlanContext {
            var s = scenario
            for (j, action) in hires.prefix(count).enumerated() {
                for c in action.changes(in: scenario, hireNumber: j + 1) { try c.apply(to: &s) }
            }
            return PlanContext(scenario: s)
        }
        let bands = try withHires(k)
        // A hire's band: the first hire's in the scenario with k hires (at least one).
        let hireBands = k >= 1 ? bands : try withHires(1)
        let representative = hireBands.officerIndex[AdviceAction.hireID(1, in: scenario)]
        func mountainBand(_ o: Int) -> ClosedRange<Double>? {
            let id = all.officers[o].id
            if hireIDs.contains(id) { return representative.map { hireBands.mountainBand($0) } }
            return bands.officerIndex[id].map { bands.mountainBand($0) }
        }
        func utilisationBand(_ o: Int) -> ClosedRange<Double>? {
            let id = all.officers[o].id
            if hireIDs.contains(id) { return representative.map { hireBands.utilisationBand($0) } }
            return bands.officerIndex[id].map { bands.utilisationBand($0) }
        }

        var m = LinearModel(name: "diaban_advice", sense: .minimize)
        for v in pm.model.variables { m.addVariable(v.name, kind: v.kind, lower: v.lower, upper: v.upper, objective: v.objective) }
        m.objectiveConstant = pm.model.objectiveConstant

        // Training binaries and their z columns, per coverage row.
        var trainingVars: [(AdviceAction, VariableIndex, [VariableIndex])] = []
        var zOf: [Pair: [Int: VariableIndex]] = [:]  // (officer, specialty) → commune index → z
        var zRows: [(VariableIndex, VariableIndex, VariableIndex)] = []  // z, x, y
        for action in trainings {
            guard case .train(let o, let s) = action, ctx.officerIndex[o] != nil else { continue }
            let y = m.addVariable("train_\(trainingVars.count + 1)", kind: .binary, lower: 0, upper: 1)
            var zs: [VariableIndex] = []
            for (c, commune) in all.communes.enumerated() where commune.requiredSpecialties.contains(s) {
                guard let x = pm.xIndex[Pair(officer: o, commune: commune.code)] else { continue }
                let z = m.addVariable("ztrain_\(trainingVars.count + 1)_\(c)", lower: 0, upper: 1)
                zOf[Pair(officer: o, commune: s.rawValue), default: [:]][c] = z
                zRows.append((z, x, y))
                zs.append(z)
            }
            trainingVars.append((action, y, zs))
        }
        var hireVars: [(AdviceAction, VariableIndex)] = []
        var hireY: [Int: VariableIndex] = [:]  // officer index → y
        for (j, action) in hires.enumerated() {
            let y = m.addVariable("hire_\(j + 1)", kind: .binary, lower: 0, upper: 1)
            hireVars.append((action, y))
            if let oi = ctx.officerIndex[hireIDs[j]] { hireY[oi] = y }
        }

        // Which officer and which side each deviation column is.
        var lowRowOf: [VariableIndex: Int] = [:], highRowOf: [VariableIndex: Int] = [:]
        var bandLow: [VariableIndex: Double] = [:], bandHigh: [VariableIndex: Double] = [:]
        var gateOf: [VariableIndex: VariableIndex] = [:]
        for (o, v) in pm.mountainPlus { highRowOf[v] = o; if let b = mountainBand(o) { bandHigh[v] = b.upperBound } }
        for (o, v) in pm.mountainMinus { lowRowOf[v] = o; if let b = mountainBand(o) { bandLow[v] = b.lowerBound }; if let y = hireY[o] { gateOf[v] = y } }
        for (o, v) in pm.utilPlus { highRowOf[v] = o; if let b = utilisationBand(o) { bandHigh[v] = b.upperBound } }
        for (o, v) in pm.utilMinus { lowRowOf[v] = o; if let b = utilisationBand(o) { bandLow[v] = b.lowerBound }; if let y = hireY[o] { gateOf[v] = y } }

        // The coverage rows, in the order the model wrote them.
        var coverageOfRow: [Int: (commune: Int, specialty: Specialty)] = [:]
        var n = 0
        for (c, commune) in all.communes.enumerated() {
            for s in commune.requiredSpecialties {
                if all.rules.coverage == .soft && all.weights.coverage <= 0 { continue }
                coverageOfRow[pm.coverageRows[n].rawValue] = (c, s)
                n += 1
            }
        }
        let officerOfX = Dictionary(uniqueKeysWithValues: zip(pm.xColumns, pm.pairs).map { ($0.0, $0.1.officer) })
        let workloadOfX = Dictionary(uniqueKeysWithValues: zip(pm.xColumns, pm.pairs).map { ($0.0, all.commune($0.1.commune)?.workload ?? -1) })

        // A hire's capacity row holds only when hired: Σ w·x ≤ cap·y (the tight form of the gate).
        var hireOfID: [String: (y: VariableIndex, capacity: Double)] = [:]
        for (o, y) in hireY { hireOfID[all.officers[o].id] = (y, all.officers[o].capacity) }
        func hireCapacityRow(_ row: Constraint) -> (y: VariableIndex, capacity: Double)? {
            guard row.lower == -.infinity, row.upper.isFinite, let first = row.terms.first,
                  let id = officerOfX[first.variable], let hire = hireOfID[id], row.upper == hire.capacity,
                  row.terms.allSatisfy({ officerOfX[$0.variable] == id && $0.coefficient > 0 }) else { return nil }
            return hire
        }

        for (r, row) in pm.model.constraints.enumerated() {
            var terms = row.terms.map { ($0.variable, $0.coefficient) }
            var lower = row.lower, upper = row.upper
            if let hire = hireCapacityRow(row), row.terms.allSatisfy({ abs($0.coefficient - (workloadOfX[$0.variable] ?? -1)) < 1e-12 }) {
                terms.append((hire.y, -hire.capacity))
                upper = 0
            } else if let (c, s) = coverageOfRow[r] {
                terms = terms.map { v, a in
                    if let o = officerOfX[v], trainedPairs.contains(Pair(officer: o, commune: s.rawValue)),
                       let z = zOf[Pair(officer: o, commune: s.rawValue)]?[c] { return (z, a) }
                    return (v, a)
                }
            } else if let dev = row.terms.first(where: { (highRowOf[$0.variable] != nil && $0.coefficient == -1 && row.upper.isFinite && row.lower == -.infinity) }),
                      let b = bandHigh[dev.variable] {
                upper = b
            } else if let dev = row.terms.first(where: { (lowRowOf[$0.variable] != nil && $0.coefficient == 1 && row.lower.isFinite && row.upper == .infinity) }),
                      let b = bandLow[dev.variable] {
                if let y = gateOf[dev.variable] {
                    terms.append((y, -b))
                    lower = 0
                } else {
                    lower = b
                }
            }
            m.addConstraint(row.name, terms, lower: lower, upper: upper)
        }
        for (i, (z, x, y)) in zRows.enumerated() {
            m.addConstraint("zx_\(i + 1)", [(z, 1), (x, -1)], upper: 0)
            m.addConstraint("zy_\(i + 1)", [(z, 1), (y, -1)], upper: 0)
        }
        if !trainingVars.isEmpty {
            m.addConstraint("train_budget", trainingVars.map { ($0.1, 1.0) }, upper: Double(trainBudget))
        }
        let communes = Double(all.communes.count)
        for (o, y) in hireY.sorted(by: { $0.key < $1.key }) {
            let id = all.officers[o].id
            let cols = pm.pairs.enumerated().filter { $0.element.officer == id }.map { (pm.xColumns[$0.offset], 1.0) }
            m.addConstraint("hire_gate_\(id)", cols + [(y, -communes)], upper: 0)
        }
        if !hireVars.isEmpty {
            m.addConstraint("hire_count", hireVars.map { ($0.1, 1.0) }, lower: Double(k), upper: Double(k))
        }
        self.model = m
        self.trainings = trainingVars.map { (action: $0.0, y: $0.1, z: $0.2) }
        self.hires = hireVars.map { (action: $0.0, y: $0.1) }
        self.xIndex = pm.xIndex
        self.hireIDs = hireIDs
    }

    /// A full solution vector for a combination and its plan (from a what-if solve, where the
    /// i-th hire of the combination is `NEW`i): the binaries set from them and every other
    /// column at its best value, from an LP with those binaries fixed. Nil when the plan uses a
    /// pair the program lacks or the LP finds no solution.
    func startVector(actions: [AdviceAction], plan: Assignment, scenario: Scenario, solver: any MIPSolver, options: SolverOptions) throws -> [Double]? {
        var fixed = [Double?](repeating: nil, count: model.variables.count)
        var rename: [String: String] = [:]
        var hireNumber = 0
        for t in trainings { fixed[t.y.rawValue] = actions.contains(t.action) ? 1 : 0 }
        for h in hires { fixed[h.y.rawValue] = actions.contains(h.action) ? 1 : 0 }
        for action in actions {
            guard case .hire = action, let j = hires.firstIndex(where: { $0.action == action }) else { continue }
            hireNumber += 1
            rename[AdviceAction.hireID(hireNumber, in: scenario)] = hireIDs[j]
        }
        for v in xIndex.values { fixed[v.rawValue] = 0 }
        for pair in plan.pairs {
            let id = rename[pair.officer] ?? pair.officer
            guard let v = xIndex[Pair(officer: id, commune: pair.commune)] else { return nil }
            fixed[v.rawValue] = 1
        }
        var lp = model
        for (i, value) in fixed.enumerated() {
            if let value { lp.setBounds(VariableIndex(i), lower: value, upper: value) }
        }
        var o = options
        o.timeLimit = 30
        let result = try solver.solve(lp, options: o, start: nil, progress: nil)
        guard result.primal != .none, result.values.count == model.variables.count else { return nil }
        return result.values
    }

    /// The actions a solution takes: the hires it makes and the trainings it uses (a training
    /// chosen but covering nothing changes nothing and is left out).
    func actions(_ values: [Double]) -> [AdviceAction] {
        var out: [AdviceAction] = []
        for t in trainings where values[t.y.rawValue] > 0.5 && t.z.contains(where: { values[$0.rawValue] > 0.5 }) { out.append(t.action) }
        for h in hires where values[h.y.rawValue] > 0.5 { out.append(h.action) }
        return out
    }
}
