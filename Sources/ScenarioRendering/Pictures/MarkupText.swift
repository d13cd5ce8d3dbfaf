/// Run text (names, log lines, titles) as the pictures write it into markup: one escaping for the
/// HTML page and the SVG picture alike.
enum MarkupText {
    /// `text` safe as XML element text or inside a double-quoted attribute. Characters XML 1.0
    /// does not allow at all (control characters other than tab, newline and return) become
    /// U+FFFD, so that a log line holding one still gives a well-formed file.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
