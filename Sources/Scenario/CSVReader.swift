/// Reads CSV as RFC 4180 writes it (quoted fields, doubled quotes, CRLF or LF): the exports read
/// back by the audit, and a force's incident history read by `demand fit`.
public enum CSVReader {
    /// Each row as its fields by column name, by the value of column `key`.
    public static func rows(_ text: String, keyedBy key: String) -> [String: [String: String]] {
        let rows = rows(text)
        guard let header = rows.first else { return [:] }
        var out: [String: [String: String]] = [:]
        for row in rows.dropFirst() {
            var fields: [String: String] = [:]
            for (i, name) in header.enumerated() where i < row.count { fields[name] = row[i] }
            if let k = fields[key] { out[k] = fields }
        }
        return out
    }

    public static func rows(_ text: String) -> [[String]] { numbered(text).map(\.fields) }

    /// Each row with the line of the file it starts on (1 for the first), so a problem with a row
    /// can say where it is.
    public static func numbered(_ text: String) -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = [], row: [String] = [], field = ""
        var quoted = false, wasQuoted = false
        var line = 1, rowLine = 1
        let chars = Array(text)
        var i = 0
        func endField() {
            // The exports mark a would-be formula with a leading quote mark: read back as written.
            row.append(field); field = ""; wasQuoted = false
        }
        func isBreak(_ c: Character) -> Bool { c == "\r\n" || c == "\n" || c == "\r" }
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    if isBreak(c) { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty && !wasQuoted {
                quoted = true; wasQuoted = true
            } else if c == "," {
                endField()
            } else if isBreak(c) {
                endField(); rows.append((rowLine, row)); row = []
                line += 1; rowLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { endField(); rows.append((rowLine, row)) }
        return rows
    }
}
