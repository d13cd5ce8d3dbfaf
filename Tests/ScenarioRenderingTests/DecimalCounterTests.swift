import Testing

@testable import ScenarioRendering

/// The `seq` digits a batch counts up in place are those of the number, across every carry.
@Suite struct DecimalCounterTests {
    @Test(arguments: [0, 8, 98, 998, 99_998, 9_999_998, 99_999_998, 999_999_998, 123_456_789_998, UInt64.max - 2])
    func countsUpAsTheNumberDoes(start: UInt64) {
        var counter = DecimalCounter(start)
        for value in start...(start + 2) {
            #expect(digits(of: counter) == String(value))
            counter.increment()
        }
    }

    private func digits(of counter: DecimalCounter) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalCounter.writeRoom) { buffer in
            guard let start = buffer.baseAddress else { return "" }
            var cursor = start
            counter.write(at: &cursor)
            return String(decoding: UnsafeBufferPointer(start: start, count: cursor - start), as: UTF8.self)
        }
    }
}
