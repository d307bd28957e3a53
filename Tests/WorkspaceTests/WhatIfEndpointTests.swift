import DiaBanCore
import DiaBanTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import ScenarioIO
import Testing
@testable import Workspace

@Suite("What-ifs from the form")
struct WhatIfEndpointTests {
    nonisolated(unsafe) static let leave: [String: Any] = [
        "base": "small/base.yaml", "file": "what-if-o3-leave.yaml", "name": "Thử, O3 nghỉ phép",
        "question": "What if O3 goes on leave?", "description": "O3 trains for a year.",
        "changes": [["op": "setOfficerStatus", "officer": "O3", "status": "leave"],
                    ["op": "setWorkload", "commune": ["30001", "30002"], "scale": 1.3],
                    ["op": "requireSpecialty", "specialty": "border-security", "select": ["formerDistricts": ["Diễn Châu"]]]],
        "rules": ["maxChanges": 3], "weights": ["change": 5],
    ]

    @Test("preview writes the YAML and checks it without writing anything")
    func preview() async throws {
        let f = try Fixture()
        defer { f.remove() }
        let before = f.allFiles()
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let r = try await browser.post("/api/whatifs/preview", Self.leave)
            #expect(r.status == .ok, "\(r.text)")
            let p = try r.json()
            #expect(p["path"] as? String == "small/what-if-o3-leave.yaml")
            #expect(p["exists"] as? Bool == false)
            let yaml = p["yaml"] as? String ?? ""
            #expect(yaml.hasPrefix("# What if O3 goes on leave?\n"))
            #expect(yaml.contains("name: \"Thử, O3 nghỉ phép\"\n"))
            #expect(yaml.contains("base: \"base.yaml\"\n"))
            #expect(yaml.contains("rules: {maxChanges: 3}\n"))
            #expect(yaml.contains("  - {op: \"setOfficerStatus\", officer: \"O3\", status: \"leave\"}\n"))
            #expect(yaml.contains("  - {op: \"setWorkload\", commune: [\"30001\", \"30002\"], scale: 1.3}\n"))
            #expect(yaml.contains("select: {formerDistricts: [\"Diễn Châu\"]}"))
            #expect(p["changeLines"] as? [Int] == [8, 9, 10])
            let check = p["check"] as? [String: Any] ?? [:]
            #expect(check["verdict"] as? String == "valid", "\(check)")
            #expect((check["text"] as? String)?.hasPrefix(f.scenarios + "/small/what-if-o3-leave.yaml: the scenario \"Thử, O3 nghỉ phép\" is valid.") == true,
                    "the check names the file the what-if will be saved as: \(check["text"] ?? "")")
        }
        #expect(f.allFiles() == before, "a preview wrote something")
    }

    @Test("saving writes a what-if the scenario reader reads with every change, never over a file unasked")
    func save() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let r = try await browser.post("/api/whatifs", Self.leave)
            #expect(r.status == .created, "\(r.text)")
            let saved = try r.json()
            #expect(saved["path"] as? String == "small/what-if-o3-leave.yaml")
            #expect((saved["check"] as? [String: Any])?["verdict"] as? String == "valid")
            let loaded = try ScenarioLoader.loadDetailed(path: f.scenarios + "/small/what-if-o3-leave.yaml")
            #expect(loaded.scenario.name == "Thử, O3 nghỉ phép")
            #expect(loaded.scenario.officer("O3")?.status == .leave)
            #expect(loaded.scenario.commune("30001")?.workload == 2.6)
            #expect(loaded.scenario.commune("30003")?.requiredSpecialties == ["border-security"])
            #expect(loaded.scenario.rules.maxChanges == 3)
            #expect(loaded.scenario.weights.change == 5)
            #expect(loaded.changes.count == 3)

            // Again: the file exists, so nothing is written until the request confirms.
            var changed = Self.leave
            changed["name"] = "Thử, changed"
            let again = try await browser.post("/api/whatifs", changed)
            #expect(again.status == .conflict)
            #expect(try again.json()["exists"] as? Bool == true)
            #expect(again.error.contains("already exists"))
            #expect(f.read("scenarios/small/what-if-o3-leave.yaml")?.contains("Thử, O3 nghỉ phép") == true)
            changed["overwrite"] = true
            let replaced = try await browser.post("/api/whatifs", changed)
            #expect(replaced.status == .created)
            #expect(f.read("scenarios/small/what-if-o3-leave.yaml")?.contains("Thử, changed") == true)
            // It is listed with the others, and no temporary file is left beside it.
            let list = try await client.execute(uri: "/api/scenarios", method: .get).json()
            #expect((list["scenarios"] as? [[String: Any]] ?? []).contains { $0["path"] as? String == "small/what-if-o3-leave.yaml" })
        }
        let hidden = try FileManager.default.contentsOfDirectory(atPath: f.scenarios + "/small").filter { $0.hasPrefix(".") }
        #expect(hidden == [".hidden.yaml"], "temporary files were left: \(hidden)")
    }

    @Test("a what-if with problems is not saved; each problem names the new file, its line and the change's field")
    func problems() async throws {
        let f = try Fixture()
        defer { f.remove() }
        let before = f.allFiles()
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let draft: [String: Any] = [
                "base": "small/base.yaml", "file": "what-if-bad.yaml",
                "changes": [["op": "setCapacity", "officer": "O1", "capacity": 6],
                            ["op": "setCapacity", "officer": "O9", "capacity": 6],
                            ["op": "lock", "officer": "O1"],
                            ["op": "retire", "officer": "O2"]],
            ]
            let preview = try await browser.post("/api/whatifs/preview", draft)
            #expect(preview.status == .ok)
            let check = (try preview.json()["check"] as? [String: Any]) ?? [:]
            #expect(check["verdict"] as? String == "bad-data")
            let problems = check["problems"] as? [[String: Any]] ?? []
            // The reader stops at the changes it cannot read (lock without commune, an unknown op)
            // before applying any; both are reported with their lines.
            #expect(problems.map { $0["line"] as? Int } == [6, 7], "\(problems)")
            #expect(problems.allSatisfy { $0["path"] as? String == "small/what-if-bad.yaml" })
            #expect((problems[0]["message"] as? String)?.contains("needs commune") == true)
            // A missing value is found at the key it is missing from, so the form marks that field.
            #expect(problems[0]["field"] as? String == "changes[3].commune", "\(problems[0])")
            #expect((problems[1]["message"] as? String)?.contains("retire") == true)
            #expect(!(check["text"] as? String ?? "").contains(".check-"), "the temporary file's name leaked into the text")

            let save = try await browser.post("/api/whatifs", draft)
            #expect(save.status == .unprocessableContent)
            #expect(save.error.contains("nothing was saved"))

            // Once the changes can be read, the one naming an unknown officer is reported.
            var fixed = draft
            fixed["changes"] = [["op": "setCapacity", "officer": "O1", "capacity": 6], ["op": "setCapacity", "officer": "O9", "capacity": 6]]
            let second = try await browser.post("/api/whatifs", fixed)
            #expect(second.status == .unprocessableContent)
            let p2 = ((try second.json()["check"] as? [String: Any])?["problems"] as? [[String: Any]]) ?? []
            #expect(p2.count == 1)
            #expect(p2.first?["line"] as? Int == 5)
            #expect((p2.first?["message"] as? String)?.contains("O9") == true)
            // An unknown officer is found at the change's officer, not at the change as a whole.
            #expect(p2.first?["field"] as? String == "changes[2].officer", "\(p2)")
        }
        #expect(f.allFiles() == before, "a what-if with problems was written")
    }

    @Test("the form's train-border what-if reads as the bundled one")
    func trainBorder() async throws {
        let f = try Fixture()
        defer { f.remove() }
        let nghean = f.scenarios + "/nghe-an"
        try FileManager.default.createDirectory(atPath: nghean, withIntermediateDirectories: true)
        let bundled = BuiltBinary.packageRoot + "/scenarios/nghe-an"
        try FileManager.default.copyItem(atPath: bundled + "/data", toPath: nghean + "/data")
        try FileManager.default.copyItem(atPath: bundled + "/baseline.yaml", toPath: nghean + "/baseline.yaml")
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let r = try await browser.post("/api/whatifs", [
                "base": "nghe-an/baseline.yaml", "file": "what-if-train-border.yaml", "name": "Nghệ An, bốn cán bộ được đào tạo về an ninh biên giới",
                "changes": ["CB02", "CB11", "CB24", "CB37"].map { ["op": "setSpecialties", "officer": $0, "add": ["border-security"]] },
            ])
            #expect(r.status == .created, "\(r.text)")
        }
        let form = try ScenarioLoader.load(path: nghean + "/what-if-train-border.yaml")
        let reference = try ScenarioLoader.load(path: bundled + "/what-if-train-border.yaml")
        #expect(form.officers == reference.officers)
        #expect(form.communes == reference.communes)
        #expect(form.name == reference.name)
    }

    @Test("malformed drafts are refused with a sentence")
    func malformed() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let cases: [(String, String)] = [
                (#"{"base": "small/base.yaml"}"#, "file is missing"),
                (#"{"base": "small/base.yaml", "file": 3}"#, "file should be text"),
                (#"{"base": "small/base.yaml", "file": "what-if-x.yaml", "changes": [1]}"#, "Change 1 is not a set of fields"),
                (#"{"base": "small/base.yaml", "file": "what-if-x.yaml", "changes": [{"officer": "O1"}]}"#, "no op"),
                (#"{"base": "small/base.yaml", "file": "what-if-x.yaml", "changes": [{"op": "lock", "a": [[[[[[1]]]]]]}]}"#, "too deeply"),
                (#"{"base": "small/base.yaml", "file": "what-if-x.yaml", "name": "\#(String(repeating: "x", count: 3000))"}"#, "characters long"),
                (#"{"base": "small/base.yaml", "file": "what-if-x.yaml""#, "not valid JSON"),
                (#"[1, 2]"#, "should be"),
                ("", "not valid JSON"),
            ]
            for (body, word) in cases {
                let r = try await browser.post("/api/whatifs/preview", json: body)
                #expect(r.status == .badRequest, "\(body.prefix(80)): \(r.status) \(r.text)")
                #expect(r.error.contains(word), "\(body.prefix(80)): \(r.error)")
            }
        }
    }
}
