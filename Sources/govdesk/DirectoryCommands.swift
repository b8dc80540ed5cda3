import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

extension Department.Kind: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}

/// `govdesk init`: creates the database and loads the reference data of `seeds/`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database and load departments and staff from seeds/ (or the built-in seeds).",
        discussion: """
            Examples:
              govdesk --db govdesk.sqlite init --admin admin    # production
              govdesk --db walk.sqlite init --training          # training (培训环境)
              govdesk --db shared.sqlite init --group govdesk   # shared, 0660
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The seeds folder. Defaults to ./seeds when it exists, else the seeds built into govdesk.")
    var seeds: String?
    @Flag(help: "Also fill the new database with the generated demo data set (as `govdesk demo` does).")
    var demo = false
    @Flag(
        help:
            "Make a training database (培训环境): its clock is --now, nothing counts as backdated. A database never changes kind."
    )
    var training = false
    @Option(
        help: ArgumentHelp(
            "The first administrator: a staff member of the seeds gains the role; another code becomes a new staff "
                + "member of the hotline centre. Without it the seeds must name one.", valueName: "CODE"))
    var admin: String?
    @Option(help: ArgumentHelp("The name of a new administrator made by --admin.", valueName: "NAME"))
    var adminName: String?
    @Option(
        help: ArgumentHelp(
            "Share the new database with this operating-system group: it and its companion files, backups and "
                + "personal-data exports are group-readable and -writable (0660). Otherwise only you may read them "
                + "(0600).", valueName: "NAME"))
    var group: String?
    @OptionGroup var demoOptions: DemoDataOptions

    func validate() throws {
        if adminName != nil, admin == nil { throw ValidationError(CLIText.adminNameNeedsAdmin.early) }
        if let adminName { try OptionChecks.name(adminName, atMost: 50) }
    }

    /// The kind this `init` makes.
    var kind: DatabaseKind { demo || training ? .training : .production }

    /// A database never changes kind (DESIGN §11.2): `init` of the other kind on an existing one is refused.
    func requireKind(_ found: DatabaseKind?, _ context: CommandContext) throws {
        guard let found, found != kind else { return }
        let asked = kind == .training ? (demo ? "init --demo" : "init --training") : "init"
        throw Refusal(.kindNeverChanges(path: context.databasePath, foundTraining: found == .training, asked: asked))
    }

    func run() throws {
        let context = try CommandContext(global)
        var reference = try SeedLoader.resolve(option: seeds).referenceData()
        let topics = try TopicTree.load(context.loader)
        reference.topics = try TopicTree.nodes(context.loader)
        // Checked before the file is made: a topic's usual lead department must be one of the seeds'.
        let known = Set(reference.departments.map(\.code))
        if let stray = reference.topics.first(where: { !known.contains($0.department) }) {
            throw UsageError(.strayTopic(topics.file, Printable.quoted(stray.path), stray.department))
        }
        if let admin { try reference.namingAdministrator(admin, name: adminName) }
        guard reference.hasActiveAdministrator else {
            throw UsageError(.noAdministrator)
        }
        var groupID: gid_t?
        if let group {
            guard let entry = getgrnam(group) else {
                throw UsageError(.noSuchGroup(Printable.quoted(group)))
            }
            groupID = entry.pointee.gr_gid
            if FileManager.default.fileExists(atPath: context.databasePath) {
                throw UsageError(.groupOnExisting(context.databasePath))
            }
        }
        // After the usage checks (a malformed command line is that first), before anything is written: read from
        // the file's header (a database made before the mark is checked once it is open).
        try requireKind(GovDeskDatabase.kind(ofFileAt: context.databasePath), context)
        var builder: DemoBuilder?
        if demo {
            try demoOptions.validate()
            builder = try DemoBuilder(context: context, options: demoOptions, reference: reference)
        }
        let existed = FileManager.default.fileExists(atPath: context.databasePath)
        let database = try context.database(creating: kind, group: groupID)
        if existed { try requireKind(database.kind, context) }
        do {
            try fill(database, reference: reference, builder: builder, context: context)
        } catch {
            // A database this run made and could not fill is removed: nothing half-made is left (DESIGN §11.3).
            if !existed, (try? database.isInitialized()) != true {
                GovDeskDatabase.removeFiles(of: context.databasePath)
            }
            throw error
        }
    }

    private func fill(
        _ database: GovDeskDatabase, reference: ReferenceData, builder: DemoBuilder?, context: CommandContext
    ) throws {
        if try database.isInitialized() {
            let message = "\(context.databasePath) is already initialised; nothing changed"
            Output.print(context.json ? Output.json(["database": context.databasePath, "created": false]) : message)
            return
        }
        try database.load(
            reference, rules: try context.configuration.rulesDocument(),
            calendarYears: try context.loader.calendarFiles(),
            at: context.now)
        try database.recordAudit(
            actor: Codes.systemActor, action: "init",
            details: [
                "kind": database.kind.rawValue,
                "administrators": reference.staff.filter { $0.active && $0.roles.contains(.admin) }.map(\.code)
                    .joined(separator: ","),
            ].merging(group.map { ["group": $0] } ?? [:]) { a, _ in a }, at: context.now)
        if let builder {
            defer { builder.progress.finish() }
            let summary = try builder.populate(database)
            builder.progress.stage("生成月报", "rendering the monthly report")
            let report = try builder.report(month: summary.reportMonth, database: database)
            builder.progress.finish()
            builder.print(summary, path: context.databasePath)
            if let report { Output.print("\n" + report) }
            return
        }
        if context.json {
            Output.print(
                Output.json([
                    "database": context.databasePath, "created": true, "departments": reference.departments.count,
                    "staff": reference.staff.count, "windows": reference.windows.count, "items": reference.items.count,
                    "officers": reference.officers.count,
                ]))
        } else {
            Output.print(
                "\(context.databasePath): \(reference.departments.count) departments, \(reference.staff.count) staff, "
                    + "\(reference.windows.count) windows, \(reference.items.count) service items, "
                    + "\(reference.officers.count) experience officers loaded")
        }
    }
}

/// `govdesk dept add|list`.
struct Dept: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dept",
        abstract: "Departments that tickets are sent to.",
        subcommands: [Add.self, List.self, Edit.self, Deactivate<DepartmentNoun>.self, Reactivate<DepartmentNoun>.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a department.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "1–16 ASCII letters or digits, e.g. CGJ.") var code: String
        @Option(help: "The department's full name.") var name: String
        @Option(help: "centre, bureau, subdistrict or enterprise.") var kind: Department.Kind = .bureau

        func validate() throws {
            try OptionChecks.departmentCode(code)
            try OptionChecks.name(name, atMost: 100)
        }

        func run() throws {
            let context = try CommandContext(global)
            let department = Department(code: code, name: name.trimmingCharacters(in: .whitespaces), kind: kind)
            try context.database().addDepartment(department, actor: context.actorCode, at: context.now)
            Output.print(
                context.json
                    ? Output.json(["code": code, "name": department.name])
                    : "\(code) \(Printable.escaped(department.name))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List departments.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            let (departments, matched) = list.cut(try context.database().departments())
            if context.json {
                Output.print(
                    Output.json(
                        departments.map {
                            ["code": $0.code, "name": $0.name, "kind": $0.kind.rawValue, "active": $0.active]
                                as [String: Any]
                        }))
            } else {
                let zh = context.language == .zh
                Output.print(
                    Output.table(
                        zh ? ["代码", "名称", "类别", "状态"] : ["code", "name", "kind", "status"],
                        departments.map {
                            [
                                $0.code, $0.name, $0.kind.label(context.language),
                                Self.status($0.active, zh: zh),
                            ]
                        }))
                Output.print(
                    listFooter(departments.count, of: matched, unit: ("个单位", "departments"), language: context.language)
                )
            }
        }
    }
}

/// `govdesk staff add|list`.
struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Staff who act in GovDesk, with their roles.",
        subcommands: [
            Add.self, List.self, Edit.self, Deactivate<StaffNoun>.self, Reactivate<StaffNoun>.self, Bind.self,
            Unbind.self, Bindings.self,
        ] + ServiceCommands.staff)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a staff member.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "1–32 ASCII letters, digits, - _ or ., e.g. cgj3.") var code: String
        @Option(help: "The person's name.") var name: String
        @Option(help: "The department's code.") var dept: String
        @Option(
            help:
                "A role; repeat for several: operator, dispatcher, liaison, reviewer, supervisor, window, officer-admin, admin."
        )
        var role: [Role]

        func validate() throws {
            try OptionChecks.staffCode(code)
            try OptionChecks.name(name, atMost: 100)
            guard !role.isEmpty else { throw ValidationError(CLIText.needsRole.early) }
        }

        func run() throws {
            let context = try CommandContext(global)
            let member = StaffMember(
                code: code, name: name.trimmingCharacters(in: .whitespaces), department: dept, roles: Set(role))
            try context.database().addStaff(member, actor: context.actorCode, at: context.now)
            if context.json {
                Output.print(
                    Output.json(["code": code, "department": dept, "roles": member.sortedRoles.map(\.rawValue)]))
            } else {
                Output.print(
                    "\(code) \(Printable.escaped(member.name)) (\(dept): \(member.sortedRoles.map(\.rawValue).joined(separator: ", ")))"
                )
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List staff.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this department's staff.") var dept: String?
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            if let dept { _ = try database.department(dept) }
            let (staff, matched) = list.cut(try database.staff(department: dept))
            if context.json {
                Output.print(
                    Output.json(
                        staff.map {
                            [
                                "code": $0.code, "name": $0.name, "department": $0.department,
                                "roles": $0.sortedRoles.map(\.rawValue), "active": $0.active,
                            ] as [String: Any]
                        }))
            } else {
                let zh = context.language == .zh
                Output.print(
                    Output.table(
                        zh ? ["代码", "姓名", "单位", "角色", "状态"] : ["code", "name", "department", "roles", "status"],
                        staff.map {
                            [
                                $0.code, $0.name, $0.department,
                                $0.sortedRoles.map { $0.label(context.language) }.joined(separator: "、"),
                                Self.status($0.active, zh: zh),
                            ]
                        }))
                Output.print(listFooter(staff.count, of: matched, unit: ("名工作人员", "staff"), language: context.language))
            }
        }
    }
}

extension ParsableCommand {
    /// A reference record's status column in lists: 在用 or 已停用.
    static func status(_ active: Bool, zh: Bool) -> String {
        active ? (zh ? "在用" : "active") : (zh ? "已停用" : "inactive")
    }
}
