import ScenarioRendering

/// `scenario diff A B --html FILE`: the two runs in one picture, A's lanes above B's on one time
/// axis, with the first divergence that `RunComparison` found marked in both: the two
/// operations that A did in one order, and the same two in B, which did them in the other.
public enum DiffPicture {
    /// The stacked picture of the diff's two runs, its marks the first divergence's events.
    public static func make(_ diff: RunDiff) -> RunPicture {
        var a = diff.a.picture(names: diff.names)
        var b = diff.b.picture(names: diff.names)
        if let divergence = diff.divergence {
            let (sentenceA, sentenceB) = DivergenceSentence.sentences(diff, divergence)
            let object = DivergenceSentence.name(divergence.object, in: diff.names.objects)
            a.marks = marks([divergence.aFirst, divergence.aSecond], in: a, text: "First divergence, on \(object): A: \(sentenceA)")
            b.marks = marks([divergence.bFirst, divergence.bSecond], in: b, text: "B: \(sentenceB)")
        }
        var (picture, _) = RunPicture.stacked([("A", a), ("B", b)])
        let title = diff.a.scenario ?? diff.b.scenario ?? ""
        picture.scenario = (title.isEmpty ? "" : title + ": ") + "A \(diff.a.path) and B \(diff.b.path)"
        return picture
    }

    /// A mark on each of `positions` that the picture drew (a picture keeps its first events only);
    /// the text goes on the first, the others say they are its pair.
    private static func marks(_ positions: [Int], in picture: RunPicture, text: String) -> [RunPicture.Mark] {
        positions.enumerated().compactMap { order, position in
            picture.events.indices.contains(position)
                ? RunPicture.Mark(event: position, text: order == 0 ? text : "") : nil
        }
    }
}
