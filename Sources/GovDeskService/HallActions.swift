import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// The action forms of the case and finding pages (DESIGN §5.2–5.4, §12): one per action the rule table allows in the
/// record's state and allows the signed-in staff member (`CaseMachine.rules`, `FindingMachine.rules`, the tables the
/// command line obeys). A form shown is a convenience, not a permission: the store decides again when it is posted,
/// and its refusal is what the page then shows.
struct HallActions {
    let language: Language
    /// The session's form token, which every form carries.
    let token: String

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// States, actions and kinds as pages show them (`Words.label`): in English a word, not the stored code.
    private var words: Words { Words(language) }

    // MARK: - Cases

    /// The forms `staff` (working at `actorWindows`) sees on `c`, in the table's order; `refused` comes back filled in.
    func forms(
        for c: WindowCase, staff: StaffMember, actorWindows: Set<String>, pastActors: [CaseAction: Set<String>] = [:],
        refused: (action: CaseAction, form: Form)? = nil
    ) -> [[String: Any]] {
        CaseMachine.allowedActions(in: c.state).compactMap { action in
            guard Self.caseSlugs.contains(action),
                (try? CaseMachine.authorize(
                    action, by: staff, window: c.window, actorWindows: actorWindows, pastActors: pastActors)) != nil
            else { return nil }
            if action == .rate, c.rating != nil { return nil }
            let shown = form(action, path: "/cases/\(c.number)/\(action.rawValue)")
            guard let refused, refused.action == action else { return shown }
            return Self.refill(shown, with: refused.form)
        }
    }

    /// The case actions people take through the case page: the path segment is the action's own name.
    static let caseSlugs: [CaseAction] = [.requestMaterials, .complete, .refuse, .rate]

    static func caseAction(slug: String) -> CaseAction? {
        CaseAction(rawValue: slug).flatMap { caseSlugs.contains($0) ? $0 : nil }
    }

    private func form(_ action: CaseAction, path: String) -> [String: Any] {
        var fields: [[String: Any]] = []
        var note: String?
        switch action {
        case .requestMaterials:
            fields = [textarea("materials", t("需补正的材料（一次写全）", "Missing materials (all of them at once)"), max: 2000)]
            note = t(
                "同一办件第二次要求补正即违反一次性告知，记入要求人名下。",
                "A second request on the same case breaks one-time notification and is counted against the asker.")
        case .complete:
            fields = [textarea("note", t("办结说明（可选）", "Note on the result (optional)"), max: 2000, required: false)]
        case .refuse:
            fields = [textarea("reason", t("不予办理理由", "Why it cannot be done"), max: 2000)]
        case .rate:
            fields = [
                select(
                    "score", t("评价（好差评）", "Rating"),
                    options: [("", t("请选择", "Choose"))]
                        + RatingLevel.allCases.reversed().map {
                            ("\($0.rawValue)", "\($0.rawValue) · \($0.label(language))")
                        }),
                textarea("comment", t("评价内容（可选）", "What the applicant said (optional)"), max: 2000, required: false),
                select(
                    "kind", t("差评时整改问题类别", "For a bad rating, the kind of finding it opens"),
                    options: FindingKind.allCases.map { ($0.rawValue, words.label($0)) }, chosen: "other"),
            ]
            note = t(
                "1 或 2 分为差评，自动交办整改，期限 15 个工作日。",
                "A rating of 1 or 2 is a bad rating: it opens a rectification due in 15 working days.")
        default: break
        }
        return formValues(
            path: path, title: words.label(action), fields: fields, note: note, secondary: action == .refuse)
    }

    /// A posted case form read into the command the store applies (the same as `govdesk case …` and `govdesk rate`),
    /// with the kind of finding a 差评 opens. Missing choices are refused here with the field named; texts, ranges,
    /// states and roles the core and the store decide.
    static func command(_ action: CaseAction, from form: Form) throws -> (CaseCommand, FindingKind) {
        let text = { (name: String) in form.text(name) ?? "" }
        switch action {
        case .requestMaterials: return (.requestMaterials(materials: text("materials")), .other)
        case .complete: return (.complete(note: form.text("note")), .other)
        case .refuse: return (.refuse(reason: text("reason")), .other)
        case .rate:
            guard let score = form.text("score").flatMap({ Int($0) }) else {
                throw HallError.invalidField(
                    name: "score", message: Phrase(chinese: "请选择评价（1 至 5）", english: "choose the rating (1 to 5)"))
            }
            let kind = form.text("kind").flatMap(FindingKind.init(rawValue:)) ?? .other
            return (.rate(score: score, comment: form.text("comment")), kind)
        default:
            throw HallError.invalidField(name: "action", message: Phrase(chinese: "无此操作", english: "no such action"))
        }
    }

    // MARK: - Findings

    /// The forms `staff` sees on `f`, in the table's order; `refused` comes back filled in.
    func forms(
        for f: Finding, staff: StaffMember, pastActors: [FindingAction: Set<String>] = [:],
        refused: (action: FindingAction, form: Form)? = nil
    ) -> [[String: Any]] {
        FindingMachine.allowedActions(in: f.state).compactMap { action in
            guard Self.findingSlugs.contains(action),
                (try? FindingMachine.authorize(action, by: staff, department: f.department, pastActors: pastActors))
                    != nil
            else { return nil }
            let shown = form(action, path: "/findings/\(f.number)/\(action.rawValue)")
            guard let refused, refused.action == action else { return shown }
            return Self.refill(shown, with: refused.form)
        }
    }

    /// The finding actions people take through the finding page.
    static let findingSlugs: [FindingAction] = [.assign, .rectify, .verify, .reopen]

    static func findingAction(slug: String) -> FindingAction? {
        FindingAction(rawValue: slug).flatMap { findingSlugs.contains($0) ? $0 : nil }
    }

    private func form(_ action: FindingAction, path: String) -> [String: Any] {
        let days = String(FindingMachine.defaultRectificationDays)
        var fields: [[String: Any]] = []
        switch action {
        case .assign:
            fields = [
                numeric("days", t("整改期限（工作日）", "Working days to rectify"), min: 1, max: 90, typed: days),
                textarea("note", t("交办说明（可选）", "Note to the department (optional)"), max: 2000, required: false),
            ]
        case .rectify:
            fields = [textarea("note", t("整改情况", "What was done"), max: 2000)]
        case .verify:
            fields = [textarea("note", t("核验说明（可选）", "Note on the check (optional)"), max: 2000, required: false)]
        case .reopen:
            fields = [
                textarea("reason", t("退回理由", "Why the rectification is not accepted"), max: 2000),
                numeric("days", t("新的整改期限（工作日）", "Working days for the new deadline"), min: 1, max: 90, typed: days),
            ]
        default: break
        }
        return formValues(
            path: path, title: words.label(action), fields: fields, note: nil, secondary: action == .reopen)
    }

    /// A posted finding form read into the command the store applies (the same as `govdesk finding …`).
    static func command(_ action: FindingAction, from form: Form) throws -> FindingCommand {
        func days() throws -> Int {
            guard let days = form.text("days").flatMap({ Int($0) }) else {
                throw HallError.invalidField(
                    name: "days",
                    message: Phrase(
                        chinese: "整改期限须为 1 至 90 的整数", english: "the days must be a whole number from 1 to 90"))
            }
            return days
        }
        switch action {
        case .assign: return .assign(days: try days(), note: form.text("note"))
        case .rectify: return .rectify(note: form.text("note") ?? "")
        case .verify: return .verify(note: form.text("note"))
        case .reopen: return .reopen(reason: form.text("reason") ?? "", days: try days())
        default:
            throw HallError.invalidField(name: "action", message: Phrase(chinese: "无此操作", english: "no such action"))
        }
    }

    // MARK: - Fields

    /// A form's fields with the values that were posted: text typed, options chosen.
    static func refill(_ form: [String: Any], with typed: Form) -> [String: Any] {
        var form = form
        form["fields"] = (form["fields"] as? [[String: Any]] ?? []).map { field -> [String: Any] in
            var field = field
            guard let name = field["name"] as? String, let value = typed[name] else { return field }
            if let options = field["options"] as? [[String: Any]] {
                field["options"] = options.map { option -> [String: Any] in
                    var option = option
                    option["chosen"] = option["optionValue"] as? String == value
                    return option
                }
            } else {
                field["typed"] = value
            }
            return field
        }
        return form
    }

    private func formValues(
        path: String, title: String, fields: [[String: Any]], note: String?, secondary: Bool
    ) -> [String: Any] {
        var values: [String: Any] = [
            "formPath": path, "formToken": token, "formTitle": title, "formButton": title, "fields": fields,
            "secondary": secondary,
        ]
        values["formNote"] = note
        return values
    }

    // Every key a field's template reads is set, so that none is looked up in an enclosing context.
    private func textarea(_ name: String, _ label: String, max: Int, required: Bool = true) -> [String: Any] {
        ["textarea": true, "name": name, "label": label, "max": max, "required": required, "typed": ""]
    }

    private func numeric(_ name: String, _ label: String, min: Int, max: Int, typed: String) -> [String: Any] {
        ["numeric": true, "name": name, "label": label, "min": min, "max": max, "required": true, "typed": typed]
    }

    private func select(
        _ name: String, _ label: String, options: [(String, String)], chosen: String? = nil
    ) -> [String: Any] {
        [
            "select": true, "name": name, "label": label, "required": true,
            "options": options.map { ["optionValue": $0.0, "label": $0.1, "chosen": $0.0 == chosen] as [String: Any] },
        ]
    }
}

extension HallActions {
    /// The HTTP status of a hall refusal, as `TicketController.status(of:)`: a role or window is 403, a missing case
    /// or finding 404, a state that does not allow it 409, bad input 400.
    static func status(of error: any GovDeskError) -> HTTPResponse.Status {
        switch error {
        case HallError.roleDenied, HallError.windowDenied, HallError.ownWork: return .forbidden
        case HallError.unknownCase, HallError.unknownFinding: return .notFound
        default: return TicketController.status(of: error)
        }
    }
}
