import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Process pools used as a demanding user would: chatty tasks, odd ways to start the binary,
/// the hidden worker command typed by hand, and what a failing task reports.
@Suite("Process pools: a user's try-out")
struct ProcessPoolTryoutTests {
    /// A task whose child sends back thousands of events: the run relays every one of them.
    @Test func aTaskThatLogsThousandsOfLinesRunsToItsEnd() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("chatty.yaml", """
            scenario: A chatty process
            pools:
              procs: {kind: processes, size: 1}
            workers:
              task:
                pool: procs
                result: "{i}"
                steps:
                  - repeat: 20000
                    do:
                      - log: "line {round}"
            """)
        let run = try runScenario(["run", path, "--quiet", "--timeline", directory.path("run.jsonl")])
        #expect(run.exited(with: 0), "\(run.summary)")
        let logs = try directory.read("run.jsonl").split(separator: "\n").filter { $0.contains("\"event\":\"log\"") }
        #expect(logs.count == 20000)
    }
}
