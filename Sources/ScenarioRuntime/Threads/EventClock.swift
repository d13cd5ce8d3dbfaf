import CTickClock
import Foundation

/// The clock of timeline timestamps. Recording an event must be cheap: the hot path of a lock
/// counter records three per iteration, and `clock_gettime` was a quarter of its time here. So
/// where the CPU has an invariant time-stamp counter and the kernel itself trusts it (its clock
/// source is `tsc`), events are stamped in ticks, converted to nanoseconds when read; elsewhere,
/// in monotonic nanoseconds. A value type, so that reading it costs no reference counting.
struct EventClock: Sendable {
    let usesTicks: Bool
    /// t = 0.
    let originTicks: UInt64
    let originNanoseconds: Int64

    /// A clock whose t = 0 is now.
    static func started(usesTicks: Bool) -> EventClock {
        let before = usesTicks ? tick_clock_read() : 0
        let nanoseconds = monotonicNanoseconds()
        let after = usesTicks ? tick_clock_read() : 0
        return EventClock(usesTicks: usesTicks, originTicks: before / 2 + after / 2, originNanoseconds: nanoseconds)
    }

    /// The raw timestamp of now: ticks or nanoseconds since t = 0.
    @inline(__always) func now() -> Int64 {
        usesTicks ? Int64(bitPattern: tick_clock_read() &- originTicks) : monotonicNanoseconds() - originNanoseconds
    }

    /// Nanoseconds per tick from t = 0 until now, once at least `minimum` nanoseconds have passed.
    /// Each clock reading is bracketed by two tick readings, to keep the error small.
    func nanosecondsPerTick(afterAtLeast minimum: Int64) -> Double? {
        guard usesTicks else { return nil }
        var ticks: UInt64
        var elapsed: Int64
        repeat {
            let before = tick_clock_read()
            elapsed = monotonicNanoseconds() - originNanoseconds
            let after = tick_clock_read()
            ticks = (before &- originTicks) / 2 + (after &- originTicks) / 2
        } while elapsed < minimum
        return ticks > 0 && elapsed > 0 ? Double(elapsed) / Double(ticks) : nil
    }

    /// Whether ticks can be used on this machine.
    static let ticksAreTrustworthy: Bool = {
        guard tick_clock_is_invariant() != 0 else { return false }
        let source = try? String(
            contentsOfFile: "/sys/devices/system/clocksource/clocksource0/current_clocksource", encoding: .utf8)
        return source?.trimmingCharacters(in: .whitespacesAndNewlines) == "tsc"
    }()
}
