import ScenarioRuntime

/// The human timeline, streamed one event at a time.
///
/// Swimlanes: a time column, then one column per instance, each event written in its instance's
/// column. When the columns would not fit in `width`, it falls back to one compact line per event:
///
///       0.012s  first-3   acquire left
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

    private let instances: [String]
    private let objects: [String]
    private let style: TextStyle
    private let width: Int
    public let maxLines: Int
    /// The swimlane column width, or nil in the compact form.
    let columnWidth: Int?
    private let nameWidth: Int

    /// Event lines returned so far.
    public private(set) var printedCount = 0
    /// Events not shown because `maxLines` was reached.
    public private(set) var suppressedCount = 0

    /// - Parameters:
    ///   - instances: instance names, indexed by `Event.instance`.
    ///   - objects: object names, indexed by `Event.object`.
    ///   - useColor: whether to add ANSI colours.
    ///   - maxLines: how many events to show at most (`Int.max` for all).
    ///   - width: the widest a line may be, in characters.
    public init(
        instances: [String], objects: [String], useColor: Bool, maxLines: Int = 200,
        width: Int = TerminalSize.columns()
    ) {
        self.instances = instances.map(TextCell.sanitized)
        self.objects = objects
        style = TextStyle(useColor: useColor)
        self.maxLines = max(0, maxLines)
        self.width = max(40, width)
        let room = (self.width - Self.timeWidth) / max(1, instances.count) - 3
        let column = min(Self.preferredColumnWidth, room)
        columnWidth = column >= Self.minimumColumnWidth ? column : nil
        nameWidth = min(Self.maximumNameWidth, self.instances.map(\.count).max() ?? 0)
    }

    /// A renderer for the report's instances and objects.
    public init(report: RunReport, useColor: Bool, maxLines: Int = 200, width: Int = TerminalSize.columns()) {
        self.init(
            instances: report.instances.map(\.name), objects: report.objects.map(\.name), useColor: useColor,
            maxLines: maxLines, width: width)
    }

    /// Whether events are laid out in swimlanes (one column per instance).
    public var usesSwimlanes: Bool { columnWidth != nil }

    /// The column headings, and in swimlanes a rule under them.
    public func header() -> String {
        let time = TextCell.rightAligned("time", width: Self.timeWidth)
        guard let columnWidth else {
            let name = "worker" + TextCell.padding(for: "worker", to: nameWidth)
            return style.dim("\(time)  \(name)  event") + "\n"
        }
        let names = instances.map { TextCell.truncated($0, to: columnWidth) }
        let cells = names.map { style.bold($0) + TextCell.padding(for: $0, to: columnWidth) }
        let heading = trimmed(time + cells.map { " │ " + $0 }.joined())
        let rule = String(repeating: "─", count: Self.timeWidth + 1)
            + instances.map { _ in "┼" + String(repeating: "─", count: columnWidth + 2) }.joined()
        return heading + "\n" + style.dim(String(rule.dropLast())) + "\n"
    }

    /// The event's line, or nil once `maxLines` lines have been returned (the event is then counted).
    public mutating func line(for event: Event) -> String? {
        guard printedCount < maxLines else {
            suppressedCount += 1
            return nil
        }
        printedCount += 1
        let description = EventDescription(event, objects: objects)
        let time = style.dim(TextCell.rightAligned(DurationText.clock(nanoseconds: event.nanoseconds), width: Self.timeWidth))
        let instance = Int(event.instance)
        guard let columnWidth, instances.indices.contains(instance) else {
            let name = instances.indices.contains(instance) ? instances[instance] : "#\(instance)"
            let shownName = TextCell.truncated(name, to: nameWidth)
            let room = width - Self.timeWidth - 4 - max(nameWidth, shownName.count)
            let text = TextCell.truncated(description.text, to: room)
            return trimmed(
                "\(time)  \(shownName)\(TextCell.padding(for: shownName, to: nameWidth))  "
                    + style.apply(description.color, text)) + "\n"
        }
        let text = TextCell.truncated(description.text, to: columnWidth)
        var line = time
        for column in instances.indices {
            line += " │ "
            line += column == instance
                ? style.apply(description.color, text) + TextCell.padding(for: text, to: columnWidth)
                : String(repeating: " ", count: columnWidth)
        }
        return trimmed(line) + "\n"
    }

    /// Says how many events were not shown and how to get them all; empty when none were suppressed.
    public func footer() -> String {
        guard suppressedCount > 0 else { return "" }
        let noun = suppressedCount == 1 ? "event" : "events"
        return style.dim(
            "… \(TextCell.grouped(suppressedCount)) more \(noun) not shown; "
                + "use --timeline FILE or --format json to get them all") + "\n"
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
