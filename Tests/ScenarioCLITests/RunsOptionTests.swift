import Foundation
import Testing

/// `scenario run FILE --runs N`, end to end through the built executable.
@Suite("run --runs")
struct RunsOptionTests {
    static let lockedCounter = """
        scenario: Locked counter
        variables: {counter: 0}
        locks: {lock: lock}
        queues: {done: 0}
        workers:
          adder:
            count: 3
            steps:
              - repeat: 20
                do:
                  - with: lock
                    do:
                      - increment: counter
              - put: done
        expect: {counter: 60}
        """

    /// Same counter, an expectation no run meets.
    static let wrongExpectation = lockedCounter.replacingOccurrences(of: "counter: 60}", with: "counter: 61}")

    static let documentedKeys: Set<String> = [
        "scenario", "runtime", "executor", "jobs", "requested", "runs", "interrupted", "duration",
        "runs_per_second", "status", "statuses", "variables", "queues", "outcomes", "other_outcome_runs",
    ]
    static let outcomeKeys: Set<String> = [
        "runs", "status", "variables", "queues", "failed_expectations", "deadlock", "error", "first_run", "seed", "replay",
    ]

    @Test func aDeterministicScenarioGivesOneValueInEveryRun() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.lockedCounter)
        let run = try runScenario(["run", file, "--runs", "40", "--color", "never"])
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(run.stdout.hasPrefix("Locked counter: 40 runs on threads, "), "\(run.summary)")
        #expect(run.stdout.contains("\n  ok: 100% (40)\n  expectation failed: 0\n  deadlock: 0\n  timeout: 0\n  error: 0\n"))
        #expect(run.stdout.contains("variables\n  counter = 60: 100% (40)\n"), "\(run.summary)")
        #expect(run.stdout.contains("queues\n  done: 3 left: 100% (40)\n"), "\(run.summary)")
        #expect(run.stdout.contains("outcomes\n  100% (40): ok, counter = 60, done: 3 left\n    first in run 1\n"))
        #expect(run.stdout.hasSuffix("status: ok\n"))
        // No timeline, and (standard error is a file, not a terminal) no progress line.
        #expect(!run.stdout.contains("acquire"))
        #expect(run.stderr.isEmpty, "\(run.summary)")
    }

    @Test func manyJobsAreCountedAsEveryOtherCountIs() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.lockedCounter)
        let run = try runScenario(["run", file, "--runs", "3", "--jobs", "1000", "--runtime", "simulate", "--color", "never"])
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(run.stdout.contains("3 runs on simulate, 1,000 at a time"), "\(run.summary)")
    }

    @Test func anExpectationThatAlwaysFailsShowsEveryRunFailed() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("wrong.yaml", Self.wrongExpectation)
        let run = try runScenario(["run", file, "--runs", "12", "--runtime", "async", "--color", "never"])
        #expect(run.exited(with: 1), "\(run.summary)")
        #expect(run.stdout.contains("  ok: 0\n  expectation failed: 100% (12)\n"), "\(run.summary)")
        #expect(run.stdout.contains("  100% (12): expectation failed (counter), counter = 60, done: 3 left\n"), "\(run.summary)")
        #expect(run.stdout.hasSuffix("status: expectation failed\n"))
    }

    @Test func aDeadlockEveryRunExitsAsADeadlockDoes() throws {
        let run = try runScenario(["run", TestFiles.sharedScenario("lock-cycle"), "--runs", "6", "--format", "json"])
        #expect(run.exited(with: 3), "\(run.summary)")
        let object = try run.jsonObject()
        #expect(object["status"] as? String == "deadlock")
        #expect((object["statuses"] as? [String: Int])?["deadlock"] == 6)
        let outcome = try #require((object["outcomes"] as? [[String: Any]])?.first)
        #expect(outcome["deadlock"] as? String == "a cycle through lock left, lock right")
    }

    @Test func jsonHasTheDocumentedKeysAndCountsThatAddUp() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.lockedCounter)
        let run = try runScenario(["run", file, "--runs", "25", "--format", "json", "--jobs", "2"])
        #expect(run.exited(with: 0), "\(run.summary)")
        let object = try run.jsonObject()
        #expect(Set(object.keys) == Self.documentedKeys)
        #expect(object["requested"] as? Int == 25)
        #expect(object["runs"] as? Int == 25)
        #expect(object["jobs"] as? Int == 2)
        #expect(object["interrupted"] as? Bool == false)
        #expect(object["runtime"] as? String == "threads")
        let statuses = try #require(object["statuses"] as? [String: Int])
        #expect(Set(statuses.keys) == ["ok", "expectation_failed", "deadlock", "timeout", "error"])
        #expect(statuses.values.reduce(0, +) == 25)
        let variables = try #require(object["variables"] as? [[String: Any]])
        #expect(variables.count == 1)
        #expect(variables.first?["name"] as? String == "counter")
        let values = try #require(variables.first?["values"] as? [[String: Int]])
        #expect(values == [["value": 60, "runs": 25]])
        let outcomes = try #require(object["outcomes"] as? [[String: Any]])
        #expect(outcomes.count == 1)
        let outcome = try #require(outcomes.first)
        #expect(Set(outcome.keys) == Self.outcomeKeys)
        #expect(outcome["first_run"] as? Int == 1)
        #expect(outcome["seed"] is NSNull)
        #expect(outcome["replay"] is NSNull)
        #expect(outcomes.map { $0["runs"] as? Int ?? 0 }.reduce(0, +) == 25)
    }

    @Test func theResultDoesNotDependOnJobs() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.wrongExpectation)
        func distribution(jobs: String) throws -> NSDictionary {
            let run = try runScenario(["run", file, "--runs", "30", "--format", "json", "--jobs", jobs])
            #expect(run.exited(with: 1), "\(run.summary)")
            var object = try run.jsonObject()
            for timing in ["duration", "runs_per_second", "jobs"] { object[timing] = nil }
            return object as NSDictionary
        }
        #expect(try distribution(jobs: "1") == distribution(jobs: "3"))
    }

    @Test(arguments: [
        (["--runs", "0"], "--runs must be at least 1"),
        (["--runs", "-2"], "--runs must be at least 1"),
        (["--runs", "3", "--jobs", "0"], "--jobs must be at least 1"),
        (["--jobs", "2"], "--jobs says how many runs of a series run at once; it goes with --runs"),
        (["--runs", "3", "--timeline", "run.jsonl"], "--timeline records one run"),
        (["--runs", "3", "--all"], "--runs prints no timeline, so --all has nothing to show"),
        (["--runs", "3", "--wide"], "--runs prints no timeline, so --wide has nothing to show"),
    ])
    func combinationsThatMakeNoSenseAreRefused(options: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.lockedCounter)
        let run = try runScenario(["run", file] + options, in: directory.url)
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr.contains(message), "\(run.summary)")
        #expect(run.stdout.isEmpty, "\(run.summary)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("run.jsonl")))
    }

    @Test func quietIsAccepted() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.lockedCounter)
        let run = try runScenario(["run", file, "--runs", "3", "--quiet", "--color", "never"])
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(run.stdout.contains("counter = 60: 100% (3)"))
    }

    @Test func theHelpTeachesRunsWithExamples() throws {
        let run = try runScenario(["help", "run"])
        #expect(run.exited(with: 0), "\(run.summary)")
        // The help is wrapped to the width of a terminal: compare with single spaces.
        let words = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in ["--runs <n>", "--jobs <j>", "MANY RUNS:", "scenario run scenarios/11-lost-update.yaml --runs 1000",
                     "runtime error (5), deadlock (3), timeout (4), expectation failed (1)"] {
            #expect(words.contains(text), "missing \(text): \(run.summary)")
        }
    }
}

/// A long series must not leak a thread's stack per run: a run's helper thread that nobody joins
/// (the threads engine's driver, the async runtime's outcome watcher) kept its stack mapped, and
/// after some 32,000 runs the system refused new threads and the series hung. Under a 1 GB limit
/// on address space, 10,000 runs of 256 KiB leaked stacks each would not fit.
@Suite("run --runs: memory")
struct RunsMemoryTests {
    @Test(arguments: ["threads", "async"])
    func aLongSeriesKeepsNoStackPerRun(runtime: String) throws {
        let binary = try ScenarioBinary.require()
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", RunsOptionTests.lockedCounter.replacingOccurrences(of: "repeat: 20", with: "repeat: 1")
            .replacingOccurrences(of: "counter: 60}", with: "counter: 3}"))
        let script = "ulimit -v 1000000 && exec \"$0\" run \"$1\" --runs 10000 --runtime \"$2\" --format json"
        let run = try runScenario(["-c", script, binary.path, file, runtime], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(run.exited(with: 0), "\(run.summary)")
        let object = try run.jsonObject()
        #expect(object["runs"] as? Int == 10_000)
        #expect((object["statuses"] as? [String: Int])?["ok"] == 10_000)
    }
}
