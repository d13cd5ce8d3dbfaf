import ScenarioCompiler

/// How many steps a run takes, roughly, read from the programs alone: what pct spreads its
/// priority change points over. Each instance counts its steps, a `repeat` multiplying its body
/// by its count; a `repeat` whose count is read at run time, or `forever`, counts as
/// `unknownRounds` rounds.
enum StepEstimate {
    static let unknownRounds = 10
    /// Far more steps than any run takes; also keeps the arithmetic from overflowing.
    static let ceiling = 1 << 40

    static func of(_ scenario: CompiledScenario) -> Int {
        let perProgram = scenario.programs.map { program in
            var position = 0
            return steps(program, &position, until: program.count)
        }
        var total = 0
        for instance in scenario.instances {
            total = min(ceiling, total + perProgram[instance.program] + 1)  // + 1: the start
        }
        return max(1, total)
    }

    /// The steps of `program[position..<end]`, leaving `position` at `end`.
    private static func steps(_ program: [Instruction], _ position: inout Int, until end: Int) -> Int {
        var total = 0
        while position < end {
            let operation = program[position].operation
            if case .loopStart(let count, let loopEnd) = operation {
                position += 1
                let body = steps(program, &position, until: loopEnd)
                position = loopEnd + 1
                let rounds: Int = if case .literal(let value) = count { max(0, value) } else { unknownRounds }
                let (product, overflow) = body.multipliedReportingOverflow(by: rounds)
                total = min(ceiling, total + (overflow ? ceiling : product) + (rounds == 0 ? 0 : 1))
                continue
            }
            if operation.isStep { total = min(ceiling, total + 1) }
            position += 1
        }
        return total
    }
}

extension Operation {
    /// Whether the instruction is a step of its own (not a loop's end).
    fileprivate var isStep: Bool {
        if case .loopEnd = self { false } else { true }
    }
}
