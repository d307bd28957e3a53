import Foundation
import Planning

/// How `diaban serve` runs: where the scenarios are, where it listens, who may use it and how
/// many solves run at once.
public struct WorkspaceConfiguration: Sendable {
    /// The folder of scenario files.
    public var scenarios: String
    public var host: String
    /// 0: any free port (the address printed says which).
    public var port: Int
    /// When set, every request needs it (query `token=`, a cookie set from it, or
    /// `Authorization: Bearer`). Required when ``host`` is not a loopback address.
    public var token: String?
    /// Solves at once, at most: 1 to the number of processors.
    public var jobs: Int
    /// The longest time limit of one solve, seconds.
    public var maxSolveSeconds: Double
    /// Seconds a solve goes on while no page watches it (its tab was closed) before it stops.
    public var unwatchedGrace: Double

    public init(scenarios: String = "scenarios", host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                jobs: Int = PlanBatch.defaultJobs, maxSolveSeconds: Double = 600, unwatchedGrace: Double = 30) {
        self.scenarios = scenarios
        self.host = host
        self.port = port
        self.token = token
        self.jobs = jobs
        self.maxSolveSeconds = maxSolveSeconds
        self.unwatchedGrace = unwatchedGrace
    }

    /// Whether `host` reaches this machine only: `localhost`, `127.0.0.0/8` or `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("[") && h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h == "localhost" || h.hasSuffix(".localhost") || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The shortest token accepted.
    public static let minimumTokenLength = 16

    /// A new random token: 32 hexadecimal digits (128 bits) from the system's generator.
    public static func generateToken() -> String { ScenarioFolder.randomHex(16) }

    /// Why the configuration cannot run, in a sentence; nil when it can.
    public var problem: String? {
        if !(0...65535).contains(port) { return "--port must be between 0 and 65535 (0: any free port)." }
        if host.isEmpty || host.contains(where: { $0.isWhitespace || $0 == "/" }) { return "--host must be an address or a host name, e.g. 127.0.0.1." }
        if let token {
            if token.count < Self.minimumTokenLength { return "--token must be at least \(Self.minimumTokenLength) characters long." }
            if !token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != ";" && $0 != "," && $0 != "\"" && $0 != "\\" }) {
                return "--token may hold printable ASCII characters only (no spaces, quotes, commas, semicolons or backslashes)."
            }
        } else if !Self.isLoopback(host) {
            return "Listening on \(host), which other machines can reach, needs an access token (--token, or none to have one generated)."
        }
        if jobs < 1 || jobs > PlanBatch.defaultJobs { return "--jobs must be between 1 and \(PlanBatch.defaultJobs) (the processors of this machine)." }
        if !(maxSolveSeconds > 0 && maxSolveSeconds.isFinite) { return "--max-time-limit must be a positive number of seconds." }
        if !(unwatchedGrace >= 0 && unwatchedGrace.isFinite) { return "--stop-unwatched-after must be 0 seconds or more." }
        return nil
    }
}
