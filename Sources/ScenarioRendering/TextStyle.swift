/// ANSI colours for the text renderers; with `useColor` off every function returns its text unchanged,
/// so every line reads the same without colour.
struct TextStyle: Sendable {
    var useColor: Bool

    enum Color: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case magenta = "35"
        case cyan = "36"
        case bold = "1"
        case dim = "2"
    }

    func apply(_ color: Color?, _ text: String) -> String {
        guard useColor, let color, !text.isEmpty else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }

    func red(_ text: String) -> String { apply(.red, text) }
    func green(_ text: String) -> String { apply(.green, text) }
    func yellow(_ text: String) -> String { apply(.yellow, text) }
    func cyan(_ text: String) -> String { apply(.cyan, text) }
    func bold(_ text: String) -> String { apply(.bold, text) }
    func dim(_ text: String) -> String { apply(.dim, text) }
}
