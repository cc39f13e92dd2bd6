import Audit
import Console
import Debrief
import DispatchEngine
import Foundation
import Journal
import ReadModel
import Report
import Scenario

/// What each view of a recorded session claims, set against the audit's own figures: the report,
/// the supervisor's overview at every hour, each incident's record, the incidents and calls
/// exports and a training session's debrief. Only gathering and comparing happen here; every
/// figure on the audit's side is worked out by `Audit` from the raw rows.
public enum Claims {
    public enum Problem: Error, CustomStringConvertible {
        case journal(JournalError)
        case audit(AuditedJournal.Problem)
        public var description: String {
            switch self {
            case .journal(let e): return e.description
            case .audit(let e): return e.description
            }
        }
    }

    public static func audit(path: String) throws(Problem) -> AuditResult {
        // Said as every other command says it, before SQLite is asked to open nothing.
        guard Journal.inDatabase(path) || FileManager.default.fileExists(atPath: path) else { throw .journal(.missing(path: path)) }
        let audited: AuditedJournal
        do { audited = try AuditedJournal.read(path) } catch { throw .audit(error) }
        var result = AuditResult(journal: audited.path)
        let book = NightBook(config: audited.config)
        do {
            whoActed(audited, &result)
            try overview(path, audited, book, &result)
            let log = CallLog()
            var risky = RiskySends()
            let session = try RecordedSession(path: path, attach: { simulation, _ in log.attach(to: simulation) },
                                              before: { action, floor in risky.look(action, floor) })
            risky.tell(&result)
            let end = session.simulation.now
            report(session, audited, book, end, &result)
            records(session, book, end, &result)
            incidentsExport(session, book, end, &result)
            callsExport(session, log, book, &result)
            if !session.simulation.config.script.isEmpty {
                try debriefs(path, audited, book, end, names: session.simulation.config.script.calls.map(\.name), &result)
            }
        } catch let error as JournalError {
            throw .journal(error)
        } catch DebriefError.journal(let error) {
            throw .journal(error)
        } catch {
            throw .journal(.corrupt(path: path, detail: "\(error)"))
        }
        return result
    }

    /// A person's sends the console asks about: each must follow the person's yes to a question,
    /// journalled just before it (`askedFirst`). Worked out with the console's own rules on the
    /// world as it was at each send.
    struct RiskySends {
        var sends = 0, asked = 0
        var unasked: [Int64] = []
        var lastYes: [String: Int64] = [:]   // by person: the sequence of their last yes

        mutating func look(_ recorded: RecordedAction, _ floor: Floor) {
            let person = recorded.person ?? ""
            if case .askedFirst = recorded.action, recorded.refusal == nil { lastYes[person] = recorded.sequence; return }
            defer { lastYes[person] = nil }
            guard case .command(let command) = recorded.action, recorded.refusal == nil else { return }
            switch command {
            case .assign, .divert: break
            default: return
            }
            guard Risk.of(command, floor) != nil else { return }
            sends += 1
            if lastYes[person] != nil { asked += 1 } else { unasked.append(recorded.sequence) }
        }

        func tell(_ result: inout AuditResult) {
            // Counted, not a disagreement: a session played without the console (a model trainee,
            // a test) sends without being asked; the figure says how many.
            result.riskySends = sends
            result.riskySendsAsked = asked
            result.riskyUnasked = unasked
        }
    }

    /// The names the journal gives each event (its actor column, written by the engine's side)
    /// against the person of the action that caused it (the action row, written apart): an
    /// event said to be a person's lies within that person's action.
    static func whoActed(_ audited: AuditedJournal, _ result: inout AuditResult) {
        var a = 0
        for event in audited.events where event.actor.hasPrefix("person:") {
            while a < audited.actions.count && audited.actions[a].eventSequence < event.sequence { a += 1 }
            guard a < audited.actions.count, let person = audited.actions[a].person else { continue }
            result.text("journal", "who acted", subject: "event \(event.sequence)", stated: event.actor, audited: "person:" + person)
        }
    }

    /// The overview at each hour of the session and at its end, against the audit's book read to
    /// the same moment. Leaves the book read to the end.
    static func overview(_ path: String, _ audited: AuditedJournal, _ book: NightBook, _ result: inout AuditResult) throws {
        let journal = try Journal.open(at: path, readOnly: true)
        let replay = try SessionReplay(journal: journal)
        let progress = try journal.progress()
        let floor = Floor(simulation: replay.simulation, scenarioName: replay.scenario.name, radioCapacity: 1)
        var next = 0
        var moments: [SimTime] = Array(stride(from: Clock.hour, to: progress.mark.time, by: Int(Clock.hour)))
        moments.append(progress.mark.time)
        for t in moments {
            if t < progress.mark.time { try replay.run(until: t, limit: progress.mark) } else { try replay.run(to: progress.mark) }
            while next < audited.events.count, audited.events[next].time <= t {
                book.read(audited.events[next].event, at: audited.events[next].time, actor: audited.events[next].actor)
                next += 1
            }
            let stated = OverviewFigures(floor)
            let audit = AuditFigures.overview(book, at: t)
            let at = "at " + floor.clock.dayTime(t)
            result.number("overview", "999 answered within 10 s %", subject: at, stated: .some(stated.within10sPercent), audited: audit["overview.999_within_10s_percent"] ?? nil)
            for g in 1...3 {
                result.number("overview", "grade \(g) attended within target %", subject: at,
                              stated: .some(stated.attendance[g - 1].withinTargetPercent), audited: audit["overview.grade\(g)_within_target_percent"] ?? nil)
                // The overview shows whole seconds.
                result.number("overview", "grade \(g) mean attendance (s)", subject: at,
                              stated: .some(stated.attendance[g - 1].mean.map { Double($0 / 1000) }),
                              audited: audit["overview.grade\(g)_mean_s"] ?? nil)
            }
            for g in 1...4 {
                result.number("overview", "open grade \(g)", subject: at, stated: .some(Double(stated.openByGrade[g - 1])), audited: audit["overview.open_grade\(g)"] ?? nil)
            }
            result.number("overview", "overdue", subject: at, stated: .some(Double(stated.overdue.count)), audited: audit["overview.overdue"] ?? nil)
        }
        while next < audited.events.count {
            book.read(audited.events[next].event, at: audited.events[next].time, actor: audited.events[next].actor)
            next += 1
        }
    }

    /// The keys of the report checked (every other figure the audit does not work out).
    static func report(_ session: RecordedSession, _ audited: AuditedJournal, _ book: NightBook, _ end: SimTime, _ result: inout AuditResult) {
        let report = SessionReport.build(session)
        var audit = AuditFigures.report(book, at: end)
        audit.merge(AuditFigures.people(book, audited)) { a, _ in a }
        // The report says "yes" or "no": as 1 and 0.
        var ended: Double?? = .none
        if case .text(let t)? = report["session"]?["ended"] { ended = .some(t == "yes" ? 1 : 0) }
        for key in audit.keys.sorted() {
            if key == "session.ended" { result.number("report", key, stated: ended, audited: audit[key] ?? nil); continue }
            let stated = report.value(at: key)
            // A figure the report has no place for is "not stated"; one it has with no value is "-".
            let has = present(report, key)
            result.number("report", key, stated: has ? .some(stated) : .none, audited: audit[key] ?? nil)
        }
    }

    static func present(_ node: ReportNode, _ path: String) -> Bool {
        var at: ReportNode? = node
        for key in path.split(separator: ".") { at = at?[String(key)] }
        return at != nil
    }

    /// Each incident's record (the room's ledger) against the audit's facts.
    static func records(_ session: RecordedSession, _ book: NightBook, _ end: SimTime, _ result: inout AuditResult) {
        let floor = session.floor
        for reference in book.incidentOrder {
            guard let facts = book.incidents[reference] else { continue }
            let audit = AuditFigures.incident(book, facts, now: end)
            let subject = "incident " + Floor.reference(reference)
            guard let e = session.incidents.entry(reference: reference) else {
                result.text("record", "the incident", subject: subject, stated: nil, audited: "opened at \(facts.openedAt)")
                continue
            }
            func ms(_ t: SimTime?) -> String { t.map(String.init) ?? "" }
            result.text("record", "first dispatched", subject: subject, stated: ms(e.firstAssignedAt), audited: audit["first_dispatched"]!)
            result.text("record", "first at scene", subject: subject, stated: ms(e.firstArrivedAt), audited: audit["first_at_scene"]!)
            result.text("record", "target", subject: subject, stated: ms(e.targetAt), audited: audit["target"]!)
            result.text("record", "target met", subject: subject, stated: e.metTarget(at: end).map { $0 ? "yes" : "no" } ?? "", audited: audit["target_met"]!)
            result.text("record", "units sent", subject: subject, stated: e.unitsSent.map { floor.config.units[Int($0)].callsign }.joined(separator: " "),
                        audited: audit["units_sent"]!)
            result.text("record", "grade", subject: subject, stated: String(e.grade.rawValue), audited: audit["grade"]!)
            result.text("record", "closed", subject: subject, stated: ms(e.closedAt), audited: audit["closed"]!)
            result.text("record", "result", subject: subject, stated: e.result.map { "\($0)" } ?? "", audited: audit["result"]!)
            result.text("record", "duplicate of", subject: subject, stated: e.linkedInto.map(String.init) ?? "", audited: audit["duplicate_of"]!)
            // The record as the screen shows it: its type, its timeline and whether it met its target.
            let text = DetailView.text(reference, floor)
            func field(_ name: String) -> String? {
                text.first { $0.hasPrefix(name.padding(toLength: 11, withPad: " ", startingAt: 0)) }.map { String($0.dropFirst(11)) }
            }
            let typeLine = field("Type") ?? ""
            let shownType = typeLine.hasPrefix("URGENT ASSISTANCE for ") ? "urgent assistance"
                : typeLine.components(separatedBy: "  (CLOSED").first!.trimmingCharacters(in: .whitespaces)
            let expectedType = facts.assisting != nil ? "urgent assistance"
                : facts.closingType.map { floor.config.incidentTypes[Int($0)].name } ?? audit["type"]!
            result.text("record", "type shown", subject: subject, stated: shownType, audited: expectedType)
            let clock = floor.clock
            func time(_ key: String) -> String { audit[key].flatMap { Int64($0) }.map(clock.time) ?? "-" }
            let timeline = "opened \(clock.time(facts.openedAt))  first assigned \(time("first_dispatched"))  first at scene \(time("first_at_scene"))  closed \(time("closed"))"
            result.text("record", "timeline shown", subject: subject, stated: field("Timeline"), audited: timeline)
            if facts.firstCountedArrival != nil, let status = field("Status") {
                let shown = status.contains("(target met)") ? "yes" : status.contains("(target missed)") ? "no" : ""
                result.text("record", "target met shown", subject: subject, stated: shown, audited: audit["target_met"]!)
            }
        }
    }

    /// The incidents export, row by row.
    static func incidentsExport(_ session: RecordedSession, _ book: NightBook, _ end: SimTime, _ result: inout AuditResult) {
        let byReference = CSVReader.rows(JournalExport.incidents(session), keyedBy: "reference")
        let clock = session.floor.clock
        for reference in book.incidentOrder {
            guard let facts = book.incidents[reference] else { continue }
            let audit = AuditFigures.incident(book, facts, now: end)
            let ref = Floor.reference(reference), subject = "incident " + ref
            guard let row = byReference[ref] else {
                result.text("incidents export", "the row", subject: subject, stated: nil, audited: ref)
                continue
            }
            func stamp(_ key: String) -> String { audit[key].flatMap { Int64($0) }.map(clock.stamp) ?? "" }
            for key in ["first_dispatched", "first_at_scene", "target", "closed"] {
                result.text("incidents export", key, subject: subject, stated: row[key], audited: stamp(key))
            }
            result.text("incidents export", "duplicate_of", subject: subject, stated: row["duplicate_of"],
                        audited: audit["duplicate_of"].flatMap { Int64($0) }.map(Floor.reference) ?? "")
            for key in ["target_met", "units_sent", "grade", "first_grade", "warnings_passed_to", "duplicate_calls", "opened_by", "dispatched_by", "type"] {
                result.text("incidents export", key, subject: subject, stated: row[key], audited: audit[key]!)
            }
        }
    }

    /// The calls export, row by row.
    static func callsExport(_ session: RecordedSession, _ log: CallLog, _ book: NightBook, _ result: inout AuditResult) {
        let byNumber = CSVReader.rows(JournalExport.calls(session, log), keyedBy: "call")
        let clock = session.floor.clock
        for number in book.callOrder {
            guard let facts = book.calls[number] else { continue }
            let audit = AuditFigures.call(book, facts)
            let subject = "call \(number)"
            guard let row = byNumber[String(number)] else {
                result.text("calls export", "the row", subject: subject, stated: nil, audited: String(number))
                continue
            }
            func stamp(_ key: String) -> String { audit[key].flatMap { Int64($0) }.map(clock.stamp) ?? "" }
            for key in ["rang", "answered", "ended"] {
                result.text("calls export", key, subject: subject, stated: row[key], audited: stamp(key))
            }
            result.text("calls export", "handler", subject: subject, stated: row["handler"], audited: audit["handler"]!)
            result.text("calls export", "held_by", subject: subject, stated: row["held_by"], audited: audit["held_by"]!)
            result.text("calls export", "incident", subject: subject, stated: row["incident"],
                        audited: audit["incident"].flatMap { Int64($0) }.map(Floor.reference) ?? "")
        }
    }

    /// A training session's debriefs, one per person: each expectation's seat (whether it was
    /// theirs) and whether they met it, their points and score, against the audit's own
    /// judging (`TrainingBook`); and the KPIs and scripted incidents' times every debrief gives.
    static func debriefs(_ path: String, _ audited: AuditedJournal, _ book: NightBook, _ end: SimTime, names: [String], _ result: inout AuditResult) throws(DebriefError) {
        let judged = try JudgedSession(path: path)
        let training = TrainingBook(audited, end: end)
        let people = AuditFigures.people(book, audited)
        let written = Dictionary(names.map { (SafeText.oneLine($0), $0) }, uniquingKeysWith: { a, _ in a })
        result.text("debrief", "people", stated: judged.people.joined(separator: ", "), audited: training.people.joined(separator: ", "))
        result.text("debrief", "trainees", stated: judged.trainees.joined(separator: ", "), audited: training.trainees.joined(separator: ", "))
        func yes(_ b: Bool) -> String { b ? "yes" : "no" }
        for (i, person) in judged.people.enumerated() {
            let d = judged.debrief(of: person)
            if i == 0 { debrief(d, book, end, &result) }
            let view = "debrief of " + person
            var possible = 0, earned = 0
            var stated: Set<String> = []
            // The person's own work, as the report's people figures have it.
            for (mine, theirs) in [("your_calls_taken", "calls_taken"), ("your_incidents_dispatched", "incidents_dispatched")] {
                let stated = d.figures.first { $0.key == mine }
                result.number(view, mine, stated: stated.map { .some($0.value) } ?? .none,
                              audited: (people["session.people.\(AuditFigures.key(person)).\(theirs)"] ?? nil) ?? 0)
            }
            for f in d.findings where f.kind != .silentClosed {
                // The debrief shows a name kept to one line; the audit knows it as written.
                let subject = written[f.subject] ?? f.subject
                stated.insert(TrainingBook.key(subject, f.kind.rawValue))
                let audit = training.judgement(of: person, subject: subject, kind: f.kind.rawValue)
                result.text(view, f.expectation + ": theirs", subject: f.subject, stated: yes(f.yours), audited: audit.map { yes($0.yours) } ?? "(not judged)")
                result.text(view, f.expectation + ": met", subject: f.subject, stated: yes(f.met), audited: audit.map { yes($0.met) } ?? "(not judged)")
                // Points by the audit's own table, not the debrief's.
                let points = TrainingBook.points[f.kind.rawValue] ?? 0
                result.number(view, f.expectation + ": points", subject: f.subject, stated: .some(Double(f.points)), audited: Double(points))
                if let audit, audit.yours {
                    possible += points
                    if audit.met { earned += points }
                }
            }
            for (key, _) in (training.judged[person] ?? [:]).sorted(by: { $0.key < $1.key }) where !stated.contains(key) {
                result.text(view, "expectation", subject: key, stated: nil, audited: "judged")
            }
            result.number(view, "points_possible", stated: .some(Double(d.pointsPossible)), audited: Double(possible))
            result.number(view, "points_met", stated: .some(Double(d.pointsMet)), audited: Double(earned))
            result.number(view, "score", stated: .some(d.score.map(Double.init)),
                          audited: possible == 0 ? nil : (Double(earned) * 100 / Double(possible)).rounded())
        }
    }

    /// A training session's debrief: its KPIs and each scripted incident's times.
    static func debrief(_ debrief: Debrief, _ book: NightBook, _ end: SimTime, _ result: inout AuditResult) {
        let audit = AuditFigures.report(book, at: end)
        let keys = ["calls_999_within_10s_percent": "calls.999.answered_within_10s_percent",
                    "grade1_within_target_percent": "attendance.grade1.within_target_percent",
                    "grade2_within_target_percent": "attendance.grade2.within_target_percent",
                    "grade1_mean_min": "attendance.grade1.mean_min",
                    "incidents_created": "incidents.created",
                    "incidents_stacked": "stacked.incidents"]
        for (key, path) in keys.sorted(by: { $0.key < $1.key }) {
            let stated = debrief.figures.first { $0.key == key }
            result.number("debrief", key, stated: stated.map { .some($0.value) } ?? .none, audited: audit[path] ?? nil)
        }
        for timeline in debrief.timelines {
            guard let ref = timeline.reference, let reference = Int64(ref), let facts = book.incidents[reference] else { continue }
            let subject = "incident \(ref) (\(timeline.subject))"
            func ms(_ t: SimTime?) -> String { t.map(String.init) ?? "" }
            let audit = AuditFigures.incident(book, facts, now: end)
            result.text("debrief", "first unit sent", subject: subject, stated: ms(timeline.dispatched), audited: audit["first_dispatched"]!)
            result.text("debrief", "first at scene", subject: subject, stated: ms(timeline.atScene), audited: audit["first_at_scene"]!)
            result.text("debrief", "closed", subject: subject, stated: ms(timeline.closed), audited: audit["closed"]!)
            result.text("debrief", "target", subject: subject, stated: ms(timeline.target), audited: audit["target"]!)
        }
    }
}
