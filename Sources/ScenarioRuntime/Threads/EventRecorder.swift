import Synchronization

/// Records the timeline without a global lock: each thread appends to its own buffer, and a
/// global atomic counter gives every event its place in the one order of the run. An event about
/// a primitive is recorded while its mutex is held, so its `seq` follows the primitive's order.
final class EventRecorder: Sendable {
    private let sequence = Atomic<Int>(0)
    let buffers: [EventBuffer]
    /// Monotonic time of t = 0. nonisolated(unsafe) is safe: written once by the engine before
    /// any instance thread starts (thread creation orders the write before their reads).
    nonisolated(unsafe) var origin: Int64 = 0

    init(threads: Int) {
        buffers = (0..<threads).map { _ in EventBuffer() }
    }

    /// Records an event into buffer `thread` (the calling thread's own buffer).
    @inline(__always)
    func record(thread: Int, instance: Int, _ kind: EventKind, object: Int = -1, value: EventValue = .none) {
        let seq = sequence.wrappingAdd(1, ordering: .relaxed).oldValue
        let event = Event(
            seq: seq, nanoseconds: monotonicNanoseconds() - origin, instance: Int32(instance), kind: kind,
            object: Int32(object), value: value)
        buffers[thread].append(event)
    }

    /// How many sequence numbers were handed out.
    var issued: Int { sequence.load(ordering: .relaxed) }

    /// Every event recorded so far, in `seq` order.
    func all() -> [Event] {
        var events: [Event] = []
        events.reserveCapacity(issued)
        for buffer in buffers { buffer.read(from: 0) { events.append(contentsOf: $0) } }
        events.sort { $0.seq < $1.seq }
        return events
    }
}

/// One thread's events in fixed-size chunks that never move, so that a reader on another thread
/// can read the published part of a chunk while the owner keeps appending.
///
/// `@unchecked Sendable`: only the owning thread writes `current` and the slots past `count`;
/// `count` is published with release ordering after a slot is written, and `chunks` is guarded by `mutex`.
final class EventBuffer: @unchecked Sendable {
    final class Chunk: @unchecked Sendable {
        static let capacity = 16_384
        let slots = UnsafeMutablePointer<Event>.allocate(capacity: Chunk.capacity)
        let count = Atomic<Int>(0)

        deinit {
            slots.deinitialize(count: count.load(ordering: .acquiring))
            slots.deallocate()
        }
    }

    private let mutex = PThreadMutex()
    private var chunks: [Chunk] = []
    private var current: Chunk?
    private var used = 0

    @inline(__always) func append(_ event: Event) {
        if current == nil || used == Chunk.capacity {
            let chunk = Chunk()
            mutex.withLock { chunks.append(chunk) }
            current = chunk
            used = 0
        }
        guard let chunk = current else { return }
        (chunk.slots + used).initialize(to: event)
        used += 1
        chunk.count.store(used, ordering: .releasing)
    }

    /// Calls `body` with the published events, chunk by chunk, skipping the first `start`.
    func read(from start: Int, _ body: (UnsafeBufferPointer<Event>) -> Void) {
        let snapshot = mutex.withLock { chunks }
        var skip = start
        for chunk in snapshot {
            let count = chunk.count.load(ordering: .acquiring)
            if skip >= count {
                skip -= count
                continue
            }
            body(UnsafeBufferPointer(start: chunk.slots + skip, count: count - skip))
            skip = 0
        }
    }
}
