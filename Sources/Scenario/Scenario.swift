import DispatchEngine
import Foundation
import Yams

/// A scenario file, loaded and checked: the world it describes, ready for the engine.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    /// The start as written in the file ("2026-11-27 18:00").
    public var start: String
    public var config: WorldConfig
    /// How far into the scenario the console opens, the night so far already run, so that a
    /// trainee sits down at a floor that is already busy.
    public var consoleFrom: SimTime = 0
    /// The file's text as read: a journal keeps it, so a session replays without the file.
    public var source: String = ""

    /// The text of scenarios/default.yaml, as compiled in (an imported district starts from its
    /// demand, incident types and travel).
    public static var builtInDefaultText: String { String(decoding: PackageResources.default_yaml, as: UTF8.self) }

    /// The Friday night shipped in scenarios/default.yaml, compiled into the binary.
    public static func builtInDefault() -> Scenario {
        let text = builtInDefaultText
        do {
            return try parse(text: text, file: "default.yaml")
        } catch {
            // The shipped file is checked by the test suite; reaching this is a build defect.
            fatalError("the built-in default scenario does not load:\n\(error)")
        }
    }

    /// Reads and checks a scenario file.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let why = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "it cannot be read"
            throw ScenarioError(problems: [ScenarioProblem(file: path, line: 1, column: 1,
                                                           message: "cannot open the scenario: \(why); expected a readable YAML file")])
        }
        let bytes = Array(data)
        if let problem = TextCheck.firstProblem(in: bytes, file: path) {
            throw ScenarioError(problems: [problem])
        }
        if let problem = reservedLine(in: String(decoding: bytes, as: UTF8.self), file: path) { throw ScenarioError(problems: [problem]) }
        // Files the scenario names beside it (its road file) are read from its folder, and kept
        // with its text: the journal holds both, so a session replays without either file.
        let folder = (path as NSString).deletingLastPathComponent
        var included: [(name: String, text: String)] = []
        let include: (String) -> Result<(text: String, file: String), IncludeProblem> = { name in
            let full = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
            switch IncludeProblem.readRegularFile(full) {
            case .failure(let problem): return .failure(problem)
            case .success(let text):
                if let problem = reservedLine(in: text, file: full) { return .failure(IncludeProblem(why: problem.description)) }
                included.append((name, text))
                return .success((text, full))
            }
        }
        var scenario = try parse(yaml: String(decoding: bytes, as: UTF8.self), file: path, include: include)
        scenario.source = bundle(scenario.source, included)
        return scenario
    }

    public static func parse(bytes: [UInt8], file: String) throws(ScenarioError) -> Scenario {
        if let problem = TextCheck.firstProblem(in: bytes, file: file) {
            throw ScenarioError(problems: [problem])
        }
        return try parse(text: String(decoding: bytes, as: UTF8.self), file: file)
    }

    /// The line that starts a file kept with a scenario's text (its road file, as read).
    static let includeMark = "\n#@controlroom include "

    /// The line that starts a kept file may not be in a file itself (its replay would be cut there).
    static func reservedLine(in text: String, file: String) -> ScenarioProblem? {
        guard let found = ("\n" + text).range(of: includeMark) else { return nil }
        let line = ("\n" + text)[..<found.lowerBound].filter { $0 == "\n" }.count + 1
        return ScenarioProblem(file: file, line: line, column: 1,
                               message: "a line starting '#@controlroom include' is kept for the files a journal holds with the scenario; expected another comment")
    }

    /// A scenario's text with the files it names beside it, as one text (what a journal keeps).
    static func bundle(_ yaml: String, _ files: [(name: String, text: String)]) -> String {
        files.reduce(yaml) { $0 + includeMark + $1.name + "\n" + $1.text }
    }

    /// A kept text taken apart: the scenario's YAML, and each file kept with it by name.
    static func unbundle(_ text: String) -> (yaml: String, files: [String: String]) {
        var parts = text.components(separatedBy: includeMark)
        let yaml = parts.removeFirst()
        var files: [String: String] = [:]
        for part in parts {
            guard let newline = part.firstIndex(of: "\n") else { continue }
            files[String(part[..<newline])] = String(part[part.index(after: newline)...])
        }
        return (yaml, files)
    }

    /// Any YAML file of ours (a scenario, a site's config) composed with its problems located as
    /// in a scenario: bad bytes, syntax, repeated keys. nil for an empty file.
    public static func composeYAML(text: String, file: String) throws(ScenarioError) -> Node? {
        if let problem = TextCheck.firstProblem(in: Array(text.utf8), file: file) {
            throw ScenarioError(problems: [problem])
        }
        let tabs = TextCheck.indentingTabs(in: text, file: file)
        if !tabs.isEmpty { throw ScenarioError(problems: tabs) }
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw ScenarioError(problems: YAMLSyntax.problems(from: error, file: file, text: text))
        }
    }

    /// Checks a scenario given as text; `file` names it in messages. The text may carry the files
    /// it names beside it (as `load` keeps them); otherwise naming one is a problem.
    public static func parse(text: String, file: String) throws(ScenarioError) -> Scenario {
        let (yaml, files) = unbundle(text)
        var scenario = try parse(yaml: yaml, file: file) { name in
            guard let kept = files[name] else {
                return .failure(IncludeProblem(why: "it is not kept with the scenario's text"))
            }
            return .success((kept, name))
        }
        scenario.source = text
        return scenario
    }

    /// Checks a scenario and the files it names beside it, all given as text (a district checked
    /// before any of it is written).
    public static func parse(text: String, file: String, beside files: [String: String]) throws(ScenarioError) -> Scenario {
        var scenario = try parse(yaml: text, file: file) { name in
            guard let kept = files[name] else { return .failure(IncludeProblem.notGiven) }
            return .success((kept, name))
        }
        scenario.source = bundle(text, files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        return scenario
    }

    static func parse(yaml text: String, file: String,
                      include: @escaping (String) -> Result<(text: String, file: String), IncludeProblem>) throws(ScenarioError) -> Scenario {
        if let problem = TextCheck.firstProblem(in: Array(text.utf8), file: file) {
            throw ScenarioError(problems: [problem])
        }
        // Every tab that indents a line, at once: YAML indents with spaces only.
        let tabs = TextCheck.indentingTabs(in: text, file: file)
        if !tabs.isEmpty { throw ScenarioError(problems: tabs) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ScenarioError(problems: YAMLSyntax.problems(from: error, file: file, text: text))
        }
        guard let root else {
            throw ScenarioError(problems: [ScenarioProblem(file: file, line: 1, column: 1,
                                                           message: "the file is empty; expected a scenario (see docs/scenario-format.md)")])
        }
        let reader = YAMLReader(file: file)
        var schema = ScenarioSchema(reader: reader)
        schema.include = include
        let scenario = schema.scenario(root)
        if var scenario, reader.problems.isEmpty {
            scenario.source = text
            return scenario
        }
        // In file order, as an editor lists them (a stable sort keeps same-place problems in the
        // order they were found).
        let located = reader.problems.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
        throw ScenarioError(problems: located.isEmpty
            ? [ScenarioProblem(file: file, line: 1, column: 1, message: "the scenario could not be read")]
            : located)
    }
}

/// Problems with the bytes themselves, before YAML sees them.
enum TextCheck {
    /// Tabs in a line's indentation, each where it is (a tab elsewhere, inside text, is text).
    static func indentingTabs(in text: String, file: String) -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var column = 1
            for c in line.unicodeScalars {
                if c == "\t" {
                    problems.append(ScenarioProblem(file: file, line: n + 1, column: column,
                                                    message: "a tab; indent with spaces (YAML does not allow tabs in indentation)"))
                    break
                }
                guard c == " " || c == "-" else { break }
                column += 1
            }
        }
        return problems
    }

    static func firstProblem(in bytes: [UInt8], file: String) -> ScenarioProblem? {
        var line = 1, column = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00..<0x80: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && i + length <= bytes.count
            if valid { for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { valid = false } }
            if valid, length == 3 {
                let v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                if v < 0x800 || (0xD800...0xDFFF).contains(v) { valid = false }
            }
            if valid, length == 4 {
                let v = (UInt32(b & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                if v < 0x10000 || v > 0x10FFFF { valid = false }
            }
            guard valid else {
                return ScenarioProblem(file: file, line: line, column: column,
                                       message: "byte 0x\(String(b, radix: 16)) is not UTF-8 text; expected a UTF-8 YAML file")
            }
            if b == 0 || (b < 0x20 && b != 0x0A && b != 0x0D && b != 0x09) || b == 0x7F {
                return ScenarioProblem(file: file, line: line, column: column,
                                       message: "control character 0x\(String(b, radix: 16)) in the file; expected printable text")
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return nil
    }
}

/// Turns a Yams syntax error into a located problem.
enum YAMLSyntax {
    /// The problems a YAML error stands for: a key given twice is reported where it is given the
    /// second time (each such key), not where its mapping starts.
    static func problems(from error: Error, file: String, text: String) -> [ScenarioProblem] {
        if let yaml = error as? YamlError, case let .duplicatedKeysInMapping(duplicates, context) = yaml {
            let found = repeats(of: duplicates, inMappingAt: context.mark, text: text)
            if !found.isEmpty {
                return found.map { ScenarioProblem(file: file, line: $0.line, column: $0.column,
                                                   message: "'\($0.key)' is given again here (first at line \($0.first)); expected each key once") }
            }
        }
        return [problem(from: error, file: file, text: text)]
    }

    /// Where each key is given a second time in the block mapping that starts at `mark`: lines
    /// at the mapping's own indentation that start with the key, until the mapping ends.
    static func repeats(of keys: [String], inMappingAt mark: Mark, text: String) -> [(key: String, line: Int, column: Int, first: Int)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let indent = mark.column - 1
        var seen: [String: Int] = [:]
        var out: [(key: String, line: Int, column: Int, first: Int)] = []
        var n = mark.line - 1
        while n < lines.count {
            let line = lines[n]
            let lead = line.prefix { $0 == " " }.count
            let blank = line.allSatisfy { $0 == " " } || line.dropFirst(lead).first == "#"
            if !blank && n > mark.line - 1 && lead < indent { break }   // the mapping has ended
            if !blank && line.count > indent {
                let rest = String(String.UnicodeScalarView(line[indent...]))
                for key in keys where rest.hasPrefix(key) || rest.hasPrefix("\"\(key)\"") || rest.hasPrefix("'\(key)'") {
                    let after = rest.dropFirst(rest.hasPrefix(key) ? key.count : key.count + 2)
                    guard after.drop(while: { $0 == " " }).first == ":" else { continue }
                    // On a list item's first line the key follows "- ": the same column.
                    guard n == mark.line - 1 || lead == indent else { continue }
                    if let first = seen[key] { out.append((key, n + 1, indent + 1, first)) } else { seen[key] = n + 1 }
                }
            }
            n += 1
        }
        return out
    }

    static func problem(from error: Error, file: String, text: String) -> ScenarioProblem {
        guard let yaml = error as? YamlError else {
            return ScenarioProblem(file: file, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
        switch yaml {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let where_ = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return ScenarioProblem(file: file, line: mark.line, column: mark.column,
                                   message: "not valid YAML: \(problem)\(where_); expected YAML as in docs/scenario-format.md")
        case let .reader(problem, offset, _, _):
            var line = 1, column = 1
            if let offset {
                for c in text.unicodeScalars.prefix(offset) {
                    if c == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            return ScenarioProblem(file: file, line: line, column: column, message: "not readable YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ScenarioProblem(file: file, line: context.mark.line, column: context.mark.column,
                                   message: "key given twice: \(duplicates.sorted().joined(separator: ", ")); expected each key once")
        default:
            return ScenarioProblem(file: file, line: 1, column: 1, message: "not valid YAML: \(yaml)")
        }
    }
}
