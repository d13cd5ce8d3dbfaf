import Foundation
import ScenarioRuntime

/// Writes a timeline as JSON lines (the `--timeline FILE` format), one event per line:
///
///     {"seq":0,"t":0.000012,"worker":"first","event":"acquire","object":"left"}
///
/// `t` is seconds since the run started (up to 9 decimals); `object` (the object's name) and
/// `value` (integer or string) appear only on events that have them. An instance or object index
/// with no name is written as `#INDEX`.
public struct TimelineJSONLinesWriter: Sendable {
    private let instances: [String]
    private let objects: [String]

    /// - Parameters:
    ///   - instances: instance names, indexed by `Event.instance`.
    ///   - objects: object names, indexed by `Event.object`.
    public init(instances: [String], objects: [String]) {
        self.instances = instances
        self.objects = objects
    }

    /// A writer using the report's instance and object names.
    public init(report: RunReport) {
        self.init(instances: report.instances.map(\.name), objects: report.objects.map(\.name))
    }

    private var encoder: EventJSONEncoder { EventJSONEncoder(instances: instances, objects: objects) }

    /// One event as a JSON object, without the newline.
    public func line(for event: Event) -> String {
        var out = JSONBytes()
        encoder.append(event, to: &out)
        return out.string
    }

    /// All events as JSON lines, each ending in a newline.
    public func render(_ events: some Sequence<Event>) -> String {
        let encoder = self.encoder
        var out = JSONBytes()
        for event in events {
            encoder.append(event, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        return out.string
    }

    /// Streams the events to `sink`, which receives chunks of about `chunkSize` bytes of UTF-8,
    /// each ending with a whole line.
    public func write(
        _ events: some Sequence<Event>, chunkSize: Int = 1 << 20, to sink: ([UInt8]) throws -> Void
    ) throws {
        try withoutActuallyEscaping(sink) { sink in
            var output = ChunkedOutput(chunkSize: chunkSize, sink: sink)
            try write(events, to: &output)
        }
    }

    private func write(_ events: some Sequence<Event>, to output: inout ChunkedOutput) throws {
        let encoder = self.encoder
        for event in events {
            encoder.append(event, to: &output.buffer)
            output.buffer.append(UInt8(ascii: "\n"))
            try output.flushIfFull()
        }
        try output.flush()
    }
}

/// Writes batches of events as JSON lines, one batch after another, keeping its names table and
/// its buffer from batch to batch: a streamed run hands over millions of events, 4,096 at a time.
/// Each batch is handed to the sink whole (in pieces of at most about a megabyte, each ending
/// with a whole line) before `write` returns.
public struct TimelineJSONLinesStream {
    private var buffer: EventLineBuffer

    public init(instances: [String], objects: [String]) {
        buffer = EventLineBuffer(encoder: EventJSONEncoder(instances: instances, objects: objects))
    }

    private static let lines = EventLineBuffer.Layout(trailing: "\n")

    /// Encodes the events and hands the lines to `sink`.
    public mutating func write(_ events: [Event], to sink: ([UInt8]) throws -> Void) rethrows {
        try buffer.write(events, layout: Self.lines) { try sink(Array($0)) }
    }

    /// Encodes a streamed run's batch straight from the timeline's storage (see
    /// `RunOptions.onEventBatch`) and hands the lines to `sink`, which must not keep the buffer
    /// it is given past the call: the fast path, with the same bytes as `write(_:to:)`.
    public mutating func write(_ batch: EventBatch, to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try buffer.write(batch, layout: Self.lines, to: sink)
    }
}
