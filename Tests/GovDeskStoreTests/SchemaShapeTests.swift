import Foundation
import GRDB
import Testing

@testable import GovDeskStore

/// A write compares the file's schema with GovDesk's through a digest compiled into the binary (DESIGN §11.4): it
/// must be the digest of the schema the migrations make, or every write would pay for running them in memory.
@Suite struct SchemaShapeTests {
    @Test func theCompiledDigestIsTheMigrationsSchema() throws {
        let expected = try SchemaShape.expected.get()
        let digest = SchemaShape.digest(expected)
        #expect(
            digest == SchemaShape.expectedDigest,
            "set SchemaShape.expectedDigest to \(digest) after adding a migration")
    }

    @Test func aNewDatabaseHasTheExpectedSchema() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        let (differences, digest) = try queue.read { db in
            (try SchemaShape.differences(db), SchemaShape.digest(try SchemaShape.objects(db)))
        }
        #expect(differences.isEmpty)
        #expect(digest == SchemaShape.expectedDigest)
    }
}
