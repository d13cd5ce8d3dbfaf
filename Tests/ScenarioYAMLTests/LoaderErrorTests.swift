import ScenarioDiagnostics
import ScenarioYAML
import Testing

@Suite("Loader: broken and unusual files")
struct LoaderErrorTests {
    @Test func invalidLeadingByteIsReportedWithItsLineAndColumn() throws {
        let bytes = Array("scenario: t\nworkers:\n  w: ".utf8) + [0xFF] + Array("\n".utf8)
        let error = try load(bytes: bytes).onlyError()
        #expect(error.location == at(3, 6))
        #expect(error.message.contains("not valid UTF-8"))
    }

    @Test func brokenMultiByteSequencePointsAtItsFirstByte() throws {
        // 0xC3 starts a two-byte sequence, but 'A' is not a continuation byte.
        let bytes = Array("a: b\nc: \"é x".utf8) + [0xC3, 0x41] + Array("\"\n".utf8)
        let error = try load(bytes: bytes).onlyError()
        #expect(error.location == at(2, 8))
        #expect(error.message.contains("UTF-8"))
    }

    @Test func invalidByteAfterAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: ".utf8) + [0xFF]
        let error = try load(bytes: bytes).onlyError()
        #expect(error.location == at(1, 4))
        #expect(error.message.contains("UTF-8"))
    }

    @Test(arguments: [
        ("empty", ""),
        ("spaces and newlines", "  \n\n   \r\n\t\n"),
        ("comments only", "# nothing here\n  # nor here\n"),
    ])
    func fileWithoutADocumentIsEmpty(label: String, text: String) throws {
        let result = load(text)
        let error = try result.onlyError()
        #expect(error.message.contains("the file is empty"), "\(label)")
        #expect(error.location == nil)
        #expect(result.root == nil)
    }

    @Test func topLevelListIsNotALoaderError() throws {
        // The loader reads any document; the parser stage reports that a scenario must be a map.
        let root = try load("- a\n- b\n").cleanRoot()
        #expect(root.sequence?.count == 2)
    }

    @Test(arguments: [
        ("scenario: t\nworkers:\n\tw: []\n", at(3, 1)),
        ("workers:\n  w:\n    - log: a\n\t  - log: b\n", at(4, 1)),
    ])
    func tabIndentationIsCalledATab(text: String, tab: Position) throws {
        let error = try load(text).onlyError()
        #expect(error.message.contains("tab"))
        #expect(error.location == tab)
    }

    @Test func tabInsideAValueIsFine() throws {
        let root = try load("a: \"x\ty\"\nb: c\td\n").cleanRoot()
        #expect(root["a"]?.text == "x\ty")
        #expect(root["b"]?.text == "c\td")
    }

    /// A tab inside a quoted scalar's continuation line is legal YAML; a syntax error on the next
    /// line must be reported as itself, not blamed on that tab.
    @Test func legalTabIsNotBlamedForASyntaxErrorOnTheNextLine() throws {
        let text = "scenario: t\nx-doc: \"first\n\tsecond\"\nworkers: {w: [log: a]] \n"
        let error = try load(text).onlyError()
        #expect(!error.message.contains("tab"), "\(error)")
        #expect(error.message.contains("did not find expected ',' or '}'"), "\(error)")
        #expect(error.location == at(4, 22))
    }

    @Test func sameSyntaxErrorWithoutTheTab() throws {
        let text = "scenario: t\nx-doc: \"first\n second\"\nworkers: {w: [log: a]] \n"
        let error = try load(text).onlyError()
        #expect(error.message == "invalid YAML: did not find expected ',' or '}'")
        #expect(error.location == at(4, 22))
        #expect(error.notes.first?.location == at(4, 10))
    }

    @Test func secondDocumentIsAnError() throws {
        let result = load("scenario: a\n---\nscenario: b\n")
        let error = try result.onlyError()
        #expect(error.location == at(2, 1))
        #expect(error.message.contains("one YAML document"))
        // The first document is kept, so later stages can still report its problems.
        #expect(result.root?["scenario"]?.text == "a")
    }

    @Test func secondExplicitDocumentIsAnError() throws {
        let error = try load("---\na: 1\n---\nb: 2\n").onlyError()
        #expect(error.location == at(3, 1))
    }

    @Test func documentEndMarkerAloneIsFine() throws {
        let root = try load("---\na: 1\n...\n").cleanRoot()
        #expect(root.keys == ["a"])
    }

    @Test func syntaxErrorCarriesLibYAMLsProblemAndContext() throws {
        let error = try load("a: [1, 2\nb: 3\n").onlyError()
        #expect(error.message == "invalid YAML: did not find expected ',' or ']'")
        // libyaml notices the missing ']' at the ':' of the next line.
        #expect(error.location == at(2, 2))
        let note = try #require(error.notes.first)
        #expect(note.message.contains("flow sequence"))
        #expect(note.location == at(1, 4))
    }
}

@Suite("Loader: scalars")
struct ScalarTests {
    @Test func stylesArePreserved() throws {
        let root = try load("""
            p: plain text
            s: 'single'
            d: "double"
            l: |
              literal
            f: >
              folded
              text
            n: 017
            """).cleanRoot()
        #expect(root["p"]?.scalar == YAMLScalar("plain text", style: .plain, end: at(1, 14)))
        #expect(root["s"]?.scalar?.style == .singleQuoted)
        #expect(root["s"]?.text == "single")
        #expect(root["d"]?.scalar?.style == .doubleQuoted)
        #expect(root["d"]?.text == "double")
        #expect(root["l"]?.scalar?.style == .literal)
        #expect(root["l"]?.text == "literal\n")
        #expect(root["f"]?.scalar?.style == .folded)
        #expect(root["f"]?.text == "folded text\n")
        // The loader guesses no types: a YAML 1.1 octal stays the text it was written as.
        #expect(root["n"]?.text == "017")
        #expect(root["n"]?.scalar?.isPlain == true)
        #expect(root["s"]?.scalar?.isPlain == false)
    }

    @Test(arguments: [
        ("a:", true),
        ("a: ~", true),
        ("a: null", true),
        ("a: Null", true),
        ("a: NULL", true),
        ("a: 'null'", false),
        ("a: \"\"", false),
        ("a: ''", false),
        ("a: nil", false),
        ("a: 0", false),
        ("a: nULL", false),
    ])
    func nullDetection(text: String, isNull: Bool) throws {
        let root = try load(text).cleanRoot()
        let value = try #require(root["a"]?.scalar)
        #expect(value.isNull == isNull)
    }

    @Test func kindDescriptions() throws {
        let root = try load("m: {a: 1}\nl: [1]\ns: word\nn:\n").cleanRoot()
        #expect(root["m"]?.kindDescription == "a map")
        #expect(root["l"]?.kindDescription == "a list")
        #expect(root["s"]?.kindDescription == "'word'")
        #expect(root["n"]?.kindDescription == "nothing (an empty value)")
    }
}
