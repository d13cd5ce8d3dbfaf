import ScenarioRuntime

/// Who held each lock, rlock and semaphore when: a lane holds it from its first acquire to the
/// release that brings its count back to zero (an rlock's or a semaphore's acquisitions nest).
struct HolderTracker {
    private struct Open {
        var count: Int
        var from: Double
    }

    /// Keyed by object and lane.
    private var open: [Key: Open] = [:]
    private var closed: [(object: Int32, holder: RunPicture.Holder)] = []

    private struct Key: Hashable, Comparable {
        var object: Int32
        var lane: Int

        static func < (left: Key, right: Key) -> Bool { (left.object, left.lane) < (right.object, right.lane) }
    }

    private static let heldKinds: Set<String> = ["lock", "rlock", "semaphore"]

    mutating func add(_ event: Event, lane: Int, kind: String, time: Double) {
        guard Self.heldKinds.contains(kind) else { return }
        let key = Key(object: event.object, lane: lane)
        switch event.kind {
        case .acquire:
            open[key, default: Open(count: 0, from: time)].count += 1
        case .release:
            if var held = open[key] {
                held.count -= 1
                if held.count > 0 { open[key] = held } else { close(key, from: held.from, at: time) }
            } else if kind == "lock" {
                // A plain lock released by another instance than its holder (threading.Lock allows it).
                for other in open.keys.sorted() where other.object == event.object {
                    if let held = open[other] { close(other, from: held.from, at: time) }
                }
            }
        default:
            break
        }
    }

    private mutating func close(_ key: Key, from: Double, at time: Double) {
        open[key] = nil
        closed.append((key.object, RunPicture.Holder(object: "", lane: key.lane, from: from, to: time)))
    }

    /// Every holding, in the order they ended; those still open (held at the end) last, ending at `end`.
    func finish(at end: Double, objects: [ObjectInfo]) -> [RunPicture.Holder] {
        var all = closed
        for key in open.keys.sorted() {
            if let held = open[key] {
                all.append((key.object, RunPicture.Holder(object: "", lane: key.lane, from: held.from, to: max(end, held.from))))
            }
        }
        return all.map { entry in
            var holder = entry.holder
            holder.object = objects[Int(entry.object)].name
            return holder
        }
    }
}

/// Each queue's size and each semaphore's permits in use over time, as step points from 0 at t = 0.
struct LevelTracker {
    private var tracked: [Int32: Int] = [:]
    private var levels: [(object: Int32, kind: String, level: Int, points: [(time: Double, level: Int)])] = []

    init(objects: [ObjectInfo]) {
        for (index, object) in objects.enumerated() where object.kind == "queue" || object.kind == "semaphore" {
            tracked[Int32(index)] = levels.count
            levels.append((Int32(index), object.kind, 0, [(0, 0)]))
        }
    }

    mutating func add(_ event: Event, time: Double) {
        guard let slot = tracked[event.object] else { return }
        let step: Int = switch (levels[slot].kind, event.kind) {
        case ("queue", .put), ("semaphore", .acquire): 1
        case ("queue", .get), ("semaphore", .release): -1
        default: 0
        }
        guard step != 0 else { return }
        levels[slot].level += step
        let point = (time: time, level: levels[slot].level)
        if let last = levels[slot].points.last, last.time == time {
            levels[slot].points[levels[slot].points.count - 1] = point
        } else {
            levels[slot].points.append(point)
        }
    }

    /// The levels. A queue can start with items: given its final size (from the report), its start
    /// is what makes the end come out right; without it, the lowest level is taken to be empty.
    func finish(finalQueueSizes: [String: Int]?, names: (Int32) -> String) -> [RunPicture.Level] {
        levels.map { entry in
            var shift = 0
            if entry.kind == "queue" {
                if let final = finalQueueSizes?[names(entry.object)] {
                    shift = final - entry.level
                } else {
                    shift = -min(0, entry.points.map(\.level).min() ?? 0)
                }
            }
            return RunPicture.Level(
                object: names(entry.object), kind: entry.kind, points: entry.points.map { ($0.time, $0.level + shift) })
        }
    }
}
