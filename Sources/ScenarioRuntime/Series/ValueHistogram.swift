/// How many runs of a series ended with each final value of one variable (or one queue's size).
public struct ValueHistogram: Sendable, Equatable {
    /// A final value and the number of runs that ended with it.
    public struct Bar: Sendable, Equatable {
        public var value: Int
        public var runs: Int

        public init(value: Int, runs: Int) {
            self.value = value
            self.runs = runs
        }
    }

    /// The variable's or queue's name.
    public let name: String
    /// Runs per value, for at most `maximumValues` distinct values.
    private var counts: [Int: Int] = [:]
    /// Runs that ended with a value first seen after `maximumValues` others: a counter that ends
    /// with a different value every run must not make the histogram grow with the series.
    public private(set) var otherRuns = 0

    /// The most distinct values counted one by one.
    public static let maximumValues = 10_000

    public init(name: String) {
        self.name = name
    }

    mutating func count(_ value: Int) {
        if let runs = counts[value] {
            counts[value] = runs + 1
        } else if counts.count < Self.maximumValues {
            counts[value] = 1
        } else {
            otherRuns += 1
        }
    }

    /// The values, most runs first; equal counts by value, so that the order never depends on
    /// the dictionary's.
    public var bars: [Bar] {
        counts.map { Bar(value: $0.key, runs: $0.value) }.sorted {
            $0.runs != $1.runs ? $0.runs > $1.runs : $0.value < $1.value
        }
    }
}
