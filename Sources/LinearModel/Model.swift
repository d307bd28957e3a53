/// A solver-independent mixed-integer linear program.
///
/// `LinearModel` is a plain value: variables with bounds and kinds, rows with bounds, and a
/// linear objective. Builders (the `Planning` module) produce it; solvers (the `GLPKSolver`
/// module) consume it. Nothing here knows about communes or about GLPK.
public struct LinearModel: Sendable, Equatable {
    /// The objective's direction.
    public enum Sense: String, Sendable, Codable { case minimize, maximize }

    public var name: String
    public var sense: Sense
    /// A constant added to the objective (it does not change the optimum's location).
    public var objectiveConstant: Double
    public private(set) var variables: [Variable]
    public private(set) var constraints: [Constraint]

    public init(name: String = "model", sense: Sense = .minimize) {
        self.name = name
        self.sense = sense
        self.objectiveConstant = 0
        self.variables = []
        self.constraints = []
    }

    /// Adds a column and returns its index.
    @discardableResult
    public mutating func addVariable(
        _ name: String, kind: Variable.Kind = .continuous,
        lower: Double = 0, upper: Double = .infinity, objective: Double = 0
    ) -> VariableIndex {
        variables.append(Variable(name: name, kind: kind, lower: lower, upper: upper, objective: objective))
        return VariableIndex(variables.count - 1)
    }

    /// Adds a row `lower ≤ Σ terms ≤ upper` and returns its index. Terms on the same variable
    /// are merged; zero coefficients are kept out.
    @discardableResult
    public mutating func addConstraint(
        _ name: String, _ terms: [(VariableIndex, Double)], lower: Double = -.infinity, upper: Double = .infinity
    ) -> ConstraintIndex {
        constraints.append(Constraint(name: name, terms: Constraint.merge(terms), lower: lower, upper: upper))
        return ConstraintIndex(constraints.count - 1)
    }

    public mutating func setObjective(_ index: VariableIndex, _ coefficient: Double) {
        variables[index.rawValue].objective = coefficient
    }

    public mutating func setBounds(_ index: VariableIndex, lower: Double, upper: Double) {
        variables[index.rawValue].lower = lower
        variables[index.rawValue].upper = upper
    }

    public mutating func setBounds(_ index: ConstraintIndex, lower: Double, upper: Double) {
        constraints[index.rawValue].lower = lower
        constraints[index.rawValue].upper = upper
    }

    public subscript(_ index: VariableIndex) -> Variable { variables[index.rawValue] }
    public subscript(_ index: ConstraintIndex) -> Constraint { constraints[index.rawValue] }

    /// Number of structural non-zeros.
    public var nonZeroCount: Int { constraints.reduce(0) { $0 + $1.terms.count } }
    public var integerVariableCount: Int { variables.reduce(0) { $0 + ($1.kind == .continuous ? 0 : 1) } }

    /// The objective value of a full vector of variable values.
    public func objectiveValue(_ values: [Double]) -> Double {
        precondition(values.count == variables.count, "objectiveValue: \(values.count) values for \(variables.count) variables")
        var total = objectiveConstant
        for (variable, value) in zip(variables, values) { total += variable.objective * value }
        return total
    }

    /// Row activity `Σ a·x` of a constraint at `values`.
    public func activity(_ index: ConstraintIndex, _ values: [Double]) -> Double {
        constraints[index.rawValue].terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.rawValue] }
    }
}

public struct VariableIndex: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "#\(rawValue)" }
}

public struct ConstraintIndex: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "row #\(rawValue)" }
}

/// A column of the model.
public struct Variable: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case continuous, integer, binary }
    public var name: String
    public var kind: Kind
    public var lower: Double
    public var upper: Double
    public var objective: Double
}

/// A row `lower ≤ Σ coefficient·variable ≤ upper`; either bound may be infinite.
public struct Constraint: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public var variable: VariableIndex
        public var coefficient: Double
    }
    public var name: String
    public var terms: [Term]
    public var lower: Double
    public var upper: Double

    static func merge(_ terms: [(VariableIndex, Double)]) -> [Term] {
        var order: [VariableIndex] = []
        var sums: [VariableIndex: Double] = [:]
        for (v, a) in terms {
            if sums[v] == nil { order.append(v) }
            sums[v, default: 0] += a
        }
        return order.compactMap { v in
            let a = sums[v]!
            return a == 0 ? nil : Term(variable: v, coefficient: a)
        }
    }
}
