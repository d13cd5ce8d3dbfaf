import Foundation
import ScenarioDiagnostics
import ScenarioRendering
import ScenarioRuntime

/// An input of `scenario diff` that could not be read.
public struct DiffInputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based line, when the problem is on one.
    public var line: Int?
    public var message: String

    /// `FILE:LINE: error: message`, or `FILE: error: message`.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): error: \(message)"
    }
}

/// Reads a timeline file (JSON lines, with or without a header) or a JSON report
/// (`scenario run --format json`) into a `Recording`, telling them apart by their content: a
/// report is one object with an `events` list; a timeline is one object per line. A report's
/// events are read one at a time, never as one tree, so memory stays linear in the events.
public enum RecordingLoader {
    public static func load(_ path: String, names: inout DiffNames) throws(DiffInputError) -> Recording {
        var data = try contents(of: path)
        // A byte-order mark (a file saved by a Windows editor) is not content.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        let outcome = data.withUnsafeBytes { bytes in
            Result { () throws(JSONScanError) in try read(bytes, path: path, names: &names) }
        }
        switch outcome {
        case .success(var recording):
            if recording.format == .timeline { recording.deriveStateFromEvents(objectNames: names.objects.names) }
            return recording
        case .failure(let error):
            throw DiffInputError(path: path, line: error.line, message: error.message)
        }
    }

    private static func contents(of path: String) throws(DiffInputError) -> [UInt8] {
        do throws(InputFile.Failure) {
            return try InputFile.read(path)
        } catch {
            switch error {
            case .noSuchFile: throw DiffInputError(path: path, message: "no such file")
            case .isDirectory: throw DiffInputError(path: path, message: "is a directory; give a timeline file or a JSON report")
            case .tooLarge, .system: throw DiffInputError(path: path, message: "cannot read the file (\(error.reason))")
            }
        }
    }

    private static func read(
        _ bytes: UnsafeRawBufferPointer, path: String, names: inout DiffNames
    ) throws(JSONScanError) -> Recording {
        var scanner = JSONScanner(bytes)
        var recording = Recording(path: path, format: .timeline)
        var isFirst = true
        while let next = scanner.peek() {
            let line = scanner.line
            guard next == UInt8(ascii: "{") else {
                throw scanner.error("expected a JSON object: a timeline has one event per line, a report is one object")
            }
            var members: [JSONMember] = []
            var reportEvents: [Event]?
            try scanner.object { (key, scanner) throws(JSONScanError) in
                if key == "events", scanner.peek() == UInt8(ascii: "[") {
                    reportEvents = try readEvents(&scanner, names: &names)
                } else {
                    members.append(JSONMember(key: key, value: try scanner.value(depth: 1)))
                }
            }
            let object = JSONValue.object(members)
            if let reportEvents {
                guard isFirst else { throw JSONScanError(line: line, message: "a report in the middle of a timeline") }
                guard scanner.peek() == nil else { throw scanner.error("more after the report; a report is one JSON object") }
                recording.format = .report
                recording.events = reportEvents
                recording.trailer = .object([JSONMember(key: "report", value: object)])
                readReportOutcome(object, into: &recording, names: &names)
            } else if let event = try decode(object, line: line, names: &names) {
                recording.events.append(event)
            } else if isFirst, let header = try TimelineHeader(object, line: line) {
                recording.header = header
                recording.runtime = header.runtime
                recording.scenario = header.scenario
                recording.instances = header.instances.map { names.instances.id($0) }
                for object in header.objects { _ = names.objects.id(object.name) }
            } else if isFirst {
                throw JSONScanError(line: line, message: "neither a timeline event (no 'seq'), a timeline header nor a report (no 'events')")
            } else if object["report"]?.members != nil {
                recording.trailer = object
            }
            isFirst = false
        }
        guard !isFirst else { throw JSONScanError(line: 1, message: "empty file: neither a timeline nor a report") }
        finish(&recording)
        return recording
    }

    private static func readEvents(_ scanner: inout JSONScanner, names: inout DiffNames) throws(JSONScanError) -> [Event] {
        var events: [Event] = []
        try scanner.array { (scanner) throws(JSONScanError) in
            _ = scanner.peek()
            let line = scanner.line
            let value = try scanner.value(depth: 2)
            guard let event = try decode(value, line: line, names: &names) else {
                throw JSONScanError(line: line, message: "an event without 'seq'")
            }
            events.append(event)
        }
        return events
    }

    private static func decode(_ value: JSONValue, line: Int, names: inout DiffNames) throws(JSONScanError) -> Event? {
        do throws(TimelineReadError) {
            return try TimelineEventFields.event(
                from: value, line: line, instance: { names.instances.id($0) }, object: { names.objects.id($0) })
        } catch {
            throw JSONScanError(line: error.line, message: error.message)
        }
    }

    /// The keys of a report besides its events: status, final state, instances.
    private static func readReportOutcome(_ report: JSONValue, into recording: inout Recording, names: inout DiffNames) {
        recording.runtime = report["runtime"]?.string
        recording.scenario = report["scenario"]?.string
        recording.status = report["status"]?.string
        for member in report["variables"]?.members ?? [] {
            if let value = member.value.integer { recording.variables[member.key] = value }
        }
        for member in report["queues"]?.members ?? [] {
            if let value = member.value.integer { recording.queues[member.key] = value }
        }
        recording.instances = (report["workers"]?.elements ?? []).compactMap { $0["name"]?.string }.map { names.instances.id($0) }
    }

    /// Events in `seq` order, and every instance that has events listed.
    private static func finish(_ recording: inout Recording) {
        if zip(recording.events, recording.events.dropFirst()).contains(where: { $0.seq > $1.seq }) {
            recording.events.sort { $0.seq < $1.seq }
        }
        var listed = Set(recording.instances)
        for event in recording.events where listed.insert(event.instance).inserted {
            recording.instances.append(event.instance)
        }
    }
}
