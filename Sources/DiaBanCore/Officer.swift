/// An area-tracking officer (cán bộ theo dõi địa bàn).
public struct Officer: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable { case active, leave }

    public var id: String
    public var name: String
    /// Where field trips start (home or office).
    public var base: GeoPoint
    /// A word for the base, for reports ("Vinh HQ", a commune name).
    public var baseLabel: String
    /// Specialties held, sorted.
    public var specialties: [Specialty]
    /// The most workload units this officer can carry per year.
    public var capacity: Double
    public var minCommunes: Int?
    public var maxCommunes: Int?
    public var status: Status
    /// An officer never tracks their own home commune (conflict of interest).
    public var homeCommune: String?
    /// The province the officer belongs to, when a scenario spans several provinces.
    public var province: String?

    public var isActive: Bool { status == .active }

    public init(
        id: String, name: String, base: GeoPoint, baseLabel: String = "", specialties: [Specialty] = [],
        capacity: Double, minCommunes: Int? = nil, maxCommunes: Int? = nil, status: Status = .active, homeCommune: String? = nil,
        province: String? = nil
    ) {
        self.id = id
        self.name = name
        self.base = base
        self.baseLabel = baseLabel
        self.specialties = Array(Set(specialties)).sorted()
        self.capacity = capacity
        self.minCommunes = minCommunes
        self.maxCommunes = maxCommunes
        self.status = status
        self.homeCommune = homeCommune
        self.province = province
    }

    public func holds(_ specialty: Specialty) -> Bool { specialties.contains(specialty) }
}
