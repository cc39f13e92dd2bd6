import DispatchEngine

/// One line of an incident's narrative: a timestamped fact about it.
public struct NarrativeEntry: Sendable, Equatable {
    public enum Fact: Sendable, Equatable {
        case opened(reference: Int64, callNumber: Int64, line: Line, grade: Grade, type: Int32, caller: String?)
        case duplicateCallLinked
        /// Joined to the incident it duplicates (that one's reference): closed as a duplicate.
        case linkedAsDuplicate(of: Int64)
        /// A duplicate incident joined to this one, with how many callers it brought.
        case duplicateJoined(Int64, callers: Int)
        case stacked(StackReason)
        case regraded(Grade)
        /// The call handler's THRIVE, vulnerability flags, caller details and narrative.
        case assessed(Assessment)
        case note(String)
        case warningsPassed(UnitIndex)
        case unitStoodDown(UnitIndex)
        case emergencyAcknowledged(UnitIndex)
        case unitDeployed(UnitIndex, eta: SimTime)
        case unitTakenOff(UnitIndex)
        case unitAtScene(UnitIndex)
        case unitResult(UnitIndex, JobResult)
        /// Cleared after the incident's result was given.
        case unitCleared(UnitIndex)
        /// The result is in: the units still wanted are not needed.
        case unitsNotNeeded
        case backupRequested(UnitIndex)
        case urgentAssistance(UnitIndex)
        /// An urgent-assistance incident raised for the officer, from the job `linkedTo` (its reference).
        case assistanceRaised(UnitIndex, linkedTo: Int64?)
        case unitsRequested(Int32)
        case closed(closingType: Int32, result: JobResult?)
        /// Opened again after closing, by whom.
        case reopened(by: String)
        /// Left until this time at the caller's request; back on the list, raised.
        case deferred(until: SimTime)
        case backFromLater
        /// Moved to this place (corrected, or a vague location narrowed).
        case relocated(place: Int32)
        /// Police attend; that service told too, with their reference.
        case agencyInformed(Agency, reference: String)
        /// Recorded on the phone as a crime, with its crime number.
        case crimeRecorded(number: String)
        /// Officers at the place given found nobody who called.
        case nothingFound(UnitIndex)
        /// Booked at scene by control while still `km` and `early` away: attends when it gets there.
        case bookedAtScene(UnitIndex, km: Double, early: SimTime)
        /// A send undone as a mistake: counted nowhere.
        case sendWithdrawn(UnitIndex)
        /// A unit booked at scene in error: back on its way, its arrival withdrawn.
        case arrivalWithdrawn(UnitIndex)
    }

    public var time: SimTime
    public var fact: Fact
    /// Who did it ("person:NAME", "engine:dispatcher"; nil: the world, a caller or a unit).
    public var by: String?

    public init(time: SimTime, fact: Fact, by: String? = nil) {
        self.time = time; self.fact = fact; self.by = by
    }
}
