import Foundation
@testable import ScenarioRuntime
import ScenarioThreads
import Synchronization
import Testing

/// A run that streams its timeline keeps a fixed window of it in memory, however long it is,
/// and loses nothing: writers wait when the reader falls behind.
@Suite("Streaming the timeline")
struct StreamingTimelineTests {
    /// A window of two chunks, ten chunks' worth of events written by two threads, read by a
    /// third: every event arrives, in `seq` order, and the store never holds more than the window.
    /// A window's chunks are a power of two, so that placing an event in the ring is a mask:
    /// three chunks asked for are four, and the events still come out whole and in order.
    @Test func aWindowIsRoundedUpToAPowerOfTwoChunks() {
        let store = EventStore(tracksWrites: true, retention: .window(chunks: 3))
        #expect(store.heldCapacity == 4 * EventStore.chunkSize)
        let total = 9 * EventStore.chunkSize
        var read = 0
        var inOrder = true
        for seq in 0..<total {
            store.store(
                EventStore.Slot(nanoseconds: Int64(seq), payload: 0, instance: 0, object: -1, kind: .increment,
                                valueKind: .integer), at: seq)
            // The reader keeps up a chunk behind: the writer never waits.
            while read <= seq - EventStore.chunkSize, store.isWritten(read) {
                inOrder = inOrder && store.event(at: read).nanoseconds == Int64(read)
                read += 1
                store.release(before: read)
            }
        }
        while read < total, store.isWritten(read) {
            inOrder = inOrder && store.event(at: read).nanoseconds == Int64(read)
            read += 1
        }
        #expect(inOrder)
        #expect(read == total)
        #expect(store.heldCapacity == 4 * EventStore.chunkSize)
    }

    @Test func aSmallWindowLosesNothingAndStaysSmall() {
        let store = EventStore(tracksWrites: true, retention: .window(chunks: 2))
        let perWriter = 5 * EventStore.chunkSize
        let next = Atomic<Int>(0)
        let writers = (0..<2).compactMap { writer in
            OSThread {
                for _ in 0..<perWriter {
                    let seq = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    store.store(
                        EventStore.Slot(nanoseconds: Int64(seq), payload: Int64(writer), instance: Int32(writer), object: -1,
                                        kind: .increment, valueKind: .integer), at: seq)
                }
            }
        }
        #expect(writers.count == 2)
        var read = 0
        var inOrder = true
        while read < 2 * perWriter {
            guard store.isWritten(read) else { continue }
            inOrder = inOrder && store.event(at: read).nanoseconds == Int64(read)
            read += 1
            if read % 4096 == 0 { store.release(before: read) }
            #expect(store.heldCapacity == 2 * EventStore.chunkSize)
        }
        for writer in writers { writer.join() }
        #expect(inOrder)
        #expect(read == 2 * perWriter)
    }

    /// A window's chunks are a power of two (a chunk's place in the ring is then a mask).
    @Test(arguments: [(1, 2), (2, 2), (3, 4), (8, 8), (9, 16)])
    func aWindowIsAPowerOfTwoChunks(asked: Int, made: Int) {
        let store = EventStore(tracksWrites: true, retention: .window(chunks: asked))
        #expect(store.heldCapacity == made * EventStore.chunkSize)
    }

    /// A long run streamed to an observer: every event arrives, the report keeps none.
    @Test func aStreamedRunKeepsNoEventsAndDeliversThemAll() throws {
        let compiled = try compileScenario("""
            scenario: Long
            variables:
              counter: 0
            locks:
              guard: lock
            workers:
              adder:
                count: 4
                steps:
                  - repeat: 100000
                    do:
                      - with: guard
                        do:
                          - increment: counter
            expect:
              counter: 400000
            """)
        let delivered = Mutex((count: 0, blocks: 0, ordered: true))
        var options = RunOptions(speed: 1, timeout: 120)
        options.keepsEvents = false
        options.onEvents = { events in
            delivered.withLock { state in
                for event in events {
                    state.ordered = state.ordered && event.seq == state.count
                    state.count += 1
                    if event.kind == .block { state.blocks += 1 }
                }
            }
        }
        let report = ThreadsEngine.runBlocking(compiled, options: options)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.events.isEmpty, "a streamed run keeps no events")
        // start, 100,000 × (acquire, read, increment, release), finish per instance, and the blocks.
        let steps: Int = delivered.withLock { $0.count - $0.blocks }
        #expect(steps == 1_600_008)
        #expect(delivered.withLock { $0.ordered })
    }

    /// With nothing reading the events, none are kept, and there is no event limit.
    @Test func withNoReaderNothingIsKeptAndNothingLimitsTheRun() throws {
        let compiled = try compileScenario("""
            scenario: Past the limit
            variables:
              counter: 0
            workers:
              adder:
                - repeat: 300000
                  do:
                    - increment: counter
            """)
        var options = RunOptions(speed: 1, timeout: 120, maximumEvents: 10_000)
        options.keepsEvents = false
        let report = ThreadsEngine.runBlocking(compiled, options: options)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.variable("counter") == 300_000)
        #expect(report.events.isEmpty)
    }
}
