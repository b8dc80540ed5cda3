import Foundation

// Every Chinese message of GovDeskCore: its errors, and the wording its errors carry (`CoreText`). The English ones
// are in Messages+en.swift.

/// How the Chinese messages list things: `甲、乙或丙`.
public enum ChineseWording {
    public static func list(_ items: [String], joiner: String = "或") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: "、") + joiner + items.last!
    }

    /// `cgj1（承办人）`, or `cgj1（无角色）`.
    public static func actor(_ code: String, _ roles: [Role]) -> String {
        "\(code)（\(roles.isEmpty ? "无角色" : roles.map(\.chineseLabel).joined(separator: "、"))）"
    }

    /// The roles that may, with the administrator's label: `督办或系统管理员`.
    public static func roles(_ roles: [Role]) -> String { list(roles.map(\.chineseLabel)) }

    /// What may be done now: `现在可以：签收、退单` or `现在不能做任何操作`.
    public static func allowed(_ labels: [String]) -> String {
        labels.isEmpty ? "现在不能做任何操作" : "现在可以：\(labels.joined(separator: "、"))"
    }
}

extension TicketError {
    public var chineseMessage: String {
        switch self {
        case .notAllowed(let number, let state, let action, let allowed):
            return "工单 \(number) 当前为「\(state.chineseLabel)」，不能\(action.chineseLabel)；"
                + ChineseWording.allowed(allowed.map(\.chineseLabel))
        case .roleDenied(let actor, let roles, let action, let needed):
            return "\(ChineseWording.actor(actor, roles)) 无权\(action.chineseLabel)：需要\(ChineseWording.roles(needed))角色"
        case .departmentDenied(let actor, let department, let number, let lead, let action):
            let target = lead.map { "已派给 \($0)" } ?? "没有主办单位"
            return "\(department) 的 \(actor) 不能\(action.chineseLabel)工单 \(number)：该工单\(target)；只有主办单位的承办人可以"
        case .ownWork(let actor, let number, let action, let earlier):
            let others = TicketMachine.rule(for: action).map { ChineseWording.roles($0.neededRoles) } ?? "他人"
            return "\(actor) 不能\(action.chineseLabel)工单 \(number)：该工单的\(earlier.chineseLabel)是本人所做，"
                + "不能自己审核自己的工作；须由其他\(others)办理"
        case .extensionPending(let number, let days):
            return "工单 \(number) 已有一项 \(days) 个工作日的延期申请待审批；须由督办先批准或驳回"
        case .noPendingExtension(let number):
            return "工单 \(number) 没有待审批的延期申请；主办单位用 `ticket extend` 申请"
        case .noDeadline(let number):
            return "工单 \(number) 没有办理期限，无法延期"
        case .deadlinePassed(let number, let action, let deadline):
            let what: String
            switch action {
            case .approveExtension:
                what = "待审批的延期已不能批准；请驳回（`govdesk ticket deny-extension \(number)`）：工单已超期，答复按已过的期限计算"
            case .returnTicket: what = "已不能退单：退单须在期限之前；工单已超期，须答复（按超期计）"
            case .merge: what = "已不能合并：合并的重复件不计入当月统计，而该工单已超期；须由主办单位答复（按超期计）"
            default: what = "延期须在期限之前申请并获批准；工单已超期"
            }
            return "工单 \(number) 的办理期限 \(deadline) 已过，因此\(what)"
        case .alreadyRevisited(let number):
            return "工单 \(number) 本次办结已回访过；每次办结只回访一次"
        case .invalidMergeTarget(let number, let target, let reason):
            return "工单 \(number) 不能并入 \(Printable.quoted(target))：\(reason.chinese)"
        case .invalidField(let name, let message):
            return "\(ChineseWording.field(name))：\(message.chinese)"
        case .unknownTicket(let number):
            return "没有工单 \(Printable.quoted(number))；`govdesk ticket list` 列出工单"
        }
    }
}

extension HallError {
    public var chineseMessage: String {
        switch self {
        case .unknownWindow(let code):
            return "没有窗口 \(Printable.quoted(code))；`govdesk window list` 列出窗口"
        case .unknownItem(let code):
            return "没有事项 \(Printable.quoted(code))；`govdesk item list` 列出事项"
        case .unknownOfficer(let code):
            return "没有体验员 \(Printable.quoted(code))；`govdesk officer list` 列出体验员"
        case .unknownCase(let number):
            return "没有办件 \(Printable.quoted(number))；`govdesk case list` 列出办件"
        case .unknownFinding(let number):
            return "没有整改事项 \(Printable.quoted(number))；`govdesk finding list` 列出整改事项"
        case .itemNotAtWindow(let item, let window, let windows):
            let at = windows.isEmpty ? "没有窗口受理" : "受理窗口为 \(windows.joined(separator: "、"))"
            return "事项 \(item) 不在窗口 \(window) 受理；\(at)"
        case .inactive(let what, let code): return "\(what.chinese) \(code) 已停用"
        case .caseNotAllowed(let number, let state, let action, let allowed):
            return "办件 \(number) 当前为「\(state.chineseLabel)」，不能\(action.chineseLabel)；"
                + ChineseWording.allowed(allowed.map(\.chineseLabel))
        case .findingNotAllowed(let number, let state, let action, let allowed):
            return "整改事项 \(number) 当前为「\(state.chineseLabel)」，不能\(action.chineseLabel)；"
                + ChineseWording.allowed(allowed.map(\.chineseLabel))
        case .roleDenied(let actor, let roles, let action, let needed):
            return "\(ChineseWording.actor(actor, roles)) 无权\(action.chinese)：需要\(ChineseWording.roles(needed))角色"
        case .windowDenied(let actor, let window, let action):
            return "\(actor) 不在窗口 \(window) 工作，不能\(action.chinese)该窗口的办件；只有该窗口的工作人员（或系统管理员）可以"
        case .ownWork(let actor, let record, let action, let earlier, let others):
            let finding = record.hasPrefix("ZG")
            let rule = finding ? "不能核验自己报告的整改" : "不能评价自己经办的办件"
            let what = finding ? "整改事项" : "办件"
            return "\(actor) 不能\(action.chinese)\(what) \(record)：其\(earlier.chinese)由 \(actor) 所做，\(rule)；"
                + "须由其他\(ChineseWording.roles(others))办理"
        case .ownScore(let actor):
            return "\(actor) 不能给自己记手工分；须由其他督办记录"
        case .sameMaterialsAgain(let number):
            return "办件 \(number) 已要求补正同样的材料，同一清单不重复记录（再次要求补正须列出仍缺的材料，并计为违反一次性告知）"
        case .alreadyRated(let number):
            return "办件 \(number) 已评价过；每件只评价一次"
        case .invalidField(let name, let message): return "\(ChineseWording.field(name))：\(message.chinese)"
        case .monthFinalized(let month):
            return "\(month) 的考评已定稿，不再重算或修改"
        case .noEvaluation(let month):
            return "\(month) 尚无考评；请督办先运行 `govdesk eval run --month \(month)`"
        case .monthNotOver(let month, let endsOn, let action):
            return "\(month) 尚未结束（\(endsOn) 00:00 结束），其考评还不能\(action.chinese)；只有已结束的月份可以考评"
        }
    }
}

extension CalendarError {
    public var chineseMessage: String {
        switch self {
        case .noData(let year, let loaded):
            let have = loaded.isEmpty ? "无" : loaded.map(String.init).joined(separator: "、")
            return "没有 \(year) 年的工作日历（已载入：\(have)）；"
                + "请管理员用 `govdesk calendar add 文件` 载入国务院办公厅的节假日通知（本系统的 YAML 或 holiday-cn JSON）"
        case .invalidData(let year, let message):
            return "\(year) 年工作日历：\(message.chinese)"
        case .invalidCount(let n):
            return "工作日数 \(n) 不允许；请用 0 到 366 的整数"
        case .yearExists(let year, let notice):
            return "\(year) 年的工作日历已载入（\(Printable.quoted(notice))）；如要换成修订后的通知，加 --replace"
        }
    }
}

extension Permission {
    /// What the permission allows, in Chinese (its raw value is the English).
    public var chineseLabel: String {
        switch self {
        case .addCalendar: return "载入工作日历"
        case .backup: return "备份数据库"
        case .referenceData: return "修改基础数据"
        case .officers: return "管理体验员"
        case .issueLetters: return "发督办函"
        case .recordRating: return "录入评价"
        case .setPassword: return "设置他人的密码"
        case .manageAPIClients: return "管理接口客户端"
        case .evaluation: return "运行考评"
        case .importTickets: return "导入工单"
        case .exportData: return "导出数据"
        case .exportPersonalData: return "导出个人信息"
        case .backdate: return "补录"
        case .closeMonth: return "月结"
        case .setRules: return "修改规则"
        case .readAudit: return "查看审计日志"
        case .readCallerData: return "查看来电人姓名和电话"
        case .readApplicantData: return "查看申请人姓名和电话"
        }
    }
}

extension PermissionError {
    public var chineseMessage: String {
        "\(ChineseWording.actor(actor, roles)) 无权\(permission.chineseLabel)：需要"
            + ChineseWording.roles([Role.admin] + permission.roles) + "角色"
            + (also.map { "，或者是\($0.chinese)" } ?? "")
    }
}

extension FirstAdministratorError {
    public var chineseMessage: String { message.chinese }
}

extension PasswordError {
    public var chineseMessage: String {
        switch self {
        case .tooShort(let length): return "密码只有 \(length) 个字符；至少需要 \(PasswordPolicy.minimumLength) 个"
        case .tooLong(let bytes):
            return "密码的 UTF-8 编码有 \(bytes) 字节；bcrypt 最多读取 \(PasswordPolicy.maximumBytes) 字节（约 24 个汉字），请用短一些的密码"
        case .blank: return "密码只有空格"
        case .controlCharacter: return "密码含有控制字符（制表符或换行？）"
        case .notUTF8: return "密码不是有效的 UTF-8 文本（终端是否为 GBK 编码？）；请在 UTF-8 终端中输入"
        }
    }
}

extension StoredValueError {
    public var chineseMessage: String {
        switch self {
        case .outOfRange(let record, let field, let stored, let allowed):
            return "\(ChineseWording.subject(record))：保存的\(ChineseWording.field(field)) "
                + "\(Printable.quoted(stored, limit: 40)) 超出范围（\(allowed.lowerBound) 到 \(allowed.upperBound)）；"
                + "请运行 `govdesk db check`"
        case .instantOutOfRange(let record, let field, let stored):
            return "\(ChineseWording.subject(record))：保存的\(ChineseWording.field(field)) "
                + "\(Printable.quoted(stored, limit: 40)) 不是公元 1 年至 10000 年之间的时间（1970 年起的秒数，"
                + "\(StoredInstant.range.lowerBound) 到 \(StoredInstant.range.upperBound)），记录已损坏；请运行 `govdesk db check`"
        case .tooManyEvents(let record, let maximum):
            return "\(ChineseWording.subject(record)) 已有 \(maximum) 个事件，达到上限；不能再添加"
        }
    }
}

extension ImportError {
    public var chineseMessage: String {
        switch self {
        case .cell(let file, let row, let line, let column, let message):
            return "\(file)：第 \(row) 行（文件第 \(line) 行），列「\(column)」：\(message.chinese)；未导入任何数据"
        case .missingColumn(let file, let key, let column, let available):
            return "\(file) 没有列「\(column)」（映射键 \(key)）；它的列为：" + available.joined(separator: "、")
        case .unknownDepartment(let mapping, let key, let code):
            return "\(mapping)：\(key)：没有单位 \(code)；`govdesk dept list` 列出单位代码"
        case .noHeader(let file):
            return "\(file) 是空文件；需要一个带表头行的 CSV 文件"
        case .duplicateSourceId(let file, let row, let line, let column, let id):
            return "\(file)：第 \(row) 行（文件第 \(line) 行），列「\(column)」：来源编号 \(id) 在前面的行中已出现；"
                + "每行须有自己的编号；未导入任何数据"
        case .actorDenied(let actor):
            return "\(actor) 无权导入工单；受理员、派单员、督办或系统管理员可以"
        }
    }
}

extension CSVError {
    public var chineseMessage: String {
        line > 0 ? "\(file) 第 \(line) 行：\(message.chinese)" : "\(file)：\(message.chinese)"
    }
}

extension ReplayError {
    public var chineseMessage: String {
        switch self {
        case .inconsistent(let number, let sequence, let message):
            let record = ChineseWording.subject(Self.record(numbered: number))
            return "\(record) \(number) 第 \(sequence) 个事件：\(message.chinese)"
        }
    }
}

extension LetterError {
    public var chineseMessage: String {
        switch self {
        case .notAllowed(let actor, let roles):
            return "\(ChineseWording.actor(actor, roles)) 无权发督办函；只有督办或系统管理员可以"
        case .unknownLetter(let number):
            return "没有督办函 \(Printable.quoted(number))；`govdesk letters list` 列出督办函编号"
        }
    }
}

extension ChineseWording {
    /// A field's name in Chinese; an option (`--days`) stays as typed.
    public static func field(_ name: String) -> String {
        if name.hasPrefix("-") { return name }
        return fieldNames[name] ?? name
    }

    static let fieldNames: [String: String] = [
        "intake": "受理信息", "description": "诉求内容", "topic": "诉求分类", "caller name": "来电人姓名", "phone": "电话",
        "address": "地址", "street": "街道", "reason": "理由", "note": "备注", "text": "内容", "source": "来源",
        "applicant name": "申请人姓名", "windows": "受理窗口", "event count": "事件数", "name": "名称",
        "department": "所属单位", "roles": "角色", "committed days": "承诺时限", "caller": "来电人",
        "deadline": "办理期限", "signDeadline": "签收期限", "at": "时间", "recordedAt": "录入时间", "createdAt": "受理时间",
        "closedAt": "办结时间", "due": "期限", "receivedAt": "受理时间", "ratedAt": "评价时间", "endsAt": "截止时间",
        "computedAt": "计算时间", "finalizedAt": "定稿时间", "reply text": "答复内容", "answer text": "解答内容",
        "outcome": "办理结果", "type": "类型", "days": "天数", "score": "评分", "materials": "补正材料",
        "action": "操作", "into": "合并到", "kind": "类别", "lead": "主办单位", "officer": "体验员", "resolved": "是否解决",
        "satisfaction": "满意度", "window": "窗口", "item": "事项",
    ]

    /// A record named in English words (`ticket 20250303-000001`, `window W01`), in Chinese: its first words
    /// translated, the code kept.
    public static func subject(_ subject: String) -> String {
        for (english, chinese) in subjectWords where subject == english || subject.hasPrefix(english + " ") {
            return chinese + subject.dropFirst(english.count)
        }
        return subject
    }

    /// Longest first, so that `service item` wins over `item`.
    static let subjectWords: [(String, String)] = [
        ("experience officer", "体验员"), ("service item", "事项"), ("staff member", "工作人员"), ("department", "单位"),
        ("ticket", "工单"), ("case", "办件"), ("finding", "整改事项"), ("letter", "督办函"), ("window", "窗口"),
        ("item", "事项"), ("officer", "体验员"), ("staff", "工作人员"), ("topic", "诉求分类"), ("score", "考评加减分"),
        ("evaluation", "考评"), ("calendar", "工作日历"), ("rating", "评价"),
    ]
}

extension CoreText {
    public var chinese: String {
        switch self {
        case .mustNotBeEmpty: return "不能为空"
        case .tooManyCharacters(let count, let maximum): return "有 \(count) 个字符（重音等组合符号各算一个）；最多 \(maximum) 个"
        case .containsNUL: return "含有 NUL 字符，不允许"
        case .notATopicPath(let path): return "「\(path)」不是诉求分类路径；最多三级，如 城市管理/市容环境/占道经营"
        case .notAPhoneNumber: return "不是电话号码；请用数字，可带 +、- 或空格（5 到 20 位数字）"
        case .coIsLead(let lead): return "\(lead) 是主办单位；协办单位须是另一个单位"
        case .coNamedTwice: return "同一协办单位写了两次"
        case .extensionDays(let days): return "\(days) 不允许；请申请 1 到 30 个工作日"
        case .satisfaction(let n): return "\(n) 不允许；请用 1（非常不满意）到 5（非常满意）"
        case .sameTicket: return "是同一张工单"
        case .mergeTargetClosed(let target, let state): return "\(target) 当前为「\(state.chineseLabel)」；只能并入未办结的工单"
        case .alsoCallerData(let number): return "接听该来电的受理员，或 \(number) 主办、协办单位的承办人"
        case .alsoWindowStaff(let window): return "窗口 \(window) 的工作人员"
        case .reporterNeeded(let source): return "「\(source.chineseLabel)」来源的整改事项须写明发现人（体验员代码或工作人员代码）"
        case .ratingFindingByRating: return "差评整改事项由评价办件产生"
        case .findingDays(let days): return "\(days) 不允许；请给 1 到 90 个工作日"
        case .score(let n): return "\(n) 不允许；请用 1（非常不满意）到 5（非常满意）"
        case .findingAction(let action): return "\(action.chineseLabel)整改事项"
        case .findingOfDepartment(let action, let department):
            return "\(action.chineseLabel) \(department) 的整改事项（承办人只能处理本单位的）"
        case .notHolidayCN(let detail):
            return "不是 holiday-cn JSON（应为含 year 和 days 的对象，days 每项有 name、date、isOffDay）：\(detail)"
        case .notADate(let text): return "「\(text)」不是日期 YYYY-MM-DD"
        case .yearRange: return "年份须在 2000 到 2100 之间"
        case .noticeMissing: return "缺少来源通知；请写明"
        case .noHolidays: return "没有列出任何节假日；每年的通知都有（元旦、春节、国庆节……）：请检查文件"
        case .dayNotInYear(let day, let name, let year): return "\(day)（\(name)）不在 \(year) 年"
        case .dayWithoutName(let day): return "\(day) 没有名称；请写明所属节日"
        case .holidayAndMakeUp(let day): return "\(day) 同时列为节假日和调休上班日"
        case .listedTwice(let day): return "\(day) 列了两次"
        case .makeUpNotWeekend(let day, let name): return "调休上班日 \(day)（\(name)）不是星期六或星期日"
        case .adminCode(let code): return "--admin \(code) 不允许；请用 \(Codes.chineseStaffCodeRule)"
        case .noCentre(let code):
            return "--admin \(code)：种子数据中没有在用的中心类单位来安置新的系统管理员；"
                + "请在 departments.yaml 中加一个，或指定 staff.yaml 中的一名工作人员"
        case .demoTickets: return "--tickets 至少为 1"
        case .demoEmptyPeriod: return "演示期间为空；--months 至少为 1"
        case .demoZoneChanges(let zone): return "时区 \(zone) 在演示期间改变偏移；请用没有夏令时的时区，如 Asia/Shanghai"
        case .demoCalendar(let first, let now, let through, let loaded):
            return "演示期间 \(first) 到 \(now) 需要 \(first) 到 \(through) 的工作日历（--now 之后的期限），"
                + "但只载入了 \(loaded) 年；请用更早的 --now 或更少的 --months"
        case .notATimestamp(let value, let allowed): return "「\(value)」不是格式为 \(allowed) 的时间"
        case .notATimestampHidden(let characters, let allowed):
            return "该值（\(characters) 个字符，可能含个人信息，不显示）不是格式为 \(allowed) 的时间"
        case .notAStoredTime(let value): return "「\(value)」不是公元 1 年至 10000 年之间的时间"
        case .notMapped(let value, let key, let known):
            return "「\(value)」没有映射（\(key).values），也没有 \(key).default；已知的值：" + known.joined(separator: "、")
        case .fieldCount(let count, let header): return "有 \(count) 个字段，表头有 \(header) 个；请检查多余的逗号或引号"
        case .emptySourceId: return "来源编号为空；每行都须有"
        case .emptyCreationTime: return "受理时间为空；每行都须有"
        case .closedWithoutTime(let status): return "状态「\(status)」表示已办结，但没有办结时间"
        case .closesBeforeCreated: return "办结时间早于受理时间"
        case .emptyTopic: return "诉求分类为空，topic.default 也没有给出"
        case .noSuchFile: return "文件不存在；请检查路径"
        case .isAFolder: return "是文件夹；请给出其中的 CSV 文件"
        case .cannotOpenForReading: return "无法打开读取；请检查权限"
        case .cannotRead(let detail): return "无法读取：\(detail)"
        case .notUTF8(let field): return "第 \(field) 个字段不是 UTF-8 文本；请把文件存为 UTF-8（如 Excel 的「CSV UTF-8」）"
        case .textAfterQuote: return "字段的右引号后还有文字；引号字段中的引号须写两次（\"\"）"
        case .quoteNeverClosed: return "本行开始的引号字段没有结束；请检查不成对的引号"
        case .noFirstEvent(let record): return "历史不是以编号为 1 的\(record.chineseFirstEvent)事件开始"
        case .firstEventLacks(.ticket): return "受理事件缺少受理信息"
        case .firstEventLacks(.windowCase): return "受理事件缺少事项、窗口或到期时间"
        case .firstEventLacks(.finding): return "创建事件缺少来源、类别、单位或描述"
        case .firstEventGoes(let record, let from, let to):
            return "\(record.chineseFirstEvent)事件从 \(from ?? "无") 到 \(to)，而不是从无到 open"
        case .expectedEvent(let n): return "下一个应是第 \(n) 个事件"
        case .eventCount(let record, let n): return "\(record.chinese)记有 \(n) 个事件"
        case .startsFrom(let record, let from, let state):
            return "事件的起始状态为 \(from ?? "无")，而\(record.chinese)的状态为 \(state)"
        case .secondFirstEvent(let record): return "第二个\(record.chineseFirstEvent)事件"
        case .visits(let recorded, let counted): return "事件记有跑动 \(recorded) 次，办件为 \(counted) 次"
        case .recomputationWithoutDue: return "期限重算事件没有到期时间"
        case .noDeadlineRecorded(let action): return "它的 \(action) 事件没有记录期限"
        case .figureDiffers(let path, let stored, let now):
            return "\(path) 保存的是 \(stored.chinese)，现在算出 \(now.chinese)"
        case .moreFigures(let count): return "另有 \(count) 项"
        }
    }
}

extension FigureValue {
    var chinese: String {
        switch self {
        case .nothing: return "空值"
        case .text(let text): return Printable.quoted(text)
        case .number(let number): return number
        case .entries(let count): return "\(count) 项的列表"
        case .other: return "另一种值"
        }
    }
}

extension ReplayedRecord {
    var chinese: String {
        switch self {
        case .ticket: return "工单"
        case .windowCase: return "办件"
        case .finding: return "整改事项"
        }
    }

    var chineseFirstEvent: String { self == .finding ? "创建" : "受理" }
}

extension Codes {
    /// `staffCodeRule` in Chinese.
    public static let chineseStaffCodeRule =
        "1 到 32 个 ASCII 字母、数字、- _ 或 .，且不能是 `system`（不分大小写，前后带不带 - _ . 都一样）"
}
