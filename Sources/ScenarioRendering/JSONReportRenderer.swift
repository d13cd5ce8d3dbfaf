import Foundation
import ScenarioRuntime

/// Renders a whole run as one JSON object (`--format json`), with exactly these keys, in order:
/// `scenario`, `runtime`, `executor`, `seed`, `strategy`, `depth`, `events`, `status`, `duration`, `variables`, `queues`,
/// `expectations`, `workers`, `deadlock`, `error`; and `gil` after them when the run models the GIL
/// (`{"interval": s, "waited": s, "workers": {instance: s}}`: each instance's total wait for it).
///
/// The order is the order in which a run knows them, so that the report can be written as the run
/// goes on (`JSONReportStream`): what is known before it starts, then each event as it happens,
/// then the outcome. Written by hand and in chunks, because `events` can hold millions of entries.
/// Each top-level key, array element and event is on its own line.
public struct JSONReportRenderer: Sendable {
    public init() {}

    /// The report as JSON text, ending in a newline.
    public func render(_ report: RunReport) -> String {
        var bytes: [UInt8] = []
        // Cannot throw: the sink does not. One chunk, flushed at the end.
        try? write(report, chunkSize: .max) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Streams the report to `sink`, which receives chunks of about `chunkSize` bytes of UTF-8.
    /// Chunks end only between events (or at the end), so each one decodes on its own.
    public func write(_ report: RunReport, chunkSize: Int = 1 << 20, to sink: ([UInt8]) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            var output = ChunkedOutput(chunkSize: chunkSize, sink: sink)
            let head = JSONReportHead(
                scenario: report.scenario, runtime: report.runtime, executor: report.executor, seed: report.seed,
                strategy: report.strategy, depth: report.depth)
            head.append(to: &output.buffer)
            let encoder = EventJSONEncoder(report: report)
            for (index, event) in report.events.enumerated() {
                Self.appendEvent(event, first: index == 0, encoder: encoder, to: &output.buffer)
                try output.flushIfFull()
            }
            Self.appendTail(of: report, hadEvents: !report.events.isEmpty, to: &output.buffer)
            try output.flush()
        }
    }

    static func appendEvent(_ event: Event, first: Bool, encoder: EventJSONEncoder, to out: inout JSONBytes) {
        out.append(first ? "\n    " : ",\n    ")
        encoder.append(event, to: &out)
    }

    /// Closes `events` and writes the keys only the end of the run knows.
    /// - Parameter withEvents: false when the head left `events` out (a timeline's trailer).
    static func appendTail(of report: RunReport, hadEvents: Bool, withEvents: Bool = true, to out: inout JSONBytes) {
        let renderer = JSONReportRenderer()
        if !withEvents {
            out.append(",\n  \"status\": ")
        } else {
            out.append(hadEvents ? "\n  ],\n  \"status\": " : "],\n  \"status\": ")
        }
        out.appendString(report.status.rawValue)
        out.append(",\n  \"duration\": ")
        out.appendSeconds(report.duration)
        out.append(",\n  \"variables\": ")
        renderer.appendNamedValues(report.variables, to: &out)
        out.append(",\n  \"queues\": ")
        renderer.appendNamedValues(report.queues, to: &out)
        out.append(",\n  \"expectations\": ")
        renderer.appendList(report.expectations, to: &out) { $1.appendExpectation($0) }
        out.append(",\n  \"workers\": ")
        renderer.appendList(report.instances, to: &out) { $1.appendInstance($0) }
        if !report.pools.isEmpty {
            out.append(",\n  \"pools\": ")
            renderer.appendList(report.pools, to: &out) { pool, out in
                out.append("{\"name\": ")
                out.appendString(pool.name)
                out.append(", \"size\": ")
                out.appendInt(pool.size)
                out.append(pool.sizeIsCores ? ", \"size_is_cores\": true" : ", \"size_is_cores\": false")
                out.append(pool.processes == nil ? ", \"kind\": \"threads\"" : ", \"kind\": \"processes\"")
                if let processes = pool.processes {
                    // Each process's own copy of the variables: what its tasks wrote, unseen by the parent.
                    out.append(", \"processes\": [")
                    for (index, process) in processes.enumerated() {
                        out.append(index == 0 ? "{\"slot\": " : ", {\"slot\": ")
                        out.appendInt(process.slot)
                        out.append(", \"pid\": ")
                        out.appendInt(process.pid)
                        out.append(", \"variables\": ")
                        renderer.appendNamedValues(process.variables, to: &out)
                        out.append("}")
                    }
                    out.append("]")
                }
                out.append("}")
            }
        }
        if !report.results.isEmpty {
            out.append(",\n  \"results\": ")
            renderer.appendList(report.results, to: &out) { result, out in
                out.append("{\"worker\": ")
                out.appendString(result.worker)
                out.append(", \"instance\": ")
                out.appendString(result.instance)
                out.append(", \"value\": ")
                out.appendOptionalInt(result.value)
                out.append(", \"completed\": ")
                out.appendOptionalInt(result.completed)
                if let failure = result.failure {
                    out.append(", \"failed\": ")
                    out.appendString(failure)
                }
                out.append("}")
            }
        }
        out.append(",\n  \"deadlock\": ")
        renderer.appendDeadlock(report.deadlock, to: &out)
        out.append(",\n  \"error\": ")
        renderer.appendError(report.error, to: &out)
        if let gil = report.gil {
            // Only when the run models the GIL: other reports keep exactly the keys above.
            out.append(",\n  \"gil\": {\"interval\":")
            out.appendSeconds(gil.interval)
            out.append(",\"waited\":")
            out.appendSeconds(gil.totalWaited)
            out.append(",\"workers\":{")
            for (index, waited) in gil.waited.enumerated() where report.instances.indices.contains(index) {
                if index > 0 { out.append(",") }
                out.appendString(report.instances[index].name)
                out.append(":")
                out.appendSeconds(waited)
            }
            out.append("}}")
        }
        out.append("\n}\n")
    }

    fileprivate func appendNamedValues(_ values: [NamedValue], to out: inout JSONBytes) {
        out.append("{")
        for (index, entry) in values.enumerated() {
            if index > 0 { out.append(",") }
            out.appendString(entry.name)
            out.append(":")
            out.appendInt(entry.value)
        }
        out.append("}")
    }

    /// A list with one element per line, or `[]`.
    private func appendList<T>(_ items: [T], to out: inout JSONBytes, element: (T, inout JSONBytes) -> Void) {
        guard !items.isEmpty else { return out.append("[]") }
        out.append("[")
        for (index, item) in items.enumerated() {
            out.append(index == 0 ? "\n    " : ",\n    ")
            element(item, &out)
        }
        out.append("\n  ]")
    }

    fileprivate func appendDeadlock(_ deadlock: DeadlockReport?, to out: inout JSONBytes) {
        guard let deadlock else { return out.append("null") }
        out.append("{\"summary\":")
        out.appendString(deadlock.summary)
        out.append(",\"waits\":")
        out.appendStrings(deadlock.waits)
        out.append(",\"cycle\":")
        out.appendStrings(deadlock.cycle)
        out.append(",\"running\":")
        out.appendStrings(deadlock.running)
        out.append(",\"objects\":[")
        for (index, object) in deadlock.objects.enumerated() {
            if index > 0 { out.append(",") }
            out.appendBlockedObject(object)
        }
        out.append("]}")
    }

    fileprivate func appendError(_ failure: RuntimeFailure?, to out: inout JSONBytes) {
        guard let failure else { return out.append("null") }
        out.append("{\"message\":")
        out.appendString(failure.message)
        out.append(",\"location\":")
        out.appendString(failure.location)
        out.append("}")
    }
}

extension EventJSONEncoder {
    init(report: RunReport) {
        self.init(instances: report.instances.map(\.name), objects: report.objects.map(\.name))
    }
}

/// What a report says before its run starts: the first keys of `--format json`.
struct JSONReportHead {
    let scenario: String
    let runtime: String
    let executor: String?
    /// The simulate runtime's: null on the others (as `executor` is on threads), and `depth` too
    /// unless the strategy is pct.
    let seed: UInt64?
    let strategy: String?
    let depth: Int?
    /// Whether `events` follows (false for a timeline's trailer, whose events are the lines above it).
    var withEvents = true

    func append(to out: inout JSONBytes) {
        out.append("{\n  \"scenario\": ")
        out.appendString(scenario)
        out.append(",\n  \"runtime\": ")
        out.appendString(runtime)
        out.append(",\n  \"executor\": ")
        out.appendOptionalString(executor)
        out.append(",\n  \"seed\": ")
        out.appendOptionalUInt64(seed)
        out.append(",\n  \"strategy\": ")
        out.appendOptionalString(strategy)
        out.append(",\n  \"depth\": ")
        out.appendOptionalInt(depth)
        if withEvents { out.append(",\n  \"events\": [") }
    }
}

/// `--format json` written as the run goes on: the head before it starts, each batch of events
/// as the runtime's streaming thread hands it over, the outcome at the end. No event is kept in
/// memory for it; the text is the same as `JSONReportRenderer` makes from a whole report.
///
/// `@unchecked Sendable`: `buffer`, `sink` use and `hadEvents` hold `lock` (the streaming thread
/// during the run, the command before and after it).
public final class JSONReportStream: @unchecked Sendable {
    private let lock = NSLock()
    private var events: EventLineBuffer
    private var output: ChunkedOutput
    private let sink: @Sendable ([UInt8]) throws -> Void
    private var hadEvents = false
    private var failed = false

    /// - Parameters:
    ///   - seed, strategy, depth: the simulate runtime's choices (nil on the others).
    ///   - instances, objects: the names events refer to, by index.
    ///   - sink: receives chunks of UTF-8, each ending between events; once it throws, nothing
    ///     more is written.
    public init(
        scenario: String, runtime: String, executor: String?, seed: UInt64? = nil, strategy: String? = nil,
        depth: Int? = nil, instances: [String], objects: [String], sink: @escaping @Sendable ([UInt8]) throws -> Void
    ) {
        // Chunks of 64 KiB: each becomes an array (and, on the command line, a string), and
        // arrays past malloc's mmap threshold cost page faults every time.
        events = EventLineBuffer(encoder: EventJSONEncoder(instances: instances, objects: objects), capacity: 1 << 16)
        self.sink = sink
        output = ChunkedOutput(sink: sink)
        JSONReportHead(
            scenario: scenario, runtime: runtime, executor: executor, seed: seed, strategy: strategy, depth: depth
        ).append(to: &output.buffer)
    }

    /// Each event on its own line of the `events` array.
    private static let element = EventLineBuffer.Layout(leading: ",\n    ", firstLeading: "\n    ")
    private static let laterElement = EventLineBuffer.Layout(leading: ",\n    ")

    /// Writes a batch of events.
    public func write(_ events: [Event]) {
        lock.withLock {
            guard !failed, !events.isEmpty else { return }
            writeEvents { buffer, layout, sink in try buffer.write(events, layout: layout, to: sink) }
        }
    }

    /// Writes a streamed run's batch straight from the timeline's storage (see
    /// `RunOptions.onEventBatch`): the fast path, with the same bytes as `write(_:)`.
    public func write(_ batch: EventBatch) {
        lock.withLock {
            guard !failed, !batch.isEmpty else { return }
            writeEvents { buffer, layout, sink in try buffer.write(batch, layout: layout, to: sink) }
        }
    }

    /// Hands over what `output` holds (the head, at first), then the events; call with `lock` held.
    private func writeEvents(
        _ encode: (inout EventLineBuffer, EventLineBuffer.Layout, (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) {
        do {
            try output.flush()
            let sink = self.sink
            try encode(&events, hadEvents ? Self.laterElement : Self.element) { try sink(Array($0)) }
            hadEvents = true
        } catch {
            failed = true
        }
    }

    /// Writes the outcome and hands over the rest.
    public func finish(_ report: RunReport) {
        lock.withLock {
            guard !failed else { return }
            JSONReportRenderer.appendTail(of: report, hadEvents: hadEvents, to: &output.buffer)
            do { try output.flush() } catch { failed = true }
        }
    }
}
