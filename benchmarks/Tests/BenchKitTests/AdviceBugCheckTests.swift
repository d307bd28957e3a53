import Foundation
import Testing
@testable import BenchKit

// The bug check of the advice cases: a screened run against its brute force, on the real pair
// of Fixtures/ and on hand-broken copies of it.

@Test func theRealScreenedRunAgreesWithItsBruteForce() throws {
    let a = try screenedFixture(), b = try bruteForceFixture()
    #expect(BugChecks.screenedAgainstBruteForce(a, b, top: adviceFixtureTop, subject: "x").isEmpty)
    let f = resultsFile(advice: [adviceFixtureCase(a, b)])
    #expect(f.bugs.isEmpty)
    #expect(target(f, "No bug")?.met == true)
}

@Test func aFirstGainThatDiffersFromTheBruteForceIsABug() throws {
    let a = try screenedFixture()
    var b = try bruteForceFixture()
    let i = try #require(b.first.lastIndex { $0.kind == "train" })
    let original = try #require(b.first[i].gain)
    b.first[i].gain = original + 0.5
    let found = BugChecks.screenedAgainstBruteForce(a, b, top: adviceFixtureTop, subject: "s")
    #expect(found == ["s: train rank \(adviceFixtureTop): screened gain \(String(format: "%.2f", original)) (\(a.first[i].key)), brute force \(String(format: "%.2f", original + 0.5)) (\(b.first[i].key))"])
    // Through a results file: a bug of the case's run.
    let f = resultsFile(advice: [adviceFixtureCase(a, b)])
    #expect(f.bugs.count == 1 && f.bugs[0].hasPrefix("nghe-an-advice-singles run 1: train rank \(adviceFixtureTop)"))
    #expect(target(f, "No bug")?.met == false)
    // Within the JSON's rounding it is the same gain.
    b.first[i].gain = original + 0.01
    #expect(BugChecks.screenedAgainstBruteForce(a, b, top: adviceFixtureTop, subject: "s").isEmpty)
}

@Test func aCandidateLeftOutWhoseBruteForceGainEntersTheFirstOnesIsABug() throws {
    let a = try screenedFixture()
    var b = try bruteForceFixture()
    let (key, bound) = try #require(a.bounds["train"]?.max { $0.value < $1.value })
    let last = try #require(b.first.filter { $0.kind == "train" }.last?.gain)
    b.gains["train"]?[key] = last + 1
    let found = BugChecks.screenedAgainstBruteForce(a, b, top: adviceFixtureTop, subject: "s")
    #expect(found.contains { $0.hasPrefix("s: \(key) was left out by its bound, but its brute-force gain") && $0.hasSuffix("ranked \(adviceFixtureTop), \(String(format: "%.2f", last))") })
    // Its bound was below that gain, too: a bound that is no bound.
    #expect(bound < last + 1)
    #expect(found.contains { $0.hasPrefix("s: \(key) was left out by the bound \(String(format: "%.2f", bound))") })
}

@Test func aBoundBelowTheBruteForceGainIsABugEvenBelowTheFirstOnes() throws {
    var a = try screenedFixture()
    let b = try bruteForceFixture()
    let (key, _) = try #require(a.bounds["train"]?.min { $0.value < $1.value })
    let gain = try #require(b.gains["train"]?[key])
    a.bounds["train"]?[key] = gain - 1
    #expect(BugChecks.screenedAgainstBruteForce(a, b, top: adviceFixtureTop, subject: "s")
            == ["s: \(key) was left out by the bound \(String(format: "%.2f", gain - 1)) on its gain, below its brute-force gain \(String(format: "%.2f", gain))"])
}

@Test func pricingOtherCandidatesOrListingFewerIsABug() throws {
    var a = try screenedFixture()
    let b = try bruteForceFixture()
    a.priced["hire"] = (a.priced["hire"] ?? 0) + 1
    #expect(BugChecks.screenedAgainstBruteForce(a, b, top: adviceFixtureTop, subject: "s").first?.hasPrefix("s: hire: screened priced") == true)
    // The screened run ranks a candidate without a gain among the first ones.
    var c = try screenedFixture()
    let i = try #require(c.first.firstIndex { $0.kind == "hire" })
    c.first[i].gain = nil
    #expect(BugChecks.screenedAgainstBruteForce(c, b, top: adviceFixtureTop, subject: "s") == ["s: hire rank 1: no gain in the screened run"])
}

@Test func gainsThatAreNotExactAgreeWhenTheirIntervalsMeet() throws {
    var a = try screenedFixture(), b = try bruteForceFixture()
    let i = try #require(a.first.firstIndex { $0.kind == "train" })
    let g = try #require(b.first[i].gain)
    a.first[i].exact = false
    a.first[i].gain = g + 3
    a.first[i].gainLow = g - 1
    a.first[i].gainHigh = g + 5
    #expect(BugChecks.screenedAgainstBruteForce(a, b, top: adviceFixtureTop, subject: "s").isEmpty)
    a.first[i].gainLow = g + 2
    #expect(BugChecks.screenedAgainstBruteForce(a, b, top: adviceFixtureTop, subject: "s").count == 1)
}
