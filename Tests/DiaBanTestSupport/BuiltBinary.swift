#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where the tests find the package and the `diaban` this test run built.
public enum BuiltBinary {
    /// The package's root folder.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built `diaban`: it sits beside the test bundle. `DIABAN_BINARY` names another one.
    public static let path: String? = {
        if let given = ProcessInfo.processInfo.environment["DIABAN_BINARY"] { return given }
        var folders: [URL] = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        folders += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for folder in folders {
            for candidate in [folder, folder.deletingLastPathComponent()] {
                let path = candidate.appendingPathComponent("diaban").path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()

    /// Another executable of this build (a documentation snippet, say), beside `diaban`.
    public static func sibling(_ name: String) -> String? {
        guard let path else { return nil }
        let candidate = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// What a run of the binary printed and how it ended.
    public struct Run: CustomStringConvertible, Sendable {
        public var status: Int32
        /// False when the process was killed by a signal (a crash) or by the timeout.
        public var exited: Bool
        public var timedOut: Bool
        public var seconds: Double
        public var stdout: String
        public var stderr: String
        public var output: String { stdout + "\n" + stderr }
        public var description: String {
            "exit \(status)\(exited ? "" : " (signal)")\(timedOut ? " (timed out)" : ""), \(String(format: "%.2f", seconds)) s\n--- stdout\n\(stdout.prefix(3000))\n--- stderr\n\(stderr.prefix(3000))"
        }

        /// Words that only a crash, a trap or a solver abort prints.
        public static let crashWords = ["Fatal error", "Backtrace", "Signal", "Stack dump", "Segmentation fault", "glp_", "Assertion failed",
                                 "Illegal instruction", "Current stack trace", "💣"]
        public var crashWordsFound: [String] { Self.crashWords.filter(output.contains) }
    }

    /// Runs `diaban args…` in `folder`; kills it after `timeout` seconds. `interruptAfter`
    /// sends SIGINT (as Ctrl-C does) once that many seconds have passed.
    public static func run(_ args: [String], in folder: String, timeout: Double = 60, interruptAfter: Double? = nil, executable: String? = nil) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable ?? path!)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        let outData = Box(), errData = Box()
        let start = Date()
        try p.run()
        // Read both pipes while the process runs, so that neither fills up.
        let readers = [Thread { outData.set(out.fileHandleForReading.readDataToEndOfFile()) },
                       Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }]
        readers.forEach { $0.start() }
        var interrupted = false, timedOut = false
        while p.isRunning {
            let elapsed = Date().timeIntervalSince(start)
            if let t = interruptAfter, !interrupted, elapsed >= t { p.interrupt(); interrupted = true }
            if elapsed > timeout { timedOut = true; kill(p.processIdentifier, SIGKILL); break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        p.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        while !(outData.isSet && errData.isSet) { Thread.sleep(forTimeInterval: 0.01) }
        return Run(status: p.terminationStatus, exited: p.terminationReason == .exit, timedOut: timedOut, seconds: seconds,
                   stdout: String(decoding: outData.get(), as: UTF8.self), stderr: String(decoding: errData.get(), as: UTF8.self))
    }


    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        func set(_ d: Data) { lock.withLock { data = d } }
        var isSet: Bool { lock.withLock { data != nil } }
        func get() -> Data { lock.withLock { data ?? Data() } }
    }
}
