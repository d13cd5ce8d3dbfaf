import Foundation
import ScenarioRuntime

/// A timeline file that could not be read back.
public struct TimelineReadError: Error, Equatable, CustomStringConvertible {
    /// 1-based line number in the file.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// A timeline file read back: its header (nil for a file written before headers, or by
/// another tool), its events, and its report trailer (nil for a file written before trailers,
/// or by a run that did not finish writing).
public struct TimelineFile: Sendable, Equatable {
    public var header: TimelineHeader?
    public var events: [Event]
    /// The last line, `{"report": {…}}` (see `TimelineTrailer`), as parsed.
    public var trailer: JSONValue?

    public init(header: TimelineHeader?, events: [Event], trailer: JSONValue? = nil) {
        self.header = header
        self.events = events
        self.trailer = trailer
    }

    /// The run's outcome that the trailer holds (events empty, objects from the header).
    public var report: RunReport? { trailer.flatMap { TimelineTrailer.report($0, header: header) } }
}

/// Reads a JSON-lines timeline (as written by `TimelineJSONLinesWriter`) back into events,
/// mapping names to indices with the given name tables. Blank lines, and lines without `seq`
/// (the header, or anything a later version adds), are skipped; `read` also returns the header.
public struct TimelineJSONLinesReader: Sendable {
    private let instanceIndex: [String: Int32]
    private let objectIndex: [String: Int32]

    /// - Parameters:
    ///   - instances: instance names; an event's `worker` becomes its index here.
    ///   - objects: object names; an event's `object` becomes its index here.
    public init(instances: [String], objects: [String]) {
        instanceIndex = Self.index(instances)
        objectIndex = Self.index(objects)
    }

    /// A reader using the report's instance and object names.
    public init(report: RunReport) {
        self.init(instances: report.instances.map(\.name), objects: report.objects.map(\.name))
    }

    /// A reader using the names of a file's header.
    public init(header: TimelineHeader) {
        self.init(instances: header.instances, objects: header.objects.map(\.name))
    }

    private static func index(_ names: [String]) -> [String: Int32] {
        var table: [String: Int32] = [:]
        for (position, name) in names.enumerated() where table[name] == nil {
            table[name] = Int32(clamping: position)
        }
        return table
    }

    /// The events of the file at `path`.
    public func events(contentsOfFile path: String) throws -> [Event] {
        try events(from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The events of JSON-lines text.
    public func events(from data: Data) throws(TimelineReadError) -> [Event] {
        try read(from: data).events
    }

    /// The header (the first line, when it is one) and the events of JSON-lines text.
    public func read(from data: Data) throws(TimelineReadError) -> TimelineFile {
        var file = TimelineFile(header: nil, events: [])
        var failure: TimelineReadError?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var lineNumber = 0
            var start = 0
            while start < bytes.count {
                lineNumber += 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do throws(TimelineReadError) {
                    let value = try Self.parse(line, line: lineNumber)
                    if let event = try event(from: value, line: lineNumber) {
                        file.events.append(event)
                    } else if value["report"] != nil {
                        file.trailer = value
                    } else if file.header == nil, file.events.isEmpty {
                        do throws(JSONScanError) {
                            file.header = try TimelineHeader(value, line: lineNumber)
                        } catch {
                            throw TimelineReadError(line: error.line, message: error.message)
                        }
                    }
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        return file
    }

    /// One line (one JSON object) as an event.
    public func event(fromLine line: String) throws(TimelineReadError) -> Event {
        let parsed = Array(line.utf8).withUnsafeBytes { bytes in
            Result { () throws(TimelineReadError) in try Self.parse(bytes, line: 1) }
        }
        let value = try parsed.get()
        guard let event = try event(from: value, line: 1) else {
            throw TimelineReadError(line: 1, message: "not an event: it has no 'seq'")
        }
        return event
    }

    /// The JSON value of one line (its bytes), such as a file's first line, to tell a header.
    public func firstValue(of line: [UInt8]) throws(TimelineReadError) -> JSONValue {
        let parsed = line.withUnsafeBytes { bytes in
            Result { () throws(TimelineReadError) in try Self.parse(bytes, line: 1) }
        }
        return try parsed.get()
    }

    /// One line as a JSON value: exactly one value, and nothing after it.
    static func parse(_ bytes: UnsafeRawBufferPointer, line: Int) throws(TimelineReadError) -> JSONValue {
        var scanner = JSONScanner(bytes, line: line)
        do throws(JSONScanError) {
            let value = try scanner.value()
            guard scanner.peek() == nil else { throw scanner.error("more after the JSON value") }
            return value
        } catch {
            throw TimelineReadError(line: line, message: "not valid JSON: \(error.message)")
        }
    }

    private func event(from value: JSONValue, line: Int) throws(TimelineReadError) -> Event? {
        try TimelineEventFields.event(
            from: value, line: line, instance: { instanceIndex[$0] }, object: { objectIndex[$0] })
    }
}
