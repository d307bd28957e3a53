import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Workspace

/// Only files inside the scenarios folder are listed, read or written: every way out is
/// refused, on every endpoint that takes a path, and nothing outside changes.
@Suite("Paths outside the scenarios folder are refused")
struct PathRefusalTests {
    /// A path, the status it must get, and a word its message must hold.
    static func refusals(_ f: Fixture) -> [(path: String, status: HTTPResponse.Status, word: String)] {
        [
            ("../outside/secret.yaml", .forbidden, ".."),
            ("small/../../outside/secret.yaml", .forbidden, ".."),
            ("/etc/passwd", .forbidden, "Absolute"),
            (f.outside + "/secret.yaml", .forbidden, "Absolute"),
            ("small/link-out.yaml", .forbidden, "symbolic link"),
            ("dir-out/secret.yaml", .forbidden, "symbolic link"),
            ("small/.hidden.yaml", .forbidden, "Hidden"),
            ("small/base\u{0}.yaml", .badRequest, "NUL"),
            ("small/" + String(repeating: "n", count: 300) + ".yaml", .badRequest, "bytes long"),
            (Array(repeating: String(repeating: "d", count: 250), count: 5).joined(separator: "/") + "/x.yaml", .badRequest, "bytes long"),
        ]
    }

    static func query(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    @Test("GET endpoints refuse ..,  absolute paths, links leading out, hidden files, NUL bytes and over-long names")
    func reads() async throws {
        let f = try Fixture()
        defer { f.remove() }
        let before = f.allFiles()
        try await withWorkspace(f) { client, _ in
            for (path, status, word) in Self.refusals(f) {
                for endpoint in ["/api/scenario", "/api/scenario/source", "/api/scenario/choices"] {
                    let r = try await client.execute(uri: "\(endpoint)?path=\(Self.query(path))", method: .get)
                    #expect(r.status == status, "\(endpoint) \(path.debugDescription): \(r.status) \(r.text)")
                    #expect(r.error.contains(word), "\(endpoint) \(path.debugDescription): \(r.error)")
                    #expect(!r.text.contains("border-security"), "\(endpoint) \(path.debugDescription) leaked the file: \(r.text)")
                }
            }
            // Inside the folder the same endpoints answer.
            let ok = try await client.execute(uri: "/api/scenario/source?path=small/base.yaml", method: .get)
            #expect(ok.status == .ok)
            #expect(ok.text.contains("border-security"))
        }
        #expect(f.allFiles() == before)
    }

    @Test("the listing shows the scenario files inside the folder only")
    func listing() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let list = try await client.execute(uri: "/api/scenarios", method: .get).json()
            let paths = (list["scenarios"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            #expect(paths == ["small/base.yaml", "small/what-if-leave.yaml", "small/what-if-typo.yaml"])
        }
    }

    @Test("starting a solve, checking and saving a what-if refuse the same paths")
    func writes() async throws {
        let f = try Fixture()
        defer { f.remove() }
        let before = f.allFiles()
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            for (path, status, word) in Self.refusals(f) {
                let solve = try await browser.post("/api/jobs", ["path": path])
                #expect(solve.status == status, "jobs \(path.debugDescription): \(solve.status) \(solve.text)")
                #expect(solve.error.contains(word))
                for endpoint in ["/api/whatifs/preview", "/api/whatifs"] {
                    let r = try await browser.post(endpoint, ["base": path, "file": "what-if-x.yaml", "changes": []])
                    #expect(r.status == status, "\(endpoint) base \(path.debugDescription): \(r.status) \(r.text)")
                    #expect(r.error.contains(word))
                }
            }
            // The new file's name: beside its base, never through a link or outside.
            let names: [(String, HTTPResponse.Status, String)] = [
                ("../x.yaml", .forbidden, ".."), ("../../outside/x.yaml", .forbidden, ".."), (f.outside + "/x.yaml", .forbidden, "Absolute"),
                (".x.yaml", .forbidden, "Hidden"), ("x\u{0}.yaml", .badRequest, "NUL"), (String(repeating: "n", count: 300) + ".yaml", .badRequest, "bytes long"),
                ("sub/x.yaml", .badRequest, "beside its base"), ("what-if-x.txt", .badRequest, ".yaml"), ("link-out.yaml", .forbidden, "symbolic link"),
            ]
            for (name, status, word) in names {
                for overwrite in [false, true] {
                    let r = try await browser.post("/api/whatifs", ["base": "small/base.yaml", "file": name, "changes": [], "overwrite": overwrite])
                    #expect(r.status == status, "file \(name.debugDescription): \(r.status) \(r.text)")
                    #expect(r.error.contains(word), "file \(name.debugDescription): \(r.error)")
                }
            }
        }
        #expect(f.allFiles() == before, "a refused request changed the folder")
        #expect(f.read("outside/secret.yaml") == Fixture.files["base.yaml"])
    }
}
