import GRDB

/// The WHERE clause of a list query, built condition by condition with its arguments kept in step.
struct SQLConditions {
    private var conditions: [String] = []
    /// The arguments of the conditions, in order.
    private(set) var arguments: StatementArguments = []

    /// Adds `condition` with one `?` for each of `values`.
    mutating func add(_ condition: String, _ values: (any DatabaseValueConvertible)?...) {
        conditions.append(condition)
        arguments += StatementArguments(values)
    }

    /// `column IN (?,?,…)` over the raw values of `values`; nothing when `values` is empty (no filter).
    mutating func add<Value: RawRepresentable>(_ column: String, in values: [Value])
    where Value.RawValue: DatabaseValueConvertible {
        guard !values.isEmpty else { return }
        add("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
        arguments += StatementArguments(values.map(\.rawValue))
    }

    /// `column IN (?,?,…)` over `values`; no row at all when `values` is empty (a choice of nothing).
    mutating func add(_ column: String, anyOf values: [String]) {
        guard !values.isEmpty else { return add("0") }
        add("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
        arguments += StatementArguments(values)
    }

    /// ` WHERE a AND b`, or the empty string when there are no conditions.
    var clause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }
}
