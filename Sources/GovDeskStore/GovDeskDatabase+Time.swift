import Foundation
import GRDB
import GovDeskCore

/// How this process records time (DESIGN §11.2). A production database records the real clock beside each event's
/// effective time and holds back-dated entries to the backdating rules; a training database has no clock of its
/// own: the effective time is the recording time.
public struct Recording: Sendable {
    /// The real clock (on PostgreSQL it would be the server's).
    public var clock: @Sendable () -> Date = { Date() }
    /// `--backdate-reason`: why an entry takes effect earlier than it is recorded.
    public var backdateReason: String?
    /// `backdating.graceMinutes`: an entry this much earlier than its recording is not a back-dated one.
    public var graceMinutes = 60
    /// How far into the future an effective time may lie (a clock a little fast).
    public var futureLeeway: TimeInterval = 300

    public init() {}
}

/// Refusals of the backdating rules (DESIGN §11.2).
public enum TimeRuleError: GovDeskError, Equatable {
    /// The effective time lies after the real clock.
    case future(subject: String, at: Date, now: Date)
    /// A back-dated entry without `--backdate-reason`.
    case needsReason(subject: String, at: Date, now: Date, acrossDeadline: Bool)

    public var kind: FailureKind {
        switch self {
        case .future: return .refused
        case .needsReason: return .usage
        }
    }

}

extension GovDeskDatabase {
    /// The recording time of an event that takes effect at `at`, after the backdating rules; a back-dated entry's
    /// reason goes into its details. `deadlines` are the record's deadlines in force before the event.
    func stamp(
        at: Date, actor: StaffMember, subject: String, deadlines: [Date?], details: inout [String: String],
        _ db: Database
    ) throws -> Date {
        // In both kinds: nothing takes effect in a closed month (DESIGN §11.2).
        try requireOpen(at: at, subject: subject, db)
        guard kind == .production else { return at }
        let now = Date(epochSeconds: recording.clock().epochSeconds)
        if at.timeIntervalSince(now) > recording.futureLeeway {
            throw TimeRuleError.future(subject: subject, at: at, now: now)
        }
        let beyondGrace = now.timeIntervalSince(at) > TimeInterval(recording.graceMinutes * 60)
        let acrossDeadline = deadlines.contains { deadline in
            guard let deadline else { return false }
            return at < deadline && deadline <= now
        }
        if beyondGrace || acrossDeadline {
            guard let reason = recording.backdateReason?.trimmingCharacters(in: .whitespacesAndNewlines),
                !reason.isEmpty
            else { throw TimeRuleError.needsReason(subject: subject, at: at, now: now, acrossDeadline: acrossDeadline) }
            try Permission.backdate.authorize(actor)
            details[Self.backdateReasonKey] = String(reason.prefix(500))
        }
        return now
    }

    /// The recording time of an event the system writes at the command's clock (a letter, a recomputation).
    func recordingTime(for at: Date) -> Date {
        kind == .production ? Date(epochSeconds: recording.clock().epochSeconds) : at
    }

    /// The detail key of a back-dated entry's reason.
    public static let backdateReasonKey = "backdateReason"
}

extension GovDeskDatabase {
    /// The kind of the GovDesk database at `path`, read from its header without opening it for writing; nil when
    /// there is none or it is not GovDesk's.
    public static func kind(ofFileAt path: String) -> DatabaseKind? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 100), header.count == 100,
            header.prefix(16) == Data("SQLite format 3\u{0}".utf8)
        else { return nil }
        // The application id: four bytes big-endian at offset 68 of the header.
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if let kind = DatabaseKind(applicationID: Int32(bitPattern: id)) { return kind }
        // The header in the file may be older than the database: until a checkpoint, the first page as last written
        // (the application id among it) lies in the write-ahead log. SQLite reads it from there.
        guard FileManager.default.fileExists(atPath: path + "-wal") else { return nil }
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.read { db in
                try Int32.fetchOne(db, sql: "PRAGMA application_id").flatMap(DatabaseKind.init(applicationID:))
            }
        } catch {
            return nil
        }
    }
}
