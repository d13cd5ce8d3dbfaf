import ScenarioRendering
import ScenarioRuntime

/// `scenario diff --format json`: one object, keys in this order: `verdict`, `a`, `b`,
/// `time_tolerance`, `status`, `state`, `first_divergence`, `instances`. Events are written as
/// in a timeline file. Nothing depends on hashing order, so the same inputs give the same bytes.
public struct DiffJSONRenderer: Sendable {
    public static let samples = 10

    public init() {}

    public func render(_ diff: RunDiff) -> String {
        let events = TimelineJSONLinesWriter(instances: diff.names.instances.names, objects: diff.names.objects.names)
        var out = "{\n  \"verdict\": \(diff.isSame ? "\"same\"" : "\"differ\"")"
        out += ",\n  \"a\": \(describe(diff.a))"
        out += ",\n  \"b\": \(describe(diff.b))"
        out += ",\n  \"time_tolerance\": \(diff.timeTolerance.map { "\($0)" } ?? "null")"
        out += ",\n  \"status\": "
        out += diff.status.map { "{\"a\":\(JSONText.quoted($0.a)),\"b\":\(JSONText.quoted($0.b))}" } ?? "null"
        let state = diff.state.map {
            "{\"name\":\(JSONText.quoted($0.name)),\"kind\":\"\($0.kind.rawValue)\",\"a\":\($0.a),\"b\":\($0.b)}"
        }
        out += ",\n  \"state\": [\(state.joined(separator: ","))]"
        out += ",\n  \"first_divergence\": "
        if let divergence = diff.divergence {
            let (a, b) = DivergenceSentence.sentences(diff, divergence)
            let object = DivergenceSentence.name(divergence.object, in: diff.names.objects)
            out += "{\"object\":\(JSONText.quoted(object))"
            out += ",\"a\":{\"text\":\(JSONText.quoted(a)),\"events\":["
            out += events.line(for: diff.a.events[divergence.aFirst]) + "," + events.line(for: diff.a.events[divergence.aSecond]) + "]}"
            out += ",\"b\":{\"text\":\(JSONText.quoted(b)),\"events\":["
            out += events.line(for: diff.b.events[divergence.bFirst]) + "," + events.line(for: diff.b.events[divergence.bSecond]) + "]}}"
        } else {
            out += "null"
        }
        out += ",\n  \"instances\": ["
        for (index, instance) in diff.instances.enumerated() {
            out += index == 0 ? "\n    " : ",\n    "
            let name = DivergenceSentence.name(instance.instance, in: diff.names.instances)
            out += "{\"name\":\(JSONText.quoted(name)),\"only_in_a\":\(instance.onlyInA.count),\"only_in_b\":\(instance.onlyInB.count)"
            out += ",\"aligned\":\(instance.isMinimal ? "\"minimal\"" : "\"greedy\"")"
            out += ",\"only_in_a_sample\":[\(instance.onlyInA.prefix(Self.samples).map { events.line(for: diff.a.events[$0]) }.joined(separator: ","))]"
            out += ",\"only_in_b_sample\":[\(instance.onlyInB.prefix(Self.samples).map { events.line(for: diff.b.events[$0]) }.joined(separator: ","))]}"
        }
        out += diff.instances.isEmpty ? "]" : "\n  ]"
        return out + "\n}\n"
    }

    private func describe(_ recording: Recording) -> String {
        var out = "{\"file\":\(JSONText.quoted(recording.path)),\"format\":\"\(recording.format.rawValue)\""
        out += ",\"runtime\":\(recording.runtime.map(JSONText.quoted) ?? "null")"
        out += ",\"status\":\(recording.status.map(JSONText.quoted) ?? "null")"
        return out + ",\"events\":\(recording.events.count)}"
    }
}
