import Foundation
import GovDeskCore
import GovDeskStore
import Hummingbird

/// What the window case pages and the finding pages share (`/cases`, `/findings`): a kind of hall record with its
/// words, its two paged lists, the action forms posted to `/{kind}/{number}/{action}`, its timeline and its
/// not-found page. Each controller keeps only what is its kind's own: its columns, its filters, its creation form.
struct HallRecordPages {
    let desk: Desk
    /// `/cases` or `/findings`.
    let path: String
    /// The record's name, as a page says "没有编号为 … 的办件" or "There is no case …".
    let noun: (zh: String, en: String)

    /// The window cases' pages.
    static func cases(_ desk: Desk) -> HallRecordPages {
        HallRecordPages(desk: desk, path: "/cases", noun: (zh: "办件", en: "case"))
    }

    /// The findings' pages.
    static func findings(_ desk: Desk) -> HallRecordPages {
        HallRecordPages(desk: desk, path: "/findings", noun: (zh: "整改事项", en: "finding"))
    }

    /// The routes every hall record has: the list, the creation form and its post, the record's page and its forms.
    static func addRoutes(
        to group: RouterGroup<DeskContext>, path: String, list: @escaping HallHandler, showNew: @escaping HallHandler,
        create: @escaping HallHandler, show: @escaping HallHandler, act: @escaping HallHandler
    ) {
        group.get(RouterPath(path), use: list)
        group.get(RouterPath(path + "/new"), use: showNew)
        group.post(RouterPath(path), use: create)
        group.get(RouterPath(path + "/{number}"), use: show)
        group.post(RouterPath(path + "/{number}/{action}"), use: act)
    }

    typealias HallHandler = @Sendable (Request, DeskContext) async throws -> Response

    /// One of a list page's two lists (`hallList`): its heading with the tally, its rows, and its pager, which keeps
    /// the other list's page in the address.
    func list(
        heading: String, page: Paging, rows: [[String: Any]], total: Int, kept: [(String, String)], name: String,
        _ words: Words
    ) -> [String: Any] {
        [
            "heading": heading, "tally": page.tally(shown: rows.count, total: total, words), "rows": rows,
            "hasRows": !rows.isEmpty,
            "pager": page.links(total: total, path: path, keeping: kept.filter { $0.0 != name }, words, name: name)
                .map { $0 as Any } ?? false,
        ]
    }

    /// A form of a record's page (`/{kind}/{number}/{action}`): the action named in the address, the session's token,
    /// then `perform` — one store call as the session's staff member at the server's clock — and back to the record's
    /// page; a refusal shows the store's message on the page (`page`), the form filled in, and a record that does not
    /// exist (`isMissing`) the not-found page.
    func act<Action: RawRepresentable<String>>(
        _ request: Request, context: DeskContext, action parse: (String) -> Action?,
        perform: @escaping @Sendable (GovDeskDatabase, Action, Form, _ actor: String) throws -> Void,
        isMissing: (any GovDeskError) -> Bool,
        page: (HTTPResponse.Status, String, (action: Action, form: Form)) async throws -> Response
    ) async throws -> Response where Action: Sendable {
        let signed = try context.requireIdentity()
        let number = try context.parameters.require("number")
        let slug = try context.parameters.require("action")
        guard let action = parse(slug) else {
            let words = Words(context.language)
            return desk.page(
                "message", title: words.t("无此操作", "No such action"), values: [:], context: context,
                status: .notFound,
                error: words.t(
                    "\(noun.zh)没有 \(Printable.quoted(slug, limit: 40)) 这一操作。",
                    "A \(noun.en) has no action \(Printable.quoted(slug, limit: 40))."))
        }
        let form = try await Form.read(request)
        guard form.carries(csrf: signed.csrfToken) else { return desk.refusedForm(context: context) }
        let actor = signed.staff.code
        do {
            try await desk.store { database in try perform(database, action, form, actor) }
            return Desk.redirect(to: "\(path)/\(number)?done=\(action.rawValue)")
        } catch let error as GovDeskError {
            if isMissing(error) { return notFound(number, context: context) }
            return try await page(HallActions.status(of: error), error.message(context.language), (action, form))
        }
    }

    /// "已完成：签收。" when the record's last event is `done` by this person and nothing was refused.
    static func notice<Action: Labelled & RawRepresentable<String> & Equatable>(
        done: Action?, error: String?, last: (action: Action, actor: String)?, staff: String, _ words: Words
    ) -> String? {
        guard let done, error == nil, let last, last.action == done, last.actor == staff else { return nil }
        return words.t("已完成：\(words.label(done))。", "Done: \(words.label(done)).")
    }

    /// One row of a record's timeline: when, what, the states, who, and the `shown` details (key, zh, en) in that
    /// order after any `first` lines; and when it was recorded, if more than a minute after it took effect (补录).
    func timelineRow<Action: Labelled & RawRepresentable<String>, State: Labelled & RawRepresentable<String>>(
        sequence: Int, at: Date, recordedAt: Date?, action: Action, from: State?, to: State, actor: String,
        details: [String: String], shown: [(String, String, String)], first: [String] = [], language: Language,
        names: HallNames
    ) -> [String: Any] {
        let words = Words(language)
        let colon = language == .zh ? "：" : ": "
        let lines =
            first
            + shown.compactMap { key, zh, en in
                details[key].flatMap {
                    $0.isEmpty ? nil : "\(language == .zh ? zh : en)\(colon)\(Printable.escaped($0))"
                }
            }
        var values: [String: Any] = [
            "sequence": sequence, "at": desk.time(at), "eventAction": words.label(action),
            "states": (from.map { words.label($0) + " → " } ?? "") + words.label(to),
            "eventActor": names.person(actor), "details": lines.joined(separator: "\n"),
        ]
        if let recordedAt, recordedAt.timeIntervalSince(at) > 60 {
            values["recordedAt"] = (language == .zh ? "录入 " : "recorded ") + desk.time(recordedAt)
        }
        return values
    }

    /// The details every record's timeline shows last: the letter that pressed it and the reason for a back-dated
    /// entry.
    static let commonDetails: [(String, String, String)] = [
        (LetterDetailKey.letterNumber, "督办函", "Letter"),
        (GovDeskDatabase.backdateReasonKey, "补录理由", "Back-dating reason"),
    ]

    func notFound(_ number: String, context: DeskContext) -> Response {
        let words = Words(context.language)
        return desk.page(
            "message", title: words.t("未找到\(noun.zh)", "No such \(noun.en)"), values: [:], context: context,
            status: .notFound,
            error: words.t(
                "没有编号为 \(Printable.quoted(number, limit: 40)) 的\(noun.zh)。",
                "There is no \(noun.en) \(Printable.quoted(number, limit: 40))."))
    }
}

/// What a hall record's list page shows, read in one go off the event loop: a page of the open records (soonest
/// deadline first) and a page of the closed ones (newest first), each with its total, and how many open ones are past
/// their deadline; whose records were listed (`scope`: nil for everyone's) and the names to show beside codes.
struct HallListing<Record: Sendable, Scope: Sendable>: Sendable {
    var open: [Record] = []
    var openTotal = 0
    var overdueTotal = 0
    var closed: [Record] = []
    var closedTotal = 0
    var scope: Scope?
    var names = HallNames()
}
