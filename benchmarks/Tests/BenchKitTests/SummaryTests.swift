import LinearModel
import Testing
@testable import BenchKit

@Test func summaryOfOddAndEvenCounts() {
    #expect(Summary([3.0, 1, 2]) == Summary(median: 2, min: 1, max: 3))
    #expect(Summary([4.0, 1, 3, 2]) == Summary(median: 2.5, min: 1, max: 4))
    #expect(Summary([5.0]) == Summary(median: 5, min: 5, max: 5))
    #expect(Summary([Double]()) == nil)
    #expect(Summary([nil, 2.0, nil]) == Summary(median: 2, min: 2, max: 2))
}

@Test func worstStatusOverRuns() {
    #expect(LadderCaseResult.worst(["optimal", "feasible", "optimal"]) == "feasible")
    #expect(LadderCaseResult.worst(["optimal", "optimal"]) == "optimal")
    #expect(LadderCaseResult.worst(["feasible", "no-solution"]) == "no-solution")
}

@Test func glpkSettingsRoundTrip() throws {
    var options = SolverOptions()
    try GLPKSettings.apply(["mir=off,cover=off", "branching=pch backtracking=dfs"], to: &options)
    #expect(GLPKSettings.describe(options) == "presolve=on,gomory=off,mir=off,cover=off,clique=on,fpump=off,proxy=off,branching=pch,backtracking=dfs")
    #expect(GLPKSettings.glpsolFlags(options) == ["--intopt", "--clique", "--pcost", "--dfs"])
    #expect(throws: BenchError.self) { try GLPKSettings.apply(["mir=maybe"], to: &options) }
    #expect(throws: BenchError.self) { try GLPKSettings.apply(["speed=fast"], to: &options) }
}

@Test func gapFilesInNumericOrder() {
    let files = ["gap10.txt", "gap2.txt", "gap1.txt", "a10100", "a05100"]
    #expect(files.sorted { GAPSet.fileOrder($0) < GAPSet.fileOrder($1) } == ["a05100", "a10100", "gap1.txt", "gap2.txt", "gap10.txt"])
}
