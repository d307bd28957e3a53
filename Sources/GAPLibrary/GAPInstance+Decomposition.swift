import AssignmentEngine
import LinearModel

extension GAPInstance {
    /// The instance in the engine's terms: agents with their capacities, jobs as items of
    /// demand 1, every agent–job pair with its resource as weight. The engine minimizes, so
    /// a maximization instance's costs are negated (``objective(ofEngineValue:sense:)`` turns
    /// the engine's value back). With integral costs every plan's value is integral, which lets
    /// bounds be rounded up.
    public func assignmentProblem(sense: LinearModel.Sense) -> AssignmentProblem {
        let agentList = (0..<agents).map { AssignmentProblem.Agent(name: "a\($0 + 1)", capacity: capacity[$0]) }
        let items = (0..<jobs).map { AssignmentProblem.Item(name: "j\($0 + 1)") }
        var pairs: [AssignmentProblem.Pair] = []
        var costs: [Double] = []
        let sign: Double = sense == .minimize ? 1 : -1
        for i in 0..<agents {
            for j in 0..<jobs {
                pairs.append(.init(agent: i, item: j, weight: resource[i][j]))
                costs.append(sign * cost[i][j])
            }
        }
        var objective = AssignmentProblem.Costs(pairs: pairs.count, agents: agents)
        objective.pair = costs
        return AssignmentProblem(
            agents: agentList, items: items, pairs: pairs, objective: objective,
            integralObjective: costs.allSatisfy { $0 == $0.rounded() })
    }

    /// The compact model (``model(sense:)``, minimizing) whose LP starts the engine: its job
    /// rows are the items' rows.
    public func compactModel(sense: LinearModel.Sense) -> CompactModel {
        var model = model(sense: sense)
        if sense == .maximize {
            for j in model.variables.indices { model.setObjective(VariableIndex(j), -model.variables[j].objective) }
            model.sense = .minimize
        }
        // Columns were added agent by agent, job by job: the engine's pair order.
        return CompactModel(model: model, itemRows: (0..<jobs).map { ConstraintIndex($0) }, pairColumns: (0..<agents * jobs).map { VariableIndex($0) })
    }

    /// The instance's objective for an engine value (its sign undone for maximization).
    public static func objective(ofEngineValue value: Double, sense: LinearModel.Sense) -> Double {
        sense == .minimize ? value : -value
    }
}
