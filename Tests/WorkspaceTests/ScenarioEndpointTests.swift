import DiaBanTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Workspace

@Suite("Scenarios: the list, the check, the file and the form's choices")
struct ScenarioEndpointTests {
    @Test("the list gives each file's verdict, name and base")
    func list() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let r = try await client.execute(uri: "/api/scenarios", method: .get)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
            let list = try r.json()
            #expect(list["folder"] as? String == f.scenarios)
            let byPath = Dictionary(uniqueKeysWithValues: (list["scenarios"] as? [[String: Any]] ?? []).map { ($0["path"] as! String, $0) })
            #expect(byPath["small/base.yaml"]?["verdict"] as? String == "valid")
            #expect(byPath["small/base.yaml"]?["name"] as? String == "Thử")
            #expect(byPath["small/what-if-leave.yaml"]?["base"] as? String == "small/base.yaml")
            #expect(byPath["small/what-if-typo.yaml"]?["verdict"] as? String == "bad-data")
            #expect(byPath["small/what-if-typo.yaml"]?["problems"] as? Int == 1)
        }
    }

    @Test("a scenario's check is the text diaban check prints, and its problems carry file, line and field")
    func checkIsTheCLIs() async throws {
        let f = try Fixture()
        defer { f.remove() }
        guard BuiltBinary.path != nil else {
            Issue.record("the built diaban was not found beside the tests")
            return
        }
        for (file, code) in [("small/base.yaml", Int32(0)), ("small/what-if-leave.yaml", 0), ("small/what-if-typo.yaml", 65)] {
            // The command line and the workspace are given the same path.
            let cli = try BuiltBinary.run(["check", f.scenarios + "/" + file], in: f.root, timeout: 60)
            #expect(cli.status == code, "\(cli)")
            try await withWorkspace(f) { client, _ in
                let r = try await client.execute(uri: "/api/scenario?path=\(file)", method: .get)
                #expect(r.status == .ok)
                let check = try r.json()
                #expect(check["text"] as? String == cli.stdout.trimmingCharacters(in: .newlines), "\(file): the workspace's text differs from diaban check's")
                #expect(check["verdict"] as? String == (code == 0 ? "valid" : "bad-data"))
                if code == 65 {
                    let problems = check["problems"] as? [[String: Any]] ?? []
                    #expect(problems.count == 1)
                    #expect(problems.first?["path"] as? String == "small/what-if-typo.yaml")
                    #expect(problems.first?["file"] as? String == f.scenarios + "/small/what-if-typo.yaml")
                    #expect(problems.first?["line"] as? Int == 6)
                    #expect((problems.first?["field"] as? String)?.hasPrefix("changes[2]") == true)
                    #expect((problems.first?["message"] as? String)?.contains("O9") == true)
                    #expect((problems.first?["hint"] as? String)?.isEmpty == false)
                }
            }
        }
    }

    @Test("the source and the choices of a scenario; a scenario with problems has no choices")
    func sourceAndChoices() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let source = try await client.execute(uri: "/api/scenario/source?path=small/what-if-leave.yaml", method: .get).json()
            #expect(source["text"] as? String == Fixture.files["what-if-leave.yaml"])
            let r = try await client.execute(uri: "/api/scenario/choices?path=small/what-if-leave.yaml", method: .get)
            #expect(r.status == .ok)
            let c = try r.json()
            let officers = c["officers"] as? [[String: Any]] ?? []
            #expect(officers.map { $0["id"] as? String } == ["O1", "O2", "O3"])
            #expect(officers.first?["name"] as? String == "Lương Văn Một", "names keep their diacritics")
            #expect(officers[1]["status"] as? String == "leave", "the what-if's own changes are applied")
            let communes = c["communes"] as? [[String: Any]] ?? []
            #expect(communes.count == 5)
            #expect(communes.first?["name"] as? String == "Xã Biên")
            #expect(communes.first?["required"] as? [String] == ["border-security"])
            #expect(c["formerDistricts"] as? [String] == ["Huyện Diễn Châu", "Huyện Kỳ Sơn", "Thành phố Vinh"])
            #expect(c["specialties"] as? [String] == ["border-security", "urban-management"])
            let bad = try await client.execute(uri: "/api/scenario/choices?path=small/what-if-typo.yaml", method: .get)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.error.contains("problems"))
            let missing = try await client.execute(uri: "/api/scenario?path=small/none.yaml", method: .get)
            #expect(missing.status == .notFound)
            let notScenario = try await client.execute(uri: "/api/scenario?path=small/communes.csv", method: .get)
            #expect(notScenario.status == .badRequest)
            #expect(notScenario.error.contains(".yaml"))
            let noPath = try await client.execute(uri: "/api/scenario", method: .get)
            #expect(noPath.status == .badRequest)
            #expect(noPath.error.contains("path"))
        }
    }
}
