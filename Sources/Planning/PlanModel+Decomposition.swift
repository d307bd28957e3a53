import AssignmentEngine
import DiaBanCore
import LinearModel

/// A scenario's model in the engine's terms (`AssignmentProblem`): officers are agents,
/// communes are items (mountain communes "in class"), eligible pairs are pairs with the
/// commune's workload as weight, locked pairs forced. Every cost is read from the same
/// ``PlanModel`` the compact solve uses — pair costs from its objective coefficients, the two
/// balance terms as each officer's deviation outside its band, coverage as needs, `maxChanges`
/// and earlier priority levels as side rows — so that both describe one objective, which the
/// tests check plan by plan.
public struct PlanDecomposition {
    public let planModel: PlanModel
    public let problem: AssignmentProblem
    /// Agent → officer index.
    public let officerOfAgent: [Int]
    let indexOfPair: [Pair: Int]

    /// The decomposition of `planModel`, built with the same `levels` and `objectiveTerms`.
    public init(_ planModel: PlanModel, levels: [(terms: [ObjectiveTerm], limit: Double)] = [], objectiveTerms: [ObjectiveTerm]? = nil) {
        self.planModel = planModel
        indexOfPair = Dictionary(uniqueKeysWithValues: planModel.pairs.enumerated().map { ($1, $0) })
        let context = planModel.context
        let scenario = context.scenario
        let weights = scenario.weights
        let rules = scenario.rules

        let officers = scenario.officers.indices.filter { scenario.officers[$0].isActive }
        var agentOf = [Int?](repeating: nil, count: scenario.officers.count)
        for (i, o) in officers.enumerated() { agentOf[o] = i }
        officerOfAgent = officers
        let mountainBalanceOn = weights.mountainBalance > 0 || weights.mountainMaxDeviation > 0
        let agents = officers.map { o -> AssignmentProblem.Agent in
            let officer = scenario.officers[o]
            var classRule: AssignmentProblem.ClassRule?
            if let band = rules.mountainBand {
                switch band.measure {
                case .count: classRule = .init(measure: .count, lower: band.lower.rounded(.up), upper: band.upper.rounded(.down))
                case .share: classRule = .init(measure: .share, lower: band.lower, upper: band.upper)
                }
            }
            let util = context.utilisationBand(o)
            let loadBand = officer.capacity > 0
                ? (util.lowerBound * officer.capacity / 100)...(util.upperBound * officer.capacity / 100)
                : -Double.infinity...Double.infinity
            return AssignmentProblem.Agent(
                name: officer.id, capacity: officer.capacity, minItems: officer.minCommunes, maxItems: officer.maxCommunes,
                classRule: classRule, classBand: mountainBalanceOn ? context.mountainBand(o) : -Double.infinity...Double.infinity,
                loadBand: loadBand)
        }
        let items = scenario.communes.map { AssignmentProblem.Item(name: $0.code, demand: $0.staffing, inClass: $0.isMountain) }
        let locked = Set(scenario.locked)
        let pairs = planModel.pairs.map { pair -> AssignmentProblem.Pair in
            let c = context.communeIndex[pair.commune]!
            return AssignmentProblem.Pair(
                agent: agentOf[context.officerIndex[pair.officer]!]!, item: c,
                weight: scenario.communes[c].workload, forced: locked.contains(pair))
        }
        var needs: [AssignmentProblem.Need] = []
        var agentsOfCommune = [[Int]](repeating: [], count: scenario.communes.count)
        for p in pairs { agentsOfCommune[p.item].append(p.agent) }
        for (c, commune) in scenario.communes.enumerated() {
            for s in commune.requiredSpecialties {
                if rules.coverage == .soft && weights.coverage <= 0 { continue }
                let holders = agentsOfCommune[c].filter { scenario.officers[officers[$0]].holds(s) }
                needs.append(.init(name: "\(commune.code)_\(s.rawValue)", item: c, holders: holders, hard: rules.coverage == .hard))
            }
        }

        // Each objective term as the engine's components.
        func costs(of term: ObjectiveTerm) -> AssignmentProblem.Costs {
            var c = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
            let coefficients = planModel.termCoefficients[term] ?? [:]
            for (k, column) in planModel.xColumns.enumerated() { c.pair[k] = coefficients[column] ?? 0 }
            switch term {
            case .mountainBalance:
                if mountainBalanceOn {
                    for i in agents.indices { c.classDeviation[i] = weights.mountainBalance }
                    c.largestClassDeviation = weights.mountainMaxDeviation
                }
            case .workloadBalance:
                for (i, o) in officers.enumerated() where weights.workloadBalance > 0 && scenario.officers[o].capacity > 0 {
                    c.loadDeviation[i] = weights.workloadBalance * 100 / scenario.officers[o].capacity
                }
                c.largestUtilisation = weights.workloadMax
            case .coverage:
                if rules.coverage == .soft { c.unmetNeed = weights.coverage }
            case .travel, .changes:
                break
            }
            return c
        }
        var objective = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
        for term in objectiveTerms ?? ObjectiveTerm.allCases { objective += costs(of: term) }
        var sideRows: [AssignmentProblem.SideRow] = []
        if let maxChanges = rules.maxChanges {
            var c = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
            for (k, pair) in planModel.pairs.enumerated() where context.isNew(pair) { c.pair[k] = 1 }
            sideRows.append(.init(name: "max_changes", costs: c, limit: Double(maxChanges)))
        }
        for (n, level) in levels.enumerated() {
            var c = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
            for term in level.terms { c += costs(of: term) }
            sideRows.append(.init(name: "priority_\(n + 1)", costs: c, limit: level.limit))
        }
        problem = AssignmentProblem(agents: agents, items: items, pairs: pairs, needs: needs, objective: objective, sideRows: sideRows)
    }

    /// Engine pair indices of an assignment (nil when it uses a pair the model lacks).
    public func pairIndices(of assignment: Assignment) -> [Int]? {
        var out: [Int] = []
        for pair in assignment.pairs {
            guard let k = indexOfPair[pair] else { return nil }
            out.append(k)
        }
        return out.sorted()
    }

    /// The assignment of engine pair indices.
    public func assignment(of plan: [Int]) -> Assignment {
        Assignment(plan.map { planModel.pairs[$0] })
    }

    /// The compact model the engine's first bound and duals come from: rows line up with the
    /// engine's (items are communes in order, needs are coverage rows in order, side rows are
    /// `maxChanges` then the priority levels).
    public var compactModel: CompactModel {
        let sideRows: [ConstraintIndex?] = (planModel.maxChangesRow.map { [$0] } ?? []) + planModel.priorityRows.map { $0 }
        return CompactModel(
            model: planModel.model, itemRows: planModel.staffingRows,
            needRows: planModel.coverageRows.count == problem.needs.count ? planModel.coverageRows : [],
            sideRows: sideRows.count == problem.sideRows.count ? sideRows : [], pairColumns: planModel.xColumns)
    }
}
