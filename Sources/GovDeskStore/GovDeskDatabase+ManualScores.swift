import Foundation
import GRDB
import GovDeskCore

extension GovDeskDatabase {
    /// The manual scores recorded for `month` (业务考试 and the like, DESIGN §5.5), by staff member then in the order
    /// recorded, whether or not the month has been evaluated: the ranking page lists them before the first run too.
    public func manualScores(month: Month) throws -> [ManualScore] {
        try read { db in try manualScores(month: month, db) }
    }
}
