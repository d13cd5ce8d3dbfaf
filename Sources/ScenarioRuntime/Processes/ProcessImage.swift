import ScenarioCompiler

/// One process of a process pool (`kind: processes`): its own copy of the scenario's variables,
/// as a child process of `ProcessPoolExecutor` has, and the id of the process that holds it now.
/// The copy is made when the run starts, from the variables' initial values, and lives as long
/// as the process: the tasks the process runs one after another see each other's writes, never
/// the parent's, and the parent never sees theirs.
///
/// When the process dies (`exit`, a crash, a kill), the pool starts another in its place: a new
/// id, and a fresh copy of the variables.
package final class ProcessImage: Sendable {
    /// The pool's object ID and the slot (1-based) this process serves.
    package let pool: Int
    package let slot: Int
    /// The run's objects as a task in this process sees them: its own variables, and the
    /// parent's primitives (which validation keeps such tasks from using).
    let objects: [RuntimeObjects.Object]
    /// The variables' cells of this copy, by object ID, with their initial values.
    private let cells: [(object: Int, cell: AtomicCell, initial: Int)]
    /// The process that holds the copy now: its id, and its number in the timeline's events.
    private let current = Guarded<Incarnation>(Incarnation(pid: 0, number: 0))

    struct Incarnation: Sendable {
        var pid: Int32
        var number: UInt16
    }

    init(pool: Int, slot: Int, parent: RuntimeObjects, scenario: CompiledScenario) {
        self.pool = pool
        self.slot = slot
        var objects = parent.objects
        var cells: [(object: Int, cell: AtomicCell, initial: Int)] = []
        for (id, object) in scenario.objects.enumerated() {
            guard case .variable(let initial) = object.kind else { continue }
            let cell = AtomicCell(initial: initial)
            cells.append((id, cell, initial))
            objects[id] = .variable(cell.shared)
        }
        self.objects = objects
        self.cells = cells
    }

    /// The id of the process that holds the copy now (0 before it started).
    package var pid: Int32 { current.handle.withLock { $0.pid } }

    /// The `EventSlot.process` of the events this process records.
    var eventNumber: UInt16 { current.handle.withLock { $0.number } }

    /// A new process took the copy's place: it starts from the initial values.
    func reborn(pid: Int32, number: UInt16) {
        for (_, cell, initial) in cells { cell.shared.store(initial) }
        current.handle.withLock { $0 = Incarnation(pid: pid, number: number) }
    }

    /// The copy's variables as `(object, value)`, in object order.
    package var values: [(object: Int, value: Int)] { cells.map { ($0.object, $0.cell.shared.load()) } }

    /// Writes the values a real child process reports (in `values` order), so that the report
    /// shows what the child's copy holds.
    package func mirror(_ values: [Int]) {
        for (entry, value) in zip(cells, values) { entry.cell.shared.store(value) }
    }

    /// The variable cell of object `id` in this copy.
    func cell(_ id: Int) -> SharedInt? {
        guard case .variable(let cell) = objects[id] else { return nil }
        return cell
    }
}
