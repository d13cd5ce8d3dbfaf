import Testing

@testable import ScenarioDiff

@Suite struct SequenceAlignmentTests {
    private func align(_ a: String, _ b: String, maximumDifferences: Int = 1_000) -> SequenceAlignment {
        let left = Array(a)
        let right = Array(b)
        return SequenceAlignment(countA: left.count, countB: right.count, maximumDifferences: maximumDifferences) {
            left[$0] == right[$1]
        }
    }

    @Test func identicalSequencesLeaveNothing() {
        let alignment = align("abcabc", "abcabc")
        #expect(alignment.onlyInA.isEmpty && alignment.onlyInB.isEmpty && alignment.isMinimal)
    }

    @Test func findsTheFewestLeftovers() {
        // The classic example of Myers' paper: D = 5.
        let alignment = align("ABCABBA", "CBABAC")
        #expect(alignment.onlyInA.count + alignment.onlyInB.count == 5)
        #expect(alignment.isMinimal)
        // What is left matches in order.
        let left = Array("ABCABBA").enumerated().filter { !alignment.onlyInA.contains($0.offset) }.map(\.element)
        let right = Array("CBABAC").enumerated().filter { !alignment.onlyInB.contains($0.offset) }.map(\.element)
        #expect(left == right)
    }

    @Test func insertionsAndDeletionsAtTheEdges() {
        #expect(align("abc", "xabc").onlyInB == [0])
        #expect(align("abcx", "abc").onlyInA == [3])
        #expect(align("", "ab").onlyInB == [0, 1])
        #expect(align("ab", "").onlyInA == [0, 1])
    }

    @Test func pastTheCapItAlignsGreedilyAndSaysSo() {
        let alignment = align("a1b2c3d4e5f6", "a9b8c7d6e5f4", maximumDifferences: 2)
        #expect(!alignment.isMinimal)
        #expect(alignment.onlyInA.count == alignment.onlyInB.count)
        #expect(alignment.onlyInA.contains(1) && alignment.onlyInB.contains(1))
    }

    @Test func aLongSequenceWithOneChangeIsFast() {
        let a = (0..<300_000).map { $0 % 7 }
        var b = a
        b[150_000] = 99
        let alignment = SequenceAlignment(countA: a.count, countB: b.count) { a[$0] == b[$1] }
        #expect(alignment.onlyInA == [150_000])
        #expect(alignment.onlyInB == [150_000])
        #expect(alignment.isMinimal)
    }
}
