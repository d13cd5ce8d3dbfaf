import Foundation
@testable import ScenarioRendering
import ScenarioRuntime
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The static SVG picture (`--svg`): the same bytes every time (a golden file of a simulated run),
/// well-formed XML whatever the run's text holds, and every part of the picture present.
@Suite struct SVGTimelineRendererTests {
    /// Parses `svg` as XML; the parser's error, or the names of the elements in document order.
    static func elements(_ svg: [UInt8]) -> (names: [String], error: String?) {
        final class Collector: NSObject, XMLParserDelegate {
            var names: [String] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                names.append(name)
            }
        }
        let parser = XMLParser(data: Data(svg))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        return (collector.names, ok ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown error") at line \(parser.lineNumber)")
    }

    @Test func theSimulatedRLockSemaphoreBarrierRunMatchesItsGoldenFile() throws {
        let svg = Chromium.artefacts.appendingPathComponent("golden-04.svg")
        let status = try BuiltScenario.run([
            "run", "scenarios/04-rlock-semaphore-barrier.yaml", "--runtime", "simulate", "--seed", "1", "--quiet",
            "--svg", svg.path,
        ])
        #expect(status == 0)
        let text = try String(contentsOf: svg, encoding: .utf8)
        try expectGolden(text, "rlock-semaphore-barrier.svg")
        let parsed = Self.elements(Array(text.utf8))
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        #expect(parsed.names.first == "svg")
        #expect(!parsed.names.contains("script") && !parsed.names.contains("image") && !parsed.names.contains("style"))
        #expect(!text.contains("href"), "nothing outside the file")
    }

    @Test func theSamePictureGivesTheSameBytes() {
        let picture = RunPicture(report: Fixtures.lockCounter, events: Fixtures.lockCounter.events, file: "demo.yaml")
        #expect(SVGTimelineRenderer.render(picture) == SVGTimelineRenderer.render(picture))
    }

    @Test func aFixtureHasItsLanesArrowStripAndLegend() throws {
        let picture = RunPicture(report: Fixtures.lockCounter, events: Fixtures.lockCounter.events, file: "demo.yaml")
        let text = String(decoding: SVGTimelineRenderer.render(picture), as: UTF8.self)
        #expect(Self.elements(Array(text.utf8)).error == nil)
        for lane in picture.lanes { #expect(text.contains(">\(lane.name)</text>")) }
        #expect(text.contains("<title>counter with lock</title>"))
        #expect(text.contains(#"marker-end="url(#head)""#), "the arrow from the release to the acquire")
        #expect(text.contains(">mutex</text>"), "the lock's strip")
        #expect(text.contains(">who unblocked whom</text>"), "the legend")
        #expect(text.contains("font-family=\"Helvetica, Arial, sans-serif\""))
    }

    @Test func hostileTextStaysWellFormed() throws {
        var report = Fixtures.lockCounter
        report.scenario = "A & B <script>alert(1)</script> \u{1}\u{7}"
        var events = Array(report.events)
        events.append(Event(seq: events.count, nanoseconds: events.last?.nanoseconds ?? 0, instance: 0, kind: .log,
                            value: .text("]]> <!-- \" ' & \u{0}\u{1B}[31m")))
        let picture = RunPicture(report: report, events: events, file: "a<b>.yaml")
        let svg = SVGTimelineRenderer.render(picture)
        let parsed = Self.elements(svg)
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        #expect(!parsed.names.contains("script"))
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("A &amp; B &lt;script&gt;alert(1)&lt;/script&gt; \u{FFFD}\u{FFFD}"))
    }

    @Test func aHundredThousandEventsStayAPictureOfBoundedSize() throws {
        let report = Fixtures.lockCounter
        let events = (0..<100_000).map { n in
            Event(seq: n, nanoseconds: Int64(n) * 1_000, instance: Int32(n % 2), kind: n % 2 == 0 ? .acquire : .release, object: 0)
        }
        let picture = RunPicture(report: report, events: events, file: "long.yaml")
        let svg = SVGTimelineRenderer.render(picture)
        #expect(Self.elements(svg).error == nil)
        #expect(svg.count < 2_000_000, "\(svg.count) bytes for 100,000 events")
    }

    @Test func numbersAreWrittenTheSameEverywhere() {
        #expect(SVGText.fixed(1.25) == "1.3")
        #expect(SVGText.fixed(-0.04) == "0.0")
        #expect(SVGText.fixed(-2.5) == "-2.5")
        #expect(SVGText.fixed(1200) == "1200.0")
        #expect(SVGText.fixed(0.000123, digits: 6) == "0.000123")
        #expect(SVGText.fixed(7, digits: 0) == "7")
        #expect(SVGText.duration(2.000975) == "2.001 s")
        #expect(SVGText.tick(0.0002, step: 0.0001) == "200 µs")
        #expect(SVGText.count(100_000) == "100,000")
        #expect(SVGAxis.tickStep(span: 2, pixels: 1000) == 0.2)
    }
}
