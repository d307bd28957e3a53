import DiaBanCore
import DiaBanTestSupport
import Foundation
import GLPKSolver
import ScenarioIO
import Testing
@testable import WorkPlan

/// The bundled Nghệ An scenario's work plan rules and holidays table.
@Suite struct BundledTests {
    static let baseline = BuiltBinary.packageRoot + "/scenarios/nghe-an/baseline.yaml"

    @Test func theBundledRulesLoadWithTheHolidays() throws {
        let loaded = try ScenarioLoader.loadDetailed(path: Self.baseline)
        let rules = try #require(loaded.scenario.workPlan)
        #expect(rules.period?.description == "2026-01-01–2026-12-31")
        #expect(rules.minSpacingDays == 21 && rules.fieldDaysPerMonth == 8 && rules.budget(officer: "CB05", month: "2026-02") == 6)
        #expect(rules.officeDays.first?.weekday == .monday)
        let days = Dictionary(rules.calendar.map { ($0.day.description, $0) }, uniquingKeysWith: { a, _ in a })
        // Tết 2026 from the lunar calendar, Hùng Kings' day (10th of the 3rd lunar month) observed on Monday, National Day.
        for d in ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-27", "2026-09-02"] {
            #expect(days[d]?.kind == .holiday, "\(d)")
        }
        #expect(days["2026-08-22"]?.kind == .workingDay)
        #expect(loaded.workPlanProblems(period: rules.period!).isEmpty)
        #expect(loaded.inputFiles.contains { $0.hasSuffix("holidays.csv") })
    }

    @Test func aCommuneBeyondTheThresholdGetsAnOvernightTrip() throws {
        let s = try ScenarioLoader.load(path: Self.baseline)
        let rules = try #require(s.workPlan)
        let officer = try #require(s.officer("CB10"))
        let codes = s.current.communesByOfficer["CB10"] ?? []
        let p = OfficerProblem(officer: officer, communes: s.communes.filter { codes.contains($0.code) }, scenario: s, rules: rules, period: rules.period!)
        for (i, place) in p.places.enumerated() {
            let r = try #require(p.route([i]))
            #expect(r.days == (place.baseKm > rules.trips.overnightBeyondKm! ? 2 : 1), "\(place.code) at \(place.baseKm) km")
        }
    }

    @Test func theBundledScenarioCarriesTheNationalTableUnchanged() throws {
        let national = try Data(contentsOf: URL(fileURLWithPath: BuiltBinary.packageRoot + "/scenarios/vietnam/data/holidays.csv"))
        let copy = try Data(contentsOf: URL(fileURLWithPath: BuiltBinary.packageRoot + "/scenarios/nghe-an/data/holidays.csv"))
        #expect(national == copy, "scenarios/nghe-an/data/holidays.csv differs from the national table: run scripts/holidays")
    }

    /// The table agrees with the pinned `holidays` package (scripts/holidays --check), when the
    /// package is installed (scripts/setup checks).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: BuiltBinary.packageRoot + "/.build-venv/bin/python")))
    func theTableAgreesWithTheHolidaysPackage() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: BuiltBinary.packageRoot + "/scripts/holidays")
        p.arguments = ["--check"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
    }
}
