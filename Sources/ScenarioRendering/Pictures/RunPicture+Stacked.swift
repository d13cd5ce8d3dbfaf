import ScenarioRuntime

extension RunPicture {
    /// Several runs in one picture, one above the other on a shared time axis (`scenario diff
    /// --html`): each run's lanes, objects, state and expectations named with its label first
    /// (`A: alice`, `B: door`), its events after the previous run's (so stepping through walks
    /// one run, then the next), and its links, spans, holders, levels and marks moved along.
    /// - Parameter parts: each run's label (`A`) and picture, top to bottom.
    /// - Returns: the picture, and where each part's events begin in it.
    public static func stacked(_ parts: [(label: String, picture: RunPicture)]) -> (picture: RunPicture, eventOffsets: [Int]) {
        guard let first = parts.first?.picture else {
            preconditionFailure("a stacked picture needs at least one run")
        }
        var result = first
        result.lanes = []
        result.objects = []
        result.events = []
        result.spans = []
        result.links = []
        result.holders = []
        result.levels = []
        result.state = []
        result.expectations = []
        result.marks = []
        result.deadlock = nil
        var offsets: [Int] = []
        var deadlockTexts: [String] = []
        var cycle: [CycleEntry] = []
        var shortened: [String] = []
        for (label, part) in parts {
            let named = { (name: String) in "\(label): \(name)" }
            let laneOffset = result.lanes.count, objectOffset = Int32(result.objects.count), eventOffset = result.events.count
            offsets.append(eventOffset)
            result.lanes += part.lanes.map { Lane(name: named($0.name), worker: $0.worker) }
            result.objects += part.objects.map { ObjectInfo(name: named($0.name), kind: $0.kind) }
            result.events += part.events.map { event in
                var moved = event
                if moved.instance >= 0 { moved.instance += Int32(laneOffset) }
                if moved.object >= 0 { moved.object += objectOffset }
                return moved
            }
            result.spans += part.spans.map {
                Span(lane: $0.lane + laneOffset, state: $0.state, from: $0.from, to: $0.to, object: $0.object.map(named))
            }
            result.links += part.links.map { Link(from: $0.from + eventOffset, to: $0.to + eventOffset, object: named($0.object)) }
            result.holders += part.holders.map { Holder(object: named($0.object), lane: $0.lane + laneOffset, from: $0.from, to: $0.to) }
            result.levels += part.levels.map { Level(object: named($0.object), kind: $0.kind, points: $0.points) }
            result.state += part.state.map { NamedValue(name: named($0.name), value: $0.value) }
            result.expectations += part.expectations.map { result in
                var renamed = result
                if !result.isDeadlock { renamed.variable = named(result.variable) }
                return renamed
            }
            result.marks += part.marks.map { Mark(event: $0.event + eventOffset, text: $0.text) }
            if let deadlock = part.deadlock {
                deadlockTexts.append("\(label):\n\(deadlock.text)")
                cycle += deadlock.cycle.map {
                    CycleEntry(lane: $0.lane + laneOffset, holds: $0.holds.map(named), waits: $0.waits.map(named))
                }
            }
            if let note = part.shortened { shortened.append("\(label): \(note)") }
        }
        let pictures = parts.map(\.picture)
        result.duration = pictures.map(\.duration).max() ?? 0
        let statuses = pictures.map(\.status)
        result.status = Set(statuses).count == 1 ? first.status : statuses.joined(separator: " / ")
        result.deadlock = cycle.isEmpty && deadlockTexts.isEmpty ? nil : Deadlock(text: deadlockTexts.joined(separator: "\n\n"), cycle: cycle)
        result.shortened = shortened.isEmpty ? nil : shortened.joined(separator: "; ")
        return (result, offsets)
    }
}
