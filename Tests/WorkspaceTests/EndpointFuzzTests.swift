import DiaBanCore
import DiaBanTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Planning
import ScenarioIO
import Testing
@testable import Workspace

/// A seeded fuzzer for the workspace's endpoints, run in CI as the scenario fuzzing is: random
/// methods, routes, paths (with `..`, NUL bytes, links out, long names, stray bytes), ids,
/// headers and bodies (JSON of the right shape with wrong types, unknown operations, odd
/// numbers and text, deep nesting; or bytes that are not JSON), decisions marked on finished
/// solves, re-planned, saved and adopted into registers. Every answer must be an answer
/// — no 5xx, and a refusal says why in `error` — while another session's solve runs on
/// untouched, nothing outside the scenarios folder changes and no temporary file is left.
///
/// `DIABAN_FUZZ_REQUESTS` runs longer campaigns (per seed; default 250).
@Suite("Seeded fuzzing of the endpoints")
struct EndpointFuzzTests {
    static let seeds: [UInt64] = [1, 2, 3, 4]
    static let requests = Int(ProcessInfo.processInfo.environment["DIABAN_FUZZ_REQUESTS"] ?? "") ?? 250

    static let routes = [
        "/", "/page/app.mjs", "/page/workspace.css", "/api/health", "/api/session", "/api/scenarios", "/api/scenario?path=P", "/api/scenario/source?path=P",
        "/api/scenario/choices?path=P", "/api/whatifs/preview", "/api/whatifs", "/api/jobs", "/api/jobs/ID", "/api/jobs/ID/stop",
        "/api/jobs/GONE/events", "/api/jobs/ID/report?lang=L", "/api/jobs/ID/solve.json", "/api/jobs/ID/tradeoff.json", "/api/jobs/ID/chart.svg",
        "/api/compare?jobs=IDS", "/api/compare/report?jobs=IDS&focus=N&lang=L", "/api/nothing", "/api/jobs/ID/ID", "//api//scenarios",
        "/api/jobs/ID/decisions?lang=L", "/api/jobs/ID/decisions?lang=L&from=P", "/api/registers", "/api/register?path=P", "/api/register?path=R&asOf=D", "/api/register/history?path=R&commune=C",
        "/api/register/history?path=R&officer=C",
    ] + Array(repeating: ["/api/jobs/ID/replan", "/api/jobs/ID/decisions/save", "/api/jobs/ID/adopt"], count: 3).flatMap { $0 }
    /// Routes whose own method is POST.
    static func isPost(_ route: String) -> Bool {
        ["/api/whatifs", "/api/jobs"].contains(where: { route.hasPrefix($0) && !route.contains("/api/jobs/") })
            || ["/stop", "/replan", "/decisions/save", "/adopt"].contains(where: route.hasSuffix)
    }
    static let registers = ["small/fuzz-0.sqlite", "small/fuzz-1.sqlite", "small/none.sqlite", "small/base.yaml", "../outside/r.sqlite", "dir-out/r.sqlite",
                            "small/.r.sqlite", "small/r\u{0}.sqlite", "/tmp/r.sqlite"]
    static let dates = ["2025-07-01", "2026-01-01", "2026-07-01", "2026-02-30", "2026-13-01", "01/01/2026", "", "9999-12-31", "0001-01-01"]
    static let paths = [
        "small/base.yaml", "small/what-if-leave.yaml", "small/what-if-typo.yaml", "small/communes.csv", "small", "", ".", "..", "../outside/secret.yaml",
        "small/../../outside/secret.yaml", "/etc/passwd", "small/link-out.yaml", "dir-out/secret.yaml", "small/.hidden.yaml", "small/base.yaml\u{0}",
        "small/%2e%2e/base.yaml", String(repeating: "a/", count: 600), String(repeating: "é", count: 300) + ".yaml", "small/nope.yaml", "~/x.yaml",
        "small/base.yaml/..", "small\\..\\base.yaml", "small/\u{202E}lmay.yaml", "small/base.yaml?x=1",
    ]
    static let methods: [HTTPRequest.Method] = [.get, .get, .get, .post, .post, .post, .put, .delete, .patch, .head, .options]
    static let ops = ScenarioChange.operations + ["retire", "", "op", "💥"]

    static func text(_ rng: inout SplitMix64) -> String {
        rng.pick(paths + ["CB02", "O1", "O9", "30001", "border-security", "Kỳ Sơn", "leave", "active", "none", "\u{0}", "\"", "\\", "\n", "'; --",
                          String(repeating: "x", count: rng.int(0...3000)), "1e309", "NaN", "-0", "Diễn Châu"])
    }

    static func value(_ rng: inout SplitMix64, depth: Int = 0) -> Any {
        switch rng.int(0...(depth > 3 ? 4 : 7)) {
        case 0: return text(&rng)
        case 1: return rng.pick([0, 1, -1, 2, 0.5, 1.3, 1e9, -1e9, 1e300, 3.5, 100_000]) as Double
        case 2: return rng.chance(0.5)
        case 3: return NSNull()
        case 4: return rng.int(0...100)
        case 5: return (0..<rng.int(0...4)).map { _ in value(&rng, depth: depth + 1) }
        default:
            var o: [String: Any] = [:]
            for _ in 0..<rng.int(0...4) { o[rng.pick(keys)] = value(&rng, depth: depth + 1) }
            return o
        }
    }

    static let keys = ["op", "officer", "commune", "select", "status", "capacity", "add", "remove", "value", "scale", "staffing", "specialties",
                       "specialty", "lat", "lon", "label", "headquarters", "formerDistricts", "kinds", "terrain", "id", "name", "note", "x"]

    /// A body for `route`: mostly of the right shape, with random parts.
    static func body(for route: String, _ rng: inout SplitMix64) -> ByteBuffer? {
        if rng.chance(0.1) { return ByteBuffer(bytes: (0..<rng.int(0...300)).map { _ in UInt8(rng.int(0...255)) }) }
        if rng.chance(0.05) { return nil }
        var o: [String: Any] = [:]
        if route.hasPrefix("/api/whatifs") {
            o["base"] = rng.chance(0.7) ? "small/base.yaml" : text(&rng)
            o["file"] = rng.chance(0.6) ? "what-if-fuzz-\(rng.int(0...5)).yaml" : text(&rng)
            if rng.chance(0.5) { o["name"] = text(&rng) }
            if rng.chance(0.3) { o["question"] = text(&rng) }
            o["changes"] = (0..<rng.int(0...4)).map { _ -> Any in
                var c: [String: Any] = ["op": rng.pick(ops)]
                for _ in 0..<rng.int(0...4) { c[rng.pick(keys)] = value(&rng, depth: 1) }
                return rng.chance(0.9) ? c : value(&rng)
            }
            if rng.chance(0.3) { o["rules"] = ["maxChanges": value(&rng), "coverage": value(&rng)] }
            if rng.chance(0.3) { o["weights"] = [rng.pick(["change", "travel", "coverage", "x"]): value(&rng)] }
            if rng.chance(0.3) { o["overwrite"] = value(&rng) }
        } else if ["/replan", "/decisions/save", "/adopt"].contains(where: route.hasSuffix) {
            o["decisions"] = rng.chance(0.85) ? (0..<rng.int(0...2)).map { _ -> Any in
                var m: [String: Any] = ["move": rng.chance(0.9) ? rng.int(1...2) : rng.chance(0.5) ? rng.int(-1...9) : value(&rng),
                                        "decision": rng.chance(0.85) ? rng.pick(["accept", "reject", "keep", "pending"]) : text(&rng)]
                if rng.chance(0.5) { m["note"] = rng.chance(0.7) ? rng.pick(["", "Thường vụ: giữ, \"như cũ\"", "ok"]) : value(&rng) }
                return rng.chance(0.95) ? m : value(&rng)
            } : value(&rng)
            if route.hasSuffix("/replan") {
                o["timeLimit"] = rng.chance(0.8) ? rng.uniform(0.05...0.5) : value(&rng)
            } else if route.hasSuffix("/save") {
                o["file"] = rng.chance(0.7) ? rng.pick(["decisions.csv", "decisions-fuzz.csv", "communes.csv", "link-out.yaml", "x.yaml"]) : text(&rng)
                if rng.chance(0.5) { o["overwrite"] = rng.chance(0.8) ? rng.chance(0.5) : value(&rng) }
            } else {
                o["register"] = rng.chance(0.7) ? rng.pick(registers) : text(&rng)
                o["effective"] = rng.chance(0.8) ? rng.pick(dates) : value(&rng)
                o["reference"] = rng.chance(0.8) ? rng.pick(["Quyết định số 1/QĐ-TU", "QĐ 2", "", "init 2025-07-01"]) : value(&rng)
                if rng.chance(0.5) { o["asOf"] = rng.chance(0.8) ? rng.pick(dates) : value(&rng) }
                if rng.chance(0.3) { o["note"] = value(&rng) }
            }
        } else if route.hasPrefix("/api/jobs") {
            o["path"] = rng.chance(0.7) ? rng.pick(["small/base.yaml", "small/what-if-leave.yaml"]) : text(&rng)
            if rng.chance(0.5) { o["kind"] = rng.pick(["solve", "tradeoff", "decide", ""]) }
            o["timeLimit"] = rng.chance(0.8) ? rng.uniform(0.05...0.5) : value(&rng)
            if rng.chance(0.2) { o["gap"] = value(&rng) }
            if rng.chance(0.2) { o["maxChanges"] = rng.chance(0.5) ? [0, 1] : value(&rng) }
            if rng.chance(0.1) { o["from"] = value(&rng); o["to"] = value(&rng); o["step"] = value(&rng) }
        } else {
            o = ["x": value(&rng)]
        }
        for _ in 0..<(rng.chance(0.2) ? rng.int(1...3) : 0) { o[rng.pick(keys)] = value(&rng) }
        guard let data = try? JSONSerialization.data(withJSONObject: rng.chance(0.05) ? [value(&rng)] : o) else { return nil }
        var bytes = [UInt8](data)
        if rng.chance(0.1), !bytes.isEmpty { bytes.removeLast(rng.int(1...min(bytes.count, 10))) }
        return ByteBuffer(bytes: bytes)
    }

    static func query(_ s: String, _ rng: inout SplitMix64) -> String {
        rng.chance(0.8) ? s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! : s.replacingOccurrences(of: " ", with: "+")
    }

    @Test("no request crashes the server, gets a 5xx, stops another session's solve or writes outside the folder", arguments: seeds)
    func fuzz(seed: UInt64) async throws {
        let f = try Fixture()
        defer { f.remove() }
        let outsideBefore = f.allFiles().filter { $0.hasPrefix("outside") }
        try await withWorkspace(f, planner: Planner(solver: EndlessSolver(seconds: 120)), configure: {
            $0.unwatchedGrace = 600
            $0.maxSolveSeconds = 120
        }) { client, workspace in
            let alice = try await Browser.open(client), mallory = try await Browser.open(client)
            let victim = try await alice.start("small/base.yaml", extra: ["timeLimit": 120])
            _ = try await alice.wait(victim) { $0["state"] as? String == "running" }
            // A finished solve with a plan, for the decisions' routes to reach their own code.
            let decided = try await mallory.start("small/base.yaml", extra: ["timeLimit": 0.2])
            let planned = try await mallory.finished(decided)
            #expect((planned["result"] as? [String: Any])?["hasPlan"] as? Bool == true, "\(planned)")
            #expect(((planned["result"] as? [String: Any])?["moves"] as? Int ?? 0) > 0, "the decided solve proposes no move: \(planned)")
            var rng = SplitMix64(seed: 0x5E_77E + seed)
            var ids = [victim, decided, decided, "0123abcd", "zz", String(repeating: "f", count: 100)]
            var decideStatuses: [Int: Int] = [:]
            var statuses: [Int: Int] = [:]
            for n in 0..<Self.requests {
                var route = rng.pick(Self.routes)
                route = route.replacingOccurrences(of: "GONE", with: rng.pick(["0123abcd", "zz", "ffff"]))
                while let r = route.range(of: "IDS") {
                    route.replaceSubrange(r, with: (0..<rng.int(0...4)).map { _ in rng.pick(ids) }.joined(separator: ","))
                }
                // The decisions' routes mostly name the finished solve, so that their own code runs.
                let decisionRoute = ["/decisions", "/replan", "/adopt"].contains(where: route.contains)
                while let r = route.range(of: "ID") {
                    route.replaceSubrange(r, with: Self.query(decisionRoute && rng.chance(0.7) ? decided : rng.pick(ids), &rng))
                }
                route = route.replacingOccurrences(of: "=P", with: "=" + Self.query(Self.text(&rng), &rng))
                route = route.replacingOccurrences(of: "=R", with: "=" + Self.query(rng.chance(0.7) ? rng.pick(Self.registers) : Self.text(&rng), &rng))
                route = route.replacingOccurrences(of: "=D", with: "=" + Self.query(rng.pick(Self.dates), &rng))
                route = route.replacingOccurrences(of: "=C", with: "=" + Self.query(rng.pick(["30001", "O1", "3000", "", "x\u{0}"]), &rng))
                route = route.replacingOccurrences(of: "=L", with: "=" + rng.pick(["vi", "en", "fr", ""]))
                route = route.replacingOccurrences(of: "=N", with: "=" + String(rng.int(-1...5)))
                // Mostly the route's own method, so that requests reach the routes' code.
                let natural: HTTPRequest.Method = Self.isPost(route) ? .post : .get
                let method = rng.chance(0.8) ? natural : rng.pick(Self.methods)
                // Everything comes from another session than Alice's (or from none).
                let who = mallory
                var headers: HTTPFields = [:]
                if rng.chance(0.9) { headers[.cookie] = who.cookie }
                if rng.chance(0.85) { headers[.csrfToken] = rng.chance(0.95) ? who.csrf : "0000" }
                if rng.chance(0.9) { headers[.contentType] = rng.chance(0.9) ? "application/json" : rng.pick(["text/plain", "multipart/form-data", ""]) }
                if rng.chance(0.05) { headers[.origin] = rng.pick(["http://evil.example", "null", "http://localhost"]) }
                let body = [.post, .put, .patch].contains(method) ? Self.body(for: route, &rng) : nil
                let r = try await client.execute(uri: route, method: method, headers: headers, body: body)
                statuses[Int(r.status.code), default: 0] += 1
                if route.contains(decided) && (route.contains("/decisions") || route.hasSuffix("/replan") || route.hasSuffix("/adopt")) {
                    decideStatuses[Int(r.status.code), default: 0] += 1
                }
                #expect(r.status.code < 500, "seed \(seed) request \(n): \(method) \(route): \(r.status) \(r.text.prefix(300))")
                if r.status.code >= 400 && method != .head {
                    #expect(!r.error.isEmpty, "seed \(seed) request \(n): \(method) \(route): \(r.status) without a sentence: \(r.text.prefix(200))")
                }
                if route == "/api/jobs" || route.hasSuffix("/replan"), r.status == .accepted, let id = try r.json()["id"] as? String { ids.append(id) }
            }
            print("endpoint fuzz seed \(seed): \(Self.requests) requests, statuses \(statuses.sorted { $0.key < $1.key }); on the decided solve \(decideStatuses.sorted { $0.key < $1.key })")
            // The server still answers, and Alice's solve went on untouched until she stops it.
            #expect(try await alice.get("/api/health").json()["ok"] as? Bool == true)
            let snapshot = try await alice.get("/api/jobs/\(victim)").json()
            #expect(snapshot["state"] as? String == "running", "\(snapshot)")
            #expect(snapshot["stopReason"] == nil, "another session stopped Alice's solve: \(snapshot)")
            #expect(try await alice.post("/api/jobs/\(victim)/stop", json: "{}").status == .ok)
            let end = try await alice.finished(victim)
            #expect((end["result"] as? [String: Any])?["status"] as? String == "interrupted")
            await workspace.pool.shutdown(timeout: 20)
        }
        #expect(f.allFiles().filter { $0.hasPrefix("outside") } == outsideBefore, "something was written outside the scenarios folder")
        #expect(f.read("outside/secret.yaml") == Fixture.files["base.yaml"])
        let leftovers = f.allFiles().filter { $0.hasPrefix("scenarios") && ($0.split(separator: "/").last?.hasPrefix(".") ?? false) && !$0.hasSuffix(".hidden.yaml") }
        #expect(leftovers.isEmpty, "temporary files were left: \(leftovers)")
    }
}
