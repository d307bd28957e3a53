#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The machine a results file was measured on. Times from different machines are not
/// comparable; `compare` says so when the two differ.
public struct Machine: Codable, Sendable, Equatable {
    public var cores: Int
    public var memoryBytes: Int
    public var cpu: String
    public var os: String
    public var glpsol: String?
    public var cbc: String?
    /// nil in files before schema 3, and when benchmarks/setup has not installed it.
    public var highs: String? = nil

    public static func current() -> Machine {
        let info = ProcessInfo.processInfo
        var cpu = "unknown"
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var os = info.operatingSystemVersionString
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            os = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return Machine(
            cores: info.activeProcessorCount, memoryBytes: Int(info.physicalMemory), cpu: cpu, os: os,
            glpsol: Peers.version(of: .glpsol), cbc: Peers.version(of: .cbc), highs: Peers.version(of: .highs))
    }
}

/// The commit of the measured DiaBan checkout, and whether its sources differ from it.
public struct Revision: Codable, Sendable, Equatable {
    public var commit: String
    /// True when `Sources/` or `Package.swift` had uncommitted changes at the time of the run.
    public var dirty: Bool

    public static func of(checkout path: String) -> Revision {
        let head = Shell.capture("git", ["-C", path, "rev-parse", "HEAD"])?.trimmingCharacters(in: .whitespacesAndNewlines)
        let status = Shell.capture("git", ["-C", path, "status", "--porcelain", "--", "Sources", "Package.swift"])
        return Revision(commit: head ?? "unknown", dirty: status.map { !$0.isEmpty } ?? false)
    }
}

/// Peak resident memory of this process so far (`VmHWM` of `/proc/self/status`), bytes.
public func processPeakRSSBytes() -> Int {
    if let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) {
        let digits = line.split(separator: " ").compactMap { Int($0) }
        if let kb = digits.first { return kb * 1024 }
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
}

/// Short helper commands (git, version probes): their stdout, or nil when they fail.
enum Shell {
    static func capture(_ command: String, _ arguments: [String], timeout: Double = 30) -> String? {
        guard let found = which(command) else { return nil }
        let child = ChildProcess(executable: found, arguments: arguments, timeout: timeout, scratch: NSTemporaryDirectory())
        guard let outcome = try? child.run(), outcome.exitCode == 0 else { return nil }
        return outcome.stdout
    }

    /// The full path of `command` on `PATH`, or nil.
    static func which(_ command: String) -> String? {
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
