import DispatchEngine
import Yams

/// An incident history as a force exports it from its command-and-control system: one row per
/// incident, with when it was created, its type and grade, and (where known) the line it came in
/// on, where it was, when the first unit got there and when it was cleared. Column names are
/// ours unless a small header file maps the force's own ("created: Created Date").
public struct IncidentHistory: Sendable {
    public struct Incident: Sendable, Equatable {
        /// Minutes since 1970-01-01 00:00 local time (a history is read in the force's own clock).
        public var created: Double
        public var type: String
        public var grade: Grade
        public var line: Line?
        public var place: String?
        /// Minutes from the first unit at scene to it being cleared (nil: not both known).
        public var onScene: Double?
        /// Day of the week (0 Monday) and hour of the day it was created.
        public var hourOfWeek: Int
    }

    /// The columns we read, and the names a force may give them in a header file.
    public static let columns = ["created", "type", "grade", "line", "place", "first_at_scene", "cleared"]
    public static let required = ["created", "type", "grade"]

    public var incidents: [Incident] = []
    /// Every row that could not be read, each with its line: `file:line: what; what was expected`.
    public var problems: [String] = []

    /// Reads `text` (the CSV) with `names` mapping our columns to the file's headers.
    public init(text: String, file: String, names: [String: String] = [:]) {
        let rows = CSVReader.numbered(text)
        guard let header = rows.first else {
            problems.append("\(file):1: the file is empty; expected a header row naming the columns (\(Self.required.joined(separator: ", ")), ...)")
            return
        }
        var index: [String: Int] = [:]
        for column in Self.columns {
            let name = (names[column] ?? column).lowercased()
            if let i = header.fields.firstIndex(where: { $0.trimmedOfSpaces.lowercased() == name }) { index[column] = i }
        }
        let missing = Self.required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            problems.append("\(file):\(header.line): no column " + missing.map { "'\(names[$0] ?? $0)'" }.joined(separator: ", ")
                            + "; expected a header naming them (or a --columns file mapping them), found " + header.fields.map { "'\($0)'" }.joined(separator: ", "))
            return
        }
        for row in rows.dropFirst() where !(row.fields.count == 1 && row.fields[0].trimmedOfSpaces.isEmpty) {
            func field(_ column: String) -> String? {
                guard let i = index[column], i < row.fields.count else { return nil }
                let v = row.fields[i].trimmedOfSpaces
                return v.isEmpty ? nil : v
            }
            var wrong: [String] = []
            let created = field("created").flatMap(Self.minutes)
            if created == nil { wrong.append("created '\(field("created") ?? "")' is not a date and time; expected such as 2026-11-27 18:03 or 2026-11-27T18:03:12") }
            let type = field("type")
            if type == nil { wrong.append("no type; expected the incident's type") }
            let grade = field("grade").flatMap { Int($0.filter(\.isNumber)) }.flatMap(Grade.init(rawValue:))
            if grade == nil { wrong.append("grade '\(field("grade") ?? "")' is not a grade; expected 1, 2, 3 or 4") }
            var line: Line?
            if let l = field("line") {
                line = Line.allCases.first { $0.number == l.lowercased() } ?? (l == "999" ? .emergency : l == "101" ? .nonEmergency : nil)
                if line == nil { wrong.append("line '\(l)' is not a line; expected 999, 101, chat, email or online") }
            }
            var onScene: Double?
            if let a = field("first_at_scene"), let c = field("cleared") {
                if let at = Self.minutes(a), let cleared = Self.minutes(c) {
                    if cleared >= at { onScene = cleared - at } else { wrong.append("cleared \(c) is before first at scene \(a); expected it after") }
                } else {
                    wrong.append("first_at_scene '\(a)' or cleared '\(c)' is not a date and time; expected such as 2026-11-27 18:03")
                }
            }
            guard wrong.isEmpty, let created, let type, let grade else {
                problems.append("\(file):\(row.line): " + wrong.joined(separator: "; "))
                continue
            }
            let day = Int((created / 1440).rounded(.down))
            // 1970-01-01 was a Thursday (3, Monday first).
            let hourOfWeek = ((day + 3) % 7 + 7) % 7 * 24 + Int(created.truncatingRemainder(dividingBy: 1440) / 60)
            incidents.append(Incident(created: created, type: type, grade: grade, line: line, place: field("place"),
                                      onScene: onScene, hourOfWeek: hourOfWeek))
        }
        if incidents.isEmpty && problems.isEmpty {
            problems.append("\(file):\(header.line + 1): no incidents; expected one row per incident under the header")
        }
    }

    /// "2026-11-27 18:03", "2026-11-27T18:03:12", "27/11/2026 18:03" as minutes since 1970.
    static func minutes(_ text: String) -> Double? {
        let parts = text.split { $0 == " " || $0 == "T" }
        guard parts.count == 2 else { return nil }
        let date = parts[0].split { $0 == "-" || $0 == "/" }.compactMap { Int($0) }
        var clock = parts[1]
        if clock.hasSuffix("Z") { clock = clock.dropLast() }
        let time = clock.split(separator: ":").compactMap { Double($0) }
        guard date.count == 3, time.count >= 2, time.count <= 3 else { return nil }
        let (y, m, d) = parts[0].contains("/") ? (date[2], date[1], date[0]) : (date[0], date[1], date[2])
        guard (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y), y > 1900,
              (0..<24).contains(time[0]), (0..<60).contains(time[1]), time.count < 3 || (0..<61).contains(time[2]) else { return nil }
        let day = Double(CivilDate.epochDay(year: y, month: m, day: d))
        return day * 1440 + time[0] * 60 + time[1] + (time.count == 3 ? time[2] / 60 : 0)
    }

    /// A header file: `created: Created Date` lines (YAML), our column names to the file's.
    public static func names(yaml text: String, file: String) throws(ScenarioError) -> [String: String] {
        guard let node = try Scenario.composeYAML(text: text, file: file), let mapping = node.mapping else {
            throw ScenarioError(problems: [ScenarioProblem(file: file, line: 1, column: 1,
                                                          message: "expected a mapping of our column names to yours, such as created: Created Date")])
        }
        var out: [String: String] = [:], problems: [ScenarioProblem] = []
        for (key, value) in mapping {
            let k = key.string ?? ""
            guard Self.columns.contains(k) else {
                problems.append(ScenarioProblem(file: file, line: key.mark.map { $0.line } ?? 1, column: key.mark.map { $0.column } ?? 1,
                                                message: "unknown column '\(k)'; expected one of \(Self.columns.joined(separator: ", "))"))
                continue
            }
            guard let v = value.string, !v.isEmpty else {
                problems.append(ScenarioProblem(file: file, line: value.mark.map { $0.line } ?? 1, column: value.mark.map { $0.column } ?? 1,
                                                message: "'\(k)' should name a column of the history; expected text"))
                continue
            }
            out[k] = v
        }
        if !problems.isEmpty { throw ScenarioError(problems: problems) }
        return out
    }
}
