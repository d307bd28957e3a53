import DiaBanCore
import Foundation
import HTTPTypes
import Hummingbird
import Register
import Reporting
import ScenarioIO

extension Workspace {
    /// The scenario files of the folder, each with what `diaban check` says about it; a
    /// scenario's text and its officers, communes and places (for the what-if form).
    func addScenarioRoutes(to router: Router<WorkspaceContext>) {
        router.get("api/scenarios") { _, _ -> Response in
            let folder = self.folder
            let list = try await offload { folder.scenarioFiles().map { Listed(CheckJSON(CheckReport(file: folder.path(of: $0), reading: ScenarioLoader.reading(path: folder.path(of: $0), current: RegisterCurrentSource())), path: $0, folder: folder)) } }
            return JSONResponse.make(ScenarioList(folder: folder.root, scenarios: list))
        }
        router.get("api/scenario") { request, _ -> Response in
            let file = try self.folder.scenario(try Self.query(request, "path"))
            let folder = self.folder
            return JSONResponse.make(try await offload { CheckJSON(CheckReport(file: file.path, reading: ScenarioLoader.reading(path: file.path, current: RegisterCurrentSource())), path: file.relative, folder: folder) })
        }
        router.get("api/scenario/source") { request, _ -> Response in
            let file = try self.folder.scenario(try Self.query(request, "path"))
            guard let data = FileManager.default.contents(atPath: file.realPath), data.count <= 1 << 20 else {
                throw APIError.badRequest("\(file.relative) could not be read, or is larger than a scenario file may be (1 MB).")
            }
            return JSONResponse.make(["path": file.relative, "text": String(decoding: data, as: UTF8.self)])
        }
        router.get("api/scenario/choices") { request, _ -> Response in
            let file = try self.folder.scenario(try Self.query(request, "path"))
            let loaded = try await offload { () throws(APIError) -> LoadedScenario in
                do { return try ScenarioLoader.loadDetailed(path: file.path, current: RegisterCurrentSource()) } catch {
                    throw APIError(.unprocessableContent, "\(file.relative) has problems; fix them before starting a what-if from it (see its check).")
                }
            }
            return JSONResponse.make(Choices(loaded.scenario, path: file.relative))
        }
    }

    struct Listed: Encodable, Sendable {
        var path: String
        var name: String?
        var description: String?
        var nameEn: String?
        var descriptionEn: String?
        var base: String?
        var verdict: CheckReport.Verdict
        var problems: Int
        var notes: Int
        init(_ c: CheckJSON) {
            path = c.path
            name = c.name
            description = c.description
            nameEn = c.nameEn
            descriptionEn = c.descriptionEn
            base = c.base
            verdict = c.verdict
            problems = c.problems.count
            notes = c.notes.count
        }
    }

    struct ScenarioList: Encodable, Sendable {
        var folder: String
        var scenarios: [Listed]
    }

    /// A query parameter that must be there (400 when it is not).
    static func query(_ request: Request, _ name: String) throws(APIError) -> String {
        guard let v = request.uri.queryParameters[name[...]] else {
            throw APIError.badRequest("Give the \(name) parameter, e.g. ?\(name)=nghe-an/baseline.yaml.")
        }
        return String(v)
    }
}
