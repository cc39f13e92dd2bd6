/// Shifts: who is on duty when the run starts, booking on and off each day; and the timers for
/// the script's cues.
extension Simulation {
    func start() {
        for line in Line.allCases {
            setNextArrival(line, demand.nextArrival(on: line, after: 0) ?? .max)
        }
        for (h, handler) in world.handlers.enumerated() {
            let index = HandlerIndex(h)
            startShift(handler.shift, starts: .handlerShiftStarts(index), ends: .handlerShiftEnds(index)) { _ in
                emit(.handlerSignedOn(index))
            }
        }
        for (i, cue) in config.script.cues.enumerated() {
            schedule(.scriptCue(Int32(i)), at: cue.at)
        }
        for (u, spec) in config.units.enumerated() {
            let unit = UnitIndex(u)
            startShift(spec.shift, starts: .unitShiftStarts(unit), ends: .unitShiftEnds(unit)) {
                bookOn(unit, endsAt: $0)
            }
        }
    }

    /// Puts someone on duty now if their shift is under way, and sets the timers for the rest.
    private func startShift(_ shift: DailyShift?, starts: Happening.Due, ends: Happening.Due,
                            onDutyNow: (SimTime) -> Void) {
        guard let shift else {
            onDutyNow(.max)
            return
        }
        let timeOfDay = config.calendar.timeOfDay
        let intoShift = ((timeOfDay - shift.start) % Clock.day + Clock.day) % Clock.day
        if intoShift < shift.length {
            onDutyNow(shift.length - intoShift)
            schedule(ends, at: shift.length - intoShift)
        }
        schedule(starts, at: Clock.day - intoShift)
    }

    /// A unit's shift starts now and ends `length` later; tomorrow's starts a day from now.
    func unitShiftStarts(_ unit: UnitIndex) {
        let length = config.units[Int(unit)].shift!.length
        // Called in early for this shift (a fork's what-if): on duty already.
        let calledIn = world.units[Int(unit)].onDuty && world.units[Int(unit)].shiftEndsAt == now + length
        if !calledIn { bookOn(unit, endsAt: now + length) }
        schedule(.unitShiftEnds(unit), at: now + length)
        schedule(.unitShiftStarts(unit), at: now + Clock.day)
    }

    func bookOn(_ unit: UnitIndex, endsAt: SimTime) {
        let spec = config.units[Int(unit)]
        let home = spec.station.map { config.stations[$0].position } ?? world.units[Int(unit)].destination
        let refs = config.refreshments ? (spec.shift?.refreshmentAllowance ?? 0) : 0
        emit(.unitShiftStarted(unit, endsAt: endsAt, refs: refs, at: home))
        // A unit still on yesterday's job (a long one) works on into its new shift.
        if world.units[Int(unit)].status == .offDuty {
            statusChanged(unit, spec.station == nil ? .onDuty : .atStation)
        }
        if refs > 0 { schedule(.refreshmentsDue(unit), at: max(world.units[Int(unit)].refsFrom, now)) }
    }

    func unitShiftEnds(_ unit: UnitIndex) {
        let status = world.units[Int(unit)].status
        emit(.unitShiftEnded(unit))
        if status.isAvailable || status == .refreshments {
            if status == .refreshments { emit(.refreshmentsTaken(unit)) }  // cancels the break's timer
            statusChanged(unit, .offDuty)
            radio(Transmission(unit: unit, incident: nil, direction: .toControl, message: .bookingOff))
        }
        // A unit on a job finishes it first and books off when it is free.
    }

    func handlerShiftStarts(_ handler: HandlerIndex) {
        emit(.handlerSignedOn(handler))
        schedule(.handlerShiftEnds(handler), at: now + world.handlers[Int(handler)].shift!.length)
        schedule(.handlerShiftStarts(handler), at: now + Clock.day)
        answerWaitingCalls()
    }
}
