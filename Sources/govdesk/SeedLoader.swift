import Foundation
import GovDeskCore

/// Reads the reference data of `seeds/` (DESIGN §5.1), falling back to the seeds the binary carries.
struct SeedLoader {
    /// The folder read, or nil for the embedded seeds.
    let directory: URL?

    /// `--seeds`, else `./seeds` when it exists, else the embedded seeds.
    static func resolve(option: String?) throws -> SeedLoader {
        SeedLoader(directory: try ConfigLoader.folder(option: option, fallback: "seeds", what: "seeds folder"))
    }

    /// The text and display name of `seeds/NAME.yaml`; nil when neither the folder nor the binary has it.
    func file(_ name: String) throws -> (text: String, file: String)? {
        if let directory {
            let url = directory.appendingPathComponent("\(name).yaml")
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return (try ConfigLoader.read(url), url.path)
        }
        return EmbeddedDefaults.seeds[name].map { ($0, "seeds/\(name).yaml (built in)") }
    }

    func referenceData() throws -> ReferenceData {
        guard let departmentsFile = try file("departments"), let staffFile = try file("staff") else {
            throw ConfigError(
                file: directory?.path ?? "seeds", .seedsRequired)
        }
        let departments = try SeedEntries("departments", \DepartmentsFile.departments, from: departmentsFile)
        let staff = try SeedEntries("staff", \StaffFile.staff, from: staffFile)
        for (at, d) in departments.entries {
            try departments.checkDepartmentCode(d.code, at: at)
        }
        let known = Set(departments.entries.map(\.entry.code))
        for (at, s) in staff.entries {
            try staff.checkStaffCode(s.code, at: at)
            try staff.checkDepartment(s.department, at: at, in: known)
        }
        var reference = ReferenceData(
            departments: departments.entries.map { Department(code: $1.code, name: $1.name, kind: $1.kind) },
            staff: staff.entries.map {
                StaffMember(code: $1.code, name: $1.name, department: $1.department, roles: Set($1.roles))
            })
        try loadHall(into: &reference)
        return reference
    }
}

struct DepartmentsFile: Decodable {
    struct Entry: StrictEntry {
        var code: String
        var name: String
        var kind: Department.Kind

        enum CodingKeys: String, CodingKey, CaseIterable { case code, name, kind }
    }

    var departments: [Strict<Entry>]
}

struct StaffFile: Decodable {
    struct Entry: StrictEntry {
        var code: String
        var name: String
        var department: String
        var roles: [Role]

        enum CodingKeys: String, CodingKey, CaseIterable { case code, name, department, roles }
    }

    var staff: [Strict<Entry>]
}
