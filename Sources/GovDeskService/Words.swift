import GovDeskCore

/// The pages' fixed words in one language, handed to every template as `t`.
struct Words {
    let language: Language

    init(_ language: Language) { self.language = language }

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    var table: [String: String] {
        adminTable.merging(base) { _, base in base }
    }

    private var base: [String: String] {
        [
            "brand": t("12345 热线与政务服务大厅 · GovDesk", "12345 hotline and service hall · GovDesk"),
            "logIn": t("登录", "Log in"),
            "logOut": t("退出", "Log out"),
            "staffCode": t("工号", "Staff code"),
            "password": t("密码", "Password"),
            "queue": t("工作台", "Queue"),
            "toSign": t("待签收", "To sign"),
            "handling": t("办理中", "In hand"),
            "none": t("暂无", "None"),
            "number": t("工单编号", "Ticket"),
            "type": t("类型", "Type"),
            "topic": t("诉求分类", "Topic"),
            "state": t("状态", "State"),
            "dispatchedAt": t("派单时间", "Dispatched"),
            "signDeadline": t("签收时限", "Sign by"),
            "signedAt": t("签收时间", "Signed"),
            "deadline": t("办理时限", "Due"),
            "mark": t("80% 提醒点", "80 % mark"),
            "remaining": t("剩余", "Left"),
            "find": t("查找", "Find"),
            "findNumber": t("按工单编号查找", "Find a ticket by number"),
            "sign": t("签收", "Sign"),
            "reply": t("回复", "Reply"),
            "replyText": t("办理结果", "Reply"),
            "outcome": t("办理情况", "Outcome"),
            "timeline": t("处理记录", "Timeline"),
            "clocks": t("时限", "Clocks"),
            "when": t("时间", "When"),
            "action": t("动作", "Action"),
            "actor": t("经办人", "By"),
            "detail": t("说明", "Details"),
            "description": t("诉求内容", "Description"),
            "address": t("地址", "Address"),
            "lead": t("主办单位", "Lead department"),
            "co": t("协办单位", "Co departments"),
            "channel": t("来源渠道", "Channel"),
            "createdAt": t("受理时间", "Received"),
            "repliedAt": t("回复时间", "Replied"),
            "closedAt": t("办结时间", "Closed"),
            "onTime": t("按时办结", "On time"),
            "choose": t("请选择", "Choose"),
            "urgent": t("紧急（按自然小时计时）", "Urgent (limits in natural hours)"),
            "caller": t("来电人姓名", "Caller's name"),
            "phone": t("联系电话", "Phone"),
            "street": t("街道", "Sub-district"),
            "logCall": t("受理", "Log the call"),
            "trackHelp": t(
                "输入工单编号和来电号码的后四位，查看办理进度。不显示任何个人信息。",
                "Enter the ticket number and the last four digits of the phone you called from. No personal data is shown."
            ),
            "trackCodeHelp": t(
                "通过 App 或网站提交的诉求，可用提交时获得的六位查询码查询。",
                "A request sent through an app or a website can be looked up with the six-character code it was given."),
            "trackingCode": t("查询码", "Tracking code"),
            "phoneEnding": t("来电号码后四位", "Last four digits of your phone"),
            "track": t("查询", "Look up"),
            "answer": t("答复意见", "Answer"),
            "mergedInto": t("已并入工单", "Merged into"),
            "name": t("姓名", "Name"),
            "department": t("部门", "Department"),
            "roles": t("角色", "Roles"),
            "status": t("状态", "Status"),
            "setPassword": t("设置密码", "Set password"),
            "newPassword": t("新密码", "New password"),
            "again": t("再输一次", "Again"),
            "staffHelp": t(
                "密码至少 10 个字符；设置后该人员的网页会话立即结束。每次设置都记入审计日志。",
                "A password has at least 10 characters; setting it ends the person's web sessions. Every change is audited."
            ),
            "publicFooter": t(
                "如需帮助，请拨打 12345 政务服务便民热线。", "For help, call the 12345 government service hotline."),
            "training": t(
                "【培训环境】本系统连接的是培训数据库，所有数据均为演示数据，不是正式工作。",
                "[TRAINING] This service runs on a training database: everything here is demo data, not real work."),
            "showCaller": t("查看来电人姓名和电话（记入审计日志）", "Show the caller's name and phone (audited)"),
            "any": t("不限", "Any"),
            "searchPhone": t("按来电号码查询（记入审计日志）", "By the caller's phone (audited)"),
            "search": t("查询", "Search"),
            "pendingExtension": t("延期申请（待审批）", "Extension requested (pending)"),
            "otherRoles": t(
                "本角色的工作台将在后续版本提供；可按编号查找工单。",
                "The queue of your role comes in a later version; find a ticket by its number."),
            "loginHelp": t(
                "请使用工号和密码登录。忘记密码请联系系统管理员重新设置。",
                "Log in with your staff code and password. If you have forgotten it, ask an administrator to set a new one."
            ),
            "footer": t(
                "时间为服务器时钟；所有操作记入审计日志。", "Times are the server's clock; every action is audited."),
        ].merging(supervisionTable) { shared, _ in shared }.merging(hallTable) { ticketWord, _ in ticketWord }
    }
}

extension Words {
    /// A state, action, type, channel, outcome or role as a page shows it: the Chinese label, or in English a word
    /// for people rather than the stored code (`handling` is "In hand" on a page, whatever the command line's JSON says).
    func label<T: Labelled & RawRepresentable<String>>(_ value: T) -> String {
        guard language == .en else { return value.label(.zh) }
        if let word = Self.english[value.rawValue] { return word }
        let spaced = value.rawValue.replacingOccurrences(of: "-", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }

    static let english: [String: String] = [
        // States
        "received": "Received", "dispatched": "To sign", "handling": "In hand", "replied": "To review",
        "closed": "Closed", "merged": "Merged",
        // Actions
        "create": "Logged", "resolve": "Answer at intake", "dispatch": "Dispatch", "sign": "Sign", "return": "Return",
        "extend": "Ask for an extension", "approve-extension": "Approve the extension",
        "deny-extension": "Deny the extension", "reply": "Reply", "approve": "Approve", "reject": "Reject",
        "revisit": "Revisit", "reopen": "Reopen", "merge": "Merge", "urge": "Urge", "letter": "Supervision letter",
        "import-close": "Closed in its source system", "recompute": "Deadline recomputed",
        // Types
        "consult": "Consultation", "help": "Request for help", "complaint": "Complaint", "report": "Report",
        "suggestion": "Suggestion", "praise": "Praise",
        // Channels
        "phone": "Phone", "web": "Website", "app": "App", "wechat": "WeChat", "mailbox": "Mailbox", "other": "Other",
        // Outcomes and revisits
        "resolved": "Resolved", "partly": "Partly resolved", "unresolved": "Unresolved", "explained": "Explained",
        "yes": "Resolved", "no": "Not resolved",
        // Roles
        "operator": "Operator", "dispatcher": "Dispatcher", "liaison": "Liaison", "reviewer": "Reviewer",
        "supervisor": "Supervisor", "window": "Window staff", "officer-admin": "Officer administrator",
        "admin": "Administrator",
    ]
}
