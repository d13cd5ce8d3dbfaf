import Foundation
@testable import ScenarioCLI
import Testing

/// `OutputFile`, the one way the tool opens and writes an output file.
@Suite("OutputFile")
struct OutputFileTests {
    static func open(_ path: String, console: Console = RecordingConsole().console, refusing inputs: [String] = [])
        throws(OutputFileError) -> OutputFile
    {
        try OutputFile.open(path, purpose: "the test file", console: console, refusing: inputs)
    }

    @Test func writesMoreThanItsBufferInOrder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("out.txt")
        let file = try Self.open(path)
        var expected = ""
        for index in 0..<20_000 {
            let line = "line \(index)\n"
            expected += line
            try file.write(line)
        }
        try file.close()
        #expect(try directory.read("out.txt") == expected)
    }

    @Test func aNewFileGetsTheModeARedirectionGives() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("new.txt")
        let mask = umask(0o022)
        defer { umask(mask) }
        try Self.open(path).close()
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test func anInputIsRefusedAndLeftWhole() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("input.yaml", "scenario: kept\n")
        #expect(throws: OutputFileError(path: input, purpose: "the test file", reason: .isInput(input))) {
            try Self.open(input, refusing: [input])
        }
        #expect(try directory.read("input.yaml") == "scenario: kept\n")
    }

    @Test func writeErrorsAreReportedAndStay() throws {
        let directory = try TemporaryDirectory()
        let link = directory.path("full")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/full")
        let file = try Self.open(link)
        let expected = OutputFileError(path: link, purpose: "the test file", reason: .cannotWrite(ENOSPC))
        #expect(throws: expected) {
            try file.write([UInt8](repeating: 65, count: OutputFile.bufferSize))
        }
        #expect(throws: expected) { try file.write("more") }
        #expect(throws: expected) { try file.close() }
        #expect(expected.message == "\(link): error: cannot write the test file: No space left on device")
    }

    @Test func aFailedOpenSaysWhy() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: OutputFileError(path: directory.url.path, purpose: "the test file", reason: .cannotOpen(EISDIR))) {
            try Self.open(directory.url.path)
        }
    }

    @Test func aDashHandsWholeLinesToTheConsole() throws {
        let recorder = RecordingConsole()
        let file = try Self.open("-", console: recorder.console)
        #expect(file.isStandardOutput)
        // A multi-byte character split between two writes, past the buffer size.
        let line = String(repeating: "é", count: OutputFile.bufferSize) + "\n"
        let bytes = Array(line.utf8)
        try file.write(bytes[..<(bytes.count / 2 + 1)])
        try file.write(bytes[(bytes.count / 2 + 1)...])
        try file.write("tail")
        #expect(recorder.out == line)
        try file.close()
        #expect(recorder.out == line + "tail")
    }
}
