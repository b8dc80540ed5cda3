import Foundation
import GovDeskCore

// Every Chinese message of GovDeskStore: its errors, the wording its errors carry (`StoreText`), and the problems
// `db check` names (`IntegrityProblem`, `CheckSubject`, `CheckText`). The English ones are in Messages+en.swift.
// Technical details that come from SQLite or the file system stay as they were given.

/// `2025-10-01 09:00:00+08:00`: instants in Chinese messages, with their offset.
private func shown(_ date: Date, _ zone: TimeZone? = nil) -> String {
    date.formatted(Date.ISO8601FormatStyle(timeZone: zone ?? TimeZone(identifier: "Asia/Shanghai")!))
}

extension StoreError {
    public var chineseMessage: String {
        switch self.maskingAddresses {
        case .newerSchema(let path, let unknown):
            return "\(path) 由更新版本的 GovDesk 写入（本版本不认识结构变更 \(unknown.joined(separator: "、"))）；请升级 govdesk 后再打开"
        case .cannotOpen(let path, let reason):
            return "无法打开数据库 \(path)：\(reason)"
        case .storage(let message):
            return "存储失败：\(message)"
        case .outOfOrder(let subject, let at, let previous):
            return "\(ChineseWording.subject(subject))：时间为 \(shown(at)) 的记录会排在其最近一个事件"
                + "（\(shown(previous))）之前；记录的历史按时间顺序保存，不能把记录的时间写在它之前"
        case .backupExists(let path):
            return "\(path) 已存在；加 --force 用新备份替换它，或换一个文件名"
        case .backupInUse(let path, let companion):
            return "\(path) 旁边有 \(companion)，它可能是正在使用的数据库；备份不会覆盖它——请换一个文件名"
        case .missingDatabase(let path):
            return "\(path) 没有数据库；`govdesk init` 创建一个（`govdesk demo` 创建演示库），或用 --db 给出正确的路径"
        case .schemaAltered(let path, let differences):
            let shown = differences.prefix(5).map(\.chineseSentence).joined(separator: "；")
            let more = differences.count > 5 ? "（另有 \(differences.count - 5) 处）" : ""
            return "\(path)：数据库结构在 GovDesk 之外被改动，因此不会向它写入：\(shown)\(more)。"
                + "请运行 `govdesk db check` 查看全部问题，并恢复最近一份完好的备份"
        case .noRules(let path):
            return "\(path) 还没有保存规则（由较早的版本创建）：在管理员用 `govdesk --config 目录 config apply` 保存规则之前"
                + "（目录：一直与它一起使用的 govdesk.yaml 所在文件夹；不加 --config 则为内置默认规则），它不接受写入，"
                + "以免任何人用自己的文件夹设定它的限值"
        case .notGovDesk(let path, let reason):
            return "\(path) 不是 GovDesk 数据库（\(reason)）；未做任何改动——请用 --db 给出 GovDesk 数据库"
        case .notInitialized(let path):
            return "\(path) 还没有单位和工作人员；请先运行 `govdesk init`"
        case .unknownDepartment(let code):
            return "没有单位 \(Printable.quoted(code))；`govdesk dept list` 列出单位代码"
        case .inactiveDepartment(let code):
            return "单位 \(code) 已停用；不能向它派单，也不能给它添加工作人员（管理员可以恢复：`govdesk dept reactivate \(code)`）"
        case .unknownStaff(let code):
            return "没有工作人员 \(Printable.quoted(code))；`govdesk staff list` 列出工作人员代码"
        case .inactiveStaff(let code):
            return "工作人员 \(code) 已停用，不能操作"
        case .systemActor:
            return "\(Codes.systemActor) 是 GovDesk 自身的操作者（结构迁移和期限重算）：任何人都不能以它的身份操作，"
                + "它也不能被修改、停用或恢复；请指定一名工作人员"
        case .duplicate(let what, let code):
            return "\(ChineseWording.subject(what)) \(code) 已存在（只有大小写不同的代码视为同一代码）"
        case .lookalike(let what, let code, let existing):
            return "\(ChineseWording.subject(what))代码 \(Printable.quoted(code)) 与已有的 \(existing) 容易混淆："
                + "只有大小写不同、l 与 1 与 I 不同、或 O 与 0 不同的代码会被看成同一个；请另选代码"
        case .numbersUsedUp(let what, let day, let maximum):
            return "\(day) 的\(ChineseWording.subject(what))编号已用完：当天已编 \(maximum) 个，达到每天的上限"
        }
    }
}

extension LoginError {
    public var chineseMessage: String {
        switch self {
        case .refused: return "工作人员代码或密码错误"
        case .locked(let until): return "登录失败次数过多：该代码锁定到 \(shown(until))"
        case .badHash: return "不是 bcrypt 散列值"
        case .weakHash(let cost):
            return "bcrypt 散列值的强度为 \(cost)；GovDesk 要求 \(GovDeskDatabase.SessionRules.minimumBcryptCost) 或以上"
        }
    }
}

extension TimeRuleError {
    public var chineseMessage: String {
        switch self {
        case .future(let subject, let at, let now):
            return "\(ChineseWording.subject(subject))：记录不能在将来生效（\(shown(at))；当前时间为 \(shown(now))）"
        case .needsReason(let subject, let at, let now, let acrossDeadline):
            return "\(ChineseWording.subject(subject))：时间为 \(shown(at)) 的记录在 \(shown(now)) 录入"
                + (acrossDeadline ? "，其间已过一个期限" : "")
                + "；补录须加 --backdate-reason 理由，并由督办或系统管理员操作"
        }
    }
}

extension MonthCloseError {
    public var chineseMessage: String {
        switch self {
        case .notEnded(let month, let endsAt):
            return "\(month) 尚未结束（\(shown(endsAt)) 结束）：月份结束后才能月结"
        case .alreadyClosed(let month):
            return "\(month) 已月结（`govdesk month list` 列出已月结的月份）"
        case .beforeLastClosed(let month, let last):
            return "\(month) 在最近月结的月份 \(last) 之前：已经月结"
        case .outOfOrder(let month, let next):
            return "月份须按顺序月结：请先月结 \(next)，再月结 \(month)"
        case .closed(let subject, let at, let month, let openFrom):
            return "\(ChineseWording.subject(subject))：\(month) 已月结，任何记录都不能在 \(shown(at)) 生效；"
                + "记录可从 \(shown(openFrom)) 起生效"
        case .closedForMonth(let subject, let month, let last):
            let open = Month(last)?.next.description ?? "\(last) 之后的月份"
            return "\(ChineseWording.subject(subject))：\(last) 已月结，不能再为不在其后的 \(month) 记录；\(open) 及以后的月份可以"
        case .unreadable(let month):
            return "已月结月份 \(month) 保存的数字，本版本的 GovDesk 无法读取"
        }
    }
}

extension BindingError {
    public var chineseMessage: String {
        switch self {
        case .badUser(let user):
            return "「\(user)」不是操作系统用户名；请用 1 到 64 个不含空格和 / 的字符"
        case .notBound(let user):
            return "操作系统用户「\(user)」没有绑定；`govdesk staff bindings` 列出绑定"
        case .firstMustBeOwn(let caller):
            return "第一个绑定必须是你自己的账户（「\(caller)」）：一旦有绑定，govdesk 只以运行者所绑定的工作人员身份操作"
        case .ownLast(let caller):
            return "你自己的绑定（「\(caller)」）最后解除：请先解除其他绑定"
        case .unbound(let user):
            return "操作系统用户「\(user)」没有绑定任何工作人员，而本数据库要求绑定；"
                + "请管理员用 `govdesk staff bind 代码 --os-user \(user)` 绑定"
        case .otherActor(let user, let bound, let claimed):
            return "「\(user)」在本数据库中的身份是 \(bound)；--actor \(Printable.quoted(claimed)) 被拒绝"
        }
    }
}

extension RulesError {
    public var chineseMessage: String {
        switch self {
        case .timeZoneFixed(let stored, let given):
            return "时区保持为 \(stored)：它决定本数据库每条记录的日期和月份，因此不能改为 \(given)（配置的 timeZone）；"
                + "请设 timeZone: \(stored) 后再应用"
        case .unchanged:
            return "配置的规则与数据库保存的规则相同；无需应用"
        }
    }
}

extension ReferenceError {
    public var chineseMessage: String {
        switch self {
        case .unknown(let kind, let code):
            return "没有\(ChineseWording.subject(kind)) \(Printable.quoted(code))；列出它们可查看代码"
        case .badTopic(let path):
            return "诉求分类「\(path)」不允许；请用\(TopicNode.chinesePathRule)"
        case .topicsPresent:
            return "数据库已有诉求分类树；请用 `govdesk topic add|edit|deactivate` 修改"
        case .unchanged(let kind, let code, let active):
            return "\(ChineseWording.subject(kind)) \(code) 已经\(active ? "在用" : "停用")"
        case .nothingToChange(let kind, let code):
            return "\(ChineseWording.subject(kind)) \(code) 没有要修改的内容；请给出带新值的字段"
        case .notEditable(let kind, let field):
            return "\(ChineseWording.subject(kind))的\(ChineseWording.field(field))不能修改"
        case .badName(let kind, let code):
            return "\(ChineseWording.subject(kind)) \(code) 的新名称须为 1 到 200 个字符，且不含控制字符"
        case .noRoles(let code):
            return "工作人员 \(code) 至少要有一个角色；如不再需要，请停用"
        case .lastAdministrator(let code):
            return "\(code) 是最后一名在岗的系统管理员；请先设立另一名系统管理员"
        case .selfLockout(let code):
            return "\(code) 不能停用自己，也不能去掉自己的系统管理员角色；可由另一名系统管理员操作"
        }
    }
}

extension TopicNode {
    /// `pathRule` in Chinese.
    public static let chinesePathRule = "一到三级，用「/」分隔，每级前后不带空格，总长不超过 200 个字符"
}

extension StoreText {
    public var chinese: String {
        switch self {
        case .notWindowStaff(let code, let roles):
            return "\(code) 不是窗口工作人员（角色：\(roles.map(\.chineseLabel).joined(separator: "、"))）"
        case .committedDays(let days):
            return "\(days) 不允许；请用 0（即办）到 \(ServiceItem.maximumCommittedDays) 个工作日"
        case .itemWindows(let code): return "事项 \(code) 至少要有一个受理窗口"
        case .officerFindingNamesOfficer: return "体验员发现的整改事项须写明体验员"
        case .ratingFindingsByRate: return "差评整改事项由 `govdesk rate` 产生；请用 officer 或 walkthrough"
        case .onlyWindowStaffEvaluated(let staff): return "\(staff) 不是窗口工作人员；只考评窗口工作人员"
        case .futureImport(let time, let minutes, let latest, let clock):
            return "\(time) 在将来：生产库导入的时间最晚为真实时钟加 \(minutes) 分钟（\(latest)；当前时间为 \(clock)）"
        case .points(let points): return "\(points) 不允许；请用 -100 到 100"
        case .evaluationRun: return "运行"
        case .evaluationFinalised: return "定稿"
        case .window: return "窗口"
        case .serviceItem: return "事项"
        }
    }
}

extension IntegrityProblem {
    /// `工单 20250929-000001 的事件链在第 3 条处断开：该条事件的哈希与内容不符（事件被改动过）`. A break of a record's
    /// event chain is said as one sentence; every other problem as its object, then what is wrong with it.
    var chineseText: String {
        let who = subject?.chinese ?? ""
        let at = event ?? 1
        switch finding {
        case .firstEventsMissing(let first) where subject != nil:
            let gone = first - 1 > at ? "第 \(at) 至 \(first - 1) 条" : "第 \(at) 条"
            return "\(who) 的事件链在第 \(at) 条处断开：\(gone)缺失，现存最早的是第 \(first) 条"
        case .outOfOrder(let sequence, let after) where subject != nil:
            return "\(who) 的事件链在第 \(at) 条处顺序错乱：第 \(after) 条之后出现第 \(sequence) 条"
        case .eventsMissing(let from, let to) where subject != nil:
            return "\(who) 的事件链在第 \(at) 条处断开：序号从 \(from) 跳到 \(to)，中间的事件缺失"
        case .hashMismatch where subject != nil:
            return "\(who) 的事件链在第 \(at) 条处断开：该条事件的哈希与内容不符（事件被改动过）"
        case .tailMissing(let kind, let count, let lastLeft) where subject != nil:
            return "\(who) 的事件链在第 \(at) 条处断开：\(kind.chineseName)记有 \(count) 个事件，"
                + (lastLeft.map { "现存最后一条是第 \($0) 条，其后的事件缺失" } ?? "一条也不剩")
        case .notCounted(let kind, let count) where subject != nil:
            return "\(who) 的事件链从第 \(at) 条起多出事件：\(kind.chineseName)行只记有 \(count) 个事件"
        case .moreBreaks(let count) where subject != nil:
            return "\(who) 的事件链另有 \(count) 处断开，未列出"
        default:
            var prefix = who
            if let event { prefix += (prefix.isEmpty ? "" : " ") + "第 \(event) 条事件" }
            return prefix.isEmpty ? finding.chinese : "\(prefix)：\(finding.chinese)"
        }
    }
}

extension IntegrityProblem {
    /// The problem as a refused write lists it: `触发器 t（建在 ticket 表上）不属于 GovDesk，是在 GovDesk 之外添加的`.
    var chineseSentence: String {
        guard let who = subject?.chinese else { return finding.chinese }
        return who + (who.last?.isASCII == true ? " " : "") + finding.chinese
    }
}

extension CheckSubject {
    var chinese: String {
        switch self {
        case .record(let kind, let number): return "\(kind.chineseName) \(number)"
        case .records(let kind): return kind.chineseName
        case .event(let kind, let number, let sequence): return "\(kind.chineseName) \(number) 第 \(sequence) 条事件"
        case .letter(let number): return "督办函 \(number)"
        case .row(let table, let rowid): return "\(table) 表第 \(rowid) 行"
        case .rows(let table, let rowids, let more, let owner, let numbers):
            let rows =
                "\(table) 表第 \(rowids.map(String.init).joined(separator: "、")) 行"
                + (more > 0 ? "及另外 \(more) 行" : "")
            guard let owner, !numbers.isEmpty else { return rows }
            return rows + "（\(owner.chineseName) \(numbers.joined(separator: " 或 ")) 的事件）"
        case .run(let table, let from, let to):
            return from == to ? "\(table) 表第 \(from) 行" : "\(table) 表第 \(from)–\(to) 行"
        case .span(let first, let last, let table, let from, let to):
            return "\(first.chinese) … \(last.chinese)（\(CheckSubject.run(table: table, from: from, to: to).chinese)）"
        case .keyed(let table, let key): return Printable.escaped("\(table) 表中主键为 \(key) 的行")
        case .ledgerEntry(let id): return "账本第 \(id) 条"
        case .seal(let digits): return "封签 \(digits)…"
        case .table(let name): return "\(name) 表"
        case .schemaObject(let type, let name, let table):
            return "\(Self.schemaType(type)) \(name)" + (table.map { "（建在 \($0) 表上）" } ?? "")
        case .closedMonth(let month): return "已月结月份 \(month)"
        }
    }

    /// SQLite's kinds of schema object, as a Chinese database administrator names them.
    static func schemaType(_ type: String) -> String {
        switch type {
        case "table": return "表"
        case "index": return "索引"
        case "trigger": return "触发器"
        case "view": return "视图"
        default: return type
        }
    }
}

extension CheckText {
    var chinese: String {
        switch self {
        case .firstEventsMissing(let first): return "缺失（现存最早的事件是第 \(first) 条）"
        case .outOfOrder(let sequence, let after): return "顺序错乱（第 \(after) 条之后出现第 \(sequence) 条）"
        case .eventsMissing(let from, let to): return "缺失（序号从 \(from) 跳到 \(to)）"
        case .noChainHash: return "没有链哈希"
        case .hashMismatch: return "哈希与内容不符（事件被改动过）"
        case .moreBreaks(let count): return "事件链另有 \(count) 处断开，未列出"
        case .eventCountOutOfRange(let stored, let range):
            return "保存的事件数 \(stored) 超出范围（\(range.lowerBound) 到 \(range.upperBound)）"
        case .tailMissing(let kind, let count, let lastLeft):
            return "缺失（\(kind.chineseName)记有 \(count) 个事件，"
                + (lastLeft.map { "现存最后一条是第 \($0) 条）" } ?? "一条也不剩）")
        case .notCounted(let kind, let count): return "不在\(kind.chineseName)行的计数内（行中记为 \(count) 个事件）"
        case .sqliteIntegrity(let message): return "SQLite 完整性检查：\(message)"
        case .foreignKey(let table, let rowid): return "外键不符：\(table) 表第 \(rowid) 行"
        case .dropped: return "已被删除"
        case .added: return "不属于 GovDesk，是在 GovDesk 之外添加的"
        case .changed: return "与 GovDesk 的定义不同，已被改动"
        case .typeChanged(let have, let want):
            return "被换成了\(CheckSubject.schemaType(have))（GovDesk 中它是\(CheckSubject.schemaType(want))）"
        case .migrationsEdited(let missing):
            return "迁移记录表缺少 \(missing)，而表中列出的其他迁移是在它之后运行的：该表被改动过"
        case .restNotChecked(let reason): return "数据库结构已被改动，其余检查无法进行：\(reason)"
        case .moreRecords(let count): return "另有 \(count) 件记录有类似问题，未列出"
        case .unreadableEvent: return "事件无法读取"
        case .rowDiffers(let columns):
            return "行中的数据与其事件所记不符（"
                + (columns.isEmpty ? "未能指明是哪一列" : "列：" + columns.joined(separator: "、")) + "）"
        case .ratingLink(let ratingId, let ratingCase, let eventsCase):
            return "评价关联（ratingId \(ratingId)）指向" + (ratingCase.map { "办件 \($0) 的评价" } ?? "不存在的评价")
                + "，而其事件记录的办件是 \(eventsCase ?? "（无）")"
        case .recordProblem(let phrase): return phrase.chinese
        case .orphanEvent(let kind, let parent):
            return kind == .ticket
                ? "有事件属于不存在的工单（id \(parent)）"
                : "\(kind.eventTable) 表中有一行属于不存在的\(kind.chineseName)（id \(parent)）"
        case .entryHashBroken: return "其哈希不能由其内容和前一条推出，账本在 GovDesk 之外被改动过"
        case .unreadableLine(let line): return "有一行无法读取：\(Printable.quoted(line))"
        case .unchangingRowWritten(let deletes, let table, let rowid):
            return "\(deletes ? "删除" : "改动")了 \(table) 表第 \(rowid) 行，而该表的行从不改动，这一条是在 GovDesk 之外写入的"
        case .unauditedChange(let deletes, let table, let row):
            return "未附审计记录就\(deletes ? "删除" : "改动")了 \(table) 表第 \(row) 行，这一条是在 GovDesk 之外写入的"
        case .changedBetween(let recorded, let rewritten):
            return "账本第 \(recorded) 条记下它之后、GovDesk 在第 \(rewritten) 条再次写入它之前，它在 GovDesk 之外被改动过"
        case .addedBefore(let entry): return "在 GovDesk 于账本第 \(entry) 条写入它之前，它已在 GovDesk 之外被添加"
        case .sealNotOnLedger:
            return "不在本数据库的账本上：打印该封签之后，它之前的记录被改动、账本被重写（也可能这是另一个数据库的封签）"
        case .tableGone: return "账本中有这张表，数据库中却没有"
        case .moreRows(let count): return "另有 \(count) 行有类似问题"
        case .deletedRows(let entry): return "账本第 \(entry) 条记有，现已缺失，是在 GovDesk 之外删除的"
        case .differsFromEntry(let entry): return "与账本第 \(entry) 条所记不符，是在 GovDesk 之外改动的"
        case .notInLedger: return "不在账本中，是在 GovDesk 之外添加的"
        case .figuresEdited: return "保存的数字与其 SHA-256 不符，已被改动"
        case .figuresUnreadable: return "保存的数字本版本无法读取"
        case .figureDiffers(.moreFigures(let count)): return "另有 \(count) 项数字与现在由事件算出的不同，未列出"
        case .figureDiffers(let difference): return "有一项数字与现在由事件算出的不同：\(difference.chinese)"
        }
    }
}

extension APIClientError {
    public var chineseMessage: String {
        switch self {
        case .badName(let name):
            return "接口客户端名称 \(name) 不允许：用 1–28 个小写英文字母、数字、- 或 _，以字母或数字开头"
        case .badChannel(let channel):
            return "接口客户端的渠道 \(channel) 不允许：只能是 app 或 web"
        case .exists(let name):
            return "接口客户端 \(name) 已存在；新的密钥请用新的名称（旧客户端可以吊销）"
        case .unknown(let name):
            return "没有名为 \(name) 的接口客户端；用 govdesk apikey list 查看"
        case .alreadyRevoked(let name, let at):
            return "接口客户端 \(name) 的密钥已于 \(shown(at)) 吊销"
        case .unknownKey:
            return "api_key 缺失或无效"
        case .revokedKey:
            return "api_key 已被吊销"
        case .notAnActor(let code):
            return "\(code) 是接口客户端的操作者：只能凭它的密钥通过 Open311 接口操作，不能用 --actor 指定"
        }
    }
}
