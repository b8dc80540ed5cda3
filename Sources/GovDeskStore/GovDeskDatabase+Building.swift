import Foundation
import GRDB

extension GovDeskDatabase {
    /// The name a database is built under before `build(at:_:)` moves it to its path.
    public static func buildingPath(for path: String) -> String { path + ".building" }

    /// Builds a brand-new database file: `fill` gets it migrated and empty, under a temporary name in the same folder
    /// (`buildingPath(for:)`), and only once `fill` has returned is the file switched to WAL mode, closed, flushed to
    /// disk and renamed to `path` (rename(2) is atomic). A run that fails or is killed never leaves a half-built
    /// database at `path`; the next build removes the temporary file it left.
    ///
    /// Nobody else can open the file while it is built, so it is built without the protections that only matter
    /// for a file others see: no rollback journal on disk (`journal_mode = MEMORY`: a new page is never journalled,
    /// so this costs nothing, and a failed statement still rolls back) and no syncs (`synchronous = OFF`). In WAL
    /// mode every page of a large load is written twice (to the `-wal` file, then into the database); here once.
    ///
    /// Whatever is at `path` is replaced: the caller decides beforehand whether it may be.
    public static func build<T>(
        at path: String, kind: DatabaseKind = .training, _ fill: (GovDeskDatabase) throws -> T
    ) throws -> T {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.cannotOpen(path: path, reason: "the folder \(directory) does not exist")
        }
        let building = buildingPath(for: path)
        // What an interrupted build left is removed; a file of that name that is not one is someone else's.
        var status = stat()
        if lstat(building, &status) == 0,
            (status.st_mode & S_IFMT) != S_IFREG || (status.st_size > 0 && !isAbandonedBuild(building))
        {
            throw StoreError.cannotOpen(
                path: path,
                reason: "\(building) exists and is not a database an interrupted GovDesk build left; move it away")
        }
        removeFiles(of: building)
        try createPrivateFile(building)
        var config = configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = MEMORY")
            try db.execute(sql: "PRAGMA synchronous = OFF")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: building, configuration: config)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: building, reason: describe(error))
        }
        do {
            let result = try fill(GovDeskDatabase(writer: queue, path: building, creating: kind))
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try queue.close()
            try syncToDisk(building)
            // The companions of an earlier database at `path` must not outlive it: SQLite would apply its log to
            // the new file.
            removeCompanions(of: path)
            guard rename(building, path) == 0 else {
                throw StoreError.storage("\(path): the built database cannot be moved into place (\(errnoText()))")
            }
            try syncToDisk(directory)
            return result
        } catch {
            try? queue.close()
            removeFiles(of: building)
            if let error = error as? DatabaseError { throw StoreError.storage("\(building): \(describe(error))") }
            throw error
        }
    }

    /// Removes a database file and its companions, if any. The companions go first: a journal or write-ahead log
    /// left beside no database would be taken for the log of the next database made at that path.
    /// Whether the file at `path` is what a build killed halfway leaves: a training database not yet switched to
    /// WAL mode (the header's format bytes 18 and 19 are 1 until a build's last step; a finished GovDesk database,
    /// production or training, always has 2). Another database renamed to that name is not.
    static func isAbandonedBuild(_ path: String) -> Bool {
        guard kind(ofFileAt: path) == .training, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20 else { return false }
        return header[18] == 1 && header[19] == 1
    }

    public static func removeFiles(of path: String) {
        removeCompanions(of: path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Removes the rollback journal, write-ahead log and shared-memory files beside a database, if any.
    static func removeCompanions(of path: String) {
        for suffix in ["-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// fsync(2) of a file or folder: the data of a file built without syncs, and a rename in its folder, are on disk.
    static func syncToDisk(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            let message = errnoText()
            if descriptor >= 0 { close(descriptor) }
            throw StoreError.storage("\(path): cannot be flushed to disk (\(message))")
        }
        close(descriptor)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
