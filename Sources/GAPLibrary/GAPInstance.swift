import LinearModel

/// A generalized assignment problem in the OR-Library text format: agents (officers) with
/// capacities, jobs (communes) each assigned to exactly one agent, a cost and a resource use
/// per agent–job pair. It is the core of DiaBan's model, so the public instances with
/// published optima test the solver path end to end.
public struct GAPInstance: Sendable, Equatable {
    public var name: String
    public var agents: Int
    public var jobs: Int
    /// cost[i][j]
    public var cost: [[Double]]
    /// resource[i][j]
    public var resource: [[Double]]
    public var capacity: [Double]

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Parses one file: either one instance (`m n`, costs, resources, capacities — Chu & Beasley,
    /// Yagiura) or an OR-Library `gapN.txt` starting with the number of instances P.
    /// Instances are named `stem-k` (k from 1) when the file holds several, else `stem`.
    public static func parseFile(_ text: String, stem: String) throws -> [GAPInstance] {
        var tokens: [Double] = []
        for (n, word) in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).enumerated() {
            guard let x = Double(word), x.isFinite else {
                throw ParseError(description: "\(stem): token \(n + 1) ('\(word.prefix(20))') is not a number")
            }
            tokens.append(x)
        }
        func size(at i: Int) -> (m: Int, n: Int, count: Int)? {
            guard i + 1 < tokens.count, let m = Int(exactly: tokens[i]), let n = Int(exactly: tokens[i + 1]), m > 0, n > 0, m < 10_000, n < 100_000 else { return nil }
            return (m, n, 2 + 2 * m * n + m)
        }
        if let s = size(at: 0), s.count == tokens.count {
            return [try instance(tokens, at: 0, name: stem)]
        }
        guard let p = tokens.first.flatMap({ Int(exactly: $0) }), p > 0 else {
            throw ParseError(description: "\(stem): the file starts with neither 'm n' nor an instance count")
        }
        var out: [GAPInstance] = []
        var i = 1
        for k in 1...p {
            guard let s = size(at: i), i + s.count <= tokens.count else {
                throw ParseError(description: "\(stem): instance \(k) of \(p) is cut short")
            }
            out.append(try instance(tokens, at: i, name: "\(stem)-\(k)"))
            i += s.count
        }
        if i != tokens.count { throw ParseError(description: "\(stem): \(tokens.count - i) numbers left after \(p) instances") }
        return out
    }

    static func instance(_ t: [Double], at start: Int, name: String) throws -> GAPInstance {
        let m = Int(t[start]), n = Int(t[start + 1])
        var i = start + 2
        func matrix() -> [[Double]] {
            (0..<m).map { _ in defer { i += n }; return Array(t[i..<(i + n)]) }
        }
        let cost = matrix(), resource = matrix()
        let capacity = Array(t[i..<(i + m)])
        if resource.joined().contains(where: { $0 < 0 }) || capacity.contains(where: { $0 < 0 }) {
            throw ParseError(description: "\(name): negative resource or capacity")
        }
        return GAPInstance(name: name, agents: m, jobs: n, cost: cost, resource: resource, capacity: capacity)
    }

    /// The integer program: x[i,j] binary, Σ_i x = 1 per job, Σ_j r·x ≤ b per agent.
    public func model(sense: LinearModel.Sense) -> LinearModel {
        var model = LinearModel(name: name.replacingSpaces, sense: sense)
        var x = [[VariableIndex]]()
        for i in 0..<agents {
            x.append((0..<jobs).map { j in model.addVariable("x_\(i + 1)_\(j + 1)", kind: .binary, lower: 0, upper: 1, objective: cost[i][j]) })
        }
        for j in 0..<jobs {
            model.addConstraint("job_\(j + 1)", (0..<agents).map { (x[$0][j], 1) }, lower: 1, upper: 1)
        }
        for i in 0..<agents {
            model.addConstraint("cap_\(i + 1)", (0..<jobs).map { (x[i][$0], resource[i][$0]) }, upper: capacity[i])
        }
        return model
    }
}

extension String {
    var replacingSpaces: String { String(map { $0 == " " ? "_" : $0 }) }
}

/// A row of `optima.csv`: the published best value of an instance in one sense.
public struct PublishedOptimum: Sendable, Equatable {
    public var instance: String
    public var sense: LinearModel.Sense
    public var value: Double
    public var provenOptimal: Bool

    /// Reads `instance,sense,best_known,proven_optimal,source` (the source may be quoted).
    public static func parseTable(_ text: String) -> [PublishedOptimum] {
        text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let f = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
            guard f.count >= 4, let v = Double(f[2]) else { return nil }
            return PublishedOptimum(instance: String(f[0]), sense: f[1] == "max" ? .maximize : .minimize, value: v, provenOptimal: f[3] == "true")
        }
    }
}
