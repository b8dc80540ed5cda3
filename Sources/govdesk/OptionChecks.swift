import ArgumentParser
import GovDeskCore

/// The checks commands make of their shared options (`--code`, `--name`, `--limit`), spelled once.
enum OptionChecks {
    /// `--code` of a department, window or service item.
    static func departmentCode(_ code: String) throws {
        guard Codes.isValidDepartmentCode(code) else {
            throw ValidationError("--code '\(Printable.quoted(code))' is not allowed; use \(Codes.departmentCodeRule)")
        }
    }

    /// `--code` of a staff member or experience officer.
    static func staffCode(_ code: String) throws {
        guard Codes.isValidStaffCode(code) else {
            throw ValidationError("--code '\(Printable.quoted(code))' is not allowed; use \(Codes.staffCodeRule)")
        }
    }

    /// `--name`: not blank and at most `limit` characters, counted as stored (`TextLength`).
    static func name(_ name: String, atMost limit: Int) throws {
        guard nonEmpty(name) != nil, !TextLength.exceeds(name, limit) else {
            throw ValidationError(
                "--name must be 1 to \(limit) characters"
                    + (nonEmpty(name) == nil ? "" : "; it " + TextLength.message(name, limit: limit)))
        }
    }

    /// `--month` of the evaluation commands: 2000-01 to 2100-12.
    static func evaluationMonth(_ month: Month) throws {
        guard (2000...2100).contains(month.year) else {
            throw ValidationError("--month \(month) is not allowed; use a month from 2000-01 to 2100-12")
        }
    }

    /// `--limit` of a list command: 1 to 100000.
    static func limit(_ limit: Int) throws {
        guard (1...100_000).contains(limit) else {
            throw ValidationError("--limit \(limit) is not allowed; use 1 to 100000")
        }
    }
}

/// The option each field of the engines' messages comes from, so that a refusal names what to fix on the command line:
/// `--text (description): has 4001 characters …`. The engines name fields as records know them (an import names
/// columns instead).
enum FieldOption {
    static let options: [String: String] = [
        "description": "--text", "answer text": "--text", "reply text": "--text", "caller name": "--caller",
        "applicant name": "--applicant", "phone": "--phone", "topic": "--topic", "address": "--address",
        "street": "--street", "reason": "--reason", "note": "--note", "materials": "--materials",
        "comment": "--comment", "source": "--source", "windows": "--window",
    ]

    /// `name` as `--option (name)`, or as it is when it is an option already or has none.
    static func label(_ name: String) -> String {
        options[name].map { "\($0) (\(name))" } ?? name
    }

    /// The message of `error`, its field named by its option.
    static func describe(_ error: GovDeskError) -> String {
        if let ticket = error as? TicketError, case .invalidField(let name, let message) = ticket {
            return TicketError.invalidField(name: label(name), message: message).description
        }
        if let hall = error as? HallError, case .invalidField(let name, let message) = hall {
            return HallError.invalidField(name: label(name), message: message).description
        }
        return error.description
    }
}

/// `--limit` of every list (issue 13): how many rows it shows; its last line says how many it showed of how many
/// matched (`显示 200 / 共 230 件，用 --limit 调整`).
struct ListLimit: ParsableArguments {
    @Option(help: "At most this many rows (1 to 100000; default 200). The last line says how many matched.")
    var limit = 200

    func validate() throws { try OptionChecks.limit(limit) }

    /// The first `limit` of `rows`, and how many there were.
    func cut<Row>(_ rows: [Row]) -> (shown: [Row], matched: Int) {
        (Array(rows.prefix(limit)), rows.count)
    }

    /// The last `limit` of `rows` (a list in time order shows the latest), and how many there were.
    func cutLatest<Row>(_ rows: [Row]) -> (shown: [Row], matched: Int) {
        (Array(rows.suffix(limit)), rows.count)
    }
}

/// A list's last line: how many it showed of how many matched, in the reader's language.
func listFooter(_ shown: Int, of matched: Int, unit: (zh: String, en: String), language: Language) -> String {
    if shown >= matched { return language == .zh ? "共 \(matched) \(unit.zh)" : "\(matched) \(unit.en)" }
    return language == .zh
        ? "显示 \(shown) / 共 \(matched) \(unit.zh)，用 --limit 调整"
        : "showing \(shown) of \(matched) \(unit.en); use --limit to see more"
}
