import ScenarioDiagnostics
import ScenarioYAML
import Testing

@Suite("Loader: anchors, aliases and merge keys")
struct AliasTests {
    @Test func aliasCopiesTheAnchoredNodeWithItsPositions() throws {
        let root = try load("""
            base: &b
              x: 1
              y: [2, 3]
            copy: *b
            list: [&s hello, *s]
            """).cleanRoot()
        let base = try #require(root["base"])
        let copy = try #require(root["copy"])
        #expect(copy.keys == ["x", "y"])
        #expect(copy.location == base.location)
        #expect(copy["x"]?.text == "1")
        #expect(copy["y"]?[1]?.text == "3")
        #expect(copy["y"]?[1]?.location == at(3, 10))
        #expect(copy["y"]?[1]?.location == base["y"]?[1]?.location)

        let list = try #require(root["list"]?.sequence)
        #expect(list.map(\.text) == ["hello", "hello"])
        #expect(list[1].location == list[0].location)
        #expect(list[0].location == at(5, 8))
    }

    @Test func aliasRefersToTheLatestAnchorOfThatName() throws {
        let root = try load("a: &x 1\nb: &x 2\nc: *x\n").cleanRoot()
        #expect(root["c"]?.text == "2")
        #expect(root["c"]?.location == at(2, 4))
    }

    @Test func aliasToAnUndefinedAnchor() throws {
        let result = load("a: &node 1\nb: *nodes\n")
        let error = try result.onlyError()
        #expect(error.location == at(2, 4))
        #expect(error.message.contains("'*nodes'"))
        #expect(error.message.contains("did you mean 'node'?"))
    }

    @Test func aliasBeforeItsAnchorIsUndefined() throws {
        let error = try load("a: *later\nb: &later 1\n").onlyError()
        #expect(error.location == at(1, 4))
        #expect(error.message.contains("refers to no anchor '&later' defined before it"))
    }
}

@Suite("Loader: << merge keys")
struct MergeTests {
    @Test func singleMapExplicitKeysWinAndMergedKeysSitAtTheMergeKey() throws {
        let root = try load("""
            defaults: &d
              a: 1
              b: 2
            m:
              b: 20
              <<: *d
              c: 3
            """).cleanRoot()
        let m = try #require(root["m"])
        #expect(m.keys == ["b", "a", "c"])
        #expect(m["b"]?.text == "20")
        #expect(m["a"]?.text == "1")
        #expect(m["a"]?.location == at(2, 6))
        #expect(m["c"]?.text == "3")
    }

    @Test func explicitKeyAfterTheMergeKeyStillWins() throws {
        let root = try load("""
            defaults: &d {a: 1, b: 2}
            m:
              <<: *d
              c: 3
              a: 10
            """).cleanRoot()
        let m = try #require(root["m"])
        #expect(m.keys == ["b", "c", "a"])
        #expect(m["a"]?.text == "10")
        #expect(m["b"]?.text == "2")
    }

    @Test func listOfMapsEarlierWins() throws {
        let root = try load("""
            one: &one {a: 1, b: 1}
            two: &two {b: 2, c: 2}
            m:
              <<: [*one, *two]
              d: 4
            """).cleanRoot()
        let m = try #require(root["m"])
        #expect(m.keys == ["a", "b", "c", "d"])
        #expect(m["a"]?.text == "1")
        #expect(m["b"]?.text == "1")
        #expect(m["c"]?.text == "2")
        #expect(m["d"]?.text == "4")
    }

    @Test func mergeKeysAreResolvedInsideAnAnchoredMap() throws {
        let root = try load("""
            base: &base {a: 1}
            mid: &mid
              <<: *base
              b: 2
            top:
              <<: *mid
              c: 3
            """).cleanRoot()
        #expect(root["top"]?.keys == ["a", "b", "c"])
    }

    @Test func mergeOfAScalarIsAnError() throws {
        let result = load("m:\n  <<: 5\n  a: 1\n")
        let error = try result.onlyError()
        #expect(error.location == at(2, 7))
        #expect(error.message.contains("a merge key '<<' takes a map or a list of maps"))
        #expect(error.message.contains("not '5'"))
        #expect(result.root?["m"]?.keys == ["a"])
    }

    @Test func mergeOfAListWithANonMapIsAnErrorAtThatItem() throws {
        let result = load("one: &one {a: 1}\nm:\n  <<: [*one, oops]\n")
        let error = try result.onlyError()
        #expect(error.location == at(3, 14))
        #expect(error.message.contains("a merge key '<<' takes a map or a list of maps"))
        #expect(result.root?["m"]?.keys == ["a"])
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let root = try load("m:\n  \"<<\": {a: 1}\n").cleanRoot()
        #expect(root["m"]?.keys == ["<<"])
    }
}

@Suite("Loader: duplicate keys")
struct DuplicateKeyTests {
    @Test func duplicateKeyIsAnErrorAtTheSecondWithANoteAtTheFirst() throws {
        let result = load("a: 1\nb: 2\na: 3\n")
        let error = try result.onlyError()
        #expect(error.location == at(3, 1))
        #expect(error.message.contains("duplicate key 'a'"))
        let note = try #require(error.notes.first)
        #expect(error.notes.count == 1)
        #expect(note.location == at(1, 1))
        #expect(note.message.contains("first defined here"))
        // The first value is kept.
        #expect(result.root?.keys == ["a", "b"])
        #expect(result.root?["a"]?.text == "1")
    }

    @Test func duplicateKeyInAFlowMapInsideASequence() throws {
        let error = try load("list:\n  - {x: 1, x: 2}\n").onlyError()
        #expect(error.location == at(2, 12))
        #expect(error.notes.first?.location == at(2, 6))
    }

    @Test func quotedAndPlainSpellingsOfAKeyAreTheSameKey() throws {
        let error = try load("a: 1\n\"a\": 2\n").onlyError()
        #expect(error.location == at(2, 1))
        #expect(error.message.contains("duplicate key 'a'"))
    }
}

@Suite("Loader: limits")
struct LimitTests {
    /// The classic "billion laughs": nine levels of nine aliases each, 9^9 nodes once expanded.
    static let billionLaughs: String = {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = Array("abcdefghi").map(String.init)
        for (previous, name) in zip(names, names.dropFirst()) {
            let aliases = Array(repeating: "*\(previous)", count: 9).joined(separator: ",")
            lines.append("\(name): &\(name) [\(aliases)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func billionLaughsIsRejectedWithTheAliasExpansionError() throws {
        let result = load(Self.billionLaughs)
        let error = try result.onlyError()
        #expect(error.message.contains("aliases expand this document to more than 1000000 nodes"))
        #expect(error.location != nil)
        #expect(result.root == nil)
    }

    @Test func expansionLimitCountsEveryAliasedNode() throws {
        let text = "a: &a [x, x, x]\nb: [*a, *a, *a]\n"
        let small = load(text, limits: YAMLLimits(maxExpandedNodes: 10))
        let error = try small.onlyError()
        #expect(error.message.contains("more than 10 nodes"))

        let root = try load(text).cleanRoot()
        #expect(root["b"]?.sequence?.map { $0.sequence?.count } == [3, 3, 3])
    }

    /// Nested 20,000 levels deep; the arguments are names so that the test log stays readable.
    static func deeplyNested(_ style: String) -> String {
        let depth = 20_000
        switch style {
        case "flow": return String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        case "block": return String(repeating: "- ", count: depth) + "x\n"
        default: return String(repeating: "{a: ", count: depth) + "x" + String(repeating: "}", count: depth) + "\n"
        }
    }

    @Test(arguments: ["flow", "block", "flow map"])
    func twentyThousandLevelsOfNestingAreRejected(style: String) throws {
        let result = load(Self.deeplyNested(style))
        let error = try result.onlyError()
        #expect(error.message.contains("nests more than 200 levels deep"))
        #expect(result.root == nil)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let limits = YAMLLimits(maxDepth: 200)
        let ok = load(String(repeating: "[", count: 200) + String(repeating: "]", count: 200), limits: limits)
        #expect(!ok.diagnostics.hasErrors, "\(ok.listing)")
        #expect(ok.root?.sequence?.count == 1)

        let tooDeep = load(String(repeating: "[", count: 201) + String(repeating: "]", count: 201), limits: limits)
        let error = try tooDeep.onlyError()
        #expect(error.location == at(1, 201))
    }
}
