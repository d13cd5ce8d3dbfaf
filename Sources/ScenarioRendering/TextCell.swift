/// Text helpers for fixed-width columns. Widths count characters (grapheme clusters).
enum TextCell {
    /// `text` with control characters made visible (`\n`, `\t`, `\u{1B}`), so one event stays on
    /// one line and names cannot inject terminal escapes.
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `text` cut to at most `width` characters, ending in `…` when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    /// Spaces that bring `text` up to `width` characters.
    static func padding(for text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count))
    }

    /// `text` right-aligned in `width` characters.
    static func rightAligned(_ text: String, width: Int) -> String {
        padding(for: text, to: width) + text
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return number < 0 ? "-" + out : out
    }
}
