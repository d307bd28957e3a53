import DiaBanTestSupport
import Foundation
import Testing

/// One solve under valgrind: `scripts/leak-check` on the binary this test run built. Skipped,
/// saying why, where valgrind is not installed (the script itself installs it when run by hand).
@Suite("Leak check")
struct LeakCheckTests {
    static let valgrind: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/valgrind"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    @Test("scripts/leak-check: no definite or indirect leak, no memory error",
          .enabled(if: valgrind != nil, "valgrind is not installed (apt-get install valgrind, or run scripts/leak-check, which installs it)"),
          .enabled(if: Diaban.isBuilt, "diaban is not built beside the tests"),
          .timeLimit(.minutes(5)))
    func leakCheck() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Diaban.packageRoot + "/scripts/leak-check")
        var env = ProcessInfo.processInfo.environment
        env["DIABAN_BINARY"] = Diaban.binary!
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        print(text)
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("leak-check: tiny-solve ok") && text.contains("leak-check: infeasible-solve ok"), "\(text)")
    }
}
