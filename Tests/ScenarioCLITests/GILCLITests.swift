import Foundation
import Testing

/// `gil: true` and `--gil` from the command line.
@Suite("scenario run --gil")
struct GILCLITests {
    static let crunchers = """
        scenario: Crunchers
        workers:
          cruncher:
            count: 2
            steps:
              - work: 20ms
        """

    private func run(_ yaml: String, _ options: [String]) async throws -> (status: Int32, out: String, err: String) {
        let directory = try TemporaryDirectory()
        let path = try directory.write("scenario.yaml", yaml)
        let console = RecordingConsole()
        let status = await console.run(["run", path, "--color", "never"] + options)
        return (status, console.out, console.err)
    }

    @Test func theLoopExecutorRefusesIt() async throws {
        let flag = try await run(Self.crunchers, ["--gil", "--runtime", "async"])
        #expect(flag.status == 2)
        #expect(flag.err.contains("error: --gil models CPython's global interpreter lock"), "\(flag.err)")
        #expect(flag.err.contains("--executor pool"))
        let key = try await run("gil: true\n" + Self.crunchers, ["--runtime", "async", "--executor", "loop"])
        #expect(key.status == 2)
        #expect(key.err.contains("'gil: true'"), "\(key.err)")
    }

    @Test(arguments: [["--runtime", "threads"], ["--runtime", "async", "--executor", "pool"], ["--runtime", "simulate"]])
    func theSummaryReportsTheWait(_ options: [String]) async throws {
        let result = try await run(Self.crunchers, ["--gil"] + options)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("GIL (switch interval 5.0ms): waited"), "\(result.out)")
        // The pool may start the second task only once the first is done (a busy machine):
        // then nobody waits. Threads and the simulator start both at once.
        if !options.contains("pool") { #expect(result.out.contains("gil_acquire (waited"), "\(result.out)") }
    }

    @Test func theJSONReportHasTheGIL() async throws {
        let result = try await run("gil: true\ngil_interval: 2ms\n" + Self.crunchers, ["--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let gil = try #require(json["gil"] as? [String: Any])
        #expect(gil["interval"] as? Double == 0.002)
        let workers = try #require(gil["workers"] as? [String: Any])
        #expect(Set(workers.keys) == ["cruncher-1", "cruncher-2"])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.contains { $0["event"] as? String == "gil_wait" })
    }

    @Test func withoutItThereIsNoGIL() async throws {
        let result = try await run(Self.crunchers, ["--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(json["gil"] == nil)
    }

    @Test func aZeroIntervalIsAnError() async throws {
        let result = try await run("gil: true\ngil_interval: 0\n" + Self.crunchers, [])
        #expect(result.status == 2)
        #expect(result.err.contains("'gil_interval' must be longer than 0"), "\(result.err)")
    }
}
