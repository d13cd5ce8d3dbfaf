/// A static SVG picture of a run (`--svg FILE`), for slides and handouts: the same lanes as the
/// HTML page (spans as coloured bars, event marks, arrows for who unblocked whom), a strip per
/// lock, rlock and semaphore showing who held it when, each queue's size over time, the title,
/// the outcome and a legend.
///
/// Self-contained and inert: no script, no external reference, generic font families only, and
/// presentation attributes rather than a stylesheet, so that slide programs and vector editors
/// that ignore CSS draw it the same. Deterministic: the same picture gives the same bytes (numbers
/// are written by `SVGText`, never by locale-dependent formatting). What is narrower than a pixel
/// is merged as the page merges it, so the file's size follows the picture's width, not the run's
/// length.
public enum SVGTimelineRenderer {
    /// The SVG document (UTF-8) of `picture`, `width` pixels wide.
    public static func render(_ picture: RunPicture, width: Int = 1200) -> [UInt8] {
        var canvas = SVGCanvas(picture: picture, width: Double(max(400, width)))
        canvas.drawAll()
        return Array(canvas.document().utf8)
    }
}

/// The picture's geometry and the elements drawn so far.
struct SVGCanvas {
    static let labelWidth = 170.0, rightPad = 18.0, axisHeight = 24.0, laneHeight = 28.0, barHeight = 16.0
    static let stripRowHeight = 14.0, levelHeight = 42.0, sectionGap = 14.0, markWidth = 5.0
    static let font = "Helvetica, Arial, sans-serif"

    let picture: RunPicture
    let width: Double
    /// The run's length as drawn: never zero, so that times map to the plot.
    let duration: Double
    var out: [String] = []
    var headerHeight = 0.0
    var lanesTop = 0.0
    var stripTops: [Double] = []
    var levelsTop = 0.0
    var plotBottom = 0.0
    var height = 0.0
    let strips: [SVGStrip]
    /// The lanes of a deadlock's cycle, tinted.
    let stuckLanes: Set<Int>
    /// Each lane's spans and events (indexes into the picture's), grouped once.
    let laneSpans: [[Int]]
    let laneEvents: [[Int]]

    init(picture: RunPicture, width: Double) {
        self.picture = picture
        self.width = width
        var end = picture.duration
        for event in picture.events { end = max(end, event.seconds) }
        for span in picture.spans { end = max(end, span.to) }
        duration = end > 0 ? end : 1e-6
        strips = SVGStrip.strips(of: picture)
        stuckLanes = Set(picture.deadlock?.cycle.map(\.lane) ?? [])
        var spans = [[Int]](repeating: [], count: picture.lanes.count)
        for (index, span) in picture.spans.enumerated() where spans.indices.contains(span.lane) { spans[span.lane].append(index) }
        var events = [[Int]](repeating: [], count: picture.lanes.count)
        for (index, event) in picture.events.enumerated() where events.indices.contains(Int(event.instance)) {
            events[Int(event.instance)].append(index)
        }
        laneSpans = spans
        laneEvents = events
    }

    var plotLeft: Double { Self.labelWidth }
    var plotWidth: Double { max(60, width - Self.labelWidth - Self.rightPad) }
    var plotRight: Double { plotLeft + plotWidth }

    func x(_ t: Double) -> Double { plotLeft + (t / duration) * plotWidth }
    func laneTop(_ lane: Int) -> Double { lanesTop + Double(lane) * Self.laneHeight }
    func laneMiddle(_ lane: Int) -> Double { laneTop(lane) + Self.laneHeight / 2 }

    mutating func add(_ parts: String...) { out.append(parts.joined()) }

    mutating func drawAll() {
        headerHeight = picture.shortened == nil ? 58 : 76
        lanesTop = headerHeight + Self.axisHeight
        var y = lanesTop + Double(picture.lanes.count) * Self.laneHeight + Self.sectionGap
        stripTops = strips.map { strip in
            defer { y += Double(strip.rows.count) * Self.stripRowHeight + 8 }
            return y
        }
        if !strips.isEmpty { y += Self.sectionGap }
        levelsTop = y
        y += Double(picture.levels.count) * (Self.levelHeight + 8)
        plotBottom = y
        drawHeader()
        drawAxis()
        for lane in picture.lanes.indices { drawLane(lane) }
        drawStrips()
        drawLevels()
        drawArrows()
        height = drawOutcome(top: plotBottom + 10)
        height = drawLegend(top: height + 6) + 10
    }

    /// The whole document, with the `<svg>` element sized to what was drawn.
    func document() -> String {
        let w = SVGText.px(width), h = SVGText.px(height)
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" \
            font-family="\(Self.font)" font-size="11" role="img">
            <title>\(MarkupText.escaped(picture.pageTitle))</title>
            <defs><clipPath id="plot"><rect x="\(SVGText.px(plotLeft))" y="0" width="\(SVGText.px(plotWidth))" \
            height="\(h)"/></clipPath><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" \
            markerHeight="6" orient="auto"><path d="M0 0L10 5L0 10Z" fill='#263238'/></marker></defs>
            <rect width="\(w)" height="\(h)" fill='#ffffff'/>

            """
        text.reserveCapacity(text.utf8.count + out.reduce(0) { $0 + $1.utf8.count + 1 } + 8)
        for line in out {
            text += line
            text += "\n"
        }
        text += "</svg>\n"
        return text
    }

    private mutating func drawHeader() {
        add(#"<text x="8" y="24" font-size="18" font-weight="bold" fill='#1f2328'>"#,
            MarkupText.escaped(picture.pageTitle), "</text>")
        let good = picture.status == "ok", bad = ["deadlock", "failed", "error"].contains(picture.status)
        let badge = good ? "#2e7d32" : bad ? "#c62828" : "#6d4c41"
        let status = MarkupText.escaped(picture.status)
        let badgeWidth = Double(picture.status.count) * 7 + 12
        add(#"<rect x="8" y="33" width=""#, SVGText.px(badgeWidth), #"" height="16" rx="8" fill=""#, badge, #""/>"#,
            #"<text x=""#, SVGText.px(8 + badgeWidth / 2), #"" y="45" text-anchor="middle" font-weight="bold" fill='#ffffff'>"#,
            status, "</text>")
        var facts = [picture.file]
        if !picture.runtime.isEmpty {
            facts.append("runtime " + picture.runtime + (picture.executor.map { " (\($0))" } ?? ""))
        }
        facts += ["\(SVGText.count(picture.lanes.count)) instances", "\(SVGText.count(picture.events.count)) events",
                  SVGText.duration(picture.duration)]
        add(#"<text x=""#, SVGText.px(16 + badgeWidth), #"" y="45" fill='#59636e'>"#,
            MarkupText.escaped(facts.filter { !$0.isEmpty }.joined(separator: " · ")), "</text>")
        if let shortened = picture.shortened {
            add(#"<text x="8" y="66" fill='#8a6d00'>Shortened: "#, MarkupText.escaped(shortened), "</text>")
        }
    }

    private mutating func drawAxis() {
        let step = SVGAxis.tickStep(span: duration, pixels: plotWidth)
        let top = headerHeight
        add(#"<g stroke='#d0d7de'>"#)
        var n = 0
        while Double(n) * step <= duration + step * 1e-9, n < 200 {
            let tickX = SVGText.px(x(Double(n) * step))
            add(#"<line x1=""#, tickX, #"" x2=""#, tickX, #"" y1=""#, SVGText.px(top + Self.axisHeight - 6),
                #"" y2=""#, SVGText.px(plotBottom), #""/>"#)
            n += 1
        }
        add("</g>", #"<g fill='#59636e'>"#)
        n = 0
        while Double(n) * step <= duration + step * 1e-9, n < 200 {
            let tickX = x(Double(n) * step)
            if tickX + 60 < width {
                add(#"<text x=""#, SVGText.px(tickX + 3), #"" y=""#, SVGText.px(top + Self.axisHeight - 10), #"">"#,
                    MarkupText.escaped(SVGText.tick(Double(n) * step, step: step)), "</text>")
            }
            n += 1
        }
        add("</g>")
    }
}

/// The time axis's ticks.
enum SVGAxis {
    /// A step of 1, 2 or 5 times a power of ten, giving about one tick per 100 pixels.
    static func tickStep(span: Double, pixels: Double) -> Double {
        let rough = span / max(1, pixels / 100)
        var power = 1.0
        let exponent = rough.log10Floor()
        if exponent > 0 { for _ in 0..<exponent { power *= 10 } } else { for _ in 0..<(-exponent) { power /= 10 } }
        let ratio = rough / power
        return power * (ratio < 1.5 ? 1 : ratio < 3.5 ? 2 : ratio < 7.5 ? 5 : 10)
    }
}
