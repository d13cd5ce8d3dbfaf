import Foundation
import ScenarioCompiler
import ScenarioRendering
import ScenarioRuntime

/// Prints the timeline while a run goes on: the runtime hands it events from its streaming thread.
///
/// `@unchecked Sendable`: `renderer` and `durations` are only used with `lock` held.
final class TimelinePrinter: @unchecked Sendable {
    private let lock = NSLock()
    private var renderer: TextTimelineRenderer
    /// Gives `sleep` and `work` lines their step's duration (`sleep 500ms`).
    private var durations: StepDurations
    private let console: Console

    /// - Parameters:
    ///   - all: print every event (`--all`), not only the first `TextTimelineRenderer.defaultMaxLines`.
    ///   - wide: never cut an event's text: let it continue on the next lines of its column (`--wide`).
    init(scenario: CompiledScenario, console: Console, useColor: Bool, all: Bool = false, wide: Bool = false) {
        self.console = console
        renderer = TextTimelineRenderer(
            instances: scenario.instances.map(\.name), objects: scenario.objects.map(\.name), useColor: useColor,
            maxLines: all ? .max : TextTimelineRenderer.defaultMaxLines, wrapsText: wide)
        durations = StepDurations(scenario: scenario)
    }

    func start() {
        console.out(lock.withLock { renderer.header() })
    }

    func print(_ events: [Event]) {
        let text = lock.withLock {
            var text = ""
            for event in events {
                // Once the renderer shows nothing more, following the programs is wasted work.
                let shown = renderer.isFull ? event : durations.annotate(event)
                if let line = renderer.line(for: shown) { text += line }
            }
            return text
        }
        if !text.isEmpty { console.out(text) }
    }

    func finish() {
        console.out(lock.withLock { renderer.footer() })
    }
}
