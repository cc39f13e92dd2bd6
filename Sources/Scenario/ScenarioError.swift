/// One thing wrong with a scenario file, where it is and what was expected.
public struct ScenarioProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    /// `file:line:column: message`, the form editors and compilers use.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A scenario that could not be loaded, with every problem found (not just the first).
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var problems: [ScenarioProblem]
    public init(problems: [ScenarioProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
