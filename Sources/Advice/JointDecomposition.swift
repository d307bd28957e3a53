import AssignmentEngine
import DiaBanCore
import Planning

/// The joint choice as one problem for the decomposition engine, with the candidate actions as
/// versions of the people they change (``AssignmentProblem/groups``):
///
/// - **Trainings and base moves**: each officer with candidate actions has one version per set
///   of trainings (up to the training budget) and per base (the current one, or one of the
///   candidate moves when the move budget allows), holding those specialties too and paying the
///   travel from that base; the versions share the officer's convexity row, and budget rows
///   count each version's trainings and moves. The officer as they are is the group's default.
/// - **Hires**: each candidate hire is a group of two: nobody (the default: no pairs, no cost)
///   and the hire, who tracks at least one commune. Two rows make the number of hires exactly
///   `k` — fair shares and the mean utilisation depend on the roster's total capacity, so every
///   agent's balance band is the one of the scenario with `k` hires, and the joint choice
///   solves one problem per `k`.
///
/// Every cost is read from the scenario's own decomposition (``PlanDecomposition``), so a plan
/// of this problem costs what the same plan costs in the what-if of its combination, and the
/// engine's proven bound is a bound on every combination with `k` hires, each tracking at
/// least one commune.
struct JointDecomposition: Sendable {
    let problem: AssignmentProblem
    /// For each agent: the trainings and the base move it stands for (nil for an agent that is
    /// no version of an officer), or the hire candidate it is (index into `hires`).
    let actionsOfAgent: [[AdviceAction]?]
    let hireOfAgent: [Int?]
    /// The officer (id) each agent tracks for, nil for a hire or nobody.
    let officerOfAgent: [String?]
    /// Pair index of (agent, commune code).
    let pairIndex: [AgentCommune: Int]
    /// Engine pair → commune code.
    let communeOfPair: [String]
    let hires: [AdviceAction]
    /// For each agent: how many trainings, base moves and hires it stands for.
    let counts: [ActionCounts]

    struct ActionCounts: Sendable {
        var train: Double
        var move: Double
        var hire: Double
    }

    /// An agent of another decomposition whose pairs and costs a version copies.
    struct Source {
        var problem: AssignmentProblem
        var agent: Int
        var pairs: [Int]
    }

    struct AgentCommune: Hashable {
        var agent: Int
        var commune: String
    }

    /// Prices of the actions, for a problem that bounds a range of numbers of hires at once
    /// (the initializer with `prices`).
    struct Prices: Sendable, Equatable {
        var train: Double
        var hire: Double
        var move: Double
    }

    /// With `prices`, the problem relaxes every combination with `fewestHires`…`k` hires instead
    /// of exactly `k`: each version and each hire costs its actions at these prices, two rows
    /// hold the number of hires to that range, and every agent's balance band is the hull of
    /// its bands over the range (a wider band only lowers the deviation paid), so the engine's
    /// bound is below `z(c) + prices · counts(c)` for every such combination `c`.
    init(
        scenario: Scenario, trainings: [AdviceAction], hires: [AdviceAction], hireCount k: Int, trainBudget: Int,
        moves: [AdviceAction] = [], moveBudget: Int = 0, prices: Prices? = nil, fewestHires: Int = 0
    ) throws {
        self.hires = hires
        // The scenario with every candidate hire in it: their pairs and costs.
        var all = scenario
        for (j, action) in hires.enumerated() { for c in action.changes(in: scenario, hireNumber: j + 1) { try c.apply(to: &all) } }
        if prices != nil && scenario.rules.candidateLimit != nil {
            all = try Self.everyPairAnyCombinationKeeps(scenario, all: all, trainings: trainings, hires: hires)
        }
        let whole = PlanDecomposition(PlanModel(context: PlanContext(scenario: all)))
        // The pairs and costs of each officer from each candidate base: the r-th scenario moves
        // every officer that has an r-th candidate move there (an officer's costs depend on
        // their own base only), so a few models price every move.
        var movesOf: [String: [AdviceAction]] = [:]
        if moveBudget > 0 { for action in moves { if case .moveBase(let o, _) = action { movesOf[o, default: []].append(action) } } }
        for o in movesOf.keys { movesOf[o]!.sort() }
        var movedSource: [AdviceAction: Source] = [:]
        for r in 0..<(movesOf.values.map(\.count).max() ?? 0) {
            var moved = all
            var round: [String: AdviceAction] = [:]
            for (o, list) in movesOf where r < list.count {
                round[o] = list[r]
                for c in list[r].changes(in: scenario) { try c.apply(to: &moved) }
            }
            let problem = PlanDecomposition(PlanModel(context: PlanContext(scenario: moved))).problem
            let pairsOf = problem.pairsByAgent()
            for (i, agent) in problem.agents.enumerated() {
                if let action = round[agent.name] { movedSource[action] = Source(problem: problem, agent: i, pairs: pairsOf[i]) }
            }
        }
        // The bands of the scenario with k hires (a hire's: the first's; all have one capacity);
        // with prices, the hull of the bands over every count up to k.
        var bandOf: [String: AssignmentProblem.Agent] = [:]
        var hireBand: AssignmentProblem.Agent?
        let firstHire = AdviceAction.hireID(1, in: scenario)
        for count in prices == nil ? k...k : min(fewestHires, k)...k {
            var withK = scenario
            for (j, action) in hires.prefix(count).enumerated() {
                for c in action.changes(in: scenario, hireNumber: j + 1) { try c.apply(to: &withK) }
            }
            let withKProblem = PlanDecomposition(PlanModel(context: PlanContext(scenario: withK))).problem
            for agent in withKProblem.agents {
                let widened = bandOf[agent.name].map { Self.hull($0, agent) } ?? agent
                bandOf[agent.name] = widened
                if count > 0 && agent.name == firstHire { hireBand = hireBand.map { Self.hull($0, agent) } ?? agent }
            }
        }

        let source = whole.problem
        let hireIDs = hires.indices.map { AdviceAction.hireID($0 + 1, in: scenario) }
        let hireIndexOfID = Dictionary(uniqueKeysWithValues: hireIDs.enumerated().map { ($1, $0) })
        var trainingsOf: [String: [AdviceAction]] = [:]
        for action in trainings { if case .train(let o, _) = action { trainingsOf[o, default: []].append(action) } }
        let pairsOfSource = source.pairsByAgent()
        let communeCodes = all.communes.map(\.code)
        let specialtiesOf = Dictionary(uniqueKeysWithValues: all.officers.map { ($0.id, Set($0.specialties)) })
        // Which specialty each need asks for (needs are named `code_specialty`).
        let needSpecialty: [Specialty] = source.needs.map { need in
            let code = communeCodes[need.item]
            return Specialty(rawValue: String(need.name.dropFirst(code.count + 1)))
        }

        var agents: [AssignmentProblem.Agent] = []
        var pairs: [AssignmentProblem.Pair] = []
        var objective = AssignmentProblem.Costs(pairs: 0, agents: 0)
        var sideCosts = source.sideRows.map { _ in AssignmentProblem.Costs(pairs: 0, agents: 0) }
        var trainingCount: [Double] = [], moveCount: [Double] = [], hireFlag: [Double] = []
        var holdsNeed: [[Bool]] = []  // per agent, per need
        var actionsOfAgent: [[AdviceAction]?] = [], hireOfAgent: [Int?] = [], officerOfAgent: [String?] = []
        var groups: [[Int]] = []
        var pairIndex: [AgentCommune: Int] = [:], communeOfPair: [String] = []

        /// A copy of source agent `s` (its pairs and costs; from `moved` when the version moves its
        /// base), with `extra` specialties for needs.
        func add(
            copyOf s: Int?, moved: Source? = nil, agent: AssignmentProblem.Agent, extra: Set<Specialty>,
            trainingsCount: Int, movesCount: Int = 0, hire: Int?, officer: String?, actions: [AdviceAction]?
        ) -> Int {
            let i = agents.count
            agents.append(agent)
            objective.classDeviation.append(s.map { source.objective.classDeviation[$0] } ?? 0)
            objective.loadDeviation.append(s.map { source.objective.loadDeviation[$0] } ?? 0)
            objective.agent.append(prices.map { p in
                p.train * Double(trainingsCount) + p.move * Double(movesCount) + (hire == nil ? 0 : p.hire)
            } ?? 0)
            for r in sideCosts.indices {
                sideCosts[r].classDeviation.append(s.map { source.sideRows[r].costs.classDeviation[$0] } ?? 0)
                sideCosts[r].loadDeviation.append(s.map { source.sideRows[r].costs.loadDeviation[$0] } ?? 0)
                sideCosts[r].agent.append(0)
            }
            trainingCount.append(Double(trainingsCount))
            moveCount.append(Double(movesCount))
            hireFlag.append(hire == nil ? 0 : 1)
            actionsOfAgent.append(actions)
            hireOfAgent.append(hire)
            officerOfAgent.append(officer)
            var holds = [Bool](repeating: false, count: source.needs.count)
            if let s {
                for (n, need) in source.needs.enumerated() { holds[n] = need.holders.contains(s) || extra.contains(needSpecialty[n]) }
                // The pairs: the source's own, or those of the scenario with the base moved.
                let from = moved?.problem ?? source
                for k in moved?.pairs ?? pairsOfSource[s] {
                    let p = from.pairs[k]
                    pairIndex[AgentCommune(agent: i, commune: communeCodes[p.item])] = pairs.count
                    communeOfPair.append(communeCodes[p.item])
                    pairs.append(.init(agent: i, item: p.item, weight: p.weight, forced: p.forced))
                    objective.pair.append(from.objective.pair[k])
                    for r in sideCosts.indices { sideCosts[r].pair.append(from.sideRows[r].costs.pair[k]) }
                }
            }
            holdsNeed.append(holds)
            return i
        }
        func banded(_ agent: AssignmentProblem.Agent, like name: String?) -> AssignmentProblem.Agent {
            var a = agent
            if let b = name.map({ bandOf[$0] }) ?? hireBand {
                a.classBand = b.classBand
                a.loadBand = b.loadBand
            }
            return a
        }

        for (s, sourceAgent) in source.agents.enumerated() {
            let id = sourceAgent.name
            if let j = hireIndexOfID[id] {
                // Nobody, or the hire.
                guard k > 0 else { continue }
                let nobody = add(copyOf: nil, agent: .init(name: "nobody-\(j + 1)", capacity: 0), extra: [], trainingsCount: 0, hire: nil, officer: nil, actions: nil)
                var hire = banded(sourceAgent, like: nil)
                hire.name = id
                let h = add(copyOf: s, agent: hire, extra: [], trainingsCount: 0, hire: j, officer: nil, actions: nil)
                groups.append([nobody, h])
                continue
            }
            let base = add(copyOf: s, agent: banded(sourceAgent, like: id), extra: [], trainingsCount: 0, hire: nil, officer: id, actions: [])
            let candidates = trainBudget > 0 ? (trainingsOf[id] ?? []).sorted() : []
            let bases: [AdviceAction?] = [nil] + (movesOf[id] ?? []).map { Optional($0) }
            guard !candidates.isEmpty || bases.count > 1 else { continue }
            var group = [base]
            for subset in Self.subsets(candidates, atMost: trainBudget) {
                var extra = Set<Specialty>()
                for action in subset { if case .train(_, let sp) = action { extra.insert(sp) } }
                extra.subtract(specialtiesOf[id] ?? [])
                for move in bases where !(subset.isEmpty && move == nil) {
                    guard move.map({ movedSource[$0] != nil }) ?? true else { continue }
                    let actions = subset + (move.map { [$0] } ?? [])
                    var version = banded(sourceAgent, like: id)
                    version.name = "\(id)+" + actions.map(\.key).joined(separator: "+")
                    group.append(add(copyOf: s, moved: move.flatMap { movedSource[$0] }, agent: version, extra: extra,
                                     trainingsCount: subset.count, movesCount: move == nil ? 0 : 1, hire: nil, officer: id, actions: actions))
                }
            }
            groups.append(group)
        }

        let needs = source.needs.enumerated().map { n, need in
            AssignmentProblem.Need(name: need.name, item: need.item, holders: agents.indices.filter { holdsNeed[$0][n] }, hard: need.hard)
        }
        objective.unmetNeed = source.objective.unmetNeed
        objective.largestClassDeviation = source.objective.largestClassDeviation
        objective.largestUtilisation = source.objective.largestUtilisation
        var sideRows: [AssignmentProblem.SideRow] = source.sideRows.enumerated().map { r, row in
            var c = sideCosts[r]
            c.unmetNeed = row.costs.unmetNeed
            c.largestClassDeviation = row.costs.largestClassDeviation
            c.largestUtilisation = row.costs.largestUtilisation
            return .init(name: row.name, costs: c, limit: row.limit)
        }
        if trainBudget > 0 && !trainings.isEmpty {
            var c = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
            c.agent = trainingCount
            sideRows.append(.init(name: "training_budget", costs: c, limit: Double(trainBudget)))
        }
        if moveBudget > 0 && moveCount.contains(where: { $0 > 0 }) {
            var c = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
            c.agent = moveCount
            sideRows.append(.init(name: "move_budget", costs: c, limit: Double(moveBudget)))
        }
        if k > 0 {
            var most = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
            most.agent = hireFlag
            sideRows.append(.init(name: "hires_at_most", costs: most, limit: Double(k)))
        }
        let fewest = prices == nil ? k : min(fewestHires, k)
        if fewest > 0 {
            var least = AssignmentProblem.Costs(pairs: pairs.count, agents: agents.count)
            least.agent = hireFlag.map { -$0 }
            sideRows.append(.init(name: "hires_at_least", costs: least, limit: -Double(fewest)))
        }
        problem = AssignmentProblem(agents: agents, items: source.items, pairs: pairs, needs: needs, objective: objective,
                                    sideRows: sideRows, integralObjective: source.integralObjective && prices == nil, groups: groups)
        self.actionsOfAgent = actionsOfAgent
        self.hireOfAgent = hireOfAgent
        self.officerOfAgent = officerOfAgent
        self.pairIndex = pairIndex
        self.communeOfPair = communeOfPair
        counts = agents.indices.map { ActionCounts(train: trainingCount[$0], move: moveCount[$0], hire: hireFlag[$0]) }
    }

    /// The problem with its actions at other prices (built with prices: only the agents'
    /// constants change).
    func repriced(_ p: Prices) -> AssignmentProblem {
        var out = problem
        out.objective.agent = counts.map { p.train * $0.train + p.move * $0.move + p.hire * $0.hire }
        return out
    }

    /// The combination a plan of the problem stands for: the trainings of each officer's
    /// chosen version, and the hires that track communes (in candidate order).
    func actions(ofPlan plan: [Int]) -> [AdviceAction] {
        let used = Set(plan.map { problem.pairs[$0].agent })
        var out: [AdviceAction] = []
        for i in used.sorted() {
            if let t = actionsOfAgent[i] { out += t }
            if let j = hireOfAgent[i] { out.append(hires[j]) }
        }
        return out.sorted()
    }

    /// The problem's plan for a combination and its what-if plan (hires numbered in the
    /// combination's order, as ``Swift/Array/changes(in:)`` numbers them); nil when the plan
    /// uses a pair the problem lacks.
    func plan(for actions: [AdviceAction], assignment: Assignment, scenario: Scenario) -> [Int]? {
        var versionOf: [String: Int] = [:]
        var actionsByOfficer: [String: [AdviceAction]] = [:]
        var hireAgentOfID: [String: Int] = [:]
        var hireNumber = 0
        for action in actions {
            switch action {
            case .train(let o, _), .moveBase(let o, _): actionsByOfficer[o, default: []].append(action)
            case .hire:
                hireNumber += 1
                guard let j = hires.firstIndex(of: action), let agent = hireOfAgent.firstIndex(of: j) else { return nil }
                hireAgentOfID[AdviceAction.hireID(hireNumber, in: scenario)] = agent
            default: return nil
            }
        }
        for (i, officer) in officerOfAgent.enumerated() {
            guard let officer, let t = actionsOfAgent[i] else { continue }
            if t.sorted() == (actionsByOfficer[officer] ?? []).sorted() { versionOf[officer] = i }
        }
        var out: [Int] = []
        for pair in assignment.pairs {
            guard let agent = versionOf[pair.officer] ?? hireAgentOfID[pair.officer],
                  let k = pairIndex[AgentCommune(agent: agent, commune: pair.commune)] else { return nil }
            out.append(k)
        }
        return out.sorted()
    }

    /// A plan of the problem as the what-if of its combination sees it: each officer's pairs
    /// under their id, each hire's under the id the combination gives it.
    func assignment(ofPlan plan: [Int], actions: [AdviceAction], scenario: Scenario) -> Assignment {
        var idOfHire: [Int: String] = [:]
        var n = 0
        for action in actions {
            guard case .hire = action, let j = hires.firstIndex(of: action) else { continue }
            n += 1
            idOfHire[j] = AdviceAction.hireID(n, in: scenario)
        }
        return Assignment(plan.compactMap { k -> Pair? in
            let agent = problem.pairs[k].agent
            guard let id = officerOfAgent[agent] ?? hireOfAgent[agent].flatMap({ idOfHire[$0] }) else { return nil }
            return Pair(officer: id, commune: communeOfPair[k])
        })
    }

    /// `all` (the scenario with every candidate hire) without its candidate limit, its pairs
    /// instead the union of those the limit keeps in the scenario of any combination of
    /// `trainings` and `hires` (no base moves): the pairs of a relaxation.
    ///
    /// A combination only adds people and specialty holders, so an officer's rank among a
    /// commune's nearest officers, or among the nearest holders of a specialty, is never better
    /// in it than in the scenario with that officer's own trainings alone; a hire's never better
    /// than in the scenario with that hire alone. So the pairs of the scenario itself, of each
    /// officer with all their candidate trainings (their own pairs), and of each hire alone (the
    /// hire's pairs) hold every pair any combination keeps.
    static func everyPairAnyCombinationKeeps(
        _ scenario: Scenario, all: Scenario, trainings: [AdviceAction], hires: [AdviceAction]
    ) throws -> Scenario {
        var keep = Set(Eligibility(scenario: scenario).pairs)
        var trainingsOf: [String: [AdviceAction]] = [:]
        for action in trainings { if case .train(let o, _) = action { trainingsOf[o, default: []].append(action) } }
        for (o, actions) in trainingsOf {
            var trained = scenario
            for change in actions.flatMap({ $0.changes(in: scenario) }) { try change.apply(to: &trained) }
            keep.formUnion(Eligibility(scenario: trained).pairs.filter { $0.officer == o })
        }
        for (j, action) in hires.enumerated() {
            var alone = scenario
            for change in action.changes(in: scenario, hireNumber: j + 1) { try change.apply(to: &alone) }
            let id = AdviceAction.hireID(j + 1, in: scenario)
            keep.formUnion(Eligibility(scenario: alone).pairs.filter { $0.officer == id })
        }
        var relaxed = all
        relaxed.rules.candidateLimit = nil
        let forbidden = Set(all.forbidden)
        for officer in all.officers where officer.isActive {
            for commune in all.communes {
                let pair = Pair(officer: officer.id, commune: commune.code)
                if !keep.contains(pair) && !forbidden.contains(pair) && officer.homeCommune != commune.code { relaxed.forbidden.append(pair) }
            }
        }
        return relaxed
    }

    /// `a` with each balance band widened to cover `b`'s as well.
    static func hull(_ a: AssignmentProblem.Agent, _ b: AssignmentProblem.Agent) -> AssignmentProblem.Agent {
        var out = a
        out.classBand = min(a.classBand.lowerBound, b.classBand.lowerBound)...max(a.classBand.upperBound, b.classBand.upperBound)
        out.loadBand = min(a.loadBand.lowerBound, b.loadBand.lowerBound)...max(a.loadBand.upperBound, b.loadBand.upperBound)
        return out
    }

    /// Every subset of `items` with at most `k` elements (the empty one first), in a fixed order.
    static func subsets<T>(_ items: [T], atMost k: Int) -> [[T]] {
        var out: [[T]] = [[]]
        func go(_ start: Int, _ picked: [T]) {
            guard picked.count < k else { return }
            for i in start..<items.count {
                out.append(picked + [items[i]])
                go(i + 1, picked + [items[i]])
            }
        }
        go(0, [])
        return out
    }
}
