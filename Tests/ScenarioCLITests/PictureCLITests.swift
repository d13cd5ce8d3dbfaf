import Foundation
import Testing

/// `run --html`, `show --html` (and the other pictures), end to end through the built binary.
@Suite("Pictures from the command line")
struct PictureCLITests {
    /// The picture JSON a page embeds, parsed.
    static func pictureData(ofPage page: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let open = #"<script type="application/json" id="run-data">"#
        let start = try #require(page.range(of: open), "no data block in the page", sourceLocation: sourceLocation)
        let end = try #require(page[start.upperBound...].range(of: "</script>"), sourceLocation: sourceLocation)
        let json = page[start.upperBound..<end.lowerBound]
        return try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], sourceLocation: sourceLocation)
    }

    static func laneNames(_ picture: [String: Any]) -> [String] {
        (picture["lanes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test func runWritesAPageWithALanePerInstanceAndTheRunsOutcome() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", TraceCLITests.scenario)
        let run = try spawnScenario(
            ["run", scenario, "--quiet", "--color", "never", "--html", directory.path("door.html")] + TraceCLITests.simulated)
        #expect(run.exited(with: 0), "\(run.summary)")
        let page = try directory.read("door.html")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<title>Two in a door</title>"))
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http"), "the page fetches nothing")
        let picture = try Self.pictureData(ofPage: page)
        #expect(Self.laneNames(picture) == ["w-1", "w-2"])
        #expect(picture["status"] as? String == "ok")
        #expect(picture["file"] as? String == scenario)
        let links = try #require(picture["links"] as? [[String: Any]])
        #expect(links.count == 1, "the release that let the waiting instance in")
        #expect((picture["state"] as? [[String: Any]])?.first?["value"] as? Int == 2)
        // The summary is still printed.
        #expect(run.stdout.contains("status: ok"))
    }

    @Test func oneRunDrawsTheTraceAndThePageFromTheSameEvents() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", TraceCLITests.scenario)
        let run = try spawnScenario(
            ["run", scenario, "--quiet", "--html", directory.path("a.html"), "--trace", directory.path("a.json")]
                + TraceCLITests.simulated)
        #expect(run.exited(with: 0), "\(run.summary)")
        let picture = try Self.pictureData(ofPage: try directory.read("a.html"))
        let trace = try TraceCLITests.traceEvents(try directory.read("a.json"))
        let instants = trace.filter { $0["ph"] as? String == "i" }.count
        let spanEvents = (picture["events"] as? [[String: Any]] ?? []).count
        #expect(instants > 0 && instants <= spanEvents)
    }

    @Test func aPageOnStandardOutputLeavesTheSummaryOnStandardError() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", TraceCLITests.scenario)
        let run = try spawnScenario(["run", scenario, "--html", "-", "--color", "never"] + TraceCLITests.simulated)
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(run.stdout.hasSuffix("</html>\n"))
        #expect(run.stderr.contains("status: ok"))
        #expect(Self.laneNames(try Self.pictureData(ofPage: run.stdout)) == ["w-1", "w-2"])
    }

    @Test(arguments: [
        (["--html", "-", "--format", "json"], "--html - and --format json would both write to standard output; give --html a file"),
        (["--html", "-", "--trace", "-"], "--trace - and --html - would both write to standard output; give one of them a file"),
        (["--timeline", "-", "--html", "-"], "--timeline - and --html - would both write to standard output"),
        (["--html", "x.html", "--runs", "3"], "--html draws one run"),
    ])
    func conflictingOutputsAreRefused(arguments: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", TraceCLITests.scenario)
        let run = try spawnScenario(["run", scenario] + arguments)
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func aPageIsNeverWrittenOverTheScenario() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", TraceCLITests.scenario)
        let run = try spawnScenario(["run", scenario, "--html", scenario])
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr.contains("cannot write the HTML page over"))
        #expect(try directory.read("door.yaml") == TraceCLITests.scenario)
        let unwritable = try spawnScenario(["run", scenario, "--html", directory.path("no/such/dir/x.html")])
        #expect(unwritable.exited(with: 2))
        #expect(unwritable.stderr.contains("x.html: error: cannot open the HTML page"), "\(unwritable.stderr)")
    }

    @Test func showDrawsTheSamePageFromASavedTimeline() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", TraceCLITests.scenario)
        let timeline = directory.path("door.jsonl")
        let run = try spawnScenario(
            ["run", scenario, "--quiet", "--timeline", timeline, "--html", directory.path("live.html")] + TraceCLITests.simulated)
        #expect(run.exited(with: 0), "\(run.summary)")
        let shown = try spawnScenario(["show", timeline, "--html", directory.path("shown.html"), "--trace", directory.path("t.json")])
        #expect(shown.exited(with: 0), "\(shown.summary)")
        let live = try Self.pictureData(ofPage: try directory.read("live.html"))
        let saved = try Self.pictureData(ofPage: try directory.read("shown.html"))
        #expect(Self.laneNames(saved) == Self.laneNames(live))
        #expect(saved["status"] as? String == "ok")
        #expect((saved["events"] as? [Any])?.count == (live["events"] as? [Any])?.count)
        #expect((saved["links"] as? [Any])?.count == (live["links"] as? [Any])?.count)
        _ = try TraceCLITests.traceEvents(try directory.read("t.json"))

        let toStandardOutput = try spawnScenario(["show", timeline, "--html", "-"])
        #expect(toStandardOutput.exited(with: 0))
        #expect(toStandardOutput.stdout.hasPrefix("<!DOCTYPE html>"))
        let both = try spawnScenario(["show", timeline, "--html", "-", "--trace", "-"])
        #expect(both.exited(with: 2))
        #expect(both.stderr.contains("would both write to standard output"))
    }

    @Test func helpTeachesThePage() throws {
        let run = try spawnScenario(["help", "run"])
        #expect(run.stdout.contains("--html <file>"))
        #expect(run.stdout.contains("--quiet --html run.html"))
        let show = try spawnScenario(["help", "show"])
        #expect(show.stdout.contains("scenario show run.jsonl --html run.html"))
    }

    @Test func runAndShowWriteTheSameSVG() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", TraceCLITests.scenario)
        let timeline = directory.path("door.jsonl")
        let run = try spawnScenario(
            ["run", scenario, "--quiet", "--timeline", timeline, "--svg", directory.path("live.svg"), "--html", directory.path("p.html")]
                + TraceCLITests.simulated)
        #expect(run.exited(with: 0), "\(run.summary)")
        let live = try directory.read("live.svg")
        #expect(live.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(live.contains(">w-1</text>") && live.contains(">w-2</text>"))
        #expect(live.contains(">door</text>"), "the lock's strip")
        #expect(!live.contains("<script"))
        let shown = try spawnScenario(["show", timeline, "--svg", "-"])
        #expect(shown.exited(with: 0), "\(shown.summary)")
        #expect(shown.stdout == live, "the saved run draws the same picture")
        let toStandardOutput = try spawnScenario(["run", scenario, "--svg", "-"] + TraceCLITests.simulated)
        #expect(toStandardOutput.stdout == live)
        #expect(toStandardOutput.stderr.contains("status: ok"))
        let conflict = try spawnScenario(["run", scenario, "--svg", "-", "--html", "-"])
        #expect(conflict.exited(with: 2))
        #expect(conflict.stderr.contains("--html - and --svg - would both write to standard output"), "\(conflict.stderr)")
    }
}

/// Two outputs of one run naming one file would overwrite each other: refused before the run.
@Suite("Outputs naming one file")
struct SameOutputFileTests {
    @Test func twoOptionsNamingOneFileAreRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("tiny.yaml", "scenario: tiny\nworkers:\n  w: [{log: hi}]\n")
        let same = try runScenario(["run", path, "--html", directory.path("x"), "--svg", directory.path("x")])
        #expect(same.exited(with: 2))
        #expect(same.stderr.contains("--html and --svg name the same file"), "\(same.summary)")
        let target = try directory.write("kept.jsonl", "precious\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path("link.jsonl"), withDestinationPath: target)
        let linked = try runScenario(["run", path, "--timeline", target, "--trace", directory.path("link.jsonl")])
        #expect(linked.exited(with: 2))
        #expect(linked.stderr.contains("--timeline and --trace name the same file"), "\(linked.summary)")
        #expect(try directory.read("kept.jsonl") == "precious\n", "nothing was written")
    }
}
