import Foundation
import Testing

/// `scenario diff A B --html FILE`, end to end: both runs on one page, the first divergence marked.
@Suite("Diff pictures")
struct DiffPictureCLITests {
    /// Two instances race for a door; under simulate, seed 1 lets w-2 in first and seed 5 w-1.
    static let race = """
        scenario: Two at a door
        variables:
          counter: 0
        locks:
          door: lock
        workers:
          w:
            count: 2
            steps:
              - acquire: door
              - increment: counter
              - release: door
        expect:
          counter: 2
        """

    /// Two recorded runs that took the door in opposite orders.
    static func recordRuns(in directory: TemporaryDirectory) throws -> (a: String, b: String) {
        let scenario = try directory.write("race.yaml", race)
        for seed in ["1", "5"] {
            let run = try spawnScenario(
                ["run", scenario, "--runtime", "simulate", "--seed", seed, "--quiet", "--timeline", directory.path("s\(seed).jsonl")])
            #expect(run.exited(with: 0), "\(run.summary)")
        }
        return (directory.path("s1.jsonl"), directory.path("s5.jsonl"))
    }

    @Test func thePageHasBothRunsAndMarksTheEventsTheDiffNames() throws {
        let directory = try TemporaryDirectory()
        let (a, b) = try Self.recordRuns(in: directory)
        let page = directory.path("diff.html")
        let diff = try spawnScenario(["diff", a, b, "--html", page, "--color", "never"])
        #expect(diff.exited(with: 1), "the runs differ\n\(diff.summary)")
        #expect(diff.stdout.contains("first divergence, on door:"), "the text is still printed")
        let picture = try PictureCLITests.pictureData(ofPage: try directory.read("diff.html"))
        #expect(PictureCLITests.laneNames(picture) == ["A: w-1", "A: w-2", "B: w-1", "B: w-2"])
        #expect((picture["scenario"] as? String)?.hasPrefix("Two at a door: A ") == true)

        // The marked events are the ones `diff --format json` names as the first divergence.
        let json = try spawnScenario(["diff", a, b, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let divergence = try #require(report["first_divergence"] as? [String: Any])
        func named(_ side: String) -> [String] {
            ((divergence[side] as? [String: Any])?["events"] as? [[String: Any]] ?? []).map {
                "\(side.uppercased()): \($0["worker"] as? String ?? "") \($0["event"] as? String ?? "") seq \($0["seq"] as? Int ?? -1)"
            }
        }
        let events = try #require(picture["events"] as? [[String: Any]])
        let lanes = PictureCLITests.laneNames(picture)
        let marks = try #require(picture["marks"] as? [[String: Any]])
        let marked = marks.compactMap { $0["event"] as? Int }.map { index in
            let event = events[index]
            let lane = lanes[event["lane"] as? Int ?? 0]
            let side = lane.prefix(1), worker = lane.dropFirst(3)
            return "\(side): \(worker) \(event["event"] as? String ?? "") seq \(event["seq"] as? Int ?? -1)"
        }
        #expect(marked == named("a") + named("b"))
        #expect(marked.count == 4)
        let texts = marks.compactMap { $0["text"] as? String }.filter { !$0.isEmpty }
        #expect(texts == ["First divergence, on door: A: w-2 acquired door before w-1", "B: w-1 acquired door before w-2"])
    }

    @Test func sameRunsHaveNoMarksAndTheOutcomeOfEach() throws {
        let directory = try TemporaryDirectory()
        let (a, _) = try Self.recordRuns(in: directory)
        let diff = try spawnScenario(["diff", a, a, "--html", "-"])
        #expect(diff.exited(with: 0), "\(diff.summary)")
        #expect(diff.stderr.hasPrefix("A: "), "the text goes to standard error")
        let picture = try PictureCLITests.pictureData(ofPage: diff.stdout)
        #expect(picture["marks"] == nil)
        #expect(picture["status"] as? String == "ok")
        let state = (picture["state"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(state == ["A: counter", "B: counter"])
        let strips = (picture["holders"] as? [[String: Any]] ?? []).compactMap { $0["object"] as? String }
        #expect(Set(strips) == ["A: door", "B: door"])
    }

    @Test func aJSONReportIsDrawnWithItsLockStrip() throws {
        let directory = try TemporaryDirectory()
        let (a, _) = try Self.recordRuns(in: directory)
        let scenario = directory.path("race.yaml")
        let report = try spawnScenario(["run", scenario, "--runtime", "simulate", "--seed", "5", "--format", "json"])
        #expect(report.exited(with: 0))
        let reportPath = try directory.write("s5.json", report.stdout)
        let diff = try spawnScenario(["diff", a, reportPath, "--html", directory.path("d.html")])
        #expect(diff.exited(with: 1), "\(diff.summary)")
        let picture = try PictureCLITests.pictureData(ofPage: try directory.read("d.html"))
        let objects = (picture["objects"] as? [[String: Any]] ?? []).map { "\($0["name"] as? String ?? ""):\($0["kind"] as? String ?? "")" }
        #expect(objects.contains("B: door:lock"), "\(objects)")
        #expect(objects.contains("B: counter:variable"), "\(objects)")
        #expect((picture["marks"] as? [Any])?.count == 4)
    }

    @Test func conflictsAndInputsAreRefused() throws {
        let directory = try TemporaryDirectory()
        let (a, b) = try Self.recordRuns(in: directory)
        let json = try spawnScenario(["diff", a, b, "--html", "-", "--format", "json"])
        #expect(json.exited(with: 2))
        #expect(json.stderr.contains("--html - and --format json would both write to standard output"))
        let overInput = try spawnScenario(["diff", a, b, "--html", b])
        #expect(overInput.exited(with: 2))
        #expect(overInput.stderr.contains("cannot write the HTML page over"), "\(overInput.stderr)")
        #expect(try directory.read("s5.jsonl").contains("\"seq\""), "the input is untouched")
    }
}
