import ScenarioCompiler

/// `increment`, `decrement` and `set` on shared variables.
extension Interpreter {
    /// Writes the value the `load` before it read (`register`) plus (`sign` > 0) or minus
    /// `operand`. A read, then a separate write: not atomic, on purpose, so that an engine that
    /// switches instances between the two can lose an update, as `counter += 1` can in Python.
    /// A result past the integers is a runtime error, as wrapping around to the other end
    /// would silently give a wrong value (Python's integers never overflow).
    func add(_ operand: Operand, sign: Int, to object: Int, at instruction: Instruction) throws(InstanceExit) {
        let amount = try value(of: operand, at: instruction)
        let cell = variable(object)
        let isIncrement = sign > 0
        let (new, overflowed) = isIncrement
            ? register.addingReportingOverflow(amount) : register.subtractingReportingOverflow(amount)
        if overflowed {
            let upward = isIncrement == (amount > 0)
            throw fail(
                "'\(info.name)' \(isIncrement ? "increments" : "decrements") '\(name(object))' past the "
                    + (upward ? "largest integer (\(Int.max))" : "smallest integer (\(Int.min))"),
                at: instruction)
        }
        let kind: EventKind = isIncrement ? .increment : .decrement
        write(new, to: cell, object, kind, at: instruction)
    }

    /// Stores `new` and records it, under the variable's access lock; a step with a read set
    /// holds that lock already (its target is in the set).
    @inline(__always)
    private func write(_ new: Int, to cell: SharedInt, _ object: Int, _ kind: EventKind, at instruction: Instruction) {
        if instruction.readSet >= 0 {
            cell.store(new)
            record(kind, object: object, value: .integer(new))
        } else {
            cell.writing {
                cell.store(new)
                record(kind, object: object, value: .integer(new))
            }
        }
    }

    /// The read half of an increment: the value goes to `register` and into the timeline as a
    /// `read` event, both while no write of the variable runs, so that the timeline orders the read
    /// among the variable's writes as it happened (a read event always shows the value of the
    /// write before it in `seq` order).
    @inline(__always)
    func load(_ object: Int) {
        let cell = variable(object)
        cell.writing {
            register = cell.load()
            record(.read, object: object, value: .integer(register))
        }
    }

    func set(_ object: Int, to operand: Operand, at instruction: Instruction) throws(InstanceExit) {
        let new = try value(of: operand, at: instruction)
        write(new, to: variable(object), object, .set, at: instruction)
    }

    /// Takes the access locks of the variables in read set `index`, in their order.
    func holdStill(_ index: Int) {
        for object in context.scenario.readSets[index] { variable(object).holdStill() }
    }

    /// Lets go of what `holdStill` took, in `objects` as they were then.
    func letGo(_ index: Int, in objects: [RuntimeObjects.Object]) {
        for object in context.scenario.readSets[index] {
            guard case .variable(let cell) = objects[object] else { preconditionFailure("a read set names a non-variable") }
            cell.letGo()
        }
    }

    /// A `read` event for each variable of read set `index`, for a step that records no event
    /// of its own (a `repeat` whose count is read from variables).
    func recordReads(_ index: Int) {
        for object in context.scenario.readSets[index] {
            record(.read, object: object, value: .integer(variable(object).load()))
        }
    }

    /// The variable `object`, which validation made sure is one.
    func variable(_ object: Int) -> SharedInt {
        guard case .variable(let cell) = objects[object] else {
            preconditionFailure("object \(object) ('\(name(object))') is used as a variable but is not one")
        }
        return cell
    }
}
