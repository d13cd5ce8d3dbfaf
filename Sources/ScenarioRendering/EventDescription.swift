import Foundation
import ScenarioRuntime

/// How one event reads in the text timeline: `acquire left`, `block right`, `put q 3`,
/// `get q "job"`, `increment counter → 5`, `log: text`, `wait b`, `pass b`, `sleep 500ms`, `work 1s`.
struct EventDescription {
    /// The words, with control characters made visible.
    var text: String
    /// The colour of the words when colour is on.
    var color: TextStyle.Color?

    init(_ event: Event, objects: [String]) {
        let object = Self.name(at: Int(event.object), in: objects)
        text = Self.words(event, object: object)
        color = Self.color(of: event.kind)
    }

    private static func name(at index: Int, in objects: [String]) -> String? {
        guard index >= 0 else { return nil }
        return objects.indices.contains(index) ? TextCell.sanitized(objects[index]) : "#\(index)"
    }

    private static func words(_ event: Event, object: String?) -> String {
        let head = [event.kind.rawValue, object].compactMap { $0 }.joined(separator: " ")
        switch (event.kind, event.value) {
        case (_, .none):
            return head
        case (.log, .text(let text)):
            return head + ": " + TextCell.sanitized(text)
        case (.sleep, .integer(let nanoseconds)), (.work, .integer(let nanoseconds)):
            // The step's duration in nanoseconds, as written (the runtime records it).
            return head + " " + DurationText.step(nanoseconds: Int64(nanoseconds))
        case (.gilAcquire, .integer(let nanoseconds)):
            return "\(head) (waited \(DurationText.format(Double(nanoseconds) / 1e9)))"
        case (.increment, .integer(let value)), (.decrement, .integer(let value)), (.set, .integer(let value)):
            return "\(head) → \(value)"
        case (.read, .integer(let value)):
            return "\(head) = \(value)"
        case (.put, .text(let text)), (.get, .text(let text)):
            return head + " " + quoted(text)
        case (_, .integer(let value)):
            return "\(head) \(value)"
        case (_, .text(let text)):
            return head + " " + TextCell.sanitized(text)
        }
    }

    /// A string item as `"text"`, with quotes and backslashes escaped.
    private static func quoted(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + TextCell.sanitized(escaped) + "\""
    }

    private static func color(of kind: EventKind) -> TextStyle.Color? {
        switch kind {
        case .block, .died: .red
        case .acquire, .pass: .green
        case .log: .cyan
        case .stopped: .yellow
        case .start, .finish, .submit: .dim
        case .done, .callback: .green
        case .read, .increment, .decrement, .set, .put, .get, .taskDone: .blue
        case .release, .sleep, .wake, .work, .workEnd, .join, .wait: nil
        case .gilWait, .gilAcquire, .gilRelease: .dim
        }
    }
}
