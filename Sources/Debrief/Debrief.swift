import ReadModel
import DispatchEngine
import Journal
import Report

/// One person's debrief of a training session: every expectation the trainer wrote that fell to
/// their seat, judged on their own actions, met or missed with the times and what it led to;
/// what others did named as theirs, for nothing; the scripted incidents against their targets;
/// the instructor's marks; the shift's KPIs; a score out of the points their seat could earn.
/// Built from the journal alone, so the same actions always give the same score.
public struct Debrief: Sendable {
    public struct Finding: Sendable, Equatable {
        /// The scripted call (or emergency) it is about, and its incident's reference.
        public var subject: String
        public var reference: String?
        /// What was expected, and of which seat.
        public var kind: ExpectationKind
        public var seat: TraineeSeat
        /// The expectation, in words ("first unit sent within 10:00 of the call").
        public var expectation: String
        /// Whether it is this person's to earn: it fell to a seat they held. Otherwise it was
        /// another's (or nobody's) and is shown as theirs, for no points.
        public var yours: Bool
        /// Met: by this person (yours), or by anyone at all (not yours).
        public var met: Bool
        /// Not met yet, but still can be: the session goes on and the incident is open (or its
        /// deadline has not passed). Only a debrief taken during a session has these.
        public var pending = false
        /// What happened, with times and who did it ("by you", "by Ash Khan", "by the engine's
        /// dispatcher"), and for a miss what it led to.
        public var detail: String
        /// When the thing expected was done (by whoever did it), if it was.
        public var at: SimTime?
        /// The points it carries; earned only when yours and met.
        public var points: Int
        public var pointsEarned: Int { yours && met ? points : 0 }
        public var pointsPossible: Int { yours ? points : 0 }
    }

    /// A scripted incident's times for the chart and the timeline table.
    public struct Timeline: Sendable, Equatable {
        public var subject: String
        public var reference: String?
        public var grade: Int?
        public var rang: SimTime?
        public var answered: SimTime?
        public var created: SimTime?
        public var dispatched: SimTime?
        public var atScene: SimTime?
        public var closed: SimTime?
        public var target: SimTime?
    }

    /// A moment the instructor marked for the group debrief.
    public struct Mark: Sendable, Equatable {
        public var at: SimTime
        public var by: String
        public var text: String
    }

    public var scenario: String
    /// The person debriefed, and the seats they held in the room's words.
    public var trainee: String
    public var seats: String
    public var seed: UInt64
    public var start: SimTime
    public var end: SimTime
    public var findings: [Finding]
    public var timelines: [Timeline]
    public var marks: [Mark] = []
    /// (name, value) of the shift's key figures, as the text says them.
    public var kpis: [(String, String)]
    /// The same figures as numbers for programs (the JSON): key, value (nil: none).
    public var figures: [(key: String, value: Double?)] = []
    public var actions: Int
    public var refused: Int
    public var clock: RoomClock
    /// Why there is no score, when there is none.
    public var noScore: String?

    /// The person's own findings, and what others did.
    public var yours: [Finding] { findings.filter(\.yours) }
    public var others: [Finding] { findings.filter { !$0.yours } }
    public var pointsMet: Int { findings.map(\.pointsEarned).reduce(0, +) }
    public var pointsPossible: Int { findings.map(\.pointsPossible).reduce(0, +) }
    /// Out of 100: the share of the points their seat could earn that they earned; nil when
    /// nothing expected fell to them (no expectations, or no trainee's seat).
    public var score: Int? {
        pointsPossible == 0 ? nil : Int((Double(pointsMet) * 100 / Double(pointsPossible)).rounded())
    }
}

/// Why a debrief cannot be given.
public enum DebriefError: Error, Sendable, Equatable, CustomStringConvertible {
    case journal(JournalError)
    /// No such person in the journal: the people it has.
    case unknownPerson(String, people: [String])
    /// A floor of several people, and nobody named.
    case whichPerson(people: [String])
    /// Journals of different scenarios or seeds, which cannot be set side by side.
    case notComparable(String)

    public var description: String {
        switch self {
        case .journal(let error): return error.description
        case let .unknownPerson(name, people):
            return "nobody named '\(SafeText.clean(name))' acted in this session; its people: "
                + (people.isEmpty ? "none" : people.map(SafeText.clean).joined(separator: ", "))
        case .whichPerson(let people):
            return "this session had several people: give --person NAME (one of " + people.map(SafeText.clean).joined(separator: ", ")
                + ") or --bay for everyone side by side"
        case .notComparable(let why): return why
        }
    }
}

extension Debrief {
    /// Reads the journal at `path` and judges `person` (nil: the console's one person, or a
    /// floor's one trainee).
    public static func build(path: String, person: String? = nil) throws(DebriefError) -> Debrief {
        let judged = try JudgedSession(path: path)
        return try judged.debrief(of: judged.resolve(person))
    }
}

/// A recorded session replayed once for judging: its facts, ledgers and seating, from which
/// each person's debrief and the bay's report are made.
public final class JudgedSession {
    let session: RecordedSession
    let facts: SessionFacts
    let calls: CallLog
    let seating: Seating
    private let alerts: AlertReplay
    /// The shift's figures where the record ends, as `report` gives them.
    let report: ReportNode

    public init(path: String) throws(DebriefError) {
        var gathered: SessionFacts?
        let calls = CallLog()
        let alerts = AlertReplay()
        do {
            session = try RecordedSession(path: path) { simulation, floor in
                let made = SessionFacts(script: simulation.config.script)
                made.attach(to: simulation)
                calls.attach(to: simulation)
                alerts.attach(to: simulation, floor: floor)
                gathered = made
            }
        } catch {
            throw .journal(error)
        }
        self.calls = calls
        self.alerts = alerts
        self.facts = gathered!
        seating = Seating(actions: session.actions, single: Self.single(session.header), areas: session.simulation.config.areas.map(\.name))
        self.facts.finish(at: session.simulation.now)
        alerts.finish(session.floor)
        // An incident past its target unattended counts as missed where the record ends.
        session.simulation.closeBooks()
        report = ShiftReport.build(session.simulation.statistics, config: session.simulation.config, start: session.replay.scenario.start)
    }

    /// The name of a console's one person (nil on a floor, whose actions each name theirs).
    static func single(_ header: SessionHeader) -> String? {
        header.role == "floor" ? nil : (header.trainee ?? header.operatorName)
    }

    /// Everyone named in the journal's actions.
    public var people: [String] { seating.people }

    /// The people who held a trainee's seat (call handling or dispatch), in the order they came.
    public var trainees: [String] { seating.people.filter { !seating.judgedSeats(of: $0).isEmpty } }

    /// Whose debrief: the name given (refused if nobody of that name acted), or the console's
    /// one person, or a floor's one trainee.
    public func resolve(_ person: String?) throws(DebriefError) -> String {
        if let person {
            guard people.contains(person) else { throw .unknownPerson(person, people: people) }
            return person
        }
        if let one = Self.single(session.header) { return one }
        if trainees.count == 1 { return trainees[0] }
        throw .whichPerson(people: people)
    }

    /// `person`'s debrief.
    public func debrief(of person: String) -> Debrief {
        let simulation = session.simulation
        let judge = Judge(session: session, facts: facts, calls: calls, seating: seating, person: person)
        let config = simulation.config
        let clock = session.floor.clock
        let (findings, timelines) = judge.findings()
        let mine = session.actions.filter { ($0.person ?? Self.single(session.header)) == person }
        let marks = session.actions.compactMap { recorded -> Debrief.Mark? in
            guard case .mark(let text) = recorded.action, recorded.refusal == nil else { return nil }
            return Debrief.Mark(at: recorded.mark.time, by: recorded.person ?? Self.single(session.header) ?? "the instructor", text: text)
        }
        var debrief = Debrief(scenario: session.replay.scenario.name, trainee: person,
                              seats: seating.words(of: person, areas: config.areas.map(\.name)),
                              seed: session.header.seed, start: 0, end: simulation.now, findings: findings,
                              timelines: timelines, marks: marks, kpis: [], actions: mine.filter { $0.refusal == nil }.count,
                              refused: mine.filter { $0.refusal != nil }.count, clock: clock)
        if debrief.pointsPossible == 0 {
            debrief.noScore = config.script.calls.allSatisfy(\.expect.isEmpty) && !config.script.cues.contains(where: { $0.acknowledgeWithin != nil || $0.assistWithin != nil })
                ? "the scenario has no scripted expectations to judge (the KPIs below still apply)"
                : seating.judgedSeats(of: person).isEmpty
                    ? "\(SafeText.clean(person)) held no call-handling or dispatch seat (\(debrief.seats)): nothing expected was theirs"
                    : "nothing the trainer expected fell to \(SafeText.clean(person))'s seat"
        }
        (debrief.kpis, debrief.figures) = kpis(for: person)
        return debrief
    }

    /// The shift's figures as `report` gives them where the record ends (an incident past its
    /// target unattended counts as missed), and the person's own: their alerts from when they
    /// joined, as seen on their own console, and their work.
    private func kpis(for person: String) -> ([(String, String)], [(key: String, value: Double?)]) {
        let simulation = session.simulation
        let config = simulation.config
        func percent(_ path: String) -> String { report.value(at: path).map { String(Int($0.rounded())) + "%" } ?? "-" }
        func minutes(_ path: String) -> String { report.value(at: path).map { String(format: "%.1f min", $0) } ?? "-" }
        var kpis: [(String, String)] = []
        kpis.append(("999 calls answered within 10 s", percent("calls.999.answered_within_10s_percent")))
        // Digital contact, where the session had any: first replies within each line's standard.
        let digital = Line.digital.filter { report.value(at: "digital.\($0.number).offered").map { $0 > 0 } ?? false }
        for line in digital {
            let standard = config.standard(for: line).map { " (\(RoomClock.elapsed($0)))" } ?? ""
            kpis.append(("\(line.contact) first reply in standard\(standard)", percent("digital.\(line.number).within_standard_percent")))
        }
        kpis.append(("grade 1 attended within target", percent("attendance.grade1.within_target_percent")))
        kpis.append(("grade 2 attended within target", percent("attendance.grade2.within_target_percent")))
        kpis.append(("grade 1 mean time to scene", minutes("attendance.grade1.mean_min")))
        kpis.append(("incidents created", report.value(at: "incidents.created").map { String(Int($0)) } ?? "0"))
        kpis.append(("incidents stacked", report.value(at: "stacked.incidents").map { String(Int($0)) } ?? "0"))
        let index = simulation.people.firstIndex(of: person) ?? (Self.single(session.header) == person ? 0 : -1)
        let load = simulation.workload.byOperator[.person(index)] ?? OperatorLoad()
        let desk = alerts.alerts(of: person, joined: seating.joined[person] ?? 0, actions: session.actions, single: Self.single(session.header))
        let seenTimes = desk.seen.compactMap { $0 }
        kpis.append(("alerts raised since you joined", "\(desk.raised.count)" + (desk.raised.isEmpty ? "" : " (" + Alert.Kind.allCases.compactMap { kind in
            let n = desk.raised.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(kind.rawValue) \(n)"
        }.joined(separator: ", ") + ")")))
        kpis.append(("alerts seen by you", desk.raised.isEmpty ? "-" : "\(seenTimes.count) of \(desk.raised.count)"
                     + (seenTimes.isEmpty ? "" : ", mean \(RoomClock.elapsed(seenTimes.reduce(0, +) / SimTime(seenTimes.count))) after raised")))
        kpis.append(("your calls taken", String(load.callsTaken)))
        kpis.append(("your incidents first dispatched", String(load.incidentsDispatched)))
        kpis.append(("your mean time to send", load.meanTimeToDispatch.map(RoomClock.elapsed) ?? "-"))
        var figures: [(key: String, value: Double?)] = [
            ("calls_999_within_10s_percent", report.value(at: "calls.999.answered_within_10s_percent")),
            ("grade1_within_target_percent", report.value(at: "attendance.grade1.within_target_percent")),
            ("grade2_within_target_percent", report.value(at: "attendance.grade2.within_target_percent")),
            ("grade1_mean_min", report.value(at: "attendance.grade1.mean_min")),
            ("incidents_created", report.value(at: "incidents.created") ?? 0),
            ("incidents_stacked", report.value(at: "stacked.incidents") ?? 0),
            ("alerts_raised", Double(desk.raised.count)),
            ("alerts_seen", Double(seenTimes.count)),
            ("alerts_seen_mean_s", seenTimes.isEmpty ? nil : Double(seenTimes.reduce(0, +)) / Double(seenTimes.count) / 1000),
            ("your_calls_taken", Double(load.callsTaken)),
            ("your_incidents_dispatched", Double(load.incidentsDispatched)),
            ("your_mean_time_to_send_s", load.meanTimeToDispatch.map { Double($0) / 1000 }),
        ]
        for line in digital {
            figures.insert(("\(line.number)_within_standard_percent", report.value(at: "digital.\(line.number).within_standard_percent")), at: 1)
        }
        return (kpis, figures)
    }
}
