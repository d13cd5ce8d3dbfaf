import ScenarioRuntime

/// Under the plot: the outcome (final state, expectations with ✓/✗, a deadlock's cycle in words)
/// and a legend of the colours and marks.
extension SVGCanvas {
    /// Draws the outcome lines from `top`; returns where they end.
    mutating func drawOutcome(top: Double) -> Double {
        var lines: [(text: String, colour: String)] = []
        if !picture.state.isEmpty {
            lines.append(("Final state: " + picture.state.map { "\($0.name) = \($0.value)" }.joined(separator: ", "), "#1f2328"))
        }
        for result in picture.expectations {
            let name = result.isDeadlock ? "deadlock" : result.variable
            let actual = result.isDeadlock ? String(result.actual != 0) : String(result.actual)
            let expected = result.isDeadlock ? String(result.expected != 0) : String(result.expected)
            lines.append(result.ok
                ? ("✓ \(name) = \(actual)", "#2e7d32") : ("✗ \(name) = \(actual) (expected \(expected))", "#c62828"))
        }
        if let deadlock = picture.deadlock {
            for entry in deadlock.cycle {
                let who = picture.lanes.indices.contains(entry.lane) ? picture.lanes[entry.lane].name : "?"
                let holds = entry.holds.isEmpty ? "holds nothing" : "holds " + entry.holds.joined(separator: ", ")
                lines.append(("⚠ deadlock: \(who) \(holds), waits for \(entry.waits ?? "—")", "#c62828"))
            }
        }
        var y = top
        for line in lines.prefix(40) {
            y += 15
            add(#"<text x="8" y=""#, SVGText.px(y), #"" font-size="12" fill=""#, line.colour, #"">"#,
                MarkupText.escaped(SVGText.cut(line.text, to: Int(width / 6.5))), "</text>")
        }
        return y
    }

    /// Draws the legend in rows from `top`; returns where it ends.
    mutating func drawLegend(top: Double) -> Double {
        var entries: [(swatch: String, words: String)] = Self.stateOrder.map { state in
            let words: String = switch state {
            case .running: "running"
            case .blocked: "blocked (waits for …)"
            case .sleeping: "sleeping"
            case .working: "working"
            case .gil: "waiting for the GIL"
            case .queued: "queued in a pool"
            }
            return (Self.rect(0, 0, 22, 12, Self.stateColours[state] ?? "#4c78a8"), words)
        }
        let marks: [(EventKind, String)] = [
            (.acquire, "acquire"), (.release, "release"), (.put, "put"), (.get, "get"), (.wait, "barrier wait / pass"),
            (.log, "log"), (.block, "block"), (.read, "other event"),
        ]
        for (kind, words) in marks {
            entries.append((#"<path d="\#(SVGMarks.path(kind, x: 11, y: 6))" fill="\#(SVGMarks.fill(kind))"/>"#, words))
        }
        entries.append((#"<rect x="0" y="0" width="22" height="12" rx="3" fill='#37474f' fill-opacity="0.85"/>"#, "events too close to tell apart"))
        entries.append((#"<path d="M1 11C12 11 10 2 20 2" fill="none" stroke='#263238' stroke-width="1.2" marker-end="url(#head)"/>"#, "who unblocked whom"))
        entries.append((#"<rect x="0" y="0" width="22" height="12" fill='#4c78a8' fill-opacity="0.35" stroke='#4c78a8'/>"#, "queue size / permits in use"))
        let columnWidth = 190.0, perRow = max(1, Int((width - 16) / columnWidth))
        add(#"<g font-size="11" fill='#1f2328'>"#)
        for (n, entry) in entries.enumerated() {
            let x = 8 + Double(n % perRow) * columnWidth, y = top + Double(n / perRow) * 18
            add(#"<g transform="translate("#, SVGText.px(x), " ", SVGText.px(y), #")">"#, entry.swatch,
                #"<text x="28" y="10">"#, MarkupText.escaped(entry.words), "</text></g>")
        }
        add("</g>")
        return top + Double((entries.count + perRow - 1) / perRow) * 18
    }
}
