import DiaBanCore
import DiaBanTestSupport
import Foundation
import Testing
@testable import ScenarioIO

@Suite("The bad-data fixture")
struct BadFixtureTests {
    @Test("A duplicate code, an unknown officer and a negative capacity: all three, with their lines")
    func allThree() throws {
        do {
            _ = try ScenarioLoader.load(path: fixture("bad/scenario.yaml"))
            Issue.record("the bad fixture loaded")
        } catch {
            let found = error.errors.map { e in "\(e.file.split(separator: "/").last!):\(e.line ?? 0):\(e.field ?? "")" }
            #expect(found == ["communes.csv:4:code", "current.csv:3:officer", "officers.csv:3:capacity"])
            #expect(error.errors[0].message == "The commune code 16681 is used twice (first on line 2).")
            #expect(error.errors[1].message == "The current assignment names officer CB99, who is not in the officers table.")
            #expect(error.errors[2].message == "The capacity -2 is negative.")
        }
    }

    /// The built `diaban`, when this test run built it (it sits beside the test bundle).
    static var binary: String? { BuiltBinary.path }

    @Test("diaban check exits 65 on it and 0 on the bundled scenario", .enabled(if: binary != nil))
    func commandLine() throws {
        func run(_ args: [String]) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.binary!)
            p.arguments = args
            p.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let (bad, badText) = try run(["check", fixture("bad/scenario.yaml")])
        #expect(bad == 65)
        #expect(badText.contains("communes.csv:4: code:") && badText.contains("current.csv:3: officer:") && badText.contains("officers.csv:3: capacity:"))
        let (good, goodText) = try run(["check", "scenarios/nghe-an/baseline.yaml"])
        #expect(good == 0)
        #expect(goodText.contains("130 (119 xã, 11 phường): 75 mountain, 55 lowland"))
        let (usage, _) = try run(["check", "no/such/file.yaml"])
        #expect(usage == 64)
    }
}
