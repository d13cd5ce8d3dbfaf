import ScenarioDiagnostics
import ScenarioSyntax

/// A scenario that passed every check. Only the validator can make one, so the compiler and the
/// runtimes can rely on every name being declared, of the right kind, and every number in range.
public struct ValidatedScenario: Sendable {
    public let ast: ScenarioAST
    /// Every declared name, workers included.
    public let symbols: SymbolTable
    /// Instances of all workers together.
    public let instanceCount: Int

    init(ast: ScenarioAST, symbols: SymbolTable) {
        self.ast = ast
        self.symbols = symbols
        // The validator bounds the total, so this sum cannot overflow.
        self.instanceCount = ast.workers.reduce(0) { $0 + $1.instanceCount }
    }

    public var title: String { ast.title?.value ?? "" }
    /// The runtime the file asks for (threads when it does not say).
    public var runtime: RuntimeKind { ast.runtime?.value ?? .threads }
}

/// What a checked scenario may contain.
public struct ValidationOptions: Sendable {
    /// The most worker instances a scenario may start; nil for the runtime's own limit
    /// (`defaultMaxInstances(for:)`).
    public var maxInstances: Int?
    /// The runtime the scenario will run on when the command line chooses it (`--runtime`),
    /// overriding the file's `runtime:`; it decides the default instance limit.
    public var runtime: RuntimeKind?

    /// Each threads instance is an OS thread; an async one is a task of a few hundred bytes, a
    /// simulated one an interpreter of about as many.
    public static func defaultMaxInstances(for runtime: RuntimeKind) -> Int {
        switch runtime {
        case .threads: 10_000
        case .async, .simulate: 1_000_000
        }
    }

    public init(maxInstances: Int? = nil, runtime: RuntimeKind? = nil) {
        self.maxInstances = maxInstances
        self.runtime = runtime
    }

    /// The limit that applies to a file whose `runtime:` says `fileRuntime`.
    func maxInstances(fileRuntime: RuntimeKind?) -> Int {
        maxInstances ?? Self.defaultMaxInstances(for: runtime ?? fileRuntime ?? .threads)
    }
}

/// Every name of a scenario and what it stands for; one namespace for all sections.
public struct SymbolTable: Sendable {
    public struct Symbol: Sendable {
        public var name: String
        public var kind: ObjectKind
        public var location: SourceLocation
    }

    public private(set) var symbols: [String: Symbol] = [:]
    /// Names in declaration order.
    public private(set) var order: [String] = []

    public subscript(name: String) -> Symbol? { symbols[name] }

    /// Adds a symbol; returns the earlier one instead when the name is taken.
    mutating func declare(_ symbol: Symbol) -> Symbol? {
        if let existing = symbols[symbol.name] { return existing }
        symbols[symbol.name] = symbol
        order.append(symbol.name)
        return nil
    }

    public func names(where predicate: (ObjectKind) -> Bool) -> [String] {
        order.filter { symbols[$0].map { predicate($0.kind) } ?? false }
    }
}
