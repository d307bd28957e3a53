/// Why a model cannot be handed to a solver. Every case names the row or column.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable { case badIndex, badBounds, badName, badCoefficient, integerBound, badStart }
    public let code: Code
    public let message: String
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }
    public var description: String { message }
}

extension LinearModel {
    /// Longest name (in UTF-8 bytes) a row or column may have: GLPK's limit.
    public static let maxNameBytes = 255

    /// Checks everything a solver would otherwise reject by crashing: indices, bounds, names,
    /// finite coefficients, integral bounds on integer columns.
    public func validate() throws(ModelError) {
        try Self.checkName(name, what: "the model")
        var seen = Set<String>()
        for (j, v) in variables.enumerated() {
            let what = "variable \(j) ('\(v.name.prefix(40))')"
            try Self.checkName(v.name, what: what)
            if !seen.insert("c:" + v.name).inserted { throw ModelError(.badName, "\(what): the name is used by another variable") }
            try Self.checkBounds(v.lower, v.upper, what: what)
            if !v.objective.isFinite { throw ModelError(.badCoefficient, "\(what): objective coefficient \(v.objective) is not finite") }
            if v.kind != .continuous {
                for b in [v.lower, v.upper] where b.isFinite && b.rounded() != b {
                    throw ModelError(.integerBound, "\(what): an integer variable has the fractional bound \(b)")
                }
                if v.kind == .binary && (v.lower < 0 || v.upper > 1) {
                    throw ModelError(.badBounds, "\(what): a binary variable has bounds [\(v.lower), \(v.upper)] outside [0, 1]")
                }
            }
        }
        if !objectiveConstant.isFinite { throw ModelError(.badCoefficient, "the objective constant \(objectiveConstant) is not finite") }
        for (i, row) in constraints.enumerated() {
            let what = "constraint \(i) ('\(row.name.prefix(40))')"
            try Self.checkName(row.name, what: what)
            if !seen.insert("r:" + row.name).inserted { throw ModelError(.badName, "\(what): the name is used by another constraint") }
            try Self.checkBounds(row.lower, row.upper, what: what)
            var columns = Set<Int>()
            for term in row.terms {
                guard term.variable.rawValue >= 0 && term.variable.rawValue < variables.count else {
                    throw ModelError(.badIndex, "\(what): refers to variable \(term.variable.rawValue), but the model has \(variables.count)")
                }
                if !term.coefficient.isFinite { throw ModelError(.badCoefficient, "\(what): coefficient \(term.coefficient) on '\(variables[term.variable.rawValue].name)' is not finite") }
                if !columns.insert(term.variable.rawValue).inserted { throw ModelError(.badIndex, "\(what): variable \(term.variable.rawValue) appears twice") }
            }
        }
    }

    /// `lower ≤ upper`, neither NaN, and not an empty range at infinity.
    public static func checkBounds(_ lower: Double, _ upper: Double, what: String) throws(ModelError) {
        if lower.isNaN || upper.isNaN { throw ModelError(.badBounds, "\(what): a bound is NaN") }
        if lower == .infinity || upper == -.infinity { throw ModelError(.badBounds, "\(what): bounds [\(lower), \(upper)] are empty") }
        if lower > upper { throw ModelError(.badBounds, "\(what): lower bound \(lower) is above upper bound \(upper)") }
    }

    static func checkName(_ name: String, what: String) throws(ModelError) {
        if name.isEmpty { throw ModelError(.badName, "\(what): the name is empty") }
        if name.utf8.count > maxNameBytes { throw ModelError(.badName, "\(what): the name is \(name.utf8.count) bytes long; at most \(maxNameBytes) are allowed") }
        if name.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7f }) {
            throw ModelError(.badName, "\(what): the name contains a space or control character")
        }
    }

    /// Checks a full vector of values against bounds, integrality and every row, within `tolerance`.
    /// Returns `nil` when feasible, otherwise a sentence naming the first violation.
    public func violation(of values: [Double], tolerance: Double = 1e-6) -> String? {
        guard values.count == variables.count else { return "the vector has \(values.count) values for \(variables.count) variables" }
        for (j, v) in variables.enumerated() {
            let x = values[j]
            if !x.isFinite { return "variable \(v.name) is \(x)" }
            if x < v.lower - tolerance || x > v.upper + tolerance { return "variable \(v.name) = \(x) is outside [\(v.lower), \(v.upper)]" }
            if v.kind != .continuous && abs(x - x.rounded()) > tolerance { return "integer variable \(v.name) = \(x) is fractional" }
        }
        for (i, row) in constraints.enumerated() {
            let a = activity(ConstraintIndex(i), values)
            let scale = max(1, abs(a))
            if a < row.lower - tolerance * scale || a > row.upper + tolerance * scale {
                return "constraint \(row.name): activity \(a) is outside [\(row.lower), \(row.upper)]"
            }
        }
        return nil
    }
}
