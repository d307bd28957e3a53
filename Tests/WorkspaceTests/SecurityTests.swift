import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
@testable import Workspace

@Suite("Tokens, sessions, CSRF, limits and headers")
struct SecurityTests {
    @Test("the page sets a session and carries its CSRF token, in Vietnamese, under a strict policy")
    func page() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let r = try await client.execute(uri: "/", method: .get)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/html; charset=utf-8")
            #expect(r.text.contains("<html lang=\"vi\">"))
            let csp = r.headers[.contentSecurityPolicy] ?? ""
            #expect(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"))
            #expect(!csp.contains("unsafe-inline"), "the page runs no inline script")
            #expect(r.headers[.setCookie]?.contains("HttpOnly; SameSite=Strict") == true)
            #expect(r.headers[.xContentTypeOptions] == "nosniff")
            #expect(r.headers[.cacheControl] == "no-store")
            #expect(!r.text.contains("http://") && !r.text.contains("https://"), "the page loads nothing from elsewhere")
            #expect(r.text.contains(#"<script type="module" src="/page/app.mjs"></script>"#))
            let scripts = PageFiles.shared.files.keys.filter { $0.hasSuffix(".mjs") }.sorted()
            #expect(scripts.contains("app.mjs") && scripts.contains("core.mjs") && scripts.count >= 8, "\(scripts)")
            for name in scripts {
                let js = try await client.execute(uri: "/page/" + name, method: .get)
                #expect(js.status == .ok, "\(name)")
                #expect(js.headers[.contentType]?.hasPrefix("text/javascript") == true, "\(name)")
                // The only address in the scripts is SVG's namespace, which names and fetches nothing.
                let script = js.text.replacingOccurrences(of: "'http://www.w3.org/2000/svg'", with: "")
                #expect(!script.contains("https://") && !script.contains("http://"), "\(name) fetches nothing from elsewhere")
                // Modules import only their neighbours, by a relative name this server serves.
                for line in script.split(separator: "\n") where line.hasPrefix("import ") {
                    let target = line.split(separator: "'").dropFirst().first.map(String.init) ?? ""
                    #expect(target.hasPrefix("./") && PageFiles.shared.files[String(target.dropFirst(2))] != nil, "\(name): \(line)")
                }
            }
            let css = try await client.execute(uri: "/page/workspace.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(!css.text.contains("url("), "the style sheet loads no font or image")
            for uri in ["/page/nothing.mjs", "/page/..%2FPackage.swift", "/page/", "/app.js"] {
                #expect(try await client.execute(uri: uri, method: .get).status == .notFound, "\(uri)")
            }
            let health = try await client.execute(uri: "/api/health", method: .get).json()
            #expect(health["ok"] as? Bool == true)
            #expect(health["limit"] as? Int == 2)
            // A script without the page gets its session and token from /api/session.
            let session = try await client.execute(uri: "/api/session", method: .get)
            let cookie = String((session.headers[.setCookie] ?? "").prefix { $0 != ";" })
            let token = try session.json()["csrf"] as? String ?? ""
            let started = try await client.execute(uri: "/api/whatifs/preview", method: .post,
                                                   headers: [.cookie: cookie, .csrfToken: token, .contentType: "application/json"],
                                                   body: ByteBuffer(string: #"{"base": "small/base.yaml", "file": "what-if-x.yaml"}"#))
            #expect(started.status == .ok, "\(started.text)")
            let again = try await client.execute(uri: "/api/session", method: .get, headers: [.cookie: cookie])
            #expect(try again.json()["csrf"] as? String == token, "the same session keeps its token")
            #expect(again.headers[.setCookie] == nil)
            let missing = try await client.execute(uri: "/nothing-here", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.error.contains("/nothing-here"))
        }
    }

    @Test("a request that changes something needs the session's CSRF token and no foreign Origin")
    func csrf() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let body = ByteBuffer(string: #"{"path": "small/base.yaml"}"#)
            let cases: [(HTTPFields, String)] = [
                ([.contentType: "application/json"], "no workspace session"),
                ([.contentType: "application/json", .cookie: browser.cookie], "CSRF"),
                ([.contentType: "application/json", .cookie: browser.cookie, .csrfToken: "0123456789abcdef"], "CSRF"),
                ([.contentType: "application/json", .csrfToken: browser.csrf], "no workspace session"),
                ([.contentType: "application/json", .cookie: "diaban-session-x=forged", .csrfToken: browser.csrf], "no workspace session"),
                ([.contentType: "application/json", .cookie: browser.cookie, .csrfToken: browser.csrf, .origin: "http://evil.example"], "another site"),
                ([.contentType: "application/json", .cookie: browser.cookie, .csrfToken: browser.csrf, .origin: "null"], "another site"),
            ]
            for (headers, word) in cases {
                for uri in ["/api/jobs", "/api/whatifs", "/api/whatifs/preview", "/api/jobs/0123abcd/stop", "/api/jobs/0123abcd/replan",
                            "/api/jobs/0123abcd/decisions/save", "/api/jobs/0123abcd/adopt"] {
                    let r = try await client.execute(uri: uri, method: .post, headers: headers, body: body)
                    #expect(r.status == .forbidden, "\(uri) \(headers): \(r.status)")
                    #expect(r.error.contains(word), "\(uri): \(r.error)")
                }
            }
            let jobs = try await client.execute(uri: "/api/jobs", method: .get).json()
            #expect((jobs["jobs"] as? [Any])?.isEmpty == true, "a refused request started a solve")
            // The same request with the session, its token and the workspace's own Origin goes through.
            let ok = try await client.execute(uri: "/api/jobs", method: .post,
                                              headers: browser.headers + [.contentType: "application/json", .origin: "http://localhost"], body: body)
            #expect(ok.status == .accepted, "\(ok.text)")
        }
    }

    @Test("with a token, every request without it gets 401; ?token= sets a cookie that then suffices")
    func token() async throws {
        let f = try Fixture()
        defer { f.remove() }
        let token = "s3cret-token-0123456789"
        try await withWorkspace(f, configure: { $0.token = token }) { client, workspace in
            for uri in ["/", "/page/app.mjs", "/api/scenarios", "/api/health", "/api/scenario?path=small/base.yaml", "/nothing"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .unauthorized, "\(uri): \(r.status)")
                #expect(r.error.contains("access token"))
                let wrong = try await client.execute(uri: uri + (uri.contains("?") ? "&" : "?") + "token=nope", method: .get)
                #expect(wrong.status == .unauthorized, "\(uri) with a wrong token: \(wrong.status)")
            }
            let post = try await client.execute(uri: "/api/jobs", method: .post, headers: [.contentType: "application/json"],
                                                body: ByteBuffer(string: #"{"path": "small/base.yaml"}"#))
            #expect(post.status == .unauthorized)
            let page = try await client.execute(uri: "/?token=\(token)", method: .get)
            #expect(page.status == .ok)
            let cookies = page.headers[values: .setCookie]
            let tokenCookie = cookies.first { $0.hasPrefix(workspace.tokenCookie + "=") }.map { String($0.prefix { $0 != ";" }) }
            #expect(tokenCookie != nil, "\(cookies)")
            #expect(cookies.allSatisfy { $0.contains("HttpOnly") })
            let withCookie = try await client.execute(uri: "/api/scenarios", method: .get, headers: [.cookie: tokenCookie ?? ""])
            #expect(withCookie.status == .ok)
            let bearer = try await client.execute(uri: "/api/health", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(bearer.status == .ok)
        }
    }

    @Test("bodies over the limit get 413, other content types 415, unknown ids and bad parameters 400/404")
    func limits() async throws {
        let f = try Fixture()
        defer { f.remove() }
        try await withWorkspace(f) { client, _ in
            let browser = try await Browser.open(client)
            let huge = #"{"base": "small/base.yaml", "file": "what-if-x.yaml", "description": ""# + String(repeating: "x", count: Workspace.maxBodyBytes) + #""}"#
            let big = try await browser.post("/api/whatifs/preview", json: huge)
            #expect(big.status == .contentTooLarge)
            #expect(big.error.contains("bytes"))
            let job = try await browser.post("/api/jobs", json: #"{"path": ""# + String(repeating: "a", count: 20_000) + #""}"#)
            #expect(job.status == .contentTooLarge)
            let form = try await client.execute(uri: "/api/whatifs/preview", method: .post,
                                                headers: browser.headers + [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "base=small%2Fbase.yaml&file=x.yaml"))
            #expect(form.status == .unsupportedMediaType)
            #expect(form.error.contains("JSON"))
            let none = try await client.execute(uri: "/api/jobs", method: .post, headers: browser.headers, body: ByteBuffer(string: "{}"))
            #expect(none.status == .unsupportedMediaType)
            for (uri, status) in [("/api/jobs/zz!/stop", HTTPResponse.Status.badRequest), ("/api/jobs/0123abcd", .notFound),
                                  ("/api/jobs/0123abcd/report", .notFound), ("/api/jobs/0123abcd/events", .notFound),
                                  ("/api/compare?jobs=0123abcd", .badRequest), ("/api/compare?jobs=0123abcd,0123abcd", .badRequest),
                                  ("/api/compare?jobs=0123abcd,4567abcd", .notFound), ("/api/compare", .badRequest)] {
                let r = uri.hasSuffix("/stop") ? try await browser.post(uri, json: "{}") : try await browser.get(uri)
                #expect(r.status == status, "\(uri): \(r.status) \(r.text)")
                #expect(!r.error.isEmpty)
            }
            let badTime = try await browser.post("/api/jobs", ["path": "small/base.yaml", "timeLimit": -1])
            #expect(badTime.status == .badRequest)
            #expect(try badTime.error.contains("The time limit") && badTime.json()["field"] as? String == "timeLimit", "\(badTime.text)")
            let badGap = try await browser.post("/api/jobs", ["path": "small/base.yaml", "gap": 2])
            #expect(badGap.status == .badRequest)
            let badKind = try await browser.post("/api/jobs", ["path": "small/base.yaml", "kind": "decide"])
            #expect(badKind.status == .badRequest)
            let sweepOnSolve = try await browser.post("/api/jobs", ["path": "small/base.yaml", "maxChanges": [1, 2]])
            #expect(sweepOnSolve.status == .badRequest)
            let tooMany = try await browser.post("/api/jobs", ["path": "small/base.yaml", "kind": "tradeoff", "from": 0, "to": 1000, "step": 1])
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.error.contains("points"))
            let bad = try await browser.post("/api/jobs", ["path": "small/what-if-typo.yaml"])
            #expect(bad.status == .unprocessableContent)
            let problems = ((try bad.json()["check"] as? [String: Any])?["problems"] as? [[String: Any]]) ?? []
            #expect(problems.first?["line"] as? Int == 6)
        }
    }
}

extension HTTPFields {
    static func + (a: HTTPFields, b: HTTPFields) -> HTTPFields {
        var c = a
        for field in b { c[field.name] = field.value }
        return c
    }
}
