import Foundation
import GovDeskCore
import GovDeskStore

/// The action forms of the ticket page (DESIGN §12): one per action the state machine allows in the ticket's state
/// and the signed-in staff member's roles allow (`TicketMachine.rules`, the same table the command line obeys). A form
/// shown is a convenience, not a permission: the store decides again when it is posted, and its refusal is what the
/// page then shows.
struct TicketActions {
    let language: Language

    /// The forms `staff` sees on `ticket`, in the table's order. `departments` (code, name) fill the dispatch form,
    /// `hint` is the department that usually leads the ticket's topic.
    /// `refused` is a form just refused, with what was typed in it: its fields come back filled, nothing retyped.
    /// `now` hides the extension, approve-extension, return and merge forms once the deadline has passed (the store
    /// refuses them then).
    func forms(
        for ticket: Ticket, staff: StaffMember, pastActors: [TicketAction: Set<String>] = [:],
        departments: [(code: String, name: String)], hint: String?,
        now: Date, refused: (action: TicketAction, form: Form)? = nil
    ) -> [[String: Any]] {
        TicketMachine.allowedActions(in: ticket.state).sorted { Self.rank($0) < Self.rank($1) }.compactMap { action in
            guard Self.slugs[action] != nil, Self.mayTry(action, on: ticket, staff: staff, pastActors: pastActors)
            else { return nil }
            switch action {
            case .extend where ticket.pendingExtension != nil || (ticket.deadline ?? .distantFuture) <= now: return nil
            case .returnTicket, .merge: if (ticket.deadline ?? .distantFuture) <= now { return nil }
            case .approveExtension, .denyExtension:
                if ticket.pendingExtension == nil { return nil }
                // An extension is approved before the deadline or not at all; denying it stays possible.
                if action == .approveExtension, (ticket.deadline ?? .distantFuture) <= now { return nil }
            case .revisit where ticket.revisitedAt != nil: return nil
            default: break
            }
            let shown = form(action, ticket: ticket, departments: departments, hint: hint)
            guard let refused, refused.action == action else { return shown }
            return Self.refill(shown, with: refused.form)
        }
    }

    /// A form's fields with the values that were posted: text typed, options chosen, boxes ticked.
    static func refill(_ form: [String: Any], with typed: Form) -> [String: Any] {
        var form = form
        let fields = (form["fields"] as? [[String: Any]] ?? []).map { field -> [String: Any] in
            var field = field
            guard let name = field["name"] as? String else { return field }
            let chosen = Set(typed.all[name] ?? [])
            if let options = field["options"] as? [[String: Any]] {
                field["options"] = options.map { option -> [String: Any] in
                    var option = option
                    let value = option["value"] as? String ?? ""
                    if field["checkboxes"] != nil {
                        option["checked"] = chosen.contains(value)
                    } else if typed[name] != nil {
                        option["selected"] = typed[name] == value
                    }
                    return option
                }
            } else if let value = typed[name] {
                field["value"] = value
            }
            return field
        }
        form["fields"] = fields
        return form
    }

    /// The forms' order on the page: the step that moves the ticket on first, sending it back or aside last.
    static func rank(_ action: TicketAction) -> Int {
        let order: [TicketAction] = [
            .sign, .reply, .approve, .dispatch, .resolve, .approveExtension, .denyExtension, .reject, .revisit, .urge,
            .extend, .reopen, .returnTicket, .merge,
        ]
        return order.firstIndex(of: action) ?? order.count
    }

    /// Whether the table lets `staff` take `action` on `ticket` by role and, where it says so, by department.
    static func mayTry(
        _ action: TicketAction, on ticket: Ticket, staff: StaffMember, pastActors: [TicketAction: Set<String>] = [:]
    ) -> Bool {
        (try? TicketMachine.authorize(action, by: staff, on: ticket, pastActors: pastActors)) != nil
    }

    /// The path segment of each action a form may post (`/tickets/{number}/{slug}`): the action's own name.
    static let slugs: [TicketAction: String] = Dictionary(
        uniqueKeysWithValues: TicketCommandForm.actions.map { ($0, $0.rawValue) })

    static func action(slug: String) -> TicketAction? {
        TicketAction(rawValue: slug).flatMap { slugs[$0] == nil ? nil : $0 }
    }

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    private var words: Words { Words(language) }

    private func form(
        _ action: TicketAction, ticket: Ticket, departments: [(code: String, name: String)], hint: String?
    ) -> [String: Any] {
        let departmentOptions = departments.map { department in
            ["value": department.code, "label": "\(Printable.escaped(department.name))（\(department.code)）"]
        }
        var fields: [[String: Any]] = []
        var note: String?
        switch action {
        case .resolve:
            fields = [textarea("text", t("答复内容", "Answer"), max: 4000)]
            note = t("当场答复、无需派单的诉求直接办结。", "A call answered at once, with nothing to dispatch, closes here.")
        case .dispatch:
            let lead = departmentOptions.map { option -> [String: Any] in
                var option: [String: Any] = option
                option["selected"] = option["value"] as? String == hint
                return option
            }
            fields = [
                select("lead", t("主办单位", "Lead department"), options: lead),
                checkboxes("co", t("协办单位（可选）", "Co departments (optional)"), options: departmentOptions),
            ]
            if let hint {
                let name =
                    departments.first { $0.code == hint }.map { "\(Printable.escaped($0.name))（\(hint)）" } ?? hint
                note = t("派单提示：此类诉求通常由 \(name) 主办。", "Dispatch hint: usually led by \(name).")
            }
        case .sign:
            note = t("签收后开始计算办理时限。", "The handling deadline starts when you sign.")
        case .returnTicket:
            fields = [textarea("reason", t("退单理由", "Reason for returning"), max: 2000)]
        case .extend:
            fields = [
                number("days", t("延期天数（工作日）", "Extra working days"), min: 1, max: 30),
                textarea("reason", t("延期理由", "Reason"), max: 2000),
            ]
        case .approveExtension:
            if let pending = ticket.pendingExtension {
                note = t(
                    "申请延期 \(pending.days) 个工作日：\(Printable.escaped(pending.reason))",
                    "\(pending.days) working days asked: \(Printable.escaped(pending.reason))")
            }
        case .denyExtension:
            fields = [textarea("reason", t("不予批准的理由（可选）", "Reason (optional)"), max: 2000, required: false)]
        case .reply:
            fields = [
                textarea("text", t("答复内容", "Reply"), max: 4000),
                select(
                    "outcome", t("办理情况", "Outcome"),
                    options: [["value": "", "label": t("请选择", "Choose")]]
                        + ReplyOutcome.allCases.map { ["value": $0.rawValue, "label": words.label($0)] }),
            ]
        case .approve:
            let reply = ticket.replyText.map { Printable.escaped($0, keepsLines: true) } ?? "—"
            let outcome = ticket.replyOutcome.map { words.label($0) } ?? "—"
            note = t(
                "答复（\(outcome)）：\(reply)\n审核通过后工单办结。",
                "Reply (\(outcome)): \(reply)\nApproving closes the ticket.")
        case .reject:
            fields = [textarea("reason", t("驳回理由", "Reason for rejecting"), max: 2000)]
        case .revisit:
            fields = [
                select(
                    "satisfaction", t("满意度", "Satisfaction"),
                    options: (1...5).reversed().map { ["value": String($0), "label": satisfactionLabel($0)] }),
                select(
                    "resolved", t("是否解决", "Resolved"),
                    options: RevisitResolution.allCases.map { ["value": $0.rawValue, "label": words.label($0)] }),
                textarea("note", t("回访备注（可选）", "Note (optional)"), max: 2000, required: false),
            ]
        case .reopen:
            fields = [textarea("reason", t("重办理由", "Reason for reopening"), max: 2000)]
        case .merge:
            fields = [line("into", t("并入工单编号", "Merge into ticket"), max: 40)]
            note = t("重复诉求并入另一张未办结的工单。", "A duplicate is folded into another open ticket.")
        case .urge:
            fields = [textarea("note", t("催办说明（可选）", "Note (optional)"), max: 2000, required: false)]
        default:
            break
        }
        var values: [String: Any] = [
            "action": action.rawValue, "title": words.label(action), "fields": fields,
            "button": words.label(action),
            // Sending a ticket back or aside: a grey button, apart from the step that moves it on.
            "secondary": [.returnTicket, .merge, .reject, .denyExtension, .reopen].contains(action),
        ]
        values["note"] = note
        return values
    }

    private func satisfactionLabel(_ score: Int) -> String {
        let zh = [1: "非常不满意", 2: "不满意", 3: "基本满意", 4: "满意", 5: "非常满意"]
        let en = [
            1: "very dissatisfied", 2: "dissatisfied", 3: "fairly satisfied", 4: "satisfied", 5: "very satisfied",
        ]
        return "\(score) · " + ((language == .zh ? zh : en)[score] ?? "")
    }

    private func textarea(_ name: String, _ label: String, max: Int, required: Bool = true) -> [String: Any] {
        ["textarea": true, "name": name, "label": label, "max": max, "required": required]
    }

    private func line(_ name: String, _ label: String, max: Int) -> [String: Any] {
        ["line": true, "name": name, "label": label, "max": max, "required": true]
    }

    private func number(_ name: String, _ label: String, min: Int, max: Int) -> [String: Any] {
        ["numeric": true, "name": name, "label": label, "min": min, "max": max, "required": true]
    }

    private func select(_ name: String, _ label: String, options: [[String: Any]]) -> [String: Any] {
        ["select": true, "name": name, "label": label, "options": options, "required": true]
    }

    private func checkboxes(_ name: String, _ label: String, options: [[String: Any]]) -> [String: Any] {
        ["checkboxes": true, "name": name, "label": label, "options": options]
    }
}

/// A posted action form read into the command the store applies: the same `TicketCommand` as the command line's.
/// Missing or malformed values are refused here with the field named; everything else (lengths, ranges, states,
/// roles) the core and the store decide.
enum TicketCommandForm {
    /// The actions people take through the ticket page.
    static let actions: [TicketAction] = [
        .resolve, .dispatch, .sign, .returnTicket, .extend, .approveExtension, .denyExtension, .reply, .approve,
        .reject, .revisit, .reopen, .merge, .urge,
    ]

    static func command(_ action: TicketAction, from form: Form) throws -> TicketCommand {
        let text = { (name: String) in form.text(name) ?? "" }
        switch action {
        case .resolve: return .resolve(text: text("text"))
        case .dispatch:
            guard let lead = form.text("lead") else {
                throw TicketError.invalidField(
                    name: "lead", message: Phrase(chinese: "请选择主办单位", english: "choose the lead department"))
            }
            var co: [String] = []
            for code in form.values("co") where code != lead && !co.contains(code) { co.append(code) }
            return .dispatch(lead: lead, co: co)
        case .sign: return .sign
        case .returnTicket: return .returnTicket(reason: text("reason"))
        case .extend:
            guard let days = form.text("days").flatMap({ Int($0) }) else {
                throw TicketError.invalidField(
                    name: "days",
                    message: Phrase(
                        chinese: "延期天数须为 1 至 30 的整数", english: "the extra days must be a whole number from 1 to 30"))
            }
            return .extend(days: days, reason: text("reason"))
        case .approveExtension: return .approveExtension
        case .denyExtension: return .denyExtension(reason: form.text("reason"))
        case .reply:
            // The outcome is the liaison's own statement and counts in the report: never a default (the command
            // line requires --outcome too).
            guard let outcome = form["outcome"].flatMap(ReplyOutcome.init(rawValue:)) else {
                throw TicketError.invalidField(name: "outcome", message: outcomeChoices)
            }
            return .reply(text: text("text"), outcome: outcome)
        case .approve: return .approve
        case .reject: return .reject(reason: text("reason"))
        case .revisit:
            guard let satisfaction = form.text("satisfaction").flatMap({ Int($0) }) else {
                throw TicketError.invalidField(
                    name: "satisfaction",
                    message: Phrase(chinese: "请选择满意度（1 至 5）", english: "choose the satisfaction (1 to 5)"))
            }
            guard let resolved = form["resolved"].flatMap(RevisitResolution.init(rawValue:)) else {
                throw TicketError.invalidField(
                    name: "resolved",
                    message: Phrase(
                        chinese: "请选择是否解决：" + RevisitResolution.allCases.map { $0.label(.zh) }.joined(separator: "、"),
                        english: "choose whether it was resolved: "
                            + RevisitResolution.allCases.map { $0.label(.en) }.joined(separator: ", ")))
            }
            return .revisit(satisfaction: satisfaction, resolved: resolved, note: form.text("note"))
        case .reopen: return .reopen(reason: text("reason"))
        case .merge:
            guard let target = form.text("into"), RecordNumberShape.isPlausible(target) else {
                throw TicketError.invalidField(
                    name: "into",
                    message: Phrase(chinese: "请填写要并入的工单编号", english: "give the number of the ticket to merge into"))
            }
            // The store looks the target's state up in the same transaction.
            return .merge(into: target, targetState: .received)
        case .urge: return .urge(note: form.text("note"))
        default:
            throw TicketError.invalidField(
                name: "action", message: Phrase(chinese: "无此操作", english: "no such action"))
        }
    }

    /// What a reply's outcome may be, for the refusal of a form without one.
    static let outcomeChoices = Phrase(
        chinese: "请选择办理结果：" + ReplyOutcome.allCases.map { $0.label(.zh) }.joined(separator: "、"),
        english: "choose the outcome: " + ReplyOutcome.allCases.map { $0.label(.en) }.joined(separator: ", "))
}
