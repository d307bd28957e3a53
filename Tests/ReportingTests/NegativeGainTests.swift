import DiaBanCore
import Foundation
import Reporting
import Testing

/// A move that costs points is in the plan for another one: its reason names that move by its
/// number, in the planner's words and in the report's Vietnamese.
@Suite("Reasons of moves that cost points")
struct NegativeGainTests {
    @Test("each move with a negative gain that frees an officer names the move that officer takes, by number")
    func namesTheMoveItMakesRoomFor() throws {
        let b = try BundledSolve.get()
        let moves = b.report.moves
        let costly = moves.indices.filter { moves[$0].totalGain < 0 }
        // Which of the equally good plans the solve returns decides whether the bundled plan has
        // such a move: each costly move is checked for what it is, and the rule itself on
        // hand-made moves below.
        let explained = costly.compactMap { i in Proposal.roomMade(by: i, in: moves).map { (i, $0) } }
        for i in costly where !explained.contains(where: { $0.0 == i }) {
            #expect(!moves[i].reason.contains("for move "), "\(moves[i].reason)")
        }
        let vi = HTMLReport.moveReasons(solve: b.report, scenario: b.scenario, lang: .vi)
        let en = HTMLReport.moveReasons(solve: b.report, scenario: b.scenario, lang: .en)
        for (i, room) in explained {
            let m = moves[i]
            let target = moves[room.index]
            #expect(target.to.contains(room.officer) && m.from.contains(room.officer))
            #expect(m.reason.contains("for move \(room.index + 1) ("), "\(m.reason)")
            #expect(!m.reason.contains("needed together with other moves"), "\(m.reason)")
            #expect(vi[m.commune]?.contains("cho thay đổi số \(room.index + 1) (") == true, "\(vi[m.commune] ?? "")")
            #expect(en[m.commune]?.contains("for move \(room.index + 1) (") == true, "\(en[m.commune] ?? "")")
        }
        // A move that gains points keeps its own reasons only.
        for m in moves where m.totalGain > 0 { #expect(!m.reason.contains("frees capacity of"), "\(m.reason)") }
    }

    @Test("a move that costs points makes room for the first other move giving a commune to an officer it relieves")
    func roomMadeOnHandMadeMoves() throws {
        let relieves = Move(commune: "A", from: ["O1"], to: ["O2"], gains: ["travel": -5], reason: "")
        let unrelated = Move(commune: "C", from: ["O4"], to: ["O5"], gains: ["mountainBalance": 3], reason: "")
        let takes = Move(commune: "B", from: ["O3"], to: ["O1"], gains: ["workloadBalance": 20], reason: "")
        let moves = [relieves, unrelated, takes]
        let room = try #require(Proposal.roomMade(by: 0, in: moves))
        #expect(room.index == 2 && room.officer == "O1")
        #expect(Proposal.roomMade(by: 1, in: moves) == nil)
        // The officer relieved must be the one the other move gives the commune to.
        #expect(Proposal.roomMade(by: 0, in: [relieves, unrelated]) == nil)
    }
}
