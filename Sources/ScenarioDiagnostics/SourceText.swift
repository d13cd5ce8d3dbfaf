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
        self.lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
    }

    /// The text of a 1-based line, or nil past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}
