/// A field of expertise an officer holds or a commune needs (`border-security`, `ethnic-affairs`, …).
public struct Specialty: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }

    /// Lower-case letters, digits and hyphens, starting with a letter.
    public var isWellFormed: Bool {
        guard let first = rawValue.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return rawValue.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Terrain class of a commune. `highland` counts as mountain for the balance terms, `midland` as lowland.
public enum Terrain: String, Sendable, Codable, CaseIterable {
    case mountain, highland, midland, lowland
    public var isMountain: Bool { self == .mountain || self == .highland }
}

/// Kind of commune-level unit since 1 July 2025.
public enum CommuneKind: String, Sendable, Codable, CaseIterable {
    case xa, phuong, dacKhu = "dac-khu"
}

/// A commune or ward (xã, phường, đặc khu) that officers track.
public struct Commune: Sendable, Hashable, Identifiable {
    /// Official 5-digit code (NSO list), as text to keep leading zeros.
    public var code: String
    /// Official name with diacritics, in NFC.
    public var name: String
    public var kind: CommuneKind
    public var formerDistrict: String?
    public var province: String?
    public var terrain: Terrain
    public var areaKm2: Double?
    public var population: Int?
    public var location: GeoPoint
    /// Monitoring effort per year, in workload units.
    public var workload: Double
    /// How many officers track it (k_c), at least 1.
    public var staffing: Int
    /// Field visits per year.
    public var visitsPerYear: Double
    /// Specialties some officer of this commune must hold (R_c), sorted.
    public var requiredSpecialties: [Specialty]

    public var id: String { code }
    public var isMountain: Bool { terrain.isMountain }

    public init(
        code: String, name: String, kind: CommuneKind = .xa, formerDistrict: String? = nil, province: String? = nil,
        terrain: Terrain, areaKm2: Double? = nil, population: Int? = nil, location: GeoPoint,
        workload: Double, staffing: Int = 1, visitsPerYear: Double = 12, requiredSpecialties: [Specialty] = []
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.formerDistrict = formerDistrict
        self.province = province
        self.terrain = terrain
        self.areaKm2 = areaKm2
        self.population = population
        self.location = location
        self.workload = workload
        self.staffing = staffing
        self.visitsPerYear = visitsPerYear
        self.requiredSpecialties = Array(Set(requiredSpecialties)).sorted()
    }
}
