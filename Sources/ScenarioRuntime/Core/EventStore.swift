import Synchronization

/// Every event of a run, stored at the index of its `seq`: the global counter hands out distinct
/// slots, so writers never share one and nothing needs sorting afterwards. Storage grows in
/// chunks that never move; a per-slot flag, set with release ordering once the slot is written,
/// lets a reader on another thread stream the events while the run goes on.
///
/// `@unchecked Sendable`: each slot is written by exactly one thread (the holder of its `seq`)
/// before its flag is published; readers read a slot only after seeing its flag (or after every
/// writer has ended); `texts` is guarded; `textBytes` is atomic; `chunks` only
/// grows, under `growth`, and its length is published through `chunkCount` with release ordering.
///
/// The number of events is limited where it costs nothing per event, when a chunk is added: the
/// first event that needs a chunk past the limit calls `onLimit` (which stops the run), and events
/// that would need a chunk past the reserve after it are dropped, never written. Text values are
/// limited by their bytes (`admitText`): the event limit does not bound them, as one event can
/// carry a long text.
final class EventStore: @unchecked Sendable {
    /// How much of the timeline the store keeps.
    enum Retention: Sendable, Equatable {
        /// Every event, for outputs that need the whole run at once (the JSON report, tests).
        case all
        /// A ring of this many chunks (rounded up to a power of two) that a reader streams out as the run goes on, handing each
        /// chunk back once it has read it: memory stays flat however long the run. A writer that
        /// gets ahead of the reader by the whole ring waits for it: nothing is ever dropped.
        case window(chunks: Int)
        /// Nothing: no output needs the events (only their count).
        case none
    }

    static let chunkShift = 16
    static let chunkSize = 1 << chunkShift
    /// Enough chunks for 2^32 events, far past what memory allows.
    static let maximumChunks = 1 << 16

    typealias Slot = EventSlot
    typealias ValueKind = EventSlot.ValueKind

    private struct Chunk {
        let slots: UnsafeMutablePointer<Slot>
        /// Per-slot "written" flags, only when a reader streams the events during the run.
        let ready: UnsafeMutablePointer<Atomic<Bool>>?
    }

    private let chunks = UnsafeMutablePointer<Chunk>.allocate(capacity: EventStore.maximumChunks)
    private let chunkCount = Atomic<Int>(0)
    private let growth = PThreadMutex()
    /// Whether slots carry "written" flags (needed by `isWritten`).
    let tracksWrites: Bool
    let retention: Retention
    /// `retention == .none`, decided once: every event asks.
    let keepsNothing: Bool
    /// With a window: its chunks, and how many chunks the reader has handed back so far (the
    /// chunk with index `c` may be written once `c < released + ringChunks`).
    private let ringChunks: Int
    /// `ringChunks - 1`: the ring's size is a power of two, so that finding a chunk's place in
    /// it, for every event, is a mask rather than a division.
    private let ringMask: Int
    private let released = Atomic<Int>(0)
    private let space = PThreadMutex()
    private let spaceFreed = PThreadCondition()
    /// Writers waiting for the reader; only touched with `space` held.
    private nonisolated(unsafe) var spaceWaiters = 0
    /// Called when a writer must wait for the reader, to hurry it.
    private let onFull: @Sendable () -> Void
    /// Text values (log lines, text queue items), by index.
    private let texts = Guarded<[String]>([])
    /// The ids of the processes events were recorded for, indexed by `EventSlot.process`; 0 is
    /// the run's own process (its entry unused).
    private let processIDs = Guarded<[Int32]>([0])
    /// UTF-8 bytes of the text values made so far, counted by `admitText`.
    private let textBytes = Atomic<Int>(0)
    /// The most bytes of text a run may make.
    let textLimit: Int
    /// Chunks from this one on hold events past the limit.
    private let limitChunk: Int
    /// Chunks from this one on are never made.
    private let capacityChunks: Int
    private let onLimit: @Sendable (Int) -> Void
    /// Whether `onLimit` was called; only touched with `growth` held, so
    /// nonisolated(unsafe) is safe.
    private nonisolated(unsafe) var limitReached = false

    /// - Parameters:
    ///   - limit: the event with this `seq` (rounded up to a whole chunk) calls `onLimit` with it.
    ///   - reserve: events kept past the limit (rounded up to a whole chunk, at least one).
    ///   - textLimit: the most bytes of text values a run may make (see `admitText`).
    ///   - retention: how much of the timeline to keep; a window has no limit on events.
    ///   - onFull: with a window, called when a writer must wait for the reader.
    init(
        tracksWrites: Bool, retention: Retention = .all, limit: Int = .max, reserve: Int = 0, textLimit: Int = .max,
        onLimit: @escaping @Sendable (Int) -> Void = { _ in }, onFull: @escaping @Sendable () -> Void = {}
    ) {
        self.retention = retention
        keepsNothing = retention == .none
        self.textLimit = textLimit
        self.onLimit = onLimit
        self.onFull = onFull
        switch retention {
        case .all:
            self.tracksWrites = tracksWrites
            ringChunks = 0
            ringMask = 0
            let chunks = { (events: Int) in events / Self.chunkSize + (events % Self.chunkSize == 0 ? 0 : 1) }
            limitChunk = min(chunks(max(0, limit)), Self.maximumChunks)
            capacityChunks = min(limitChunk + max(1, chunks(max(0, reserve))), Self.maximumChunks)
        case .window(let count):
            // The reader needs the flags; there is no limit (and no chunk past the ring is made).
            self.tracksWrites = true
            ringChunks = max(2, min(count, Self.maximumChunks)).roundedUpToPowerOfTwo
            ringMask = ringChunks - 1
            limitChunk = Self.maximumChunks
            capacityChunks = Self.maximumChunks
            for index in 0..<ringChunks { (chunks + index).initialize(to: Self.makeChunk(flags: true)) }
            chunkCount.store(ringChunks, ordering: .releasing)
        case .none:
            self.tracksWrites = false
            ringChunks = 0
            ringMask = 0
            limitChunk = Self.maximumChunks
            capacityChunks = Self.maximumChunks
        }
    }

    private static func makeChunk(flags: Bool) -> Chunk {
        var ready: UnsafeMutablePointer<Atomic<Bool>>?
        if flags {
            let made = UnsafeMutablePointer<Atomic<Bool>>.allocate(capacity: Self.chunkSize)
            for slot in 0..<Self.chunkSize { (made + slot).initialize(to: Atomic(false)) }
            ready = made
        }
        return Chunk(slots: .allocate(capacity: Self.chunkSize), ready: ready)
    }

    /// Events held in memory now: all of them, the ring's share, or none.
    var heldCapacity: Int { chunkCount.load(ordering: .acquiring) << Self.chunkShift }

    /// How many events can be kept: events past this are dropped.
    var capacity: Int { capacityChunks << Self.chunkShift }

    deinit {
        // Slots are plain memory: nothing to deinitialize in them.
        for index in 0..<chunkCount.load(ordering: .acquiring) {
            let chunk = chunks[index]
            if let ready = chunk.ready {
                ready.deinitialize(count: Self.chunkSize)
                ready.deallocate()
            }
            chunk.slots.deallocate()
        }
        chunks.deallocate()
    }

    @inline(__always)
    func store(_ slot: Slot, at seq: Int) {
        if ringChunks > 0 { return storeInRing(slot, at: seq) }
        if keepsNothing { return }
        guard let chunk = self.chunk(seq >> Self.chunkShift) else { return }  // past the capacity: dropped
        let index = seq & (Self.chunkSize - 1)
        (chunk.slots + index).initialize(to: slot)
        chunk.ready?[index].store(true, ordering: .releasing)
    }

    /// Counts a new text value (a log line, a text item) against the run's budget before it is
    /// made part of the run: false when it would take the run's texts past `textLimit` bytes.
    /// A text recorded again (the item a `get` takes) shares the first copy's memory, and is not
    /// counted again.
    func admitText(_ text: String) -> Bool {
        // Cannot wrap: the texts counted live in memory, except those refused, one per instance
        // at most (an instance refused a text fails, or stops as the run ends).
        textBytes.wrappingAdd(text.utf8.count, ordering: .relaxed).newValue <= textLimit
    }

    /// The `EventSlot.process` for process `pid` (a new one per process, as a process's id may be
    /// reused by the system later); nil once there are too many to number.
    func number(process pid: Int32) -> UInt16? {
        processIDs.withLock { ids in
            guard ids.count <= Int(UInt16.max) else { return nil }
            ids.append(pid)
            return UInt16(ids.count - 1)
        }
    }

    /// The process id an `EventSlot.process` names.
    func pid(of process: UInt16) -> Int32 {
        processIDs.withLock { ids in
            guard Int(process) < ids.count else { preconditionFailure("an event names process \(process), of \(ids.count) numbered") }
            return ids[Int(process)]
        }
    }

    /// Keeps a text value and returns the payload that names it.
    func intern(_ text: String) -> Int64 {
        texts.withLock { texts in
            texts.append(text)
            return Int64(texts.count - 1)
        }
    }

    /// Whether the event with this `seq` has been written.
    func isWritten(_ seq: Int) -> Bool {
        var chunkIndex = seq >> Self.chunkShift
        if ringChunks > 0 {
            guard chunkIndex < released.load(ordering: .acquiring) + ringChunks else { return false }
            chunkIndex &= ringMask
        }
        guard chunkIndex < chunkCount.load(ordering: .acquiring), let ready = chunks[chunkIndex].ready else { return false }
        return ready[seq & (Self.chunkSize - 1)].load(ordering: .acquiring)
    }

    /// The event with this `seq`; call only once `isWritten(seq)` (or once the run is over), and
    /// with a window, before handing its chunk back.
    func event(at seq: Int) -> Event {
        let chunkIndex = ringChunks > 0 ? (seq >> Self.chunkShift) & ringMask : seq >> Self.chunkShift
        return chunks[chunkIndex].slots[seq & (Self.chunkSize - 1)].event(seq: seq, text: text, pid: pid)
    }

    /// The text value a `.text` slot's payload names.
    func text(_ payload: Int64) -> String {
        texts.withLock { texts in
            guard let index = Int(exactly: payload), texts.indices.contains(index) else {
                preconditionFailure("a text slot names text \(payload), of \(texts.count) kept")
            }
            return texts[index]
        }
    }

    /// How many events from `seq` on are written and can be read as one run of slots: at most
    /// `limit`, and never past the end of `seq`'s chunk. With `allWritten` (every writer has
    /// stopped), the flags are not consulted.
    func writtenRun(from seq: Int, limit: Int, allWritten: Bool) -> Int {
        let inChunk = seq & (Self.chunkSize - 1)
        let most = min(limit, Self.chunkSize - inChunk)
        guard most > 0 else { return 0 }
        if allWritten { return most }
        guard isWritten(seq) else { return 0 }
        var chunkIndex = seq >> Self.chunkShift
        if ringChunks > 0 { chunkIndex &= ringMask }
        // isWritten(seq) saw the chunk made (and, for a window, not handed back before `seq`).
        guard let ready = chunks[chunkIndex].ready else { return 0 }
        var count = 1
        while count < most, ready[inChunk + count].load(ordering: .acquiring) { count += 1 }
        return count
    }

    /// The slots of the events `seq..<seq + count`, all in one chunk (see `writtenRun`); read
    /// them before handing their chunk back.
    func slots(from seq: Int, count: Int) -> UnsafeBufferPointer<Slot> {
        let chunkIndex = ringChunks > 0 ? (seq >> Self.chunkShift) & ringMask : seq >> Self.chunkShift
        let inChunk = seq & (Self.chunkSize - 1)
        precondition(count >= 0 && inChunk + count <= Self.chunkSize, "a run of slots crosses a chunk")
        return UnsafeBufferPointer(start: chunks[chunkIndex].slots + inChunk, count: count)
    }

    /// With a window: writes the slot once the reader has freed its chunk.
    private func storeInRing(_ slot: Slot, at seq: Int) {
        let chunkIndex = seq >> Self.chunkShift
        if chunkIndex >= released.load(ordering: .acquiring) + ringChunks { waitForSpace(chunkIndex) }
        let chunk = chunks[chunkIndex & ringMask]
        let index = seq & (Self.chunkSize - 1)
        (chunk.slots + index).initialize(to: slot)
        chunk.ready?[index].store(true, ordering: .releasing)
    }

    /// The writer of chunk `chunkIndex` is a whole ring ahead of the reader: it waits (never
    /// drops the event), hurrying the reader meanwhile.
    private func waitForSpace(_ chunkIndex: Int) {
        onFull()
        space.lock()
        spaceWaiters += 1
        while chunkIndex >= released.load(ordering: .acquiring) + ringChunks {
            // Timed, to hurry the reader again should it have slept through the first call.
            _ = spaceFreed.wait(space, until: monotonicNanoseconds() + 10_000_000)
            if chunkIndex >= released.load(ordering: .acquiring) + ringChunks { onFull() }
        }
        spaceWaiters -= 1
        space.unlock()
    }

    /// With a window: the reader has read every event before `seq`; the chunks wholly before it
    /// go back to the writers.
    func release(before seq: Int) {
        guard ringChunks > 0 else { return }
        let done = seq >> Self.chunkShift
        var freed = released.load(ordering: .relaxed)
        guard freed < done else { return }
        while freed < done {
            let ready = chunks[freed & ringMask].ready
            for slot in 0..<Self.chunkSize { ready?[slot].store(false, ordering: .relaxed) }
            freed += 1
            released.store(freed, ordering: .releasing)
        }
        let waiting = space.withLock { spaceWaiters > 0 }
        if waiting { spaceFreed.broadcast() }
    }

    @inline(__always)
    private func chunk(_ index: Int) -> Chunk? {
        if index < chunkCount.load(ordering: .acquiring) { return chunks[index] }
        return grow(to: index)
    }

    private func grow(to index: Int) -> Chunk? {
        let (chunk, reachedLimit): (Chunk?, Bool) = growth.withLock {
            guard index < capacityChunks else { return (nil, false) }
            var count = chunkCount.load(ordering: .relaxed)
            while count <= index {
                precondition(count < Self.maximumChunks, "more events than a run can hold")
                (chunks + count).initialize(to: Self.makeChunk(flags: tracksWrites))
                count += 1
                chunkCount.store(count, ordering: .releasing)
            }
            let reachedLimit = index >= limitChunk && !limitReached
            if reachedLimit { limitReached = true }
            return (chunks[index], reachedLimit)
        }
        if reachedLimit { onLimit(limitChunk << Self.chunkShift) }  // after dropping `growth`
        return chunk
    }
}

extension Int {
    /// The smallest power of two at least `self` (which is at least 1 and at most 2^62).
    fileprivate var roundedUpToPowerOfTwo: Int {
        self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }
}
