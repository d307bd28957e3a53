/// One row of a scenario's `advice.training` table: an officer who may train in a specialty,
/// and what it costs (in the table's own unit, e.g. days or million đồng; DiaBan reports the
/// cost and ranks the bench's trainings by it, it does not weigh it against points).
public struct TrainingOption: Sendable, Hashable {
    public var officer: String
    public var specialty: Specialty
    public var cost: Double?
    public init(officer: String, specialty: Specialty, cost: Double? = nil) {
        self.officer = officer
        self.specialty = specialty
        self.cost = cost
    }
}
