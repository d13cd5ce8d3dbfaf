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

    init(scenario: CompiledScenario, console: Console, useColor: Bool) {
        self.console = console
        renderer = TextTimelineRenderer(
            instances: scenario.instances.map(\.name), objects: scenario.objects.map(\.name), useColor: useColor)
    }

    func start() {
        console.out(lock.withLock { renderer.header() })
    }

    func print(_ events: [Event]) {
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
