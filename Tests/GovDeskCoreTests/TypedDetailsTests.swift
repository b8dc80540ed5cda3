import Foundation
import Testing

@testable import GovDeskCore

/// Details stored as text, shown as typed JSON (issue 13).
struct TypedDetailsTests {
    let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    @Test func valuesAreTypedByTheirKeyAndOddOnesStayText() throws {
        let details = [
            "deadline": "1759248000", "onTime": "true", "days": "3", "co": "YXNL,DJJD", "reason": "12",
            "rows": "(streamed)", "signedLate": "maybe",
        ]
        let json = TypedDetails.json(details, iso: clock.iso)
        #expect(
            json == #"{"co":["YXNL","DJJD"],"days":3,"deadline":"2025-10-01T00:00:00+08:00","onTime":true,"#
                + #""reason":"12","rows":"(streamed)","signedLate":"maybe"}"#)
        // What JSONSerialization is given for `--json` output holds the same values.
        let typed = TypedDetails.object(details, iso: clock.iso)
        #expect(typed["deadline"] as? String == "2025-10-01T00:00:00+08:00")
        #expect(typed["onTime"] as? Bool == true)
        #expect(typed["days"] as? Int64 == 3)
        #expect(typed["co"] as? [String] == ["YXNL", "DJJD"])
        #expect(typed["reason"] as? String == "12")
        #expect(typed["rows"] as? String == "(streamed)")
        #expect(TypedDetails.json(["co": ""], iso: clock.iso) == #"{"co":[]}"#)
    }

    @Test(arguments: [
        #"{}"#, #"{"a":"b"}"#, #"{"a":"1","b":"x\"y\\z\/","c":"line\nbreak\ttab"}"#, #" { "a" : "b" , "c":"" } "#,
        #"{"名":"张三","k":"€"}"#,
    ])
    func flatObjectsReadAsJSONDecoderReadsThem(text: String) throws {
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        #expect(JSONText.flatObject(text) == decoded)
    }

    @Test(arguments: [#"{"a":1}"#, #"{"a":"\u00e9"}"#, #"{"a":"b""#, #"["a"]"#, #"{"a":"b"} x"#, "", #"{"a":"b",}"#])
    func otherShapesAreLeftToJSONDecoder(text: String) {
        #expect(JSONText.flatObject(text) == nil)
    }

    @Test func jsonLinesWriteEachColumnAsItsTypeSays() {
        let line = JSONText.object(
            keys: ["n", "x", "b", "d", "t", "odd", "none"],
            values: ["7", "96.75", "false", #"{"a":1}"#, "7", "12abc", nil],
            types: [.integer, .number, .boolean, .json, .text, .integer, .integer])
        #expect(line == #"{"n":7,"x":96.75,"b":false,"d":{"a":1},"t":"7","odd":"12abc","none":null}"#)
        #expect(JSONText.isPlainDecimal("0.5") && JSONText.isPlainDecimal("-12"))
        #expect(!JSONText.isPlainDecimal("01") && !JSONText.isPlainDecimal("1e5") && !JSONText.isPlainDecimal("nan"))
    }
}
