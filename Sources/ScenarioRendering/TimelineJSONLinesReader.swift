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

/// Reads a JSON-lines timeline (as written by `TimelineJSONLinesWriter`) back into events,
/// mapping names to indices with the given name tables. Blank lines are skipped.
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
        var events: [Event] = []
        var failure: TimelineReadError?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var lineNumber = 0
            var start = 0
            while start < bytes.count {
                lineNumber += 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let line = bytes[start..<end]
                start = end + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do throws(TimelineReadError) {
                    events.append(try event(from: Data(line), line: lineNumber))
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        return events
    }

    /// One line (one JSON object) as an event.
    public func event(fromLine line: String) throws(TimelineReadError) -> Event {
        try event(from: Data(line.utf8), line: 1)
    }

    private func event(from data: Data, line: Int) throws(TimelineReadError) -> Event {
        let fail = { (message: String) in TimelineReadError(line: line, message: message) }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw fail("not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw fail("expected a JSON object") }
        guard let seq = object["seq"] as? Int else { throw fail("missing or invalid 'seq'") }
        guard let seconds = (object["t"] as? NSNumber)?.doubleValue else { throw fail("missing or invalid 't'") }
        guard let worker = object["worker"] as? String else { throw fail("missing or invalid 'worker'") }
        guard let instance = instanceIndex[worker] else { throw fail("unknown worker '\(worker)'") }
        guard let kindName = object["event"] as? String else { throw fail("missing or invalid 'event'") }
        guard let kind = EventKind(rawValue: kindName) else { throw fail("unknown event '\(kindName)'") }
        var objectNumber: Int32 = -1
        if let name = object["object"] {
            guard let name = name as? String, let found = objectIndex[name] else { throw fail("unknown object \(name)") }
            objectNumber = found
        }
        let value: EventValue
        switch object["value"] {
        case nil: value = .none
        case let text as String: value = .text(text)
        case let number as Int: value = .integer(number)
        default: throw fail("'value' must be an integer or a string")
        }
        return Event(
            seq: seq, nanoseconds: JSONBytes.nanoseconds(seconds), instance: instance, kind: kind,
            object: objectNumber, value: value)
    }
}
