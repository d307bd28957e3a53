import Foundation

/// Which communes a rule applies to. A commune is selected when it matches every criterion
/// that is given (criteria left `nil` do not restrict); an empty selection selects nothing.
public struct CommuneSelection: Sendable, Hashable, Codable {
    /// Official codes.
    public var communes: [String]?
    /// Former (pre-2025) districts, matched by ``placeKey(_:)``: "Kỳ Sơn" matches "Huyện Kỳ Sơn".
    public var formerDistricts: [String]?
    /// Provinces, matched by ``placeKey(_:)``.
    public var provinces: [String]?
    /// Terrain classes, matched exactly (`mountain` does not select `highland`).
    public var terrain: [Terrain]?
    public var kinds: [CommuneKind]?

    public init(
        communes: [String]? = nil, formerDistricts: [String]? = nil, provinces: [String]? = nil,
        terrain: [Terrain]? = nil, kinds: [CommuneKind]? = nil
    ) {
        self.communes = communes
        self.formerDistricts = formerDistricts
        self.provinces = provinces
        self.terrain = terrain
        self.kinds = kinds
    }

    /// True when no criterion is given.
    public var isEmpty: Bool {
        communes == nil && formerDistricts == nil && provinces == nil && terrain == nil && kinds == nil
    }

    public func matches(_ commune: Commune) -> Bool {
        if isEmpty { return false }
        if let codes = communes, !codes.contains(commune.code) { return false }
        if let names = formerDistricts {
            guard let d = commune.formerDistrict else { return false }
            let key = Self.placeKey(d)
            if !names.contains(where: { Self.placeKey($0) == key }) { return false }
        }
        if let names = provinces {
            guard let p = commune.province else { return false }
            let key = Self.placeKey(p)
            if !names.contains(where: { Self.placeKey($0) == key }) { return false }
        }
        if let t = terrain, !t.contains(commune.terrain) { return false }
        if let k = kinds, !k.contains(commune.kind) { return false }
        return true
    }

    /// The communes of `communes` that match, in their order.
    public func select(from communes: [Commune]) -> [Commune] { communes.filter(matches) }

    /// A place name reduced for matching: NFC, lower case, single spaces, and without its
    /// administrative prefix (`Huyện`, `Thị xã`, `Thành phố`, `Quận`, `Tỉnh`, `Xã`, `Phường`,
    /// `Thị trấn`, `Đặc khu`).
    public static func placeKey(_ name: String) -> String {
        var s = name.precomposedStringWithCanonicalMapping.lowercased()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for prefix in ["thành phố ", "thị xã ", "thị trấn ", "đặc khu ", "huyện ", "quận ", "tỉnh ", "phường ", "xã "] {
            if s.hasPrefix(prefix) { s.removeFirst(prefix.count); break }
        }
        return s
    }
}

/// A rule of the scenario: every selected commune requires `specialty`. Rules are applied on top
/// of the facts given in the communes table (`required_specialties`).
public struct SpecialtyRequirement: Sendable, Hashable, Codable {
    public var specialty: Specialty
    public var select: CommuneSelection
    public init(specialty: Specialty, select: CommuneSelection) {
        self.specialty = specialty
        self.select = select
    }

    /// Adds the specialty to every selected commune; returns the number selected.
    @discardableResult
    public func apply(to communes: inout [Commune]) -> Int {
        var n = 0
        for i in communes.indices where select.matches(communes[i]) {
            n += 1
            if !communes[i].requiredSpecialties.contains(specialty) {
                communes[i].requiredSpecialties = (communes[i].requiredSpecialties + [specialty]).sorted()
            }
        }
        return n
    }
}
