import DispatchEngine
import Foundation
import Journal
import ReadModel

/// Every trainee of a session side by side (a bay: the instructor, several trainees, one
/// scenario), or of several sessions of one scenario and seed (the same night played by
/// different people): each one's seat, score, and every expectation met or missed with its time.
public struct BayReport: Sendable {
    /// One trainee in one session.
    public struct Trainee: Sendable {
        public var debrief: Debrief
        /// Which session, when several are compared (the journal's file name).
        public var session: String?
        public var label: String { debrief.trainee + (session.map { " (\($0))" } ?? "") }
    }

    public var scenario: String
    public var seed: UInt64
    public var clock: RoomClock
    public var trainees: [Trainee]
    public var marks: [Debrief.Mark]

    /// The expectations of the scenario, in order, by subject and words: a row of the report.
    public var rows: [(subject: String, expectation: String)] {
        var out: [(String, String)] = []
        for trainee in trainees {
            for f in trainee.debrief.findings where f.kind != .silentClosed && !out.contains(where: { $0 == (f.subject, f.expectation) }) {
                out.append((f.subject, f.expectation))
            }
        }
        return out
    }

    /// What a trainee's cell says for a row: met (when), missed, still to do, or not theirs.
    public func cell(_ trainee: Trainee, _ row: (subject: String, expectation: String)) -> String {
        guard let f = trainee.debrief.findings.first(where: { $0.subject == row.subject && $0.expectation == row.expectation }), f.yours else { return "-" }
        if f.met { return "met" + (f.at.map { " " + clock.time($0) } ?? "") }
        return f.pending ? "to do" : "MISSED"
    }

    /// The report of the journals at `paths`: one session's trainees, or several sessions of one
    /// scenario and seed.
    public static func build(paths: [String]) throws(DebriefError) -> BayReport {
        var trainees: [Trainee] = []
        var first: (scenario: String, source: String, seed: UInt64, clock: RoomClock)?
        var marks: [Debrief.Mark] = []
        for path in paths {
            let judged = try JudgedSession(path: path)
            let header = judged.session.header
            if let first, first.source != header.scenarioSource || first.seed != header.seed {
                throw .notComparable("\(path) is \(SafeText.clean(header.scenarioName)) with seed \(header.seed), not \(SafeText.clean(first.scenario)) with seed \(first.seed): compare sessions of one scenario and seed")
            }
            if first == nil { first = (header.scenarioName, header.scenarioSource, header.seed, judged.session.floor.clock) }
            let people = judged.trainees.isEmpty ? JudgedSession.single(header).map { [$0] } ?? [] : judged.trainees
            for person in people {
                let debrief = judged.debrief(of: person)
                trainees.append(Trainee(debrief: debrief, session: paths.count > 1 ? (path as NSString).lastPathComponent : nil))
                if marks.isEmpty { marks = debrief.marks }
            }
        }
        guard let first else { throw .notComparable("no journal given") }
        return BayReport(scenario: first.scenario, seed: first.seed, clock: first.clock, trainees: trainees, marks: paths.count == 1 ? marks : [])
    }

    public func render(_ format: Debrief.Format, width: Int = 100) -> String {
        switch format {
        case .text: return text(width: width)
        case .markdown: return markdown()
        case .json: return json()
        }
    }

    func score(_ d: Debrief) -> String { d.score.map { "\($0) (\(d.pointsMet)/\(d.pointsPossible))" } ?? "none" }

    public func text(width: Int = 100) -> String {
        var out = "BAY REPORT: \(scenario), seed \(seed); \(trainees.count) trainee\(trainees.count == 1 ? "" : "s")\n\n"
        let columns = max(14, trainees.map { max(TextWidth.of($0.label), TextWidth.of($0.debrief.seats), 14) }.max() ?? 14)
        let label = max(24, min(56, width - 2 - (columns + 2) * trainees.count))
        func fit(_ s: String, _ n: Int) -> String {
            let clean = SafeText.clean(s)
            let cut = clean.count > n ? String(clean.prefix(n - 1)) + "~" : clean
            return cut + String(repeating: " ", count: max(0, n - TextWidth.of(cut)))
        }
        func line(_ head: String, _ cells: [String]) -> String {
            // Trailing blanks only: the names' row has no label and keeps its columns.
            var text = "  " + fit(head, label) + cells.map { "  " + fit($0, columns) }.joined()
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        out += line("", trainees.map(\.label))
        out += line("seat", trainees.map(\.debrief.seats))
        out += line("SCORE", trainees.map { score($0.debrief) })
        out += "\n"
        for row in rows {
            // A label too long for its column has a line of its own, whole, above its cells:
            // two rows cut to the same words could not be told apart.
            let name = SafeText.clean(row.subject + ": " + row.expectation)
            if TextWidth.of(name) > label {
                out += "  " + name + "\n"
                out += line("", trainees.map { cell($0, row) })
            } else {
                out += line(name, trainees.map { cell($0, row) })
            }
        }
        out += "\n  met HH:MM:SS: met by them, when;  MISSED: theirs and not done;  -: not their seat's (another did it, or nobody)\n"
        if !marks.isEmpty {
            out += "\nInstructor's marks\n" + marks.map { "  M \(clock.time($0.at)) \(SafeText.clean($0.by)): \(SafeText.clean($0.text))\n" }.joined()
        }
        for trainee in trainees {
            let missed = trainee.debrief.yours.filter { !$0.met && !$0.pending }
            guard !missed.isEmpty else { continue }
            out += "\n\(SafeText.clean(trainee.label)): what was missed\n" + missed.map { "  - " + trainee.debrief.line($0) + "\n" }.joined()
        }
        return out
    }

    public func markdown() -> String {
        func cell(_ s: String) -> String { SafeText.clean(s).replacingOccurrences(of: "|", with: "\\|") }
        var out = "# Bay report: \(cell(scenario)), seed \(seed)\n\n"
        out += "| expectation | " + trainees.map { cell($0.label) }.joined(separator: " | ") + " |\n"
        out += "|---|" + trainees.map { _ in "---|" }.joined() + "\n"
        out += "| seat | " + trainees.map { cell($0.debrief.seats) }.joined(separator: " | ") + " |\n"
        out += "| **score** | " + trainees.map { "**\(score($0.debrief))**" }.joined(separator: " | ") + " |\n"
        for row in rows {
            out += "| \(cell(row.subject)): \(cell(row.expectation)) | " + trainees.map { self.cell($0, row) }.joined(separator: " | ") + " |\n"
        }
        if !marks.isEmpty {
            out += "\n## Instructor's marks\n\n" + marks.map { "- \(clock.time($0.at)) \(cell($0.by)): \(cell($0.text))\n" }.joined()
        }
        return out
    }

    public func json() -> String {
        struct F: Encodable { var subject: String; var expectation: String; var kind: String; var seat: String; var yours: Bool
                              var met: Bool; var pending: Bool; var at: String?; var detail: String; var points: Int; var pointsMet: Int }
        struct T: Encodable { var name: String; var session: String?; var seats: String; var score: Int?; var pointsMet: Int; var pointsPossible: Int
                              var actions: Int; var findings: [F] }
        struct M: Encodable { var at: String; var by: String; var text: String }
        struct Out: Encodable { var scenario: String; var seed: String; var trainees: [T]; var marks: [M] }
        let out = Out(scenario: scenario, seed: String(seed), trainees: trainees.map { t in
            T(name: t.debrief.trainee, session: t.session, seats: t.debrief.seats, score: t.debrief.score, pointsMet: t.debrief.pointsMet,
              pointsPossible: t.debrief.pointsPossible, actions: t.debrief.actions, findings: t.debrief.findings.map { f in
                F(subject: f.subject, expectation: f.expectation, kind: f.kind.rawValue, seat: f.seat.rawValue, yours: f.yours, met: f.met,
                  pending: f.pending, at: f.at.map(clock.stamp), detail: f.detail, points: f.pointsPossible, pointsMet: f.pointsEarned)
            })
        }, marks: marks.map { M(at: clock.stamp($0.at), by: $0.by, text: $0.text) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(out)) ?? Data(), as: UTF8.self) + "\n"
    }
}
