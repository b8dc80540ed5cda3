import ArgumentParser
import Foundation
import GovDeskCore
import GovDeskStore

/// A kind of reference data as the deactivate and reactivate commands name it.
protocol ReferenceNoun {
    static var kind: ReferenceKind { get }
    static var noun: String { get }
}

enum DepartmentNoun: ReferenceNoun {
    static let kind = ReferenceKind.department
    static let noun = "department"
}
enum StaffNoun: ReferenceNoun {
    static let kind = ReferenceKind.staff
    static let noun = "staff member"
}
enum WindowNoun: ReferenceNoun {
    static let kind = ReferenceKind.window
    static let noun = "window"
}
enum ItemNoun: ReferenceNoun {
    static let kind = ReferenceKind.item
    static let noun = "service item"
}
enum TopicNoun: ReferenceNoun {
    static let kind = ReferenceKind.topic
    static let noun = "topic"
}

enum OfficerNoun: ReferenceNoun {
    static let kind = ReferenceKind.officer
    static let noun = "experience officer"
}

/// `deactivate CODE` of a kind of reference data (DESIGN §11.1): its history stays, it takes no new work. Nothing
/// is ever deleted.
struct Deactivate<Noun: ReferenceNoun>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "deactivate",
            abstract: "Deactivate a \(Noun.noun): its history stays, it takes no new work (audited). Nothing is ever "
                + "deleted.")
    }
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The code.") var code: String

    func run() throws { try ReferenceOutput.setActive(global, Noun.kind, code, false) }
}

/// `reactivate CODE`: the record takes new work again.
struct Reactivate<Noun: ReferenceNoun>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "reactivate", abstract: "Reactivate a \(Noun.noun): it takes new work again (audited).")
    }
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The code.") var code: String

    func run() throws { try ReferenceOutput.setActive(global, Noun.kind, code, true) }
}

/// One place for what every reference change prints.
enum ReferenceOutput {
    static func setActive(_ global: GlobalOptions, _ kind: ReferenceKind, _ code: String, _ active: Bool) throws {
        let context = try CommandContext(global)
        try context.database().setActive(kind, code: code, active: active, actor: context.actorCode, at: context.now)
        done(context, kind, code, active ? ("已恢复", "reactivated") : ("已停用", "deactivated"))
    }

    static func done(_ context: CommandContext, _ kind: ReferenceKind, _ code: String, _ verb: (String, String)) {
        if context.json {
            Output.print(Output.json(["kind": kind.rawValue, "code": code, "done": verb.1]))
        } else {
            Output.print(context.language == .zh ? "\(verb.0) \(code)" : "\(verb.1) \(code)")
        }
    }

    static func edit(_ context: CommandContext, _ kind: ReferenceKind, _ code: String, _ edit: ReferenceEdit) throws {
        try context.database().edit(kind, code: code, edit, actor: context.actorCode, at: context.now)
        done(context, kind, code, ("已修改", "changed"))
    }
}

extension Dept {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change a department's name or kind (an administrator; audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The department code.") var code: String
        @Option(help: "The new full name.") var name: String?
        @Option(help: "centre, bureau, subdistrict or enterprise.") var kind: Department.Kind?
        func run() throws {
            try ReferenceOutput.edit(
                try CommandContext(global), .department, code, ReferenceEdit(name: name, departmentKind: kind))
        }
    }
}

extension Staff {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a staff member's name, department or roles (an administrator; audited).",
            discussion: "--role replaces all roles: repeat it for each. Example: staff edit cgj3 --role liaison")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff code.") var code: String
        @Option(help: "The new name.") var name: String?
        @Option(help: "The new department code.") var dept: String?
        @Option(help: "A role; repeat for each role the person is to have (replaces the roles).") var role: [Role] = []
        func run() throws {
            try ReferenceOutput.edit(
                try CommandContext(global), .staff, code,
                ReferenceEdit(name: name, department: dept, roles: role.isEmpty ? nil : Set(role)))
        }
    }
}

extension WindowGroup {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change a window's name or hall area (an administrator; audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The window code.") var code: String
        @Option(help: "The new name.") var name: String?
        @Option(help: "The hall area.") var area: String?
        func run() throws {
            try ReferenceOutput.edit(try CommandContext(global), .window, code, ReferenceEdit(name: name, area: area))
        }
    }
}

extension ItemGroup {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a service item's name or committed working days, for cases received from now on "
                + "(an administrator; audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The item code.") var code: String
        @Option(help: "The new name.") var name: String?
        @Option(
            help: "承诺时限 in working days; 0 is 即办.",
            transform: DecimalOption.integer(0...ServiceItem.maximumCommittedDays))
        var days: Int?
        func run() throws {
            try ReferenceOutput.edit(
                try CommandContext(global), .item, code, ReferenceEdit(name: name, committedDays: days))
        }
    }
}

extension OfficerGroup {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change an experience officer's name or phone (officer-admin; audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The officer code.") var code: String
        @Option(help: "The new name.") var name: String?
        @Option(help: "The new phone (masked in the audit log).") var phone: String?
        func run() throws {
            try ReferenceOutput.edit(
                try CommandContext(global), .officer, code, ReferenceEdit(name: name, phone: phone))
        }
    }
}

extension Staff {
    struct Bind: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bind",
            abstract: "Bind a staff member to an operating-system account (an administrator; audited).",
            discussion: """
                Once any binding exists, govdesk acts only as the staff member bound to the user who runs it, and \
                refuses another --actor: on a shared server, who you are is then proved by your login, not claimed. \
                The first binding must be your own account. Example: staff bind cgj1 --os-user zhangwei
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff code.") var code: String
        @Option(help: "The operating-system user name.") var osUser: String

        func run() throws {
            let context = try CommandContext(global)
            try context.database().bind(
                osUser: osUser, to: code, callerOSUser: CommandContext.osUser(), actor: context.actorCode,
                at: context.now)
            ReferenceOutput.done(context, .staff, code, ("已绑定 \(osUser) →", "bound \(osUser) →"))
        }
    }

    struct Unbind: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unbind", abstract: "Remove an operating-system account's binding (an administrator; audited)."
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The operating-system user name.") var osUser: String

        func run() throws {
            let context = try CommandContext(global)
            try context.database().unbind(
                osUser: osUser, callerOSUser: CommandContext.osUser(), actor: context.actorCode, at: context.now)
            ReferenceOutput.done(context, .staff, osUser, ("已解除绑定", "unbound"))
        }
    }

    struct Bindings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bindings", abstract: "List which operating-system accounts act as which staff members.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListLimit

        func run() throws {
            let context = try CommandContext(global)
            let (bindings, matched) = list.cut(try context.database().bindings())
            if context.json {
                Output.print(Output.json(bindings.map { ["osUser": $0.osUser, "staff": $0.staff] }))
                return
            }
            let zh = context.language == .zh
            Output.print(
                Output.table(zh ? ["系统用户", "工作人员"] : ["OS user", "staff"], bindings.map { [$0.osUser, $0.staff] }))
            Output.print(
                bindings.isEmpty
                    ? (zh ? "没有绑定：--actor 只是声明。" : "No bindings: --actor is a claim.")
                    : listFooter(bindings.count, of: matched, unit: ("个绑定", "bindings"), language: context.language))
        }
    }
}
