import Foundation
import GovDeskCore

// Every English message of GovDeskStore: its errors, the wording its errors carry (`StoreText`), and the problems
// `db check` names (`IntegrityProblem`, `CheckSubject`, `CheckText`). The Chinese ones are in Messages+zh.swift.

extension StoreError {
    public var englishMessage: String {
        switch self.maskingAddresses {
        case .newerSchema(let path, let unknown):
            return
                "\(path) was written by a newer GovDesk (schema steps \(unknown.joined(separator: ", ")) are unknown "
                + "to this build); upgrade govdesk to open it"
        case .cannotOpen(let path, let reason):
            return "cannot open database \(path): \(reason)"
        case .storage(let message):
            return "storage failure: \(message)"
        case .outOfOrder(let subject, let at, let previous):
            let format = Date.ISO8601FormatStyle()
            return "\(subject): an entry dated \(at.formatted(format)) would come before its latest event "
                + "(\(previous.formatted(format))); a record's history is kept in time order, so an entry may not be "
                + "dated behind it"
        case .backupExists(let path):
            return "\(path) exists; add --force to replace it with the new backup, or choose another name"
        case .backupInUse(let path, let companion):
            return "\(path) has \(companion) beside it, so it may be a database in use; a backup is not written over "
                + "it — choose another name"
        case .missingDatabase(let path):
            return "no database at \(path); `govdesk init` creates one (`govdesk demo` a demonstration one), "
                + "or give the right --db"
        case .schemaAltered(let path, let differences):
            let shown = differences.prefix(5).map(\.englishSentence).joined(separator: "; ")
            let more = differences.count > 5 ? " (and \(differences.count - 5) more)" : ""
            return "\(path): the database's schema was changed outside GovDesk, so nothing is written to it: "
                + "\(shown)\(more). Run `govdesk db check` to see everything it finds, and restore the last good backup"
        case .noRules(let path):
            return "\(path) keeps no rules yet (an earlier release made it): until an administrator stores them with "
                + "`govdesk --config DIR config apply` (DIR: the folder whose govdesk.yaml it has been run with; without "
                + "--config, the built-in defaults), it takes no writes, so that nobody's own folder sets its limits"
        case .notGovDesk(let path, let reason):
            return "\(path) is not a GovDesk database (\(reason)); it was left untouched — give a GovDesk database "
                + "with --db"
        case .notInitialized(let path):
            return "\(path) has no departments or staff yet; run `govdesk init` first"
        case .unknownDepartment(let code):
            return "no department \(Printable.quoted(code)); `govdesk dept list` shows the department codes"
        case .inactiveDepartment(let code):
            return "department \(code) is inactive; tickets cannot be sent to it, nor staff added to it "
                + "(an administrator may reactivate it: `govdesk dept reactivate \(code)`)"
        case .unknownStaff(let code):
            return "no staff member \(Printable.quoted(code)); `govdesk staff list` shows the staff codes"
        case .inactiveStaff(let code):
            return "staff member \(code) is inactive and may not act"
        case .systemActor:
            return "\(Codes.systemActor) is GovDesk's own actor (migrations and recomputations): nobody acts as it, "
                + "and it is not edited, deactivated or reactivated; name a staff member"
        case .duplicate(let what, let code):
            return "\(what) \(code) already exists (codes that differ only in letter case are the same code)"
        case .lookalike(let what, let code, let existing):
            return "\(what) code \(Printable.quoted(code)) looks like the existing \(existing): codes that differ only "
                + "in letter case, in l, 1 and I, or in O and 0 are taken for each other; choose another code"
        case .numbersUsedUp(let what, let day, let maximum):
            return "no \(what) number is left for \(day): \(maximum) were given that day, the most a day may have"
        }
    }
}

extension LoginError {
    public var englishMessage: String {
        switch self {
        case .refused: return "wrong staff code or password"
        case .locked(let until):
            return "too many failed log-ins: this code is locked until \(until.formatted(Date.ISO8601FormatStyle()))"
        case .badHash: return "not a bcrypt hash"
        case .weakHash(let cost):
            return
                "a bcrypt hash of cost \(cost); GovDesk keeps cost \(GovDeskDatabase.SessionRules.minimumBcryptCost) "
                + "or more"
        }
    }
}

extension TimeRuleError {
    public var englishMessage: String {
        let format = Date.ISO8601FormatStyle()
        switch self {
        case .future(let subject, let at, let now):
            return "\(subject): an entry may not take effect in the future (\(at.formatted(format)); the clock says "
                + "\(now.formatted(format)))"
        case .needsReason(let subject, let at, let now, let acrossDeadline):
            return "\(subject): an entry dated \(at.formatted(format)) is recorded at \(now.formatted(format))"
                + (acrossDeadline ? ", after a deadline passed in between" : "")
                + "; a back-dated entry (补录) needs --backdate-reason TEXT and a supervisor or an administrator"
        }
    }
}

extension MonthCloseError {
    public var englishMessage: String {
        let format = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        switch self {
        case .notEnded(let month, let endsAt):
            return "\(month) has not ended (it ends \(endsAt.formatted(format))): a month is closed only after it ends"
        case .alreadyClosed(let month):
            return "\(month) is closed already (`govdesk month list` shows the closed months)"
        case .beforeLastClosed(let month, let last):
            return "\(month) lies before \(last), the last closed month: it is closed already"
        case .outOfOrder(let month, let next):
            return "months close in order: close \(next) before \(month)"
        case .closed(let subject, let at, let month, let openFrom):
            return "\(subject): \(month) is closed, so nothing may take effect at \(at.formatted(format)); "
                + "entries may take effect from \(openFrom.formatted(format)) on"
        case .closedForMonth(let subject, let month, let last):
            let open = Month(last)?.next.description ?? "the month after \(last)"
            return
                "\(subject): \(last) is closed, so nothing may be recorded for \(month), which is not after it; "
                + "\(open) and later months are open"
        case .unreadable(let month):
            return "the stored figures of the closed month \(month) cannot be read by this build of GovDesk"
        }
    }
}

extension BindingError {
    public var englishMessage: String {
        switch self {
        case .badUser(let user):
            return "'\(user)' is not an operating-system user name; use 1 to 64 characters without spaces or /"
        case .notBound(let user):
            return "the operating-system user '\(user)' is not bound; `govdesk staff bindings` lists the bindings"
        case .firstMustBeOwn(let caller):
            return "the first binding must be your own account ('\(caller)'): once any binding exists, govdesk acts "
                + "only as the staff member bound to whoever runs it"
        case .ownLast(let caller):
            return "your own binding ('\(caller)') goes last: remove the others first"
        case .unbound(let user):
            return "the operating-system user '\(user)' is bound to no staff member, and this database binds its "
                + "users; an administrator binds it with `govdesk staff bind CODE --os-user \(user)`"
        case .otherActor(let user, let bound, let claimed):
            return "'\(user)' acts as \(bound) in this database; --actor \(Printable.quoted(claimed)) is refused"
        }
    }
}

extension RulesError {
    public var englishMessage: String {
        switch self {
        case .timeZoneFixed(let stored, let given):
            return "the time zone stays \(stored): it decides the day and the month of every record this database "
                + "holds, so it cannot become \(given) (the configuration's timeZone); set timeZone: \(stored) and "
                + "apply again"
        case .unchanged:
            return "the configuration's rules are those the database keeps already; nothing to apply"
        }
    }
}

extension ReferenceError {
    public var englishMessage: String {
        switch self {
        case .unknown(let kind, let code):
            return "no \(kind) \(Printable.quoted(code)); list them to see the codes"
        case .badTopic(let path):
            return "topic '\(path)' is not allowed; use \(TopicNode.pathRule)"
        case .topicsPresent:
            return "the database has its topic tree already; change it with `govdesk topic add|edit|deactivate`"
        case .unchanged(let kind, let code, let active):
            return "\(kind) \(code) is \(active ? "active" : "inactive") already"
        case .nothingToChange(let kind, let code):
            return "nothing to change for \(kind) \(code); give a field with a new value"
        case .notEditable(let kind, let field):
            return "a \(kind)'s \(field) cannot be changed"
        case .badName(let kind, let code):
            return "the new name of \(kind) \(code) must be 1 to 200 characters without control characters"
        case .noRoles(let code):
            return "staff member \(code) needs at least one role; deactivate them instead"
        case .lastAdministrator(let code):
            return "\(code) is the last active administrator; make another administrator first"
        case .selfLockout(let code):
            return "\(code) may not deactivate themselves or drop their own admin role; another administrator may"
        }
    }
}

extension StoreText {
    public var english: String {
        switch self {
        case .notWindowStaff(let code, let roles):
            return "\(code) is not window staff (roles: \(roles.map(\.rawValue).joined(separator: ", ")))"
        case .committedDays(let days):
            return "\(days) is not allowed; use 0 (same day) to \(ServiceItem.maximumCommittedDays) working days"
        case .itemWindows(let code): return "item \(code) needs at least one window"
        case .officerFindingNamesOfficer: return "an officer finding names its officer"
        case .ratingFindingsByRate: return "rating findings are opened by `govdesk rate`; use officer or walkthrough"
        case .onlyWindowStaffEvaluated(let staff):
            return "\(staff) is not window staff; only window staff are evaluated"
        case .futureImport(let time, let minutes, let latest, let clock):
            return "\(time) is in the future: on a production database an imported time may be no later than the real "
                + "clock plus \(minutes == 5 ? "five" : String(minutes)) minutes (\(latest); the clock says \(clock))"
        case .points(let points): return "\(points) is not allowed; use -100 to 100"
        case .evaluationRun: return "run"
        case .evaluationFinalised: return "finalised"
        case .window: return "window"
        case .serviceItem: return "service item"
        }
    }
}

extension IntegrityProblem {
    /// `ticket 20250929-000001, event 3: hash does not match its content (the event was changed)`.
    var englishText: String {
        var prefix = subject?.english ?? ""
        if let event { prefix += prefix.isEmpty ? "event \(event)" : ", event \(event)" }
        return prefix.isEmpty ? finding.english : "\(prefix): \(finding.english)"
    }

    /// The problem as a refused write lists it: `trigger t on ticket is not GovDesk's: it was added`.
    var englishSentence: String {
        subject.map { "\($0.english) \(finding.english)" } ?? finding.english
    }
}

extension CheckSubject {
    var english: String {
        switch self {
        case .record(let kind, let number): return "\(kind.englishName) \(number)"
        case .records(let kind): return "\(kind.englishName)s"
        case .event(let kind, let number, let sequence): return "\(kind.englishName) \(number), event \(sequence)"
        case .letter(let number): return "letter \(number)"
        case .row(let table, let rowid): return "\(table) row \(rowid)"
        case .rows(let table, let rowids, let more, let owner, let numbers):
            let rows =
                rowids.count == 1 && more == 0
                ? "\(table) row \(rowids[0])"
                : "\(table) rows \(rowids.map(String.init).joined(separator: ", "))"
                    + (more > 0 ? " and \(more) more" : "")
            guard let owner, !numbers.isEmpty else { return rows }
            return rows + " (an event of \(owner.englishName) \(numbers.joined(separator: " or ")))"
        case .run(let table, let from, let to):
            return from == to ? "\(table) row \(from)" : "\(table) rows \(from)–\(to)"
        case .span(let first, let last, let table, let from, let to):
            return "\(first.english) … \(last.english) (\(CheckSubject.run(table: table, from: from, to: to).english))"
        case .keyed(let table, let key): return Printable.escaped("\(table) \(key)")
        case .ledgerEntry(let id): return "ledger entry \(id)"
        case .seal(let digits): return "seal \(digits)…"
        case .table(let name): return "table \(name)"
        case .schemaObject(let type, let name, let table): return "\(type) \(name)" + (table.map { " on \($0)" } ?? "")
        case .closedMonth(let month): return "closed month \(month)"
        }
    }
}

extension CheckText {
    var english: String {
        switch self {
        case .firstEventsMissing(let first): return "missing (the first event left is \(first))"
        case .outOfOrder(let sequence, let after): return "out of order (sequence \(sequence) after \(after))"
        case .eventsMissing(let from, let to): return "missing (sequence jumps from \(from) to \(to))"
        case .noChainHash: return "it has no chain hash"
        case .hashMismatch: return "hash does not match its content (the event was changed)"
        case .moreBreaks(let count): return "\(count) more breaks in its chain, not listed"
        case .eventCountOutOfRange(let stored, let range):
            return "its stored event count \(stored) is out of range (\(range.lowerBound) to \(range.upperBound))"
        case .tailMissing(let kind, let count, let lastLeft):
            return "missing (the \(kind.englishName) records \(count) events; "
                + (lastLeft.map { "the last left is \($0))" } ?? "none is left)")
        case .notCounted(let kind, let count):
            return "not counted by the \(kind.englishName)'s row (it counts \(count) events)"
        case .sqliteIntegrity(let message): return "SQLite integrity check: \(message)"
        case .foreignKey(let table, let rowid): return "foreign key: table \(table) row \(rowid)"
        case .dropped: return "is missing: it was dropped"
        case .added: return "is not GovDesk's: it was added"
        case .changed: return "differs from GovDesk's definition: it was changed"
        case .typeChanged(let have, let want): return "is a \(have) where GovDesk has a \(want)"
        case .migrationsEdited(let missing):
            return "the migrations table lacks \(missing), which ran before others it lists: it was edited"
        case .restNotChecked(let reason): return "the rest of the check could not run on the altered schema: \(reason)"
        case .moreRecords(let count): return "\(count) more records with problems like these, not listed"
        case .unreadableEvent: return "unreadable event"
        case .rowDiffers(let columns):
            return "its row differs from what its events record ("
                + (columns.isEmpty ? "no column named" : "columns: " + columns.joined(separator: ", ")) + ")"
        case .ratingLink(let ratingId, let ratingCase, let eventsCase):
            return "its rating link (ratingId \(ratingId)) names "
                + (ratingCase.map { "a rating of case \($0)" } ?? "no rating")
                + ", its events the case \(eventsCase ?? "(none)")"
        case .recordProblem(let phrase): return phrase.english
        case .orphanEvent(let kind, let parent):
            return kind == .ticket
                ? "event of unknown ticket id \(parent)"
                : "\(kind.eventTable) row of unknown \(kind.englishName) id \(parent)"
        case .entryHashBroken:
            return "its hash does not follow from its content and the entry before it: the ledger was edited outside "
                + "GovDesk"
        case .unreadableLine(let line): return "unreadable line \(Printable.quoted(line))"
        case .unchangingRowWritten(let deletes, let table, let rowid):
            return "\(deletes ? "deletes" : "changes") \(table) row \(rowid), whose rows never change: the entry was "
                + "written outside GovDesk"
        case .unauditedChange(let deletes, let table, let row):
            return "\(deletes ? "deletes" : "changes") \(table) row \(row) without an audit entry: the entry was "
                + "written outside GovDesk"
        case .changedBetween(let recorded, let rewritten):
            return "was changed outside GovDesk after ledger entry \(recorded) recorded it and before GovDesk wrote it "
                + "again in entry \(rewritten)"
        case .addedBefore(let entry):
            return "was added outside GovDesk before GovDesk wrote it in ledger entry \(entry)"
        case .sealNotOnLedger:
            return "is not on this database's ledger: entries before it were changed and the ledger rewritten since it "
                + "was printed (or it is another database's seal)"
        case .tableGone: return "is in the ledger but not in the database"
        case .moreRows(let count): return "\(count) more rows like these"
        case .deletedRows(let entry): return "recorded by ledger entry \(entry), missing: deleted outside GovDesk"
        case .differsFromEntry(let entry):
            return "differs from what ledger entry \(entry) recorded: changed outside GovDesk"
        case .notInLedger: return "is not in the ledger: added outside GovDesk"
        case .figuresEdited: return "its stored figures do not match their SHA-256: they were edited"
        case .figuresUnreadable: return "its stored figures cannot be read by this build"
        case .figureDiffers(let difference):
            return "a figure differs from what the events give now: \(difference.english)"
        }
    }
}

extension APIClientError {
    public var englishMessage: String {
        switch self {
        case .badName(let name):
            return "API client name \(name) is not allowed; use \(Codes.apiClientNameRule)"
        case .badChannel(let channel):
            return "an API client's channel may be app or web, not \(channel)"
        case .exists(let name):
            return "API client \(name) exists already; a new key needs a new name (the old client can be revoked)"
        case .unknown(let name):
            return "no API client \(name); see govdesk apikey list"
        case .alreadyRevoked(let name, let at):
            return "API client \(name) was revoked already, at \(at.formatted(Date.ISO8601FormatStyle()))"
        case .unknownKey:
            return "missing or invalid api_key"
        case .revokedKey:
            return "the api_key has been revoked"
        case .notAnActor(let code):
            return
                "\(code) is an API client's actor: only its key acts as it, through the Open311 interface, never --actor"
        }
    }
}
