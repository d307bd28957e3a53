import Foundation
import LinearModel

/// Other solvers timed on the very file DiaBan's model was exported to (free MPS written by
/// GLPK), single-threaded, with the same time limit: `glpsol` (GLPK's own command line, Debian
/// glpk-utils), CBC (Debian coinor-cbc) and HiGHS (the pinned `highspy` from PyPI in
/// `benchmarks/.venv`, run by `peers/highs.py`; both put there by `benchmarks/setup`).
public enum Peers {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case glpsol, cbc, highs
    }

    /// The Python of `benchmarks/.venv` and the script that runs HiGHS, when both are there.
    static func highsCommand() -> (python: String, script: String)? {
        guard let bench = try? BenchPaths.locate().bench else { return nil }
        let python = bench + "/.venv/bin/python", script = bench + "/peers/highs.py"
        guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.fileExists(atPath: script) else { return nil }
        return (python, script)
    }

    /// One peer run on one file.
    public struct Run: Codable, Sendable, Equatable {
        /// optimal / feasible / infeasible / no-solution / failed / missing (not installed).
        public var status: String
        public var objective: Double?
        public var bound: Double?
        /// Process wall time, from spawn to exit (reading the file included).
        public var seconds: Double
        public var cpuSeconds: Double
        public var peakRSSBytes: Int
        /// The command line, with the file's name only.
        public var command: String
    }

    /// The version line the peer prints, or nil when it is not installed.
    public static func version(of kind: Kind) -> String? {
        switch kind {
        case .glpsol:
            return Shell.capture("glpsol", ["--version"])?.split(separator: "\n").first.map(String.init)
        case .cbc:
            guard let text = Shell.capture("cbc", ["-quit"]) else { return nil }
            return text.split(separator: "\n").first { $0.hasPrefix("Version:") }
                .map { "CBC " + $0.dropFirst("Version:".count).trimmingCharacters(in: .whitespaces) }
        case .highs:
            guard let (python, _) = highsCommand() else { return nil }
            return Shell.capture(python, ["-c", "import highspy; h = highspy.Highs(); print('HiGHS %d.%d.%d' % (h.versionMajor(), h.versionMinor(), h.versionPatch()))"])?
                .split(separator: "\n").last.map(String.init)
        }
    }

    /// The arguments that solve `mps` with `kind`. `glpsolFlags` are GLPK's search options
    /// (DiaBan's own, so that glpsol differs from DiaBan only by what DiaBan adds around GLPK).
    public static func arguments(
        _ kind: Kind, mps: String, sense: LinearModel.Sense, timeLimit: Double, gap: Double, glpsolFlags: [String], output: String
    ) -> [String] {
        switch kind {
        case .glpsol:
            var a = ["--freemps", mps]
            if sense == .maximize { a.append("--max") }
            a += glpsolFlags
            a += ["--mipgap", String(gap), "--tmlim", String(Int(timeLimit.rounded(.up))), "-o", output]
            return a
        case .cbc:
            var a = [mps]
            if sense == .maximize { a.append("-max") }
            // Elapsed (wall-clock) seconds, like DiaBan's and glpsol's limits; CBC counts CPU
            // seconds unless told otherwise.
            a += ["-threads", "1", "-timeMode", "elapsed", "-sec", String(timeLimit), "-ratioGap", String(gap), "-solve", "-quit"]
            return a
        case .highs:
            // peers/highs.py: one thread, wall-clock limit, relative gap; minimising only (the
            // models it is given: DiaBan's plans).
            return [mps, String(timeLimit), String(gap)]
        }
    }

    /// Runs `kind` on `mps`; a missing peer gives status "missing".
    public static func run(
        _ kind: Kind, mps: String, sense: LinearModel.Sense, timeLimit: Double, gap: Double, glpsolFlags: [String], scratch: String
    ) throws -> Run {
        let name = kind.rawValue
        let missing = Run(status: "missing", objective: nil, bound: nil, seconds: 0, cpuSeconds: 0, peakRSSBytes: 0, command: name)
        let output = scratch + "/\(name)-\(getpid())-\(UInt32.random(in: 0 ... .max)).sol"
        defer { unlink(output) }
        var args = arguments(kind, mps: mps, sense: sense, timeLimit: timeLimit, gap: gap, glpsolFlags: glpsolFlags, output: output)
        let executable: String
        if kind == .highs {
            guard sense == .minimize, let (python, script) = highsCommand() else { return missing }
            executable = python
            args.insert(script, at: 0)
        } else {
            guard let found = Shell.which(name) else { return missing }
            executable = found
        }
        let outcome = try ChildProcess(executable: executable, arguments: args, timeout: timeLimit + 60, scratch: scratch).run()
        let shown = ([name] + args.filter { !$0.hasSuffix("/highs.py") }.map { $0 == mps ? (mps as NSString).lastPathComponent : ($0 == output ? "SOL" : $0) }).joined(separator: " ")
        var run: Run
        switch kind {
        case .glpsol:
            let report = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            run = parseGlpsol(log: outcome.stdout + outcome.stderr, report: report)
        case .cbc:
            run = parseCBC(outcome.stdout + outcome.stderr)
        case .highs:
            run = parseHiGHS(outcome.stdout)
        }
        if outcome.killedByTimeout || (outcome.exitCode != 0 && run.status == "failed") { run.status = outcome.killedByTimeout ? "no-solution" : "failed" }
        run.seconds = outcome.wallSeconds
        run.cpuSeconds = outcome.cpuSeconds
        run.peakRSSBytes = outcome.peakRSSBytes
        run.command = shown
        return run
    }

    /// Reads glpsol's terminal log and its `-o` solution report.
    public static func parseGlpsol(log: String, report: String) -> Run {
        var status = "failed"
        var objective: Double?
        for line in report.split(separator: "\n") {
            if line.hasPrefix("Status:") {
                let s = line.dropFirst("Status:".count).trimmingCharacters(in: .whitespaces)
                switch s {
                case "INTEGER OPTIMAL", "OPTIMAL": status = "optimal"
                case "INTEGER NON-OPTIMAL", "FEASIBLE": status = "feasible"
                case "INTEGER EMPTY", "INFEASIBLE (FINAL)", "EMPTY": status = "infeasible"
                case "INTEGER UNDEFINED", "UNDEFINED": status = "no-solution"
                default: status = "failed"
                }
            } else if line.hasPrefix("Objective:"), let eq = line.firstIndex(of: "=") {
                let rest = line[line.index(after: eq)...].split(separator: " ").first
                objective = rest.flatMap { Double($0) }
            }
        }
        if status == "no-solution" || status == "infeasible" || status == "failed" { objective = nil }
        // The bound: the last progress line "+ N: mip = X <= Y  gap (a; b)" (>= when minimising).
        var bound: Double?
        for line in log.split(separator: "\n") where line.hasPrefix("+") && line.contains("mip =") {
            let parts = line.split(separator: " ")
            if let rel = parts.firstIndex(where: { $0 == "<=" || $0 == ">=" }), rel + 1 < parts.count {
                bound = Double(parts[rel + 1])
            }
        }
        if status == "optimal" { bound = objective }
        if log.contains("PROBLEM HAS NO PRIMAL FEASIBLE SOLUTION") || log.contains("PROBLEM HAS NO INTEGER FEASIBLE SOLUTION") { status = "infeasible" }
        return Run(status: status, objective: objective, bound: bound, seconds: 0, cpuSeconds: 0, peakRSSBytes: 0, command: "")
    }

    /// Reads the JSON line that `peers/highs.py` prints last.
    public static func parseHiGHS(_ output: String) -> Run {
        struct Line: Decodable { var status: String; var objective: Double?; var bound: Double? }
        let last = output.split(separator: "\n").last { $0.hasPrefix("{") }
        guard let last, let line = try? JSONDecoder().decode(Line.self, from: Data(last.utf8)) else {
            return Run(status: "failed", objective: nil, bound: nil, seconds: 0, cpuSeconds: 0, peakRSSBytes: 0, command: "")
        }
        let known = ["optimal", "feasible", "infeasible", "no-solution", "failed"]
        return Run(status: known.contains(line.status) ? line.status : "failed", objective: line.objective, bound: line.bound,
                   seconds: 0, cpuSeconds: 0, peakRSSBytes: 0, command: "")
    }

    /// Reads CBC's log: the "Result - …" line, "Objective value:", and "Lower bound:" or
    /// "Upper bound:" when it stopped early.
    public static func parseCBC(_ log: String) -> Run {
        var status = "failed"
        var objective: Double?
        var bound: Double?
        var result = ""
        for raw in log.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            func value(after prefix: String) -> Double? {
                Double(line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
            }
            if line.hasPrefix("Result - ") { result = String(line.dropFirst("Result - ".count)) }
            else if line.hasPrefix("Objective value:") { objective = value(after: "Objective value:") }
            else if line.hasPrefix("Lower bound:") { bound = value(after: "Lower bound:") }
            else if line.hasPrefix("Upper bound:") { bound = value(after: "Upper bound:") }
        }
        if result.hasPrefix("Optimal solution found") {
            status = "optimal"
            bound = objective
        } else if result.contains("infeasible") {
            status = "infeasible"
            objective = nil
        } else if result.hasPrefix("Stopped") || result.hasPrefix("Difficulties") {
            status = objective == nil ? "no-solution" : "feasible"
        } else if result.contains("unbounded") {
            status = "failed"
        }
        // CBC prints "Objective value: 1e+50" when it stopped without a solution.
        if let o = objective, abs(o) >= 1e49 {
            objective = nil
            if status == "feasible" { status = "no-solution" }
        }
        return Run(status: status, objective: objective, bound: bound, seconds: 0, cpuSeconds: 0, peakRSSBytes: 0, command: "")
    }
}
