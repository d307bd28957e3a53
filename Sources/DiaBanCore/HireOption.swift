/// One row of a scenario's `advice.hires` table: a place where staffing advice may propose to
/// base a new officer, with the specialties the hire would hold. Every hire of one advice has
/// the same capacity (the roster's median unless the advice is given one): the balance bands
/// of a roster with k hires then do not depend on which hires they are, which keeps the joint
/// choice exact.
public struct HireOption: Sendable, Hashable {
    /// The commune at whose centre the hire is based, by code; nil for the headquarters.
    public var commune: String?
    public var specialties: [Specialty]

    public init(commune: String?, specialties: [Specialty]) {
        self.commune = commune
        self.specialties = specialties
    }
}
