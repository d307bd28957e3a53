import Foundation
import Reporting
import Testing

/// Whether Debian's chromium is installed (scripts/test installs it through scripts/setup).
let chromiumInstalled = ["/usr/bin/chromium", "/usr/local/bin/chromium"].contains { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("The report in a real browser", .enabled(if: chromiumInstalled, "chromium is not installed (scripts/setup chromium)"))
struct BrowserCheckTests {
    /// Runs scripts/browser-check on `html` and returns its exit status and stderr.
    func browserCheck(_ html: String, name: String) throws -> (status: Int32, log: String, png: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diaban-browser-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("report.html"), png = folder.appendingPathComponent("report.png")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent("scripts/browser-check")
        process.arguments = [page.path, png.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: log, as: UTF8.self), png)
    }

    @Test("the bundled solve's report renders, draws, runs its script without error and asks the network nothing")
    func bundled() throws {
        let solve = try BundledSolve.get()
        let html = HTMLReport.render(solve: solve.report, scenario: solve.scenario, headquartersName: solve.headquartersName)
        let result = try browserCheck(html, name: "bundled")
        #expect(result.status == 0, Comment(rawValue: result.log))
        #expect(FileManager.default.fileExists(atPath: result.png.path))
    }

    @Test("the check fails on a page whose script throws, that fetches something, or that draws nothing")
    func catchesFaults() throws {
        let throwing = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"background:linear-gradient(#fff,#036)\">"
            + "<h1>Thử</h1><script>undefinedFunction();</script></body></html>"
        let a = try browserCheck(throwing, name: "throwing")
        #expect(a.status != 0)
        #expect(a.log.contains("Uncaught"))
        let fetching = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"background:linear-gradient(#fff,#036)\">"
            + "<h1>Thử</h1><img src=\"http://" + "example.invalid/tile.png\"></body></html>"
        let b = try browserCheck(fetching, name: "fetching")
        #expect(b.status != 0)
        #expect(b.log.contains("network requests"))
        let blank = try browserCheck("<!DOCTYPE html><html><body style=\"background:#123456\"></body></html>", name: "blank")
        #expect(blank.status != 0)
        #expect(blank.log.contains("blank"))
    }
}
