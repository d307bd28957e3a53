/// One what-if operation on a scenario: a scenario file may start from another (`base:`) and
/// list changes that are applied, in order, to what the base describes.
public enum ScenarioChange: Sendable, Equatable {
    /// Where an officer's field trips start.
    public enum Base: Sendable, Equatable {
        case headquarters
        /// The point of a commune, by code.
        case commune(String)
        case point(GeoPoint, label: String)
    }

    /// A new workload: a value in workload units, or a factor on the current one.
    public enum WorkloadValue: Sendable, Equatable {
        case absolute(Double)
        case scale(Double)
    }

    /// The officer leaves the roster; their current, forbidden and distance entries go with them.
    case removeOfficer(String)
    case addOfficer(Officer)
    case setOfficerStatus(officer: String, status: Officer.Status)
    case setCapacity(officer: String, capacity: Double)
    case setBase(officer: String, base: Base)
    /// Adds, then removes, specialties of an officer.
    case setSpecialties(officer: String, add: [Specialty], remove: [Specialty])
    case setWorkload(select: CommuneSelection, value: WorkloadValue)
    case setStaffing(select: CommuneSelection, staffing: Int)
    /// Replaces the required specialties of the selected communes.
    case setRequiredSpecialties(select: CommuneSelection, specialties: [Specialty])
    /// Adds a requirement rule, like an entry of `requirements:`.
    case requireSpecialty(SpecialtyRequirement)
    case lock(Pair)
    case forbid(Pair)

    /// The operation's name as a scenario file writes it (`op:`).
    public var operation: String {
        switch self {
        case .removeOfficer: "removeOfficer"
        case .addOfficer: "addOfficer"
        case .setOfficerStatus: "setOfficerStatus"
        case .setCapacity: "setCapacity"
        case .setBase: "setBase"
        case .setSpecialties: "setSpecialties"
        case .setWorkload: "setWorkload"
        case .setStaffing: "setStaffing"
        case .setRequiredSpecialties: "setRequiredSpecialties"
        case .requireSpecialty: "requireSpecialty"
        case .lock: "lock"
        case .forbid: "forbid"
        }
    }

    /// Every operation name, for messages listing what is allowed.
    public static let operations = [
        "removeOfficer", "addOfficer", "setOfficerStatus", "setCapacity", "setBase", "setSpecialties",
        "setWorkload", "setStaffing", "setRequiredSpecialties", "requireSpecialty", "lock", "forbid",
    ]

    /// Applies the change. Throws, leaving `scenario` unchanged, when it names an officer or a
    /// commune the scenario does not have, or would break an invariant (a duplicate id, a
    /// capacity that is not positive, a staffing below 1, a locked officer removed).
    public func apply(to scenario: inout Scenario) throws(ScenarioChangeError) {
        var s = scenario
        switch self {
        case .removeOfficer(let id):
            let i = try s.officerIndex(id)
            if let lock = s.locked.first(where: { $0.officer == id }) {
                throw ScenarioChangeError(
                    "Officer \(id) cannot be removed: they are locked to commune \(lock.commune).",
                    hint: "Remove the lock first, or keep the officer and set their status to leave.", key: "officer")
            }
            let leaving = s.officers.remove(at: i)
            let communes = s.current.pairs.filter { $0.officer == id }.map(\.commune).sorted()
            s.rosterEvents.append(RosterEvent(kind: .leaves, officer: id, officerName: leaving.name, communes: communes))
            s.current = Assignment(s.current.pairs.filter { $0.officer != id })
            s.forbidden.removeAll { $0.officer == id }
            if let d = s.distances { s.distances = DistanceMatrix(d.entries.filter { $0.key.officer != id }) }
        case .addOfficer(let officer):
            if s.officer(officer.id) != nil {
                throw ScenarioChangeError(
                    "An officer with the id \(officer.id) already exists.",
                    hint: "Give the new officer an id that is not in the officers table.", key: "officer.id")
            }
            if let home = officer.homeCommune { _ = try s.communeIndex(home) }
            try Self.checkCapacity(officer.capacity, officer: officer.id)
            s.officers.append(officer)
            s.rosterEvents.append(RosterEvent(kind: .joins, officer: officer.id, officerName: officer.name))
        case .setOfficerStatus(let id, let status):
            let i = try s.officerIndex(id)
            if s.officers[i].status != status {
                s.rosterEvents.append(RosterEvent(kind: status == .leave ? .onLeave : .returns, officer: id, officerName: s.officers[i].name))
            }
            s.officers[i].status = status
        case .setCapacity(let id, let capacity):
            let i = try s.officerIndex(id)
            try Self.checkCapacity(capacity, officer: id)
            s.officers[i].capacity = capacity
        case .setBase(let id, let base):
            let i = try s.officerIndex(id)
            switch base {
            case .headquarters:
                s.officers[i].base = s.headquarters
                s.officers[i].baseLabel = "headquarters"
            case .commune(let code):
                let c = s.communes[try s.communeIndex(code)]
                s.officers[i].base = c.location
                s.officers[i].baseLabel = c.name
            case .point(let p, let label):
                guard p.isValid else {
                    throw ScenarioChangeError("The base (\(p.lat), \(p.lon)) of officer \(id) is not a valid point.",
                                              hint: "Give lat between -90 and 90 and lon between -180 and 180.")
                }
                s.officers[i].base = p
                s.officers[i].baseLabel = label
            }
        case .setSpecialties(let id, let add, let remove):
            let i = try s.officerIndex(id)
            let held = Set(s.officers[i].specialties).union(add).subtracting(remove)
            s.officers[i].specialties = held.sorted()
        case .setWorkload(let select, let value):
            for i in try s.selectedIndices(select) {
                switch value {
                case .absolute(let w): s.communes[i].workload = w
                case .scale(let f): s.communes[i].workload = (s.communes[i].workload * f * 100).rounded() / 100
                }
                guard s.communes[i].workload.isFinite, s.communes[i].workload > 0 else {
                    throw ScenarioChangeError("The new workload of commune \(s.communes[i].name) would not be a positive number.",
                                              hint: "Give a workload or a factor above 0.")
                }
            }
        case .setStaffing(let select, let staffing):
            guard staffing >= 1 else {
                throw ScenarioChangeError("A staffing of \(staffing) is not allowed: every commune needs at least 1 officer.",
                                          hint: "Give a whole number of officers, 1 or more.")
            }
            for i in try s.selectedIndices(select) { s.communes[i].staffing = staffing }
        case .setRequiredSpecialties(let select, let specialties):
            for i in try s.selectedIndices(select) { s.communes[i].requiredSpecialties = Array(Set(specialties)).sorted() }
        case .requireSpecialty(let rule):
            _ = try s.selectedIndices(rule.select)
            rule.apply(to: &s.communes)
        case .lock(let pair):
            _ = try s.officerIndex(pair.officer)
            _ = try s.communeIndex(pair.commune)
            if !s.locked.contains(pair) { s.locked.append(pair) }
        case .forbid(let pair):
            _ = try s.officerIndex(pair.officer)
            _ = try s.communeIndex(pair.commune)
            if !s.forbidden.contains(pair) { s.forbidden.append(pair) }
        }
        scenario = s
    }

    private static func checkCapacity(_ capacity: Double, officer: String) throws(ScenarioChangeError) {
        guard capacity.isFinite, capacity > 0 else {
            throw ScenarioChangeError("The capacity \(capacity) of officer \(officer) is not a positive number.",
                                      hint: "Give a capacity in workload units above 0; to take an officer out, set their status to leave.")
        }
    }
}

/// Why a ``ScenarioChange`` could not be applied, in words a planner can act on.
public struct ScenarioChangeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String
    /// The key of the change that holds the mistake (`officer`, `commune`, `select`), when one does.
    public var key: String?
    public init(_ message: String, hint: String, key: String? = nil) {
        self.message = message
        self.hint = hint
        self.key = key
    }
    public var description: String { "\(message) \(hint)" }
}

extension Scenario {
    fileprivate func officerIndex(_ id: String) throws(ScenarioChangeError) -> Int {
        guard let i = officers.firstIndex(where: { $0.id == id }) else {
            throw ScenarioChangeError("No officer has the id \(id).", hint: "Use an id from the officers table.", key: "officer")
        }
        return i
    }

    fileprivate func communeIndex(_ code: String) throws(ScenarioChangeError) -> Int {
        guard let i = communes.firstIndex(where: { $0.code == code }) else {
            throw ScenarioChangeError("No commune has the code \(code).", hint: "Use a code from the communes table.", key: "commune")
        }
        return i
    }

    fileprivate func selectedIndices(_ select: CommuneSelection) throws(ScenarioChangeError) -> [Int] {
        if let codes = select.communes {
            for code in codes { _ = try communeIndex(code) }
        }
        for (names, word, of) in [(select.formerDistricts, "former district", \Commune.formerDistrict), (select.provinces, "province", \Commune.province)] {
            let known = Set(communes.compactMap { $0[keyPath: of] }.map(CommuneSelection.placeKey))
            for name in names ?? [] where !known.contains(CommuneSelection.placeKey(name)) {
                throw ScenarioChangeError("No commune has the \(word) \"\(name)\".",
                                          hint: "Write the \(word) as in the communes table (a prefix such as Huyện may be left out).", key: "select")
            }
        }
        let found = communes.indices.filter { select.matches(communes[$0]) }
        guard !found.isEmpty else {
            throw ScenarioChangeError("The selection matches no commune.",
                                      hint: "Check the codes, former districts, terrain or kinds it names against the communes table.", key: "select")
        }
        return found
    }
}
