import DiaBanTestSupport
import Foundation
import Testing

/// Whether the browser test can run: Debian's chromium, and the pinned Playwright that
/// `scripts/setup chromium playwright` installs into .build-venv/.
enum BrowserTest {
    static let chromium = ["/usr/bin/chromium", "/usr/local/bin/chromium"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    static let playwright = FileManager.default.isExecutableFile(atPath: BuiltBinary.packageRoot + "/.build-venv/bin/python")
    /// scripts/test sets DIABAN_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
    static let required = ProcessInfo.processInfo.environment["DIABAN_REQUIRE_BROWSER"] == "1"
}

@Suite("The workspace in a real browser",
       .enabled(if: (BrowserTest.chromium && BrowserTest.playwright) || BrowserTest.required,
                "chromium or Playwright is missing (scripts/setup chromium playwright)"))
struct WorkspaceBrowserTests {
    /// Tests/Browser/workspace_browser_test.py through scripts/workspace-browser-test: opens the
    /// workspace, writes the train-border what-if with the form, solves it (5 s), sees the map and
    /// the gap, stops a long solve, compares with the baseline, switches to English, and checks
    /// the screenshot is not blank; then decides on the stopped solve's moves (accept, reject,
    /// keep), saves decisions.csv, re-plans, saves again over it after confirming, adopts into a
    /// new register after the confirmation dialog, and checks the Decide panel's screenshot
    /// (`SHOT-decide.png`) is not blank either. `DIABAN_KEEP_SCREENSHOT=FILE` keeps both.
    @Test("a new user's session: what-if by form, solve with its gap and map, stop, compare, decide, adopt, screenshots")
    func newUser() throws {
        guard let diaban = BuiltBinary.path else {
            Issue.record("the built diaban was not found beside the tests")
            return
        }
        let png = ProcessInfo.processInfo.environment["DIABAN_KEEP_SCREENSHOT"]
            ?? NSTemporaryDirectory() + "diaban-workspace-\(ProcessInfo.processInfo.processIdentifier).png"
        let decidePNG = (png.hasSuffix(".png") ? String(png.dropLast(4)) : png) + "-decide.png"
        defer {
            if ProcessInfo.processInfo.environment["DIABAN_KEEP_SCREENSHOT"] == nil {
                for file in [png, decidePNG] { try? FileManager.default.removeItem(atPath: file) }
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltBinary.packageRoot + "/scripts/workspace-browser-test")
        process.arguments = [diaban, png]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let started = Date()
        try process.run()
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print("workspace browser test (\(String(format: "%.1f", Date().timeIntervalSince(started))) s):\n\(log)")
        #expect(process.terminationStatus == 0, Comment(rawValue: String(log.suffix(6000))))
        #expect(log.contains("] ok"), "the browser test did not reach its end")
        #expect(FileManager.default.fileExists(atPath: png), "no screenshot was written")
        #expect(FileManager.default.fileExists(atPath: decidePNG), "no screenshot of the Decide panel was written")
    }
}
