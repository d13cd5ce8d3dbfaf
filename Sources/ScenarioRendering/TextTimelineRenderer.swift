import ScenarioRuntime

/// The human timeline, streamed one event at a time.
///
/// Swimlanes: a time column, then one column per instance, each event written in its instance's
/// column. When the columns would not fit in `width`, it falls back to one compact line per event:
///
///       0.012s  first-3   acquire left
///
/// Widths are terminal cells (a CJK character or an emoji takes two). Instance names too long
/// for their column lose their middle, not their end, so that `pool-1` and `pool-2` stay apart.
/// Event text too long for its column is cut with `…`, or, with `wrapsText`, continues on the
/// next lines of the same column.
///
/// After `maxLines` events it prints nothing more and counts what it suppressed; `footer()` says so.
/// Every returned string ends in a newline (or is empty).
public struct TextTimelineRenderer: Sendable {
    /// Swimlane columns wider than this are not needed.
    static let preferredColumnWidth = 28
    /// Swimlane columns narrower than this are unreadable: use the compact form instead.
    static let minimumColumnWidth = 12
    /// Longest instance name shown in the compact form.
    static let maximumNameWidth = 16
    static let timeWidth = 8
    /// How many events are shown by default (`--all` shows them all).
    public static let defaultMaxLines = 200

    private let instances: [String]
    private let objects: [String]
    private let style: TextStyle
    private let width: Int
    public let maxLines: Int
    /// Whether long event text wraps within its column instead of being cut.
    public let wrapsText: Bool
    /// The swimlane column width, or nil in the compact form.
    let columnWidth: Int?
    private let nameWidth: Int

    /// Events shown so far.
    public private(set) var printedCount = 0
    /// Events not shown because `maxLines` was reached.
    public private(set) var suppressedCount = 0

    /// - Parameters:
    ///   - instances: instance names, indexed by `Event.instance`.
    ///   - objects: object names, indexed by `Event.object`.
    ///   - useColor: whether to add ANSI colours.
    ///   - maxLines: how many events to show at most (`Int.max` for all).
    ///   - wrapsText: whether event text too long for its column continues on the next lines
    ///     (else it is cut with `…`).
    ///   - width: the widest a line may be, in terminal cells.
    public init(
        instances: [String], objects: [String], useColor: Bool, maxLines: Int = defaultMaxLines,
        wrapsText: Bool = false, width: Int = TerminalSize.columns()
    ) {
        self.instances = instances.map(TextCell.sanitized)
        self.objects = objects
        style = TextStyle(useColor: useColor)
        self.maxLines = max(0, maxLines)
        self.wrapsText = wrapsText
        self.width = max(40, width)
        let room = (self.width - Self.timeWidth) / max(1, instances.count) - 3
        let column = min(Self.preferredColumnWidth, room)
        columnWidth = column >= Self.minimumColumnWidth ? column : nil
        let longestName = self.instances.map(TextCell.width).max() ?? 0
        nameWidth = max(TextCell.width("worker"), min(Self.maximumNameWidth, longestName))
    }

    /// A renderer for the report's instances and objects.
    public init(
        report: RunReport, useColor: Bool, maxLines: Int = defaultMaxLines, wrapsText: Bool = false,
        width: Int = TerminalSize.columns()
    ) {
        self.init(
            instances: report.instances.map(\.name), objects: report.objects.map(\.name), useColor: useColor,
            maxLines: maxLines, wrapsText: wrapsText, width: width)
    }

    /// Whether events are laid out in swimlanes (one column per instance).
    public var usesSwimlanes: Bool { columnWidth != nil }

    /// Whether `maxLines` events have been shown, so that any further event is only counted.
    public var isFull: Bool { printedCount >= maxLines }

    /// The column headings, and in swimlanes a rule under them.
    public func header() -> String {
        let time = TextCell.rightAligned("time", width: Self.timeWidth)
        guard let columnWidth else {
            let name = "worker" + TextCell.padding(for: "worker", to: nameWidth)
            return style.dim("\(time)  \(name)  event") + "\n"
        }
        let names = instances.map { TextCell.middleTruncated($0, to: columnWidth) }
        let cells = names.map { style.bold($0) + TextCell.padding(for: $0, to: columnWidth) }
        let heading = trimmed(time + cells.map { " │ " + $0 }.joined())
        let rule = String(repeating: "─", count: Self.timeWidth + 1)
            + instances.map { _ in "┼" + String(repeating: "─", count: columnWidth + 2) }.joined()
        return heading + "\n" + style.dim(String(rule.dropLast())) + "\n"
    }

    /// The event's line (lines, when its text wraps), or nil once `maxLines` events have been
    /// shown (the event is then counted).
    /// The GIL's `gil_wait` and `gil_release` are left out (an empty line, not counted): a switch
    /// shows as the new holder's `gil_acquire` alone, with how long it waited.
    public mutating func line(for event: Event) -> String? {
        if event.kind == .gilWait || event.kind == .gilRelease { return "" }
        guard !isFull else {
            suppressedCount += 1
            return nil
        }
        printedCount += 1
        let description = EventDescription(event, objects: objects)
        let time = style.dim(TextCell.rightAligned(DurationText.clock(nanoseconds: event.nanoseconds), width: Self.timeWidth))
        let noTime = String(repeating: " ", count: Self.timeWidth)
        let instance = Int(event.instance)
        guard let columnWidth, instances.indices.contains(instance) else {
            let name = instances.indices.contains(instance) ? instances[instance] : "#\(instance)"
            let shownName = TextCell.middleTruncated(name, to: nameWidth)
            let room = max(1, width - Self.timeWidth - 4 - nameWidth)
            let pieces = fitted(description.text, to: room)
            let indent = noTime + "  " + String(repeating: " ", count: nameWidth) + "  "
            return pieces.enumerated().map { index, piece in
                let lead = index == 0 ? "\(time)  \(shownName)\(TextCell.padding(for: shownName, to: nameWidth))  " : indent
                return trimmed(lead + style.apply(description.color, piece)) + "\n"
            }.joined()
        }
        return fitted(description.text, to: columnWidth).enumerated().map { index, piece in
            var line = index == 0 ? time : noTime
            for column in instances.indices {
                line += " │ "
                line += column == instance
                    ? style.apply(description.color, piece) + TextCell.padding(for: piece, to: columnWidth)
                    : String(repeating: " ", count: columnWidth)
            }
            return trimmed(line) + "\n"
        }.joined()
    }

    /// `text` as the pieces that fill its column: cut to one, or wrapped.
    private func fitted(_ text: String, to width: Int) -> [String] {
        wrapsText ? TextCell.wrapped(text, to: width) : [TextCell.truncated(text, to: width)]
    }

    /// Says how many events were not shown and how to get them all; empty when none were suppressed.
    public func footer() -> String {
        guard suppressedCount > 0 else { return "" }
        let words = suppressedCount == 1 ? "event not shown; --all prints it" : "events not shown; --all prints them all"
        return style.dim("… \(TextCell.grouped(suppressedCount)) more \(words)") + "\n"
    }

    /// Header, the lines for `events` and footer, in one string (continuing this renderer's counts).
    public mutating func render(_ events: some Sequence<Event>) -> String {
        var out = header()
        for event in events {
            if let line = line(for: event) { out += line }
        }
        return out + footer()
    }

    private func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
