import ScenarioRuntime

/// The first divergence in words, one sentence per run:
/// `A: alice acquired lock_a before bob` / `B: bob acquired lock_a before alice`, or, for two
/// kinds of operation, `A: producer put into jobs before consumer got from jobs`.
public enum DivergenceSentence {
    /// The sentences for run A and run B, without the `A: ` / `B: ` prefix. When an operation is
    /// not its instance's first of its kind on the object, the sentence says which one it is:
    /// `adder-4 incremented counter before adder-1 (adder-4's 1st time, adder-1's 2nd)`.
    public static func sentences(_ diff: RunDiff, _ divergence: FirstDivergence) -> (a: String, b: String) {
        (
            sentence(diff.a.events, divergence.aFirst, before: divergence.aSecond, names: diff.names),
            sentence(diff.b.events, divergence.bFirst, before: divergence.bSecond, names: diff.names)
        )
    }

    static func sentence(_ events: [Event], _ firstPosition: Int, before secondPosition: Int, names: DiffNames) -> String {
        let first = events[firstPosition]
        let second = events[secondPosition]
        let object = name(first.object, in: names.objects)
        let firstWho = name(first.instance, in: names.instances)
        let secondWho = name(second.instance, in: names.instances)
        var text = "\(firstWho) \(phrase(first.kind)) \(object) before \(secondWho)"
        if first.kind != second.kind { text += " \(phrase(second.kind)) \(object)" }
        let firstCount = ordinal(events, firstPosition)
        let secondCount = ordinal(events, secondPosition)
        if firstCount > 1 || secondCount > 1 {
            text += " (\(firstWho)'s \(ordinalWord(firstCount)) time, \(secondWho)'s \(ordinalWord(secondCount)))"
        }
        return text
    }

    /// 1 for the instance's first operation of this kind on this object, 2 for its second, …
    private static func ordinal(_ events: [Event], _ position: Int) -> Int {
        let event = events[position]
        return events[...position].lazy.filter {
            $0.instance == event.instance && $0.kind == event.kind && $0.object == event.object
        }.count
    }

    /// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
    static func ordinalWord(_ number: Int) -> String {
        let suffix = switch (number % 10, number % 100) {
        case (_, 11...13): "th"
        case (1, _): "st"
        case (2, _): "nd"
        case (3, _): "rd"
        default: "th"
        }
        return "\(number)\(suffix)"
    }

    /// `acquired`, `put into`, `got from`, `arrived at`, …
    static func phrase(_ kind: EventKind) -> String {
        switch kind {
        case .acquire: "acquired"
        case .release: "released"
        case .increment: "incremented"
        case .decrement: "decremented"
        case .set: "set"
        case .put: "put into"
        case .get: "got from"
        case .wait: "arrived at"
        case .taskDone: "called task_done on"
        default: kind.rawValue
        }
    }

    static func name(_ index: Int32, in table: NameTable) -> String {
        let names = table.names
        return names.indices.contains(Int(index)) ? names[Int(index)] : "#\(index)"
    }
}
