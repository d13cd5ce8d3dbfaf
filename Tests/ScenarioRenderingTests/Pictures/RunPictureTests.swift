import Foundation
import ScenarioCompiler
import ScenarioRendering
import ScenarioRuntime
import ScenarioThreads
import ScenarioValidation
import Testing

@Suite struct RunPictureTests {
    private func picture(_ report: RunReport, limit: Int = RunPicture.defaultEventLimit) -> RunPicture {
        RunPicture(report: report, events: report.events, file: "demo.yaml", eventLimit: limit)
    }

    /// Each lane's spans follow each other without gap or overlap, from its first event to its end.
    static func expectBackToBack(_ picture: RunPicture, sourceLocation: SourceLocation = #_sourceLocation) {
        for lane in picture.lanes.indices {
            let spans = picture.spans.filter { $0.lane == lane }
            for (earlier, later) in zip(spans, spans.dropFirst()) {
                #expect(earlier.to == later.from, "lane \(lane): \(earlier) then \(later)", sourceLocation: sourceLocation)
            }
            for span in spans { #expect(span.from < span.to, sourceLocation: sourceLocation) }
        }
    }

    @Test func aWaiterIsBlockedUntilTheReleaseThatLetsItIn() throws {
        let picture = picture(Fixtures.lockCounter)
        Self.expectBackToBack(picture)
        let second = picture.spans.filter { $0.lane == 1 }
        #expect(second.map(\.state) == [.running, .blocked, .running])
        #expect(second[1] == RunPicture.Span(lane: 1, state: .blocked, from: 0.000015, to: 0.001262, object: "mutex"))
        // The first adder runs from its start to its finish, working in between.
        #expect(picture.spans.filter { $0.lane == 0 }.map(\.state) == [.running, .working, .running])
        #expect(picture.spans.first { $0.lane == 0 }?.from == 0)
        // The release (event 6) let the waiter acquire (event 7).
        #expect(picture.links == [RunPicture.Link(from: 6, to: 7, object: "mutex")])
        #expect(picture.events[6].kind == .release && picture.events[7].kind == .acquire)
    }

    /// A task whose pool process died ends its lane at the `died` event, and the picture says
    /// which error ended the run.
    @Test func aDiedTaskEndsItsLaneAndTheErrorIsKept() throws {
        let validated = try #require(FrontEnd.check(Array("""
            scenario: dies
            pools:
              procs: {kind: processes, size: 1}
            workers:
              task:
                pool: procs
                steps:
                  - sleep: 1ms
                  - exit: 7
              other:
                - sleep: 20ms
            """.utf8), path: "dies.yaml").scenario)
        let report = ThreadsEngine.runBlocking(Compiler.compile(validated, path: "dies.yaml"))
        let picture = picture(report)
        let died = try #require(picture.events.firstIndex { $0.kind == .died })
        let lastSpan = try #require(picture.spans.last { $0.lane == 0 })
        #expect(lastSpan.to == picture.events[died].seconds, "the lane ends where its process died")
        #expect(picture.error?.contains("the process running it exited with status 7") == true)
    }

    @Test func holdersAreWhoHeldTheLockWhen() {
        let picture = picture(Fixtures.lockCounter)
        #expect(picture.holders == [
            RunPicture.Holder(object: "mutex", lane: 0, from: 0.000012, to: 0.00125),
            RunPicture.Holder(object: "mutex", lane: 1, from: 0.001262, to: 0.00131),
        ])
    }

    @Test func aQueueLevelStartsFromWhatTheFinalSizeImplies() {
        let picture = picture(Fixtures.runtimeError)
        let jobs = picture.levels.first { $0.object == "jobs" }
        #expect(jobs?.kind == "queue")
        // Two puts, one get, one item left at the end: it started empty.
        #expect(jobs?.points.map(\.level) == [0, 1, 2, 1])
        #expect(jobs?.points.map(\.time) == [0, 0.00001, 0.000011, 0.00003])
        #expect(picture.status == "error")
        #expect(picture.state == [NamedValue(name: "total", value: 1)])
    }

    @Test func aDeadlockIsDrawnAsItsCycle() throws {
        let picture = picture(Fixtures.deadlock)
        let deadlock = try #require(picture.deadlock)
        #expect(deadlock.cycle == [
            RunPicture.CycleEntry(lane: 0, holds: ["left"], waits: "right"),
            RunPicture.CycleEntry(lane: 1, holds: ["right"], waits: "left"),
        ])
        #expect(deadlock.text.contains("first holds left, waits for right"))
        // Blocked until the run stopped them.
        #expect(picture.spans.filter { $0.state == .blocked }.map(\.to) == [1.01, 1.01])
        #expect(picture.links.isEmpty)
        #expect(picture.status == "deadlock")
    }

    @Test func aSemaphoreCountsPermitsInUseAndABarrierLinksTheOpenerToEachWaiter() {
        // objects: 0 gate (semaphore), 1 line (barrier); lanes 0, 1
        var events = Fixtures.EventList()
        events.add(0, 0, .start)
        events.add(0, 1, .start)
        events.add(1, 0, .acquire, 0)
        events.add(2, 1, .acquire, 0)
        events.add(3, 0, .release, 0)
        events.add(4, 0, .wait, 1)
        events.add(5, 0, .block, 1)
        events.add(6, 1, .release, 0)
        events.add(7, 1, .wait, 1)
        events.add(7, 0, .pass, 1)
        events.add(8, 1, .pass, 1)
        events.add(9, 0, .finish)
        events.add(9, 1, .finish)
        let report = RunReport(
            scenario: "gate", runtime: "threads", status: .ok, duration: 0.00001, variables: [], queues: [],
            expectations: [], instances: [
                InstanceReport(name: "w-1", worker: "w", index: 1, isDaemon: false, status: .finished),
                InstanceReport(name: "w-2", worker: "w", index: 2, isDaemon: false, status: .finished),
            ], objects: [ObjectInfo(name: "gate", kind: "semaphore"), ObjectInfo(name: "line", kind: "barrier")],
            deadlock: nil, error: nil, events: Timeline(events.events), contention: [])
        let picture = picture(report)
        Self.expectBackToBack(picture)
        #expect(picture.levels.map(\.object) == ["gate"])
        #expect(picture.levels.first?.points.map(\.level) == [0, 1, 2, 1, 0])
        #expect(picture.links == [RunPicture.Link(from: 8, to: 9, object: "line")])
        #expect(picture.holders.map(\.lane) == [0, 1])
    }

    @Test func eventsPastTheLimitAreLeftOutAndSaidSo() {
        let picture = picture(Fixtures.lockCounter, limit: 5)
        #expect(picture.events.count == 5)
        #expect(picture.shortened == "events after the first 5 are not drawn; 13 in all")
        Self.expectBackToBack(picture)
    }

    @Test func theJSONIsTheDocumentedFormat() throws {
        let bytes = picture(Fixtures.lockCounter).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(Set(object.keys) == [
            "picture", "scenario", "file", "runtime", "executor", "status", "duration", "lanes", "objects", "events",
            "spans", "links", "holders", "levels", "state", "expectations", "deadlock", "shortened", "error",
        ])
        #expect(object["picture"] as? Int == 1)
        #expect(object["file"] as? String == "demo.yaml")
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.count == 13)
        #expect(Set(events[0].keys) == ["seq", "t", "lane", "event", "object", "value", "line"])
        let expectations = try #require(object["expectations"] as? [[String: Any]])
        #expect(expectations.first?["name"] as? String == "counter")
        #expect(expectations.first?["ok"] as? Bool == true)
    }

    @Test func inThePageNoLessThanSignOfTheDataIsLeft() {
        var report = Fixtures.lockCounter
        report.scenario = "</script><b>"
        let page = String(decoding: HTMLTimelineRenderer.render(pictureJSON: picture(report).json(), title: "t"), as: UTF8.self)
        let data = page.components(separatedBy: #"id="run-data">"#).dropFirst().first?.components(separatedBy: "</script>").first ?? ""
        #expect(!data.isEmpty && !data.contains("<"))
        #expect(data.contains(#""\u003c/script\u003e\u003cb\u003e""#))
    }

    @Test func aTimelineFileAloneGivesTheSamePictureWithoutTheOutcome() throws {
        let report = Fixtures.lockCounter
        let header = TimelineHeader(
            scenario: report.scenario, file: "demo.yaml", runtime: "threads", executor: nil,
            instances: report.instances.map(\.name), objects: report.objects)
        let text = header.line + TimelineJSONLinesWriter(report: report).render(report.events)
        let file = try TimelineJSONLinesReader(header: header).read(from: Data(text.utf8))
        let fromFile = RunPicture(timeline: file)
        let inProcess = picture(report)
        #expect(fromFile.file == "demo.yaml")
        #expect(fromFile.lanes == inProcess.lanes)
        #expect(fromFile.links == inProcess.links)
        #expect(fromFile.holders == inProcess.holders)
        #expect(fromFile.status == "unknown")
        #expect(fromFile.expectations.isEmpty)
        #expect(fromFile.state == [NamedValue(name: "counter", value: 2)])
        // Without the report, the run ends at its last event.
        #expect(fromFile.duration == 0.001412)
    }

    @Test func aRealRunHasBackToBackSpansAndALinkPerWait() throws {
        let yaml = """
            scenario: Three adders
            variables:
              counter: 0
            locks:
              door: lock
            workers:
              adder:
                count: 3
                steps:
                  - repeat: 20
                    do:
                      - acquire: door
                      - increment: counter
                      - release: door
            """
        let compiled = try compile(yaml)
        let report = ThreadsEngine.runBlocking(compiled, options: RunOptions(speed: 50, timeout: 30))
        let picture = RunPicture(report: report, events: report.events, file: "adders.yaml")
        Self.expectBackToBack(picture)
        #expect(picture.lanes.map(\.worker) == ["adder", "adder", "adder"])
        let waits = picture.events.indices.filter { index in
            index > 0 && picture.events[index].kind == .acquire
                && picture.events[..<index].last { $0.instance == picture.events[index].instance }?.kind == .block
        }
        #expect(picture.links.map(\.to) == waits)
        for link in picture.links { #expect(picture.events[link.from].kind == .release) }
        #expect(picture.holders.count == 60)
        #expect(picture.state == [NamedValue(name: "counter", value: 60)])
    }

    private func compile(_ yaml: String) throws -> CompiledScenario {
        let result = FrontEnd.check(Array(yaml.utf8), path: "adders.yaml")
        let scenario = try #require(result.scenario, "\(result.diagnostics)")
        return Compiler.compile(scenario, path: "adders.yaml")
    }
}
