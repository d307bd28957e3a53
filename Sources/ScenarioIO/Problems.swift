import DiaBanCore

/// Collects problems instead of stopping at the first (not thread-safe; one per load).
final class Problems {
    private(set) var errors: [ScenarioError] = []
    private(set) var warnings: [ScenarioError] = []
    private var seen: Set<ScenarioError> = []

    var isEmpty: Bool { errors.isEmpty }

    func add(_ code: ScenarioError.Code, _ location: SourceLocation, _ message: String, hint: String) {
        let e = ScenarioError(code, at: location, message, hint: hint)
        if seen.insert(e).inserted { errors.append(e) }
    }

    func warn(_ code: ScenarioError.Code, _ location: SourceLocation, _ message: String, hint: String) {
        let e = ScenarioError(code, at: location, message, hint: hint)
        if seen.insert(e).inserted { warnings.append(e) }
    }

    /// The number of errors so far, to tell whether a step added any.
    var count: Int { errors.count }
}
