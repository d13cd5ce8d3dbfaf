import Foundation
import Testing

/// `--runtime async` and `--executor` from the command line, as a user runs them.
@Suite("scenario run --runtime async")
struct AsyncRuntimeCLITests {
    static let counter = """
        scenario: Counter
        variables:
          counter: 0
        locks:
          guard: lock
        workers:
          adder:
            count: 3
            steps:
              - with: guard
                do:
                  - increment: counter
        expect:
          counter: 3
        """

    private func run(_ yaml: String, _ options: [String]) async throws -> (status: Int32, out: String, err: String) {
        let directory = try TemporaryDirectory()
        let path = try directory.write("scenario.yaml", yaml)
        let console = RecordingConsole()
        let status = await console.run(["run", path, "--color", "never"] + options)
        return (status, console.out, console.err)
    }

    @Test(arguments: [("loop", ["--runtime", "async"]), ("pool", ["--runtime", "async", "--executor", "pool"])])
    func theReportNamesTheRuntimeAndExecutor(_ executor: String, _ options: [String]) async throws {
        let result = try await run(Self.counter, options + ["--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(json["runtime"] as? String == "async")
        #expect(json["executor"] as? String == executor)
        #expect(!result.err.contains("not available"), "\(result.err)")
    }

    @Test func theFilesRuntimeChoosesTheEngine() async throws {
        let result = try await run("runtime: async\n" + Self.counter, ["--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(json["runtime"] as? String == "async")
        #expect(json["executor"] as? String == "loop")
    }

    @Test func threadsReportNoExecutor() async throws {
        let result = try await run(Self.counter, ["--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(json["runtime"] as? String == "threads")
        #expect(json["executor"] is NSNull)
    }

    @Test func anExecutorWithTheThreadsRuntimeIsRefused() async throws {
        let refused = try await run(Self.counter, ["--runtime", "threads", "--executor", "pool"])
        #expect(refused.status == 2)
        #expect(refused.err.contains("--executor"), "\(refused.err)")
        let fromFile = try await run(Self.counter, ["--executor", "loop"])
        #expect(fromFile.status == 2)
        #expect(fromFile.err.contains("add --runtime async"), "\(fromFile.err)")
    }

    /// The async runtime allows 1,000,000 instances; threads keep 10,000; beyond the limit the
    /// error names the worker's `count`.
    @Test func theInstanceLimitDependsOnTheRuntime() async throws {
        let yaml = """
            scenario: Many
            workers:
              task:
                count: 20000
                steps:
                  - log: "hi"
            """
        let threads = try await run(yaml, ["--quiet"])
        #expect(threads.status == 2)
        #expect(threads.err.contains("scenario.yaml:4:12: error: worker 'task' brings the scenario to 20000 instances, over the limit of 10000"), "\(threads.err)")
        let async = try await run(yaml, ["--quiet", "--runtime", "async"])
        #expect(async.status == 0, "\(async.err)")
        let tooMany = try await run(yaml.replacingOccurrences(of: "20000", with: "1000001"), ["--quiet", "--runtime", "async"])
        #expect(tooMany.status == 2)
        #expect(tooMany.err.contains("over the limit of 1000000"), "\(tooMany.err)")
    }
}
