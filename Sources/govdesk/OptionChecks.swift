import ArgumentParser
import GovDeskCore

/// The checks commands make of their shared options (`--code`, `--name`, `--limit`), spelled once.
enum OptionChecks {
    /// `--code` of a department, window or service item.
    static func departmentCode(_ code: String) throws {
        guard Codes.isValidDepartmentCode(code) else {
            throw ValidationError(CLIText.departmentCode(Printable.quoted(code)).early)
        }
    }

    /// `--code` of a staff member or experience officer.
    static func staffCode(_ code: String) throws {
        guard Codes.isValidStaffCode(code) else {
            throw ValidationError(CLIText.staffCode(Printable.quoted(code)).early)
        }
    }

    /// `--name`: not blank and at most `limit` characters, counted as stored (`TextLength`).
    static func name(_ name: String, atMost limit: Int) throws {
        guard nonEmpty(name) != nil else { throw ValidationError(CLIText.nameLength(limit).early) }
        guard !TextLength.exceeds(name, limit) else {
            throw ValidationError(CLIText.nameTooLong(limit, TextLength.of(name)).early)
        }
    }

    /// `--month` of the evaluation commands: 2000-01 to 2100-12.
    static func evaluationMonth(_ month: Month) throws {
        guard (2000...2100).contains(month.year) else {
            throw ValidationError(CLIText.evaluationMonth(month.description).early)
        }
    }

    /// `--limit` of a list command: 1 to 100000.
    static func limit(_ limit: Int) throws {
        guard (1...100_000).contains(limit) else {
            throw ValidationError(CLIText.limit(limit).early)
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

    /// `name` as `--option (name)` (`--text（诉求内容）` in Chinese), or as it is when it is an option already or has
    /// none.
    static func label(_ name: String, _ language: Language) -> String {
        guard let option = options[name] else { return name }
        switch language {
        case .zh: return "\(option)（\(ChineseWording.field(name))）"
        case .en: return "\(option) (\(name))"
        }
    }

    /// The message of `error` in `language`, its field named by its option.
    static func describe(_ error: GovDeskError, _ language: Language) -> String {
        if let ticket = error as? TicketError, case .invalidField(let name, let message) = ticket {
            return TicketError.invalidField(name: label(name, language), message: message).message(language)
        }
        if let hall = error as? HallError, case .invalidField(let name, let message) = hall {
            return HallError.invalidField(name: label(name, language), message: message).message(language)
        }
        return error.message(language)
    }
}

/// `--limit` of every list (issue 13): how many rows it shows; its last line says how many it showed of how many
/// matched (`显示 200 / 共 230 件，用 --limit 调整`).
struct ListLimit: ParsableArguments {
    @Option(
        help: "At most this many rows (1 to 100000; default 200). The last line says how many matched.",
        transform: DecimalOption.integer(1...100_000))
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

/// Numeric options as people type them (and as scripts should): plain decimal digits, a minus sign for a negative
/// number, nothing else. Swift's own parsing would take `+5` and `05`, and `Double` takes `0x10`, `1e1` and `0x1p4`:
/// such forms are refused, with what is allowed, before anything is read or written (exit 64).
enum DecimalOption {
    /// Why a value was refused; ArgumentParser prints it after "The value 'X' is invalid for '--option <option>'".
    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    /// The digits of a plain decimal number: an optional `-`, then 1 to `maxDigits` ASCII digits without a leading
    /// zero (but `0` itself).
    private static func digits(_ text: String, maxDigits: Int, signed: Bool) -> (negative: Bool, digits: Substring)? {
        var rest = Substring(text)
        let negative = signed && rest.first == "-"
        if negative { rest = rest.dropFirst() }
        guard (1...maxDigits).contains(rest.count), rest.allSatisfy({ $0.isASCII && $0.isNumber }),
            rest == "0" || rest.first != "0", !(negative && rest == "0")
        else { return nil }
        return (negative, rest)
    }

    private static func rule(_ range: ClosedRange<Int>?) -> String {
        "use a whole number in plain decimal digits"
            + (range.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? "")
            + " (no +, leading zeros, spaces, decimal point, hexadecimal or exponent)"
    }

    /// A whole number in plain form. `documented` is the option's range, named in the message; the range itself is
    /// checked where the option's rule lives (its `validate()` or the engine), whose messages say the same.
    static func integer(_ documented: ClosedRange<Int>? = nil) -> (String) throws -> Int {
        { text in
            guard let (negative, digits) = digits(text, maxDigits: 18, signed: true), let magnitude = Int(digits) else {
                throw Refused(description: rule(documented))
            }
            return negative ? -magnitude : magnitude
        }
    }

    /// A generator seed: any whole number from 0 to 18446744073709551615.
    static func seed(_ text: String) throws -> UInt64 {
        guard let (_, digits) = digits(text, maxDigits: 20, signed: false), let value = UInt64(digits) else {
            throw Refused(description: "use a whole number from 0 to \(UInt64.max) in plain decimal digits")
        }
        return value
    }

    /// Evaluation points: -100 to 100, with at most two decimals (scores are shown to hundredths): `5`, `-2.5`.
    static func points(_ text: String) throws -> Double {
        let refused = Refused(
            description: "use a number from -100 to 100 in plain decimal digits, with at most two decimals such as 5 "
                + "or -2.5 (no +, leading zeros, hexadecimal or exponent)")
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        func isDigits(_ s: Substring) -> Bool { s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...3).contains(whole.count), isDigits(whole), whole == "0" || whole.first != "0" else { throw refused }
        if parts.count == 2 { guard (1...2).contains(parts[1].count), isDigits(parts[1]) else { throw refused } }
        guard let value = Double(text), value.isFinite, (-100...100).contains(value) else { throw refused }
        return value
    }
}
