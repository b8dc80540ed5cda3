import GovDeskCore

// Every English message of the command line (`CLIText`). The Chinese ones are in Messages+zh.swift.

extension CLIText {
    var english: String {
        switch self {
        case .cannotCreateIn(let option, let path, let folder, let reason):
            return "\(option) \(path): cannot create a file in \(folder) (\(reason)); give a folder you may write to"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .appeared(let path): return "\(path) appeared while it was being written; nothing was replaced"
        case .cannotPutInPlace(let path, let reason): return "cannot put \(path) in place: \(reason)"
        case .namesAFolder(let option, let shown): return "\(option) \(shown) names a folder; give a file name"
        case .noFolder(let option, let shown, let folder):
            return "\(option) \(shown): the folder \(folder) does not exist; create it first"
        case .isTheDatabase(let option, let shown):
            return "\(option) \(shown) is the database or one of its companion files; write the output to another file"
        case .exists(let option, let shown):
            return "\(option) \(shown) exists; add --force to replace it, or choose another name"
        case .isSQLite(let option, let shown):
            return "\(option) \(shown) is a SQLite database; GovDesk never writes an output over one"
        case .isAFolder(let option, let shown): return "\(option) \(shown) is a folder; give a file name inside it"
        case .isALink(let option, let shown): return "\(option) \(shown) is a symbolic link; give the real file name"
        case .notARegularFile(let option, let shown):
            return "\(option) \(shown) is a device, pipe or socket, not a regular file; give a file name"
        case .backupIsTheDatabase(let file):
            return "db backup \(file) is the database or one of its companion files; write the backup to another file"
        case .notASeal(let seal):
            return "--seal \(seal) is not a seal: it takes the 64 hexadecimal digits that `govdesk db seal` printed"
        case .lettersNotWritten(let count, let error, let out, let at):
            return "\(count) letter(s) were issued, but their files could not all be written: \(error); "
                + "write them with `govdesk letters write --out \(out) --issued-at \(at)`"
        case .chooseLetters: return "choose the letters: --number N (repeatable), --issued-at TIME or --month YYYY-MM"
        case .outIsTheDatabase(let folder): return "--out \(folder) is the database; give a folder"
        case .outIsAFile(let folder): return "--out \(folder) is a file; give a folder"
        case .outNotWritable(let folder): return "--out \(folder) is not writable; give a folder you may write to"
        case .outCannotBeCreated(let folder): return "--out \(folder) cannot be created; give a folder you may write to"
        case .bareSequence(let text):
            return "'\(text)' is a bare sequence; add --kind reminder or --kind warning (and --year if not this year)"
        case .notAMonth(let option, let text): return "\(option) '\(text)' is not a month; use YYYY-MM such as 2025-10"
        case .notADate(let option, let text): return "\(option) '\(text)' is not a date; use YYYY-MM-DD"
        case .notATime(let option, let text):
            return "\(option) '\(text)' is not a time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or the same with an "
                + "offset such as +08:00"
        case .fromAfterTo(let from, let to): return "--from \(from) is after --to \(to)"
        case .toNotAfterFrom(let to, let from): return "--to \(to) is not after --from \(from)"
        case .monthOrRange: return "give either --month YYYY-MM, or --from YYYY-MM-DD and --to YYYY-MM-DD"
        case .monthNotBegun(let asked, let current):
            return "--month \(asked) has not begun (it is \(current) now); choose \(current) or earlier"
        case .evaluationMonth(let month): return "--month \(month) is not allowed; use a month from 2000-01 to 2100-12"
        case .yearTwice(let argument, let year):
            return "the year is given twice (\(argument) and --year \(year)); give it once"
        case .workingDays(let n): return "--working-days \(n) is not allowed; use 0 to 366"
        case .notADuration(let text):
            return "--due-within '\(text)' is not a duration; use a number and m, h or d, e.g. 48h"
        case .departmentCode(let code): return "--code '\(code)' is not allowed; use \(Codes.departmentCodeRule)"
        case .staffCode(let code): return "--code '\(code)' is not allowed; use \(Codes.staffCodeRule)"
        case .nameLength(let limit): return "--name must be 1 to \(limit) characters"
        case .nameTooLong(let limit, let count):
            return "--name must be 1 to \(limit) characters; it has \(count) characters (an accent or other combining "
                + "mark counts as one); at most \(limit) are allowed"
        case .limit(let limit): return "--limit \(limit) is not allowed; use 1 to 100000"
        case .satisfaction(let n): return "--satisfaction \(n) is not allowed; use 1 to 5"
        case .committedDays(let days):
            return "--days \(days) is not allowed; use 0 (same day) to \(ServiceItem.maximumCommittedDays) working days"
        case .needsWindow: return "give at least one --window that receives the item"
        case .phone: return "--phone is not a phone number; use 5 to 20 digits"
        case .needsRole: return "give at least one --role"
        case .adminNameNeedsAdmin: return "--admin-name needs --admin CODE"
        case .passwordsDiffer: return "the two passwords differ; nothing was changed"
        case .cannotServe(let address, let error): return "cannot serve on \(address): \(error)"
        case .noPasswordOnInput: return "no password on standard input: give it as its first line, or run on a terminal"
        case .terminalUnreadable: return "cannot read the terminal's settings"
        case .noPasswordTyped: return "no password was typed"
        case .port(let port): return "--port \(port) is not allowed; use 1 to 65535"
        case .tlsPair: return "--tls-cert and --tls-key go together: give both (PEM files) or neither"
        case .trustedProxy(let address):
            return
                "--trusted-proxy \(Printable.quoted(address, limit: 60)) is not allowed; use an IPv4 or IPv6 address "
                + "such as 127.0.0.1"
        case .kindNeverChanges(let path, let foundTraining, let asked):
            let (found, made) = foundTraining ? ("training", "production") : ("production", "training")
            return "\(path) is a \(found) database, and a database never changes kind: `\(asked)` makes a \(made) "
                + "database only where none exists; give another --db. Nothing was changed"
        case .sourceRating:
            return "--source rating is not allowed here: a poor rating opens its finding through `govdesk rate`"
        case .officerNeedsReporter: return "--source officer needs --reporter OFFICER"
        case .findingNeedsDepartment: return "give --dept, or a --window or --item whose department is responsible"
        case .needsActor:
            return "this command acts as someone: name yourself with --actor CODE or the environment variable "
                + "GOVDESK_ACTOR (`govdesk staff list` shows the codes)"
        case .demoMonths(let months): return "--months \(months) is not allowed; use 1 to 24"
        case .demoTickets(let tickets): return "--tickets \(tickets) is not allowed; use 1 to 5,000,000"
        case .demoWouldOverwrite(let path):
            return
                "\(path) holds data that is not a demo; `govdesk demo` only replaces its own databases — give another --db"
        case .topicDeactivated(let path):
            return "topic '\(path)' is no longer used (deactivated); `govdesk topic list` shows the topics in use"
        case .topicNotInTree(let path, let file, let nearest):
            return "topic '\(path)' is not in the topic tree (\(file))"
                + (nearest.isEmpty ? "" : "; nearest: \(nearest.joined(separator: ", "))")
                + "; `govdesk topic list` shows them all"
        case .reportLacksTable(let name, let tables):
            return "this month's report has no table \(name) (it has no data for it); choose one of "
                + tables.joined(separator: ", ")
        case .noReportFormat(let out, let ext):
            return "--out \(out): " + (ext.map { "the extension .\($0)" } ?? "no extension")
                + " names no report format; use .html, .md, .json, .csv or .txt, or give --format"
        case .tableIsForCSV: return "--table is for CSV; drop it, or use --format csv"
        case .notATable(let table, let names):
            return "--table \(table) is not a table of this report; choose one of " + names.joined(separator: ", ")
        case .csvNeedsTable(let names):
            return "a report's CSV is one file per table: add --table NAME (\(names.joined(separator: ", "))) "
                + "for one table on standard output, or --out DIR for every table in a folder"
        case .csvOutIsAFile(let out):
            return "--out \(out) names one file, and a report's CSV is one file per table: "
                + "add --table NAME for one table, or give a folder (--out DIR) for all of them"
        case .missingCalendarYear(let year, let loaded):
            let have = loaded.map(String.init).joined(separator: ", ")
            return "no working-day calendar for \(year) is loaded (loaded: \(have)). Deadlines into \(year) are "
                + "provisional, counted Monday–Friday and marked as such; once an administrator adds the State "
                + "Council's notice (`govdesk calendar add FILE`, our YAML or holiday-cn JSON), the provisional "
                + "deadlines of open tickets, cases and rectifications are recomputed with it, never earlier than before"
        case .noticeIsForJSON: return "--notice is for holiday-cn JSON; a YAML calendar names its notice itself"
        case .strayTopic(let file, let path, let department):
            return "\(file): topic \(path) is usually led by \(department), which the seeds' departments.yaml does "
                + "not have; give a topics.yaml (in the configuration folder) that matches your departments"
        case .noAdministrator:
            return "the seeds name no active administrator; give `govdesk init --admin CODE` to make the first one"
        case .noSuchGroup(let group): return "--group \(group): there is no such group on this machine"
        case .groupOnExisting(let path):
            return "--group applies when init creates the database; \(path) exists already "
                + "(change its group and mode with chgrp and chmod 660, with its -wal and -shm files)"
        case .noSuchMapping(let name, let mappings):
            return "--mapping \(name): no such file or mapping; `govdesk import mappings` lists the mappings by name "
                + "(\(mappings.joined(separator: ", ")))"
        case .storedRulesUnreadable(let path, let setBy, let error):
            return "storage failure: \(path): the rules it keeps (set \(setBy)) cannot be read (\(error)); "
                + "run `govdesk db check`"
        case .storedCalendarUnreadable(let year, let error):
            return "storage failure: the calendar of \(year) stored in the database: \(error)"
        case .configDetail(let detail): return detail
        case .tooManyAliases(let aliases, let maximum):
            return "uses \(aliases) YAML aliases (*name); at most \(maximum) are allowed, "
                + "since each may expand to a copy of what it names"
        case .notYAML(let error): return "not valid YAML: \(error)"
        case .seedsRequired: return "departments.yaml and staff.yaml are both required"
        case .seedField(let at, let field, let message): return "\(at).\(field): \(message)"
        case .noSuchFolder(let what, let fallback): return "no such \(what); give a folder like \(fallback)/"
        case .yearMismatch(let year, let key): return "year: \(year) does not match the file name \(key).yaml"
        case .noSuchFile: return "no such file"
        case .isAFolderGiveFile: return "is a folder; give a file"
        case .tooLarge(let size, let limit): return "is \(size) bytes; at most \(limit) are read"
        case .notUTF8Text: return "cannot be read as UTF-8 text"
        case .checkFailed(let count): return "the database check found \(count) problem\(count == 1 ? "" : "s")"
        case .nothingToSeal(let path): return "\(path): the ledger has no entries yet, so there is nothing to seal"
        case .standardOutput(let reason): return "cannot write to standard output: \(reason)"
        case .sqliteFailure(let detail): return "storage failure: \(detail)"
        case .fileError(let detail): return "file error: \(detail)"
        case .exported(let count, let kind, let first, let last, let file):
            return "exported \(count) \(kind) (\(first) – \(last)) to \(file)"
        case .imported(let file, let rows, let new, let existing):
            return "imported \(file): \(new) new, \(existing) already imported (\(rows) rows)"
        case .dryRun(let file, let rows, let new, let existing):
            return "dry run: \(file) has \(rows) rows: \(new) new, \(existing) already imported; nothing was written"
        case .builtIn(let file): return file
        case .chainsVerified(let tickets, let cases, let findings):
            return "event chains verified: \(tickets) tickets, \(cases) cases, \(findings) findings"
        case .ledgerVerified(let entries, let sealed):
            return "ledger verified: \(entries) entries" + (sealed ? "; the seal is on it" : "")
        case .checked(let tickets, let events, let problems):
            return "\(tickets) tickets, \(events) events checked: " + (problems.map { "\($0) problems" } ?? "ok")
        case .apiKeyAdded(let name, let channel):
            return
                "API client \(name) added (channel \(channel), actor api:\(name)). Its key follows; it is shown this once "
                + "and will not be shown again, so keep it safe now:"
        case .apiKeyRevoked(let name):
            return "API client \(name) revoked: requests with its key are refused (403) from now on; its tickets stay"
        case .apiKeyValid:
            return "valid"
        case .apiKeyRevokedState(let at, let by):
            return "revoked \(at) by \(by)"
        }
    }
}

extension CLIText {
    /// The English labels of event details shown in a timeline.
    static let englishDetailLabels: [String: String] = [
        "committedDays": "committed days", "materials": "materials", "comment": "comment", "score": "score",
        "days": "days", "note": "note", "reason": "reason", "visits": "visits", "text": "text", "staff": "staff",
    ]
}
