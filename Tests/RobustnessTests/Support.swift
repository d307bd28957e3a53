#if canImport(Glibc)
import Glibc
#endif
import DiaBanTestSupport
import Foundation
import Testing

/// Runs the built `diaban` as a user would, with a time limit, and captures what it prints.
enum Diaban {
    static var packageRoot: String { BuiltBinary.packageRoot }
    static var binary: String? { BuiltBinary.path }

    static var isBuilt: Bool { binary != nil }

    struct Run: CustomStringConvertible {
        var status: Int32
        /// False when the process was killed by a signal (a crash) or by the timeout.
        var exited: Bool
        var timedOut: Bool
        var seconds: Double
        var stdout: String
        var stderr: String
        var output: String { stdout + "\n" + stderr }
        var description: String {
            "exit \(status)\(exited ? "" : " (signal)")\(timedOut ? " (timed out)" : ""), \(String(format: "%.2f", seconds)) s\n--- stdout\n\(stdout.prefix(3000))\n--- stderr\n\(stderr.prefix(3000))"
        }

        /// Words that only a crash, a trap or a solver abort prints.
        static let crashWords = ["Fatal error", "Backtrace", "Signal", "Stack dump", "Segmentation fault", "glp_", "Assertion failed",
                                 "Illegal instruction", "Current stack trace", "💣"]
        var crashWordsFound: [String] { Self.crashWords.filter(output.contains) }
    }

    /// Runs `diaban args…` in `folder`; kills it after `timeout` seconds. `interruptAfter`
    /// sends SIGINT (as Ctrl-C does) once that many seconds have passed.
    static func run(_ args: [String], in folder: String, timeout: Double = 60, interruptAfter: Double? = nil) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary!)
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

/// A scratch folder, removed by `remove()`.
struct Scratch {
    let dir: String

    init(copying source: String? = nil) throws {
        dir = NSTemporaryDirectory() + "diaban-robust-" + UUID().uuidString
        if let source {
            try FileManager.default.copyItem(atPath: source, toPath: dir)
        } else {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    func path(_ name: String) -> String { dir + "/" + name }

    func write(_ name: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path(name))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func write(_ name: String, _ text: String) throws { try write(name, Data(text.utf8)) }

    func read(_ name: String) -> Data? { FileManager.default.contents(atPath: path(name)) }

    /// Every file under the folder (relative paths, sorted), hidden ones included.
    func files(under sub: String = "") -> [String] {
        let root = sub.isEmpty ? dir : path(sub)
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let f = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + f, isDirectory: &isDir), !isDir.boolValue { out.append(f) }
        }
        return out.sorted()
    }

    /// The bytes of every file under `sub`, by relative path.
    func snapshot(_ sub: String = "") -> [String: Data] {
        var out: [String: Data] = [:]
        for f in files(under: sub) { out[f] = FileManager.default.contents(atPath: (sub.isEmpty ? dir : path(sub)) + "/" + f) }
        return out
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

/// The corpus folder of this test bundle.
enum Corpus {
    static let root: String = Bundle.module.url(forResource: "Corpus", withExtension: nil)!.path

    /// The tiny valid scenario (3 officers × 5 communes) the bad cases are derived from.
    static var tiny: String { root + "/_tiny" }

    /// Every case folder (the names not starting with `_`).
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix("_") && !name.hasPrefix(".") && FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDir) && isDir.boolValue
        }.sorted()
    }()
}
