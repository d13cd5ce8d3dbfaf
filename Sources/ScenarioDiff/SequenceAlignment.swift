/// A longest-common-subsequence alignment of two sequences, given by their lengths and an
/// equality of positions: what is left over on each side.
///
/// Myers' O((N+M)·D) algorithm, after the common start and end are taken off, for D up to
/// `maximumDifferences` and within a budget of comparisons; two runs that differ more than that
/// are aligned greedily instead (linear: matching runs are kept, a mismatch looks a few
/// positions ahead on each side to get back in step), and the result says so. Never an N×M table.
public struct SequenceAlignment: Sendable, Equatable {
    /// Positions of the first sequence with no partner, ascending.
    public var onlyInA: [Int] = []
    /// Positions of the second sequence with no partner, ascending.
    public var onlyInB: [Int] = []
    /// False when the greedy alignment was used: the leftovers may then not be the fewest.
    public var isMinimal = true

    public static let defaultMaximumDifferences = 1_000
    /// Comparisons Myers may make before giving up for the greedy alignment.
    static let comparisonBudget = 50_000_000
    /// How far the greedy alignment looks ahead (in both sequences together) to get back in step.
    static let greedyWindow = 8

    public init(
        countA: Int, countB: Int, maximumDifferences: Int = defaultMaximumDifferences, equal: (Int, Int) -> Bool
    ) {
        var start = 0
        while start < countA, start < countB, equal(start, start) { start += 1 }
        var endA = countA
        var endB = countB
        while endA > start, endB > start, equal(endA - 1, endB - 1) {
            endA -= 1
            endB -= 1
        }
        let n = endA - start
        let m = endB - start
        let shifted = { (i: Int, j: Int) in equal(start + i, start + j) }
        if n == 0 || m == 0 {
            onlyInA = Array(start..<endA)
            onlyInB = Array(start..<endB)
        } else if let (a, b) = Self.myers(n: n, m: m, maximumDifferences: max(1, maximumDifferences), equal: shifted) {
            onlyInA = a.map { $0 + start }
            onlyInB = b.map { $0 + start }
        } else {
            let (a, b) = Self.greedy(n: n, m: m, equal: shifted)
            onlyInA = a.map { $0 + start }
            onlyInB = b.map { $0 + start }
            isMinimal = false
        }
    }

    /// The leftovers of a shortest edit script, or nil past `maximumDifferences` or the budget.
    private static func myers(n: Int, m: Int, maximumDifferences: Int, equal: (Int, Int) -> Bool) -> ([Int], [Int])? {
        let limit = min(maximumDifferences, n + m)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // trace[d] holds v[-d...d] after round d, to walk the path back.
        var trace: [[Int]] = []
        var comparisons = 0
        for d in 0...limit {
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                let snakeStart = x
                while x < n, y < m, equal(x, y) {
                    x += 1
                    y += 1
                }
                comparisons += x - snakeStart + 1
                v[offset + k] = x
                if x >= n, y >= m {
                    trace.append(Array(v[(offset - d)...(offset + d)]))
                    return backtrack(trace, n: n, m: m)
                }
            }
            trace.append(Array(v[(offset - d)...(offset + d)]))
            if comparisons > comparisonBudget { return nil }
        }
        return nil
    }

    private static func backtrack(_ trace: [[Int]], n: Int, m: Int) -> ([Int], [Int]) {
        var onlyA: [Int] = []
        var onlyB: [Int] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, to: 0, by: -1) {
            let previous = trace[d - 1]
            let k = x - y
            // previous[i] is v[i - (d - 1)].
            func at(_ diagonal: Int) -> Int { previous[diagonal + d - 1] }
            let down = k == -d || (k != d && at(k - 1) < at(k + 1))
            let previousK = down ? k + 1 : k - 1
            let previousX = at(previousK)
            let previousY = previousX - previousK
            if down { onlyB.append(previousY) } else { onlyA.append(previousX) }
            x = previousX
            y = previousY
        }
        return (onlyA.reversed(), onlyB.reversed())
    }

    /// Linear: keeps matching runs; at a mismatch, takes the nearest pair that matches again
    /// within `greedyWindow`, or gives up one position on each side.
    private static func greedy(n: Int, m: Int, equal: (Int, Int) -> Bool) -> ([Int], [Int]) {
        var onlyA: [Int] = []
        var onlyB: [Int] = []
        var i = 0
        var j = 0
        search: while i < n, j < m {
            if equal(i, j) {
                i += 1
                j += 1
                continue
            }
            for reach in 1...greedyWindow {
                for skipA in 0...reach where i + skipA < n && j + reach - skipA < m && equal(i + skipA, j + reach - skipA) {
                    onlyA.append(contentsOf: i..<(i + skipA))
                    onlyB.append(contentsOf: j..<(j + reach - skipA))
                    i += skipA
                    j += reach - skipA
                    continue search
                }
            }
            onlyA.append(i)
            onlyB.append(j)
            i += 1
            j += 1
        }
        onlyA.append(contentsOf: i..<n)
        onlyB.append(contentsOf: j..<m)
        return (onlyA, onlyB)
    }
}
