import Foundation
import GRDB
import GovDeskCore
import Testing

@testable import GovDeskStore

/// `GovDeskDatabase.build(at:_:)`: a new database made under a temporary name and moved into place when complete.
struct BuildingTests {
    struct Refused: Error {}

    @Test func aBuiltDatabaseIsMovedIntoPlaceInWALMode() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        let building = GovDeskDatabase.buildingPath(for: path)

        let staff = try GovDeskDatabase.build(at: path) { database in
            // While it is built, the file is only under its temporary name, without a journal file on disk.
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(FileManager.default.fileExists(atPath: building))
            #expect(try database.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "memory")
            try database.load(makeReferenceData())
            return try database.staff().count
        }

        #expect(staff > 0)
        for leftover in ["", "-journal", "-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: building + leftover), "\(leftover)")
        }
        let reopened = try GovDeskDatabase(path: path)
        #expect(try reopened.staff().count == staff)
        #expect(try reopened.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try reopened.check().isClean)
    }

    @Test func aFailedBuildLeavesNoDatabaseAndRemovesAnEarlierLeftover() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        let building = GovDeskDatabase.buildingPath(for: path)
        // What a killed build leaves: a file that is not a whole database, with the header of a GovDesk training
        // database not yet in WAL mode (the application id is written first, the WAL mode last); any other file
        // is someone else's and stays (FileRulesTests).
        var header = Data("SQLite format 3\u{0}".utf8) + Data(repeating: 0, count: 84)
        header.replaceSubrange(18..<20, with: [1, 1])
        header.replaceSubrange(68..<72, with: Data("GDKT".utf8))
        try (header + Data("half a database".utf8)).write(to: URL(fileURLWithPath: building))

        #expect(throws: Refused.self) {
            try GovDeskDatabase.build(at: path) { database in
                try database.load(makeReferenceData())
                throw Refused()
            }
        }

        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: building))
    }

    @Test func aBuildInAMissingFolderIsRefusedByTheDatabasePath() throws {
        let path = "/nonexistent-\(UUID().uuidString)/govdesk.sqlite"
        #expect {
            try GovDeskDatabase.build(at: path) { _ in }
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("does not exist")
        }
    }
}

/// `handOff`: values made on a second thread, taken in order on this one.
struct HandoffTests {
    struct Failed: Error, Equatable { var at: Int }

    @Test func everyValueArrivesInOrder() throws {
        var taken: [Int] = []
        try handOff(
            capacity: 3,
            produce: { put in
                for i in 0..<10_000 where !put(i) { return }
            },
            consume: { take in
                while let value = try take() { taken.append(value) }
            })
        #expect(taken == Array(0..<10_000))
    }

    @Test func theProducersErrorReachesTheConsumerAfterItsValues() throws {
        var taken: [Int] = []
        #expect(throws: Failed(at: 5)) {
            try handOff(
                capacity: 2,
                produce: { (put: (Int) -> Bool) in
                    for i in 0..<5 { _ = put(i) }
                    throw Failed(at: 5)
                },
                consume: { take in
                    while let value = try take() { taken.append(value) }
                })
        }
        #expect(taken == Array(0..<5))
    }

    @Test func aFailingConsumerStopsTheProducerBeforeReturning() throws {
        var produced = 0
        var stopped = false
        #expect(throws: Failed(at: 3)) {
            try handOff(
                capacity: 4,
                produce: { put in
                    for i in 0..<1_000_000 {
                        guard put(i) else {
                            stopped = true
                            return
                        }
                        produced += 1
                    }
                },
                consume: { take in
                    while let value = try take() {
                        if value == 3 { throw Failed(at: 3) }
                    }
                })
        }
        // The producer has returned (its state is final) and never ran far ahead of the consumer.
        #expect(stopped)
        #expect(produced <= 3 + 1 + 4)
    }
    /// A database's files go with it, its companions first; a path with nothing there is no error.
    @Test func removingADatabaseRemovesItsCompanions() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("govdesk.sqlite").path
        for suffix in ["", "-journal", "-wal", "-shm"] {
            #expect(FileManager.default.createFile(atPath: path + suffix, contents: Data("x".utf8)))
        }
        let other = directory.appendingPathComponent("other.sqlite").path
        #expect(FileManager.default.createFile(atPath: other, contents: Data("x".utf8)))

        GovDeskDatabase.removeFiles(of: path)
        GovDeskDatabase.removeFiles(of: path)

        for suffix in ["", "-journal", "-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: path + suffix), "\(suffix)")
        }
        #expect(FileManager.default.fileExists(atPath: other))
    }
}
