import Foundation

/// Questions the tests ask of a dumped page: how many elements have a `data-role`, what an
/// attribute of `<body>` says. The page gives what the tests count a `data-role`, so that no
/// test depends on its classes or layout.
struct PageDOM {
    let html: String

    /// The start tags with `data-role="ROLE"`.
    func tags(role: String) -> [Substring] {
        guard let pattern = try? NSRegularExpression(pattern: "<[a-zA-Z]+ [^>]*data-role=\"\(role)\"[^>]*>") else {
            return []
        }
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range, in: html).map { html[$0] }
        }
    }

    func count(role: String) -> Int { tags(role: role).count }

    /// The sum of `data-count` over the elements with `data-role="ROLE"` (each stands for that many
    /// events or arrows).
    func countSum(role: String) -> Int {
        tags(role: role).reduce(0) { sum, tag in sum + (Int(attribute("data-count", in: tag) ?? "") ?? 0) }
    }

    /// An attribute of the `<body>` start tag.
    func body(_ name: String) -> String? {
        guard let range = html.range(of: "<body[^>]*>", options: .regularExpression) else { return nil }
        return attribute(name, in: html[range])
    }

    /// The text inside the element with `id` (tags removed), as serialised (`&lt;` stays `&lt;`).
    func text(id: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\"[^>]*>", options: .regularExpression) else { return nil }
        let tail = html[start.upperBound...]
        guard let end = tail.range(of: "</") else { return nil }
        return String(tail[..<end.lowerBound])
    }

    private func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: " \(name)=\"[^\"]*\"", options: .regularExpression) else { return nil }
        return String(tag[range].dropFirst(name.count + 3).dropLast())
    }
}
