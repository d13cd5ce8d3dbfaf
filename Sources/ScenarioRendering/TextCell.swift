import ScenarioDiagnostics

/// Text helpers for fixed-width columns. Widths count terminal cells (see `DisplayWidth`).
enum TextCell {
    /// `text` with control characters made visible (`\n`, `\t`, `\u{1B}`), so one event stays on
    /// one line and names cannot inject terminal escapes.
    static func sanitized(_ text: String) -> String { VisibleText.escaped(text) }

    /// Terminal cells taken by `text` (see `DisplayWidth`).
    static func width(_ text: String) -> Int { DisplayWidth.of(text) }

    /// `text` cut to at most `width` cells, ending in `…` when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard Self.width(text) > width else { return text }
        return prefix(of: text, width: width - 1) + "…"
    }

    /// `text` cut to at most `width` cells by taking out its middle, so that the end stays:
    /// `download_worker-1` in 14 cells is `downloa…rker-1`. For instance names, whose `-N`
    /// suffix is what tells them apart, the whole suffix stays whenever it fits.
    static func middleTruncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard Self.width(text) > width else { return text }
        guard width > 2 else { return truncated(text, to: width) }
        let room = width - 1
        let tailWidth = min(room - 1, max((room + 1) / 2, Self.width(String(instanceSuffix(of: text)))))
        let tail = suffix(of: text, width: tailWidth)
        let head = prefix(of: text, width: room - Self.width(tail))
        return head + "…" + tail
    }

    /// The `-N` at the end of an instance name (`-12` of `pool-12`), or "".
    private static func instanceSuffix(of name: String) -> Substring {
        let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, name.dropLast(digits.count).last == "-" else { return "" }
        return name.suffix(digits.count + 1)
    }

    /// The longest start of `text` that fits in `width` cells.
    static func prefix(of text: String, width: Int) -> String {
        var out = ""
        var used = 0
        for character in text {
            let cells = DisplayWidth.of(character)
            if used + cells > width { break }
            used += cells
            out.append(character)
        }
        return out
    }

    /// The longest end of `text` that fits in `width` cells.
    static func suffix(of text: String, width: Int) -> String {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let before = text.index(before: start)
            let cells = DisplayWidth.of(text[before])
            if used + cells > width { break }
            used += cells
            start = before
        }
        return String(text[start...])
    }

    /// `text` in lines of at most `width` cells, broken at spaces where possible (a word longer
    /// than a line is broken where the line is full). Never empty: "" gives [""].
    static func wrapped(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var rest = Substring(text)
        while Self.width(String(rest)) > width {
            var line = Substring(prefix(of: String(rest), width: width))
            // A character wider than the whole line still has to go somewhere.
            if line.isEmpty { line = rest.prefix(1) }
            // Unless the line ends just before a space, end it after its last space.
            let endsAtSpace = rest.dropFirst(line.count).first == " "
            if !endsAtSpace, let space = line.lastIndex(of: " "), space > line.startIndex {
                line = line[..<space]
            }
            rest = rest.dropFirst(line.count).drop { $0 == " " }
            lines.append(trailingSpacesRemoved(line))
        }
        if !rest.isEmpty || lines.isEmpty { lines.append(trailingSpacesRemoved(rest)) }
        return lines
    }

    private static func trailingSpacesRemoved(_ text: Substring) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    /// Spaces that bring `text` up to `width` cells.
    static func padding(for text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - Self.width(text)))
    }

    /// `text` right-aligned in `width` cells.
    static func rightAligned(_ text: String, width: Int) -> String {
        padding(for: text, to: width) + text
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ number: Int) -> String { GroupedNumber.text(number) }
}
