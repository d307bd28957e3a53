#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where things are: the benchmark package, the measured DiaBan checkout, the scratch folder.
public struct BenchPaths: Sendable {
    /// The `benchmarks/` folder (its Package.swift, data/gap, results/).
    public var bench: String
    /// The DiaBan checkout measured (its scenarios/ and git commit): `DIABAN_MAIN` or `bench/..`.
    public var root: String
    /// Generated scenarios, exported models, peers' files: `bench/.scratch` (ignored by git).
    public var scratch: String
    /// This program, to start one process per measured run.
    public var executable: String
    /// The measured checkout's `diaban`, built beside this program (`swift build -c release
    /// --product diaban` in `benchmarks/`, as `benchmarks/run` does), for the compare and
    /// trade-off cases.
    public var diaban: String { (executable as NSString).deletingLastPathComponent + "/diaban" }

    public var gapData: String { bench + "/data/gap" }

    public static func locate() throws -> BenchPaths {
        let executable = selfExecutable()
        let env = ProcessInfo.processInfo.environment
        var bench = env["DIABAN_BENCH_DIR"]
        if bench == nil {
            // Up from the executable (benchmarks/.build/…/diaban-bench), else from the current folder.
            for start in [(executable as NSString).deletingLastPathComponent, FileManager.default.currentDirectoryPath] {
                var dir = start
                while dir != "/" && !dir.isEmpty {
                    if FileManager.default.fileExists(atPath: dir + "/data/gap/optima.csv"),
                       FileManager.default.fileExists(atPath: dir + "/Package.swift") {
                        bench = dir
                        break
                    }
                    if FileManager.default.fileExists(atPath: dir + "/benchmarks/data/gap/optima.csv") {
                        bench = dir + "/benchmarks"
                        break
                    }
                    dir = (dir as NSString).deletingLastPathComponent
                }
                if bench != nil { break }
            }
        }
        guard let bench else {
            throw BenchError("Could not find the benchmarks folder (with data/gap/optima.csv); run from the repository or set DIABAN_BENCH_DIR.")
        }
        let standard = URL(fileURLWithPath: bench).standardizedFileURL.path
        let root = env["DIABAN_MAIN"].map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? (standard as NSString).deletingLastPathComponent
        return BenchPaths(bench: standard, root: root, scratch: standard + "/.scratch", executable: executable)
    }

    static func selfExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }
}
