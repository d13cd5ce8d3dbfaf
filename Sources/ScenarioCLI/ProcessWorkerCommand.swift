import ArgumentParser
import ScenarioCompiler
import ScenarioProcesses
import ScenarioRuntime
import ScenarioValidation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `scenario process-worker`: not for people. The run starts the binary again this way for each
/// process of a process pool (`pools: {p: {kind: processes}}`) and talks to it over its standard
/// input and output; see `ChildProcessRunner`.
struct ProcessWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process-worker",
        abstract: "A process of a process pool, started by 'scenario run' (not for use by hand).",
        shouldDisplay: false)

    func run() throws {
        // The run always hands its child a socket. Anything else is a person (or a script) who
        // found the command: at a terminal it would wait for the run's first line forever.
        guard Self.standardInputIsASocket else {
            Console.standard.err(
                "scenario: error: 'scenario process-worker' is how 'scenario run' starts each process of a process pool "
                    + "(pools: {NAME: {kind: processes}}); it talks to the run over a socket on its standard input "
                    + "and is not for use by hand. Run the scenario instead: scenario run FILE\n")
            throw ExitStatus.invalid.exitCode
        }
        let status = ProcessWorker.serve { path, source in
            // The run validated the same text already; no limit of instances applies twice.
            let checked = FrontEnd.check(Array(source.utf8), path: path, options: ValidationOptions(maxInstances: .max))
            guard let scenario = checked.scenario else {
                return .failure(SpawnMessage("the scenario does not validate in the pool process"))
            }
            return .success(Compiler.compile(scenario, path: path))
        }
        throw ExitCode(status)
    }
}

extension ProcessWorkerCommand {
    /// Whether standard input is a socket, as the run's end of the socket pair is.
    static var standardInputIsASocket: Bool {
        var status = stat()
        return fstat(STDIN_FILENO, &status) == 0 && status.st_mode & S_IFMT == S_IFSOCK
    }
}

/// Where the running binary is, to start it again for a process pool.
enum SelfExecutable {
    static var path: String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return CommandLine.arguments.first }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension RunCommand {
    /// What runs the tasks of process pools in real child processes: this binary, started again.
    static func processRunners(path: String, source: String, speed: Double) -> (@Sendable () -> any ProcessTaskRunner)? {
        guard let executable = SelfExecutable.path else { return nil }
        // The running binary itself, even if its file is replaced (`swift build`) or removed
        // during the run: a process started to replace one that died must be the same build.
        let launchPath: String? = access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : nil
        return { ChildProcessRunner(executable: executable, launchPath: launchPath, path: path, source: source, speed: speed) }
    }
}
