/// The spelling rules that integers and durations share, so that both say the same thing about
/// the same mistake. YAML 1.1 read `017` as octal 15; the language refuses a leading zero in any
/// number rather than guess, and refuses a `+` sign (a plain number needs none).
enum NumberSpelling {
    /// Whether `digits` (the part of a number before any '.') has a superfluous leading zero.
    static func hasLeadingZero(_ digits: Substring) -> Bool {
        digits.count > 1 && digits.first == "0"
    }

    /// The message for a number written with a leading zero, quoting `text` as written.
    static func leadingZero(in text: String) -> String {
        "'\(text.elided)' has a leading zero, which YAML 1.1 reads as octal; write it without the zero"
    }
}
