import ScenarioRuntime

/// The text helpers of the timeline renderers, for other modules' printers (`scenario diff`),
/// so that every printer counts widths, cuts text and words events the same way.
public enum TextColumns {
    /// Terminal cells taken by `text` (a CJK character or an emoji takes two).
    public static func width(_ text: String) -> Int { TextCell.width(text) }

    /// `text` cut to at most `width` cells, ending in `…` when cut.
    public static func truncated(_ text: String, to width: Int) -> String { TextCell.truncated(text, to: width) }

    /// `text` followed by spaces up to `width` cells.
    public static func padded(_ text: String, to width: Int) -> String { text + TextCell.padding(for: text, to: width) }

    /// `text` with control characters made visible, so that it stays on one line.
    public static func sanitized(_ text: String) -> String { TextCell.sanitized(text) }

    /// How the text timeline words an event: `acquire lock_a`, `increment counter → 5`, `put q "job"`.
    public static func words(_ event: Event, objects: [String]) -> String {
        EventDescription(event, objects: objects).text
    }
}

/// ANSI colours as the text renderers use them; with colour off, text is returned unchanged.
public struct TextPaint: Sendable {
    private let style: TextStyle

    public init(useColor: Bool) { style = TextStyle(useColor: useColor) }

    public func red(_ text: String) -> String { style.red(text) }
    public func green(_ text: String) -> String { style.green(text) }
    public func yellow(_ text: String) -> String { style.yellow(text) }
    public func bold(_ text: String) -> String { style.bold(text) }
    public func dim(_ text: String) -> String { style.dim(text) }
}

/// JSON text for other modules' JSON printers.
public enum JSONText {
    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        String(decoding: JSONBytes.quoted(text), as: UTF8.self)
    }
}
