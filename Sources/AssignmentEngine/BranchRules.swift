/// The decisions of a branch of the search tree: pairs every plan of the branch uses, and
/// pairs none uses (pair indices of the ``AssignmentProblem``).
struct BranchRules: Sendable, Equatable {
    var fixedIn: Set<Int> = []
    var fixedOut: Set<Int> = []
    /// Soft needs the branch must meet (their slack held at 0), and needs it gives up (slack at 1).
    var needsMet: Set<Int> = []
    var needsWaived: Set<Int> = []
    /// Agents that take no set in the branch (a version of a person the branch did not choose).
    var closedAgents: Set<Int> = []

    var isEmpty: Bool { fixedIn.isEmpty && fixedOut.isEmpty && closedAgents.isEmpty }

    /// Whether an agent's set keeps the branch's decisions: none of its pairs fixed out, and
    /// every pair fixed in for this agent present.
    func allows(agent: Int, pairs set: [Int], problem: AssignmentProblem) -> Bool {
        if isEmpty { return true }
        if closedAgents.contains(agent) { return false }
        for k in set where fixedOut.contains(k) { return false }
        for k in fixedIn {
            let owner = problem.pairs[k].agent
            if owner == agent {
                if !set.contains(k) { return false }
            } else if problem.unitOfAgent[owner] == problem.unitOfAgent[agent] {
                // Another version of the same person was chosen.
                return false
            }
        }
        return true
    }

    func allows(_ column: SetColumn, problem: AssignmentProblem) -> Bool {
        allows(agent: column.agent, pairs: column.pairs, problem: problem)
    }

    func with(fixedIn k: Int) -> BranchRules {
        var r = self
        r.fixedIn.insert(k)
        return r
    }

    func with(need n: Int, met: Bool) -> BranchRules {
        var r = self
        if met { r.needsMet.insert(n) } else { r.needsWaived.insert(n) }
        return r
    }

    /// The branch where `agent` is its group's version: every other agent of the group closed.
    func with(choosing agent: Int, in problem: AssignmentProblem) -> BranchRules {
        var r = self
        for other in problem.units[problem.unitOfAgent[agent]] where other != agent { r.closedAgents.insert(other) }
        return r
    }

    func with(closing agent: Int) -> BranchRules {
        var r = self
        r.closedAgents.insert(agent)
        return r
    }

    func with(fixedOut k: Int) -> BranchRules {
        var r = self
        r.fixedOut.insert(k)
        return r
    }
}
