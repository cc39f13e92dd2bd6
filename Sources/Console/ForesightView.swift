import DispatchEngine
import ReadModel

/// Foresight in the supervisor's overview: the next two hours as many simulated futures see
/// them, as things are and with each what-if side by side; and the status line's word when a
/// look the person asked for is ready.
enum ForesightView {
    static let columns: [(WhatIf, String)] = [(.asThings, "as things are"), (.borrowUnit, "+1 unit lent"),
                                              (.holdBackFromGrade3, "1 kept back"), (.nextShiftEarly, "early shift")]

    static func lines(_ state: ConsoleState, _ floor: Floor) -> [SupervisorView.Line] {
        let desk = floor.foresight
        var out: [SupervisorView.Line] = []
        let under = desk.working != nil ? "; looking again now" : ""
        guard let look = desk.latest else {
            out.append(SupervisorView.Line(text: "Foresight: " + (desk.working != nil
                ? "looking \(hours(desk.horizon)) ahead in \(desk.futures) futures, in the background..."
                : "none yet: :foresee looks \(hours(desk.horizon)) ahead"),
                                           style: CellStyle(.heading, bold: true, underline: true)))
            return out
        }
        let ago = "\(max(0, floor.now - look.at.time) / Clock.minute) min"
        out.append(SupervisorView.Line(text: "Foresight: the next \(hours(look.horizon)) in \(look.outlooks.first?.futures ?? 0) futures from "
                                       + floor.clock.shortTime(look.at.time) + " (\(ago) ago\(under))",
                                       style: CellStyle(.heading, bold: true, underline: true)))
        let shown = columns.filter { look.outlook($0.0) != nil }
        func row(_ label: String, style: CellStyle = .normal, _ cell: (Outlook) -> String) {
            out.append(SupervisorView.Line(text: Render.cell(label, 19) + shown.map { Render.cell(cell(look.outlook($0.0)!), 14, alignRight: true) }.joined(),
                                           style: style))
        }
        row("") { o in columns.first { $0.0 == o.whatIf }!.1 }
        let chance = look.outlook(.asThings)?.gradeOneLateChance ?? 0
        // Each chance with its 95 % interval: 200 futures tell it to a few points, and two
        // figures closer than that are the same figure.
        func percent(_ p: Double) -> String { "\(Int((p * 100).rounded()))" }
        row("grade 1 late chance", style: chance >= 0.5 ? CellStyle(.overdue, bold: true) : chance >= 0.2 ? CellStyle(.nearTarget, bold: true) : .normal) { o in
            guard o.cannot == nil else { return "n/a" }
            return percent(o.gradeOneLateChance) + "%" + (o.gradeOneLateInterval.map { " (\(percent($0.low))-\(percent($0.high)))" } ?? "")
        }
        let hoursAhead = look.outlooks.first?.stackedAtHour.count ?? 0
        if hoursAhead > 0 { out.append(SupervisorView.Line(text: "waiting for units")) }
        for h in 0..<hoursAhead {
            row(h == 0 ? "  in 1 hour" : "  in \(h + 1) hours") { $0.cannot == nil ? String(format: "%.1f", $0.stackedAtHour[h]) : "n/a" }
        }
        row("999 within 10 s") { o in
            guard o.cannot == nil, let share = o.within10s else { return o.cannot == nil ? "-" : "n/a" }
            return percent(share) + "%" + (o.within10sInterval.map { " (\(percent($0.low))-\(percent($0.high)))" } ?? "")
        }
        out.append(SupervisorView.Line(text: "(95 % intervals in brackets" + (floor.foresight.fromFloor ? "; the floor's look, the same on every console)" : ")"),
                                       style: CellStyle(.dim)))
        for o in look.outlooks {
            guard let cannot = o.cannot, let name = columns.first(where: { $0.0 == o.whatIf })?.1 else { continue }
            let why: String
            switch cannot {
            case .noUnitToLend: why = "no response car to lend"
            case .noShiftToCall: why = "no shift still to come to call in"
            case .shiftBeyondWindow(let startsAt):
                why = "the next shift starts at \(floor.clock.shortTime(startsAt)), still after the window an hour early"
            }
            out.append(SupervisorView.Line(text: "\(name): cannot change the next \(hours(look.horizon)): \(why)", style: CellStyle(.dim)))
        }
        var what: [String] = []
        if let lent = floor.simulation.unitToBorrow(floor.coverage()), let station = lent.station {
            what.append("lent: a \(lent.kind.rawValue) car at \(SafeText.clean(floor.config.stations[station].name))")
        }
        if let next = floor.simulation.nextShift() {
            what.append("early shift: the \(floor.clock.shortTime(next.startsAt)) shift (\(next.units.count) unit\(next.units.count == 1 ? "" : "s")) on an hour early")
        }
        if !what.isEmpty { out.append(SupervisorView.Line(text: what.joined(separator: "; "), style: CellStyle(.dim))) }
        return out
    }

    static func hours(_ t: SimTime) -> String { t == Clock.hour ? "hour" : "\(t / Clock.hour) hours" }

    /// Each time round the console's loop: keeps the overview's foresight fresh in the background
    /// while it is shown, and says when a look the person asked for is ready.
    static func tick(_ state: inout ConsoleState, _ floor: Floor) {
        guard floor.foresight.tick(floor.simulation, shown: state.mode == .supervisor), state.foreseeAsked else { return }
        state.foreseeAsked = false
        guard let look = floor.foresight.latest, let now = look.outlook(.asThings) else { return }
        state.say("Foresight from \(floor.clock.shortTime(look.at.time)): a grade 1 late in the next \(hours(look.horizon)) "
                  + "\(Int((now.gradeOneLateChance * 100).rounded()))%, waiting for units in an hour "
                  + String(format: "%.1f", now.stackedAtHour.first ?? 0) + ". S for the overview.")
    }
}

extension Update {
    /// The live console's loop keeps foresight going through this (never the tests' frames, which
    /// look ahead when they choose).
    public static func foresee(_ state: inout ConsoleState, _ floor: Floor) { ForesightView.tick(&state, floor) }
}
