import Foundation
import ScenarioCompiler
import ScenarioRendering
import ScenarioRuntime
import ScenarioThreads
import ScenarioValidation
import Synchronization
import Testing

/// The fast path, which encodes a streamed run's batches straight from the timeline's storage,
/// writes exactly the bytes of the `Event`-based encoder: for every event kind, text values that
/// need escapes (and one longer than the encoder's whole buffer), names that need escapes, and
/// indices with no name.
@Suite("Encoding streamed batches")
struct BatchEncodingTests {
    /// Every event kind, in every run: the first writer at the barrier always blocks, the reader
    /// always sleeps, and the ticker is always stopped.
    static let everyKind = """
        scenario: Every event kind
        variables:
          counter: 0
          phase: 0
        locks:
          door: lock
        barriers:
          line: 2
        queues:
          mail: 0
        pools:
          runner: {kind: threads, size: 1}
          elsewhere: {kind: processes, size: 1}
        workers:
          copied:
            pool: elsewhere
            steps:
              - increment: counter
          pooled:
            pool: runner
            result: 3
            steps:
              - log: pooled
            on_done:
              - log: "callback {result}"
          ticker:
            daemon: true
            steps:
              - repeat: forever
                do:
                  - sleep: 1ms
          writer:
            count: 2
            steps:
              - wait: line
              - with: door
                do:
                  - increment: counter
                  - work: 1ms
              - put: mail
                value: "quote \\" backslash \\\\ tab \\t bell \\a é ✓ {worker}"
              - log: "\(Self.longText)"
          reader:
            - sleep: 1ms
            - join: writer
            - repeat: 2
              do:
                - get: mail
                - log: "got {item}"
                - task_done: mail
            - join: mail
            - set: phase
              to: -7
            - decrement: counter
        """

    /// Long enough (6 bytes an escape) that its event does not fit the encoder's 1 MiB buffer.
    static let longText = String(repeating: "\\u0001é\\\"", count: 70_000)

    /// Names that need escapes, given to the encoders instead of the scenario's.
    static let escapedNames = (
        instances: ["naïve \"one\"", "tab\there", "back\\slash", "nul\u{0}", "✓", "\u{1f}"],
        objects: ["q\"uote", "line\nfeed", "é", "\\", "\u{7f}"]
    )

    /// `count` distinct names made from `bases`.
    static func names(_ bases: [String], count: Int) -> [String] {
        (0..<count).map { bases[$0 % bases.count] + String(repeating: "+", count: $0 / bases.count) }
    }

    @Test(arguments: [false, true])
    func batchesEncodeAsEventsDo(shortNames: Bool) throws {
        let compiled = try compile(Self.everyKind)
        let instances = shortNames ? ["only \"one\""] : Self.names(Self.escapedNames.instances, count: compiled.instances.count)
        let objects = shortNames ? ["é"] : Self.names(Self.escapedNames.objects, count: compiled.objects.count)

        let written = Written(lines: TimelineJSONLinesStream(instances: instances, objects: objects))
        let sink = Mutex<[UInt8]>([])
        let fastReport = JSONReportStream(
            scenario: compiled.title, runtime: "threads", executor: nil, instances: instances, objects: objects
        ) { chunk in sink.withLock { $0 += chunk } }
        var options = RunOptions(speed: 1, timeout: 60)
        options.keepsEvents = false
        options.onEventBatch = { batch in
            written.write(batch)
            fastReport.write(batch)
        }
        options.onEvents = { events in written.lock.withLock { written.events += events } }
        let report = ThreadsEngine.runBlocking(compiled, options: options)
        #expect(report.status == .ok, "\(report.error?.message ?? "")")

        let events = written.lock.withLock { written.events }
        // Every kind but the GIL's, which only a run that models the GIL records, and `died`, which
        // only a failing run does (their own tests cover them; they are encoded as every other
        // kind is).
        let gilKinds: Set<EventKind> = [.gilWait, .gilAcquire, .gilRelease, .died]
        #expect(Set(events.map(\.kind)) == Set(EventKind.allCases).subtracting(gilKinds))
        // The process pool's task ran in a process of its own (virtual here: no runner), so both
        // encoders wrote `pid` keys.
        #expect(events.contains { $0.pid != 0 })
        #expect(events.contains { if case .text(let text) = $0.value { text.utf8.count > 1 << 20 / 6 } else { false } })

        let fast = written.lock.withLock { written.fast }
        let general = TimelineJSONLinesWriter(instances: instances, objects: objects).render(events)
        #expect(Self.difference(fast, Array(general.utf8)) == nil)
        #expect(fast.filter { $0 == UInt8(ascii: "\n") }.count == events.count)

        // The whole report, with the same names, rendered from `Event` values.
        var whole = report
        whole.events = Timeline(events)
        if !shortNames {
            for index in whole.instances.indices { whole.instances[index].name = instances[index] }
            for index in whole.objects.indices { whole.objects[index].name = objects[index] }
        }
        fastReport.finish(whole)
        let streamed = String(decoding: sink.withLock { $0 }, as: UTF8.self)
        if shortNames {
            // Names the report cannot hold: the same lines as the timeline's, in the array.
            let lines = general.split(separator: "\n").map { "    " + $0 }.joined(separator: ",\n")
            let inArray = streamed.contains("\"events\": [\n" + lines + "\n  ],\n")
            #expect(inArray)
        } else {
            #expect(Self.difference(Array(streamed.utf8), Array(JSONReportRenderer().render(whole).utf8)) == nil)
        }
    }

    /// Where two texts first differ, with some of each around it (a message of megabytes is no help); nil when equal.
    static func difference(_ got: [UInt8], _ expected: [UInt8]) -> String? {
        guard got != expected else { return nil }
        let common = min(got.count, expected.count)
        let at = (0..<common).first { got[$0] != expected[$0] } ?? common
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, at - 80)..<min(bytes.count, at + 80)], as: UTF8.self)
        }
        return "byte \(at) of \(got.count) (expected \(expected.count)): got …\(around(got))… expected …\(around(expected))…"
    }

    /// What the observers of the run received.
    ///
    /// `@unchecked Sendable`: every property is used with `lock` held.
    private final class Written: @unchecked Sendable {
        let lock = NSLock()
        var lines: TimelineJSONLinesStream
        var fast: [UInt8] = []
        var events: [Event] = []

        init(lines: TimelineJSONLinesStream) { self.lines = lines }

        func write(_ batch: EventBatch) {
            lock.withLock { lines.write(batch) { fast += $0 } }
        }
    }

    private func compile(_ yaml: String) throws -> CompiledScenario {
        let result = FrontEnd.check(Array(yaml.utf8), path: "every-kind.yaml")
        let scenario = try #require(result.scenario, "\(result.diagnostics)")
        return Compiler.compile(scenario, path: "every-kind.yaml")
    }
}
