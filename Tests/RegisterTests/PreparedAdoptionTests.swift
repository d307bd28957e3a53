import DiaBanCore
import Foundation
import Testing
@testable import Register

/// What `register adopt` makes of a plan and a leader's decisions, before the register is
/// touched (the command line and the workspace both go through it).
@Suite("A decision prepared for adoption")
struct PreparedAdoptionTests {
    /// The province's plan: 001 from A to B (a move to gain points), 004 from A to D (forced:
    /// A is on leave), 002 from B to C.
    static func plan(hasPlan: Bool = true, honours: Bool = true) -> AdoptedPlan {
        AdoptedPlan(
            name: "out/plan.json", status: hasPlan ? "optimal" : "infeasible", hasPlan: hasPlan, honoursItsDecisions: honours, base: Province.current,
            moves: [Move(commune: "001", from: ["A"], to: ["B"], gains: ["travel": 3], reason: "saves km"),
                    Move(commune: "004", from: ["A"], to: ["D"], gains: [:], reason: "A is on leave", forcedBy: "leave"),
                    Move(commune: "002", from: ["B"], to: ["C"], gains: ["travel": 1], reason: "saves km")],
            officerNames: ["A": "Nguyễn Văn An", "B": "Trần Thị Bình", "C": "Lê Văn Cường", "D": "Phạm Thị Dung"],
            communeNames: ["001": "Xã Một", "002": "Xã Hai", "003": "Phường Ba", "004": "Xã Bốn"], fingerprint: "f1")
    }

    static func decision(_ move: Int, _ commune: String, _ from: String, _ to: String, _ verdict: Decision.Verdict, earlier: Bool = false) -> Decision {
        Decision(move: move, commune: commune, from: [from], to: [to], gain: nil, verdict: verdict, note: "", line: move + 1, earlier: earlier)
    }

    static let effective = Day(iso: "2026-01-01")!

    @Test("accepted moves and forced ones change; rejections and keeps stand; the summary is the command's")
    func changes() throws {
        let decisions = [Self.decision(1, "001", "A", "B", .accept), Self.decision(2, "004", "A", "D", .pending), Self.decision(3, "002", "B", "C", .reject),
                         Self.decision(4, "003", "C", "A", .keep, earlier: true)]
        let p = try PreparedAdoption(plan: Self.plan(), decisions: decisions, decisionsName: "round2/decisions.csv", reference: "QĐ 7", effective: Self.effective, note: "n")
        #expect(p.adoption.changes == [.init(commune: "001", from: ["A"], to: ["B"], why: "accepted move 1"),
                                       .init(commune: "004", from: ["A"], to: ["D"], why: "forced (leave)")])
        #expect(p.adoption.refusals.map { "\($0.pair.officer)-\($0.pair.commune)-\($0.verdict)" } == ["C-002-reject", "C-003-keep"])
        #expect(p.adoption.plan == "f1" && p.adoption.base == Province.current && p.adoption.reference == "QĐ 7" && p.adoption.note == "n")
        #expect(p.forced == 1)
        #expect(p.notAdopted.map(\.commune) == ["002"])
        let s = try Scratch()
        defer { s.remove() }
        let register = try Province.create(in: s)
        let result = try register.adopt(p.adoption)
        #expect(p.summary(result) == [
            "recorded \"QĐ 7\" effective 2026-01-01: 2 pair(s) end, 2 begin, 3 continue",
            "  1 accepted move(s), 1 forced by a rule",
            "  standing until the next decision: 1 rejected move(s), 1 kept pair(s)",
            "  not adopted (no accept in decisions.csv): Xã Hai → C",
        ])
    }

    @Test("refused before the register is touched: no plan, a plan that breaks its decisions, a move it does not make, a forced move refused")
    func refusals() {
        func prepare(_ plan: AdoptedPlan, _ decisions: [Decision]) throws {
            _ = try PreparedAdoption(plan: plan, decisions: decisions, decisionsName: "d.csv", reference: "QĐ", effective: Self.effective, note: "")
        }
        expectLines(["out/plan.json holds no plan (status infeasible); nothing to adopt."]) { try prepare(Self.plan(hasPlan: false), []) }
        expectLines(["out/plan.json does not honour every decision it was made with; it cannot be adopted."]) { try prepare(Self.plan(honours: false), []) }
        let wrong = [Self.decision(1, "001", "A", "C", .accept), Self.decision(2, "004", "A", "D", .reject)]
        expectLines([
            "d.csv:2: to: move 1 (Xã Một to C) is accepted, but out/plan.json does not make that move: not a move the plan proposed. Adopt the plan the decisions were made on, or the re-plan made with them.",
            "d.csv:3: decision: move 2 is forced by a rule (leave) but the file says reject. Re-plan with the decisions (diaban solve SCENARIO --decisions d.csv --out DIR) and adopt that plan.",
        ]) { try prepare(Self.plan(), wrong) }
    }
}

/// The body throws ``AdoptionProblems`` with exactly `expected` as its lines.
func expectLines(_ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("nothing was thrown; expected \(expected)", sourceLocation: sourceLocation)
    } catch let e as AdoptionProblems {
        #expect(e.lines == expected, sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(error) was thrown; expected \(expected)", sourceLocation: sourceLocation)
    }
}
