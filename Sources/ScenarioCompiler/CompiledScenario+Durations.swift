import ScenarioDiagnostics

/// The longest `sleep` or `work` of a scenario, which bounds how far `--speed` may stretch durations.
public struct LongestDuration: Sendable, Equatable {
    public enum Step: String, Sendable {
        case sleep, work
    }

    public let nanoseconds: Int64
    public let step: Step
    /// Where the step is written; the first such step when several are equally long.
    public let location: SourceLocation
}

extension CompiledScenario {
    /// The longest `sleep` or `work` step of any worker, or nil when there is none.
    public var longestDuration: LongestDuration? {
        var longest: LongestDuration?
        for program in programs {
            for instruction in program {
                let candidate: LongestDuration
                switch instruction.operation {
                case .sleep(let nanoseconds):
                    candidate = LongestDuration(nanoseconds: nanoseconds, step: .sleep, location: instruction.location)
                case .work(let nanoseconds):
                    candidate = LongestDuration(nanoseconds: nanoseconds, step: .work, location: instruction.location)
                default:
                    continue
                }
                if let current = longest,
                    current.nanoseconds > candidate.nanoseconds
                        || (current.nanoseconds == candidate.nanoseconds && current.location <= candidate.location)
                {
                    continue
                }
                longest = candidate
            }
        }
        return longest
    }
}
