import ReadModel
import DispatchEngine
import Journal
import Report

/// The debrief of a training session: every expectation the trainer wrote, met or missed with
/// the times; the scripted incidents against their targets; the shift's KPIs; a score with how
/// it was reached. Built from the journal alone, so the same actions always give the same score.
public struct Debrief: Sendable {
    public struct Finding: Sendable, Equatable {
        /// The scripted call (or emergency) it is about, and its incident's reference.
        public var subject: String
        public var reference: String?
        /// The expectation, in words ("dispatched within 10:00").
        public var expectation: String
        public var met: Bool
        /// Not met yet, but still can be: the session goes on and the incident is open (or its
        /// deadline has not passed). Only a debrief taken during a session has these.
        public var pending = false
        /// What happened, with times.
        public var detail: String
        public var points: Int
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

    public var scenario: String
    public var trainee: String
    public var seed: UInt64
    public var start: SimTime
    public var end: SimTime
    public var findings: [Finding]
    public var timelines: [Timeline]
    /// (name, value) of the shift's key figures, as the text says them.
    public var kpis: [(String, String)]
    /// The same figures as numbers for programs (the JSON): key, value (nil: none), unit.
    public var figures: [(key: String, value: Double?)] = []
    public var actions: Int
    public var refused: Int
    public var clock: RoomClock

    public var pointsMet: Int { findings.filter(\.met).map(\.points).reduce(0, +) }
    public var pointsPossible: Int { findings.map(\.points).reduce(0, +) }
    /// Out of 100: the share of the expectations' points met; nil when nothing was expected (a
    /// scenario without scripted expectations).
    public var score: Int? {
        pointsPossible == 0 ? nil : Int((Double(pointsMet) * 100 / Double(pointsPossible)).rounded())
    }
}

extension Debrief {
    /// Points per kind of expectation: what puts the public or officers at risk weighs most.
    enum Points {
        static let grade = 15, dispatch = 20, skills = 10, warnings = 15, duplicates = 10, welfare = 10
        static let noDeployment = 15, closing = 5, emergency = 20, assistance = 20
        static let answered = 10, located = 15, thrive = 10, regrade = 15, ringBack = 15, stayed = 10
    }

    /// Reads the journal at `path` and judges the session. `person`: on a floor of many
    /// consoles, whose debrief it is: "you" is them, their own actions and workload are counted,
    /// and what others did is said as theirs (nil: the console's one person).
    public static func build(path: String, person: String? = nil) throws(JournalError) -> Debrief {
        var facts: SessionFacts?
        let alerts = AlertReplay()
        let session = try RecordedSession(path: path) { simulation, floor in
            let gathered = SessionFacts(script: simulation.config.script)
            gathered.attach(to: simulation)
            facts = gathered
            alerts.attach(to: simulation, floor: floor)
        }
        let simulation = session.simulation
        facts!.finish(at: simulation.now, simulation)
        alerts.finish(session.floor)
        return build(session, facts!, alerts, person: person)
    }

    static func build(_ session: RecordedSession, _ facts: SessionFacts, _ alerts: AlertReplay, person: String? = nil) -> Debrief {
        let simulation = session.simulation
        // Who "you" are: a floor's person by name (one who never acted is nobody's index).
        let you: Actor = person.map { name in .person(simulation.people.firstIndex(of: name) ?? -1) } ?? .you
        /// Who did it, as the trainee reads it.
        func byWhom(_ actor: Actor?, other: String) -> String {
            guard let actor else { return "" }
            if actor == you { return "by you" }
            if case .person(let p) = actor, p > 0, p < simulation.people.count { return "by " + SafeText.clean(simulation.people[p]) }
            return other
        }
        // A console of its own journals its one person's name (older journals none).
        let me = person ?? (simulation.people[0].isEmpty ? nil : simulation.people[0])
        let mine = session.actions.filter { $0.person == me || (person == nil && $0.person == nil) }
        let config = simulation.config
        let floor = session.floor
        let clock = floor.clock
        var findings: [Finding] = []
        var timelines: [Timeline] = []
        func time(_ t: SimTime?) -> String { t.map(clock.time) ?? "never" }
        func span(_ t: SimTime) -> String { RoomClock.elapsed(t) }

        // During a session, what can still be done is not yet missed.
        let goingOn = !session.progress.ended && simulation.now < config.duration
        let now = simulation.now
        for (k, spec) in config.script.calls.enumerated() {
            let f = facts.calls[k]
            // How its incident went: units sent, arrivals, warnings, grade, closing.
            let log = f.reference.flatMap(session.incidents.entry(reference:))
            let sent = log?.unitsSent ?? []
            let e = spec.expect
            let reference = f.reference.map(Floor.reference)
            let subject = spec.name
            let open = log?.closedAt == nil
            func add(_ expectation: String, _ met: Bool, _ detail: String, _ points: Int, stillPossible: Bool? = nil) {
                findings.append(Finding(subject: subject, reference: reference, expectation: expectation, met: met,
                                        pending: !met && goingOn && (stillPossible ?? open), detail: detail, points: points))
            }
            if spec.duplicateOf == nil {
                timelines.append(Timeline(subject: subject, reference: reference, grade: log?.grade.rawValue, rang: f.rangAt,
                                          answered: f.answeredAt, created: f.createdAt, dispatched: log?.firstAssignedAt,
                                          atScene: log?.firstArrivedAt, closed: log?.closedAt, target: log?.targetAt))
            }
            guard !e.isEmpty else { continue }
            if let grade = e.grade {
                let given = f.gradeGiven ?? log?.grade
                add("graded \(grade.rawValue)", given == grade,
                    given.map { "given grade \($0.rawValue)" + (f.createdAt.map { " at \(clock.time($0))" } ?? "") } ?? "no incident was created",
                    Points.grade)
            }
            if let within = e.dispatchWithin {
                let first = log?.firstAssignedAt
                let late = first.flatMap { t in f.rangAt.map { t - $0 } }
                add("first unit sent within \(span(within)) of the call", late.map { $0 <= within } ?? false,
                    first.map { "first unit sent at \(clock.time($0))" + (late.map { ", \(span($0)) after the call" } ?? "") }
                        ?? "no unit was sent" + (f.rangAt.map { " (call at \(clock.time($0)))" } ?? ""),
                    Points.dispatch, stillPossible: first == nil && (f.rangAt.map { now <= $0 + within } ?? true))
            }
            if !e.skills.isEmpty {
                let units = sent
                let with = units.filter { config.units[Int($0)].skills.isSuperset(of: e.skills) }
                let names = SkillSet.named.filter { e.skills.contains($0.skill) }.map(\.name).joined(separator: ", ")
                add("a unit with \(names) sent", !with.isEmpty,
                    units.isEmpty ? "no unit was sent"
                        : "sent " + units.map(floor.callsign).joined(separator: ", ") + (with.isEmpty ? "; none has \(names)" : ""),
                    Points.skills)
            }
            if e.warningsPassed {
                let attended = Array(Set(sent)).sorted()
                let unwarned = attended.filter { !(log?.warnedUnits.contains($0) ?? false) }
                add("warning markers passed to the attending units", !attended.isEmpty && unwarned.isEmpty,
                    attended.isEmpty ? "no unit attended"
                        : unwarned.isEmpty ? "passed to " + attended.map(floor.callsign).joined(separator: ", ")
                        : "not passed to " + unwarned.map(floor.callsign).joined(separator: ", "),
                    Points.warnings)
            }
            if e.duplicatesLinked {
                add("further callers linked to the incident", f.furtherCalls > 0 && f.furtherLinked == f.furtherCalls,
                    f.furtherCalls == 0 ? "no further caller was handled"
                        : "\(f.furtherLinked) of \(f.furtherCalls) further calls linked", Points.duplicates)
            }
            if e.welfareKept {
                add("welfare checks kept while at scene", f.welfareDue > 0 && f.welfareLate == 0,
                    f.welfareDue == 0 ? "no unit was at scene long enough for a check"
                        : f.welfareLate == 0 ? "\(f.welfareDue) checks, all on time"
                        : "\(f.welfareLate) of \(f.welfareDue) checks late, the worst by \(span(f.welfareWorst))",
                    Points.welfare)
            }
            if e.noDeployment {
                add("resolved without deploying", sent.isEmpty && (f.gradeGiven == .resolution || f.incident == nil ? true : log?.grade == .resolution),
                    sent.isEmpty ? "no unit sent" + (f.gradeGiven.map { ", graded \($0.rawValue)" } ?? "")
                        : "sent " + sent.map(floor.callsign).joined(separator: ", "),
                    Points.noDeployment)
            }
            // Judged only if a button was pressed on it: there is nothing to acknowledge otherwise.
            if let within = e.emergencyAcknowledgedWithin, !f.emergencies.isEmpty {
                let late = f.emergencies.filter { p in p.acknowledged.map { $0 - p.pressed > within } ?? true }
                let worst = f.emergencies.compactMap { p in p.acknowledged.map { $0 - p.pressed } }.max()
                add("emergency buttons acknowledged within \(span(within))", late.isEmpty,
                    "\(f.emergencies.count) pressed" + (worst.map { ", the slowest acknowledged after \(span($0))" } ?? "")
                        + (f.emergencies.contains { $0.acknowledged == nil } ? ", not all acknowledged" : ""),
                    Points.emergency,
                    stillPossible: f.emergencies.allSatisfy { p in p.acknowledged == nil && now <= p.pressed + within })
            }
            if let within = e.answeredWithin {
                let took = f.answeredAt.flatMap { a in f.rangAt.map { a - $0 } }
                // A chat, an e-mail or a report is answered by its first reply.
                let written = !spec.line.isPhone
                let answered = written ? "first replied to" : "answered", who = written ? "they" : "the caller"
                add("\(answered) within \(span(within))", took.map { $0 <= within } ?? false,
                    took.map { "\(answered) after \(span($0))" + ($0 > within ? ": \(who) waited \(span($0 - within)) past the standard" : "") }
                        ?? (f.abandonedAt != nil ? (written ? "never replied to: they left the chat after " : "never answered: the caller hung up after ")
                                + span(f.abandonedAt! - (f.rangAt ?? 0)) : "never \(answered)"),
                    Points.answered, stillPossible: took == nil && f.abandonedAt == nil && (f.rangAt.map { now <= $0 + within } ?? true))
            }
            if let within = e.locatedWithin {
                let truth = config.places.indices.contains(Int(spec.place)) ? floor.placeName(spec.place) : "?"
                let met = (f.offBy.map { $0 <= within } ?? false) && f.foundNobody.isEmpty
                var detail = f.placeGiven.map { "placed at \(floor.placeName($0))" } ?? "no incident was created"
                if let off = f.offBy, off > 0 { detail += ", \(Int(off.rounded())) m from where it was (\(truth))" }
                if !f.foundNobody.isEmpty {
                    detail += "; " + f.foundNobody.map(floor.callsign).joined(separator: ", ") + " went there and found nobody"
                }
                add("located within \(Int(within.rounded())) m of the caller", met, detail, Points.located, stillPossible: f.placeGiven == nil && open)
            }
            if e.thriveRecorded {
                let assessment = log?.narrative.lazy.compactMap { entry -> Assessment? in
                    if case .assessed(let a) = entry.fact { return a } else { return nil }
                }.first
                let blank = assessment.map { a in zip(Wording.thrive, a.thrive + Array(repeating: "", count: max(0, 6 - a.thrive.count))).filter { $0.1.trimmedOfSpaces.isEmpty }.map { $0.0.lowercased() } }
                add("every THRIVE line recorded", blank?.isEmpty ?? false,
                    blank.map { $0.isEmpty ? "threat, harm, risk, investigation, vulnerability, engagement all recorded" : "left blank: " + $0.joined(separator: ", ") }
                        ?? (f.incident == nil ? "no incident was created" : "no assessment was recorded"),
                    Points.thrive)
            }
            if let grade = e.regradedTo {
                let current = log?.grade
                add("re-graded to \(grade.rawValue) when a further caller told more", f.regrades.contains(grade) || (f.gradeGiven != grade && current == grade),
                    f.regrades.isEmpty ? "never re-graded" + (current.map { ": it stayed grade \($0.rawValue)" } ?? "")
                        : "re-graded to " + f.regrades.map { String($0.rawValue) }.joined(separator: ", then "),
                    Points.regrade)
            }
            if let within = e.rungBackWithin {
                let took = f.rungBackAt.flatMap { r in f.abandonedAt.map { r - $0 } }
                let who = byWhom(f.rungBackBy, other: "by another handler")
                // Answered before they hung up, there is nothing to ring back.
                add("rung back within \(span(within)) of hanging up", took.map { $0 <= within } ?? (f.abandonedAt == nil && f.answeredAt != nil),
                    f.abandonedAt == nil ? (f.answeredAt != nil ? "answered before the caller hung up: nothing to ring back" : "the call has not rung")
                        : took.map { "rung back \(who) after \(span($0))" } ?? "never rung back: the caller who hung up was not called again",
                    Points.ringBack, stillPossible: took == nil && (f.abandonedAt.map { now <= $0 + within } ?? true))
            }
            if e.stayedOnLine {
                let arrived = log?.firstArrivedAt
                let kept = f.stayed && (f.lineEndedAt == nil || (arrived.map { f.lineEndedAt! >= $0 } ?? false))
                add("stayed on the line until officers arrived", kept,
                    !f.stayed ? "the call was ended when the incident was created: the caller was left alone"
                        : f.lineEndedAt.map { end in "on the line until \(clock.time(end))" + (arrived.map { end >= $0 ? ", officers there at \(clock.time($0))" : ", before officers arrived at \(clock.time($0))" } ?? ", before any officer arrived") }
                        ?? "still on the line",
                    Points.stayed, stillPossible: open)
            }
            if f.closedSilentWhileReal {
                // Not an expectation of its own: what the mistake led to, said beside the others.
                findings.append(Finding(subject: subject, reference: reference, expectation: "a real silent call kept open",
                                        met: false, detail: "closed with no response while the line had sounds of someone there;"
                                            + (log?.firstArrivedAt.map { " help reached them only at \(clock.time($0))" } ?? " nobody was sent"),
                                        points: 0))
            }
            if let type = e.closingType {
                add("closed as \(floor.typeName(type))", log?.closingType == type,
                    log?.closingType.map { "closed as \(floor.typeName($0)) at \(time(log?.closedAt))" } ?? "not closed", Points.closing)
            }
            if let result = e.result {
                add("result: \(Wording.result(result))", log?.result == result,
                    log?.result.map { "result: \(Wording.result($0))" } ?? "no result", Points.closing)
            }
        }
        for emergency in facts.emergencies {
            /// Something done about the button in time: `done` when, `by` whom.
            func inTime(_ within: SimTime, done: SimTime?, by: Actor?, _ expectation: String, _ doneWords: String,
                        never: String, points: Int) {
                let took = done.flatMap { a in emergency.pressedAt.map { a - $0 } }
                let who = byWhom(by, other: "by the engine")
                let stillPossible = done == nil && (emergency.pressedAt.map { now <= $0 + within } ?? true)
                findings.append(Finding(
                    subject: "\(floor.callsign(emergency.unit)) emergency button", reference: nil,
                    expectation: "\(expectation) within \(span(within))", met: took.map { $0 <= within } ?? false,
                    pending: goingOn && stillPossible,
                    detail: emergency.pressedAt == nil ? "the button was not pressed (the officer was off duty)"
                        : took.map { "\(doneWords) \(who) after \(span($0))" } ?? never,
                    points: points))
            }
            let cue = config.script.cues[emergency.cue]
            // Help on the way: the first unit sent to the officer's urgent assistance.
            if let within = cue.assistWithin {
                inTime(within, done: emergency.firstSentAt, by: emergency.firstSentBy, "a unit sent to the officer",
                       "first unit sent", never: "no unit sent to the officer", points: Points.assistance)
            }
            if let within = cue.acknowledgeWithin {
                inTime(within, done: emergency.acknowledgedAt, by: emergency.acknowledgedBy, "acknowledged",
                       "acknowledged", never: "never acknowledged", points: Points.emergency)
            }
        }

        // The report's figures where the record ends, as `report` gives them (an incident past
        // its target unattended counts as missed).
        simulation.closeBooks()
        let statistics = simulation.statistics
        var kpis: [(String, String)] = []
        let report = ShiftReport.build(statistics, config: config, start: session.replay.scenario.start)
        func percent(_ path: String) -> String { report.value(at: path).map { String(Int($0.rounded())) + "%" } ?? "-" }
        func minutes(_ path: String) -> String { report.value(at: path).map { String(format: "%.1f min", $0) } ?? "-" }
        kpis.append(("999 calls answered within 10 s", percent("calls.999.answered_within_10s_percent")))
        // Digital contact, where the session had any: first replies within each line's standard.
        let digital = Line.digital.filter { report.value(at: "digital.\($0.number).offered").map { $0 > 0 } ?? false }
        for line in digital {
            let standard = config.standard(for: line).map { " (\(span($0)))" } ?? ""
            kpis.append(("\(line.contact) first reply in standard\(standard)", percent("digital.\(line.number).within_standard_percent")))
        }
        kpis.append(("grade 1 attended within target", percent("attendance.grade1.within_target_percent")))
        kpis.append(("grade 2 attended within target", percent("attendance.grade2.within_target_percent")))
        kpis.append(("grade 1 mean time to scene", minutes("attendance.grade1.mean_min")))
        kpis.append(("incidents created", report.value(at: "incidents.created").map { String(Int($0)) } ?? "0"))
        kpis.append(("incidents stacked", report.value(at: "stacked.incidents").map { String(Int($0)) } ?? "0"))
        let load = simulation.workload.byOperator[you] ?? OperatorLoad()
        let seenTimes = alerts.seen.compactMap { $0 }
        kpis.append(("alerts raised", "\(alerts.desk.list.count)" + (alerts.desk.list.isEmpty ? "" : " (" + Alert.Kind.allCases.compactMap { kind in
            let n = alerts.desk.count(kind)
            return n == 0 ? nil : "\(kind.rawValue) \(n)"
        }.joined(separator: ", ") + ")")))
        kpis.append(("alerts seen by you", alerts.desk.list.isEmpty ? "-" : "\(seenTimes.count) of \(alerts.desk.list.count)"
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
            ("alerts_raised", Double(alerts.desk.list.count)),
            ("alerts_seen", Double(seenTimes.count)),
            ("alerts_seen_mean_s", seenTimes.isEmpty ? nil : Double(seenTimes.reduce(0, +)) / Double(seenTimes.count) / 1000),
            ("your_calls_taken", Double(load.callsTaken)),
            ("your_incidents_dispatched", Double(load.incidentsDispatched)),
            ("your_mean_time_to_send_s", load.meanTimeToDispatch.map { Double($0) / 1000 }),
        ]

        for line in digital {
            let key = "\(line.number)_within_standard_percent"
            figures.insert((key, report.value(at: "digital.\(line.number).within_standard_percent")), at: 1)
        }
        // The whole session from the scenario's start: a training script starts there.
        let start: SimTime = 0
        var debrief = Debrief(scenario: session.replay.scenario.name, trainee: person ?? session.header.trainee ?? session.header.operatorName,
                              seed: session.header.seed, start: start, end: simulation.now, findings: findings,
                              timelines: timelines, kpis: kpis, actions: mine.filter { $0.refusal == nil }.count,
                              refused: mine.filter { $0.refusal != nil }.count, clock: clock)
        debrief.figures = figures
        return debrief
    }
}
