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
        let explained = costly.compactMap { i in Proposal.roomMade(by: i, in: moves).map { (i, $0) } }
        #expect(!explained.isEmpty, "the bundled plan has no move that costs points and frees an officer for another (\(costly.count) cost points)")
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
}
