import Foundation
import Testing

@testable import GovDeskStore

/// The check that stands in for the foreign keys an import switches off for its rows (the queue between its reading
/// and writing threads is `handOff`, tested in HandoffTests).
struct ImportReferenceTests {
    @Test func aLeadDepartmentThatDoesNotExistIsRefused() throws {
        let database = try GovDeskDatabase.inMemory()
        try database.writer.read { db in try database.checkReferences(departments: [], db) }
        #expect(throws: StoreError.self) {
            try database.writer.read { db in try database.checkReferences(departments: ["NOPE"], db) }
        }
    }
}
