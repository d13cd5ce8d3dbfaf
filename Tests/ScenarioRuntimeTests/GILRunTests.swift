import ScenarioCompiler
import ScenarioRuntime
import ScenarioThreads
import Testing

/// The GIL on real threads: `work` serialises, the switch interval moves it between waiting
/// instances, blocking and sleeping give it up, and deadlocks are still found. Every assertion is
/// on the timeline's order, never on how long anything took.
@Suite("The GIL on threads")
struct GILRunTests {
    static func crunchers(gil: Bool, count: Int = 2, work: String = "300ms") -> String {
        """
        scenario: crunchers
        gil: \(gil)
        gil_interval: 2ms
        workers:
          cruncher:
            count: \(count)
            steps:
              - work: \(work)
        """
    }

    /// Each instance's spans of running `work` (seq ranges): from `work` or a `gil_acquire` in the
    /// middle of it, to `work_end` or a `gil_release`.
    static func workSpans(_ report: RunReport) -> [(instance: Int32, from: Int, to: Int)] {
        var open: [Int32: Int] = [:]
        var working: Set<Int32> = []
        var spans: [(Int32, Int, Int)] = []
        for event in report.events {
            switch event.kind {
            case .work:
                working.insert(event.instance)
                open[event.instance] = event.seq
            case .gilAcquire where working.contains(event.instance):
                open[event.instance] = event.seq
            case .gilRelease, .workEnd:
                if let from = open.removeValue(forKey: event.instance) { spans.append((event.instance, from, event.seq)) }
                if event.kind == .workEnd { working.remove(event.instance) }
            default:
                break
            }
        }
        return spans
    }

    static func overlaps(_ spans: [(instance: Int32, from: Int, to: Int)]) -> Bool {
        for a in spans {
            for b in spans where a.instance != b.instance && a.from < b.to && b.from < a.to { return true }
        }
        return false
    }

    @Test func workUnderTheGILNeverOverlapsAndSwitchesAtTheInterval() throws {
        let report = try runScenario(Self.crunchers(gil: true), speed: 1)
        #expect(report.status == .ok)
        let spans = Self.workSpans(report)
        #expect(!Self.overlaps(spans), "\(spans)")
        // 300 ms each with a 2 ms interval: the GIL went back and forth many times.
        let switches = report.events.filter { $0.kind == .gilRelease }.count
        #expect(switches >= 10)
        let acquirers = Set(report.events.filter { $0.kind == .gilAcquire }.map(\.instance))
        #expect(acquirers.count == 2)
        let gil = try #require(report.gil)
        #expect(gil.interval == 0.002)
        #expect(gil.waited.allSatisfy { $0 > 0 })
    }

    @Test func withoutTheGILWorkOverlaps() throws {
        let report = try runScenario(Self.crunchers(gil: false), speed: 1)
        #expect(report.status == .ok)
        #expect(Self.overlaps(Self.workSpans(report)))
        #expect(report.gil == nil)
        #expect(!report.events.contains { [.gilWait, .gilAcquire, .gilRelease].contains($0.kind) })
    }

    @Test func aLoneHolderIsNeverMadeToDropIt() throws {
        let report = try runScenario(Self.crunchers(gil: true, count: 1, work: "50ms"), speed: 1)
        #expect(report.status == .ok)
        #expect(!report.events.contains { [.gilWait, .gilAcquire, .gilRelease].contains($0.kind) })
        #expect(report.gil?.waited == [0])
    }

    @Test func runOptionTurnsItOn() throws {
        let compiled = try compileScenario(Self.crunchers(gil: false, work: "100ms"))
        var options = RunOptions(timeout: 30)
        options.gil = true
        let report = ThreadsEngine.runBlocking(compiled, options: options)
        #expect(report.gil?.interval == 0.002)
        #expect(!Self.overlaps(Self.workSpans(report)))
    }

    @Test func sleepingGivesItUp() throws {
        // The worker works while the sleeper sleeps: only possible if the sleeper dropped the GIL.
        let report = try runScenario(
            """
            scenario: sleeper
            gil: true
            workers:
              sleeper:
                - sleep: 200ms
              worker:
                - sleep: 10ms
                - work: 20ms
            """, speed: 1)
        #expect(report.status == .ok)
        let sleeper = try #require(report.instanceIndex("sleeper"))
        let worker = try #require(report.instanceIndex("worker"))
        let wake = try #require(report.events.first { $0.instance == sleeper && $0.kind == .wake })
        let workEnd = try #require(report.events.first { $0.instance == worker && $0.kind == .workEnd })
        #expect(workEnd.seq < wake.seq)
    }

    @Test func blockingGivesItUp() throws {
        // The getter blocks on an empty queue while holding the GIL: the putter can run only if it
        // gave the GIL up (else the run would never end).
        let report = try runScenario(
            """
            scenario: blocker
            gil: true
            queues:
              q: 0
            workers:
              getter:
                - get: q
              putter:
                - sleep: 20ms
                - work: 10ms
                - put: q
            """, speed: 1, timeout: 10)
        #expect(report.status == .ok)
    }

    @Test func aDeadlockUnderTheGILIsStillFoundAndExplained() throws {
        let report = try runScenario(
            """
            scenario: lock order
            gil: true
            locks:
              a: lock
              b: lock
            barriers:
              both: 2
            workers:
              left:
                - acquire: a
                - wait: both
                - acquire: b
              right:
                - acquire: b
                - wait: both
                - acquire: a
            """, timeout: 10)
        #expect(report.status == .deadlock)
        // Explained: as a cycle once both block, or (found earlier) as the first one's wait for a
        // lock that its holder, still running, will never release.
        let deadlock = try #require(report.deadlock)
        #expect(deadlock.waits.contains { $0.contains("waits for lock") }, "\(deadlock)")
        #expect(deadlock.cycle.isEmpty || deadlock.cycle.count == 2, "\(deadlock)")
    }

    @Test func aLoopThatNeverWaitsStillLetsOthersRun() throws {
        // The spinner never blocks or sleeps: only the switch interval lets the other one in.
        let report = try runScenario(
            """
            scenario: spinner
            gil: true
            gil_interval: 1ms
            variables:
              flag: 0
            workers:
              spinner:
                daemon: true
                steps:
                  - repeat: forever
                    do:
                      - set: flag
                        to: 1
              other:
                - sleep: 5ms
                - log: "got in"
            """, speed: 1, timeout: 10)
        #expect(report.status == .ok)
        #expect(report.events.contains { $0.kind == .log })
    }
}
