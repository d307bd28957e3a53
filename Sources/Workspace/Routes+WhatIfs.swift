import DurableFiles
import Foundation
import HTTPTypes
import Hummingbird
import Register
import Reporting
import ScenarioIO

extension Workspace {
    /// What-ifs from the form: `preview` writes the YAML and checks it; saving writes it beside
    /// its base, atomically, and never over an existing file unless the request confirms it.
    /// Both check the YAML exactly as `diaban check` checks a file: it is written to a hidden
    /// file beside its base and read by the scenario reader.
    func addWhatIfRoutes(to router: Router<WorkspaceContext>) {
        router.post("api/whatifs/preview") { request, _ -> Response in
            let draft = try await JSONResponse.decode(WhatIfDraft.self, from: request, limit: Self.maxBodyBytes)
            let prepared = try self.prepare(draft)
            let check = try await offload { try self.check(prepared) }
            return JSONResponse.make(Preview(path: prepared.target.relative, yaml: prepared.yaml, changeLines: prepared.changeLines,
                                             exists: self.folder.exists(prepared.target), check: check))
        }
        router.post("api/whatifs") { request, _ -> Response in
            let draft = try await JSONResponse.decode(WhatIfDraft.self, from: request, limit: Self.maxBodyBytes)
            return JSONResponse.make(try await self.save(draft), status: .created)
        }
    }

    /// Saves a what-if draft as the form saves it: its YAML checked as `diaban check` checks a
    /// file (refused with its problems), then written beside its base through the one writer,
    /// never over an existing file unless the draft confirms it.
    func save(_ draft: WhatIfDraft) async throws -> Saved {
        let prepared = try prepare(draft)
        let check = try await offload { try self.check(prepared) }
        guard check.verdict != .badData else {
            throw APIError(.unprocessableContent, "The what-if has \(check.problems.count) problem\(check.problems.count == 1 ? "" : "s"); nothing was saved.",
                           details: ["check": JSONValue.of(check), "yaml": .string(prepared.yaml), "changeLines": JSONValue.of(prepared.changeLines)])
        }
        try folder.write(Data(prepared.yaml.utf8), to: prepared.target, overwrite: draft.overwrite ?? false)
        let saved = CheckJSON(CheckReport(file: prepared.target.path, reading: ScenarioLoader.reading(path: prepared.target.path, current: RegisterCurrentSource())), path: prepared.target.relative, folder: folder)
        return Saved(path: prepared.target.relative, yaml: prepared.yaml, check: saved)
    }

    struct Prepared: Sendable {
        var base: ScenarioFolder.Resolved
        var target: ScenarioFolder.Resolved
        var yaml: String
        var changeLines: [Int]
    }

    struct Preview: Encodable, Sendable {
        var path: String
        var yaml: String
        var changeLines: [Int]
        var exists: Bool
        var check: CheckJSON
    }

    struct Saved: Encodable, Sendable {
        var path: String
        var yaml: String
        var check: CheckJSON
    }

    /// The base, where the new file goes (beside the base), and its YAML.
    func prepare(_ draft: WhatIfDraft) throws(APIError) -> Prepared {
        let base = try folder.scenario(draft.base)
        let target: ScenarioFolder.Resolved
        do throws(APIError) { target = try folder.file(draft.file, beside: base, suffix: ".yaml", rule: "a what-if is saved beside its base", example: "what-if-retire.yaml") } catch {
            throw error.at(field: "whatifFile")
        }
        try draft.checkShape()
        let (yaml, lines) = draft.yaml(baseName: base.name)
        return Prepared(base: base, target: target, yaml: yaml, changeLines: lines)
    }

    /// Checks the YAML as the command line would check the saved file: written to a hidden file
    /// beside the base, read, and removed; problems name the file it will be saved as.
    func check(_ p: Prepared) throws -> CheckJSON {
        let tempName = ".\(p.target.name).check-\(ScenarioFolder.randomHex(6)).yaml"
        let tempReal = p.target.realFolder + "/" + tempName
        let tempPath = String(p.target.path.dropLast(p.target.name.count)) + tempName
        // Through the one writer too, and never over anything already there.
        do { try AtomicFile.create(Data(p.yaml.utf8), at: tempReal) } catch {
            throw APIError(.internalServerError, "Could not write in the folder of \(p.target.relative) to check the what-if (\(error.errno.map { String(cString: strerror($0)) } ?? "refused")).")
        }
        defer { try? FileManager.default.removeItem(atPath: tempReal) }
        return CheckJSON(CheckReport(file: tempPath, reading: ScenarioLoader.reading(path: tempPath, current: RegisterCurrentSource())), path: p.target.relative, folder: folder, renaming: (tempPath, p.target.path))
    }
}
