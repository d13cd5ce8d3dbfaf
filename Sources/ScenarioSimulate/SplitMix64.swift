/// The simulator's random numbers: SplitMix64 (Steele, Lea and Flood, 2014), a 64-bit generator of
/// our own, so that a seed gives the same numbers on every machine, operating system and Swift
/// version (Swift's own generators promise no such thing).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0), by the high half of a full-width product: no division
    /// on the hot path, and a bias below bound/2^64, which no schedule can notice.
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: bound).multipliedFullWidth(by: next()).high)
    }
}
