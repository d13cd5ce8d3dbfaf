import Foundation
import Synchronization
import Testing

/// How a spawned `scenario` finds one of its standard streams.
enum ChildStream {
    /// A file, read back once the child ends.
    case captured
    /// A pipe read while the child runs (a FIFO-like reader, as `| cat` gives).
    case pipe
    /// This path, opened for writing (`> /dev/full`).
    case path(String)
    /// Closed (`>&-`).
    case closed
    /// A pipe whose reader is gone before the child starts, as when `| head` has exited: every
    /// write raises SIGPIPE, or fails with EPIPE when SIGPIPE is ignored.
    case pipeWithoutReader
    /// The same open file as standard output (`2>&1`); for standard error only.
    case sameAsOutput
}

/// What SIGPIPE does in the child: the default (end the process) or nothing (`trap '' PIPE`).
enum PipeSignal {
    case terminates, ignored
}

/// How a spawned `scenario` ended and what it wrote.
struct SpawnedRun: CustomTestStringConvertible {
    /// The exit status, or nil when a signal ended the child.
    var exitStatus: Int32?
    /// The signal that ended the child, if one did.
    var signal: Int32?
    var stdout: String
    var stderr: String
    /// What the child wrote to descriptor 3, when `descriptor3` was a pipe.
    var descriptor3: String

    func exited(with code: Int32) -> Bool { exitStatus == code }

    var summary: String {
        let end = exitStatus.map { "exit status \($0)" } ?? "signal \(signal ?? -1)"
        return "\(end)\n--- stdout:\n\(stdout.prefix(3000))--- stderr:\n\(stderr.prefix(3000))"
    }

    var testDescription: String { exitStatus.map { "exit status \($0)" } ?? "signal \(signal ?? -1)" }
}

/// Runs the built `scenario` with `arguments`, its streams set up as a shell would for
/// redirections that `Process` cannot express: closed descriptors, /dev/full, a pipe without a
/// reader, SIGPIPE ignored. A child still running after `timeLimit` seconds is killed and the
/// test fails, so that no test can hang.
func spawnScenario(
    _ arguments: [String], stdout: ChildStream = .captured, stderr: ChildStream = .captured,
    descriptor3: ChildStream? = nil, pipeSignal: PipeSignal = .terminates, timeLimit: Double = 120,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> SpawnedRun {
    let binary = try ScenarioBinary.require(sourceLocation: sourceLocation).path
    let scratch = try TemporaryDirectory()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

    var parentEnds: [Int32] = []
    var readers: [Int32: PipeReader] = [:]
    defer { parentEnds.forEach { close($0) } }
    func setUp(_ stream: ChildStream, as descriptor: Int32) throws {
        switch stream {
        case .captured:
            posix_spawn_file_actions_addopen(
                &actions, descriptor, scratch.path("\(descriptor)"), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .path(let path):
            posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY, 0)
        case .closed:
            posix_spawn_file_actions_addclose(&actions, descriptor)
        case .sameAsOutput:
            posix_spawn_file_actions_adddup2(&actions, 1, descriptor)
        case .pipe, .pipeWithoutReader:
            // O_CLOEXEC: no other child spawned meanwhile may hold an end (a stray reader would
            // keep the pipe alive); dup2 in the child clears it on the copy it keeps.
            var ends: [Int32] = [-1, -1]
            let pipe2 = try #require(pipe2, "pipe2 is not available", sourceLocation: sourceLocation)
            try #require(pipe2(&ends, O_CLOEXEC) == 0, "pipe2 failed: \(errno)", sourceLocation: sourceLocation)
            parentEnds.append(ends[1])
            if case .pipe = stream {
                readers[descriptor] = PipeReader(descriptor: ends[0])
            } else {
                close(ends[0])
            }
            posix_spawn_file_actions_adddup2(&actions, ends[1], descriptor)
        }
    }
    try setUp(stdout, as: 1)
    try setUp(stderr, as: 2)
    if let descriptor3 { try setUp(descriptor3, as: 3) }

    // SIGPIPE back to its default and nothing blocked, whatever the test runner does; then, for
    // `.ignored`, a shell ignores it before it runs the tool (dispositions survive exec).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let command: [String] = switch pipeSignal {
    case .terminates: [binary] + arguments
    case .ignored: ["/bin/sh", "-c", #"trap '' PIPE; exec "$0" "$@""#, binary] + arguments
    }
    let argv = command.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, environ)
    try #require(spawned == 0, "posix_spawn failed: \(spawned)", sourceLocation: sourceLocation)
    // The child has its copies; readers see the end of their pipe once it exits.
    parentEnds.forEach { close($0) }
    parentEnds = []

    let waiter = ChildWaiter(pid: pid)
    let endedInTime = waiter.wait(seconds: timeLimit)
    if !endedInTime {
        kill(pid, SIGKILL)
        _ = waiter.wait(seconds: 60)
    }
    let raw = waiter.status ?? 0
    let signal = raw & 0x7f
    func text(_ stream: ChildStream, _ descriptor: Int32) -> String {
        switch stream {
        case .captured: return (try? scratch.read("\(descriptor)")) ?? ""
        case .pipe: return readers[descriptor]?.text() ?? ""
        default: return ""
        }
    }
    let run = SpawnedRun(
        exitStatus: signal == 0 ? (raw >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
        stdout: text(stdout, 1), stderr: text(stderr, 2), descriptor3: descriptor3.map { text($0, 3) } ?? "")
    try #require(
        endedInTime, "scenario \(arguments.joined(separator: " ")) did not end within \(timeLimit) s\n\(run.summary)",
        sourceLocation: sourceLocation)
    return run
}

/// pipe2(2), which Swift's Glibc module leaves out (it needs _GNU_SOURCE): pipe(2) followed by
/// fcntl would leave a moment in which a child spawned by another test inherits the pipe.
private let pipe2: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32)? = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "pipe2") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
}()

/// Waits for a child on another thread, so that the wait can have a time limit.
private final class ChildWaiter: Sendable {
    private let result = Mutex<Int32?>(nil)
    private let ended = DispatchSemaphore(value: 0)

    init(pid: pid_t) {
        DispatchQueue.global().async { [self] in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            result.withLock { $0 = status }
            ended.signal()
        }
    }

    /// Whether the child ended within `seconds`.
    func wait(seconds: Double) -> Bool { ended.wait(timeout: .now() + seconds) == .success }

    /// The raw wait status, once the child has ended.
    var status: Int32? { result.withLock { $0 } }
}

/// Reads a pipe to its end on another thread, so that a child writing a lot never blocks.
final class PipeReader: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let ended = DispatchSemaphore(value: 0)

    /// Takes ownership of `descriptor`, the read end.
    init(descriptor: Int32) {
        DispatchQueue.global().async { [self] in
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    bytes.withLock { $0 += chunk[..<count] }
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            close(descriptor)
            ended.signal()
        }
    }

    /// Everything read, once the writers have closed the pipe (at most a minute later).
    func text() -> String {
        _ = ended.wait(timeout: .now() + 60)
        return bytes.withLock { String(decoding: $0, as: UTF8.self) }
    }
}
