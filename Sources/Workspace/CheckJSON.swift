import DiaBanCore
import Foundation
import Planning
import Reporting
import ScenarioIO

/// What `diaban check` says about a scenario file, as JSON: the verdict, the command line's
/// text, and its parts (problems with file, line and field; notes; quick checks; numbers).
struct CheckJSON: Encodable, Sendable {
    struct Summary: Encodable, Sendable {
        var communes: Int
        var mountain: Int
        var lowland: Int
        var officers: Int
        var active: Int
        var onLeave: Int
        var totalWorkload: Double
        var totalCapacity: Double
        var capacityRatio: Double
        var currentPairs: Int
        var specialties: [String]
    }
    struct FindingJSON: Encodable, Sendable {
        var severity: String
        var code: String
        var message: String
    }

    /// Relative to the scenarios folder.
    var path: String
    /// As the scenario reader was given it.
    var file: String
    var verdict: CheckReport.Verdict
    /// What `diaban check` prints, and the same in Vietnamese for the Vietnamese page.
    var text: String
    var textVi: String
    var name: String?
    var description: String?
    /// The English name and description, when the file gives them (`name_en`, `description_en`).
    var nameEn: String?
    var descriptionEn: String?
    /// The scenario this one starts from, relative to the scenarios folder.
    var base: String?
    var summary: Summary?
    var notes: [Problem]
    var findings: [FindingJSON]
    var problems: [Problem]

    init(_ check: CheckReport, path: String, folder: ScenarioFolder, renaming: (from: String, to: String)? = nil) {
        func rename(_ s: String) -> String { renaming.map { s.replacingOccurrences(of: $0.from, with: $0.to) } ?? s }
        func problem(_ e: ScenarioError) -> Problem {
            var p = Problem(e, folder: folder)
            p.file = rename(p.file)
            p.text = rename(p.text)
            p.path = folder.relative(p.file)
            return p
        }
        self.path = path
        file = rename(check.file)
        verdict = check.verdict
        text = rename(check.text())
        textVi = rename(check.text(lang: .vi))
        problems = check.problems.map(problem)
        notes = check.notes.map(problem)
        findings = check.findings.map { FindingJSON(severity: $0.severity.rawValue, code: $0.code, message: $0.message) }
        if let loaded = check.loaded, let s = check.summary {
            name = loaded.scenario.name
            description = loaded.scenario.description
            nameEn = loaded.scenario.nameEn
            descriptionEn = loaded.scenario.descriptionEn
            // The base is the second file of the chain the reader followed (inputs start with it).
            let chain = loaded.inputFiles.prefix { ScenarioFolder.isScenarioName($0) }
            base = chain.count > 1 ? folder.relative(chain[chain.startIndex + 1]) : nil
            summary = Summary(communes: s.communes, mountain: s.mountain, lowland: s.lowland, officers: s.officers, active: s.active,
                              onLeave: s.onLeave, totalWorkload: s.totalWorkload, totalCapacity: s.totalCapacity,
                              capacityRatio: s.capacityRatio, currentPairs: s.currentPairs, specialties: s.specialties.map(\.specialty.rawValue))
        }
    }
}

/// The officers, communes, places and specialties of a scenario: what the what-if form offers.
struct Choices: Encodable, Sendable {
    struct OfficerChoice: Encodable, Sendable {
        var id: String
        var name: String
        var specialties: [String]
        var status: String
        var capacity: Double
        var base: String
        var homeCommune: String?
    }
    struct CommuneChoice: Encodable, Sendable {
        var code: String
        var name: String
        var kind: String
        var terrain: String
        var formerDistrict: String?
        var province: String?
        var workload: Double
        var staffing: Int
        var required: [String]
    }

    var path: String
    var name: String
    var officers: [OfficerChoice]
    var communes: [CommuneChoice]
    var formerDistricts: [String]
    var provinces: [String]
    /// Every specialty an officer holds or a commune needs.
    var specialties: [String]
    var weights: Weights
    var rules: RulesJSON

    struct RulesJSON: Encodable, Sendable {
        var coverage: String
        var maxChanges: Int?
        var balanceTolerance: Double
        var candidateLimit: Int?
        var mountainBand: String?
    }

    init(_ s: Scenario, path: String) {
        self.path = path
        name = s.name
        officers = s.officers.map {
            OfficerChoice(id: $0.id, name: $0.name, specialties: $0.specialties.map(\.rawValue), status: $0.status.rawValue,
                          capacity: $0.capacity, base: $0.baseLabel, homeCommune: $0.homeCommune)
        }
        communes = s.communes.map {
            CommuneChoice(code: $0.code, name: $0.name, kind: $0.kind.rawValue, terrain: $0.terrain.rawValue, formerDistrict: $0.formerDistrict,
                          province: $0.province, workload: $0.workload, staffing: $0.staffing, required: $0.requiredSpecialties.map(\.rawValue))
        }
        formerDistricts = Array(Set(s.communes.compactMap(\.formerDistrict))).sorted()
        provinces = Array(Set(s.communes.compactMap(\.province))).sorted()
        specialties = Array(Set(s.officers.flatMap(\.specialties) + s.communes.flatMap(\.requiredSpecialties))).map(\.rawValue).sorted()
        weights = s.weights
        rules = RulesJSON(coverage: s.rules.coverage.rawValue, maxChanges: s.rules.maxChanges, balanceTolerance: s.rules.balanceTolerance,
                          candidateLimit: s.rules.candidateLimit,
                          mountainBand: s.rules.mountainBand.map { "\($0.measure.rawValue) \($0.lower)–\($0.upper)" })
    }
}
