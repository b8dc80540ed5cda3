import GovDeskCore

/// The entries of one seed file, each with its path for messages (`windows[3]`), and the checks every seed file
/// makes of its entries: each failure is one `ConfigError` naming the file and the entry's field.
struct SeedEntries<Entry: StrictEntry> {
    /// The display name of the file, as `SeedLoader.file` gives it.
    let file: String
    let entries: [(at: String, entry: Entry)]

    /// Decodes `seeds/NAME.yaml` as `File` and takes its list of entries.
    init<File: Decodable>(
        _ listName: String, _ list: KeyPath<File, [Strict<Entry>]>, from source: (text: String, file: String)
    ) throws {
        file = source.file
        entries = try YAMLDecoding.decode(File.self, text: source.text, file: source.file)[keyPath: list]
            .enumerated().map { ("\(listName)[\($0.offset)]", $0.element.entry) }
    }

    /// `AT.FIELD: MESSAGE` in this file.
    func failure(_ at: String, _ field: String, _ message: String) -> ConfigError {
        ConfigError(file: file, message: CLIText.seedField(at: at, field: field, message).phrase)
    }

    /// A department or window code: 1–16 ASCII letters or digits.
    func checkDepartmentCode(_ code: String, at: String) throws {
        guard Codes.isValidDepartmentCode(code) else {
            throw failure(at, "code", "'\(code)' is not allowed; use \(Codes.departmentCodeRule)")
        }
    }

    /// A staff code: 1–32 ASCII letters, digits, - _ or .
    func checkStaffCode(_ code: String, at: String) throws {
        guard Codes.isValidStaffCode(code) else {
            throw failure(at, "code", "'\(code)' is not allowed; use \(Codes.staffCodeRule)")
        }
    }

    /// `department` names a department of departments.yaml.
    func checkDepartment(_ department: String, at: String, in known: Set<String>) throws {
        guard known.contains(department) else {
            throw failure(at, "department", "'\(department)' is not a department of departments.yaml")
        }
    }
}

extension SeedLoader {
    /// The entries of `seeds/NAME.yaml`, or nil when there is no such file.
    func entries<File: Decodable, Entry>(
        _ name: String, _ list: KeyPath<File, [Strict<Entry>]>
    ) throws -> SeedEntries<Entry>? {
        try file(name).map { try SeedEntries(name, list, from: $0) }
    }
}

/// An entry of a seed file whose `CodingKeys` list every key allowed; it decodes by the synthesized `init(from:)`.
protocol StrictEntry: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

/// An entry read strictly: a key its `CodingKeys` do not list is refused before the entry is decoded.
struct Strict<Entry: StrictEntry>: Decodable {
    let entry: Entry

    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(Entry.CodingKeys.self)
        entry = try Entry(from: decoder)
    }
}
