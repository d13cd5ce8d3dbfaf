/// The text of a scenario file, split into lines so that diagnostics can quote them.
public struct SourceText: Sendable {
    /// The name printed in front of every diagnostic (the path as the user gave it).
    public let path: String
    public let lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" {
            // libyaml does not count a byte-order mark as a column; neither do we.
            body = Substring(body.unicodeScalars.dropFirst())
        }
        // Lines end where libyaml counts a line break: LF, CRLF, a lone CR, and the YAML 1.1 breaks
        // NEL (U+0085), LS (U+2028) and PS (U+2029). (Swift reads "\r\n" as one Character, so the
        // split is done on Unicode scalars.)
        var lines: [Substring] = []
        var start = body.unicodeScalars.startIndex
        var index = start
        let scalars = body.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if Self.isLineBreak(scalar) {
                lines.append(Substring(scalars[start..<index]))
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" {
                    next = scalars.index(after: next)
                }
                start = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        lines.append(Substring(scalars[start..<scalars.endIndex]))
        self.lines = lines
    }

    /// Whether libyaml ends a line at `scalar` (CR LF counts once: the CR ends the line).
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": true
        default: false
        }
    }

    /// Just past the last character of the file.
    public var end: SourceLocation {
        SourceLocation(line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1)
    }

    /// The text of a 1-based line, or nil past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}
