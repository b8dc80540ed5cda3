import Foundation
import GRDB
import Testing

/// DESIGN §11.3 through the built binary: outputs never destroy what GovDesk did not make, only `init` and `demo`
/// make databases, foreign SQLite files are left untouched, backups and letter files are whole or absent.
@Suite(.serialized)
struct FileRulesTests {
    /// A database with one ticket (created 2025-09-10) and the files the tests aim at.
    func makeCLI() throws -> CLIHarness {
        let cli = try CLIHarness()
        try cli.ok(["init", "--training"])
        try cli.ok([
            "--now", "2025-09-10T09:00", "--actor", "op01", "ticket", "new", "--type", "consult", "--topic",
            "政务服务/窗口服务/办事流程繁琐", "--channel", "web", "--caller", "孙丽", "--phone", "13700001111", "--text", "咨询",
        ])
        return cli
    }

    func sha(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func anExportOrReportOntoTheDatabaseOrItsCompanionsIsRefusedAndTheDatabaseStillWorks() throws {
        var cli = try makeCLI()
        cli.language = "en"
        defer { cli.cleanUp() }
        let before = try cli.dump()
        for target in [cli.database, cli.database + "-wal", cli.database + "-shm"] {
            let export = try cli.run(["export", "tickets", "--month", "2025-09", "--out", target, "--force"])
            #expect(export.status == 1, "\(target): \(export.stderr)")
            #expect(export.stderr.contains("is the database or one of its companion files"))
            let report = try cli.run([
                "--now", "2025-10-02", "report", "monthly", "--format", "html", "--out", target, "--force",
            ])
            #expect(report.status == 1, "\(report.stderr)")
        }
        // The same file reached through another name.
        let alias = cli.folder.appendingPathComponent("alias.sqlite").path
        try FileManager.default.linkItem(atPath: cli.database, toPath: alias)
        #expect(try cli.run(["export", "tickets", "--month", "2025-09", "--out", alias, "--force"]).status == 1)
        // Nor its companions reached through a --db that is a symbolic link: SQLite keeps them beside the real file.
        let folder = cli.folder.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let link = folder.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: cli.database)
        for target in [cli.database + "-wal", cli.database + "-shm", cli.database + "-journal"] {
            let export = try cli.run([
                "--db", link, "export", "tickets", "--month", "2025-09", "--out", target, "--force",
            ])
            #expect(export.status == 1, "\(target) through the link: \(export.stderr)")
            let backup = try cli.run(["--db", link, "--actor", "db01", "db", "backup", target])
            #expect(backup.status == 1, "backup onto \(target): \(backup.stderr)")
        }
        #expect(try cli.dump() == before)
        #expect(try cli.run(["db", "check"]).status == 0)
    }

    @Test func folderAndDeviceTargetsAreRefusedAndLeftAsTheyWere() throws {
        var cli = try makeCLI()
        cli.language = "en"
        defer { cli.cleanUp() }
        let folder = cli.folder.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "keep".write(to: folder.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        for target in [folder.path, folder.path + "/", "/dev/null"] {
            let result = try cli.run(["export", "tickets", "--month", "2025-09", "--out", target, "--force"])
            #expect(result.status != 0, "\(target)")
            #expect(result.stderr.contains(target.hasSuffix("/") ? "names a folder" : "is a"), "\(result.stderr)")
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("keep.txt"), encoding: .utf8) == "keep")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR, "/dev/null is a device still")
    }

    @Test func anExistingFileIsReplacedOnlyWithForceAndWholly() throws {
        let cli = try makeCLI()
        defer { cli.cleanUp() }
        let out = cli.folder.appendingPathComponent("t.csv").path
        try "precious".write(toFile: out, atomically: true, encoding: .utf8)
        let refused = try cli.run(["export", "tickets", "--month", "2025-09", "--out", out])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("已存在；加 --force"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "precious")
        try cli.ok(["export", "tickets", "--month", "2025-09", "--out", out, "--force"])
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("number"))
        // No temporary file is left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter {
            $0.hasSuffix(".partial")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
        // A report says what it wrote, in the format its extension names.
        let html = cli.folder.appendingPathComponent("r.html").path
        let wrote = try cli.run(["--now", "2025-10-02", "report", "monthly", "--out", html])
        #expect(wrote.stderr.contains("已写入 \(html)（html"), "\(wrote.stderr)")
        #expect(try String(contentsOfFile: html, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func anExportWithPersonalDataIsPrivateAndAudited() throws {
        let cli = try makeCLI()
        defer { cli.cleanUp() }
        let out = cli.folder.appendingPathComponent("pii.csv").path
        try cli.ok(["--actor", "admin", "export", "tickets", "--month", "2025-09", "--out", out, "--include-pii"])
        var status = stat()
        #expect(
            stat(out, &status) == 0 && status.st_mode & 0o777 == 0o600,
            "mode \(String(status.st_mode & 0o777, radix: 8))")
        #expect(stat(cli.database, &status) == 0 && status.st_mode & 0o777 == 0o600, "the database is 0600 too")
        let audit = try DatabaseQueue(path: cli.database).read { db in
            try String.fetchAll(db, sql: "SELECT details FROM auditLog WHERE action = 'export'")
        }
        #expect(audit.count == 1 && audit[0].contains("\"includePII\":\"true\""), "\(audit)")
    }

    @Test func aMissingDatabaseIsNeverCreatedByACommandThatReads() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        for arguments in [["report", "monthly", "--month", "2025-09"], ["ticket", "list"], ["db", "check"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 74, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("no database at"))
        }
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test func aForeignSQLiteFileIsNeitherReadNorReplacedNorChanged() throws {
        let cli = try CLIHarness(language: "en")
        defer { cli.cleanUp() }
        let notes = try DatabaseQueue(path: cli.database)
        try notes.write { db in
            try db.execute(
                sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO note (text) VALUES ('x')")
        }
        try notes.close()
        let before = try sha(cli.database)
        for arguments in [["ticket", "list"], ["demo"], ["init", "--training"], ["db", "check"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 74, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("is not a GovDesk database"), "\(result.stderr)")
        }
        #expect(try sha(cli.database) == before)
        let tables = try DatabaseQueue(path: cli.database).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'")
        }
        #expect(tables == ["note"])
    }

    @Test func demoReplacesOnlyItsOwnDatabaseAndMarksIt() throws {
        let cli = try makeCLI()
        defer { cli.cleanUp() }
        let refused = try cli.run(["demo", "--tickets", "50", "--months", "1"])
        #expect(refused.status == 1, "\(refused.stderr)")
        let demo = cli.folder.appendingPathComponent("demo.sqlite").path
        try cli.ok(["--db", demo, "demo", "--tickets", "50", "--months", "1"])
        try cli.ok(["--db", demo, "demo", "--tickets", "60", "--months", "1"])
        let production = cli.folder.appendingPathComponent("production.sqlite").path
        try cli.ok(["--db", production, "init"])
        let ids = try [cli.database, demo, production].map { path in
            try DatabaseQueue(path: path).read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id")! }
        }
        #expect(
            ids == [0x4744_4B54, 0x4744_4B54, 0x4744_4B50], "training (init --training), training (demo), production")
        #expect(try cli.run(["--db", production, "demo", "--tickets", "50", "--months", "1"]).status == 1)
    }

    /// What an interrupted run left is cleared by the next one; a file of that name that is not GovDesk's is
    /// someone else's and stays (hostile review: `demo` deleted any `NAME.building`).
    @Test func leftoversOfInterruptedRunsAreClearedAndForeignFilesOfTheirNamesKept() throws {
        let cli = try makeCLI()
        defer { cli.cleanUp() }
        let demo = cli.folder.appendingPathComponent("demo.sqlite").path
        try "my notes\n".write(toFile: demo + ".building", atomically: true, encoding: .utf8)
        let refused = try cli.run(["--db", demo, "demo", "--tickets", "50", "--months", "1"])
        #expect(refused.status == 74, "\(refused.stderr)")
        #expect(refused.stderr.contains("demo.sqlite.building exists and is not a database"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: demo + ".building", encoding: .utf8) == "my notes\n")
        try FileManager.default.removeItem(atPath: demo + ".building")
        // A build killed halfway left its file: the next build clears it.
        let source = try DatabaseQueue(path: cli.database)
        /// A copy of the training database, in rollback-journal mode as a build is until its last step.
        func snapshot(_ path: String) throws {
            try source.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
            let file = try #require(FileHandle(forUpdatingAtPath: path))
            try file.seek(toOffset: 18)
            try file.write(contentsOf: Data([1, 1]))
            try file.close()
        }
        // A finished database at that name, production or training, is not a leftover either.
        let production = cli.folder.appendingPathComponent("production.sqlite").path
        try cli.ok(["--db", production, "init"])
        try FileManager.default.copyItem(atPath: production, toPath: demo + ".building")
        let kept = try cli.run(["--db", demo, "demo", "--tickets", "50", "--months", "1"])
        #expect(kept.status == 74, "\(kept.stderr)")
        #expect(FileManager.default.fileExists(atPath: demo + ".building"))
        try FileManager.default.removeItem(atPath: demo + ".building")
        try snapshot(demo + ".building")
        try cli.ok(["--db", demo, "demo", "--tickets", "50", "--months", "1"])
        #expect(!FileManager.default.fileExists(atPath: demo + ".building"))

        // A backup killed halfway (its process gone) left a partial copy: the next backup beside it clears it; one
        // of a process still running, or a file that is not a database, stays.
        let copy = cli.folder.appendingPathComponent("copy.sqlite").path
        let abandoned = cli.folder.appendingPathComponent(".copy.sqlite.99999999.partial").path
        let running = cli.folder.appendingPathComponent(".copy.sqlite.\(getpid()).partial").path
        let foreign = cli.folder.appendingPathComponent(".copy.sqlite.99999998.partial").path
        try snapshot(abandoned)
        try snapshot(running)
        try "not a database".write(toFile: foreign, atomically: true, encoding: .utf8)
        try cli.ok(["--actor", "db01", "db", "backup", copy])
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: running))
        #expect(FileManager.default.fileExists(atPath: foreign))
    }

    @Test func aBackupIsWholeOrAbsentReplacesOnlyWithForceAndIsForSupervisors() throws {
        var cli = try makeCLI()
        cli.language = "en"
        defer { cli.cleanUp() }
        let copy = cli.folder.appendingPathComponent("copy.sqlite").path
        let denied = try cli.run(["--actor", "cgj1", "db", "backup", copy])
        #expect(denied.status == 1)
        #expect(!FileManager.default.fileExists(atPath: copy))
        try cli.ok(["--actor", "db01", "db", "backup", copy])
        var status = stat()
        #expect(stat(copy, &status) == 0 && status.st_mode & 0o777 == 0o600)
        let again = try cli.run(["--actor", "db01", "db", "backup", copy])
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists; add --force to replace it"))
        let reopened = try cli.run(["--db", copy, "db", "check"])
        #expect(reopened.status == 0, "\(reopened.stderr)")
        let audit = try DatabaseQueue(path: cli.database).read { db in
            try String.fetchAll(db, sql: "SELECT actor FROM auditLog WHERE action = 'backup'")
        }
        #expect(audit == ["db01"])
    }

    @Test func lettersWhoseFilesWereNotWrittenCanBeWrittenAgain() throws {
        let cli = try makeCLI()
        defer { cli.cleanUp() }
        let number = try cli.ok([
            "--now", "2025-09-10T09:00", "--actor", "op01", "ticket", "new", "--type", "complaint", "--topic",
            "城市管理/市容环境/占道经营", "--channel", "phone", "--caller", "张三", "--phone", "13800001111", "--text", "占道",
        ])
        try cli.ok(["--now", "2025-09-10T09:30", "--actor", "pd01", "ticket", "dispatch", number, "--to", "CGJ"])
        // The folder is a file's name: issuing refuses before anything is issued.
        let blocker = cli.folder.appendingPathComponent("letters").path
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        let blocked = try cli.run([
            "--now", "2025-09-12T09:00", "--actor", "db01", "letters", "issue", "--out", blocker,
        ])
        #expect(blocked.status != 0)
        #expect(try cli.ok(["letters", "list"]).contains("没有符合条件的督办函"))
        // Issued without files (as after a kill between the commit and the files), then written again.
        try cli.ok(["--now", "2025-09-12T09:00", "--actor", "db01", "letters", "issue"])
        let folder = cli.folder.appendingPathComponent("out").path
        let written = try cli.ok(["letters", "write", "--out", folder, "--issued-at", "2025-09-12T09:00"])
        #expect(written.contains("已写入 1 份督办函"), "\(written)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1 && files[0].hasSuffix(".md"))
        // Writing the same letters again leaves identical files alone.
        try cli.ok(["letters", "write", "--out", folder, "--month", "2025-09"])
    }
}
