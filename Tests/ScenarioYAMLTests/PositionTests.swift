import ScenarioDiagnostics
import ScenarioYAML
import Testing

/// Every node carries the 1-based line and column where it starts; columns count Unicode scalars.
@Suite("Loader: positions")
struct PositionTests {
    static let document = """
        scenario: hello
        workers:
          w:
            - log: "x"
          v: [a, bb]
        """

    @Test func mappingKeysAndScalarValues() throws {
        let root = try load(Self.document).cleanRoot()
        #expect(root.location == at(1, 1))
        #expect(root.mapping != nil)
        #expect(root.keys == ["scenario", "workers"])
        #expect(root.keyNode("scenario")?.location == at(1, 1))
        let title = try #require(root["scenario"])
        #expect(title.text == "hello")
        #expect(title.location == at(1, 11))
        #expect(title.scalar?.end == at(1, 16))
        #expect(root.keyNode("workers")?.location == at(2, 1))
    }

    @Test func blockCollections() throws {
        let root = try load(Self.document).cleanRoot()
        let workers = try #require(root["workers"])
        #expect(workers.mapping != nil)
        #expect(workers.location == at(3, 3))
        let steps = try #require(workers["w"])
        #expect(steps.sequence?.count == 1)
        #expect(steps.location == at(4, 5))
        let step = try #require(steps[0])
        #expect(step.location == at(4, 7))
        #expect(step.keyNode("log")?.location == at(4, 7))
        let text = try #require(step["log"])
        #expect(text.text == "x")
        #expect(text.location == at(4, 12))
        #expect(text.scalar?.end == at(4, 15))
    }

    @Test func flowSequence() throws {
        let root = try load(Self.document).cleanRoot()
        let list = try #require(root["workers"]?["v"])
        #expect(list.location == at(5, 6))
        #expect(list.sequence?.map(\.text) == ["a", "bb"])
        #expect(list[0]?.location == at(5, 7))
        #expect(list[1]?.location == at(5, 10))
    }

    @Test func columnsCountUnicodeScalarsNotBytesOrCharacters() throws {
        // "é" is 2 bytes, "😀" is 4 bytes; "e\u{301}" is one Character but two scalars.
        let root = try load("a: [é, 😀, x]\nb: [e\u{301}, y]\nключ: значение\n").cleanRoot()
        #expect(root["a"]?[1]?.location == at(1, 8))
        #expect(root["a"]?[2]?.location == at(1, 11))
        #expect(root["b"]?[1]?.location == at(2, 9))
        #expect(root["ключ"]?.location == at(3, 7))
        #expect(root["ключ"]?.scalar?.end == at(3, 15))
    }

    @Test func byteOrderMarkDoesNotShiftColumns() throws {
        let root = try load("\u{FEFF}scenario: t\nnext: v\n").cleanRoot()
        #expect(root.keyNode("scenario")?.location == at(1, 1))
        #expect(root["scenario"]?.location == at(1, 11))
        #expect(root.keyNode("next")?.location == at(2, 1))
    }

    @Test func crlfLineEndings() throws {
        let root = try load("a: 1\r\nb:\r\n  - x\r\n").cleanRoot()
        #expect(root.keyNode("b")?.location == at(2, 1))
        #expect(root["b"]?[0]?.location == at(3, 5))
        #expect(root["b"]?[0]?.text == "x")
    }

    @Test func anchorAndTagAreWhereANodeStarts() throws {
        let root = try load("a: &x value\nb: !!str 5\nc: 5\n").cleanRoot()
        #expect(root["a"]?.location == at(1, 4))
        #expect(root["a"]?.text == "value")
        #expect(root["b"]?.location == at(2, 4))
        #expect(root["b"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["c"]?.tag == nil)
    }
}
