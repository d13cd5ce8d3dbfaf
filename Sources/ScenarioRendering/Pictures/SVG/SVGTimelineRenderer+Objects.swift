/// Under the lanes: who held each lock, rlock and semaphore when, and each queue's size (and each
/// semaphore's permits in use) over time.
extension SVGCanvas {
    /// Fill and text colours per lane, as on the page.
    static let palette: [(fill: String, ink: String)] = [
        ("#4c78a8", "#ffffff"), ("#f58518", "#000000"), ("#54a24b", "#ffffff"), ("#e45756", "#ffffff"),
        ("#72b7b2", "#000000"), ("#eeca3b", "#000000"), ("#b279a2", "#ffffff"), ("#ff9da6", "#000000"),
        ("#9d755d", "#ffffff"), ("#bab0ac", "#000000"),
    ]

    mutating func drawStrips() {
        for (n, strip) in strips.enumerated() {
            let top = stripTops[n], height = Double(strip.rows.count) * Self.stripRowHeight
            add(Self.rect(0, top - 2, width, height + 4, "#f6f8fa"))
            add(#"<text x="6" y=""#, SVGText.px(top + 11), #"" font-weight="bold" fill='#1f2328'>"#,
                MarkupText.escaped(SVGText.cut(strip.name, to: 18)), "</text>")
            add(#"<text x=""#, SVGText.px(Self.labelWidth - 8), #"" y=""#, SVGText.px(top + 11),
                #"" text-anchor="end" font-size="10" fill='#59636e'>"#, MarkupText.escaped(strip.kind), "</text>")
            add(#"<g clip-path="url(#plot)">"#)
            var parts: [String] = []
            for (r, row) in strip.rows.enumerated() {
                let y = top + Double(r) * Self.stripRowHeight
                let intervals = row.map { index in
                    let holder = picture.holders[index]
                    return SVGIntervalPainter.Interval(from: holder.from, to: holder.to, key: holder.lane, index: index)
                }
                painter.paint(intervals, wide: { index, x0, x1 in
                    let holder = picture.holders[index]
                    let colours = Self.palette[holder.lane % Self.palette.count]
                    parts.append(Self.rect(x0, y, x1 - x0, Self.stripRowHeight - 2, colours.fill))
                    let name = picture.lanes.indices.contains(holder.lane) ? picture.lanes[holder.lane].name : ""
                    if x1 - x0 > Double(name.count) * 6 + 6 {
                        parts.append(#"<text x="\#(SVGText.px(x0 + 3))" y="\#(SVGText.px(y + 10))" font-size="10" fill="\#(colours.ink)">"#
                            + MarkupText.escaped(name) + "</text>")
                    }
                }, narrow: { lane, x0, x1 in
                    parts.append(Self.rect(x0, y, x1 - x0, Self.stripRowHeight - 2, Self.palette[lane % Self.palette.count].fill))
                })
            }
            out += parts
            add("</g>")
        }
    }

    mutating func drawLevels() {
        for (n, level) in picture.levels.enumerated() {
            let top = levelsTop + Double(n) * (Self.levelHeight + 8), base = top + Self.levelHeight
            let most = level.points.map(\.level).max() ?? 0
            let what = level.kind == "semaphore" ? "permits in use" : "size"
            add(Self.rect(0, top, width, Self.levelHeight, "#f6f8fa"))
            add(#"<text x="6" y=""#, SVGText.px(top + 14), #"" font-weight="bold" fill='#1f2328'>"#,
                MarkupText.escaped(SVGText.cut(level.object, to: 24)), "</text>")
            add(#"<text x="6" y=""#, SVGText.px(top + 28), #"" font-size="10" fill='#59636e'>"#,
                MarkupText.escaped("\(what), at most \(SVGText.count(most))"), "</text>")
            add(#"<path clip-path="url(#plot)" fill='#4c78a8' fill-opacity="0.35" stroke='#4c78a8' stroke-width="1" d=""#,
                levelPath(level.points, most: most, base: base), #""/>"#)
        }
    }

    /// A step curve; points that share a pixel column become a spike to their highest value.
    private func levelPath(_ points: [(time: Double, level: Int)], most: Int, base: Double) -> String {
        let f = SVGText.px
        func y(_ value: Int) -> Double {
            base - (most > 0 ? Double(max(0, value)) / Double(most) * (Self.levelHeight - 6) : 0)
        }
        let sorted = points.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        var parts = ["M\(f(plotLeft)) \(f(base))V\(f(y(0)))"]
        var column = Int.min, x0 = 0.0, highest = 0, last = 0
        func flush() {
            guard column != Int.min else { return }
            parts.append("H\(f(x0))V\(f(y(highest)))")
            if last != highest { parts.append("V\(f(y(last)))") }
        }
        for point in sorted {
            let px = x(point.time), c = Int(px.rounded(.down))
            if c != column {
                flush()
                column = c
                x0 = px
                highest = point.level
            } else {
                highest = max(highest, point.level)
            }
            last = point.level
        }
        flush()
        parts.append("H\(f(plotRight))V\(f(base))Z")
        return parts.joined()
    }
}
