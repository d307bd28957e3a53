#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One child process, started with `posix_spawn` and reaped with `wait4`, so that its own peak
/// resident memory (`ru_maxrss`) is known, not only the largest of all children.
///
/// Standard output and standard error go to files; standard input is `/dev/null`. A child still
/// running after `timeout` seconds is killed (`SIGKILL`) and reported as such.
public struct ChildProcess: Sendable {
    public struct Outcome: Sendable {
        /// The exit code, or 128 + the signal number when a signal ended it.
        public var exitCode: Int32
        public var killedByTimeout: Bool
        /// Wall-clock seconds from just before the spawn to just after the reap.
        public var wallSeconds: Double
        /// Peak resident set size of the child, bytes (`ru_maxrss`).
        public var peakRSSBytes: Int
        /// User plus system CPU seconds of the child: less sensitive than wall time to other
        /// processes competing for the cores.
        public var cpuSeconds: Double
        public var stdout: String
        public var stderr: String
    }

    public var executable: String
    public var arguments: [String]
    public var timeout: Double
    /// Where the output files go (created if needed).
    public var scratch: String

    public init(executable: String, arguments: [String], timeout: Double, scratch: String) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
        self.scratch = scratch
    }

    public func run() throws -> Outcome {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let tag = "\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let outPath = scratch + "/child-\(tag).out", errPath = scratch + "/child-\(tag).err"
        defer { unlink(outPath); unlink(errPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment
            .sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }

        let start = Self.now()
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchError("Could not start \(executable): \(String(cString: strerror(spawned))).")
        }

        let reaped = Reaped()
        let done = DispatchSemaphore(value: 0)
        let child = pid
        Thread.detachNewThread {
            var status: Int32 = 0
            var usage = rusage()
            while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
            let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
            reaped.set(status: status, maxRSSKilobytes: Int(usage.ru_maxrss), cpu: cpu, end: Self.now())
            done.signal()
        }
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(child, SIGKILL)
            done.wait()
        }
        let (status, maxRSS, cpu, end) = reaped.get()
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(
            exitCode: exitCode, killedByTimeout: timedOut, wallSeconds: end - start, peakRSSBytes: maxRSS * 1024, cpuSeconds: cpu,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

/// What the reaping thread hands back.
private final class Reaped: @unchecked Sendable {
    private let lock = NSLock()
    private var status: Int32 = 0
    private var maxRSS = 0
    private var cpu = 0.0
    private var end = 0.0

    func set(status: Int32, maxRSSKilobytes: Int, cpu: Double, end: Double) {
        lock.withLock { (self.status, self.maxRSS, self.cpu, self.end) = (status, maxRSSKilobytes, cpu, end) }
    }

    func get() -> (Int32, Int, Double, Double) {
        lock.withLock { (status, maxRSS, cpu, end) }
    }
}

/// A failure of the benchmark itself (not of a solve), in a sentence.
public struct BenchError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
