/// The decimal digits of a number that goes up by one at a time, as the `seq` of a batch's
/// events does: incremented in place (a carry past the last digit is rare), so that each event's
/// `seq` is one copy of a few bytes instead of a division per pair of digits.
struct DecimalCounter {
    /// Up to 20 digits, left-aligned in 24 bytes.
    private var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var count = 1
    private(set) var value: UInt64 = 0

    init(_ value: UInt64) { set(value) }

    mutating func set(_ newValue: UInt64) {
        value = newValue
        count = decimalDigitCount(newValue)
        let count = self.count
        withUnsafeMutableBytes(of: &digits) { bytes in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            var cursor = base
            cursor.writeDigits(newValue, count: count)
        }
    }

    /// Adds one.
    @inline(__always) mutating func increment() {
        guard value < UInt64.max else { return }
        value += 1
        let count = self.count
        let carried: Bool = withUnsafeMutableBytes(of: &digits) { bytes in
            var index = count - 1
            while index >= 0 {
                if bytes[index] != UInt8(ascii: "9") {
                    bytes[index] += 1
                    return false
                }
                bytes[index] = UInt8(ascii: "0")
                index -= 1
            }
            return true
        }
        // 9…9 + 1: one digit more.
        if carried { set(value) }
    }

    /// Room a write needs: all 24 bytes are stored, the cursor moves past the digits only.
    static let writeRoom = 24

    /// Writes the digits with three word stores.
    @inline(__always) func write(at cursor: inout UnsafeMutablePointer<UInt8>) {
        let target = UnsafeMutableRawPointer(cursor)
        target.storeBytes(of: digits.0, as: UInt64.self)
        target.storeBytes(of: digits.1, toByteOffset: 8, as: UInt64.self)
        target.storeBytes(of: digits.2, toByteOffset: 16, as: UInt64.self)
        cursor += count
    }
}
