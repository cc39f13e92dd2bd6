import ReadModel
import DispatchEngine
import Foundation

/// The debrief as people read it (plain text for the terminal, Markdown for a course record)
/// and as programs read it (JSON).
extension Debrief {
    public enum Format: String, CaseIterable, Sendable { case text, markdown, json }

    public func render(_ format: Format, width: Int = 80) -> String {
        switch format {
        case .text: return text(width: width)
        case .markdown: return markdown()
        case .json: return json()
        }
    }

    var scoreLine: String {
        score.map { "\($0)/100 (\(pointsMet) of \(pointsPossible) points)" } ?? "none: " + (noScore ?? "nothing to judge")
    }

    // MARK: Text

    public func text(width: Int = 80) -> String {
        // Names from the scenario and the journal, never raw (a line break would forge a line).
        var out = "DEBRIEF: \(SafeText.oneLine(scenario)), trainee \(SafeText.oneLine(trainee)) (\(SafeText.oneLine(seats)))\n"
        out += "Seed \(seed), \(clock.dateTime(start)) to \(clock.dateTime(end)); \(actions) actions, \(refused) refused.\n\n"
        out += "SCORE \(scoreLine)\n\n"
        let mine = yours
        let met = mine.filter(\.met), missed = mine.filter { !$0.met && !$0.pending }
        let pending = mine.filter(\.pending)
        out += "Done well\n"
        out += met.isEmpty ? "  (nothing yet)\n" : met.map { "  + " + line($0) + "\n" }.joined()
        if !pending.isEmpty {
            out += "\nStill to do\n" + pending.map { "  ? " + line($0) + "\n" }.joined()
        }
        out += "\nMissed\n"
        out += missed.isEmpty ? "  (nothing" + (mine.isEmpty ? "" : pending.isEmpty ? ": every expectation met" : " so far") + ")\n"
            : missed.map { "  - " + line($0) + "\n" }.joined()
        if !others.isEmpty {
            out += "\nOther seats' work (no points for you)\n" + others.map { "  \($0.met ? "." : "x") " + line($0) + "\n" }.joined()
        }
        out += "\nIncidents against their targets\n"
        let header = ["call", "ref", "grade", "rang", "answered", "created", "sent", "at scene", "target", "closed"]
        let rows = timelines.map { t in
            [t.subject, t.reference ?? "-", t.grade.map(String.init) ?? "-", hm(t.rang), hm(t.answered), hm(t.created),
             hm(t.dispatched), hm(t.atScene), hm(t.target), hm(t.closed)]
        }
        out += table([header] + rows)
        out += "\nTimeline \(clock.time(start)) to \(clock.time(end))\n"
        out += chart(width: max(40, min(width, 160)))
        if !marks.isEmpty {
            out += "\nInstructor's marks\n" + marks.map { "  M \(clock.time($0.at)) \(SafeText.clean($0.by)): \(SafeText.clean($0.text))\n" }.joined()
        }
        out += "\nShift KPIs\n"
        let wide = kpis.map(\.0.count).max() ?? 0
        out += kpis.map { "  " + $0.0.padding(toLength: wide, withPad: " ", startingAt: 0) + "  " + $0.1 + "\n" }.joined()
        out += "\nHow the score is made\n"
        for paragraph in Self.scoring.split(separator: "\n") {
            out += wrap(String(paragraph), width: max(40, width) - 2).map { "  " + $0 + "\n" }.joined()
        }
        return out
    }

    func line(_ f: Finding) -> String {
        "\(f.subject)\(f.reference.map { " (\($0))" } ?? ""): \(f.expectation): \(f.detail)" + (f.yours ? " [\(f.pointsEarned)/\(f.points)]" : "")
    }

    func hm(_ t: SimTime?) -> String { t.map { clock.shortTime($0) } ?? "-" }

    func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = first.indices.map { i in rows.map { TextWidth.of($0[i]) }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - TextWidth.of(cell)) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }.joined()
    }

    /// Each scripted incident on one line across the session: waiting for a unit (.), a unit
    /// on the way (-), at scene (#); R rang, D first unit sent, S first at scene, X closed, |
    /// the attendance target.
    public func chart(width: Int) -> String {
        let label = min(18, timelines.map { $0.subject.count + ($0.reference.map { $0.count + 1 } ?? 0) }.max() ?? 0)
        let columns = max(10, width - label - 6)
        let span = max(end - start, 1)
        func column(_ t: SimTime) -> Int { Int(min(max(Double(t - start) / Double(span), 0), 1) * Double(columns - 1)) }
        var out = ""
        for t in timelines {
            var cells = Array(repeating: Character(" "), count: columns)
            func fill(_ from: SimTime?, _ to: SimTime?, _ c: Character) {
                guard let from else { return }
                let a = column(from), b = column(to ?? end)
                if a <= b { for i in a...b { cells[i] = c } }
            }
            fill(t.rang, t.dispatched ?? t.closed, ".")
            fill(t.dispatched, t.atScene ?? t.closed, "-")
            fill(t.atScene, t.closed, "#")
            if let target = t.target, target >= start, target <= end { cells[column(target)] = "|" }
            // Each mark visible: one falling on a column another took goes just after it.
            var marked: Set<Int> = []
            for (time, mark) in [(t.rang, "R"), (t.dispatched, "D"), (t.atScene, "S"), (t.closed, "X")] {
                guard let time else { continue }
                var c = column(time)
                while marked.contains(c) && c < columns - 1 { c += 1 }
                cells[c] = Character(mark)
                marked.insert(c)
            }
            let name = (t.subject + (t.reference.map { " " + $0 } ?? "")).prefix(label)
            out += "  " + name.padding(toLength: label, withPad: " ", startingAt: 0) + " [" + String(cells) + "]\n"
        }
        if !marks.isEmpty {
            var cells = Array(repeating: Character(" "), count: columns)
            for mark in marks { cells[column(mark.at)] = "M" }
            out += "  " + "marks".padding(toLength: label, withPad: " ", startingAt: 0) + " [" + String(cells) + "]\n"
        }
        out += "  " + String(repeating: " ", count: label) + "  " + clock.shortTime(start)
            + String(repeating: " ", count: max(1, columns - 10)) + clock.shortTime(end) + "\n"
        out += "  R rang  D first unit sent  S first at scene  X closed  | target;  . waiting  - on the way  # at scene"
            + (marks.isEmpty ? "" : ";  M the instructor's mark") + "\n"
        return out
    }

    func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width { lines.append(current); current = "" }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    // MARK: Markdown

    public func markdown() -> String {
        func cell(_ s: String) -> String { SafeText.oneLine(s).replacingOccurrences(of: "|", with: "\\|") }
        var out = "# Debrief: \(cell(scenario))\n\nTrainee **\(cell(trainee))** (\(cell(seats))), seed \(seed), "
        out += "\(clock.dateTime(start)) to \(clock.dateTime(end)); \(actions) actions, \(refused) refused.\n\n"
        out += "## Score: \(scoreLine)\n\n"
        out += "| | seat | call | ref | expectation | what happened | points |\n|---|---|---|---|---|---|---|\n"
        for f in findings {
            let state = f.met ? "met" : f.pending ? "still to do" : "**missed**"
            out += "| \(f.yours ? state : "other seat: " + (f.met ? "met" : "missed")) | \(f.seat.rawValue) | \(cell(f.subject)) | \(f.reference ?? "") | \(cell(f.expectation)) | \(cell(f.detail)) | "
                + (f.yours ? "\(f.pointsEarned)/\(f.points)" : "-") + " |\n"
        }
        out += "\n## Incidents against their targets\n\n| call | ref | grade | rang | answered | created | sent | at scene | target | closed |\n"
        out += "|---|---|---|---|---|---|---|---|---|---|\n"
        for t in timelines {
            out += "| \(cell(t.subject)) | \(t.reference ?? "-") | \(t.grade.map(String.init) ?? "-") | \(hm(t.rang)) | \(hm(t.answered)) | "
                + "\(hm(t.created)) | \(hm(t.dispatched)) | \(hm(t.atScene)) | \(hm(t.target)) | \(hm(t.closed)) |\n"
        }
        out += "\n## Timeline\n\n```\n" + chart(width: 100) + "```\n"
        if !marks.isEmpty {
            out += "\n## Instructor's marks\n\n" + marks.map { "- \(clock.time($0.at)) \(cell(SafeText.clean($0.by))): \(cell(SafeText.clean($0.text)))\n" }.joined()
        }
        out += "\n## Shift KPIs\n\n| figure | value |\n|---|---|\n"
        out += kpis.map { "| \($0.0) | \($0.1) |\n" }.joined()
        out += "\n## How the score is made\n\n" + Self.scoring.replacingOccurrences(of: "\n", with: "\n\n") + "\n"
        return out
    }

    // MARK: JSON

    public func json() -> String {
        /// null, not left out, when there is no figure.
        struct NullableNumber: Encodable {
            let value: Double?
            func encode(to encoder: Encoder) throws {
                var container = encoder.singleValueContainer()
                if let value, value.isFinite { try container.encode(value) } else { try container.encodeNil() }
            }
        }
        /// null, not left out, when there is no score.
        struct Nullable: Encodable {
            let value: Int?
            func encode(to encoder: Encoder) throws {
                var container = encoder.singleValueContainer()
                if let value { try container.encode(value) } else { try container.encodeNil() }
            }
        }
        struct Out: Encodable {
            struct F: Encodable { var subject: String; var reference: String?; var kind: String; var seat: String; var yours: Bool; var expectation: String; var met: Bool; var pending: Bool; var detail: String; var at: String?; var points: Int; var pointsMet: Int }
            struct M: Encodable { var at: String; var by: String; var text: String }
            struct T: Encodable { var subject: String; var reference: String?; var grade: Int?; var rang, answered, created, dispatched, atScene, target, closed: String? }
            var scenario: String; var trainee: String; var seats: String; var seed: String; var start: String; var end: String
            var score: Nullable; var noScore: String?; var pointsMet: Int; var pointsPossible: Int; var scoring: String
            var marks: [M]
            var actions: Int; var refused: Int
            var findings: [F]; var timelines: [T]; var kpis: [String: NullableNumber]
        }
        func stamp(_ t: SimTime?) -> String? { t.map(clock.stamp) }
        let out = Out(
            scenario: scenario, trainee: trainee, seats: seats, seed: String(seed), start: clock.stamp(start), end: clock.stamp(end),
            score: Nullable(value: score), noScore: noScore, pointsMet: pointsMet, pointsPossible: pointsPossible, scoring: Self.scoring,
            marks: marks.map { .init(at: clock.stamp($0.at), by: $0.by, text: $0.text) },
            actions: actions, refused: refused,
            findings: findings.map { .init(subject: $0.subject, reference: $0.reference, kind: $0.kind.rawValue, seat: $0.seat.rawValue, yours: $0.yours,
                                           expectation: $0.expectation, met: $0.met, pending: $0.pending,
                                           detail: $0.detail, at: stamp($0.at), points: $0.pointsPossible, pointsMet: $0.pointsEarned) },
            timelines: timelines.map { .init(subject: $0.subject, reference: $0.reference, grade: $0.grade, rang: stamp($0.rang),
                                             answered: stamp($0.answered), created: stamp($0.created), dispatched: stamp($0.dispatched),
                                             atScene: stamp($0.atScene), target: stamp($0.target), closed: stamp($0.closed)) },
            kpis: Dictionary(figures.map { ($0.key, NullableNumber(value: $0.value)) }, uniquingKeysWith: { a, _ in a }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(out)) ?? Data(), as: UTF8.self) + "\n"
    }
}
