import Foundation

/// What a figure measures, which decides how it is printed.
public enum FigureUnit: String, Sendable {
    case count, percent, seconds, minutes, hours, ratio, perSecond, megabytes
}

/// A report as a tree of named figures: one structure printed as a table for people, as JSON
/// for programs, and averaged across replications.
public indirect enum ReportNode: Sendable {
    /// Children in a fixed order: (JSON key, label for people, node).
    case group([ReportEntry])
    /// nil: no data (nothing to average, nothing recorded).
    case figure(Double?, FigureUnit)
    /// The mean and standard error of a figure over replications.
    case estimate(mean: Double?, standardError: Double?, runs: Int, FigureUnit)
    case text(String)

    public var children: [ReportEntry] {
        if case .group(let entries) = self { return entries }
        return []
    }

    public subscript(key: String) -> ReportNode? {
        children.first { $0.key == key }?.node
    }

    /// Follows a path of keys ("calls.999.answered").
    public func value(at path: String) -> Double? {
        var node: ReportNode? = self
        for key in path.split(separator: ".") { node = node?[String(key)] }
        switch node {
        case .figure(let v, _)?: return v
        case .estimate(let mean, _, _, _)?: return mean
        default: return nil
        }
    }
}

public struct ReportEntry: Sendable {
    public var key: String
    public var label: String
    public var node: ReportNode
    public init(_ key: String, _ label: String, _ node: ReportNode) {
        self.key = key; self.label = label; self.node = node
    }
}

// MARK: JSON

extension ReportNode {
    /// Deterministic JSON: keys in report order, numbers with fixed decimals by unit.
    public func json(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        switch self {
        case .group(let entries):
            if entries.isEmpty { return "{}" }
            let body = entries.map { "\(pad)  \(Self.quote($0.key)): \($0.node.json(indent: indent + 1))" }
            return "{\n" + body.joined(separator: ",\n") + "\n\(pad)}"
        case let .figure(value, unit):
            return Self.number(value, unit)
        case let .estimate(mean, error, runs, unit):
            return "{\"mean\": \(Self.number(mean, unit)), \"stderr\": \(Self.number(error, unit)), \"runs\": \(runs)}"
        case .text(let s):
            return Self.quote(s)
        }
    }

    /// Full precision for a modeller: whole numbers as integers, the rest as the shortest text
    /// that reads back as the same double (deterministic, so output stays byte-identical).
    static func number(_ value: Double?, _ unit: FigureUnit) -> String {
        guard let value, value.isFinite else { return "null" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

// MARK: Table

extension ReportNode {
    /// A readable table: sections as headings, figures aligned, small groups on one line.
    public func table(width: Int = 78) -> String {
        var lines: [String] = []
        for entry in children {
            switch entry.node {
            case .group:
                lines.append("")
                lines.append(entry.label)
                lines.append(String(repeating: "-", count: min(entry.label.count, width)))
                entry.node.appendRows(to: &lines, depth: 0)
            default:
                lines.append(Self.row(entry.label, entry.node.formatted, depth: 0))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func appendRows(to lines: inout [String], depth: Int) {
        for entry in children {
            if case .group(let sub) = entry.node {
                if sub.count <= 6, sub.allSatisfy({ $0.node.isLeaf && $0.label.count <= 10 }) {
                    let parts = sub.map { "\($0.label) \($0.node.formatted)" }
                    lines.append(Self.row(entry.label, parts.joined(separator: "  "), depth: depth))
                } else {
                    lines.append(String(repeating: "  ", count: depth + 1) + entry.label)
                    entry.node.appendRows(to: &lines, depth: depth + 1)
                }
            } else {
                lines.append(Self.row(entry.label, entry.node.formatted, depth: depth))
            }
        }
    }

    private var isLeaf: Bool {
        if case .group = self { return false }
        return true
    }

    static func row(_ label: String, _ value: String, depth: Int) -> String {
        let indent = String(repeating: "  ", count: depth + 1)
        let left = indent + label
        let gap = max(1, 44 - left.count)
        return left + String(repeating: " ", count: gap) + value
    }

    /// The figure as people read it: 91.3%, 8.2 s, 12 min.
    public var formatted: String {
        switch self {
        case let .figure(value, unit): return Self.human(value, unit)
        case let .estimate(mean, error, _, unit):
            guard mean != nil else { return "-" }
            return Self.human(mean, unit) + " ± " + Self.human(error ?? 0, unit, bare: true)
        case .text(let s): return s
        case .group: return ""
        }
    }

    static func human(_ value: Double?, _ unit: FigureUnit, bare: Bool = false) -> String {
        guard let value, value.isFinite else { return "-" }
        switch unit {
        case .count:
            return value == value.rounded() && abs(value) < 1e15 ? Self.grouped(Int64(value)) : String(format: "%.1f", value)
        case .percent: return String(format: "%.1f", value) + (bare ? "" : "%")
        case .seconds: return String(format: "%.1f", value) + (bare ? "" : " s")
        case .minutes: return String(format: "%.1f", value) + (bare ? "" : " min")
        case .hours: return String(format: "%.2f", value) + (bare ? "" : " h")
        case .ratio: return String(format: "%.2f", value)
        case .perSecond: return Self.grouped(Int64(value.rounded())) + (bare ? "" : " /s")
        case .megabytes: return String(format: "%.1f", value) + (bare ? "" : " MB")
        }
    }

    public static func grouped(_ n: Int64) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
