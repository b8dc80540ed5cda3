import GovDeskCore

/// What the Open311 interface says in its errors and notices: Chinese, or English with `lang=en`. The descriptions are
/// meant to be shown to the person using the client (the spec's `description`).
struct Open311Text {
    let language: Language

    init(_ language: Language) { self.language = language }

    private func t(_ chinese: String, _ english: String) -> String { language == .zh ? chinese : english }

    var noSuchResource: String {
        t("没有这个接口地址；见 /open311/v2/discovery.json", "no such resource; see /open311/v2/discovery.json")
    }
    var missingKey: String { t("缺少 api_key：提交诉求需要接口密钥", "api_key is missing: creating a request needs one") }
    var badCoordinates: String {
        t(
            "lat 和 long 须同时给出，且为 WGS84 经纬度（纬度 −90 到 90，经度 −180 到 180）",
            "lat and long go together, as WGS84 degrees (latitude −90 to 90, longitude −180 to 180)")
    }
    var missingLocation: String {
        t("请给出位置：lat 和 long，或 address_string", "give a location: lat and long, or address_string")
    }
    var addressIdUnsupported: String {
        t(
            "本系统没有地址库，不接受 address_id；请给出 lat 和 long，或 address_string",
            "address_id is not supported here (there is no address register); give lat and long, or address_string")
    }
    var badStatus: String { t("status 只能是 open、closed，或两者以逗号分隔", "status is open, closed, or both, comma-separated") }
    var startAfterEnd: String { t("start_date 晚于 end_date", "start_date is later than end_date") }
    var spanTooLong: String {
        t("start_date 与 end_date 相隔不能超过 90 天", "start_date and end_date may not be more than 90 days apart")
    }

    func contact(_ centre: String?) -> String {
        let name = centre ?? t("12345 热线中心", "the 12345 hotline centre")
        return t("请联系\(name)（拨打 12345）", "contact \(name) (call 12345)")
    }

    var keyService: String {
        t(
            "接口密钥由系统管理员发放（govdesk apikey add），请向 12345 热线中心申请",
            "keys are issued by the administrator (govdesk apikey add); ask the 12345 hotline centre")
    }

    func missing(_ field: String) -> String { t("缺少 \(field)", "\(field) is missing") }
    var notAForm: String {
        t(
            "请求体须为 application/x-www-form-urlencoded（GeoReport v2 的提交格式）",
            "the body must be application/x-www-form-urlencoded (as GeoReport v2 posts requests)")
    }
    var notUTF8: String {
        t("请求体不是 UTF-8 文本；请以 UTF-8 编码提交", "the body is not UTF-8 text; send it encoded as UTF-8")
    }
    func undecodable(_ fields: [String]) -> String {
        let named = fields.joined(separator: t("、", ", "))
        return t(
            "\(named) 的值无法解码：百分号编码须为 %XX 形式，解码后须为 UTF-8 文本",
            "\(named): the value cannot be decoded; percent-escapes are %XX and must give UTF-8 text")
    }

    func tooLong(_ field: String, _ limit: Int) -> String {
        t("\(field) 不能超过 \(limit) 个字符", "\(field) may have at most \(limit) characters")
    }

    func noSuchService(_ code: String) -> String {
        t(
            "没有服务代码为 \(Printable.quoted(code, limit: 40)) 的服务；见 services.json",
            "no service with service_code \(Printable.quoted(code, limit: 40)); see services.json")
    }

    func noSuchRequest(_ id: String) -> String {
        t("没有编号为 \(Printable.quoted(id, limit: 40)) 的诉求", "no service request \(Printable.quoted(id, limit: 40))")
    }

    func noSuchToken(_ token: String) -> String {
        t(
            "没有查询码为 \(Printable.quoted(token, limit: 40)) 的诉求",
            "no service request with token \(Printable.quoted(token, limit: 40))")
    }

    func badParameter(_ name: String) -> String { t("\(name) 的值不正确", "\(name) has a value that is not allowed") }

    func badPageSize(_ maximum: Int) -> String {
        t("page_size 须为 1 到 \(maximum) 的整数", "page_size is a whole number from 1 to \(maximum)")
    }

    func badDate(_ name: String) -> String {
        t(
            "\(name) 须为带时区的 ISO 8601 时间（如 2025-06-16T00:00:00+08:00 或 …Z），或日期 2025-06-16",
            "\(name) must be an ISO 8601 time with its offset (2025-06-16T00:00:00+08:00 or …Z), or a date 2025-06-16")
    }

    /// The POST answer's `service_notice`: the ticket number and the six-character tracking code (DESIGN §12).
    func notice(_ number: String, code: String) -> String {
        t(
            "已受理，工单编号 \(number)，查询码 \(code)。可凭查询码查询办理进度。",
            "Received as ticket \(number); tracking code \(code). Use the tracking code to follow its progress.")
    }
}
