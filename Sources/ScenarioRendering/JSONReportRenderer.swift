import Foundation
import ScenarioRuntime

/// Renders a whole run as one JSON object (`--format json`), with exactly these keys, in order:
/// `scenario`, `runtime`, `executor`, `status`, `duration`, `variables`, `queues`, `expectations`, `workers`,
/// `deadlock`, `error`, `events`.
///
/// Written by hand and streamed in chunks, because `events` can hold millions of entries.
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
            try write(report, to: &output)
        }
    }

    private func write(_ report: RunReport, to output: inout ChunkedOutput) throws {
        let encoder = EventJSONEncoder(report: report)
        appendHead(of: report, to: &output.buffer)
        for (index, event) in report.events.enumerated() {
            appendEvent(event, index: index, encoder: encoder, to: &output.buffer)
            try output.flushIfFull()
        }
        appendTail(of: report, to: &output.buffer)
        try output.flush()
    }

    private func appendHead(of report: RunReport, to out: inout JSONBytes) {
        out.append("{\n  \"scenario\": ")
        out.appendString(report.scenario)
        out.append(",\n  \"runtime\": ")
        out.appendString(report.runtime)
        out.append(",\n  \"executor\": ")
        if let executor = report.executor { out.appendString(executor) } else { out.append("null") }
        out.append(",\n  \"status\": ")
        out.appendString(report.status.rawValue)
        out.append(",\n  \"duration\": ")
        out.appendSeconds(report.duration)
        out.append(",\n  \"variables\": ")
        appendNamedValues(report.variables, to: &out)
        out.append(",\n  \"queues\": ")
        appendNamedValues(report.queues, to: &out)
        out.append(",\n  \"expectations\": ")
        appendList(report.expectations, to: &out) { $1.appendExpectation($0) }
        out.append(",\n  \"workers\": ")
        appendList(report.instances, to: &out) { $1.appendInstance($0) }
        out.append(",\n  \"deadlock\": ")
        appendDeadlock(report.deadlock, to: &out)
        out.append(",\n  \"error\": ")
        appendError(report.error, to: &out)
        out.append(",\n  \"events\": [")
    }

    private func appendEvent(_ event: Event, index: Int, encoder: EventJSONEncoder, to out: inout JSONBytes) {
        out.append(index == 0 ? "\n    " : ",\n    ")
        encoder.append(event, to: &out)
    }

    private func appendTail(of report: RunReport, to out: inout JSONBytes) {
        out.append(report.events.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    private func appendNamedValues(_ values: [NamedValue], to out: inout JSONBytes) {
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

    private func appendDeadlock(_ deadlock: DeadlockReport?, to out: inout JSONBytes) {
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
            out.append(index == 0 ? "{\"name\":" : ",{\"name\":")
            out.appendString(object.name)
            out.append(",\"kind\":")
            out.appendString(object.kind)
            out.append(",\"state\":")
            out.appendString(object.state)
            out.append(",\"waiting\":")
            out.appendStrings(object.waiting)
            out.append(",\"holders\":")
            out.appendStrings(object.holders)
            out.append("}")
        }
        out.append("]}")
    }

    private func appendError(_ failure: RuntimeFailure?, to out: inout JSONBytes) {
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
