import Foundation
import Hummingbird

/// One page of a long list (`?page=N`, from 1): the rows to pass over, and the links to the pages beside it with the
/// list's other query parameters kept. A page past the end shows no rows and links back.
struct Paging: Sendable {
    let page: Int
    let size: Int

    /// The highest page asked for that is read as a number; beyond it (or anything not a number) is page 1.
    static let lastPage = 100_000

    init(page: Int, size: Int) {
        self.page = page
        self.size = size
    }

    init(_ request: Request, size: Int, name: String = "page") {
        let asked = request.uri.queryParameters.get(name).flatMap { Int($0) } ?? 1
        self.page = (1...Self.lastPage).contains(asked) ? asked : 1
        self.size = size
    }

    var offset: Int { (page - 1) * size }

    /// "显示第 101–200 件 / 共 743", or the total alone when everything fits on the page.
    func tally(shown: Int, total: Int, _ words: Words) -> String {
        if page == 1 && shown == total { return "\(total)" }
        guard shown > 0 else { return words.t("共 \(total)", "\(total) in all") }
        let first = offset + 1
        let last = offset + shown
        return words.t("显示第 \(first)–\(last) 件 / 共 \(total)", "\(first)–\(last) of \(total)")
    }

    /// The pager's values (nil when the list fits on one page): the previous and next pages' addresses and "第 N / M 页".
    func links(
        total: Int, path: String, keeping query: [(String, String)], _ words: Words, name: String = "page"
    ) -> [String: Any]? {
        let pages = max(1, (total + size - 1) / size)
        guard pages > 1 || page > 1 else { return nil }
        func address(_ page: Int) -> String {
            var parts = query.filter { !$0.1.isEmpty }.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }
            if page > 1 { parts.append("\(name)=\(page)") }
            return parts.isEmpty ? path : path + "?" + parts.joined(separator: "&")
        }
        var values: [String: Any] = [
            "position": words.t("第 \(page) / \(pages) 页", "Page \(page) of \(pages)"),
            "previousLabel": words.t("‹ 上一页", "‹ Previous"), "nextLabel": words.t("下一页 ›", "Next ›"),
        ]
        if page > 1 { values["previous"] = address(min(page - 1, pages)) }
        if page < pages { values["next"] = address(page + 1) }
        return values
    }

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
