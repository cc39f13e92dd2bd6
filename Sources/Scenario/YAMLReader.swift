import DispatchEngine
import Yams

/// Reads a composed YAML tree field by field, collecting every problem with its line and column
/// instead of stopping at the first, and refusing keys the format does not know.
final class YAMLReader {
    let file: String
    private(set) var problems: [ScenarioProblem] = []
    /// Where a problem with no node of its own is reported (the document start).
    var fallbackMark = (line: 1, column: 1)

    init(file: String) { self.file = file }

    func fail(_ node: Node?, _ message: String) {
        let mark = node?.mark
        problems.append(ScenarioProblem(file: file, line: mark?.line ?? fallbackMark.line,
                                        column: mark?.column ?? fallbackMark.column, message: message))
    }

    /// Problems found in another file the scenario names (its road file), located there.
    func add(_ others: [ScenarioProblem]) { problems += others }

    func fail(at mark: Mark?, _ message: String) {
        problems.append(ScenarioProblem(file: file, line: mark?.line ?? fallbackMark.line,
                                        column: mark?.column ?? fallbackMark.column, message: message))
    }

    /// A mapping whose keys must be among `allowed`; nil (with a problem) if it is not a mapping.
    func fields(_ node: Node, _ what: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            fail(node, "\(what) should be a mapping of keys to values, found \(node.kindDescription)")
            return nil
        }
        var seen: [String: Node] = [:]
        var order: [String] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                fail(key, "a key in \(what) should be a plain word, found \(key.kindDescription)")
                continue
            }
            if !allowed.contains(name) {
                fail(key, "unknown key '\(name)' in \(what); expected one of \(allowed.joined(separator: ", "))"
                     + Suggestion.hint(for: name, in: allowed))
                continue
            }
            if seen[name] != nil {
                fail(key, "'\(name)' is given twice in \(what); expected each key once")
                continue
            }
            seen[name] = value
            order.append(name)
        }
        return Fields(node: node, what: what, values: seen, order: order, reader: self)
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            fail(node, "\(what) should be a list, found \(node.kindDescription)")
            return nil
        }
        return Array(sequence)
    }

    /// The most a name, place, marker or callsign may hold; sentences (a description, what a
    /// caller or a unit says) may hold `longText`.
    static let nameLimit = 200, longText = 2_000

    func string(_ node: Node, _ what: String, limit: Int = YAMLReader.nameLimit) -> String? {
        guard case .scalar(let scalar) = node else {
            fail(node, "\(what) should be text, found \(node.kindDescription)")
            return nil
        }
        let text = scalar.string.trimmedOfSpaces
        if text.isEmpty { fail(node, "\(what) is empty; expected some text"); return nil }
        if text.count > limit {
            fail(node, "\(what) is \(text.count) characters long; expected at most \(limit)")
            return nil
        }
        return text
    }

    func number(_ node: Node, _ what: String, range: ClosedRange<Double>) -> Double? {
        scalar(node, what, "a number", range: range, said: \.plain, found: { _, text in text }) { Double($0).flatMap { $0.isFinite ? $0 : nil } }
    }

    func integer(_ node: Node, _ what: String, range: ClosedRange<Int>) -> Int? {
        scalar(node, what, "a whole number", range: range, said: { String($0) }, found: { value, _ in String(value) }) { Int($0) }
    }

    /// A scalar read as `kind` and checked against `range`, or a located problem. `said` words a
    /// bound, `found` a value out of range (from the value or the text as written).
    private func scalar<T: Comparable>(_ node: Node, _ what: String, _ kind: String, range: ClosedRange<T>,
                                       said: (T) -> String, found: (T, String) -> String, _ parse: (String) -> T?) -> T? {
        guard case .scalar(let scalar) = node else {
            fail(node, "\(what) should be \(kind), found \(node.kindDescription)")
            return nil
        }
        guard let value = parse(scalar.string.trimmedOfSpaces) else {
            fail(node, "\(what) should be \(kind), found '\(scalar.string.clipped)'")
            return nil
        }
        guard range.contains(value) else {
            fail(node, "\(what) is \(found(value, scalar.string.clipped)); expected \(kind) from \(said(range.lowerBound)) to \(said(range.upperBound))")
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar(let scalar) = node else {
            fail(node, "\(what) should be true or false, found \(node.kindDescription)")
            return nil
        }
        switch scalar.string.trimmedOfSpaces.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            fail(node, "\(what) should be true or false, found '\(scalar.string.clipped)'")
            return nil
        }
    }
}

/// The fields of one mapping, already checked for unknown and repeated keys.
struct Fields {
    let node: Node
    let what: String
    let values: [String: Node]
    let order: [String]
    let reader: YAMLReader

    subscript(key: String) -> Node? { values[key] }

    /// The field's node, or a problem saying it is missing.
    func required(_ key: String, _ expectation: String) -> Node? {
        if let value = values[key] { return value }
        reader.fail(node, "\(what) is missing '\(key)'; expected \(expectation)")
        return nil
    }
}

extension Node {
    var kindDescription: String {
        switch self {
        case .scalar(let s): return s.string.isEmpty ? "nothing" : "'\(s.string.clipped)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

extension String {
    /// Short enough to quote in a message, with control characters made visible.
    var clipped: String {
        let cleaned = String(unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : Character($0) })
        return cleaned.count > 40 ? String(cleaned.prefix(40)) + "…" : cleaned
    }
}

extension Double {
    /// 12 rather than 12.0 in messages.
    var plain: String {
        // Shares are summed in binary floating point: show what a person typed (two decimals).
        let tidy = (self * 100).rounded() / 100
        return tidy == tidy.rounded() && abs(tidy) < 1e15 ? String(Int64(tidy)) : String(tidy)
    }
}
