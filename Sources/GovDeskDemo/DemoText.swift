import GovDeskCore

/// Fictitious but plausible words for demo tickets: callers, places, descriptions and replies.
enum DemoText {
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗郝申牛武秦崔贾段栗侯常连宋魏韩程苗裴原路石田冯")
        .map(String.init)
    static let givenNames = [
        "建国", "丽", "娜", "静", "芳", "敏", "伟", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀兰", "霞",
        "平", "刚", "桂英", "玉兰", "海燕", "志强", "文斌", "晓东", "红梅", "建华", "晋生", "永胜", "春梅", "瑞", "鹏",
        "婷", "宇", "欣怡", "子涵", "浩然", "梓轩", "雪", "倩", "亮", "凯", "晨", "晓丽", "国庆", "卫东", "彩霞", "俊峰",
    ]
    static let phonePrefixes = [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157",
        "158", "159", "177", "180", "181", "182", "183", "186", "187", "188", "189", "191", "198", "199",
    ]
    /// Sub-districts (街道) with the department code of their office and a few roads or estates in them.
    static let streets: [(name: String, department: String, places: [String])] = [
        ("紫金街道", "ZJJD", ["紫金东街", "紫金西街", "紫金小区", "金威超市附近", "紫金苑"]),
        ("东街街道", "DJJD", ["东大街", "府后东街", "东关小区", "城隍庙街", "东街菜市场"]),
        ("西街街道", "XJJD", ["西大街", "府后西街", "西关小区", "大北街", "西街农贸市场"]),
        ("英雄南路街道", "YXNL", ["英雄南路", "英雄南路与太行东街交叉口", "南街小区", "八一广场南侧", "长治二中附近"]),
        ("太行东街街道", "THDJ", ["太行东街", "太行东街与延安南路交叉口", "漳泽小区", "太行苑", "体育中心东门"]),
        ("常青街道", "CQJD", ["常青路", "常青花园", "长兴中路", "解放东街", "城南生活区"]),
    ]

    static func description(type: TicketType, leaf: String, place: String, days: Int) -> String {
        switch type {
        case .consult: return "市民来电咨询\(leaf)相关政策和办理流程，希望告知所需材料和办理地点。"
        case .help: return "市民来电求助：\(place)\(leaf)，已影响正常生活，请相关部门协助解决。"
        case .complaint: return "市民反映\(place)\(leaf)问题，已持续约\(days)天，此前反映未见改善，要求尽快处理并答复。"
        case .report: return "市民举报\(place)存在\(leaf)问题，请相关部门核查处理。"
        case .suggestion: return "市民建议加强\(place)一带\(leaf)方面的管理，完善长效机制。"
        case .praise: return "市民来电表扬相关单位处理\(leaf)问题及时、态度好，特此致谢。"
        }
    }

    static func intakeAnswer(type: TicketType, leaf: String) -> String {
        switch type {
        case .praise: return "已记录来电人的表扬，将转达相关单位。"
        default: return "已根据知识库向来电人解答\(leaf)的办理条件、所需材料和办理地点，来电人表示清楚。"
        }
    }

    static func reply(outcome: ReplyOutcome, leaf: String) -> String {
        switch outcome {
        case .resolved: return "经现场核查，\(leaf)问题已处理完毕，已电话告知来电人处理结果。"
        case .partly: return "已对\(leaf)问题进行初步处理，剩余问题已列入整改计划，将持续跟进。"
        case .unresolved: return "经核查，\(leaf)问题涉及历史遗留因素，暂不具备解决条件，已向来电人说明。"
        case .explained: return "已就\(leaf)的相关政策规定向来电人进行解释说明，来电人表示理解。"
        }
    }

    static let returnReason = "经核实，该诉求不属于本单位职责范围，请重新派单。"
    static let rejectReasons = ["答复未说明具体处理措施和结果。", "答复内容与诉求不符，请重新核实。", "未与来电人沟通，请补充联系情况。"]
    static let extensionReasons = ["需协调多个部门联合处置，申请延期。", "需等待施工条件，申请延期办理。", "涉及费用测算，需进一步核实。"]
    static let denyReason = "延期理由不充分，请在原时限内办结。"
    static let reopenReason = "回访来电人不满意，诉求未解决，重新交办。"
    static let urgeNote = "请抓紧办理，按时答复。"
    static let revisitNotes = ["来电人表示满意。", "来电人认可处理结果。", "来电人表示问题仍存在。", "来电人未明确表态。"]
}
