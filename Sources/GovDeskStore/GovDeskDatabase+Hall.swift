import Foundation
import GRDB
import GovDeskCore

// MARK: - Hall reference data: windows, items, officers (DESIGN §5.1)

extension GovDeskDatabase {
    /// Loads the hall part of the seeds inside `load(_:)`'s transaction.
    func loadHall(_ reference: ReferenceData, _ db: Database) throws {
        for window in reference.windows { try insert(window, db) }
        for item in reference.items { try insert(item, db) }
        for officer in reference.officers { try insert(officer, db) }
    }

    func insert(_ window: ServiceWindow, _ db: Database) throws {
        try requireDistinctCode(window.code, in: "window", what: "window", db)
        _ = try department(window.department, db)
        try db.execute(
            sql: "INSERT INTO window (code, name, department, area, active) VALUES (?, ?, ?, ?, ?)",
            arguments: [window.code, window.name, window.department, window.area, window.active])
        for code in window.staff {
            let member = try staffMember(code, db)
            guard member.roles.contains(.window) else {
                throw HallError.invalidField(
                    name: "staff",
                    message: StoreText.notWindowStaff(code, roles: member.sortedRoles).phrase)
            }
            try db.execute(
                sql: "INSERT INTO windowStaff (window, staff) VALUES (?, ?)", arguments: [window.code, code])
        }
    }

    func insert(_ item: ServiceItem, _ db: Database) throws {
        try requireDistinctCode(item.code, in: "serviceItem", what: "service item", db)
        _ = try department(item.department, db)
        guard (0...ServiceItem.maximumCommittedDays).contains(item.committedDays) else {
            throw HallError.invalidField(
                name: "committed days",
                message: StoreText.committedDays(item.committedDays).phrase)
        }
        guard !item.windows.isEmpty else {
            throw HallError.invalidField(name: "windows", message: StoreText.itemWindows(item.code).phrase)
        }
        try db.execute(
            sql: "INSERT INTO serviceItem (code, name, department, committedDays, active) VALUES (?, ?, ?, ?, ?)",
            arguments: [item.code, item.name, item.department, item.committedDays, item.active])
        for window in Set(item.windows).sorted() {
            _ = try self.window(window, db)
            try db.execute(sql: "INSERT INTO itemWindow (item, window) VALUES (?, ?)", arguments: [item.code, window])
        }
    }

    func insert(_ officer: Officer, _ db: Database) throws {
        try requireDistinctCode(officer.code, in: "officer", what: "officer", db)
        try db.execute(
            sql: "INSERT INTO officer (code, name, background, phone, active) VALUES (?, ?, ?, ?, ?)",
            arguments: [officer.code, officer.name, officer.background.rawValue, officer.phone, officer.active])
    }

    public func windows() throws -> [ServiceWindow] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM window ORDER BY code").map { try window(from: $0, db) }
        }
    }

    public func window(_ code: String) throws -> ServiceWindow {
        try read { db in try window(code, db) }
    }

    func window(_ code: String, _ db: Database) throws -> ServiceWindow {
        let row = try row(code: code, in: "window", db, else: HallError.unknownWindow)
        return try window(from: row, db)
    }

    private func window(from row: Row, _ db: Database) throws -> ServiceWindow {
        let code: String = row["code"]
        let staff = try String.fetchAll(
            db, sql: "SELECT staff FROM windowStaff WHERE window = ? ORDER BY staff", arguments: [code])
        return ServiceWindow(
            code: code, name: row["name"], department: row["department"], area: row["area"], staff: staff,
            active: row["active"])
    }

    /// The windows a staff member works at.
    func windows(of staff: String, _ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT window FROM windowStaff WHERE staff = ?", arguments: [staff]))
    }

    /// Items, optionally only those received at `window`.
    public func items(window: String? = nil) throws -> [ServiceItem] {
        try read { db in
            if let window { _ = try self.window(window, db) }
            let sql =
                window == nil
                ? "SELECT * FROM serviceItem ORDER BY code"
                : "SELECT * FROM serviceItem WHERE code IN (SELECT item FROM itemWindow WHERE window = ?) ORDER BY code"
            return try Row.fetchAll(db, sql: sql, arguments: window.map { [$0] } ?? []).map { try item(from: $0, db) }
        }
    }

    public func item(_ code: String) throws -> ServiceItem {
        try read { db in try item(code, db) }
    }

    func item(_ code: String, _ db: Database) throws -> ServiceItem {
        let row = try row(code: code, in: "serviceItem", db, else: HallError.unknownItem)
        return try item(from: row, db)
    }

    private func item(from row: Row, _ db: Database) throws -> ServiceItem {
        let code: String = row["code"]
        let windows = try String.fetchAll(
            db, sql: "SELECT window FROM itemWindow WHERE item = ? ORDER BY window", arguments: [code])
        return ServiceItem(
            code: code, name: row["name"], department: row["department"], committedDays: row["committedDays"],
            windows: windows, active: row["active"])
    }

    public func officers() throws -> [Officer] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM officer ORDER BY code").map(Self.officer(from:)) }
    }

    func officer(_ code: String, _ db: Database) throws -> Officer {
        let row = try row(code: code, in: "officer", db, else: HallError.unknownOfficer)
        return Self.officer(from: row)
    }

    static func officer(from row: Row) -> Officer {
        Officer(
            code: row["code"], name: row["name"],
            background: OfficerBackground(rawValue: row["background"]) ?? .communityRepresentative,
            phone: row["phone"], active: row["active"])
    }

    /// `PREFIXYYYYMMDD-NNNNNN` for cases and findings: per-day series of six digits, sortable by time
    /// (`RecordNumber`); the 1,000,000th of a day is refused.
    func nextHallNumber(series: String, prefix: String, day: LocalDate, _ db: Database) throws -> String {
        let next =
            try Int.fetchOne(
                db,
                sql: """
                    INSERT INTO hallCounter (series, day, last) VALUES (?, ?, 1)
                    ON CONFLICT (series, day) DO UPDATE SET last = last + 1
                    RETURNING last
                    """, arguments: [series, day.compact]) ?? 1
        guard let number = RecordNumber.make(prefix: prefix, day: day, sequence: next) else {
            throw StoreError.numbersUsedUp(what: series, day: day.description, maximum: RecordNumber.maximumPerDay)
        }
        return number
    }
}
