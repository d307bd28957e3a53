// A small knapsack, written as a model and solved by GLPK: pack the most value into 10 units.
import GLPKSolver
import LinearModel

var model = LinearModel(name: "knapsack", sense: .maximize)
let items: [(name: String, weight: Double, value: Double)] = [("a", 5, 10), ("b", 4, 40), ("c", 6, 30), ("d", 3, 50)]
let take = items.map { model.addVariable("take_\($0.name)", kind: .binary, upper: 1, objective: $0.value) }
model.addConstraint("capacity", zip(take, items).map { ($0, $1.weight) }, upper: 10)

let result = try GLPKSolver().solve(model)
print(result.termination, result.objective ?? .nan)  // optimal 90.0: b and d
let packed = zip(items, result.values).filter { $1 > 0.5 }.map(\.0.name)
print(packed)  // ["b", "d"]
