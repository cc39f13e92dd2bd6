import DispatchEngine

/// An incident as the list shows it.
public struct IncidentRow: Sendable, Equatable {
    public var id: IncidentID
    public var reference: Int64
    public var grade: Grade
    /// Index of the incident type and of the place; their names are in the floor's tables.
    public var typeIndex: Int32
    public var placeIndex: Int32
    public var area: Int
    public var age: SimTime
    /// Time left to the attendance target (negative: overdue); nil once attended or without one.
    public var toTarget: SimTime?
    public var target: SimTime?
    public var createdAt: SimTime
    public var targetAt: SimTime?
    /// A unit has been at scene.
    public var attended: Bool
    /// When the first unit was at scene (nil: not yet).
    public var firstArrivedAt: SimTime?
    /// Whether it met its attendance target (`Attendance.met`).
    public func met(at now: SimTime) -> Bool? { Attendance.met(target: targetAt, firstArrival: firstArrivedAt, now: now) }
    /// The target's time while nobody has attended: what the risk order reads.
    var waitingTargetAt: SimTime? { attended ? nil : targetAt }
    public var status: IncidentStatus
    public var units: [UnitIndex]
    public var warnings: Bool
    public var duplicates: Int
    /// Urgent assistance for this officer: listed above every grade.
    public var assisting: UnitIndex? = nil
    /// Waiting, left alone, until then (the caller asked for later).
    public var deferredUntil: SimTime? = nil
    /// Why it was last stacked, if it was.
    public var stackReason: StackReason? = nil

    /// Overdue: unattended past its target. Near: within the last quarter of it.
    public var overdue: Bool { (toTarget ?? 1) < 0 }
    public var nearTarget: Bool {
        guard let left = toTarget, let target else { return false }
        return left >= 0 && left * 4 <= target
    }
}

/// A unit as the resource board shows it.
public struct UnitRow: Sendable, Equatable {
    public var unit: UnitIndex
    public var callsign: String
    public var kind: UnitKind
    public var crew: Int
    public var status: UnitStatus
    public var incident: Int64?
    public var area: String
    public var inStatus: SimTime
    public var skills: [String]
    /// At scene with its welfare check overdue.
    public var welfareOverdue: Bool
}

/// The room's read model: a window on the running world: reads the simulation, keeps the narratives and
/// the radio log, and derives the rows each pane shows. It never changes the world. The console, the journal's reports and the
/// debrief read it; nothing in it is drawn.
public final class Floor {
    public let simulation: Simulation
    /// Every incident of the session as it went, with its narrative.
    public let incidents: IncidentLog
    public let radio: RadioLog
    public let history: ShiftHistory
    /// Foresight for the overview, looked for in the background.
    public let foresight = ForesightDesk()
    public let clock: RoomClock
    public let scenarioName: String
    /// Why the session's record cannot be written now (nil: it is being written, or there is no
    /// record, as in the tests). Whoever keeps the record sets it; while it says something, the
    /// console refuses every action and does not acknowledge one whose record failed.
    public var recordProblem: () -> String? = { nil }
    /// How the person's actions reach the world: nil, performed here; on a floor of many
    /// consoles, sent to the floor and answered once it has journalled them (the replica here
    /// has then performed them too). `across`: the person was asked (another dispatcher's area)
    /// and said yes.
    public var sendAction: ((_ action: OperatorAction, _ across: Bool) -> FloorAnswer)?
    /// On a floor of many consoles, who sits where (empty: a console of its own).
    public var people: [FloorPerson] = []

    private var cachedKey: CacheKey?
    private var cachedRows: IncidentRows?
    private let list = IncidentList()
    private var cachedUnitsAt: (UInt64, SimTime)?
    private var cachedUnits: [UnitRow] = []
    private var cachedCountsAt: (UInt64, SimTime)?
    private var cachedCounts = Counts()

    /// Names made safe for the terminal once, not every frame.
    public let typeNames: [String]
    public let placeNames: [String]
    /// The places' words indexed for the call form's search (built on first use).
    public lazy var placeIndex = GazetteerIndex(names: placeNames)
    public let areaNames: [String]
    public let callsigns: [String]
    private let unitOrder: [Int]
    /// Each place's area, read on every row; each unit's area name and skills, on every board.
    private let placeAreas: [Int]
    private let unitAreas: [String]
    private let unitSkills: [[String]]

    struct CacheKey: Equatable {
        var version: UInt64
        var now: SimTime
        var query: IncidentQuery
    }

    /// `person`: how the person's actions are named (who opened an incident); `radioCapacity`:
    /// how many transmissions the radio log keeps (a recorded session keeps them all).
    public init(simulation: Simulation, scenarioName: String, person: String = "person", radioCapacity: Int = 5_000) {
        self.simulation = simulation
        self.scenarioName = scenarioName
        incidents = IncidentLog(person: person)
        radio = RadioLog(capacity: radioCapacity)
        history = ShiftHistory()
        let config = simulation.config
        typeNames = config.incidentTypes.map { SafeText.clean($0.name) }
        placeNames = config.places.map { SafeText.clean($0.name) }
        areaNames = config.areas.map { SafeText.clean($0.name) }
        let signs = config.units.map { SafeText.clean($0.callsign) }
        callsigns = signs
        placeAreas = config.places.map(\.area)
        let areas = areaNames
        unitAreas = config.units.map { areas.indices.contains($0.area) ? areas[$0.area] : "-" }
        unitSkills = config.units.map(\.skills.names)
        // The board's order: by area as the scenario lists them, then by callsign.
        unitOrder = config.units.indices.sorted { a, b in
            let aa = config.units[a].area, ab = config.units[b].area
            return aa != ab ? aa < ab : signs[a] < signs[b]
        }
        clock = RoomClock(start: simulation.config.calendar)
        incidents.attach(to: simulation)
        list.attach(to: simulation)
        radio.attach(to: simulation)
        history.attach(to: simulation)
        simulation.actionObservers.append { [unowned self, unowned simulation] action, mark, refusal in
            guard case .mark(let text) = action, refusal == nil else { return }
            let by = simulation.performing ?? (simulation.people.first.map { $0.isEmpty ? "the instructor" : $0 } ?? "the instructor")
            self.marks.append(InstructorMark(at: mark.time, by: SafeText.clean(by), text: SafeText.clean(text)))
        }
    }

    /// The moments the instructor marked for the group debrief, oldest first: as the session
    /// goes, as a replay reaches them, on every console of a floor.
    public private(set) var marks: [InstructorMark] = []

    /// Each area's coverage now; worked out once for a state of the world, however many of the
    /// frame's parts (the alerts, the overview, the map) ask.
    public func coverage() -> [AreaCoverage] {
        if let memo = coverageMemo, memo.version == world.version, memo.now == now { return memo.value }
        let value = simulation.coverage()
        coverageMemo = (world.version, now, value)
        return value
    }
    private var coverageMemo: (version: UInt64, now: SimTime, value: [AreaCoverage])?

    public var world: World { simulation.world }
    public var config: WorldConfig { simulation.config }
    public var now: SimTime { simulation.now }

    public func typeName(_ type: Int32) -> String { typeNames[Int(type)] }

    public func placeName(_ place: Int32) -> String { placeNames.isEmpty ? "(no map)" : placeNames[Int(place)] }

    public func areaName(_ area: Int) -> String { areaNames.indices.contains(area) ? areaNames[area] : "-" }

    public func callsign(_ unit: UnitIndex) -> String { callsigns[Int(unit)] }

    /// Makes every incident's row again, as if all had changed (benchmarks).
    public func forgetRows() {
        cachedKey = nil
        for (slot, _) in world.incidents.live { list.mark(slot) }
    }

    // MARK: Incidents

    /// Open incidents, filtered and ordered as the query asks. Rows are made again only for the
    /// incidents events touched since the last look (`IncidentList`); the clock fills in age and
    /// time to target.
    public func incidentRows(_ query: IncidentQuery) -> IncidentRows {
        let key = CacheKey(version: world.version, now: now, query: query)
        if key == cachedKey, let cachedRows { return cachedRows }
        // Let go of the last frame's rows first, so the list mends its own copy in place.
        cachedRows = nil
        let incidents = world.incidents, generations = world.incidents.generations
        var onIncident: [Int32: [(UnitIndex, UnitStatus)]]?
        list.update(order: query.order, slots: incidents.slots) { slot in
            guard let incident = incidents.record(slot: Int(slot)) else { return nil }
            if onIncident == nil {
                var units: [Int32: [(UnitIndex, UnitStatus)]] = [:]
                for (u, unit) in world.units.enumerated() {
                    if let id = unit.incident { units[id.slot, default: []].append((UnitIndex(u), unit.status)) }
                }
                onIncident = units
            }
            return makeRow(IncidentID(slot: slot, generation: generations[Int(slot)]), incident, onIncident![slot] ?? [])
        }
        let needle = query.search.lowercased()
        var slots = list.sorted
        if query.filter.grade != nil || query.filter.area != nil || query.filter.status != nil || !needle.isEmpty {
            slots = slots.filter { slot in
                guard let row = list.rows[Int(slot)] else { return false }
                if let g = query.filter.grade, row.grade != g { return false }
                if let a = query.filter.area, row.area != a { return false }
                if let s = query.filter.status, row.status != s { return false }
                return needle.isEmpty || matches(row, needle)
            }
        }
        let rows = IncidentRows(slots: slots, rows: list.rows, keys: list.keys, now: now)
        cachedKey = key
        cachedRows = rows
        return rows
    }

    func makeRow(_ id: IncidentID, _ incident: Incident, _ units: [(UnitIndex, UnitStatus)]) -> IncidentRow {
        let status: IncidentStatus
        if units.isEmpty {
            status = incident.deferredUntil != nil ? .later : incident.backFromLaterAt != nil ? .back
                : incident.stacked ? .stacked : .new
        } else if units.contains(where: { $0.1 == .atScene || $0.1 == .emergency }) {
            // Units at the scene: at scene, whatever result the first of them gave.
            status = .atScene
        } else if units.contains(where: { $0.1 == .enRoute }) {
            status = .enRoute
        } else if incident.result != nil {
            status = .closing
        } else {
            status = .assigned
        }
        let area = placeAreas.isEmpty ? 0 : placeAreas[Int(incident.place)]
        return IncidentRow(id: id, reference: incident.reference, grade: incident.grade,
                           typeIndex: incident.type, placeIndex: incident.place, area: area,
                           age: 0, toTarget: nil, target: incident.targetAt.map { $0 - incident.createdAt },
                           createdAt: incident.createdAt, targetAt: incident.targetAt, attended: incident.firstArrivedAt >= 0,
                           firstArrivedAt: incident.firstArrivedAt >= 0 ? incident.firstArrivedAt : nil, status: status, units: units.isEmpty ? [] : units.map(\.0).sorted { callsigns[Int($0)] < callsigns[Int($1)] },
                           warnings: incident.hasWarnings, duplicates: Int(incident.duplicateCalls),
                           assisting: incident.assisting, deferredUntil: incident.deferredUntil, stackReason: incident.stackReason)
    }

    public func type(of row: IncidentRow) -> String {
        row.assisting.map { "URGENT ASSISTANCE " + callsigns[Int($0)] } ?? typeName(row.typeIndex)
    }
    public func place(of row: IncidentRow) -> String { placeName(row.placeIndex) }
    public func units(of row: IncidentRow) -> String { row.units.map { callsigns[Int($0)] }.joined(separator: ",") }

    private func matches(_ row: IncidentRow, _ needle: String) -> Bool {
        String(row.reference).contains(needle) || Self.reference(row.reference).contains(needle)
            || type(of: row).lowercased().contains(needle) || place(of: row).lowercased().contains(needle)
            || row.units.contains { callsigns[Int($0)].lowercased().contains(needle) }
    }

    /// "0042": references as the room reads them.
    public static func reference(_ r: Int64) -> String {
        String(r).zeroPadded(4)
    }

    public func incident(reference: Int64) -> (IncidentID, Incident)? {
        guard let id = world.handle(forReference: reference), let incident = world.incident(id) else { return nil }
        return (id, incident)
    }

    /// Suitable units for an incident ranked by estimated arrival (the engine's recommendation).
    public func recommendations(for id: IncidentID) -> [Recommendation] {
        simulation.recommendations(for: id)
    }

    /// An officer's emergency still open: since when, whether a person acknowledged it, units
    /// sent and with the officer, and whether the officer has said they are safe.
    public struct AssistanceState: Sendable, Equatable {
        public var reference: Int64
        public var officer: UnitIndex
        public var since: SimTime
        public var acknowledged: Bool
        public var unitsSent: Int
        public var unitsThere: Int
        public var officerSafe: Bool
    }

    public func assistanceOpen() -> [AssistanceState] {
        world.incidents.live.compactMap { slot, incident in
            guard let officer = incident.assisting else { return nil }
            let id = IncidentID(slot: slot, generation: world.incidents.generations[Int(slot)])
            let on = world.units.filter { $0.incident == id }
            return AssistanceState(reference: incident.reference, officer: officer, since: incident.createdAt,
                                   acknowledged: !world.pendingEmergencies.contains { $0.unit == officer },
                                   unitsSent: on.count, unitsThere: on.filter { $0.status == .atScene }.count,
                                   officerSafe: world.units[Int(officer)].status != .emergency)
        }.sorted { $0.since < $1.since }
    }

    /// Callers held at the seats of people whose consoles are gone (their seat is kept for them
    /// a while): who holds them, since when they are away, and the call's line and wait.
    public struct HeldByAbsent: Sendable, Equatable {
        public var person: String
        public var awaySince: Double
        public var line: Line
        public var number: Int64
        public var rangAt: SimTime
    }

    public func callsHeldByAbsent() -> [HeldByAbsent] {
        var out: [HeldByAbsent] = []
        for person in people where person.handlesCalls {
            guard let away = person.awaySince, let index = simulation.people.firstIndex(of: person.name) else { continue }
            for seat in world.personSeats where simulation.workload.owner(of: seat) == index && world.handlers[Int(seat)].onDuty {
                let handler = world.handlers[Int(seat)]
                for id in [handler.call].compactMap({ $0 }) + handler.held {
                    guard let call = world.call(id) else { continue }
                    out.append(HeldByAbsent(person: person.name, awaySince: away, line: call.line, number: call.number, rangAt: call.arrivedAt))
                }
            }
        }
        return out
    }

    /// The seats the person holds now, as the room would say it: "dispatcher of Ashby", "call
    /// handler and dispatcher of every area", "supervisor" (only looking). Read from the world,
    /// so a seat taken or handed back during the session is named as it is now.
    public func personSeats() -> String {
        var seats: [String] = []
        let handling = world.personSeats.contains { world.handlers[Int($0)].onDuty }
        if handling { seats.append("call handler") }
        if let engine = simulation.dispatcher {
            if !engine.leaveToPerson.isEmpty {
                seats.append("dispatcher of " + engine.leaveToPerson.sorted().map(areaName).joined(separator: ", "))
            }
        } else {
            seats.append("dispatcher of every area")
        }
        return seats.isEmpty ? "supervisor" : seats.joined(separator: " and ")
    }

    /// Why the recommendation is ranked where it is, in a few words.
    public func reason(_ r: Recommendation, for incident: Incident) -> String {
        let spec = config.units[Int(r.unit)]
        let area = config.areas.indices.contains(spec.area) ? config.areas[spec.area].name : nil
        // A divert's gain is said with the job it comes off (the record's line); a break's and
        // another area's here.
        return Wording.reason(r.fit, kind: spec.kind, crew: spec.crew, crewNeeded: simulation.crewNeeded(incident),
                              onRefreshments: r.onRefreshments, area: area, otherArea: r.otherArea, gain: r.gain,
                              costly: r.costly && r.divertsFrom == nil)
    }

    // MARK: Units

    /// Units grouped by area (in the scenario's order), then by callsign.
    public func unitRows() -> [UnitRow] {
        if let at = cachedUnitsAt, at == (world.version, now) { return cachedUnits }
        let world = self.world, specs = config.units, now = self.now
        cachedUnits = unitOrder.map { u in
            let state = world.units[u]
            let spec = specs[u]
            return UnitRow(unit: UnitIndex(u), callsign: callsigns[u], kind: spec.kind, crew: spec.crew,
                           status: state.status, incident: state.incident.flatMap { world.incident($0)?.reference },
                           area: unitAreas[u], inStatus: now - state.statusSince, skills: unitSkills[u],
                           welfareOverdue: state.welfareDueAt.map { $0 < now } ?? false)
        }
        cachedUnitsAt = (world.version, now)
        return cachedUnits
    }

    // MARK: Radio

    public func radioLines(_ filter: RadioFilter) -> [RadioLog.Entry] {
        switch filter {
        case .all: return radio.entries
        case .unit(let u): return radio.entries.filter { $0.transmission.unit == u }
        case .incident(let r): return radio.entries.filter { $0.reference == r }
        }
    }

    public func words(_ entry: RadioLog.Entry) -> String {
        Wording.radio(entry.transmission.message)
    }

    // MARK: Status bar

    public struct Counts: Sendable {
        public var waiting999 = 0, waiting101 = 0
        public var longestWait: SimTime = 0
        public var openByGrade = [0, 0, 0, 0]
        public var available = 0, onDuty = 0
    }

    public func counts() -> Counts {
        if let at = cachedCountsAt, at == (world.version, now) { return cachedCounts }
        var c = Counts()
        c.waiting999 = world.waitingCount[0]
        c.waiting101 = world.waitingCount[1]
        for line in 0..<2 {
            for id in world.waiting[line] {
                if let call = world.call(id), call.state == .waiting { c.longestWait = max(c.longestWait, now - call.arrivedAt) }
            }
        }
        c.openByGrade = world.openByGrade.indices.map { world.openByGrade[$0] }
        c.available = world.available.count
        c.onDuty = world.units.filter { $0.status != .offDuty }.count
        cachedCounts = c
        cachedCountsAt = (world.version, now)
        return c
    }
}

/// A moment the instructor marked, with a note, for the group debrief.
public struct InstructorMark: Sendable, Equatable {
    public var at: SimTime
    public var by: String
    public var text: String
}
