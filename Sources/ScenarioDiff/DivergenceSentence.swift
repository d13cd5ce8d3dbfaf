import ScenarioRuntime

/// The first divergence in words, one sentence per run:
/// `A: alice acquired lock_a before bob` / `B: bob acquired lock_a before alice`, or, for two
/// kinds of operation, `A: producer put into jobs before consumer got from jobs`.
public enum DivergenceSentence {
    /// The sentences for run A and run B, without the `A: ` / `B: ` prefix.
    public static func sentences(_ diff: RunDiff, _ divergence: FirstDivergence) -> (a: String, b: String) {
        (
            sentence(diff.a.events[divergence.aFirst], before: diff.a.events[divergence.aSecond], names: diff.names),
            sentence(diff.b.events[divergence.bFirst], before: diff.b.events[divergence.bSecond], names: diff.names)
        )
    }

    static func sentence(_ first: Event, before second: Event, names: DiffNames) -> String {
        let object = name(first.object, in: names.objects)
        let firstWho = name(first.instance, in: names.instances)
        let secondWho = name(second.instance, in: names.instances)
        let head = "\(firstWho) \(phrase(first.kind)) \(object) before \(secondWho)"
        return first.kind == second.kind ? head : "\(head) \(phrase(second.kind)) \(object)"
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
