import Foundation
import Testing

/// `--runtime simulate`, `--seed`, `--strategy` and `--depth` from the command line.
@Suite("scenario run --runtime simulate")
struct SimulateCLITests {
    static let lostUpdate = """
        scenario: Lost update
        variables:
          counter: 0
        workers:
          adder:
            count: 3
            steps:
              - repeat: 3
                do:
                  - increment: counter
                  - sleep: 10ms
        expect:
          counter: 9
        """

    static let deadlock = """
        scenario: Crossed locks
        locks:
          left: lock
          right: lock
        workers:
          first:
            - acquire: left
            - acquire: right
          second:
            - acquire: right
            - acquire: left
        """

    /// The same file and seed, through the binary: byte-identical timeline files and JSON reports.
    @Test(arguments: [["--seed", "5"], ["--seed", "5", "--strategy", "pct", "--depth", "2"]])
    func theSameSeedGivesTheSameFilesByteForByte(_ seed: [String]) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("lost.yaml", Self.lostUpdate)
        var outputs: [(timeline: String, report: String)] = []
        for copy in 1...2 {
            let timeline = directory.path("run\(copy).jsonl")
            let run = try runScenario(
                ["run", path, "--runtime", "simulate", "--format", "json", "--timeline", timeline] + seed)
            #expect(run.exited(with: 0) || run.exited(with: 1), "\(run.summary)")
            outputs.append((try directory.read("run\(copy).jsonl"), run.stdout))
        }
        #expect(!outputs[0].timeline.isEmpty)
        #expect(outputs[0].timeline == outputs[1].timeline)
        #expect(outputs[0].report == outputs[1].report)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outputs[0].report.utf8)) as? [String: Any])
        #expect(json["runtime"] as? String == "simulate")
        #expect(json["seed"] as? Int == 5)
        #expect(json["strategy"] as? String == (seed.contains("pct") ? "pct" : "random"))
        #expect(json["executor"] is NSNull)
        if seed.contains("pct") { #expect(json["depth"] as? Int == 2) } else { #expect(json["depth"] is NSNull) }
        // Virtual time: 30 ms of sleep per instance, however long the run really took.
        #expect(json["duration"] as? Double == 0.03)
    }

    @Test func aDeadlockPrintsTheSeedAndTheCommandThatReplaysIt() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("crossed.yaml", Self.deadlock)
        var found = false
        for seed in 0..<20 {
            let run = try runScenario(["run", path, "--runtime", "simulate", "--seed", "\(seed)", "--strategy", "pct", "--color", "never"])
            guard run.exited(with: 3) else { continue }
            found = true
            #expect(run.stdout.contains("(virtual time, seed \(seed), strategy pct, depth 3)"), "\(run.summary)")
            let command = "scenario run \(path) --runtime simulate --seed \(seed) --strategy pct --depth 3"
            #expect(run.stdout.contains("replay this run: \(command)"), "\(run.summary)")
            // And it does replay it.
            let again = try runScenario(Array(command.split(separator: " ").dropFirst().map(String.init)) + ["--color", "never"])
            #expect(again.exited(with: 3))
            #expect(again.stdout == run.stdout)
            break
        }
        #expect(found, "no seed of 20 deadlocked")
    }

    @Test func aRunThatSucceedsPrintsNoReplayCommand() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("ok.yaml", """
            scenario: One order
            locks:
              left: lock
              right: lock
            workers:
              taker:
                count: 2
                steps:
                  - acquire: left
                  - acquire: right
                  - release: right
                  - release: left
            """)
        let run = try runScenario(["run", path, "--runtime", "simulate", "--quiet"])
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(!run.stdout.contains("replay this run"))
    }

    @Test func aLoopThatNeverMovesTheVirtualClockIsStoppedByTheRealGuardAndSaysSo() throws {
        let directory = try TemporaryDirectory()
        let spin = try directory.write("spin.yaml", """
            scenario: Spin
            variables:
              n: 0
            workers:
              spinner:
                - repeat: forever
                  do:
                    - increment: n
            """)
        let run = try runScenario(["run", spin, "--runtime", "simulate", "--timeout", "1", "--quiet", "--color", "never"])
        #expect(run.exited(with: 4), "\(run.summary)")
        #expect(run.stdout.contains("the virtual clock stood still for 1.00s of real time: an instance loops without a sleep"), "\(run.summary)")
        // A virtual time-out is no puzzle: the clock reached it.
        let sleepy = try directory.write("sleepy.yaml", """
            scenario: Sleepy
            workers:
              sleeper:
                - repeat: forever
                  do:
                    - sleep: 1
            """)
        let slept = try runScenario(["run", sleepy, "--runtime", "simulate", "--timeout", "5", "--quiet", "--color", "never"])
        #expect(slept.exited(with: 4), "\(slept.summary)")
        #expect(slept.stdout.contains("status: timeout in 5.00s"), "\(slept.summary)")
        #expect(!slept.stdout.contains("virtual clock stood still"), "\(slept.summary)")
    }

    @Test func theFilesRuntimeMaySaySimulate() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("file.yaml", "runtime: simulate\n" + Self.lostUpdate)
        let check = try runScenario(["check", path])
        #expect(check.exited(with: 0), "\(check.summary)")
        let run = try runScenario(["run", path, "--seed", "1", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["runtime"] as? String == "simulate")
        #expect(json["seed"] as? Int == 1)
    }

    @Test(arguments: [
        (["--runtime", "threads", "--seed", "1"], "--seed chooses the simulator's schedule; it goes with --runtime simulate, not threads"),
        (["--runtime", "async", "--strategy", "pct"], "--strategy chooses the simulator's schedule; it goes with --runtime simulate, not async"),
        (["--seed", "1"], "--seed chooses the simulator's schedule; it goes with --runtime simulate, not threads, the runtime this file runs on; add --runtime simulate"),
        (["--runtime", "simulate", "--depth", "2"], "--depth is the depth of --strategy pct; add --strategy pct"),
        (["--runtime", "simulate", "--strategy", "pct", "--depth", "0"], "--depth must be at least 1"),
        (["--runtime", "simulate", "--strategy", "pct", "--depth", "9223372036854775807"], "--depth must be at most 10,000: it is one more than the preemptions pct aims at, and 2 to 5 find most bugs"),
        (["--runtime", "simulate", "--seed", "-1"], "--seed must be a whole number from 0 to 18446744073709551615 (2^64-1), not '-1'"),
        (["--runtime", "simulate", "--seed", "18446744073709551616"], "--seed must be a whole number from 0 to 18446744073709551615 (2^64-1), not '18446744073709551616'"),
        (["--runtime", "simulate", "--strategy", "fair"], "--strategy"),
        (["--runtime", "simulate", "--executor", "loop"], "--executor chooses where async tasks run; it goes with --runtime async, not simulate"),
    ])
    func misplacedOptionsAreRefused(_ options: [String], _ message: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("lost.yaml", Self.lostUpdate)
        let run = try runScenario(["run", path] + options)
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr.contains(message), "\(run.summary)")
    }
}
