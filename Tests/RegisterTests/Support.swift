import DiaBanCore
import Foundation
@testable import Register

/// A scratch folder for one test, removed by `remove()`.
struct Scratch {
    let dir: String
    init() throws {
        dir = NSTemporaryDirectory() + "diaban-register-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { dir + "/" + name }
    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

/// A small province: four communes (one staffed by two officers), four officers.
enum Province {
    static let roster = Register.Roster(
        officers: [("A", "Nguyễn Văn An"), ("B", "Trần Thị Bình"), ("C", "Lê Văn Cường"), ("D", "Phạm Thị Dung")],
        communes: [("001", "Xã Một", 1), ("002", "Xã Hai", 1), ("003", "Phường Ba", 2), ("004", "Xã Bốn", 1)])
    static let current = Assignment([
        Pair(officer: "A", commune: "001"), Pair(officer: "B", commune: "002"),
        Pair(officer: "C", commune: "003"), Pair(officer: "D", commune: "003"), Pair(officer: "A", commune: "004"),
    ])
    static let start = Day(iso: "2025-07-01")!

    static func create(in scratch: Scratch, since: [Pair: Day] = [:]) throws(RegisterError) -> Register {
        try Register.create(at: scratch.path("r.db"), roster: roster, current: current, since: since, asOf: start, reference: "init")
    }

    /// Commune 001 from A to B, and 002 from B to A.
    static func swap(_ reference: String = "QĐ 1", on day: String = "2026-01-01", base: Assignment = current) -> Adoption {
        Adoption(reference: reference, effective: Day(iso: day)!, note: "", plan: "plan-\(reference)", base: base, changes: [
            .init(commune: "001", from: ["A"], to: ["B"], why: "accepted move 1"),
            .init(commune: "002", from: ["B"], to: ["A"], why: "accepted move 2"),
        ], officerNames: ["A": "Nguyễn Văn An", "B": "Trần Thị Bình"])
    }
}

extension Register {
    /// Everything the register holds, as text: equal texts mean equal registers.
    func dump() throws -> String {
        let decisions = try decisions().map { "\($0.reference)|\($0.effective)|\($0.kind.rawValue)|\($0.began)|\($0.ended)" }
        var periods: [String] = []
        for code in try roster().communes.map(\.code) {
            periods += try history(commune: code).map { "\($0.commune)|\($0.officer)|\($0.start)|\($0.end?.description ?? "-")|\($0.startedBy)|\($0.endedBy ?? "-")" }
        }
        return (decisions + periods).joined(separator: "\n")
    }
}
