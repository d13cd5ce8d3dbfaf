import Foundation
import ScenarioRendering
import Testing

/// The HTML page loaded in real headless Chromium: it draws without console errors, with the lanes,
/// arrows, strips and marks the picture holds; the step-through moves; screenshots are kept.
@Suite(.serialized, .enabled(if: Chromium.shouldRun, "chromium is not installed"))
struct HTMLBrowserTests {
    /// Writes the page of `json` to the artefacts directory and returns its URL.
    func writePage(_ json: [UInt8], name: String, title: String) throws -> URL {
        try writeHTML(HTMLTimelineRenderer.render(pictureJSON: json, title: title), name: name)
    }

    func writeHTML(_ html: [UInt8], name: String) throws -> URL {
        try FileManager.default.createDirectory(at: Chromium.artefacts, withIntermediateDirectories: true)
        let url = Chromium.artefacts.appendingPathComponent("\(name).html")
        try Data(html).write(to: url)
        return url
    }

    func load(_ json: String, name: String, title: String = "A run", fragment: String = "") throws -> PageDOM {
        let page = try writePage(Array(json.utf8), name: name, title: title)
        let run = try Chromium.run(["--dump-dom"], page: page, fragment: fragment)
        #expect(run.consoleLines.isEmpty, "console messages from \(name):\n\(run.consoleLines.joined(separator: "\n"))")
        let dom = PageDOM(html: run.dom)
        #expect(dom.body("data-status") == "ready", "\(name) did not finish drawing: \(run.stderr.suffix(2000))")
        return dom
    }

    @Test func theRLockSemaphoreBarrierRunIsDrawnWithEveryLaneEventAndArrow() throws {
        let dom = try load(HTMLPictureFixtures.rlockSemaphoreBarrier, name: "rlock-semaphore-barrier", title: "RLock, Semaphore and Barrier")
        #expect(dom.count(role: "lane") == 5)
        #expect(dom.countSum(role: "event") == 68)
        #expect(dom.count(role: "arrow") == 5)
        #expect(dom.countSum(role: "arrow") == 5)
        #expect(dom.count(role: "strip") == 2)
        #expect(dom.count(role: "level") == 1)
        #expect(dom.count(role: "span") + dom.count(role: "span-merged") > 0)
        #expect(dom.count(role: "expectation") == 1)
        #expect(dom.count(role: "current") == 0)
    }

    @Test func nextThreeTimesFromTheFragmentMakesTheThirdEventCurrent() throws {
        let dom = try load(HTMLPictureFixtures.rlockSemaphoreBarrier, name: "steps", fragment: "#steps=3")
        #expect(dom.body("data-current-event") == "2")
        #expect(dom.body("data-current-seq") == "2")
        #expect(dom.text(id: "current-event")?.contains("worker2 acquired lock") == true)
        #expect(dom.text(id: "current-event")?.contains("scenarios/04-rlock-semaphore-barrier.yaml:45") == true)
        #expect(dom.text(id: "step-position")?.contains("event 3 of 68") == true)
        #expect(dom.count(role: "current") == 1)
    }

    @Test func theCurrentEventSaysWhoMadeItPossibleAndZoomingInSeparatesMarks() throws {
        let dom = try load(HTMLPictureFixtures.rlockSemaphoreBarrier, name: "zoomed", fragment: "#steps=31&zoom=16")
        #expect(dom.body("data-current-event") == "30")
        let description = try #require(dom.text(id: "current-event"))
        #expect(description.hasPrefix("1.000408 s — worker1 acquired semaphore"))
        #expect(description.contains("Made possible by: worker2 released semaphore (at 1.000321 s)."))
        #expect(dom.html.contains(#"class="arrow current""#))
        #expect(dom.text(id: "view-range")?.contains(" of 2.001 s") == true)
        let drawn = dom.countSum(role: "event")
        #expect(drawn > 0 && drawn < 68, "\(drawn) events drawn in a window of about 30 µs")
        #expect(dom.tags(role: "event").allSatisfy { $0.contains("data-count=\"1\"") }, "marks still merged when zoomed in")
    }

    @Test func aDeadlockIsDrawnAsItsCycle() throws {
        let dom = try load(HTMLPictureFixtures.deadlock, name: "deadlock")
        #expect(dom.count(role: "lane") == 2)
        #expect(dom.count(role: "arrow") == 0)
        #expect(dom.count(role: "strip") == 2)
        #expect(dom.count(role: "cycle-node") == 4)
        #expect(dom.count(role: "cycle-edge") == 4)
        #expect(dom.html.contains(#"class="expectation fail""#))
        #expect(dom.html.contains(#"data-role="status">deadlock<"#))
    }

    @Test func aLogLineWithAScriptEndTagStaysText() throws {
        let title = "Queue & </title><script>document.title='pwned'</script>"
        let dom = try load(HTMLPictureFixtures.queueWithHostileText, name: "hostile-text", title: title, fragment: "#steps=9")
        #expect(dom.count(role: "lane") == 2)
        #expect(dom.count(role: "arrow") == 1)
        #expect(dom.count(role: "level") == 1)
        #expect(dom.body("data-current-event") == "8")
        let description = try #require(dom.text(id: "current-event"))
        #expect(description.contains("consumer logged “&lt;/script&gt;&lt;script&gt;document.body.dataset.status='pwned'&lt;/script&gt; &amp; &lt;!--"))
        #expect(dom.html.contains("<title>Queue &amp; &lt;/title&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;</title>"))
        #expect(dom.text(id: "shortened")?.contains("events after the first 12 are not drawn") == true)
    }

    @Test func dataThatIsNotAPictureIsReportedOnThePage() throws {
        let page = try writePage(Array("{\"picture\": 99}".utf8), name: "not-a-picture", title: "Bad")
        let run = try Chromium.run(["--dump-dom"], page: page)
        #expect(run.consoleLines.isEmpty, "\(run.consoleLines)")
        let dom = PageDOM(html: run.dom)
        #expect(dom.body("data-status") == "error")
        #expect(dom.text(id: "load-error")?.contains("not a version 1 picture") == true)
    }

    @Test(arguments: ["rlock-semaphore-barrier", "deadlock"])
    func screenshotsAreSaved(name: String) throws {
        let json = name == "deadlock" ? HTMLPictureFixtures.deadlock : HTMLPictureFixtures.rlockSemaphoreBarrier
        let page = try writePage(Array(json.utf8), name: "screenshot-\(name)", title: name)
        let png = Chromium.artefacts.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: png)
        let run = try Chromium.run(["--screenshot=\(png.path)"], page: page, fragment: "#steps=8")
        #expect(run.consoleLines.isEmpty, "\(run.consoleLines)")
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG: \(png.path)")
        print("screenshot: \(png.path)")
    }

    @Test func theScreenshotScriptMakesAPNGOfAPage() throws {
        let page = try writePage(Array(HTMLPictureFixtures.deadlock.utf8), name: "script-input", title: "Deadlock")
        let png = Chromium.artefacts.appendingPathComponent("script-output.png")
        try? FileManager.default.removeItem(at: png)
        let script = Chromium.artefacts.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/screenshot.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, "--steps", "3", page.path, png.path]
        let printedFile = Chromium.artefacts.appendingPathComponent("script-output.txt")
        _ = FileManager.default.createFile(atPath: printedFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: printedFile)
        process.standardError = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        let inTime = ended.wait(timeout: .now() + 120) == .success
        if !inTime { process.terminate() }
        try #require(inTime, "scripts/screenshot.sh did not end within 120 s")
        let printed = try String(contentsOf: printedFile, encoding: .utf8)
        #expect(process.terminationStatus == 0)
        #expect(printed == png.path + "\n")
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG: \(png.path)")
    }

    @Test func aHundredThousandEventsLoadWithoutErrors() throws {
        let clock = ContinuousClock()
        var json: [UInt8] = []
        let generating = clock.measure { json = HTMLGeneratedPicture.json(eventCount: 100_000) }
        var html: [UInt8] = []
        let rendering = clock.measure { html = HTMLTimelineRenderer.render(pictureJSON: json, title: "100,000 events") }
        let page = try writeHTML(html, name: "generated-100k")
        let run = try Chromium.run(["--dump-dom"], page: page, fragment: "#steps=5", timeLimit: 300)
        #expect(run.consoleLines.isEmpty, "\(run.consoleLines.prefix(5))")
        let dom = PageDOM(html: run.dom)
        #expect(dom.body("data-status") == "ready")
        #expect(dom.body("data-events") == "100000")
        #expect(dom.count(role: "lane") == HTMLGeneratedPicture.laneCount)
        #expect(dom.countSum(role: "event") == 100_000)
        #expect(dom.count(role: "event") < 20_000, "marks are not merged at the whole-run zoom")
        print("""
            100,000 events: generated in \(generating), page of \(html.count) bytes written in \(rendering); \
            chromium --dump-dom took \(String(format: "%.1f", run.seconds)) s, the page was ready \
            \(dom.body("data-ready-ms") ?? "?") ms after navigation began; page \(page.path)
            """)
    }
}
