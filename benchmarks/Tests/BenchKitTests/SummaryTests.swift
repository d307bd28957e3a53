import AssignmentEngine
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

@Test func engineCountsAddUpOverSolvesAndKeepTheLastBoundOfOneModel() throws {
    var first = EngineStats()
    first.columnGenerationRounds = 40
    first.columns = 1000
    first.branchNodes = 3
    first.dives = 1
    first.fixedPairs = 200
    first.remainingPairs = 50
    first.converged = true
    first.decompositionBound = 10
    var second = EngineStats()
    second.columnGenerationRounds = 25
    second.columns = 400
    second.converged = false
    second.decompositionBound = 20
    second.relaxationBound = 18
    let levels = try #require(EngineCounts([first, second], oneModel: true))
    #expect(levels.solves == 2)
    #expect(levels.columnGenerationRounds == 65)
    #expect(levels.columns == 1400)
    #expect(levels.branchNodes == 3)
    #expect(levels.dives == 1)
    #expect(levels.fixedPairs == 200 && levels.remainingPairs == 50)
    #expect(!levels.converged)
    #expect(levels.decompositionBound == 20)
    #expect(levels.relaxationBound == 18)
    // Provinces: no single model's bound.
    let provinces = try #require(EngineCounts([first, second], oneModel: false))
    #expect(provinces.decompositionBound == nil && provinces.relaxationBound == nil)
    #expect(EngineCounts(nil, oneModel: true) == nil)
    #expect(EngineCounts([], oneModel: true) == nil)

    let summary = try #require(EngineSummary([levels, nil, provinces]))
    #expect(summary.columnGenerationRounds == Summary(median: 65, min: 65, max: 65))
    #expect(summary.decompositionBound == Summary(median: 20, min: 20, max: 20))
    #expect(EngineSummary([nil, nil]) == nil)
}
