import DiaBanTestSupport
import Foundation
import Testing

/// Runs the built `diaban` as a user would and captures what it prints.
enum CLI {
    static var packageRoot: String { BuiltBinary.packageRoot }
    static var binary: String? { BuiltBinary.path }

    typealias Run = BuiltBinary.Run

    /// Runs `diaban args…` in `folder` and waits for it.
    static func run(_ args: [String], in folder: String) throws -> Run {
        try BuiltBinary.run(args, in: folder, timeout: 600)
    }
}

/// A scratch folder with a small scenario and what-ifs on it, removed by `remove()`.
struct Scenarios {
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "diaban-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in Self.files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }

    static let files: [String: String] = [
        "communes.csv": """
            code,name,kind,former_district,terrain,lat,lon,workload
            30001,Xã Biên,xa,Huyện Kỳ Sơn,mountain,19.3,104.2,2
            30002,Xã Núi,xa,Huyện Kỳ Sơn,mountain,19.1,104.6,1.5
            30003,Xã Đồng,xa,Huyện Diễn Châu,lowland,18.9,105.5,1
            30004,Phường Phố,phuong,Thành phố Vinh,lowland,18.68,105.66,2
            30005,Xã Biển,xa,Huyện Diễn Châu,lowland,18.8,105.75,1.5

            """,
        "officers.csv": """
            id,name,capacity,specialties,base_lat,base_lon,base_label
            O1,Lương Văn Một,5,border-security,19.2,104.4,Nhà riêng
            O2,Trần Thị Hai,5,urban-management,,,
            O3,Lê Văn Ba,4,,,,

            """,
        "current.csv": "commune,officer\n30001,O2\n30002,O1\n30003,O1\n30004,O2\n30005,O3\n",
        "base.yaml": """
            # A small province for the command-line tests.
            name: Thử
            description: Five communes, three officers.
            headquarters: {name: Tỉnh ủy, lat: 18.675, lon: 105.66}
            tables: {communes: communes.csv, officers: officers.csv, current: current.csv}
            requirements:
              - {specialty: border-security, select: {formerDistricts: [Kỳ Sơn]}}
              - {specialty: urban-management, select: {kinds: [phuong]}}
            solver: {timeLimit: 30}

            """,
        "what-if-leave.yaml": """
            # What if O2 goes on leave?
            name: Thử, O2 on leave
            base: base.yaml
            changes:
              - {op: setOfficerStatus, officer: O2, status: leave}

            """,
        "what-if-hard.yaml": """
            # What if coverage is a hard rule while O2 is on leave? Nobody else holds urban-management.
            name: Thử, hard coverage without O2
            base: what-if-leave.yaml
            rules: {coverage: hard}

            """,
        "what-if-typo.yaml": """
            # An overlay naming an officer who does not exist.
            name: Thử, typo
            base: base.yaml
            changes:
              - {op: setCapacity, officer: O1, capacity: 6}
              - {op: setCapacity, officer: O9, capacity: 6}

            """,
    ]
}

/// Compares whole outputs with golden text compiled into the tests (`Golden/*.swift`). With
/// `DIABAN_RECORD_GOLDEN=1` the golden file is rewritten with the actual output instead.
func expectGolden(_ actual: String, _ golden: String, name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["DIABAN_RECORD_GOLDEN"] == "1" {
        let path = CLI.packageRoot + "/Tests/CLITests/Golden/Golden+\(name).swift"
        let text = "// Recorded with DIABAN_RECORD_GOLDEN=1; see Support.swift.\nextension Golden {\n    static let \(name.prefix(1).lowercased() + name.dropFirst()) = #\"\"\"\n\(actual)\n\"\"\"#\n}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return
    }
    if actual != golden {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false), g = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, g).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, g.count)
        Issue.record("""
            \(name): the output differs from the golden text from line \(first + 1) (re-record with DIABAN_RECORD_GOLDEN=1 if the change is intended)
            expected: \(first < g.count ? String(g[first]) : "(end)")
            actual:   \(first < a.count ? String(a[first]) : "(end)")
            """, sourceLocation: sourceLocation)
    }
}

/// Golden outputs, one file per output in `Golden/`.
enum Golden {}
