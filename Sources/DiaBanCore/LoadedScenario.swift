
/// A scenario as loaded, with what the loader did to it, for `diaban check` and reports.
public struct LoadedScenario: Sendable {
    /// The scenario, with workloads filled, requirement rules and changes applied.
    public var scenario: Scenario
    /// The scenario file as given.
    public var file: String
    /// The tables read, by role (`communes`, `officers`, `current`, `distances`), as paths
    /// joined with the scenario file's folder.
    public var tables: [String: String]
    /// The name of the headquarters point.
    public var headquartersName: String
    public var workloadFormula: WorkloadFormula
    /// The rules of `requirements:` (facts from the communes table are already in the communes).
    public var requirements: [SpecialtyRequirement]
    /// Communes whose workload came from the formula.
    public var computedWorkloads: [String]
    /// Communes whose population or area was missing and filled by the median rule.
    public var filledCommunes: [String]
    /// Things worth knowing that do not stop a plan.
    public var warnings: [ScenarioError]
    /// The changes applied after the tables, in order.
    public var changes: [ScenarioChange]
    /// Every file the load read: the scenario file, the scenarios it starts from (`base:`),
    /// the tables and the headquarters table. A command must never write over one of them.
    public var inputFiles: [String] = []
    /// Every dated value of `workPlan:` with where it was written (see ``workPlanProblems(period:)``).
    public var workPlanDates: [WorkPlanDate] = []
    /// Where `workPlan.period` was written, when it was.
    public var workPlanPeriodAt: SourceLocation?

    /// The dated values of `workPlan:` that lie outside `period`, the period a work plan is made
    /// for: each is an error with its file, line and field. A month's budget needs only to
    /// overlap the period.
    public func workPlanProblems(period: DayRange) -> [ScenarioError] {
        var out: [ScenarioError] = []
        for d in workPlanDates {
            let inside = d.wholeMonth ? (d.days.first <= period.last && period.first <= d.days.last) : period.contains(d.days)
            if inside { continue }
            out.append(ScenarioError(.outOfRange, at: d.at,
                                     "\(d.what.prefix(1).uppercased() + d.what.dropFirst()) (\(d.days)) \(d.wholeMonth ? "is" : "lies partly or wholly") outside the period of the work plan, \(period).",
                                     hint: "Correct the date, or plan for a period that contains it."))
        }
        return out
    }

    public init(scenario: Scenario, file: String, tables: [String: String], headquartersName: String, workloadFormula: WorkloadFormula,
                requirements: [SpecialtyRequirement], computedWorkloads: [String], filledCommunes: [String], warnings: [ScenarioError],
                changes: [ScenarioChange], inputFiles: [String] = []) {
        self.scenario = scenario
        self.file = file
        self.tables = tables
        self.headquartersName = headquartersName
        self.workloadFormula = workloadFormula
        self.requirements = requirements
        self.computedWorkloads = computedWorkloads
        self.filledCommunes = filledCommunes
        self.warnings = warnings
        self.changes = changes
        self.inputFiles = inputFiles
    }
}

/// A dated value of `workPlan:` and where it was written.
public struct WorkPlanDate: Sendable {
    public var days: DayRange
    public var at: SourceLocation
    public var what: String
    /// A month's budget: it needs only to overlap the period.
    public var wholeMonth = false

    public init(days: DayRange, at: SourceLocation, what: String, wholeMonth: Bool = false) {
        self.days = days
        self.at = at
        self.what = what
        self.wholeMonth = wholeMonth
    }
}
