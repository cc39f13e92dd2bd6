import DispatchEngine

/// The figures the audit works out from its book, named as the views name them: the report's
/// JSON paths ("attendance.grade1.within_target_percent"), the overview's ("overview.…"), and
/// per incident and per call the columns of the exports. A value of nil is "-": there were none.
public enum AuditFigures {
    public typealias Figures = [String: Double?]

    static func percent(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : 100 * Double(part) / Double(whole) }

    /// The attendance of each grade judged at `time` (rules in `NightBook`).
    public struct Attendance {
        public var created = 0, attended = 0, withinTarget = 0, unattendedPastTarget = 0
        public var total: SimTime = 0
        public var judged: Int { attended + unattendedPastTarget }
        public var withinPercent: Double? { percent(withinTarget, judged) }
        public var meanMinutes: Double? { attended == 0 ? nil : Double(total) / Double(attended) / 60_000 }
    }

    /// `rural`: only incidents at places in rural areas (true), urban ones (false), or all (nil),
    /// by where they were when judged.
    public static func attendance(_ book: NightBook, at time: SimTime, rural: Bool? = nil) -> [Attendance] {
        var out = Array(repeating: Attendance(), count: 4)
        let since = book.config.warmUp
        for reference in book.incidentOrder {
            guard let i = book.incidents[reference], i.openedAt >= since, i.assisting == nil else { continue }
            if rural == nil || book.rural(i.places.first?.place ?? i.place) == rural { out[i.firstGrade.rawValue - 1].created += 1 }
            // Closed as a duplicate: the incident it duplicates is judged, not this one.
            if let d = i.duplicateAt, d <= time { continue }
            // Only the first life is judged: it ends at its first close.
            if let a = i.firstCountedArrival, a.at <= time, a.at <= (i.firstClosedAt ?? .max) {
                guard a.grade.deploys, rural == nil || book.rural(i.place(at: a.at)) == rural else { continue }
                out[a.grade.rawValue - 1].attended += 1
                out[a.grade.rawValue - 1].total += a.at - i.openedAt
                if a.met { out[a.grade.rawValue - 1].withinTarget += 1 }
            } else {
                // Missed once the target passed while it was open and nobody was there (and so
                // when it was re-graded after that).
                let end = min(time, i.firstClosedAt ?? .max)
                let grade: Grade
                if let missed = i.missedUnder, i.regrades.contains(where: { $0.at <= time }) {
                    grade = missed
                } else {
                    guard let target = book.target(i, at: end), end > target else { continue }
                    grade = i.grade(at: end)
                }
                guard rural == nil || book.rural(i.place(at: end)) == rural else { continue }
                out[grade.rawValue - 1].unattendedPastTarget += 1
            }
        }
        return out
    }

    /// The report's figures at `time` (the end of the record for `report`).
    /// A person's key among the report's figures ("session.people.KEY.calls_taken").
    public static func key(_ name: String) -> String { String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }) }

    public static func report(_ book: NightBook, at time: SimTime) -> Figures {
        var f: Figures = [:]
        let since = book.config.warmUp
        for line in Line.allCases {
            let calls = book.callOrder.compactMap { book.calls[$0] }.filter { $0.line == line && $0.rangAt >= since }
            let offered = calls.count
            let answered = calls.filter { $0.answeredAt != nil }
            let abandoned = calls.filter { $0.answeredAt == nil && $0.abandonedAt != nil }.count
            let prefix = line.isPhone ? "calls.\(line.number)" : "digital.\(line.number)"
            guard line.isPhone || offered > 0 else { continue }
            f[prefix + ".offered"] = Double(offered)
            f[prefix + ".answered"] = Double(answered.count)
            f[prefix + ".abandoned"] = Double(abandoned)
            if line.isPhone {
                let wait = answered.map { $0.answeredAt! - $0.rangAt }
                // Every caller's wait: answered, until then; gone, until they hung up; still
                // ringing, until the end.
                let ringingNow = calls.filter { $0.answeredAt == nil && $0.abandonedAt == nil && $0.waiting }
                let waits = wait + calls.compactMap { c in c.answeredAt == nil ? c.abandonedAt.map { $0 - c.rangAt } : nil }
                    + ringingNow.map { time - $0.rangAt }
                f[prefix + ".answer_mean_s"] = wait.isEmpty ? nil : Double(wait.reduce(0, +)) / Double(wait.count) / 1000
                f[prefix + ".wait_mean_all_s"] = waits.isEmpty ? nil : Double(waits.reduce(0, +)) / Double(waits.count) / 1000
                let within10 = wait.filter { $0 <= 10_000 }.count
                // Judged: answered, gone, or ringing 10 s or more.
                let ringing = calls.filter { $0.answeredAt == nil && $0.abandonedAt == nil && time - $0.rangAt >= 10_000 }.count
                let judged = answered.count + abandoned + ringing
                f[prefix + ".answered_within_10s_percent"] = percent(within10, judged)
                f[prefix + ".answer_bands_percent.under_10s"] = percent(within10, answered.count)
                f[prefix + ".answer_bands_percent.10_to_60s"] = percent(wait.filter { $0 > 10_000 && $0 <= 60_000 }.count, answered.count)
                f[prefix + ".answer_bands_percent.over_60s"] = percent(wait.filter { $0 > 60_000 }.count, answered.count)
            } else if let standard = book.config.standard(for: line) {
                let within = answered.filter { $0.answeredAt! - $0.rangAt <= standard }.count
                let waitingPast = calls.filter { $0.answeredAt == nil && $0.abandonedAt == nil && time - $0.rangAt > standard }.count
                f[prefix + ".within_standard_percent"] = percent(within, answered.count + abandoned + waitingPast)
            }
        }
        let incidents = book.incidentOrder.compactMap { book.incidents[$0] }.filter { $0.openedAt >= since }
        let graded = incidents.filter { $0.assisting == nil }
        f["incidents.created"] = Double(graded.count)
        for g in Grade.allCases { f["incidents.by_grade.grade\(g.rawValue)"] = Double(graded.filter { $0.firstGrade == g }.count) }
        f["incidents.closed"] = Double(incidents.map(\.closes).reduce(0, +))
        f["incidents.duplicates_linked"] = Double(book.callOrder.compactMap { book.calls[$0] }
            .filter { $0.rangAt >= since && $0.outcome == .duplicate && $0.rungBackAt == nil }.count)
        f["incidents.joined_as_duplicates"] = Double(incidents.filter { $0.linkedInto != nil }.count)
        f["incidents.closed_as_other_type"] = Double(incidents.filter { i in i.closingType.map { $0 != i.type } ?? false }.count)
        let attendance = attendance(book, at: time)
        for g in Grade.allCases where g.deploys {
            let a = attendance[g.rawValue - 1], key = "attendance.grade\(g.rawValue)"
            f[key + ".created"] = Double(a.created)
            f[key + ".attended"] = Double(a.attended)
            f[key + ".within_target_percent"] = a.withinPercent
            f[key + ".mean_min"] = a.meanMinutes
            f[key + ".unattended_past_target"] = Double(a.unattendedPastTarget)
        }
        for (split, rural) in [("urban", false), ("rural", true)] {
            let a = Self.attendance(book, at: time, rural: rural)
            for g in Grade.allCases where g.deploys {
                let key = "attendance.grade\(g.rawValue).\(split)"
                f[key + ".attended"] = Double(a[g.rawValue - 1].attended)
                f[key + ".within_target_percent"] = a[g.rawValue - 1].withinPercent
                f[key + ".unattended_past_target"] = Double(a[g.rawValue - 1].unattendedPastTarget)
            }
        }
        f["stacked.incidents"] = Double(graded.filter(\.stacked).count)
        for (kind, t) in book.unitTime(at: time) where book.config.units.contains(where: { $0.kind.rawValue == kind }) {
            f["units.\(kind).hours_on_duty"] = Double(t.onDuty) / 3_600_000
            f["units.\(kind).committed_percent"] = t.onDuty == 0 ? nil : 100 * Double(t.committed) / Double(t.onDuty)
            f["units.\(kind).refreshments_percent"] = t.onDuty == 0 ? nil : 100 * Double(t.refreshments) / Double(t.onDuty)
        }
        // Open at the end: every incident not closed (an officer's emergency too, whenever it opened).
        f["incidents.open_at_end"] = Double(book.incidentOrder.compactMap { book.incidents[$0] }.filter { $0.closedAt == nil }.count)
        f["stacked.still_stacked_at_end"] = Double(graded.filter { i in
            i.closedAt == nil && i.reopenedAt == nil && i.stacked && i.firstSent == nil && i.grade.deploys
        }.count)
        f["calls.waiting_at_end"] = Double(book.callOrder.compactMap { book.calls[$0] }.filter { $0.line.isPhone && $0.waiting }.count)
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        let assists = incidents.filter { $0.assisting != nil }
        f["urgent_assistance.to_first_sent_mean_s"] = mean(assists.compactMap { i in i.firstSent.map { Double($0.at - i.openedAt) } }).map { $0 / 1000 }
        f["urgent_assistance.to_first_there_mean_min"] = mean(assists.compactMap { i in i.firstCountedArrival.map { Double($0.at - i.openedAt) } }).map { $0 / 60_000 }
        // Time stacked: from opening to the first send still counted, of those stacked before it.
        f["stacked.mean_min"] = mean(graded.compactMap { i in
            guard let stacked = i.stackedAt, let sent = i.firstSent, stacked <= sent.at, i.reopenedAt.map({ sent.at < $0 }) ?? true else { return nil }
            return Double(sent.at - i.openedAt)
        }).map { $0 / 60_000 }
        f["refreshments.owed"] = Double(book.breaksOwed)
        f["refreshments.started"] = Double(book.breaksStarted)
        f["refreshments.late"] = Double(book.breaksLate)
        f["refreshments.interrupted"] = Double(book.breaksInterrupted)
        f["refreshments.missed"] = Double(book.breaksMissed)
        f["callbacks.abandoned_999"] = Double(book.callbacksListed)
        f["callbacks.rung_back"] = Double(book.rungBack)
        f["urgent_assistance.raised"] = Double(incidents.filter { $0.assisting != nil }.count)
        f["radio.transmissions"] = Double(book.transmissions)
        f["radio.emergencies"] = Double(book.emergencies)
        f["radio.backup_requests"] = Double(book.backupRequests)
        f["radio.prisoners"] = Double(book.prisoners)
        // A divert withdrawn as a mistake is no diversion.
        f["radio.diversions"] = Double(book.diversions - incidents.flatMap(\.sends).filter { $0.diverted && $0.withdrawn }.count)
        return f
    }

    /// What each named person did, as the report's `session` lists them: calls they decided,
    /// incidents those made, incidents they sent the first unit to (that send still counted),
    /// and the commands of theirs the engine carried out.
    public static func people(_ book: NightBook, _ journal: AuditedJournal) -> Figures {
        var f: Figures = [:]
        var names: [String] = []
        for a in journal.actions where !a.refused {
            if case .command = a.action, let name = a.person, !names.contains(name) { names.append(name) }
        }
        var totals = (calls: 0, created: 0, dispatched: 0)
        for name in names {
            let actor = "person:" + name
            // A ring back that reaches someone is a call they took, decided like any other.
            let decided = book.callOrder.compactMap { book.calls[$0] }.filter { $0.decidedBy == actor }
            let calls = decided.count
            let created = decided.filter { $0.outcome == .incident }.count
            let dispatched = book.incidentOrder.compactMap { book.incidents[$0] }.filter { $0.firstSent?.by == actor }.count
            let commands = journal.actions.filter { a in
                guard !a.refused, a.person == name, case .command = a.action else { return false }
                return true
            }.count
            let prefix = "session.people.\(key(name))"
            f[prefix + ".calls_taken"] = Double(calls)
            f[prefix + ".incidents_created"] = Double(created)
            f[prefix + ".incidents_dispatched"] = Double(dispatched)
            f[prefix + ".commands"] = Double(commands)
            totals.calls += calls; totals.created += created; totals.dispatched += dispatched
        }
        f["session.calls_taken"] = Double(totals.calls)
        f["session.incidents_created"] = Double(totals.created)
        f["session.incidents_dispatched"] = Double(totals.dispatched)
        f["session.ended"] = journal.ended ? 1 : 0
        return f
    }

    /// What the supervisor's overview states at `time`.
    public static func overview(_ book: NightBook, at time: SimTime) -> Figures {
        var f: Figures = [:]
        let report = report(book, at: time)
        f["overview.999_within_10s_percent"] = report["calls.999.answered_within_10s_percent"] ?? nil
        let attendance = attendance(book, at: time)
        for g in 1...3 {
            f["overview.grade\(g)_within_target_percent"] = attendance[g - 1].withinPercent
            // Whole seconds, as the overview shows them.
            let a = attendance[g - 1]
            f["overview.grade\(g)_mean_s"] = a.attended == 0 ? nil : Double(a.total / SimTime(a.attended) / 1000)
        }
        let open = book.incidentOrder.compactMap { book.incidents[$0] }.filter { $0.closedAt == nil }
        for g in Grade.allCases { f["overview.open_grade\(g.rawValue)"] = Double(open.filter { $0.grade == g }.count) }
        // Overdue on the list: nobody there in its current life, past its deadline.
        f["overview.overdue"] = Double(open.filter { i in
            !i.arrivals.contains { !$0.withdrawn && $0.at >= i.lifeStart } && (book.deadline(i).map { $0 < time } ?? false)
        }.count)
        return f
    }

    /// One incident's facts as the incidents export and the record state them (`now`: the end).
    public static func incident(_ book: NightBook, _ i: NightBook.IncidentFacts, now: SimTime) -> [String: String] {
        let callsign = { (u: UnitIndex) in book.config.units[Int(u)].callsign }
        let target = book.target(i, at: now)
        // Judged when its first unit got there; else missed if its target passed while it was open.
        var met = ""
        if let d = i.duplicateAt, d <= now { met = "" }
        else if let a = i.firstCountedArrival { met = a.met ? "yes" : "no" }
        else if i.missedUnder != nil { met = "no" }
        else if let target, min(now, i.closedAt ?? now) > target { met = "no" }
        return [
            "opened": String(i.openedAt),
            "type": i.assisting == nil ? book.config.incidentTypes[Int(i.type)].name : "urgent assistance",
            "first_grade": String(i.firstGrade.rawValue),
            "grade": String(i.grade.rawValue),
            "target": target.map(String.init) ?? "",
            "first_dispatched": i.firstSent.map { String($0.at) } ?? "",
            "first_at_scene": i.firstArrival.map(String.init) ?? "",
            "target_met": met,
            "units_sent": i.unitsSent.map(callsign).joined(separator: " "),
            "duplicate_calls": String(i.duplicates),
            "duplicate_of": i.linkedInto.map(String.init) ?? "",
            "warnings_passed_to": i.warned.map(callsign).joined(separator: " "),
            "closed": i.closedAt.map(String.init) ?? "",
            "closing_type": i.closingType.map { book.config.incidentTypes[Int($0)].name } ?? "",
            "result": i.result.map { "\($0)" } ?? "",
            "opened_by": i.openedBy,
            "dispatched_by": i.firstSent?.by ?? "",
        ]
    }

    /// One call's facts as the calls export states them.
    public static func call(_ book: NightBook, _ c: NightBook.CallFacts) -> [String: String] {
        [
            "rang": String(c.rangAt),
            "answered": c.answeredAt.map(String.init) ?? "",
            "ended": c.endedAt.map(String.init) ?? "",
            "handler": c.answeredBy ?? "",
            "held_by": c.heldBy.joined(separator: " then "),
            "incident": c.incident.map(String.init) ?? "",
        ]
    }
}
