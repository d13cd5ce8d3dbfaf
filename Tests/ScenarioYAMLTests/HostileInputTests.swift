import ScenarioDiagnostics
import ScenarioYAML
import Testing

/// Regressions found by fuzzing `scenario check`: positions outside the file, encodings libyaml
/// reads differently from the rest of the tool, and limits that aliases could get around.
@Suite("Loader: hostile and unusual input")
struct HostileInputTests {
    /// libyaml ends lines at a lone CR too; the position of a bad byte was counted in LF lines
    /// only, and pointed past the end of line 1 of a file with CR line endings.
    @Test func badByteInAFileWithCRLineEndings() throws {
        let bytes = Array("scenario: t\rworkers:\r  w:\r    - log: ".utf8) + [0xFF] + Array("\r".utf8)
        let error = try load(bytes: bytes).onlyError()
        #expect(error.message.contains("not valid UTF-8"))
        #expect(error.location == at(4, 12))
    }

    /// libyaml (YAML 1.1) also ends lines at NEL, LS and PS; the lines that diagnostics quote
    /// must be the lines libyaml counted.
    @Test(arguments: ["NEL", "LS", "PS"])
    func unicodeLineBreaksCountAsLibYAMLCountsThem(_ name: String) throws {
        let lineBreak = ["NEL": "\u{85}", "LS": "\u{2028}", "PS": "\u{2029}"][name] ?? "\n"
        let text = "x: 1\(lineBreak)y: 2\nz: ]\n"
        let error = try load(text).onlyError()
        #expect(error.location == at(3, 4))
        let source = SourceText(path: "t.yaml", text: text)
        #expect(source.line(3) == "z: ]")
        #expect(source.lines.count == 4)

        let bad = Array("a: 1\(lineBreak)b: ".utf8) + [0xFF]
        #expect(try load(bytes: bad).onlyError().location == at(2, 4))
    }

    /// libyaml reads a file with a UTF-16 byte-order mark as UTF-16, but the rest of the tool
    /// reads UTF-8: every position and quoted line was wrong.
    @Test(arguments: [[0xFF, 0xFE] as [UInt8], [0xFE, 0xFF]])
    func utf16IsRefused(_ byteOrderMark: [UInt8]) throws {
        let text = "scenario: t\n"
        let body = byteOrderMark[0] == 0xFF
            ? text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            : text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let error = try load(bytes: byteOrderMark + body).onlyError()
        #expect(error.message.contains("UTF-16"))
        #expect(error.location == nil)
    }

    /// At the end of a file without a final line break, libyaml counts one anyway, and its marks
    /// there name the line after the last.
    @Test func positionsAtTheEndOfAFileWithoutAFinalLineBreakStayInTheFile() throws {
        let error = try load("a: 1\nb: \"c").onlyError()
        #expect(error.message.contains("end of stream"))
        #expect(error.location == at(2, 6))
        #expect(error.notes.first?.location == at(2, 4))

        let unfinished = try load("list: [a,\n  b").onlyError()
        #expect(unfinished.location == at(2, 4))

        // An empty document: its null root is at the end of "---", not on a line 2.
        let root = try load("---").cleanRoot()
        #expect(root.location == at(1, 4))
    }

    /// An alias copies its anchor's node with all its depth: aliases of deeply nested anchors,
    /// placed deep, built trees nested far past the depth limit (and the stages after the loader
    /// recurse into them).
    @Test func aliasesCannotNestPastTheDepthLimit() throws {
        let anchor = String(repeating: "[", count: 150) + String(repeating: "]", count: 150)
        func file(aliasDepth: Int) -> String {
            "a: &a \(anchor)\nb: " + String(repeating: "[", count: aliasDepth) + "*a"
                + String(repeating: "]", count: aliasDepth) + "\n"
        }
        // 1 (the top-level map) + 49 + 150 = 200 levels: allowed.
        _ = try load(file(aliasDepth: 49)).cleanRoot()

        let result = load(file(aliasDepth: 50))
        let error = try result.onlyError()
        #expect(error.message.contains("nests more than 200 levels deep once alias '*a' is expanded"))
        #expect(error.location == at(2, 54))
        #expect(result.root == nil)
    }

    /// An alias of one huge scalar, repeated, is as costly to check as many nodes (each copy is
    /// read again, and quoted in each message about it).
    @Test func aliasesCannotRepeatTextPastTheTextLimit() throws {
        let text = "a: &a \(String(repeating: "x", count: 40))\nb: [*a, *a]\n"
        _ = try load(text, limits: YAMLLimits(maxExpandedTextBytes: 130)).cleanRoot()

        let error = try load(text, limits: YAMLLimits(maxExpandedTextBytes: 100)).onlyError()
        #expect(error.message.contains("aliases expand this document to more than 100 bytes of text"))
        #expect(error.location == at(2, 9))
    }

    /// The suggestion for an unknown alias compared every anchor name with it, in time that is the
    /// product of their lengths: two names of 100,000 characters took minutes (of 3 MB, days).
    @Test(.timeLimit(.minutes(1)))
    func unknownAliasWithAHugeNameIsQuick() throws {
        let anchor = String(repeating: "a", count: 100_000)
        let alias = String(repeating: "b", count: 100_000)
        let error = try load("x: &\(anchor) 1\ny: *\(alias)\n").onlyError()
        #expect(error.message.hasPrefix("alias '*bbbb"))
        #expect(error.message.contains("…"))
        #expect(error.message.count < 300, "the message quotes the whole name")
    }

    @Test func duplicateHugeKeyIsQuotedShortly() throws {
        let key = String(repeating: "k", count: 5_000)
        let error = try load("? \(key)\n: 1\n? \(key)\n: 2\n").onlyError()
        #expect(error.message.contains("duplicate key 'kkk"))
        #expect(error.message.count < 300)
        #expect((error.notes.first?.message.count ?? 0) < 300)
    }
}
