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

    /// `--name`: not blank and at most `limit` characters.
    static func name(_ name: String, atMost limit: Int) throws {
        guard nonEmpty(name) != nil, name.count <= limit else {
            throw ValidationError(CLIText.nameLength(limit).early)
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
