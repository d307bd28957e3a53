import DiaBanTestSupport
import Foundation
import Testing

@Suite("diaban advise: the HTML page", .enabled(if: CLI.binary != nil))
struct AdviseHTMLCLITests {
    @Test("--format html prints the page, --out writes the same bytes as advice.html; Vietnamese unless --lang en")
    func page() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let args = ["advise", "base.yaml", "--train", "1", "--hire", "1", "--top", "3", "--quiet", "--jobs", "2"]
        let html = try CLI.run(args + ["--format", "html", "--out", "out"], in: s.dir)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.stdout.contains("Tư vấn nhân sự"))
        let written = try #require(FileManager.default.contents(atPath: s.dir + "/out/advice.html"))
        #expect(String(decoding: written, as: UTF8.self) == html.stdout)
        // The page lists the actions the JSON document lists, each with its what-if file.
        let json = try #require(FileManager.default.contents(atPath: s.dir + "/out/advice.json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let singles = try #require(doc["singles"] as? [[String: Any]])
        for kind in ["train", "hire"] {
            for single in singles.filter({ $0["kind"] as? String == kind }).prefix(3) {
                let key = try #require(single["key"] as? String)
                #expect(html.stdout.contains("<tr data-key=\"\(key)\">"), "the page lacks \(key)")
                #expect(html.stdout.contains("what-if-\(key).yaml"))
            }
        }
        // Each kind's chart twice: beside its labels, and for a phone with each label above its bar.
        func chart(_ id: String) -> String? {
            guard let start = html.stdout.range(of: "id=\"\(id)\"") else { return nil }
            return html.stdout[start.upperBound...].components(separatedBy: "</svg>").first
        }
        for kind in ["train", "hire"] {
            let wide = try #require(chart("bars-\(kind)"), "no \(kind) chart"), narrow = try #require(chart("bars-\(kind)-narrow"), "no narrow \(kind) chart")
            let bars = wide.components(separatedBy: "<g class=\"bar\">").count - 1
            #expect(bars == min(3, singles.filter { $0["kind"] as? String == kind }.count) && bars > 0)
            #expect(narrow.components(separatedBy: "<g class=\"bar\">").count - 1 == bars)
            #expect(narrow.hasPrefix(" viewBox=\"0 0 360.0 "))
        }
        #expect(html.stdout.contains("class=\"bars wide\"") && html.stdout.contains("class=\"bars narrow\""))
        let english = try CLI.run(args + ["--format", "html", "--lang", "en"], in: s.dir)
        #expect(english.status == 0)
        #expect(english.stdout.contains("<html lang=\"en\">"))
        #expect(english.stdout.contains("Staffing advice"))
        let again = try CLI.run(args + ["--format", "html"], in: s.dir)
        #expect(again.stdout == html.stdout, "the same input gives the same bytes")
    }

    @Test("With --resilience the page gives each departure and the bench, and --out writes resilience.html")
    func resilience() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["advise", "base.yaml", "--resilience", "--format", "html", "--lang", "en", "--out", "out", "--quiet"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        for officer in ["O1", "O2", "O3"] { #expect(r.stdout.contains("<span class=\"id\">\(officer)</span>")) }
        #expect(r.stdout.contains("Bench per specialty"))
        let written = try #require(FileManager.default.contents(atPath: s.dir + "/out/resilience.html"))
        #expect(String(decoding: written, as: UTF8.self) == r.stdout)
    }

    @Test("No valid plan: no page is written")
    func infeasible() throws {
        let s = try Scenarios()
        defer { s.remove() }
        let r = try CLI.run(["advise", "what-if-hard.yaml", "--train", "1", "--format", "html", "--out", "out", "--quiet"], in: s.dir)
        #expect(r.status == 2)
        #expect(!r.stdout.contains("<!DOCTYPE html>"))
        #expect(!FileManager.default.fileExists(atPath: s.dir + "/out/advice.html"))
    }
}
