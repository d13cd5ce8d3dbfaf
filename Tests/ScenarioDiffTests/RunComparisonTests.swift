import Foundation
import ScenarioRendering
import ScenarioRuntime
import Testing

@testable import ScenarioDiff

/// Comparisons of runs built in memory.
@Suite struct RunComparisonTests {
    /// A recording of `steps` (instance name, kind, object name, value), numbered in order.
    static func recording(
        _ path: String, _ steps: [(String, EventKind, String?, Int?)], names: inout DiffNames
    ) -> Recording {
        var recording = Recording(path: path, format: .timeline)
        for (seq, step) in steps.enumerated() {
            let instance = names.instances.id(step.0)
            if !recording.instances.contains(instance) { recording.instances.append(instance) }
            recording.events.append(Event(
                seq: seq, nanoseconds: Int64(seq) * 1_000, instance: instance, kind: step.1,
                object: step.2.map { names.objects.id($0) } ?? -1, value: step.3.map { .integer($0) } ?? .none))
        }
        recording.deriveStateFromEvents(objectNames: names.objects.names)
        return recording
    }

    static func lockTurn(_ who: String, counter: Int) -> [(String, EventKind, String?, Int?)] {
        [(who, .acquire, "lock", nil), (who, .increment, "counter", counter), (who, .release, "lock", nil)]
    }

    @Test func theFirstDivergenceNamesTheObjectAndBothOrders() throws {
        var names = DiffNames()
        let a = Self.recording("a", Self.lockTurn("alice", counter: 1) + Self.lockTurn("bob", counter: 2), names: &names)
        let b = Self.recording("b", Self.lockTurn("bob", counter: 1) + Self.lockTurn("alice", counter: 2), names: &names)
        let diff = RunComparison.compare(a, b, names: names)
        #expect(!diff.isSame)
        let divergence = try #require(diff.divergence)
        #expect(names.objects.names[Int(divergence.object)] == "lock")
        let sentences = DivergenceSentence.sentences(diff, divergence)
        #expect(sentences.a == "alice acquired lock before bob")
        #expect(sentences.b == "bob acquired lock before alice")
        // Each instance's own events differ only by the counter's values.
        #expect(diff.instances.map { $0.onlyInA.count } == [1, 1])
    }

    @Test func timesAreIgnoredUnlessAToleranceIsGiven() {
        var names = DiffNames()
        let a = Self.recording("a", Self.lockTurn("alice", counter: 1), names: &names)
        var b = a
        b.events[2].nanoseconds += 5_000_000
        #expect(RunComparison.compare(a, b, names: names).isSame)
        #expect(RunComparison.compare(a, b, names: names, timeTolerance: 0.01).isSame)
        let strict = RunComparison.compare(a, b, names: names, timeTolerance: 0.001)
        #expect(!strict.isSame)
        #expect(strict.instances.first?.onlyInA == [2])
    }

    @Test func aLargePairWithOneSwapInTheMiddle() throws {
        var names = DiffNames()
        var steps: [(String, EventKind, String?, Int?)] = []
        for turn in 0..<33_334 {
            steps += Self.lockTurn(turn % 2 == 0 ? "alice" : "bob", counter: turn + 1)
        }
        let middle = 16_000
        var swapped = steps
        swapped.replaceSubrange(
            (middle * 3)..<(middle * 3 + 6),
            with: Self.lockTurn("bob", counter: middle + 1) + Self.lockTurn("alice", counter: middle + 2))
        let a = Self.recording("a", steps, names: &names)
        let b = Self.recording("b", swapped, names: &names)
        #expect(a.events.count > 100_000)
        let diff = RunComparison.compare(a, b, names: names)
        let divergence = try #require(diff.divergence)
        #expect(a.events[divergence.aFirst].seq == middle * 3)
        let sentences = DivergenceSentence.sentences(diff, divergence)
        #expect(sentences.a == "alice acquired lock before bob (alice's 8001st time, bob's 8001st)")
        #expect(sentences.b == "bob acquired lock before alice (bob's 8001st time, alice's 8001st)")
        #expect(diff.instances.allSatisfy { $0.isMinimal })
    }

    @Test func jsonOutputIsValidAndStable() throws {
        var names = DiffNames()
        let a = Self.recording("a", Self.lockTurn("alice", counter: 1) + Self.lockTurn("bob", counter: 2), names: &names)
        let b = Self.recording("b", Self.lockTurn("bob", counter: 1) + Self.lockTurn("alice", counter: 2), names: &names)
        let text = DiffJSONRenderer().render(RunComparison.compare(a, b, names: names))
        #expect(text == DiffJSONRenderer().render(RunComparison.compare(a, b, names: names)))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "differ")
        let divergence = try #require(json["first_divergence"] as? [String: Any])
        #expect(divergence["object"] as? String == "lock")
        #expect((divergence["a"] as? [String: Any])?["text"] as? String == "alice acquired lock before bob")
        let instances = try #require(json["instances"] as? [[String: Any]])
        #expect(instances.map { $0["name"] as? String } == ["alice", "bob"])
        #expect(instances.map { $0["only_in_a"] as? Int } == [1, 1])
        #expect(Array(json.keys).sorted() == ["a", "b", "first_divergence", "instances", "state", "status", "time_tolerance", "verdict"])
    }
}
