import Foundation
import Testing

/// Pages the built `scenario` binary writes (`run --html`, `diff --html`), loaded in headless
/// Chromium: what a user opens, not a page made from a hand-written picture.
@Suite(.serialized, .enabled(if: Chromium.shouldRun, "chromium is not installed"))
struct BinaryPageBrowserTests {
    static func load(_ page: URL, fragment: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws -> PageDOM {
        let run = try Chromium.run(["--dump-dom"], page: page, fragment: fragment, sourceLocation: sourceLocation)
        #expect(run.consoleLines.isEmpty, "console messages:\n\(run.consoleLines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        let dom = PageDOM(html: run.dom)
        #expect(dom.body("data-status") == "ready", "the page did not finish drawing: \(run.stderr.suffix(2000))", sourceLocation: sourceLocation)
        return dom
    }

    @Test func thePageOfARealRunHasALanePerInstanceAndStepsThrough() throws {
        let page = Chromium.artefacts.appendingPathComponent("binary-04.html")
        let status = try BuiltScenario.run([
            "run", "scenarios/04-rlock-semaphore-barrier.yaml", "--runtime", "simulate", "--seed", "1", "--quiet",
            "--html", page.path,
        ])
        #expect(status == 0)
        let dom = try Self.load(page, fragment: "#steps=4")
        // Four workers and main.
        #expect(dom.count(role: "lane") == 5)
        #expect(dom.body("data-lanes") == "5")
        #expect(dom.count(role: "strip") == 2, "the rlock and the semaphore")
        #expect(dom.count(role: "level") == 1, "the semaphore's permits in use")
        #expect(dom.countSum(role: "arrow") >= 5, "a release → acquire, the barrier's opening → passes, finishes → joins")
        #expect(dom.count(role: "expectation") == 1)
        #expect(dom.body("data-current-event") == "3")
        #expect(dom.text(id: "current-event")?.contains("scenarios/04-rlock-semaphore-barrier.yaml:") == true)
    }

    @Test func thePageOfADeadlockDrawsItsCycle() throws {
        let page = Chromium.artefacts.appendingPathComponent("binary-08.html")
        let status = try BuiltScenario.run([
            "run", "scenarios/08-lock-order-deadlock.yaml", "--runtime", "simulate", "--seed", "0", "--quiet",
            "--html", page.path,
        ])
        #expect(status == 0, "the file expects its deadlock")
        let dom = try Self.load(page)
        #expect(dom.count(role: "lane") == 2)
        #expect(dom.count(role: "cycle-node") == 4, "alice, bob and their two locks")
        #expect(dom.html.contains(#"data-role="status">ok<"#))
    }

    /// A process pool whose task's process dies: the run's error is on the page, and the task's
    /// lane ends at its `died` event (it is not drawn as running to the end).
    @Test func thePageOfARunWithADeadProcessSaysSo() throws {
        let page = Chromium.artefacts.appendingPathComponent("binary-died.html")
        let status = try BuiltScenario.run([
            "run", "Tests/ScenarioConformanceTests/Scenarios/process-pool-died.yaml", "--quiet", "--html", page.path,
        ])
        #expect(status == 5)
        let dom = try Self.load(page)
        #expect(dom.count(role: "lane") == 5)
        #expect(dom.text(id: "run-error")?.contains("'task-2' failed: the process running it exited with status 3") == true)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains(#""event":"died""#))
        // Stepping to a task's step in its process says which process took it: the first event
        // with a pid (the picture's events are one a line, in order, each with its "seq").
        let eventLines = html.split(separator: "\n").filter { $0.contains(#""seq":"#) && $0.contains(#""lane":"#) }
        let first = try #require(eventLines.firstIndex { $0.contains(#""pid":"#) })
        let stepped = try Self.load(page, fragment: "#steps=\(first + 1)")
        #expect(stepped.text(id: "current-event")?.contains("in process ") == true, "\(stepped.text(id: "current-event") ?? "")")
    }

    @Test func theSVGOfARealRunRendersWithoutMessages() throws {
        let svg = Chromium.artefacts.appendingPathComponent("binary-04.svg")
        let status = try BuiltScenario.run([
            "run", "scenarios/04-rlock-semaphore-barrier.yaml", "--runtime", "simulate", "--seed", "1", "--quiet",
            "--svg", svg.path,
        ])
        #expect(status == 0)
        let dumped = try Chromium.run(["--dump-dom"], page: svg)
        #expect(dumped.consoleLines.isEmpty, "console messages:\n\(dumped.consoleLines.joined(separator: "\n"))")
        // Chromium shows an XML error as a `parsererror` element in place of the picture.
        #expect(!dumped.stdout.contains("parsererror"), "\(dumped.stdout.prefix(2000))")
        #expect(dumped.stdout.contains("RLock, Semaphore and Barrier"))
        let png = Chromium.artefacts.appendingPathComponent("binary-04.svg.png")
        try? FileManager.default.removeItem(at: png)
        let shot = try Chromium.run(["--screenshot=\(png.path)"], page: svg)
        #expect(shot.consoleLines.isEmpty, "\(shot.consoleLines)")
        #expect(try Data(contentsOf: png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}

extension BinaryPageBrowserTests {
    @Test func theDiffPageShowsBothRunsAndTheDivergenceInEach() throws {
        var timelines: [String] = []
        // Seeds 0 and 1 reach the barrier in different orders.
        for seed in ["0", "1"] {
            let timeline = Chromium.artefacts.appendingPathComponent("diff-\(seed).jsonl").path
            let status = try BuiltScenario.run([
                "run", "scenarios/08-lock-order-deadlock.yaml", "--runtime", "simulate", "--seed", seed, "--quiet",
                "--timeline", timeline,
            ])
            #expect(status == 0)
            timelines.append(timeline)
        }
        let page = Chromium.artefacts.appendingPathComponent("binary-diff.html")
        let status = try BuiltScenario.run(["diff"] + timelines + ["--html", page.path])
        #expect(status == 1, "the runs differ")
        let dom = try Self.load(page, fragment: "#steps=2")
        #expect(dom.count(role: "lane") == 4, "alice and bob, in A then in B")
        #expect(dom.count(role: "cycle-node") == 8, "each run's deadlock cycle")
        #expect(dom.count(role: "pointed-out") == 4, "two operations in each run")
        #expect(dom.count(role: "mark-button") == 2)
        #expect(dom.text(id: "step-position")?.contains("event 2 of") == true)
    }
}

extension BinaryPageBrowserTests {
    /// `scripts/screenshot.sh --seed N SCENARIO`: the docs' way of making a picture of a real run.
    @Test func theScreenshotScriptRunsAScenarioUnderTheSimulatorFirst() throws {
        let png = Chromium.artefacts.appendingPathComponent("script-scenario.png")
        try? FileManager.default.removeItem(at: png)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "scripts/screenshot.sh", "--binary", try BuiltScenario.binary().path, "--seed", "1", "--steps", "37",
            "scenarios/04-rlock-semaphore-barrier.yaml", png.path,
        ]
        process.currentDirectoryURL = BuiltScenario.packageRoot
        let printed = Chromium.artefacts.appendingPathComponent("script-scenario.txt")
        _ = FileManager.default.createFile(atPath: printed.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: printed)
        process.standardError = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        let inTime = ended.wait(timeout: .now() + 120) == .success
        if !inTime { process.terminate() }
        try #require(inTime, "scripts/screenshot.sh did not end within 120 s")
        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOf: printed, encoding: .utf8) == png.path + "\n", "only the picture's path is printed")
        #expect(try Data(contentsOf: png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
