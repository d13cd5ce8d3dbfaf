import Foundation
import Testing

/// Every example 01–16 names the picture worth looking at in one `# Picture:` comment line; the
/// commands those lines give must draw it.
@Suite("Example picture comments")
struct ExamplePictureCommentTests {
    static let examples = ExampleCommentTests.examples.filter { url in
        Int(url.lastPathComponent.prefix(2)).map { (1...16).contains($0) } ?? false
    }

    static func pictureLines(_ file: URL) throws -> [String] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("# Picture: ") }.map(String.init)
    }

    @Test func everyExampleNamesOnePicture() throws {
        #expect(Self.examples.count == 16)
        for file in Self.examples {
            let lines = try Self.pictureLines(file)
            #expect(lines.count == 1, "\(file.lastPathComponent) has \(lines.count) '# Picture:' lines")
            #expect(lines.allSatisfy { $0.contains("--html") }, "\(file.lastPathComponent): \(lines)")
        }
    }

    @Test(arguments: examples.map(\.lastPathComponent))
    func thePictureCommandDrawsThePage(_ name: String) throws {
        let file = ExampleCommentTests.folder.appendingPathComponent(name)
        let line = try #require(try Self.pictureLines(file).first)
        guard let start = line.range(of: "scenario run "), let end = line.range(of: " — ") else {
            // A diff of two recorded runs: the file's own transcript or grammar.md records them.
            #expect(line.contains("scenario diff ") && line.contains("--html diff.html"), "\(line)")
            return
        }
        let words = line[start.upperBound..<end.lowerBound].split(separator: " ").map(String.init)
        let directory = try TemporaryDirectory()
        let page = directory.path("run.html")
        let arguments = words.map { $0 == "run.html" ? page : $0 }
        #expect(arguments.first == "scenarios/\(name)")
        // From the package root, as the comment's relative path says; faster, with the same lanes.
        let run = try runScenario(
            ["run"] + arguments + ["--quiet", "--speed", "20", "--timeout", "30"], in: TestFiles.packageRoot)
        #expect(run.exited(with: 0), "\(name): \(run.summary)")
        let picture = try PictureCLITests.pictureData(ofPage: try directory.read("run.html"))
        #expect(!PictureCLITests.laneNames(picture).isEmpty)
        if let steps = line.range(of: "#steps=") {
            let count = Int(line[steps.upperBound...].prefix { $0.isNumber }) ?? 0
            let events = try #require(picture["events"] as? [[String: Any]])
            try #require(events.count >= count, "\(name): #steps=\(count) but \(events.count) events")
            if name.hasPrefix("04-") {
                // "worker1 gets the permit worker4 released"
                let lanes = PictureCLITests.laneNames(picture)
                let current = events[count - 1]
                #expect(lanes[current["lane"] as? Int ?? -1] == "worker1" && current["event"] as? String == "acquire")
                let links = picture["links"] as? [[String: Any]] ?? []
                let cause = try #require(links.first { $0["to"] as? Int == count - 1 }?["from"] as? Int)
                #expect(lanes[events[cause]["lane"] as? Int ?? -1] == "worker4" && events[cause]["event"] as? String == "release")
            }
        }
    }
}
