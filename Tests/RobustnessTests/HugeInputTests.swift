#if canImport(Glibc)
import Glibc
#endif
import DiaBanTestSupport
import Foundation
import Testing

/// Inputs too large to commit, generated here: each is refused (or read) quickly, with a
/// sentence naming the file, instead of hanging or exhausting memory.
@Suite("Huge and endless inputs", .enabled(if: Diaban.isBuilt, "diaban is not built beside the tests"))
struct HugeInputTests {
    /// A valid communes row for generated tables.
    static func row(_ i: Int) -> String {
        "\(100_000 + i),Xã Thử \(i),xa,\(i % 2 == 0 ? "lowland" : "mountain"),\(10 + i % 290),\(1000 + (i * 37) % 49_000),\(18 + Double(i % 1000) / 1000),\(104.5 + Double(i % 997) / 1000)\n"
    }

    static func check(_ scratch: Scratch, timeout: Double = 30, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diaban.Run {
        let run = try Diaban.run(["check", "scenario.yaml"], in: scratch.dir, timeout: timeout)
        #expect(!run.timedOut && run.exited, "\(run)", sourceLocation: sourceLocation)
        #expect(run.crashWordsFound.isEmpty, "\(run)", sourceLocation: sourceLocation)
        return run
    }

    @Test("200,000 communes: refused at once by the row limit, naming the line")
    func tooManyRows() throws {
        let s = try Scratch(copying: Corpus.tiny)
        defer { s.remove() }
        var text = "code,name,kind,terrain,area_km2,population,lat,lon\n"
        text.reserveCapacity(200_000 * 70)
        for i in 0..<200_000 { text += Self.row(i) }
        try s.write("communes.csv", text)
        let run = try Self.check(s)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.contains("communes.csv:100002:") && run.stdout.contains("more than 100,000 rows"), "\(run)")
        #expect(run.seconds < 10, "took \(run.seconds) s")
    }

    @Test("50 MB of garbage: refused by its size without reading it")
    func garbage() throws {
        let s = try Scratch(copying: Corpus.tiny)
        defer { s.remove() }
        // Printable garbage with commas and no zero byte, so only the size gives it away.
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abc,;\"'xyz 0123456789\n\r\t".utf8)
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        #expect(FileManager.default.createFile(atPath: s.path("officers.csv"), contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: s.path("officers.csv")))
        for _ in 0..<(50 << 4) {
            for i in bytes.indices { bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            handle.write(Data(bytes))
        }
        try handle.close()
        let run = try Self.check(s)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.contains("scenario.yaml:6:3: tables.officers:") && run.stdout.contains("officers.csv is 50 MB"), "\(run)")
        #expect(run.seconds < 10, "took \(run.seconds) s")
    }

    @Test("a 30 MB line of commas, or of one field: refused at its line before parsing", arguments: ["x,", "x"])
    func hugeLine(_ unit: String) throws {
        let s = try Scratch(copying: Corpus.tiny)
        defer { s.remove() }
        // Under the size limit, but one row of 15 million fields (which took 9 GB and minutes
        // before the loader counted them) or one field of 30 MB.
        try s.write("distances.csv", "officer,commune,km\nO1,10001,12\n" + String(repeating: unit, count: (30 << 20) / unit.utf8.count))
        try s.write("scenario.yaml", String(decoding: s.read("scenario.yaml")!, as: UTF8.self) + "  distances: distances.csv\n")
        let run = try Self.check(s)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.contains("distances.csv:3:"), "\(run)")
        #expect(run.stdout.contains(unit == "x" ? "longer than 1.0 MB" : "more than 1,000 fields"), "\(run)")
        #expect(run.seconds < 15, "took \(run.seconds) s")
    }

    @Test("a 2 MB scenario file: refused by its size")
    func hugeYAML() throws {
        let s = try Scratch(copying: Corpus.tiny)
        defer { s.remove() }
        let yaml = String(decoding: s.read("scenario.yaml")!, as: UTF8.self) + "changes:\n" + String(repeating: "  - {op: setCapacity, officer: O1, capacity: 5}\n", count: 45_000)
        try s.write("scenario.yaml", yaml)
        let run = try Self.check(s)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.contains("scenario.yaml") && run.stdout.contains("at most 1.0 MB"), "\(run)")
    }

    @Test("a named pipe as a table: refused, not waited on")
    func fifo() throws {
        let s = try Scratch(copying: Corpus.tiny)
        defer { s.remove() }
        try FileManager.default.removeItem(atPath: s.path("current.csv"))
        #expect(mkfifo(s.path("current.csv"), 0o600) == 0)
        let run = try Self.check(s, timeout: 20)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.contains("scenario.yaml:7:3: tables.current:") && run.stdout.contains("not a regular file"), "\(run)")
    }

    @Test("10,000 communes with one bad row at the end: read, and the line is exact")
    func largeButAllowed() throws {
        let s = try Scratch(copying: Corpus.tiny)
        defer { s.remove() }
        var text = String(decoding: s.read("communes.csv")!, as: UTF8.self)
        for i in 0..<10_000 { text += Self.row(i) }
        // A quoted name over two lines before the bad row: line numbers are the file's own.
        text += "200001,\"Xã\nHai Dòng\",xa,lowland,10,100,18.5,105.5\n"
        text += "200002,Xã Cuối,xa,lowland,10,100,18.5,-181\n"
        try s.write("communes.csv", text)
        let run = try Self.check(s, timeout: 60)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.contains("communes.csv:10009: lon:"), "\(run)")
        #expect(run.stdout.contains("1 problem found"), "\(run)")
    }
}
