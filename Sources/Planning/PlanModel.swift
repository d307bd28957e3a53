import DiaBanCore
import LinearModel

/// The integer program of a scenario (MODEL.md), with the map from its columns back to
/// officers and communes.
///
/// Formulation notes (why it is written this way):
/// - Balance is measured against *fixed* targets — each officer's fair mountain share
///   `t_o = M·cap_o/Σcap` and the province's mean utilisation `ū = W/Σcap`, both constants
///   because staffing fixes the total workload — with a free band of ±`balanceTolerance`
///   around them. Deviations are penalised only outside the band: the LP relaxation cannot
///   "meet a fractional target exactly" for free, so its bound is tighter, and the band is
///   what a planner means by balanced.
/// - No big-M anywhere; capacity rows are plain knapsack rows GLPK's cover and MIR cuts use.
/// - Continuity is a cost on each variable that is not a current pair, so the model prefers
///   the current plan unless another term pays for a move; under a soft rotation rule a current
///   pair at or past the limit costs its years due instead (both plain coefficients on x).
public struct PlanModel: Sendable {
    public let context: PlanContext
    public var model: LinearModel
    /// `pairs[i]` is the pair of column `xColumns[i]`.
    public let pairs: [Pair]
    public let xColumns: [VariableIndex]
    public let xIndex: [Pair: VariableIndex]
    /// The objective coefficients of each term (before any priority reweighting).
    public let termCoefficients: [ObjectiveTerm: [VariableIndex: Double]]
    /// Auxiliary columns, to complete a starting solution.
    /// Deviation columns per officer index: mountain work above/below the band (workload
    /// units), utilisation above/below the band (percentage points).
    public let mountainPlus: [Int: VariableIndex], mountainMinus: [Int: VariableIndex]
    public let utilPlus: [Int: VariableIndex], utilMinus: [Int: VariableIndex]
    let mountainMax: VariableIndex?, utilMax: VariableIndex?
    let coverageSlack: [(commune: Int, specialty: Specialty, column: VariableIndex)]
    /// In an elastic model, the slack column of each hard rule and what it would mean.
    public let relaxations: [Relaxation]
    /// Rows by what they say: each commune's staffing (scenario order), each coverage need
    /// (communes in order, their required specialties in order), `maxChanges`, and the earlier
    /// priority levels.
    public let staffingRows: [ConstraintIndex]
    public let coverageRows: [ConstraintIndex]
    public let maxChangesRow: ConstraintIndex?
    public let priorityRows: [ConstraintIndex]

    /// Points per unit of slack on a hard rule in an elastic model: far above any objective
    /// term, so the elastic model first satisfies as much of the rules as it can.
    public static let relaxationPenalty = 10_000.0

    public init(context: PlanContext) {
        self.init(context: context, levels: [])
    }

    /// Builds the model. `levels` lists earlier priority levels fixed as constraints:
    /// each is a set of terms and the largest value their weighted sum may take.
    /// - Parameters:
    ///   - context: the scenario with its eligible pairs, distances and fair shares.
    ///   - levels: earlier priority levels, fixed as rows.
    ///   - objectiveTerms: the terms to minimise (all when nil).
    ///   - elastic: give every hard rule a penalised slack (``relaxationPenalty`` per unit), to
    ///     find the smallest relaxation that makes an infeasible scenario feasible.
    ///   - excluded: pairs proven absent from every plan better than a known one (reduced-cost
    ///     fixing); they get no column.
    public init(
        context: PlanContext, levels: [(terms: [ObjectiveTerm], limit: Double)], objectiveTerms: [ObjectiveTerm]? = nil,
        elastic: Bool = false, excluded: Set<Pair> = []
    ) {
        self.context = context
        let scenario = context.scenario
        let weights = scenario.weights
        let rules = scenario.rules
        var m = LinearModel(name: "diaban", sense: .minimize)
        var names = NameTable()
        var terms: [ObjectiveTerm: [VariableIndex: Double]] = [:]
        func addTerm(_ term: ObjectiveTerm, _ v: VariableIndex, _ coefficient: Double) {
            if coefficient != 0 { terms[term, default: [:]][v, default: 0] += coefficient }
        }
        var relaxations: [Relaxation] = []
        /// In elastic mode, a slack term for a row: `sign` +1 lets the row's activity rise, −1 fall.
        func slack(_ kind: Relaxation.Kind, _ subject: String, _ sign: Double) -> [(VariableIndex, Double)] {
            guard elastic else { return [] }
            let v = m.addVariable(names.unique("relax_\(kind.rawValue)_\(subject)"), objective: Self.relaxationPenalty)
            relaxations.append(Relaxation(kind: kind, subject: subject, column: v))
            return [(v, sign)]
        }

        // Columns x[o,c].
        let locked = Set(scenario.locked)
        var xColumns: [VariableIndex] = []
        var xIndex: [Pair: VariableIndex] = [:]
        var columnsOfOfficer = [[(commune: Int, column: VariableIndex)]](repeating: [], count: scenario.officers.count)
        var columnsOfCommune = [[(officer: Int, column: VariableIndex)]](repeating: [], count: scenario.communes.count)
        let modelPairs = excluded.isEmpty ? context.eligibility.pairs : context.eligibility.pairs.filter { !excluded.contains($0) }
        for pair in modelPairs {
            let o = context.officerIndex[pair.officer]!, c = context.communeIndex[pair.commune]!
            let v = m.addVariable(names.unique("x_\(pair.officer)_\(pair.commune)"), kind: .binary, lower: locked.contains(pair) && !elastic ? 1 : 0, upper: 1)
            xColumns.append(v)
            xIndex[pair] = v
            columnsOfOfficer[o].append((c, v))
            columnsOfCommune[c].append((o, v))
            addTerm(.travel, v, weights.travel * context.travelKmPerYear(officer: o, commune: c))
            if context.isNew(pair) { addTerm(.changes, v, weights.change) }
            // Soft rotation: keeping a pair at or past the limit costs points per year due.
            if let due = context.yearsDue[pair] { addTerm(.changes, v, weights.rotation * Double(due)) }
        }

        // Staffing: Σ_o x = k_c.
        var staffingRows: [ConstraintIndex] = []
        for (c, commune) in scenario.communes.enumerated() {
            let k = Double(commune.staffing)
            staffingRows.append(m.addConstraint(names.unique("staff_\(commune.code)"), columnsOfCommune[c].map { ($0.column, 1) } + slack(.staffing, commune.code, 1), lower: k, upper: k))
        }
        if elastic {
            for pair in scenario.locked { if let v = xIndex[pair] { m.addConstraint(names.unique("lock_\(pair.officer)_\(pair.commune)"), [(v, 1)] + slack(.lockedPair, "\(pair.officer)_\(pair.commune)", 1), lower: 1) } }
        }

        // Capacity, commune counts, hard mountain band.
        for (o, officer) in scenario.officers.enumerated() where officer.isActive {
            let cols = columnsOfOfficer[o]
            let id = officer.id
            m.addConstraint(names.unique("cap_\(id)"), cols.map { ($0.column, scenario.communes[$0.commune].workload) } + slack(.capacity, id, -1), upper: officer.capacity)
            if officer.minCommunes != nil || officer.maxCommunes != nil {
                m.addConstraint(names.unique("count_\(id)"), cols.map { ($0.column, 1) } + slack(.minCommunes, id, 1) + slack(.maxCommunes, id, -1),
                                lower: Double(officer.minCommunes ?? 0), upper: officer.maxCommunes.map(Double.init) ?? .infinity)
            }
            if let band = rules.mountainBand {
                switch band.measure {
                case .count:
                    m.addConstraint(names.unique("mband_\(id)"), cols.map { ($0.column, scenario.communes[$0.commune].isMountain ? 1 : 0) } + slack(.mountainBandLow, id, 1) + slack(.mountainBandHigh, id, -1),
                                    lower: band.lower.rounded(.up), upper: band.upper.rounded(.down))
                case .share:
                    // lower·n ≤ mountain count ≤ upper·n, written without division.
                    m.addConstraint(names.unique("mband_lo_\(id)"), cols.map { ($0.column, (scenario.communes[$0.commune].isMountain ? 1 : 0) - band.lower) } + slack(.mountainBandLow, id, 1), lower: 0)
                    m.addConstraint(names.unique("mband_hi_\(id)"), cols.map { ($0.column, (scenario.communes[$0.commune].isMountain ? 1 : 0) - band.upper) } + slack(.mountainBandHigh, id, -1), upper: 0)
                }
            }
        }

        /// Deviations of `Σ terms` outside `band`: a column above and one below, each costing
        /// `weight` points of `term` per unit, with their two rows.
        func deviation(
            _ name: String, _ id: String, _ terms: [(VariableIndex, Double)], band: ClosedRange<Double>, term: ObjectiveTerm, weight: Double
        ) -> (plus: VariableIndex, minus: VariableIndex) {
            let plus = m.addVariable(names.unique("\(name)_plus_\(id)"))
            let minus = m.addVariable(names.unique("\(name)_minus_\(id)"))
            addTerm(term, plus, weight)
            addTerm(term, minus, weight)
            m.addConstraint(names.unique("\(name)_hi_\(id)"), terms + [(plus, -1)], upper: band.upperBound)
            m.addConstraint(names.unique("\(name)_lo_\(id)"), terms + [(minus, 1)], lower: band.lowerBound)
            return (plus, minus)
        }

        // Mountain balance: deviation outside the fair band, per officer; optionally the largest.
        var mPlus: [Int: VariableIndex] = [:], mMinus: [Int: VariableIndex] = [:]
        var mountainMax: VariableIndex?
        if weights.mountainBalance > 0 || weights.mountainMaxDeviation > 0 {
            if weights.mountainMaxDeviation > 0 {
                let v = m.addVariable("mountain_maxdev")
                mountainMax = v
                addTerm(.mountainBalance, v, weights.mountainMaxDeviation)
            }
            for (o, officer) in scenario.officers.enumerated() where officer.isActive {
                let mountainCols = columnsOfOfficer[o].filter { scenario.communes[$0.commune].isMountain }
                    .map { ($0.column, scenario.communes[$0.commune].workload) }
                let (plus, minus) = deviation("mdev", officer.id, mountainCols, band: context.mountainBand(o),
                                              term: .mountainBalance, weight: weights.mountainBalance)
                mPlus[o] = plus
                mMinus[o] = minus
                if let mx = mountainMax {
                    m.addConstraint(names.unique("mtn_max_\(officer.id)"), [(mx, 1), (plus, -1), (minus, -1)], lower: 0)
                }
            }
        }

        // Workload balance: utilisation (percent) outside the band around the mean; optionally the largest.
        var uPlus: [Int: VariableIndex] = [:], uMinus: [Int: VariableIndex] = [:]
        var utilMax: VariableIndex?
        if weights.workloadBalance > 0 || weights.workloadMax > 0 {
            if weights.workloadMax > 0 {
                let v = m.addVariable("util_max")
                utilMax = v
                addTerm(.workloadBalance, v, weights.workloadMax)
            }
            for (o, officer) in scenario.officers.enumerated() where officer.isActive && officer.capacity > 0 {
                let utilCols = columnsOfOfficer[o].map { ($0.column, 100 * scenario.communes[$0.commune].workload / officer.capacity) }
                if weights.workloadBalance > 0 {
                    (uPlus[o], uMinus[o]) = deviation("udev", officer.id, utilCols, band: context.utilisationBand(o),
                                                      term: .workloadBalance, weight: weights.workloadBalance)
                }
                if let u = utilMax {
                    m.addConstraint(names.unique("util_max_\(officer.id)"), [(u, 1)] + utilCols.map { ($0.0, -$0.1) }, lower: 0)
                }
            }
        }

        // Specialty coverage: hard rows, or soft rows with a slack in [0, 1].
        var slacks: [(Int, Specialty, VariableIndex)] = []
        var coverageRows: [ConstraintIndex] = []
        for (c, commune) in scenario.communes.enumerated() {
            for s in commune.requiredSpecialties {
                let holders = columnsOfCommune[c].filter { scenario.officers[$0.officer].holds(s) }.map { ($0.column, 1.0) }
                let rowName = names.unique("cover_\(commune.code)_\(s.rawValue)")
                switch rules.coverage {
                case .hard:
                    coverageRows.append(m.addConstraint(rowName, holders + slack(.coverage, "\(commune.code)_\(s.rawValue)", 1), lower: 1))
                case .soft:
                    guard weights.coverage > 0 else { continue }
                    let u = m.addVariable(names.unique("uncov_\(commune.code)_\(s.rawValue)"), lower: 0, upper: 1)
                    slacks.append((c, s, u))
                    addTerm(.coverage, u, weights.coverage)
                    coverageRows.append(m.addConstraint(rowName, holders + [(u, 1)], lower: 1))
                }
            }
        }

        // At most maxChanges new pairs.
        var maxChangesRow: ConstraintIndex?
        if let maxChanges = rules.maxChanges {
            let newCols = modelPairs.filter { context.isNew($0) }.map { (xIndex[$0]!, 1.0) }
            maxChangesRow = m.addConstraint("max_changes", newCols + slack(.maxChanges, "all", -1), upper: Double(maxChanges))
        }

        // Earlier priority levels, fixed.
        var priorityRows: [ConstraintIndex] = []
        for (n, level) in levels.enumerated() {
            var row: [VariableIndex: Double] = [:]
            for term in level.terms { for (v, a) in terms[term] ?? [:] { row[v, default: 0] += a } }
            priorityRows.append(m.addConstraint("priority_\(n + 1)", row.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, upper: level.limit))
        }

        // Objective.
        let active = objectiveTerms ?? ObjectiveTerm.allCases
        for term in active { for (v, a) in terms[term] ?? [:] { m.setObjective(v, m[v].objective + a) } }

        self.model = m
        self.pairs = modelPairs
        self.xColumns = xColumns
        self.xIndex = xIndex
        self.termCoefficients = terms
        self.mountainPlus = mPlus
        self.mountainMinus = mMinus
        self.utilPlus = uPlus
        self.utilMinus = uMinus
        self.mountainMax = mountainMax
        self.utilMax = utilMax
        self.coverageSlack = slacks
        self.relaxations = relaxations
        self.staffingRows = staffingRows
        self.coverageRows = coverageRows
        self.maxChangesRow = maxChangesRow
        self.priorityRows = priorityRows
    }

    /// The assignment a solution vector encodes.
    public func assignment(from values: [Double]) -> Assignment {
        Assignment(zip(pairs, xColumns).compactMap { values[$0.1.rawValue] > 0.5 ? $0.0 : nil })
    }

    /// The value of a term at a solution vector, from the model's own coefficients.
    public func termValue(_ term: ObjectiveTerm, _ values: [Double]) -> Double {
        (termCoefficients[term] ?? [:]).reduce(0) { $0 + $1.value * values[$1.key.rawValue] }
    }

    /// A full vector for an assignment: x from the pairs, every auxiliary column at the least
    /// value its rows allow. `nil` when the assignment uses a pair the model has no column for.
    public func completeVector(for assignment: Assignment) -> [Double]? {
        var values = [Double](repeating: 0, count: model.variables.count)
        for pair in assignment.pairs {
            guard let v = xIndex[pair] else { return nil }
            values[v.rawValue] = 1
        }
        let scenario = context.scenario
        var load = [Double](repeating: 0, count: scenario.officers.count)
        var mountain = load
        var holders: [Int: [Int]] = [:]
        for pair in assignment.pairs {
            let o = context.officerIndex[pair.officer]!, c = context.communeIndex[pair.commune]!
            load[o] += scenario.communes[c].workload
            if scenario.communes[c].isMountain { mountain[o] += scenario.communes[c].workload }
            holders[c, default: []].append(o)
        }
        var worstMountain = 0.0
        for (o, plus) in mountainPlus {
            let band = context.mountainBand(o)
            values[plus.rawValue] = max(0, mountain[o] - band.upperBound)
            values[mountainMinus[o]!.rawValue] = max(0, band.lowerBound - mountain[o])
            worstMountain = max(worstMountain, values[plus.rawValue] + values[mountainMinus[o]!.rawValue])
        }
        if let v = mountainMax { values[v.rawValue] = worstMountain }
        var worstUtil = 0.0
        for (o, officer) in scenario.officers.enumerated() where officer.isActive && officer.capacity > 0 {
            worstUtil = max(worstUtil, 100 * load[o] / officer.capacity)
        }
        for (o, plus) in utilPlus {
            let u = 100 * load[o] / scenario.officers[o].capacity
            let band = context.utilisationBand(o)
            values[plus.rawValue] = max(0, u - band.upperBound)
            values[utilMinus[o]!.rawValue] = max(0, band.lowerBound - u)
        }
        if let v = utilMax { values[v.rawValue] = worstUtil }
        for slack in coverageSlack {
            let covered = (holders[slack.commune] ?? []).contains { scenario.officers[$0].holds(slack.specialty) }
            values[slack.column.rawValue] = covered ? 0 : 1
        }
        return values
    }
}

/// A hard rule's slack in an elastic model.
public struct Relaxation: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case staffing, lockedPair = "lock", capacity, minCommunes = "mincount", maxCommunes = "maxcount"
        case mountainBandLow = "bandlow", mountainBandHigh = "bandhigh", coverage, maxChanges = "maxchanges"
    }
    public var kind: Kind
    /// The commune code, officer id, `officer_commune` or `commune_specialty` it is about.
    public var subject: String
    public var column: VariableIndex
}

/// Short, unique, solver-safe names: ASCII letters, digits and `_` only, at most 60 bytes.
struct NameTable {
    private var used: Set<String> = []
    mutating func unique(_ raw: String) -> String {
        // Most names (codes and ids) are already ASCII letters, digits and underscores: kept as
        // they are without the per-character rewrite, which was most of a model's build time.
        let plain = raw.utf8.count <= 60 && raw.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        var base = plain ? raw : String(String.UnicodeScalarView(raw.unicodeScalars.map {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")) ? $0 : "_"
        }))
        if base.utf8.count > 60 { base = String(base.prefix(60)) }
        var name = base
        var n = 2
        while !used.insert(name).inserted { name = "\(base)_\(n)"; n += 1 }
        return name
    }
}
