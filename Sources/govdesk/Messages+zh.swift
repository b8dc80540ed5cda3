import GovDeskCore

// Every Chinese message of the command line (`CLIText`). The English ones are in Messages+en.swift. Words that come
// from the operating system or a YAML parser (`strerror`, a decoding path) are shown as they were given.

extension CLIText {
    var chinese: String {
        switch self {
        case .cannotCreateIn(let option, let path, let folder, let reason):
            return "\(option) \(path)：无法在 \(folder) 中创建文件（\(reason)）；请给出你可以写入的文件夹"
        case .cannotWrite(let path, let reason): return "无法写入 \(path)：\(reason)"
        case .appeared(let path): return "写入期间 \(path) 被别人创建了；没有替换任何文件"
        case .cannotPutInPlace(let path, let reason): return "无法把 \(path) 放到位：\(reason)"
        case .namesAFolder(let option, let shown): return "\(option) \(shown) 是文件夹；请给出文件名"
        case .noFolder(let option, let shown, let folder): return "\(option) \(shown)：文件夹 \(folder) 不存在；请先创建"
        case .isTheDatabase(let option, let shown): return "\(option) \(shown) 是数据库或其附属文件；请写到别的文件"
        case .exists(let option, let shown): return "\(option) \(shown) 已存在；加 --force 替换它，或换一个文件名"
        case .isSQLite(let option, let shown): return "\(option) \(shown) 是 SQLite 数据库；GovDesk 从不在数据库上写输出"
        case .isAFolder(let option, let shown): return "\(option) \(shown) 是文件夹；请给出其中的文件名"
        case .isALink(let option, let shown): return "\(option) \(shown) 是符号链接；请给出真实的文件名"
        case .notARegularFile(let option, let shown): return "\(option) \(shown) 是设备、管道或套接字，不是普通文件；请给出文件名"
        case .backupIsTheDatabase(let file): return "db backup \(file) 是数据库或其附属文件；请把备份写到别的文件"
        case .notASeal(let seal): return "--seal \(seal) 不是封签：应为 `govdesk db seal` 打印的 64 位十六进制数"
        case .lettersNotWritten(let count, let error, let out, let at):
            return "已发 \(count) 份督办函，但其文件未能全部写入：\(error)；"
                + "请用 `govdesk letters write --out \(out) --issued-at \(at)` 写入"
        case .chooseLetters: return "请选择督办函：--number 编号（可重复）、--issued-at 时间 或 --month YYYY-MM"
        case .outIsTheDatabase(let folder): return "--out \(folder) 是数据库；请给出文件夹"
        case .outIsAFile(let folder): return "--out \(folder) 是文件；请给出文件夹"
        case .outNotWritable(let folder): return "--out \(folder) 不可写；请给出你可以写入的文件夹"
        case .outCannotBeCreated(let folder): return "--out \(folder) 无法创建；请给出你可以写入的文件夹"
        case .bareSequence(let text):
            return "「\(text)」只是序号；请加 `--kind reminder` 或 `--kind warning`（不是今年的还要加 --year）"
        case .notAMonth(let option, let text): return "\(option)「\(text)」不是月份；请用 YYYY-MM，如 2025-10"
        case .notADate(let option, let text): return "\(option)「\(text)」不是日期；请用 YYYY-MM-DD"
        case .notATime(let option, let text):
            return "\(option)「\(text)」不是时间；请用 YYYY-MM-DD、YYYY-MM-DDTHH:MM[:SS]，或带时区偏移如 +08:00"
        case .fromAfterTo(let from, let to): return "--from \(from) 晚于 --to \(to)"
        case .toNotAfterFrom(let to, let from): return "--to \(to) 不晚于 --from \(from)"
        case .monthOrRange: return "请给出 --month YYYY-MM，或 --from YYYY-MM-DD 和 --to YYYY-MM-DD"
        case .monthNotBegun(let asked, let current): return "--month \(asked) 还没开始（现在是 \(current)）；请选 \(current) 或更早"
        case .evaluationMonth(let month): return "--month \(month) 不允许；请用 2000-01 到 2100-12 之间的月份"
        case .yearTwice(let argument, let year): return "年份给了两次（\(argument) 和 --year \(year)）；请只给一次"
        case .workingDays(let n): return "--working-days \(n) 不允许；请用 0 到 366"
        case .notADuration(let text): return "--due-within「\(text)」不是时长；请用数字加 m、h 或 d，如 48h"
        case .departmentCode(let code): return "--code「\(code)」不允许；请用 1 到 16 个 ASCII 字母或数字"
        case .staffCode(let code): return "--code「\(code)」不允许；请用 \(Codes.chineseStaffCodeRule)"
        case .nameLength(let limit): return "--name 须为 1 到 \(limit) 个字符"
        case .nameTooLong(let limit, let count):
            return "--name 须为 1 到 \(limit) 个字符；现有 \(count) 个字符（重音等组合符号各算一个）"
        case .limit(let limit): return "--limit \(limit) 不允许；请用 1 到 100000"
        case .satisfaction(let n): return "--satisfaction \(n) 不允许；请用 1 到 5"
        case .committedDays(let days):
            return "--days \(days) 不允许；请用 0（即办）到 \(ServiceItem.maximumCommittedDays) 个工作日"
        case .needsWindow: return "请至少给出一个受理该事项的 --window"
        case .phone: return "--phone 不是电话号码；请用 5 到 20 位数字"
        case .needsRole: return "请至少给出一个 --role"
        case .adminNameNeedsAdmin: return "--admin-name 需要同时给出 --admin 代码"
        case .passwordsDiffer: return "两次输入的密码不同；未做任何改动"
        case .cannotServe(let address, let error): return "无法在 \(address) 提供网页服务：\(error)"
        case .noPasswordOnInput: return "标准输入中没有密码：请把密码作为第一行给出，或在终端上运行"
        case .terminalUnreadable: return "无法读取终端设置"
        case .noPasswordTyped: return "没有输入密码"
        case .port(let port): return "--port \(port) 不允许；请用 1 到 65535"
        case .tlsPair: return "--tls-cert 和 --tls-key 须同时给出（PEM 文件），或都不给"
        case .trustedProxy(let address):
            return "--trusted-proxy \(Printable.quoted(address, limit: 60)) 不允许；请用 IPv4 或 IPv6 地址，如 127.0.0.1"
        case .kindNeverChanges(let path, let foundTraining, let asked):
            let (found, made) = foundTraining ? ("培训库", "生产库") : ("生产库", "培训库")
            return "\(path) 是\(found)，数据库的类别不会改变：`\(asked)` 只在没有数据库的地方创建\(made)；"
                + "请换一个 --db。未做任何改动"
        case .sourceRating: return "这里不能用 --source rating：差评由 `govdesk rate` 产生整改事项"
        case .officerNeedsReporter: return "--source officer 需要 --reporter 体验员代码"
        case .findingNeedsDepartment: return "请给出 --dept，或给出其所属单位负责的 --window 或 --item"
        case .needsActor:
            return "此命令要以某人的身份操作：请用 --actor 代码 或环境变量 GOVDESK_ACTOR 指明（`govdesk staff list` 列出代码）"
        case .demoMonths(let months): return "--months \(months) 不允许；请用 1 到 24"
        case .demoTickets(let tickets): return "--tickets \(tickets) 不允许；请用 1 到 5,000,000"
        case .demoWouldOverwrite(let path):
            return "\(path) 中的数据不是演示数据；`govdesk demo` 只替换它自己建的数据库——请换一个 --db"
        case .topicDeactivated(let path): return "诉求分类「\(path)」已停用；`govdesk topic list` 列出在用的分类"
        case .topicNotInTree(let path, let file, let nearest):
            let source = file == "the database" ? "数据库" : Self.builtIn(file).chinese
            return "诉求分类「\(path)」不在分类树中（\(source)）"
                + (nearest.isEmpty ? "" : "；最接近的：\(nearest.joined(separator: "、"))")
                + "；`govdesk topic list` 列出全部"
        case .reportLacksTable(let name, let tables):
            return "本月报告没有表 \(name)（没有相应数据）；请从以下选择：" + tables.joined(separator: "、")
        case .noReportFormat(let out, let ext):
            return "--out \(out)：" + (ext.map { "扩展名 .\($0)" } ?? "没有扩展名")
                + " 不对应任何报告格式；请用 .html、.md、.json、.csv 或 .txt，或给出 --format"
        case .tableIsForCSV: return "--table 只用于 CSV；请去掉它，或用 --format csv"
        case .notATable(let table, let names): return "--table \(table) 不是本报告的表；请从以下选择：" + names.joined(separator: "、")
        case .csvNeedsTable(let names):
            return "报告的 CSV 每表一个文件：加 --table 表名（\(names.joined(separator: "、"))）在标准输出得到一张表，"
                + "或用 --out 文件夹 得到全部表"
        case .csvOutIsAFile(let out):
            return "--out \(out) 是一个文件，而报告的 CSV 每表一个文件：加 --table 表名 得到一张表，或给出文件夹（--out 文件夹）得到全部"
        case .missingCalendarYear(let year, let loaded):
            let have = loaded.map(String.init).joined(separator: "、")
            return "\(year) 年的工作日历尚未载入（已载入：\(have)）。跨入 \(year) 年的期限按周一至周五暂定计算并标注「暂定」；"
                + "管理员载入国务院办公厅的节假日通知后（`govdesk calendar add 文件`，本系统的 YAML 或 holiday-cn 的 JSON），"
                + "未结工单、办件和整改的暂定期限按新日历重算，且不早于原暂定期限"
        case .noticeIsForJSON: return "--notice 只用于 holiday-cn JSON；YAML 日历自己写明通知"
        case .strayTopic(let file, let path, let department):
            return "\(file)：诉求分类 \(path) 的主办单位通常是 \(department)，而种子数据的 departments.yaml 中没有它；"
                + "请在配置文件夹中给出与你的单位相符的 topics.yaml"
        case .noAdministrator: return "种子数据中没有在岗的系统管理员；请用 `govdesk init --admin 代码` 设立第一名"
        case .noSuchGroup(let group): return "--group \(group)：本机没有这个用户组"
        case .groupOnExisting(let path):
            return "--group 只在 init 创建数据库时使用；\(path) 已存在（请用 chgrp 和 chmod 660 修改它及其 -wal、-shm 文件的组和权限）"
        case .noSuchMapping(let name, let mappings):
            return "--mapping \(name)：没有这个文件或映射；`govdesk import mappings` 按名称列出映射（\(mappings.joined(separator: "、"))）"
        case .storedRulesUnreadable(let path, let setBy, let error):
            return "存储失败：\(path)：它保存的规则（\(setBy) 设定）无法读取（\(error)）；请运行 `govdesk db check`"
        case .storedCalendarUnreadable(let year, let error): return "存储失败：数据库中保存的 \(year) 年工作日历：\(error)"
        case .configDetail(let detail): return "内容有误：\(detail)"
        case .tooManyAliases(let aliases, let maximum):
            return "用了 \(aliases) 个 YAML 别名（*name）；最多允许 \(maximum) 个，因为每个别名都可能展开成一份副本"
        case .notYAML(let error): return "不是有效的 YAML：\(error)"
        case .seedsRequired: return "departments.yaml 和 staff.yaml 都必须有"
        case .seedField(let at, let field, let message): return "\(at).\(field)：\(message)"
        case .noSuchFolder(let what, let fallback):
            return "没有这个\(what == "seeds folder" ? "种子数据文件夹" : "配置文件夹")；请给出类似 \(fallback)/ 的文件夹"
        case .yearMismatch(let year, let key): return "year: \(year) 与文件名 \(key).yaml 不符"
        case .noSuchFile: return "文件不存在"
        case .isAFolderGiveFile: return "是文件夹；请给出文件"
        case .tooLarge(let size, let limit): return "有 \(size) 字节；最多读取 \(limit) 字节"
        case .notUTF8Text: return "无法按 UTF-8 文本读取"
        case .checkFailed(let count): return "数据库检查发现 \(count) 个问题"
        case .nothingToSeal(let path): return "\(path)：账本还没有任何记录，无可封签"
        case .standardOutput(let reason): return "无法写入标准输出：\(reason)"
        case .sqliteFailure(let detail): return "存储失败：\(detail)"
        case .fileError(let detail): return "文件错误：\(detail)"
        case .exported(let count, let kind, let first, let last, let file):
            return "已导出 \(count) 条\(Self.exportKinds[kind] ?? kind)（\(first) – \(last)）到 \(file)"
        case .imported(let file, let rows, let new, let existing):
            return "已导入 \(file)：新增 \(new) 件，已导入过 \(existing) 件（共 \(rows) 行）"
        case .dryRun(let file, let rows, let new, let existing):
            return "试运行：\(file) 有 \(rows) 行：新增 \(new) 件，已导入过 \(existing) 件；未写入任何数据"
        case .builtIn(let file): return file.replacingOccurrences(of: " (built in)", with: "（内置）")
        case .chainsVerified(let tickets, let cases, let findings):
            return "事件链已核对：工单 \(tickets) 件，办件 \(cases) 件，整改事项 \(findings) 件"
        case .ledgerVerified(let entries, let sealed):
            return "账本已核对：\(entries) 条" + (sealed ? "；与封记相符" : "")
        case .checked(let tickets, let events, let problems):
            return "已检查工单 \(tickets) 件、事件 \(events) 个：" + (problems.map { "\($0) 个问题" } ?? "无问题")
        case .apiKeyAdded(let name, let channel):
            return "已添加接口客户端 \(name)（渠道 \(channel)，操作者 api:\(name)）。下面是它的密钥，只显示这一次，此后不会再显示，请立即妥善保存："
        case .apiKeyRevoked(let name):
            return "已吊销接口客户端 \(name) 的密钥：此后用它的请求一律拒绝（403），它建的工单保留"
        case .apiKeyValid:
            return "有效"
        case .apiKeyRevokedState(let at, let by):
            return "已于 \(at) 由 \(by) 吊销"
        }
    }
}

extension CLIText {
    /// The Chinese labels of event details shown in a timeline.
    static let chineseDetailLabels: [String: String] = [
        "committedDays": "承诺时限", "materials": "补正材料", "comment": "评价内容", "score": "评分", "days": "工作日",
        "note": "备注", "reason": "理由", "visits": "跑动次数", "text": "内容", "staff": "工作人员",
    ]

    /// What `export` writes, in Chinese.
    static let exportKinds: [String: String] = [
        "tickets": "工单", "events": "工单事件", "cases": "办件", "case-events": "办件事件", "ratings": "评价",
        "findings": "整改事项", "letters": "督办函", "audit": "审计记录",
    ]
}
