import DispatchEngine
import Journal
import ReadModel

/// The dispatcher's expectations: each falls to whoever dispatched the incident's area while it
/// was due: the first send until it was made or its time ran out, the skills until a unit with
/// them went, each unit's warnings when it was sent, each welfare check when it fell due, the
/// re-grade until it was made, each emergency button when it was pressed. No incident made: they
/// fall to whoever should have made it, if they were dispatching too (one person in every seat).
extension Judge {
    func judgeDispatch(_ k: Int, _ spec: ScriptedCall, _ f: SessionFacts.CallFacts, _ entry: IncidentLog.Entry?, _ c: inout Context) {
        let e = spec.expect
        let open = entry.map { $0.closedAt == nil } ?? true
        let sends = entry?.sends.filter { !$0.withdrawn } ?? []
        let end = entry?.closedAt ?? now
        let place: Int? = area(of: entry?.place ?? spec.place)
        let rang = f.rangAt ?? entry?.openedAt
        /// Who dispatched the area in [from, to] (to no earlier than from, no later than the close).
        func desk(_ from: SimTime, _ to: SimTime) -> Set<String> {
            dispatchers(area: place, from: from, to: max(from, min(to, end)))
        }
        let unmade: Set<String> = {
            guard entry == nil, let rang else { return [] }
            return answerers(of: f).intersection(desk(rang, now))
        }()
        func due(_ to: SimTime) -> Set<String> { entry.map { desk($0.openedAt, to) } ?? unmade }
        let sentBy: Set<String> = e.dispatchWithin.map { within in
            due(min(sends.first?.at ?? .max, (rang ?? 0) + within))
        } ?? due(sends.first?.at ?? end)
        let nothing = "no incident was made from it, so nothing to send to"
        func sentWords(_ s: IncidentLog.Send) -> String {
            "\(floor.callsign(s.unit)) (\(Wording.kind(config.units[Int(s.unit)].kind))) by \(who(s.by))"
        }

        if let within = e.dispatchWithin {
            let first = sends.first
            let late = first.flatMap { s in rang.map { s.at - $0 } }
            let inTime = late.map { $0 <= within } ?? false
            var detail: String
            if let first {
                detail = "first unit \(floor.callsign(first.unit)) sent at \(clock.time(first.at)) by \(who(first.by))"
                    + (late.map { ", \(span($0)) after the call" } ?? "")
                if let late, late > within { detail += " (expected within \(span(within))): \(span(late - within)) late, with nobody on the way" }
            } else if entry == nil {
                detail = nothing
            } else {
                detail = "no unit was sent" + (rang.map { " (call at \(clock.time($0)))" } ?? "")
                if let rang, now > rang + within { detail += ": it waited \(span(now - rang)) with nobody on the way" }
            }
            add(&c, .sent, "first unit sent within \(span(within)) of the call", responsible: sentBy,
                mine: inTime && first?.by == me, anyone: inTime, detail, at: first?.at,
                stillPossible: first == nil && (rang.map { now <= $0 + within } ?? true))
        }
        if !e.skills.isEmpty {
            let names = SkillSet.named.filter { e.skills.contains($0.skill) }.map(\.name)
            let with = sends.filter { config.units[Int($0.unit)].skills.isSuperset(of: e.skills) }
            var detail = sends.isEmpty ? (entry == nil ? nothing : "no unit was sent") : "sent " + sends.map(sentWords).joined(separator: ", ")
            if !sends.isEmpty && with.isEmpty {
                detail += "; none has \(names.joined(separator: ", ")): the job needed \(names.joined(separator: " and ")) and nobody there had it"
            }
            add(&c, .skills, "a unit with \(names.joined(separator: ", ")) sent", responsible: due(with.first?.at ?? end),
                mine: with.contains { $0.by == me }, anyone: !with.isEmpty, detail, at: with.first?.at, stillPossible: open)
        }
        if e.warningsPassed {
            let attended = Array(Set(sends.map(\.unit))).sorted()
            let unwarned = attended.filter { !(entry?.warnedUnits.contains($0) ?? false) }
            let passes = entry?.narrative.compactMap { n -> String? in if case .warningsPassed = n.fact { n.by ?? "world" } else { nil } } ?? []
            let all = !attended.isEmpty && unwarned.isEmpty
            let markers = entry.map { config.places.indices.contains(Int($0.place)) ? config.places[Int($0.place)].markers : [] } ?? []
            let detail = attended.isEmpty ? (entry == nil ? nothing : "no unit attended")
                : unwarned.isEmpty ? "passed to " + attended.map(floor.callsign).joined(separator: ", ") + " by " + Set(passes.map(who)).sorted().joined(separator: " and ")
                : "not passed to " + unwarned.map(floor.callsign).joined(separator: ", ")
                    + (markers.isEmpty ? "" : ": they went in not knowing the address is marked " + markers.joined(separator: "; "))
            // Each unit's warnings fall to whoever sent it or dispatched when it was sent.
            let warners = sends.isEmpty ? sentBy : sends.reduce(into: Set<String>()) { $0.formUnion(desk($1.at, $1.at)) }
            add(&c, .warnings, "warning markers passed to the attending units", responsible: warners,
                mine: all && passes.contains(me) && passes.allSatisfy { $0 == me }, anyone: all, detail,
                at: entry?.narrative.last { if case .warningsPassed = $0.fact { true } else { false } }?.time, stillPossible: open)
        }
        if e.welfareKept {
            let grace = SessionFacts.welfareGrace
            // The checks that fell due while this person dispatched the area.
            let due = f.welfare
            let mine = due.filter { check in
                guard let place else { return false }
                return seating.dispatches(person, area: place, from: check.due, to: check.due)
            }
            // Judged for those on whose watch a check fell due: none due, nobody's.
            let checkers = due.reduce(into: Set<String>()) { $0.formUnion(desk($1.due, $1.due)) }
            func kept(_ check: (unit: UnitIndex, due: SimTime, checkedAt: SimTime?, by: String?)) -> Bool {
                check.checkedAt.map { $0 <= check.due + grace } ?? false
            }
            let late = due.filter { !kept($0) }
            let worst = late.map { ($0.checkedAt ?? now) - $0.due }.max()
            var detail: String
            if due.isEmpty {
                detail = entry == nil ? nothing : "no unit was at scene long enough for a check"
            } else if late.isEmpty {
                detail = "\(due.count) checks, all on time"
            } else {
                detail = "\(late.count) of \(due.count) checks late, the worst by \(span(worst ?? 0)): officers at scene went unchecked"
            }
            let byOthers = mine.filter { $0.checkedAt != nil && $0.by != me }
            if !byOthers.isEmpty { detail += "; \(byOthers.count) of yours made by " + Set(byOthers.map { who($0.by) }).sorted().joined(separator: " and ") }
            add(&c, .welfare, "welfare checks kept while at scene", responsible: checkers,
                mine: !mine.isEmpty && mine.allSatisfy { kept($0) && $0.by == me }, anyone: !due.isEmpty && late.isEmpty, detail,
                stillPossible: open)
        }
        if let grade = e.regradedTo {
            let regrades = entry?.narrative.compactMap { n -> (Grade, String?, SimTime)? in
                if case .regraded(let g) = n.fact { (g, n.by, n.time) } else { nil }
            } ?? []
            let to = regrades.filter { $0.0 == grade }
            let detail = regrades.isEmpty ? (entry == nil ? nothing : "never re-graded: it stayed grade \(entry!.grade.rawValue) while the caller said it had got worse")
                : regrades.map { "re-graded to \($0.0.rawValue) at \(clock.time($0.2)) by \(who($0.1))" }.joined(separator: ", then ")
            add(&c, .regraded, "re-graded to \(grade.rawValue) when a further caller told more", responsible: due(to.first?.2 ?? end),
                mine: to.contains { $0.1 == me }, anyone: !to.isEmpty, detail, at: to.first?.2, stillPossible: open)
        }
        // Judged only if a button was pressed on it: there is nothing to acknowledge otherwise.
        if let within = e.emergencyAcknowledgedWithin, !f.emergencies.isEmpty {
            let inTime = f.emergencies.allSatisfy { p in p.acknowledged.map { $0 - p.pressed <= within } ?? false }
            let worst = f.emergencies.compactMap { p in p.acknowledged.map { $0 - p.pressed } }.max()
            let by = Set(f.emergencies.compactMap(\.by))
            let detail = "\(f.emergencies.count) pressed" + (worst.map { ", the slowest acknowledged after \(span($0))" } ?? "")
                + (by.isEmpty ? "" : " by " + by.map(who).sorted().joined(separator: " and "))
                + (f.emergencies.contains { $0.acknowledged == nil } ? ", not all acknowledged" : "")
            let acknowledgers = f.emergencies.reduce(into: Set<String>()) { $0.formUnion(desk($1.pressed, $1.pressed)) }
            add(&c, .emergencyOnJob, "emergency buttons acknowledged within \(span(within))", responsible: acknowledgers,
                mine: inTime && by == [me], anyone: inTime, detail, at: f.emergencies.compactMap(\.acknowledged).max(),
                stillPossible: f.emergencies.allSatisfy { p in p.acknowledged == nil && now <= p.pressed + within })
        }
        // Closing is the call handler's when it is resolved at first contact; an incident officers
        // went to is closed by their result, nobody's to earn (so not counted for anyone).
        let taker = callRow(f.number)?.heldBy.first
        let closers: Set<String> = !e.noDeployment ? [] : Self.isPerson(taker) ? [taker!] : f.couldHaveTaken
        let seat = ExpectationKind.closingType.seat(noDeployment: e.noDeployment)
        if let type = e.closingType {
            let ok = entry?.closingType == type
            add(&c, .closingType, seat: seat, "closed as \(floor.typeName(type))", responsible: closers,
                mine: ok && entry?.closedBy == me, anyone: ok,
                entry?.closingType.map { "closed as \(floor.typeName($0)) at \(time(entry?.closedAt)) by \(who(entry?.closedBy))" } ?? (entry == nil ? noIncident(f, callRow(f.number)) : "not closed"),
                at: entry?.closedAt, stillPossible: open)
        }
        if let result = e.result {
            let ok = entry?.result == result
            add(&c, .result, seat: seat, "result: \(Wording.result(result))", responsible: closers,
                mine: ok && entry?.closedBy == me, anyone: ok,
                entry?.result.map { "result: \(Wording.result($0)) by \(who(entry?.closedBy))" } ?? "no result", at: entry?.closedAt, stillPossible: open)
        }
    }
}
