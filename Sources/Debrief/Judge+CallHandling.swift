import DispatchEngine
import Journal
import ReadModel

/// The call handler's expectations: they fall to whoever took the call (or, the engine having
/// taken it, to everyone who was free in a call-handling seat while it rang), and to whoever made
/// the incident from it.
extension Judge {
    func judgeCallHandling(_ k: Int, _ spec: ScriptedCall, _ f: SessionFacts.CallFacts, _ entry: IncidentLog.Entry?, _ c: inout Context) {
        let e = spec.expect
        let row = callRow(f.number)
        let takenBy = row?.heldBy.first
        let answerers = answerers(of: f)
        // Who answered for the incident made from it: its maker and the call's taker.
        var makers: Set<String> = []
        for by in [entry?.openedBy, takenBy] where Self.isPerson(by) { makers.insert(by!) }
        if makers.isEmpty { makers = f.couldHaveTaken }
        let madeBy = entry?.openedBy
        let open = entry.map { $0.closedAt == nil } ?? true
        let made = madeFromWords(f, entry)

        if let within = e.answeredWithin, let rang = f.rangAt {
            let took = row?.answeredAt.map { $0 - rang }
            let inTime = took.map { $0 <= within } ?? false
            // A chat, an e-mail or a report is answered by its first reply.
            let written = !spec.line.isPhone
            let answered = written ? "first replied to" : "answered", waiting = written ? "they" : "the caller"
            var detail: String
            if let took {
                detail = "\(answered) by \(who(takenBy)) after \(span(took))"
                if took > within { detail += ": \(waiting) waited \(span(took - within)) past the standard" }
            } else if let gone = f.abandonedAt {
                detail = (written ? "never replied to: they left after " : "never answered: the caller hung up after ") + span(gone - rang)
            } else {
                detail = "never \(answered)"
            }
            if !Self.isPerson(takenBy), takenBy != nil, f.couldHaveTaken.contains(me) {
                detail += "; you were free to take it"
            }
            add(&c, .answered, "\(answered) within \(span(within))", responsible: answerers,
                mine: inTime && takenBy == me, anyone: inTime, detail, at: row?.answeredAt,
                stillPossible: took == nil && f.abandonedAt == nil && now <= rang + within)
        }
        if let within = e.rungBackWithin {
            let took = row?.rungBackAt.flatMap { r in f.abandonedAt.map { r - $0 } }
            let by = row?.rungBackBy
            let inTime = took.map { $0 <= within } ?? false
            let responsible = f.abandonedAt == nil ? answerers : f.couldRingBack.union(Self.isPerson(by) ? [by!] : [])
            // Answered before they hung up, there is nothing to ring back.
            let answeredFirst = f.abandonedAt == nil && row?.answeredAt != nil
            let detail = f.abandonedAt == nil
                ? (answeredFirst ? "answered by \(who(takenBy)) before the caller hung up: nothing to ring back" : "the call has not rung")
                : took.map { "rung back by \(who(by)) after \($0 > within ? span($0) + ": " + span($0 - within) + " late, while she might have needed help" : span($0))" }
                    ?? "never rung back: the caller who hung up was not called again"
            add(&c, .rungBack, "rung back within \(span(within)) of hanging up", responsible: responsible,
                mine: f.abandonedAt == nil ? (answeredFirst && takenBy == me) : inTime && by == me,
                anyone: f.abandonedAt == nil ? answeredFirst : inTime, detail, at: row?.rungBackAt ?? row?.answeredAt,
                stillPossible: took == nil && (f.abandonedAt.map { now <= $0 + within } ?? true))
        }
        if let within = e.locatedWithin {
            let truth = config.places.indices.contains(Int(spec.place)) ? floor.placeName(spec.place) : "?"
            let moved = entry?.narrative.last { if case .relocated = $0.fact { true } else { false } }
            let placedBy = moved?.by ?? madeBy
            let offBy = entry.map { simulation.world.metresOff($0.place, spec.place) }
            let foundNobody = entry?.narrative.compactMap { n -> UnitIndex? in if case .nothingFound(let u) = n.fact { u } else { nil } } ?? []
            let close = (offBy.map { $0 <= within } ?? false) && foundNobody.isEmpty
            var detail = entry.map { "placed at \(floor.placeName($0.place)) by \(who(placedBy))" } ?? noIncident(f, row)
            if let off = offBy, off > 0 { detail += ", \(Int(off.rounded())) m from where it was (\(truth))" }
            if !foundNobody.isEmpty {
                detail += "; " + foundNobody.map(floor.callsign).joined(separator: ", ") + " went there and found nobody"
            }
            add(&c, .located, "located within \(Int(within.rounded())) m of the caller", responsible: makers,
                mine: close && placedBy == me, anyone: close, detail, at: moved?.time ?? f.madeAt, stillPossible: entry == nil && open)
        }
        if let grade = e.grade {
            var detail: String
            let given = entry?.firstGrade
            if let entry, let given {
                detail = "given grade \(given.rawValue) at \(time(f.madeAt ?? entry.openedAt)) by \(who(madeBy))" + made
                if given != grade { detail += "; it was a grade \(grade.rawValue): " + misgraded(given, grade, entry, f) }
            } else {
                detail = noIncident(f, row)
            }
            add(&c, .graded, "graded \(grade.rawValue)", responsible: makers, mine: given == grade && madeBy == me,
                anyone: given == grade, detail, at: f.madeAt, stillPossible: entry == nil && open)
        }
        if e.thriveRecorded {
            let assessed = entry?.narrative.first { if case .assessed = $0.fact { true } else { false } }
            var blank: [String]?
            if case .assessed(let a)? = assessed?.fact {
                let lines = a.thrive + Array(repeating: "", count: max(0, 6 - a.thrive.count))
                blank = zip(Wording.thrive, lines).filter { $0.1.trimmedOfSpaces.isEmpty }.map { $0.0.lowercased() }
            }
            let complete = blank?.isEmpty ?? false
            let detail = blank.map { $0.isEmpty ? "threat, harm, risk, investigation, vulnerability, engagement all recorded by \(who(assessed?.by))"
                                                : "left blank by \(who(assessed?.by)): " + $0.joined(separator: ", ") + ": the next person to read it cannot see the risk" }
                ?? (entry == nil ? noIncident(f, row) : "no assessment was recorded")
            add(&c, .thrive, "every THRIVE line recorded", responsible: makers, mine: complete && assessed?.by == me,
                anyone: complete, detail, at: assessed?.time, stillPossible: entry == nil && open)
        }
        if !e.informed.isEmpty {
            let told = entry?.narrative.compactMap { n -> (Agency, String?, SimTime)? in
                if case .agencyInformed(let agency, _) = n.fact { (agency, n.by, n.time) } else { nil }
            } ?? []
            let names = e.informed.map(Self.agency)
            let missing = e.informed.filter { a in !told.contains { $0.0 == a } }
            let mineAll = e.informed.allSatisfy { a in told.contains { $0.0 == a && $0.1 == me } }
            let detail = entry == nil ? noIncident(f, row)
                : told.filter { t in e.informed.contains(t.0) }.map { "\(Self.agency($0.0)) told at \(time($0.2)) by \(who($0.1))" }
                    .joined(separator: "; ")
                    + (missing.isEmpty ? "" : (told.isEmpty ? "" : "; ") + missing.map(Self.agency).joined(separator: " and ")
                        + " never told: the officers found it with no \(missing.map(Self.agency).joined(separator: " or ")) on the way")
            add(&c, .informed, "\(names.joined(separator: " and ")) told", responsible: makers, mine: mineAll,
                anyone: missing.isEmpty && entry != nil, detail, at: told.map(\.2).max(), stillPossible: open)
        }
        if e.duplicatesLinked {
            // The further calls about it, other than the one it was made from.
            let further = f.further.filter { $0.number != entry?.callNumber }
            var responsible: Set<String> = []
            var mineCount = 0, mineLinked = 0, linked = 0
            var others: [String] = [], unlinked: [String] = []
            for call in further {
                let row = callRow(call.number)
                let taker = row?.heldBy.first
                let isLinked = row?.outcome == "duplicate" && row?.incident == entry?.reference && entry != nil
                if isLinked { linked += 1 } else {
                    // Whose it was, so a trainee who linked theirs is not told of another's miss as theirs.
                    let at = (row?.answeredAt).map { " answered at \(clock.time($0))" } ?? ""
                    let said: String = switch row?.outcome {
                    case "incident"?: "\(who(taker)) made the call\(at) a separate incident"
                    case nil: "the call\(at) not yet decided"
                    case let outcome?: "the call\(at) taken by \(who(taker)) not linked (\(outcome))"
                    }
                    unlinked.append(said)
                }
                let theirs: Set<String> = Self.isPerson(taker) ? [taker!] : call.couldHaveTaken
                responsible.formUnion(theirs)
                if theirs.contains(me) {
                    mineCount += 1
                    if isLinked && taker == me { mineLinked += 1 }
                    if taker != me { others.append("one taken by \(who(taker)) while you were free") }
                }
            }
            var detail = further.isEmpty ? "no further caller was handled" : "\(linked) of \(further.count) further calls linked"
            if mineCount > 0 { detail += "; of yours, \(mineLinked) of \(mineCount)" }
            if !others.isEmpty { detail += " (" + others.joined(separator: "; ") + ")" }
            if !unlinked.isEmpty { detail += ": " + unlinked.joined(separator: "; ") + ", and units could go twice" }
            add(&c, .linked, "further callers linked to the incident", responsible: responsible,
                mine: mineCount > 0 && mineLinked == mineCount, anyone: !further.isEmpty && linked == further.count, detail,
                stillPossible: open)
        }
        if e.stayedOnLine {
            let arrived = entry?.firstArrivedAt
            let stayed = f.stayedBy != nil
            let kept = stayed && (f.lineEndedAt == nil || (arrived.map { f.lineEndedAt! >= $0 } ?? false))
            let detail = !stayed ? (entry == nil ? noIncident(f, row) : "the call was ended when the incident was created: the caller was left alone")
                : f.lineEndedAt.map { end in "\(who(f.stayedBy)) stayed on the line until \(clock.time(end))"
                    + (arrived.map { end >= $0 ? ", officers there at \(clock.time($0))" : ", before officers arrived at \(clock.time($0)): the caller was left alone" }
                        ?? ", before any officer arrived: the caller was left alone") }
                ?? "\(who(f.stayedBy)) still on the line"
            add(&c, .stayedOnLine, "stayed on the line until officers arrived", responsible: makers,
                mine: kept && f.stayedBy == me, anyone: kept, detail, at: f.lineEndedAt, stillPossible: open)
        }
        if e.noDeployment {
            let decider = row?.handler
            let resolved = ["advice", "crime report", "transfer", "signposted", "right care right person"].contains(row?.outcome ?? "")
                || entry?.firstGrade == .resolution
            let sent = entry?.unitsSent ?? []
            let ok = resolved && sent.isEmpty
            let detail = sent.isEmpty
                ? (row?.outcome.map { "resolved as \($0) by \(who(decider))" } ?? "not resolved yet")
                    + (entry.map { " (grade \($0.firstGrade.rawValue))" } ?? "")
                : "sent " + sent.map(floor.callsign).joined(separator: ", ") + ": officers went to something that needed none"
            add(&c, .noDeployment, "resolved without deploying", responsible: answerers, mine: ok && decider == me,
                anyone: ok, detail, at: row?.endedAt, stillPossible: row?.outcome == nil)
        }
        if let closed = f.silentClosed {
            // Not an expectation of its own: what the mistake led to, said beside the others.
            let help = entry?.firstArrivedAt
            let detail = "closed with no response by \(who(closed.by)) at \(clock.time(closed.at)) while the line had sounds of someone there;"
                + (help.map { " help reached them only at \(clock.time($0))" + made } ?? " nobody was sent")
            add(&c, .silentClosed, "a real silent call kept open", responsible: Self.isPerson(closed.by) ? [closed.by] : answerers,
                mine: false, anyone: false, detail, at: closed.at)
        }
    }

    static func agency(_ a: Agency) -> String { a == .ambulance ? "ambulance" : "fire service" }

    /// Where the judged incident came from, when not from the call itself.
    func madeFromWords(_ f: SessionFacts.CallFacts, _ entry: IncidentLog.Entry?) -> String {
        guard let entry else { return "" }
        let at = " at " + clock.time(f.madeAt ?? entry.openedAt)
        switch f.madeFrom {
        case .callerAgain?: return " (from the caller ringing again\(at))"
        case .worse(let another)?: return another ? " (from another caller ringing as it got worse\(at))" : " (from the caller ringing again as it got worse\(at))"
        case .furtherCaller(let name)?: return " (from the further call '\(name)'\(at))"
        case .linked?: return " (the call linked to it\(at))"
        default: return ""
        }
    }

    /// Why no incident was made from a call: how it ended, and by whom.
    func noIncident(_ f: SessionFacts.CallFacts, _ row: CallLog.Entry?) -> String {
        guard let row else { return "the call has not rung" }
        switch row.outcome {
        case nil: return row.answeredAt == nil ? "no incident was made: the call is still ringing" : "no incident was made yet: \(who(row.handler)) is on the call"
        case "abandoned"?: return "no incident was made: the caller hung up" + (row.rungBackAt == nil ? " and was not rung back" : "")
        case "silent"?: return "no incident was made: closed as a silent call with no response by \(who(row.handler)) at \(time(row.endedAt))"
        case let outcome?: return "no incident was made: closed as \(outcome) by \(who(row.handler)) at \(time(row.endedAt))"
        }
    }

    /// What a wrong grade led to: the target it was given against the one it needed, and how
    /// long before anyone got there.
    func misgraded(_ given: Grade, _ truth: Grade, _ entry: IncidentLog.Entry, _ f: SessionFacts.CallFacts) -> String {
        let rural = area(of: entry.place).map { config.areas.indices.contains($0) && config.areas[$0].rural } ?? false
        func target(_ g: Grade) -> String { config.targets.target(for: g, rural: rural).map { "attendance within " + span($0) } ?? "no attendance" }
        if given.rawValue > truth.rawValue {
            var out = "a grade \(given.rawValue) means \(target(given)), not \(target(truth))"
            let start = f.rangAt ?? entry.openedAt
            if let needed = config.targets.target(for: truth, rural: rural) {
                if let arrived = entry.firstArrivedAt {
                    out += "; the first officer got there at \(clock.time(arrived)), \(span(arrived - start)) after the call"
                    if arrived - start > needed { out += ", \(span(arrived - start - needed)) past a grade \(truth.rawValue)'s target" }
                } else {
                    out += "; nobody got there"
                }
            }
            return out
        }
        // Too high: officers committed sooner than it needs, away from others who need them.
        if given == .immediate {
            return "a grade 1 sends officers on blue lights (\(target(given))) to what could wait (\(target(truth))), away from others who need them"
        }
        if truth == .resolution {
            return "a grade \(given.rawValue) sends officers (\(target(given))) to what needed none: it could have been resolved on the phone"
        }
        return "a grade \(given.rawValue) commits officers sooner (\(target(given))) than it needs (\(target(truth))), away from others who need them"
    }
}
