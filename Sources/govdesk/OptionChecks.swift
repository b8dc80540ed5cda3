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

    /// `--name`: not blank and at most `limit` characters.
    static func name(_ name: String, atMost limit: Int) throws {
        guard nonEmpty(name) != nil, name.count <= limit else {
            throw ValidationError("--name must be 1 to \(limit) characters")
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
