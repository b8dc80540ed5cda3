import Foundation
import Testing

@testable import GovDeskService

/// The hand-written text of the service's hot path (issue 14's load run): a form's fields and a JSON log line say
/// exactly what Foundation's general tools said before them.
struct HotPathTextTests {
    @Test(arguments: [
        "", "plain", "a+b", "%2B", "%E6%BD%9E%E5%B7%9E", "100%25", "%zz", "%", "%4", "a%2", "%E6%BD", "%FF",
        "%C3%A9+%c3%a9", "%00", "~!*'()", "%E2%80%AE", "++", "%%41",
    ])
    func aFormFieldDecodesAsFoundationDoes(_ text: String) {
        let expected = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        #expect(Form.decode(Substring(text)) == expected, "\(text)")
    }

    @Test func aFormKeepsTheFirstOfARepeatedNameAndEveryValue() {
        let form = Form(parsing: "a=1&b=%E8%B7%AF%E7%81%AF&a=2&c&bad=%zz&d=x+y")
        #expect(form["a"] == "1")
        #expect(form.all["a"] == ["1", "2"])
        #expect(form["b"] == "路灯")
        #expect(form["c"] == "")
        #expect(form["bad"] == nil && form.undecodable == ["bad"])
        #expect(!form.notUTF8)
        #expect(form["d"] == "x y")
    }

    @Test func aLogLineIsOneJSONObjectWithItsKeysSorted() throws {
        let fields = [
            "message": "answered", "path": "/track?\"x\"\\y", "control": "a\nb\tc\u{01}d\r", "名": "潞州区",
            "time": "2026-12-06T07:11:14Z",
        ]
        let line = JSONLogHandler.line(fields)
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(parsed == fields)
        let keys = ["control", "message", "path", "time", "名"]
        let positions = keys.map { line.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test(arguments: [
        0, 1, 59, 86_399, 86_400, 951_782_400, 1_709_164_800, 1_796_541_713, 4_107_542_400, -1, -86_400,
        -86_401, 253_402_300_799,
    ])
    func theLogTimeIsISO8601InUTC(_ seconds: Int) {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds) + 0.75)
        #expect(JSONLogHandler.utcTime(date) == ISO8601DateFormatter().string(from: date), "\(seconds)")
    }
}

/// The pages of a long list: which rows, what the heading says, and the links with the filters kept.
struct PagingTests {
    @Test func theTallyAndTheLinksFollowThePage() {
        let zh = Words(.zh)
        let first = Paging(page: 1, size: 100)
        #expect(first.tally(shown: 40, total: 40, zh) == "40")
        #expect(first.tally(shown: 100, total: 743, zh) == "显示第 1–100 件 / 共 743")
        #expect(first.links(total: 40, path: "/letters", keeping: [], zh) == nil)
        let links = first.links(total: 743, path: "/letters", keeping: [("kind", "warning"), ("month", "")], zh)
        #expect(links?["next"] as? String == "/letters?kind=warning&page=2")
        #expect(links?["previous"] == nil)
        #expect(links?["position"] as? String == "第 1 / 8 页")
        let last = Paging(page: 8, size: 100)
        #expect(last.offset == 700)
        #expect(last.tally(shown: 43, total: 743, zh) == "显示第 701–743 件 / 共 743")
        let lastLinks = last.links(total: 743, path: "/letters", keeping: [("department", "城 管&x")], zh)
        #expect(lastLinks?["previous"] as? String == "/letters?department=%E5%9F%8E%20%E7%AE%A1%26x&page=7")
        #expect(lastLinks?["next"] == nil)
        let beyond = Paging(page: 20, size: 100)
        #expect(beyond.tally(shown: 0, total: 743, zh) == "共 743")
        #expect(
            beyond.links(total: 743, path: "/letters", keeping: [], zh)?["previous"] as? String == "/letters?page=8")
    }
}

/// The citizens' lookup throttle: one person's wrong guesses lock only themselves out of a ticket.
struct LookupThrottleTests {
    @Test func oneGuesserLocksOnlyThemselvesOut() async {
        let throttle = LookupThrottle()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for _ in 0..<10 { await throttle.fail(number: "20261206-000018", client: "203.0.113.9", at: now) }
        #expect(await !throttle.allows(number: "20261206-000018", client: "203.0.113.9", at: now))
        #expect(await throttle.allows(number: "20261206-000018", client: "198.51.100.7", at: now))
        #expect(await throttle.allows(number: "20261206-000019", client: "203.0.113.9", at: now))
        // An hour later the guesser may try again.
        #expect(await throttle.allows(number: "20261206-000018", client: "203.0.113.9", at: now + 3_600))
    }

    @Test func manyGuessersTogetherStillMeetABoundPerTicketAndEachOneOfTheirOwn() async {
        let throttle = LookupThrottle()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for client in 0..<10 {
            for _ in 0..<10 { await throttle.fail(number: "20261206-000018", client: "10.0.0.\(client)", at: now) }
        }
        #expect(await !throttle.allows(number: "20261206-000018", client: "198.51.100.7", at: now))
        for number in 0..<100 {
            await throttle.fail(number: "20261206-\(100_000 + number)", client: "10.9.9.9", at: now)
        }
        #expect(await !throttle.allows(number: "20261207-000001", client: "10.9.9.9", at: now))
        #expect(await throttle.allows(number: "20261207-000001", client: "10.9.9.8", at: now))
    }
}
