import Foundation

/// Comma-separated values as RFC 4180 has them, which every spreadsheet opens: fields with a
/// comma, quote or line break are quoted, quotes doubled, lines ended CRLF.
public struct CSV {
    public private(set) var text = ""

    public init(header: [String]) { if !header.isEmpty { add(header) } }

    public mutating func add(_ fields: [String]) {
        text += fields.map(Self.field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        // A leading = + - @ would be run as a formula by a spreadsheet: made text with a quote mark.
        var value = value
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
