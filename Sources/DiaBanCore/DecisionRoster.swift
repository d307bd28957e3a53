/// What a decisions file is checked against: the roster's names, the assignment the plan
/// started from, the rules a pair must keep, and — when known — the plan's own moves.
public struct DecisionRoster: Sendable {
    /// Officer id → name, commune code → name.
    public var officers: [String: String]
    public var communes: [String: String]
    /// Commune code → its officers in the assignment the plan started from.
    public var current: [String: [String]]
    /// Why a new pair may not be used (officer on leave, home commune, forbidden), or nil.
    public var whyNotNew: @Sendable (Pair) -> String?
    /// Why a current pair cannot continue (so `keep` is impossible), or nil.
    public var whyCannotStay: @Sendable (Pair) -> String?
    /// The plan's moves, when the plan itself is given: every row must be one of them.
    public var planMoves: [Move]?

    public init(
        officers: [String: String], communes: [String: String], current: [String: [String]], planMoves: [Move]? = nil,
        whyNotNew: @escaping @Sendable (Pair) -> String? = { _ in nil }, whyCannotStay: @escaping @Sendable (Pair) -> String? = { _ in nil }
    ) {
        self.officers = officers
        self.communes = communes
        self.current = current
        self.planMoves = planMoves
        self.whyNotNew = whyNotNew
        self.whyCannotStay = whyCannotStay
    }

    /// The roster, current assignment and rules of a scenario.
    public static func of(_ scenario: Scenario, planMoves: [Move]? = nil) -> DecisionRoster {
        let officers = Dictionary(scenario.officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let communes = Dictionary(scenario.communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let forbidden = Set(scenario.forbidden)
        let hardRotation = scenario.rules.rotation?.mode == .hard
        let s = scenario
        let blocked: @Sendable (Pair) -> String? = { p in
            guard let o = officers[p.officer], let c = communes[p.commune] else { return nil }
            if !o.isActive { return "\(o.name) (\(o.id)) is on leave" }
            if o.homeCommune == c.code { return "\(o.name) (\(o.id)) lives in \(c.name), which an officer never tracks" }
            if hardRotation, let why = s.rotationReason(p) { return why }
            if forbidden.contains(p) { return "the scenario forbids \(o.id) for \(c.name)" }
            return nil
        }
        return DecisionRoster(
            officers: officers.mapValues(\.name), communes: communes.mapValues(\.name), current: scenario.current.officersByCommune,
            planMoves: planMoves, whyNotNew: blocked, whyCannotStay: blocked)
    }
}
