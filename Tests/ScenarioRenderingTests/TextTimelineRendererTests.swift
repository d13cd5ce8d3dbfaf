import Foundation
import ScenarioRuntime
import Testing

@testable import ScenarioRendering

@Suite struct TextTimelineRendererTests {
    private func timeline(
        _ report: RunReport, color: Bool = false, maxLines: Int = 200, wrapsText: Bool = false, width: Int = 100
    ) -> String {
        var renderer = TextTimelineRenderer(report: report, useColor: color, maxLines: maxLines, wrapsText: wrapsText, width: width)
        return renderer.render(report.events)
    }

    /// The lines of `text` after the header (two lines in swimlanes, one in the compact form).
    private func eventLines(_ text: String, swimlanes: Bool = true) -> [String] {
        text.split(separator: "\n").dropFirst(swimlanes ? 2 : 1).map(String.init)
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
        let reports = [Fixtures.lockCounter, Fixtures.deadlock, Fixtures.runtimeError, Fixtures.manyInstances, Fixtures.longNames]
        for report in reports {
            for wraps in [false, true] {
                for line in timeline(report, color: true, wrapsText: wraps, width: width).split(separator: "\n") {
                    #expect(DisplayWidth.of(withoutEscapes(String(line))) <= width, "\(report.scenario) at \(width): \(line)")
                }
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
                == "… 1,197 more events not shown; --all prints them all\n")
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
        #expect(renderer.header().contains("a-rather-lo…stance-name"))
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

    // MARK: Names, widths and wrapping

    /// At 80 columns the names lose their middle; with `wrapsText` the long message wraps.
    @Test func longNamesMatchGolden() throws {
        try expectGolden(timeline(Fixtures.longNames, width: 80), "long-names.timeline.txt")
        try expectGolden(timeline(Fixtures.longNames, wrapsText: true, width: 80), "long-names.timeline.wrapped.txt")
        try expectGolden(timeline(Fixtures.longNames, wrapsText: true, width: 60), "long-names.timeline.compact.txt")
    }

    @Test(arguments: [80, 100])
    func swimlaneHeadersKeepTheInstanceNumber(width: Int) throws {
        let renderer = TextTimelineRenderer(report: Fixtures.longNames, useColor: false, width: width)
        #expect(renderer.usesSwimlanes)
        let heading = try #require(renderer.header().split(separator: "\n").first)
        let names = heading.split(separator: "│").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(names.count == 4)
        #expect(Set(names).count == 4, "\(names)")
        for (index, name) in names.enumerated() {
            #expect(name.hasSuffix("-\(index + 1)"), "\(name)")
            #expect(name.hasPrefix("downlo"), "\(name)")
        }
        if width == 80 { #expect(names.first == "downloa…orker-1") }
    }

    @Test func compactNamesKeepTheInstanceNumber() {
        let text = timeline(Fixtures.longNames, width: 60)
        let lines = eventLines(text, swimlanes: false)
        #expect(lines.first == "  0.000s  downloa…worker-1  start")
        #expect(lines.contains { $0.hasPrefix("  0.000s  downloa…worker-4  start") })
    }

    @Test func middleTruncation() {
        #expect(TextCell.middleTruncated("download_worker-1", to: 14) == "downlo…orker-1")
        #expect(TextCell.middleTruncated("download_worker-1", to: 17) == "download_worker-1")
        #expect(TextCell.middleTruncated("pool-10000", to: 8) == "p…-10000")
        #expect(TextCell.middleTruncated("abcdefghij", to: 5) == "ab…ij")
        #expect(TextCell.middleTruncated("日本語日本語", to: 7) == "日本…語")
        #expect(TextCell.middleTruncated("abc", to: 2) == "a…")
    }

    @Test(arguments: [
        ("a", 1), ("日", 2), ("ｱ", 1), ("Ａ", 2), ("한", 2), ("e\u{301}", 1), ("🎉", 2), ("❤\u{FE0F}", 2), ("❤", 1),
        ("👍🏽", 2), ("🇫🇷", 2), ("👩\u{200D}👩\u{200D}👧", 2), ("\u{200B}", 0), ("\u{301}", 0), ("中文 ok", 7),
    ])
    func displayWidth(text: String, cells: Int) {
        #expect(DisplayWidth.of(text) == cells)
    }

    @Test func wideCharactersKeepTheSeparatorsInPlace() {
        var renderer = TextTimelineRenderer(instances: ["a", "b"], objects: [], useColor: false, width: 100)
        let cjk = renderer.line(for: Event(seq: 0, nanoseconds: 0, instance: 0, kind: .log, value: .text("日本語")))
        #expect(cjk == "  0.000s │ log: 日本語" + String(repeating: " ", count: 17) + " │\n")
        let mixed = renderer.line(for: Event(seq: 1, nanoseconds: 0, instance: 0, kind: .log, value: .text("🎉 e\u{301}")))
        #expect(mixed == "  0.000s │ log: 🎉 e\u{301}" + String(repeating: " ", count: 19) + " │\n")
        // Cut by cells: 5 for "log: ", 11 characters of 2 cells, and "…".
        let long = renderer.line(for: Event(seq: 2, nanoseconds: 0, instance: 0, kind: .log, value: .text(String(repeating: "字", count: 30))))
        #expect(long == "  0.000s │ log: " + String(repeating: "字", count: 11) + "… │\n")
    }

    @Test func wrappedTextContinuesInItsOwnColumn() {
        var renderer = TextTimelineRenderer(instances: ["a", "b"], objects: [], useColor: false, wrapsText: true, width: 60)
        let text = "one two three four five six seven eight"
        let line = renderer.line(for: Event(seq: 0, nanoseconds: 0, instance: 0, kind: .log, value: .text(text)))
        #expect(line == "  0.000s │ log: one two three four │\n         │ five six seven eight    │\n")
        let right = renderer.line(for: Event(seq: 1, nanoseconds: 0, instance: 1, kind: .log, value: .text(text)))
        #expect(right == "  0.000s │                         │ log: one two three four\n         │                         │ five six seven eight\n")
        #expect(renderer.printedCount == 2)
        let unwrapped = TextTimelineRenderer(instances: ["a", "b"], objects: [], useColor: false, width: 60)
        var cut = unwrapped
        #expect(cut.line(for: Event(seq: 0, nanoseconds: 0, instance: 0, kind: .log, value: .text(text))) == "  0.000s │ log: one two three fou… │\n")
    }

    @Test func wrappedTextInTheCompactForm() {
        var renderer = TextTimelineRenderer(
            instances: (1...12).map { "w-\($0)" }, objects: [], useColor: false, wrapsText: true, width: 40)
        #expect(!renderer.usesSwimlanes)
        let line = renderer.line(for: Event(seq: 0, nanoseconds: 0, instance: 0, kind: .log, value: .text("one two three four five six")))
        #expect(line == "  0.000s  w-1     log: one two three\n                  four five six\n")
    }

    @Test func wrapping() {
        #expect(TextCell.wrapped("", to: 5) == [""])
        #expect(TextCell.wrapped("abcdefgh", to: 3) == ["abc", "def", "gh"])
        #expect(TextCell.wrapped("ab cd ef", to: 5) == ["ab cd", "ef"])
        #expect(TextCell.wrapped("日本語", to: 1) == ["日", "本", "語"])
        #expect(TextCell.wrapped("日本語", to: 3) == ["日", "本", "語"])
    }

    // MARK: Durations of sleep and work

    @Test func sleepAndWorkShowTheirDuration() {
        let lines = eventLines(timeline(Fixtures.longNames, width: 200))
        #expect(lines.contains { $0.contains("│ sleep 500ms ") })
        #expect(lines.contains { $0.contains("│ work 1s ") })
        #expect(lines.contains { $0.contains("│ sleep 1m30s ") })
        #expect(lines.contains { $0.hasSuffix("│ work 1.5ms") })
    }

    @Test(arguments: [
        (Int64(0), "0s"), (40, "40ns"), (1_500, "1.5µs"), (250_000, "250µs"), (1_500_000, "1.5ms"), (500_000_000, "500ms"),
        (1_000_000_000, "1s"), (1_500_000_000, "1.5s"), (1_000_000_001, "1.000000001s"), (90_000_000_000, "1m30s"),
        (120_000_000_000, "2m"), (7_200_000_000_000, "2h"), (3_661_500_000_000, "1h1m1.5s"),
    ])
    func stepDurations(nanoseconds: Int64, text: String) {
        #expect(DurationText.step(nanoseconds: nanoseconds) == text)
    }
}
