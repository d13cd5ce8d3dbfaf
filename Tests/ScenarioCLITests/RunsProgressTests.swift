import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The progress line of `run --runs` (only on a terminal) and Ctrl-C during a series.
@Suite("run --runs: progress and Ctrl-C")
struct RunsProgressTests {
    @Test func aTerminalShowsAProgressLineThatIsErasedAtTheEnd() async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", RunsOptionTests.lockedCounter)
        let terminal = RecordingConsole(errIsTerminal: true)
        let status = await terminal.run(["run", file, "--runs", "5", "--color", "never"])
        #expect(status == 0)
        #expect(terminal.err.hasPrefix("\r\u{1B}[K0/5 runs, 0 runs/s"), "\(terminal.err.debugDescription)")
        #expect(terminal.err.contains("\r\u{1B}[K5/5 runs, "), "\(terminal.err.debugDescription)")
        #expect(terminal.err.contains(" runs/s: ok 5"), "\(terminal.err.debugDescription)")
        #expect(terminal.err.hasSuffix("5\r\u{1B}[K"), "\(terminal.err.debugDescription)")
        #expect(terminal.out.contains("counter = 60: 100% (5)"))
    }

    @Test func noProgressLineWhenStandardErrorIsNotATerminal() async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", RunsOptionTests.lockedCounter)
        let piped = RecordingConsole(errIsTerminal: false)
        let status = await piped.run(["run", file, "--runs", "5", "--color", "never"])
        #expect(status == 0)
        #expect(piped.err.isEmpty, "\(piped.err.debugDescription)")
    }

    /// Ctrl-C in the middle of a long series, standard error on a pseudo-terminal (so that the
    /// progress line says when runs have ended): the series stops, prints what it gathered, and
    /// exits 130.
    @Test func ctrlCStopsTheSeriesAndPrintsWhatWasGathered() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", RunsOptionTests.lockedCounter)
        let pseudoTerminal = try #require(PseudoTerminal())
        let master = pseudoTerminal.master
        defer { close(master) }
        let slave = try #require(FileHandle(forWritingAtPath: pseudoTerminal.slavePath))

        let process = Process()
        process.executableURL = try ScenarioBinary.require()
        process.arguments = ["run", file, "--runs", "100000000", "--color", "never", "--jobs", "2"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = slave
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try slave.close()

        // Wait (at most a minute) until the progress line shows runs that ended.
        var terminalText = ""
        let giveUp = Date().addingTimeInterval(60)
        while !terminalText.contains("runs/s: ok"), Date() < giveUp {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 1_000) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(master, &buffer, buffer.count)
            guard count > 0 else { break }
            terminalText += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        #expect(terminalText.contains("runs/s: ok"), "\(terminalText.debugDescription)")
        process.interrupt()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130, "\(printed)")
        #expect(printed.contains("Locked counter: interrupted after "), "\(printed)")
        #expect(printed.contains(" of 100,000,000 runs on threads"), "\(printed)")
        #expect(printed.contains("counter = 60: 100% ("), "\(printed)")
        #expect(printed.hasSuffix("status: interrupted\n"), "\(printed)")
    }
}

/// A pseudo-terminal pair: the test reads the master; the child writes to the slave, which
/// `isatty` reports as a terminal. The C functions are looked up with `dlsym`: Glibc's Swift
/// module does not export them.
private struct PseudoTerminal {
    let master: Int32
    let slavePath: String

    init?() {
        typealias Open = @convention(c) (Int32) -> Int32
        typealias Prepare = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32
        guard let open = dlsym(nil, "posix_openpt"), let grant = dlsym(nil, "grantpt"),
            let unlock = dlsym(nil, "unlockpt"), let name = dlsym(nil, "ptsname_r")
        else { return nil }
        let master = unsafeBitCast(open, to: Open.self)(O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        guard unsafeBitCast(grant, to: Prepare.self)(master) == 0, unsafeBitCast(unlock, to: Prepare.self)(master) == 0,
            unsafeBitCast(name, to: Name.self)(master, &buffer, buffer.count) == 0
        else {
            close(master)
            return nil
        }
        self.master = master
        slavePath = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
