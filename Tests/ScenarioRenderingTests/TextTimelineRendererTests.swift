import ScenarioRuntime
import Testing

@testable import ScenarioRendering

@Suite struct TextTimelineRendererTests {
    private func timeline(_ report: RunReport, color: Bool = false, maxLines: Int = 200, width: Int = 100) -> String {
        var renderer = TextTimelineRenderer(report: report, useColor: color, maxLines: maxLines, width: width)
        return renderer.render(report.events)
    }

    @Test(arguments: ["lock-counter", "deadlock", "runtime-error", "many-instances"])
    func matchesGolden(name: String) throws {
        try expectGolden(timeline(Fixtures.named(name)), "\(name).timeline.txt")
    }

    @Test func longRunStopsAtMaxLinesAndSaysHowToGetTheRest() throws {
        try expectGolden(timeline(Fixtures.longRun, maxLines: 20), "long-run.timeline.txt")
    }

    @Test func colouredMatchesGolden() throws {
        try expectGolden(visibleEscapes(timeline(Fixtures.lockCounter, color: true)), "lock-counter.timeline.color.txt")
    }

    @Test func colourOnlyAddsEscapes() {
        for report in [Fixtures.lockCounter, Fixtures.runtimeError, Fixtures.manyInstances] {
            #expect(withoutEscapes(timeline(report, color: true)) == timeline(report))
        }
        #expect(timeline(Fixtures.deadlock, color: true).contains("\u{1B}[31mblock right\u{1B}[0m"))
        #expect(!timeline(Fixtures.deadlock).contains("\u{1B}"))
    }

    @Test func manyInstancesFallBackToCompactForm() {
        let narrow = TextTimelineRenderer(report: Fixtures.manyInstances, useColor: false, width: 100)
        #expect(!narrow.usesSwimlanes)
        let wide = TextTimelineRenderer(report: Fixtures.manyInstances, useColor: false, width: 300)
        #expect(wide.usesSwimlanes)
        #expect(TextTimelineRenderer(report: Fixtures.lockCounter, useColor: false, width: 100).usesSwimlanes)
    }

    @Test(arguments: [40, 60, 80, 100, 132, 300])
    func linesFitTheWidth(width: Int) {
        for report in [Fixtures.lockCounter, Fixtures.deadlock, Fixtures.runtimeError, Fixtures.manyInstances] {
            for line in timeline(report, color: true, width: width).split(separator: "\n") {
                #expect(withoutEscapes(String(line)).count <= width, "\(report.scenario) at \(width): \(line)")
            }
        }
    }

    @Test func stopsAfterMaxLinesAndCountsTheRest() {
        var renderer = TextTimelineRenderer(report: Fixtures.longRun, useColor: false, maxLines: 3, width: 100)
        let lines = Fixtures.longRun.events.map { renderer.line(for: $0) }
        #expect(lines.prefix(3).allSatisfy { $0 != nil })
        #expect(lines.dropFirst(3).allSatisfy { $0 == nil })
        #expect(renderer.printedCount == 3)
        #expect(renderer.suppressedCount == 1_197)
        #expect(
            renderer.footer()
                == "… 1,197 more events not shown; use --timeline FILE or --format json to get them all\n")
    }

    @Test func footerIsEmptyWhenEverythingWasShown() {
        var renderer = TextTimelineRenderer(report: Fixtures.deadlock, useColor: false, width: 100)
        for event in Fixtures.deadlock.events { _ = renderer.line(for: event) }
        #expect(renderer.footer() == "")
        #expect(renderer.suppressedCount == 0)
    }

    @Test func eventWordsAndTruncation() {
        var renderer = TextTimelineRenderer(
            instances: ["a-rather-long-instance-name", "b"], objects: ["q", "counter"], useColor: false, width: 60)
        let put = renderer.line(for: Event(seq: 0, nanoseconds: 12_345_678, instance: 1, kind: .put, object: 0, value: .text("a \"job\"")))
        #expect(put?.contains(#"put q "a \"job\"""#) == true)
        #expect(put?.hasPrefix("  0.012s │") == true)
        let long = renderer.line(
            for: Event(seq: 1, nanoseconds: 0, instance: 0, kind: .log, value: .text("a very long message\nthat goes on")))
        #expect(long?.contains("log: a very long messa…") == true)
        #expect(renderer.header().contains("a-rather-long-instance…"))
        let increment = renderer.line(for: Event(seq: 2, nanoseconds: 0, instance: 1, kind: .increment, object: 1, value: .integer(5)))
        #expect(increment?.contains("increment counter → 5") == true)
    }

    @Test func controlCharactersInNamesCannotBreakLines() {
        var renderer = TextTimelineRenderer(instances: ["evil\u{1B}[31m\nname"], objects: [], useColor: false, width: 100)
        let line = renderer.line(for: Event(seq: 0, nanoseconds: 0, instance: 0, kind: .log, value: .text("x\ty")))
        #expect(line == "  0.000s │ log: x\\ty\n")
        #expect(!renderer.header().contains("\u{1B}"))
        #expect(renderer.header().filter { $0 == "\n" }.count == 2)
    }
}
