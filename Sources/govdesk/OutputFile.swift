import Foundation
import GovDeskCore
import GovDeskStore

/// A file a command writes (`--out`, `db backup`), under the file rules of DESIGN §11.3: an existing file is replaced
/// only with `--force`; a folder, a device, the database itself and its companion files are refused; the content is
/// written to a temporary name beside the target and renamed into place only when complete, so a failure or a kill
/// leaves the target as it was.
struct OutputFile {
    /// The target path as given.
    let path: String
    /// The temporary file beside it, open for writing.
    let temporary: String
    let handle: FileHandle
    let replace: Bool

    /// What was wrong with a target, as a command-line refusal.
    struct Refused: GovDeskError {
        var text: CLIText
        var kind: FailureKind
        init(_ text: CLIText, kind: FailureKind) {
            self.text = text
            self.kind = kind
        }
        var chineseMessage: String { text.chinese }
        var englishMessage: String { text.english }
    }

    /// Checks `path` as an output of `option` and creates its temporary file: mode 0600 when it holds personal data
    /// (0660 when the database is shared with a group), else 0644 (DESIGN §11.3).
    static func create(
        _ path: String, option: String, force: Bool, databasePath: String?, personalData: Bool
    ) throws -> OutputFile {
        let replace = try check(path, option: option, force: force, databasePath: databasePath)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).partial"
        removeStaleTemporaries(of: url.lastPathComponent, in: folder)
        // Personal data: 0600, or 0660 for the group the database is shared with (`init --group`, DESIGN §11.3).
        let group = personalData ? databasePath.flatMap { GovDeskDatabase.sharedGroup(ofFileAt: $0) } : nil
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, personalData ? 0o600 : 0o644)
        if descriptor >= 0, let group, fchown(descriptor, uid_t.max, group) != 0 || fchmod(descriptor, 0o660) != 0 {
            close(descriptor)
            unlink(temporary)
            descriptor = -1
        }
        guard descriptor >= 0 else {
            throw Refused(
                .cannotCreateIn(option, Printable.quoted(path), folder, String(cString: strerror(errno))),
                kind: .storage)
        }
        return OutputFile(
            path: path, temporary: temporary, handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true),
            replace: replace)
    }

    /// Removes what a killed run left while writing the same target: `.<name>.<pid>.partial` files of processes that
    /// no longer run (a process killed with SIGKILL cannot remove its own).
    static func removeStaleTemporaries(of name: String, in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let prefix = "." + name + "."
        for candidate in names where candidate.hasPrefix(prefix) && candidate.hasSuffix(".partial") {
            let pidText = candidate.dropFirst(prefix.count).dropLast(".partial".count)
            guard let pid = Int32(pidText), pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else {
                continue
            }
            unlink(folder + "/" + candidate)
        }
    }

    /// Writes `data` whole to `path` under the rules.
    static func write(
        _ data: Data, to path: String, option: String, force: Bool, databasePath: String?, personalData: Bool
    ) throws {
        let file = try create(
            path, option: option, force: force, databasePath: databasePath, personalData: personalData)
        do {
            try file.handle.write(contentsOf: data)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Flushes the temporary file to disk and renames it onto the target.
    func commit() throws {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            discard()
            throw Refused(.cannotWrite(Printable.quoted(path), error.localizedDescription), kind: .storage)
        }
        // Without --force the target must still be absent: link(2) fails rather than replace it.
        let result = replace ? rename(temporary, path) : link(temporary, path)
        let failure = errno
        if !replace { unlink(temporary) }
        guard result == 0 else {
            unlink(temporary)
            throw Refused(
                failure == EEXIST
                    ? .appeared(Printable.quoted(path))
                    : .cannotPutInPlace(Printable.quoted(path), String(cString: strerror(failure))),
                kind: failure == EEXIST ? .refused : .storage)
        }
    }

    /// Removes the temporary file: the target is left as it was.
    func discard() {
        try? handle.close()
        unlink(temporary)
    }

    /// Refuses what must never be written over; returns whether an existing file is to be replaced. An SQLite file is
    /// replaced only where the output is a database itself (`replacingDatabases`: `db backup --force` over the last
    /// copy); any other output refuses it even with `--force`.
    static func check(
        _ path: String, option: String, force: Bool, databasePath: String?, replacingDatabases: Bool = false
    ) throws -> Bool {
        let shown = Printable.quoted(path)
        if path.isEmpty || path.hasSuffix("/") {
            throw Refused(.namesAFolder(option, shown), kind: .usage)
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var folderStatus = stat()
        guard stat(folder, &folderStatus) == 0, (folderStatus.st_mode & S_IFMT) == S_IFDIR else {
            throw Refused(
                .noFolder(option, shown, Printable.quoted(folder)),
                kind: .storage)
        }
        if let databasePath, isDatabaseOrCompanion(path, of: databasePath) {
            throw Refused(
                .isTheDatabase(option, shown), kind: .refused)
        }
        var status = stat()
        guard lstat(path, &status) == 0 else { return false }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            guard force else {
                throw Refused(
                    .exists(option, shown),
                    kind: .refused)
            }
            if !replacingDatabases, isSQLiteFile(path) {
                throw Refused(
                    .isSQLite(option, shown),
                    kind: .refused)
            }
            return true
        case S_IFDIR:
            throw Refused(.isAFolder(option, shown), kind: .refused)
        case S_IFLNK:
            throw Refused(
                .isALink(option, shown), kind: .refused)
        default:
            throw Refused(
                .notARegularFile(option, shown),
                kind: .refused)
        }
    }

    /// Whether `path` is the database file or its `-wal`, `-shm` or `-journal`, by name or by the file itself.
    static func isDatabaseOrCompanion(_ path: String, of databasePath: String) -> Bool {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var targetStatus = stat()
        let targetExists = stat(path, &targetStatus) == 0
        // SQLite keeps the companions beside the real file when --db is a symbolic link: both sets are the database's.
        let real = URL(fileURLWithPath: databasePath).standardizedFileURL.resolvingSymlinksInPath().path
        for base in Set([databasePath, real]) {
            if isCompanion(target, targetExists ? targetStatus : nil, of: base) { return true }
        }
        return false
    }

    private static func isCompanion(_ target: String, _ targetStatus: stat?, of databasePath: String) -> Bool {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let candidate = databasePath + suffix
            let resolved = URL(fileURLWithPath: candidate).standardizedFileURL.resolvingSymlinksInPath().path
            if resolved == target { return true }
            var candidateStatus = stat()
            if let targetStatus, stat(candidate, &candidateStatus) == 0, candidateStatus.st_dev == targetStatus.st_dev,
                candidateStatus.st_ino == targetStatus.st_ino
            {
                return true
            }
        }
        return false
    }

    /// Whether the file begins with SQLite's header.
    static func isSQLiteFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header == Data("SQLite format 3\u{0}".utf8)
    }
}
