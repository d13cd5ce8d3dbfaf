/// Control characters made visible, the way the run's timeline shows them (`\n`, `\t`, `\u{1B}`):
/// a hostile file must not be able to send terminal escapes (ESC, OSC sequences, NUL) through the
/// source lines and names that diagnostics quote. Public so that every printer of text from a
/// file can escape it the same way.
public enum VisibleText {
    /// C0 controls, DEL and C1 controls: the characters a terminal may act on instead of showing.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// How `scalar` is shown: itself, or an escape when it is a control character.
    public static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        case _ where isControl(scalar): "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default: String(scalar)
        }
    }

    /// `text` with every control character escaped.
    public static func escaped(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return String(text) }
        return text.unicodeScalars.map(shown).joined()
    }
}
