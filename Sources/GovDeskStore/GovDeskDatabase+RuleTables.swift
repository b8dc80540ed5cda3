import GRDB
import GovDeskCore

extension GovDeskDatabase {
    /// Who took the latest of each of `actions` on one record (`table`'s events of `id`): what a rule table's `notBy`
    /// checks (`RuleTable.latestActors`). Empty, and no query, when the rule names none.
    func latestActors<Action: RawRepresentable & Hashable>(
        of actions: [Action], in table: String, _ idColumn: String, id: Int64, _ db: Database
    ) throws -> [Action: Set<String>] where Action.RawValue == String {
        var latest: [Action: Set<String>] = [:]
        for action in actions {
            let actor = try String.fetchOne(
                db.cachedStatement(
                    sql:
                        "SELECT actor FROM \(table) WHERE \(idColumn) = ? AND action = ? ORDER BY sequence DESC LIMIT 1"
                ),
                arguments: [id, action.rawValue])
            if let actor { latest[action] = [actor] }
        }
        return latest
    }
}
