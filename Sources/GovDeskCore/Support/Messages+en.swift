import Foundation

// Every English message of GovDeskCore: its errors, and the wording its errors carry (`CoreText`). The Chinese
// ones are in Messages+zh.swift.

extension TicketError {
    public var englishMessage: String {
        switch self {
        case .notAllowed(let number, let state, let action, let allowed):
            let now =
                allowed.isEmpty
                ? "no action is allowed now"
                : "\(Self.list(allowed.map(\.rawValue))) \(allowed.count == 1 ? "is" : "are") allowed now"
            return "ticket \(number) is \(state.englishLabel); \(action.rawValue) is not allowed: \(now)"
        case .roleDenied(let actor, let roles, let action, let needed):
            let has = roles.isEmpty ? "no role" : roles.map(\.rawValue).joined(separator: ", ")
            return "\(actor) (\(has)) may not \(action.rawValue): it needs the role "
                + Self.list(needed.map(\.rawValue), joiner: "or")
        case .departmentDenied(let actor, let department, let number, let lead, let action):
            let target = lead.map { "was sent to \($0)" } ?? "has no lead department"
            return "\(actor) of \(department) may not \(action.rawValue) ticket \(number): it \(target); "
                + "only a liaison of the lead department may"
        case .ownWork(let actor, let number, let action, let earlier):
            return "\(actor) may not \(action.rawValue) ticket \(number): its \(earlier.rawValue) was their own, "
                + "and no one checks their own work; another \(TicketMachine.rule(for: action).map { Self.list($0.neededRoles.map(\.rawValue)) } ?? "person") must"
        case .extensionPending(let number, let days):
            return "ticket \(number) already has a pending extension request of \(days) working days; "
                + "a supervisor must approve-extension or deny-extension it first"
        case .noPendingExtension(let number):
            return "ticket \(number) has no pending extension request; the lead department asks with `ticket extend`"
        case .noDeadline(let number):
            return "ticket \(number) has no handling deadline to extend"
        case .deadlinePassed(let number, let action, let deadline):
            let what: String
            switch action {
            case .approveExtension:
                what =
                    "its pending extension can no longer be approved; deny it (`govdesk ticket deny-extension "
                    + "\(number)`): the ticket is late, and a reply counts against the deadline that passed"
            case .returnTicket:
                what =
                    "it can no longer be returned: a department returns a ticket before its deadline; this one is late "
                    + "and is answered, late"
            case .merge:
                what =
                    "it can no longer be merged: a merged duplicate leaves the month's figures, and this ticket is late; "
                    + "the department answers it, late"
            default: what = "an extension must be asked for, and approved, before the deadline; the ticket is late"
            }
            return "ticket \(number): its handling deadline \(deadline) has passed, so \(what)"
        case .alreadyRevisited(let number):
            return "ticket \(number) has already been revisited for this closure; one revisit per closure is allowed"
        case .invalidMergeTarget(let number, let target, let reason):
            return "ticket \(number) cannot be merged into \(Printable.quoted(target)): \(reason.english)"
        case .invalidField(let name, let message):
            return "\(name): \(message.english)"
        case .unknownTicket(let number):
            return "no ticket \(Printable.quoted(number)); `govdesk ticket list` shows the tickets"
        }
    }
}

extension HallError {
    public var englishMessage: String {
        switch self {
        case .unknownWindow(let code):
            return "no window \(Printable.quoted(code)); `govdesk window list` shows the windows"
        case .unknownItem(let code):
            return "no service item \(Printable.quoted(code)); `govdesk item list` shows the items"
        case .unknownOfficer(let code):
            return "no experience officer \(Printable.quoted(code)); `govdesk officer list` shows the officers"
        case .unknownCase(let number): return "no case \(Printable.quoted(number)); `govdesk case list` shows the cases"
        case .unknownFinding(let number):
            return "no finding \(Printable.quoted(number)); `govdesk finding list` shows the findings"
        case .itemNotAtWindow(let item, let window, let windows):
            let at = windows.isEmpty ? "no window" : windows.joined(separator: ", ")
            return "item \(item) is not received at window \(window); it is received at \(at)"
        case .inactive(let what, let code): return "\(what.english) \(code) is inactive"
        case .caseNotAllowed(let number, let state, let action, let allowed):
            return "case \(number) is \(state.englishLabel); \(action.rawValue) is not allowed: "
                + Self.allowedText(allowed.map(\.rawValue))
        case .findingNotAllowed(let number, let state, let action, let allowed):
            return "finding \(number) is \(state.englishLabel); \(action.rawValue) is not allowed: "
                + Self.allowedText(allowed.map(\.rawValue))
        case .roleDenied(let actor, let roles, let action, let needed):
            let has = roles.isEmpty ? "no role" : roles.map(\.rawValue).joined(separator: ", ")
            return "\(actor) (\(has)) may not \(action.english): it needs the role "
                + TicketError.list(needed.map(\.rawValue))
        case .windowDenied(let actor, let window, let action):
            return "\(actor) does not work at window \(window) and may not \(action.english) its cases; "
                + "only that window's staff (or an administrator) may"
        case .ownWork(let actor, let record, let action, let earlier, let others):
            let what = record.hasPrefix("ZG") ? "finding" : "case"
            let did: String
            switch earlier.english {
            case "receive": did = "received it"
            case "complete": did = "completed it"
            case "refuse": did = "refused it"
            case "rectify": did = "reported its rectification"
            default: did = "did its \(earlier.english)"
            }
            let checks = record.hasPrefix("ZG") ? "verifies a rectification they reported" : "rates a case they handled"
            return "\(actor) may not \(action.english) \(what) \(record): \(actor) \(did), and no one \(checks); "
                + "another \(TicketError.list(others.map(\.rawValue))) must"
        case .ownScore(let actor):
            return "\(actor) may not record a manual score for themselves; another supervisor must"
        case .sameMaterialsAgain(let number):
            return "case \(number): these materials were already asked for; the same list is not recorded twice "
                + "(a second request lists the materials still missing, and counts as a breach of one-time notification)"
        case .alreadyRated(let number):
            return "case \(number) has already been rated; one rating per case is allowed"
        case .invalidField(let name, let message): return "\(name): \(message.english)"
        case .monthFinalized(let month):
            return "the evaluation of \(month) is finalised and is never recomputed or changed"
        case .noEvaluation(let month):
            return "\(month) has no evaluation yet; a supervisor runs `govdesk eval run --month \(month)` first"
        case .monthNotOver(let month, let endsOn, let action):
            return "the evaluation of \(month) cannot be \(action.english) yet: the month has not ended (it ends at "
                + "\(endsOn) 00:00); only a month that has ended may be evaluated"
        }
    }
}

extension CalendarError {
    public var englishMessage: String {
        switch self {
        case .noData(let year, let loaded):
            let have = loaded.isEmpty ? "none" : loaded.map(String.init).joined(separator: ", ")
            return "no working-day calendar for \(year) (loaded years: \(have)); "
                + "an administrator adds the State Council's notice with `govdesk calendar add FILE` "
                + "(our YAML or holiday-cn JSON)"
        case .invalidData(let year, let message):
            return "calendar \(year): \(message.english)"
        case .invalidCount(let n):
            return "working-day count \(n) is not allowed; use a whole number from 0 to 366"
        case .yearExists(let year, let notice):
            return "the calendar of \(year) is loaded already (\(Printable.quoted(notice))); "
                + "add --replace to put an amended notice in its place"
        }
    }
}

extension PermissionError {
    public var englishMessage: String {
        let has = roles.isEmpty ? "no role" : roles.map(\.rawValue).joined(separator: ", ")
        let needed = ([Role.admin] + permission.roles).map(\.rawValue).joined(separator: " or ")
        return "\(actor) (\(has)) may not \(permission.rawValue); it needs the role \(needed)"
            + (also.map { ", or to be \($0.english)" } ?? "")
    }
}

extension FirstAdministratorError {
    public var englishMessage: String { message.english }
}

extension PasswordError {
    public var englishMessage: String {
        switch self {
        case .tooShort(let length):
            return "the password has \(length) characters; it needs at least \(PasswordPolicy.minimumLength)"
        case .tooLong(let bytes):
            return "the password has \(bytes) bytes in UTF-8; bcrypt reads at most \(PasswordPolicy.maximumBytes) "
                + "(about 24 Chinese characters), so use a shorter one"
        case .blank: return "the password is only spaces"
        case .controlCharacter: return "the password contains a control character (a tab or a line break?)"
        case .notUTF8:
            return "the password is not valid UTF-8 text (is the terminal set to GBK?); type it on a UTF-8 terminal"
        }
    }
}

extension StoredValueError {
    public var englishMessage: String {
        switch self {
        case .outOfRange(let record, let field, let stored, let allowed):
            return "\(record): its stored \(field) \(Printable.quoted(stored, limit: 40)) is out of range "
                + "(\(allowed.lowerBound) to \(allowed.upperBound)); run `govdesk db check`"
        case .instantOutOfRange(let record, let field, let stored):
            return "\(record): its stored \(field) \(Printable.quoted(stored, limit: 40)) is not \(StoredInstant.rule) "
                + "(seconds since 1970 from \(StoredInstant.range.lowerBound) to \(StoredInstant.range.upperBound)), so the "
                + "record is damaged; run `govdesk db check`"
        case .tooManyEvents(let record, let maximum):
            return "\(record) has \(maximum) events, the most a record may have; no further event can be added"
        }
    }
}

extension ImportError {
    public var englishMessage: String {
        switch self {
        case .cell(let file, let row, let line, let column, let message):
            return "\(file): row \(row) (line \(line)), column '\(column)': \(message.english); nothing was imported"
        case .missingColumn(let file, let key, let column, let available):
            return "\(file) has no column '\(column)' (mapping key \(key)); its columns are: "
                + available.joined(separator: ", ")
        case .unknownDepartment(let mapping, let key, let code):
            return "\(mapping): \(key): no department \(code); `govdesk dept list` shows the department codes"
        case .noHeader(let file):
            return "\(file) is empty; a CSV file with a header line is expected"
        case .duplicateSourceId(let file, let row, let line, let column, let id):
            return
                "\(file): row \(row) (line \(line)), column '\(column)': source id \(id) appears on an earlier row too; "
                + "each row must have its own id; nothing was imported"
        case .actorDenied(let actor):
            return "\(actor) may not import tickets; an operator, dispatcher, supervisor or admin may"
        }
    }
}

extension CSVError {
    public var englishMessage: String {
        line > 0 ? "\(file), line \(line): \(message.english)" : "\(file): \(message.english)"
    }
}

extension ReplayError {
    public var englishMessage: String {
        switch self {
        case .inconsistent(let number, let sequence, let message):
            return "\(Self.record(numbered: number)) \(number), event \(sequence): \(message.english)"
        }
    }
}

extension LetterError {
    public var englishMessage: String {
        switch self {
        case .notAllowed(let actor, let roles):
            let have = roles.isEmpty ? "no role" : roles.map(\.rawValue).joined(separator: ", ")
            return "\(actor) (\(have)) may not issue supervision letters; only a supervisor or an admin may"
        case .unknownLetter(let number):
            return "no letter \(Printable.quoted(number)); `govdesk letters list` shows the letter numbers"
        }
    }
}

extension CoreText {
    public var english: String {
        switch self {
        case .mustNotBeEmpty: return "must not be empty"
        case .tooManyCharacters(let count, let maximum):
            return "has \(count) characters (an accent or other combining mark counts as one); at most \(maximum) are "
                + "allowed"
        case .containsNUL: return "contains a NUL character, which is not allowed"
        case .notATopicPath(let path):
            return "'\(path)' is not a topic path; use up to three levels such as 城市管理/市容环境/占道经营"
        case .notAPhoneNumber:
            return "is not a phone number; use digits, optionally with +, - or spaces (5 to 20 digits)"
        case .coIsLead(let lead): return "\(lead) is the lead department; a co-department must be another one"
        case .coNamedTwice: return "a co-department is named twice"
        case .extensionDays(let days): return "\(days) is not allowed; ask for 1 to 30 working days"
        case .satisfaction(let n): return "\(n) is not allowed; use 1 (very dissatisfied) to 5 (very satisfied)"
        case .sameTicket: return "it is the same ticket"
        case .mergeTargetClosed(let target, let state):
            return "\(target) is \(state.englishLabel); merge into an open ticket"
        case .alsoCallerData(let number):
            return "the operator who took the call, or a liaison of \(number)'s departments"
        case .alsoWindowStaff(let window): return "the staff of window \(window)"
        case .reporterNeeded(let source):
            return "a \(source.rawValue) finding names its reporter (an officer code or a staff code)"
        case .ratingFindingByRating: return "a rating finding is opened by rating a case"
        case .findingDays(let days): return "\(days) is not allowed; give 1 to 90 working days"
        case .score(let n): return "\(n) is not allowed; use 1 (very dissatisfied) to 5 (very satisfied)"
        case .findingAction(let action): return "\(action.rawValue) a finding"
        case .findingOfDepartment(let action, let department):
            return "\(action.rawValue) finding of \(department) (a liaison acts for their own department only)"
        case .notHolidayCN(let detail):
            return "not holiday-cn JSON (an object with year, and days of name, date and isOffDay): \(detail)"
        case .notADate(let text): return "'\(text)' is not a date YYYY-MM-DD"
        case .yearRange: return "the year must be from 2000 to 2100"
        case .noticeMissing: return "the notice it comes from is missing; name it"
        case .noHolidays:
            return
                "it lists no holidays; every year's notice has some (New Year's Day, Spring Festival, National Day …): "
                + "check the file"
        case .dayNotInYear(let day, let name, let year): return "\(day) (\(name)) is not in \(year)"
        case .dayWithoutName(let day): return "\(day) has no name; give the holiday it belongs to"
        case .holidayAndMakeUp(let day): return "\(day) is listed both as a holiday and a make-up day"
        case .listedTwice(let day): return "\(day) is listed twice"
        case .makeUpNotWeekend(let day, let name):
            return "make-up working day \(day) (\(name)) is not a Saturday or Sunday"
        case .adminCode(let code): return "--admin \(code) is not allowed; use \(Codes.staffCodeRule)"
        case .noCentre(let code):
            return "--admin \(code): the seeds have no active department of kind centre to put a new "
                + "administrator in; add one to departments.yaml, or name a staff member of staff.yaml"
        case .demoTickets: return "--tickets must be at least 1"
        case .demoEmptyPeriod: return "the demo period is empty; give --months of at least 1"
        case .demoZoneChanges(let zone):
            return "the time zone \(zone) changes its offset during the demo period; use a zone without "
                + "daylight saving time such as Asia/Shanghai"
        case .demoCalendar(let first, let now, let through, let loaded):
            return "the demo period \(first) to \(now) needs working-day data from \(first) "
                + "through \(through) (deadlines after --now), but the calendar has only the years "
                + "\(loaded); choose an earlier --now or fewer --months"
        case .notATimestamp(let value, let allowed): return "'\(value)' is not a timestamp in the form \(allowed)"
        case .notATimestampHidden(let characters, let allowed):
            return "its value (\(characters) characters, not shown: it may hold personal data) is not a timestamp in "
                + "the form \(allowed)"
        case .notAStoredTime(let value): return "'\(value)' is not \(StoredInstant.rule)"
        case .notMapped(let value, let key, let known):
            return "'\(value)' is not mapped (\(key).values) and there is no \(key).default; known values: "
                + known.joined(separator: ", ")
        case .fieldCount(let count, let header):
            return "has \(count) fields; the header has \(header); check for a stray comma or quote"
        case .emptySourceId: return "the source id is empty; every row needs one"
        case .emptyCreationTime: return "the creation time is empty; every row needs one"
        case .closedWithoutTime(let status): return "status '\(status)' means closed but there is no closing time"
        case .closesBeforeCreated: return "the ticket closes before it was created"
        case .emptyTopic: return "the topic is empty and topic.default gives none"
        case .noSuchFile: return "no such file; check the path"
        case .isAFolder: return "is a folder; give the CSV file inside it"
        case .cannotOpenForReading: return "cannot be opened for reading; check its permissions"
        case .cannotRead(let detail): return "cannot be read: \(detail)"
        case .notUTF8(let field):
            return "field \(field) is not UTF-8 text; save the file as UTF-8 (e.g. Excel's CSV UTF-8)"
        case .textAfterQuote:
            return "text follows the closing quote of a field; a quote inside a quoted field must be doubled (\"\")"
        case .quoteNeverClosed:
            return "a quoted field opened on this line is never closed; check for an unbalanced quote"
        case .noFirstEvent(let record):
            return
                "the history does not begin with a \(record == .windowCase ? "receiving" : "creation") event numbered 1"
        case .firstEventLacks(.ticket): return "the creation event lacks intake fields"
        case .firstEventLacks(.windowCase): return "the receiving event lacks its item, window or due time"
        case .firstEventLacks(.finding): return "the creation event lacks its source, kind, department or description"
        case .firstEventGoes(let record, let from, let to):
            return "the \(record == .windowCase ? "receiving" : "creation") event goes from \(from ?? "nothing") to "
                + "\(to), not from nothing to open"
        case .expectedEvent(let n): return "expected event \(n) next"
        case .eventCount(let record, let n): return "the \(record.english) counts \(n) events"
        case .startsFrom(let record, let from, let state):
            return "event says it starts from \(from ?? "nothing"), the \(record.english) is \(state)"
        case .secondFirstEvent(let record):
            return "a second \(record == .windowCase ? "receiving" : "creation") event"
        case .visits(let recorded, let counted): return "event records \(recorded) visits, the case has \(counted)"
        case .recomputationWithoutDue: return "a recomputation without its due time"
        case .noDeadlineRecorded(let action): return "its \(action) event records no deadline"
        case .figureDiffers(let path, let stored, let now):
            return "\(path): stored \(stored.english), now \(now.english)"
        case .moreFigures(let count): return "and \(count) more"
        }
    }
}

extension FigureValue {
    var english: String {
        switch self {
        case .nothing: return "nothing"
        case .text(let text): return Printable.quoted(text)
        case .number(let number): return number
        case .entries(let count): return "\(count) entries"
        case .other: return "a different value"
        }
    }
}

extension ReplayedRecord {
    var english: String {
        switch self {
        case .ticket: return "ticket"
        case .windowCase: return "case"
        case .finding: return "finding"
        }
    }
}
