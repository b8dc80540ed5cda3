import Foundation
import GovDeskCore

extension SeedLoader {
    /// Adds windows.yaml, items.yaml and officers.yaml (each optional) to the reference data, checking every
    /// reference against the departments, staff and windows already read.
    func loadHall(into reference: inout ReferenceData) throws {
        let departments = Set(reference.departments.map(\.code))
        let staff = Dictionary(uniqueKeysWithValues: reference.staff.map { ($0.code, $0) })
        if let f = try entries("windows", \WindowsFile.windows) {
            var seen = Set<String>()
            var staffed: [String: String] = [:]
            for (at, w) in f.entries {
                try f.checkDepartmentCode(w.code, at: at)
                guard seen.insert(w.code).inserted else { throw f.failure(at, "code", "\(w.code) is listed twice") }
                try f.checkDepartment(w.department, at: at, in: departments)
                for code in w.staff ?? [] {
                    guard let member = staff[code] else {
                        throw f.failure(at, "staff", "'\(code)' is not in staff.yaml")
                    }
                    guard member.roles.contains(.window) else {
                        throw f.failure(at, "staff", "'\(code)' does not have the window role")
                    }
                    if let other = staffed[code] {
                        throw f.failure(at, "staff", "'\(code)' already works at window \(other)")
                    }
                    staffed[code] = w.code
                }
                reference.windows.append(
                    ServiceWindow(
                        code: w.code, name: w.name, department: w.department, area: w.area, staff: w.staff ?? []))
            }
        }
        let windows = Set(reference.windows.map(\.code))
        if let f = try entries("items", \ItemsFile.items) {
            var seen = Set<String>()
            for (at, item) in f.entries {
                guard Codes.isValidDepartmentCode(item.code), seen.insert(item.code).inserted else {
                    throw f.failure(
                        at, "code", "'\(item.code)' is listed twice or not \(Codes.departmentCodeRule)")
                }
                try f.checkDepartment(item.department, at: at, in: departments)
                guard (0...ServiceItem.maximumCommittedDays).contains(item.committedDays) else {
                    throw f.failure(
                        at, "committedDays",
                        "\(item.committedDays) is not allowed; use 0 (即办) to \(ServiceItem.maximumCommittedDays)")
                }
                guard !item.windows.isEmpty else { throw f.failure(at, "windows", "list at least one window") }
                for w in item.windows where !windows.contains(w) {
                    throw f.failure(at, "windows", "'\(w)' is not a window of windows.yaml")
                }
                reference.items.append(
                    ServiceItem(
                        code: item.code, name: item.name, department: item.department,
                        committedDays: item.committedDays, windows: item.windows))
            }
        }
        if let f = try entries("officers", \OfficersFile.officers) {
            var seen = Set<String>()
            for (at, o) in f.entries {
                guard Codes.isValidStaffCode(o.code), seen.insert(o.code).inserted else {
                    throw f.failure(at, "code", "'\(o.code)' is listed twice or not allowed")
                }
                guard let background = OfficerBackground(label: o.background) else {
                    throw f.failure(
                        at, "background",
                        "'\(o.background)' is not allowed; use "
                            + OfficerBackground.allCases.map(\.chineseLabel).joined(separator: ", "))
                }
                reference.officers.append(
                    Officer(code: o.code, name: o.name, background: background, phone: o.phone ?? ""))
            }
        }
    }
}

struct WindowsFile: Decodable {
    struct Entry: StrictEntry {
        var code: String
        var name: String
        var department: String
        var area: String?
        var staff: [String]?

        enum CodingKeys: String, CodingKey, CaseIterable { case code, name, department, area, staff }
    }

    var windows: [Strict<Entry>]
}

struct ItemsFile: Decodable {
    struct Entry: StrictEntry {
        var code: String
        var name: String
        var department: String
        var committedDays: Int
        var windows: [String]

        enum CodingKeys: String, CodingKey, CaseIterable { case code, name, department, committedDays, windows }
    }

    var items: [Strict<Entry>]
}

struct OfficersFile: Decodable {
    struct Entry: StrictEntry {
        var code: String
        var name: String
        var background: String
        var phone: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case code, name, background, phone }
    }

    var officers: [Strict<Entry>]
}
