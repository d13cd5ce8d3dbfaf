import ScenarioRuntime

/// The lanes: a band per instance with its state bars and event marks, and the arrows of who
/// unblocked whom across them.
extension SVGCanvas {
    static let stateColours: [RunPicture.Span.State: String] = [
        .running: "#4c78a8", .blocked: "#e45756", .sleeping: "#a0a0a0", .working: "#54a24b", .gil: "#eeca3b",
        .queued: "#b279a2",
    ]
    static let stateOrder: [RunPicture.Span.State] = [.running, .blocked, .sleeping, .working, .gil, .queued]

    var painter: SVGIntervalPainter { SVGIntervalPainter(left: plotLeft, right: plotRight, x: { x($0) }) }

    mutating func drawLane(_ lane: Int) {
        let top = laneTop(lane), barTop = top + (Self.laneHeight - Self.barHeight) / 2
        let stuck = stuckLanes.contains(lane)
        let band = stuck ? "#ffebee" : lane % 2 == 1 ? "#ffffff" : "#f6f8fa"
        let name = picture.lanes[lane].name, worker = picture.lanes[lane].worker
        add(#"<rect x="0" y=""#, SVGText.px(top), #"" width=""#, SVGText.px(width), #"" height=""#,
            SVGText.px(Self.laneHeight), #"" fill=""#, band, #""/>"#)
        add(#"<text x="6" y=""#, SVGText.px(top + 13), #"" font-weight="bold" fill='#1f2328'>"#,
            MarkupText.escaped(SVGText.cut(name, to: 24) + (stuck ? " ⚠" : "")), "</text>")
        if worker != name || stuck {
            add(#"<text x="6" y=""#, SVGText.px(top + 24), #"" font-size="10" fill='#59636e'>"#,
                MarkupText.escaped(worker != name ? SVGText.cut(worker, to: 26) : "deadlocked"), "</text>")
        }
        add(#"<g clip-path="url(#plot)">"#)
        let spans = laneSpans[lane].map { index in
            let span = picture.spans[index]
            return SVGIntervalPainter.Interval(
                from: span.from, to: span.to, key: Self.stateOrder.firstIndex(of: span.state) ?? 0, index: index)
        }.sorted { ($0.from, $0.index) < ($1.from, $1.index) }
        var bars: [String] = []
        painter.paint(spans, wide: { index, x0, x1 in
            let span = picture.spans[index]
            bars.append(Self.rect(x0, barTop, x1 - x0, Self.barHeight, Self.stateColours[span.state] ?? "#4c78a8"))
            if span.state == .blocked, let object = span.object, x1 - x0 > 40 {
                let fit = Int((x1 - x0 - 6) / 6)
                bars.append(#"<text x="\#(SVGText.px(x0 + 3))" y="\#(SVGText.px(barTop + 12))" font-size="10" fill='#ffffff'>"#
                    + MarkupText.escaped(SVGText.cut("waits for " + object, to: max(1, fit))) + "</text>")
            }
        }, narrow: { key, x0, x1 in
            bars.append(Self.rect(x0, barTop, x1 - x0, Self.barHeight, Self.stateColours[Self.stateOrder[key]] ?? "#4c78a8"))
        })
        out += bars
        drawMarks(lane, y: top + Self.laneHeight / 2)
        add("</g>")
    }

    static func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ fill: String) -> String {
        #"<rect x="\#(SVGText.px(x))" y="\#(SVGText.px(y))" width="\#(SVGText.px(width))" height="\#(SVGText.px(height))" fill="\#(fill)"/>"#
    }

    /// A mark per event, or one grey mark for the events that share a few pixel columns.
    private mutating func drawMarks(_ lane: Int, y: Double) {
        let indexes = laneEvents[lane].sorted { (picture.events[$0].nanoseconds, $0) < (picture.events[$1].nanoseconds, $1) }
        var group: [Int] = []
        var bucket = Int.min
        var marks: [String] = []
        func flush() {
            if group.count == 1, let only = group.first {
                let event = picture.events[only]
                marks.append(#"<path d="\#(SVGMarks.path(event.kind, x: x(event.seconds), y: y))" fill="\#(SVGMarks.fill(event.kind))" stroke='#ffffff' stroke-width="0.8"/>"#)
            } else if let first = group.first, let last = group.last {
                let x0 = x(picture.events[first].seconds), x1 = max(x(picture.events[last].seconds), x0 + 4)
                marks.append(#"<rect x="\#(SVGText.px(x0 - 2))" y="\#(SVGText.px(y - 6))" width="\#(SVGText.px(x1 - x0 + 4))" height="12" rx="3" fill='#37474f' fill-opacity="0.85"/>"#)
            }
            group = []
        }
        for index in indexes {
            let b = Int(((x(picture.events[index].seconds) - plotLeft) / Self.markWidth).rounded(.down))
            if b != bucket {
                flush()
                bucket = b
            }
            group.append(index)
        }
        flush()
        out += marks
    }

    /// Who unblocked whom: a curve from the event that ended a wait to the event that ended it;
    /// arrows that would be drawn over one another are drawn once, thicker.
    mutating func drawArrows() {
        var order: [String] = []
        var merged: [String: (from: Int, to: Int, count: Int)] = [:]
        for link in picture.links {
            guard picture.events.indices.contains(link.from), picture.events.indices.contains(link.to) else { continue }
            let a = picture.events[link.from], b = picture.events[link.to]
            guard picture.lanes.indices.contains(Int(a.instance)), picture.lanes.indices.contains(Int(b.instance)) else { continue }
            let key = "\(Int((x(a.seconds) / 3).rounded()))/\(a.instance)/\(Int((x(b.seconds) / 3).rounded()))/\(b.instance)"
            if let seen = merged[key] {
                merged[key] = (seen.from, seen.to, seen.count + 1)
            } else {
                merged[key] = (link.from, link.to, 1)
                order.append(key)
            }
        }
        guard !order.isEmpty else { return }
        add(#"<g fill="none" stroke='#263238' stroke-opacity="0.75" clip-path="url(#plot)">"#)
        for key in order.prefix(5000) {
            guard let arrow = merged[key] else { continue }
            let a = picture.events[arrow.from], b = picture.events[arrow.to]
            add(#"<path d=""#, Self.arrowPath(x(a.seconds), laneMiddle(Int(a.instance)), x(b.seconds), laneMiddle(Int(b.instance))),
                #"" stroke-width=""#, arrow.count > 1 ? "2.2" : "1.2", #"" marker-end="url(#head)"/>"#)
        }
        add("</g>")
    }

    /// The page's curve: it leaves the releasing lane and arrives at the waiting one, even when
    /// both events happened at (almost) the same moment or on the same lane.
    static func arrowPath(_ xa: Double, _ ya: Double, _ xb: Double, _ yb: Double) -> String {
        let f = SVGText.px
        if ya == yb {
            let lift = min(laneHeight * 0.9, 10 + abs(xb - xa) / 4)
            return "M\(f(xa)) \(f(ya - 5))C\(f(xa)) \(f(ya - lift)) \(f(xb)) \(f(yb - lift)) \(f(xb)) \(f(yb - 6))"
        }
        let down: Double = yb > ya ? 1 : -1
        let bend = max(14, abs(xb - xa) / 2)
        let ya1 = ya + down * 6, yb1 = yb - down * 7
        return "M\(f(xa)) \(f(ya1))C\(f(xa + bend)) \(f(ya1 + down * 4)) \(f(xb - bend)) \(f(yb1 - down * 4)) \(f(xb)) \(f(yb1))"
    }
}

/// Event marks: the shape says the kind (▲ acquire, ▼ release, ■ put/get, ◆ wait/pass, ● log,
/// a tick for block, a dot for the rest), as on the page.
enum SVGMarks {
    static func path(_ kind: EventKind, x: Double, y: Double) -> String {
        let r = 5.0, f = SVGText.px
        switch kind {
        case .acquire: return "M\(f(x)) \(f(y - r))L\(f(x + r)) \(f(y + r - 1))L\(f(x - r)) \(f(y + r - 1))Z"
        case .release: return "M\(f(x)) \(f(y + r))L\(f(x + r)) \(f(y - r + 1))L\(f(x - r)) \(f(y - r + 1))Z"
        case .put, .get: return "M\(f(x - r + 1)) \(f(y - r + 1))h\(f(2 * r - 2))v\(f(2 * r - 2))h\(f(-(2 * r - 2)))Z"
        case .wait, .pass: return "M\(f(x)) \(f(y - r))L\(f(x + r)) \(f(y))L\(f(x)) \(f(y + r))L\(f(x - r)) \(f(y))Z"
        case .block: return "M\(f(x - 1.5)) \(f(y - r - 1))h3v\(f(2 * r + 2))h-3Z"
        default:
            let q = kind == .log ? r - 0.5 : r - 2
            return "M\(f(x - q)) \(f(y))a\(f(q)) \(f(q)) 0 1 0 \(f(2 * q)) 0a\(f(q)) \(f(q)) 0 1 0 \(f(-2 * q)) 0Z"
        }
    }

    static func fill(_ kind: EventKind) -> String {
        switch kind {
        case .acquire: "#1b5e20"
        case .release: "#66bb6a"
        case .put: "#0d47a1"
        case .get: "#64b5f6"
        case .wait, .pass: "#6a1b9a"
        case .log: "#ef6c00"
        case .block: "#b71c1c"
        default: "#333333"
        }
    }
}
