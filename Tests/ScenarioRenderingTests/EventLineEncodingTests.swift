import Foundation
import ScenarioRendering
import ScenarioRuntime
import Testing

/// The fast event encoder writes exactly what the general one would, on every path: short
/// events on the stack, long text through the general path, unnamed indices as `#INDEX`.
@Suite("Event lines")
struct EventLineEncodingTests {
    let writer = TimelineJSONLinesWriter(instances: ["w-1", "naïve \"one\""], objects: ["lock", "q"])

    @Test(arguments: Self.cases)
    func encodesEachPath(_ example: (event: Event, line: String)) {
        #expect(writer.line(for: example.event) == example.line)
    }

    static let cases: [(event: Event, line: String)] = [
        (Event(seq: 0, nanoseconds: 12_000, instance: 0, kind: .acquire, object: 0),
         #"{"seq":0,"t":0.000012,"worker":"w-1","event":"acquire","object":"lock"}"#),
        (Event(seq: 7, nanoseconds: 3_000_000_000, instance: 1, kind: .start),
         #"{"seq":7,"t":3,"worker":"naïve \"one\"","event":"start"}"#),
        (Event(seq: 8, nanoseconds: -500_000_000, instance: 0, kind: .workEnd),
         #"{"seq":8,"t":-0.5,"worker":"w-1","event":"work_end"}"#),
        (Event(seq: 9, nanoseconds: 1, instance: 0, kind: .increment, object: 0, value: .integer(Int.min)),
         #"{"seq":9,"t":0.000000001,"worker":"w-1","event":"increment","object":"lock","value":-9223372036854775808}"#),
        (Event(seq: 10, nanoseconds: 0, instance: 0, kind: .put, object: 1, value: .text("a\"b\\c\n\u{1}")),
         #"{"seq":10,"t":0,"worker":"w-1","event":"put","object":"q","value":"a\"b\\c\n\u0001"}"#),
        (Event(seq: 11, nanoseconds: 0, instance: 5, kind: .get, object: 9, value: .integer(3)),
         ##"{"seq":11,"t":0,"worker":"#5","event":"get","object":"#9","value":3}"##),
    ]

    /// A text too long for the stack buffer takes the general path, whole.
    @Test func longTextIsWrittenWhole() throws {
        let text = String(repeating: "é\"", count: 600)
        let line = writer.line(for: Event(seq: 1, nanoseconds: 0, instance: 0, kind: .log, value: .text(text)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["value"] as? String == text)
    }
}
