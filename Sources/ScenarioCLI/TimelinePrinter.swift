import Foundation
import ScenarioCompiler
import ScenarioRendering
import ScenarioRuntime

/// Prints the timeline while a run goes on: the runtime hands it events from its streaming thread.
///
/// `@unchecked Sendable`: `renderer` is only used with `lock` held.
final class TimelinePrinter: @unchecked Sendable {
    private let lock = NSLock()
    private var renderer: TextTimelineRenderer
    private let console: Console

    /// - Parameters:
    ///   - all: print every event (`--all`), not only the first `TextTimelineRenderer.defaultMaxLines`.
    ///   - wide: never cut an event's text: let it continue on the next lines of its column (`--wide`).
    init(scenario: CompiledScenario, console: Console, useColor: Bool, all: Bool = false, wide: Bool = false) {
        self.console = console
        renderer = TextTimelineRenderer(
            instances: scenario.instances.map(\.name), objects: scenario.objects.map(\.name), useColor: useColor,
            maxLines: all ? .max : TextTimelineRenderer.defaultMaxLines, wrapsText: wide)
    }

    func start() {
        console.out(lock.withLock { renderer.header() })
    }

    func print(_ events: some Sequence<Event>) {
        let text = lock.withLock {
            var text = ""
            for event in events {
                if let line = renderer.line(for: event) { text += line }
            }
            return text
        }
        if !text.isEmpty { console.out(text) }
    }

    func finish() {
        console.out(lock.withLock { renderer.footer() })
    }
}
