import DispatchEngine

/// An incident's narrative in the room's words: the record on the screen and the incident
/// export read the same lines.
public enum NarrativeWords {
    /// A narrative line with who did it: "note: ... (Sam Okafor)", "... (engine dispatcher)".
    public static func line(_ entry: NarrativeEntry, _ floor: Floor) -> String {
        of(entry.fact, floor) + (entry.by.flatMap(Wording.who).map { " (\($0))" } ?? "")
    }

    public static func of(_ fact: NarrativeEntry.Fact, _ floor: Floor) -> String {
        switch fact {
        case let .opened(_, number, line, grade, type, _):
            return "opened from \(line.number) call \(number): \(floor.typeName(type)), grade \(grade.rawValue)"
        case .duplicateCallLinked: return "further call linked (duplicate)"
        case let .linkedAsDuplicate(kept): return "a duplicate of \(Floor.reference(kept)): callers and units moved there"
        case let .duplicateJoined(reference, callers):
            return "\(Floor.reference(reference)) joined as a duplicate: \(callers) caller\(callers == 1 ? "" : "s") linked"
        case let .stacked(reason): return "stacked: \(Wording.stackReason(reason))"
        case let .regraded(grade): return "re-graded to grade \(grade.rawValue) \(Wording.grade(grade))"
        case let .assessed(a):
            return "call handler's assessment recorded" + (a.vulnerability.isEmpty ? "" : ", vulnerable: " + Wording.vulnerability(a.vulnerability))
        case let .note(text): return "note: " + SafeText.clean(text)
        case let .warningsPassed(u): return "warnings passed to \(floor.callsign(u))"
        case let .unitStoodDown(u): return "\(floor.callsign(u)) stood down"
        case let .emergencyAcknowledged(u): return "emergency from \(floor.callsign(u)) acknowledged"
        case let .unitDeployed(u, eta): return "\(floor.callsign(u)) deployed, estimated \(RoomClock.elapsed(eta)) away"
        case let .unitTakenOff(u): return "\(floor.callsign(u)) taken off for a more urgent job"
        case let .unitAtScene(u): return "\(floor.callsign(u)) at scene"
        case let .unitResult(u, r): return "\(floor.callsign(u)) result: \(Wording.result(r))"
        case let .unitCleared(u): return "\(floor.callsign(u)) cleared"
        case .unitsNotNeeded: return "no more units needed: the result is in"
        case let .backupRequested(u): return "\(floor.callsign(u)) requests backup"
        case let .urgentAssistance(u): return "\(floor.callsign(u)) URGENT ASSISTANCE (emergency button)"
        case let .reopened(by): return "reopened by " + by
        case let .deferred(until): return "left until \(floor.clock.time(until)) at the caller's request"
        case .backFromLater: return "BACK from later: on the list again, raised"
        case let .agencyInformed(agency, reference): return "\(Wording.agency(agency)) informed, their reference " + SafeText.clean(reference)
        case let .crimeRecorded(number): return "crime recorded on the phone: " + number
        case let .relocated(place): return "location revised to " + floor.placeName(place)
        case let .nothingFound(u): return "\(floor.callsign(u)) at the location given: nobody there who called"
        case let .assistanceRaised(u, job):
            return "URGENT ASSISTANCE for \(floor.callsign(u)), above every grade" + (job.map { ", from \(Floor.reference($0))" } ?? ", away from any job")
        case let .unitsRequested(n): return "\(n) more unit(s) wanted"
        case let .bookedAtScene(u, km, early):
            return "\(floor.callsign(u)) booked at scene by control while \(String(format: "%.1f", km)) km and \(RoomClock.elapsed(early)) away: attends when it gets there"
        case let .sendWithdrawn(u): return "\(floor.callsign(u)) sent in error: withdrawn (UNDONE)"
        case let .arrivalWithdrawn(u): return "\(floor.callsign(u)) booked at scene in error: still on its way (UNDONE)"
        case let .closed(type, result):
            return "closed as \(floor.typeName(type))" + (result.map { ", result \(Wording.result($0))" } ?? "")
        }
    }
}
