import CProcessShim

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One child process of a process pool: the `scenario` binary started again in its worker mode
/// (`scenario process-worker`), connected to the run by a UNIX socket pair that is its standard
/// input and output (a pipe both ways; a socket, so that writing to a child that died is an
/// error to handle, not a SIGPIPE that would end the run). Its standard error goes to /dev/null.
/// It runs in a process group of its own, so that a Ctrl-C at the terminal reaches the run,
/// which then ends it, rather than killing it in the middle of a task.
final class ChildProcess: Sendable {
    let pid: Int32
    /// The run's end of the socket pair.
    let socket: Int32

    private init(pid: Int32, socket: Int32) {
        self.pid = pid
        self.socket = socket
    }

    /// Starts `executable process-worker`, from the file at `launchPath` when there is one (the
    /// name in messages and in the child's `argv[0]` stays `executable`); a message saying why
    /// not, on failure.
    static func spawn(executable: String, launchPath: String? = nil) -> Result<ChildProcess, SpawnFailure> {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            let code = errno
            return .failure(SpawnFailure("cannot make a socket pair (\(String(cString: strerror(code))))" + SpawnFailure.advice(code)))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
        posix_spawn_file_actions_adddup2(&actions, pair[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of the run's (its output files, other children's sockets) reaches the child.
        _ = scenario_spawn_close_from(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let arguments = [executable, "process-worker"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, launchPath ?? executable, &actions, &attributes, argv, environ)
        close(pair[1])
        guard status == 0 else {
            close(pair[0])
            return .failure(SpawnFailure("cannot start \(executable) (\(String(cString: strerror(status))))" + SpawnFailure.advice(status)))
        }
        return .success(ChildProcess(pid: pid, socket: pair[0]))
    }

    /// Sends a message; false when the child is gone.
    func send(_ message: ProcessMessage) -> Bool {
        let bytes = message.line
        return bytes.withUnsafeBytes { raw in
            guard var cursor = raw.baseAddress else { return true }
            var left = raw.count
            while left > 0 {
                let sent = Glibc.send(socket, cursor, left, Int32(MSG_NOSIGNAL))
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                cursor += sent
                left -= sent
            }
            return true
        }
    }

    /// Ends the child at once (it may be in the middle of a task).
    func kill() { _ = Glibc.kill(pid, SIGKILL) }

    /// Waits for the child to end and says how it did: "exited with status 3", "was killed by
    /// signal 9 (SIGKILL)". Closes the socket.
    func reap() -> String {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        close(socket)
        let low = status & 0x7f
        if low == 0 { return "exited with status \((status >> 8) & 0xff)" }
        let name = [SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGINT: "SIGINT",
            SIGILL: "SIGILL", SIGBUS: "SIGBUS", SIGTRAP: "SIGTRAP", SIGHUP: "SIGHUP", SIGQUIT: "SIGQUIT"][low]
        return "was killed by signal \(low)" + (name.map { " (\($0))" } ?? "")
    }
}

struct SpawnFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }

    /// What a user can do when the system refuses a pool process for the reason `code` (an
    /// errno), beginning with "; "; empty when there is nothing to say.
    static func advice(_ code: Int32) -> String {
        switch code {
        case EMFILE:
            "; each process of a pool takes one of the run's open files, and the run may open "
                + "\(limit(Int32(RLIMIT_NOFILE.rawValue))): raise the limit (ulimit -n) or make the pool smaller (its size:)"
        case ENFILE:
            "; the system has as many files open as it allows: make the pool smaller (its size:) or try again later"
        case EAGAIN:
            "; the system allows no more processes for this user (ulimit -u: \(limit(Int32(__RLIMIT_NPROC.rawValue)))): "
                + "make the pool smaller (its size:) or end other processes"
        case ENOMEM:
            "; the system is out of memory: make the pool smaller (its size:)"
        default:
            ""
        }
    }

    /// The soft limit of `resource`, as `ulimit` shows it.
    private static func limit(_ resource: Int32) -> String {
        var value = rlimit()
        guard getrlimit(resource, &value) == 0 else { return "a limited number" }
        return value.rlim_cur == rlim_t.max ? "unlimited" : "\(value.rlim_cur)"  // RLIM_INFINITY
    }
}
