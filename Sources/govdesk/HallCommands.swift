import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

extension OfficerBackground: ExpressibleByArgument {
    public init?(argument: String) { self.init(label: argument) }
}

extension Month: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `govdesk window add|list|show`: the hall's service windows (DESIGN §5.1).
struct WindowGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window", abstract: "Service windows of the hall and their staff.",
        subcommands: [
            Add.self, List.self, Show.self, Edit.self, Deactivate<WindowNoun>.self, Reactivate<WindowNoun>.self,
        ])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a service window.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "1–16 ASCII letters or digits, e.g. A05.") var code: String
        @Option(help: "The window's name, e.g. 企业开办综合窗口5.") var name: String
        @Option(help: "The department that runs it.") var dept: String
        @Option(help: "The hall area, e.g. 企业开办.") var area: String?
        @Option(help: "A window staff member working there; repeat for several.") var staff: [String] = []

        func validate() throws {
            try OptionChecks.departmentCode(code)
            try OptionChecks.name(name, atMost: 100)
        }

        func run() throws {
            let context = try CommandContext(global)
            let window = ServiceWindow(
                code: code, name: name.trimmingCharacters(in: .whitespaces), department: dept, area: nonEmpty(area),
                staff: staff)
            try context.database().addWindow(window, actor: context.actorCode, at: context.now)
            Output.print(
                context.json
                    ? Output.json(["code": code, "name": window.name, "department": dept, "staff": staff])
                    : "\(code) \(Printable.escaped(window.name)) (\(dept))"
                        + (staff.isEmpty ? "" : ": " + staff.joined(separator: ", ")))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List service windows.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            let (windows, matched) = list.cut(try context.database().windows())
            if context.json {
                Output.print(Output.json(windows.map(HallPresenter.json)))
                return
            }
            let t = HallPresenter(context).t
            Output.print(
                Output.table(
                    [t("代码", "code"), t("名称", "name"), t("单位", "department"), t("区域", "area"), t("工作人员", "staff")],
                    windows.map { [$0.code, $0.name, $0.department, $0.area ?? "—", $0.staff.joined(separator: ", ")] })
            )
            Output.print(listFooter(windows.count, of: matched, unit: ("个窗口", "windows"), language: context.language))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a window, its staff and its items.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The window code.") var code: String

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            let window = try database.window(code)
            let items = try database.items(window: code)
            var open = CaseFilter()
            open.window = code
            open.states = [.open]
            open.limit = 100_000
            let openCases = try database.cases(matching: open)
            let overdue = openCases.filter { $0.isOverdue(at: context.now) }.count
            if context.json {
                var object = HallPresenter.json(window)
                object["items"] = items.map(HallPresenter.json)
                object["openCases"] = openCases.count
                object["overdueCases"] = overdue
                Output.print(Output.json(object))
                return
            }
            let t = HallPresenter(context).t
            let staff = try window.staff.map { code in
                "\(code) \(Printable.escaped(try database.staffMember(code).name))"
            }
            let name = Printable.escaped(window.name)
            var lines = [
                "\(t("窗口", "Window")) \(window.code) \(name)\(window.active ? "" : t("（停用）", " (inactive)"))",
                "\(t("单位", "Department")): \(window.department)   "
                    + "\(t("区域", "Area")): \(Printable.escaped(window.area ?? "—"))",
                "\(t("工作人员", "Staff")): \(staff.isEmpty ? "—" : staff.joined(separator: ", "))",
                "\(t("在办", "Open cases")): \(openCases.count)   \(t("超期", "overdue")): \(overdue)",
                "",
            ]
            lines.append(
                Output.table(
                    [t("事项", "item"), t("名称", "name"), t("承诺时限", "committed")],
                    items.map { [$0.code, $0.name, HallPresenter.committed($0.committedDays, t)] }))
            Output.print(lines.joined(separator: "\n"))
        }
    }
}

/// `govdesk item add|list`: service items with their committed time limits (承诺时限).
struct ItemGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item", abstract: "Service items (事项) and their committed working days.",
        subcommands: [Add.self, List.self, Edit.self, Deactivate<ItemNoun>.self, Reactivate<ItemNoun>.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a service item.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "1–16 ASCII letters or digits, e.g. QY007.") var code: String
        @Option(help: "The item's name.") var name: String
        @Option(help: "The department responsible.") var dept: String
        @Option(
            help: "承诺时限 in working days after the receiving day; 0 is 即办 (same day).",
            transform: DecimalOption.integer(0...ServiceItem.maximumCommittedDays))
        var days: Int
        @Option(help: "A window that receives it; repeat for several.") var window: [String] = []

        func validate() throws {
            try OptionChecks.departmentCode(code)
            try OptionChecks.name(name, atMost: 200)
            guard (0...ServiceItem.maximumCommittedDays).contains(days) else {
                throw ValidationError(CLIText.committedDays(days).early)
            }
            guard !window.isEmpty else { throw ValidationError(CLIText.needsWindow.early) }
        }

        func run() throws {
            let context = try CommandContext(global)
            let item = ServiceItem(
                code: code, name: name.trimmingCharacters(in: .whitespaces), department: dept, committedDays: days,
                windows: window)
            try context.database().addItem(item, actor: context.actorCode, at: context.now)
            let t = HallPresenter(context).t
            Output.print(
                context.json
                    ? Output.json(HallPresenter.json(item))
                    : "\(code) \(Printable.escaped(item.name)) (\(dept), \(HallPresenter.committed(days, t))): "
                        + window.joined(separator: ", ")
            )
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List service items.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only items received at this window.") var window: String?
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            let (items, matched) = list.cut(try context.database().items(window: window))
            if context.json {
                Output.print(Output.json(items.map(HallPresenter.json)))
                return
            }
            let t = HallPresenter(context).t
            Output.print(
                Output.table(
                    [
                        t("代码", "code"), t("名称", "name"), t("单位", "department"), t("承诺时限", "committed"),
                        t("窗口", "windows"),
                    ],
                    items.map {
                        [
                            $0.code, $0.name, $0.department, HallPresenter.committed($0.committedDays, t),
                            $0.windows.joined(separator: ", "),
                        ]
                    }))
            Output.print(listFooter(items.count, of: matched, unit: ("个事项", "items"), language: context.language))
        }
    }
}

/// `govdesk officer add|list`: service experience officers (体验员).
struct OfficerGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officer", abstract: "Service experience officers (政务服务体验员).",
        subcommands: [Add.self, List.self, Edit.self, Deactivate<OfficerNoun>.self, Reactivate<OfficerNoun>.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add an experience officer (officer-admin).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "1–32 ASCII letters, digits, - _ or ., e.g. TYY18.") var code: String
        @Option(help: "The officer's name.") var name: String
        @Option(help: "党代表, 人大代表, 政协委员, 基层工作者, 社区代表 or 企业代表 (or the English names).")
        var background: OfficerBackground
        @Option(help: "Phone number (personal data: masked in listings).") var phone: String = ""

        func validate() throws {
            try OptionChecks.staffCode(code)
            try OptionChecks.name(name, atMost: 100)
            if !phone.isEmpty, !PhoneNumber.isPlausible(phone) {
                throw ValidationError(CLIText.phone.early)
            }
        }

        func run() throws {
            let context = try CommandContext(global)
            let database = try context.database()
            let officer = Officer(
                code: code, name: name.trimmingCharacters(in: .whitespaces), background: background, phone: phone)
            try database.addOfficer(officer, actor: context.actorCode, at: context.now)
            Output.print(
                context.json
                    ? Output.json(["code": code, "name": officer.name, "background": background.rawValue])
                    : "\(code) \(Printable.escaped(officer.name)) (\(background.label(context.language)))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List experience officers; phones are masked.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            let (officers, matched) = list.cut(try context.database().officers())
            if context.json {
                Output.print(
                    Output.json(
                        officers.map {
                            [
                                "code": $0.code, "name": $0.name, "background": $0.background.rawValue,
                                "phone": PersonalData.maskPhone($0.phone), "active": $0.active,
                            ] as [String: Any]
                        }))
                return
            }
            let t = HallPresenter(context).t
            Output.print(
                Output.table(
                    [t("代码", "code"), t("姓名", "name"), t("身份", "background"), t("电话", "phone")],
                    officers.map {
                        [$0.code, $0.name, $0.background.label(context.language), PersonalData.maskPhone($0.phone)]
                    }))
            Output.print(
                listFooter(officers.count, of: matched, unit: ("名体验员", "officers"), language: context.language))
        }
    }
}
