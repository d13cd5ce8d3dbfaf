import ScenarioCompiler

/// What each position of each program can still do for others: for every instruction, the set
/// of "help" an instance standing there may yet give before it ends — release a lock or
/// semaphore, put to or get from a queue, mark a task done, arrive at a barrier, or finish its
/// worker. Computed once per run from the compiled programs, loops included.
///
/// The sets are supersets of what will really happen (a counted loop may run again, a loop whose
/// count is read at run time may be skipped), so a "cannot help" answer is always true; that is
/// what lets the progress analysis call a deadlock before every instance has stopped.
struct HelpTable: Sendable {
    /// The help a step gives, per object: a token is `object * 3 + slot`.
    enum Slot: Int {
        /// Release (lock, rlock, semaphore), put (queue), arrive (barrier), finish (worker).
        case primary = 0
        /// Get (queue): makes room for a blocked put.
        case get = 1
        /// `task_done` (queue): lets a queue join return.
        case taskDone = 2
    }

    static func token(_ object: ObjectID, _ slot: Slot) -> Int { object * 3 + slot.rawValue }

    /// A program larger than this (instructions × 64-bit words of tokens) is not analysed: every
    /// position of it counts as able to help with anything, which only makes detection later.
    static let maximumWords = 1 << 21

    let words: Int
    /// Per program: `count × words` bits, the reachable help of each instruction; nil when the
    /// program was too large to analyse.
    private let reach: [[UInt64]?]
    /// Per program: the token of finishing its worker.
    private let finishToken: [Int]

    init(_ scenario: CompiledScenario) {
        let tokens = scenario.objects.count * 3
        let words = max(1, (tokens + 63) / 64)
        self.words = words
        var workerOfProgram = [ObjectID](repeating: -1, count: scenario.programs.count)
        var poolOfProgram = [ObjectID?](repeating: nil, count: scenario.programs.count)
        for instance in scenario.instances {
            workerOfProgram[instance.program] = instance.worker
            poolOfProgram[instance.program] = instance.pool
        }
        let finishToken = workerOfProgram.map { Self.token(max($0, 0), .primary) }
        self.finishToken = finishToken
        reach = scenario.programs.indices.map { program in
            let code = scenario.programs[program]
            guard code.count * words <= Self.maximumWords else { return nil }
            // A pooled task frees its slot as it finishes: until then it may help a queued one.
            let poolToken = poolOfProgram[program].map { Self.token($0, .primary) }
            return Self.analyse(code, finishToken: finishToken[program], poolToken: poolToken, words: words)
        }
    }

    /// Whether an instance of `program` at `pc` may still give `token`.
    func contains(program: Int, pc: Int, token: Int) -> Bool {
        guard let bits = reach[program] else { return true }
        // Past the last instruction, all that is left is to finish.
        guard pc < bits.count / words else { return token == finishToken[program] }
        return bits[pc * words + token / 64] & (1 << UInt64(token % 64)) != 0
    }

    /// Adds the help reachable from `pc` to `available`, calling `newToken` for each token that
    /// was not there yet.
    func merge(program: Int, pc: Int, into available: inout [UInt64], newToken: (Int) -> Void) {
        let bits = reach[program]
        let atEnd = bits.map { pc >= $0.count / words } ?? false
        let finish = finishToken[program]
        for word in 0..<words {
            let mine: UInt64
            if let bits, !atEnd {
                mine = bits[pc * words + word]
            } else if atEnd {
                mine = finish / 64 == word ? 1 << UInt64(finish % 64) : 0
            } else {
                mine = ~0
            }
            var fresh = mine & ~available[word]
            guard fresh != 0 else { continue }
            available[word] |= fresh
            while fresh != 0 {
                let bit = fresh.trailingZeroBitCount
                newToken(word * 64 + bit)
                fresh &= fresh - 1
            }
        }
    }

    /// Backward data flow over the program's control flow: reach(i) = own(i) ∪ reach(successors).
    /// Loops are the only back edges, so a few passes reach the fixed point.
    private static func analyse(_ code: [Instruction], finishToken: Int, poolToken: Int?, words: Int) -> [UInt64] {
        let count = code.count
        var bits = [UInt64](repeating: 0, count: count * words)
        func successors(_ index: Int) -> [Int] {
            switch code[index].operation {
            case .loopStart(let times, let end):
                // A count read at run time, or a literal below 1, may skip the body.
                if case .literal(let value)? = times, value >= 1 { return [index + 1] }
                return times == nil ? [index + 1] : [index + 1, end + 1]
            case .loopEnd(let start):
                guard case .loopStart(let times, _) = code[start].operation else {
                    preconditionFailure("loopEnd at \(index) does not point at a loopStart")
                }
                return times == nil ? [start + 1] : [start + 1, index + 1]
            case .nextFuture(_, _, let end):
                return [index + 1, end + 1]
            case .futureEnd(let start):
                return [start]
            default:
                return [index + 1]
            }
        }
        var own = [Int?](repeating: nil, count: count)
        for index in 0..<count {
            switch code[index].operation {
            case .release(let object), .put(let object, _), .wait(let object): own[index] = token(object, .primary)
            case .get(let object): own[index] = token(object, .get)
            case .taskDone(let object): own[index] = token(object, .taskDone)
            default: break
            }
        }
        var changed = true
        while changed {
            changed = false
            for index in stride(from: count - 1, through: 0, by: -1) {
                var row = [UInt64](repeating: 0, count: words)
                if let token = own[index] { row[token / 64] |= 1 << UInt64(token % 64) }
                for next in successors(index) {
                    if next >= count {
                        row[finishToken / 64] |= 1 << UInt64(finishToken % 64)
                        if let poolToken { row[poolToken / 64] |= 1 << UInt64(poolToken % 64) }
                    } else {
                        for word in 0..<words { row[word] |= bits[next * words + word] }
                    }
                }
                for word in 0..<words where row[word] != bits[index * words + word] {
                    bits[index * words + word] = row[word]
                    changed = true
                }
            }
        }
        return bits
    }
}
