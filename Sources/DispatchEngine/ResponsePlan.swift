/// Unit kinds as a bit set: a plan names several.
public struct KindSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ kind: UnitKind) { rawValue = 1 << UInt8(UnitKind.allCases.firstIndex(of: kind)!) }
    public init(_ kinds: [UnitKind]) { self = kinds.reduce(KindSet()) { $0.union(KindSet($1)) } }
    public func contains(_ kind: UnitKind) -> Bool { contains(KindSet(kind)) }
    public var kinds: [UnitKind] { UnitKind.allCases.filter { contains($0) } }

    /// The generalists: response and neighbourhood officers and PCSOs.
    public static let generalists = KindSet([.response, .neighbourhood, .pcso])
    public static let specialists = KindSet([.roads, .armed, .dog])
}

/// An incident type's run card, as CAD systems call it: which kinds of unit may attend, which
/// are sent first, and how many officers must go. The hard rules stay outside it (PCSOs never to
/// grades 1-2 or violence; the skills a type requires); a specialist outside its own work is
/// sent only when a person asks for it.
public struct ResponsePlan: Sendable, Equatable {
    public var attend: KindSet
    public var prefer: KindSet
    /// Officers on the first unit that goes alone: 2 means double-crewed, or two units together.
    public var minimumCrew: Int

    public init(attend: KindSet, prefer: KindSet, minimumCrew: Int) {
        self.attend = attend; self.prefer = prefer; self.minimumCrew = minimumCrew
    }

    /// UK practice when a scenario says nothing: generalists attend, response officers first;
    /// a specialist attends the work its skill is for (armed officers to a type that requires
    /// firearms, dogs to one that requires a dog handler, roads policing to one that requires
    /// roads policing), and is sent first there; violence is double-crewed.
    public static func standard(requires: SkillSet, violent: Bool) -> ResponsePlan {
        var attend = KindSet.generalists, prefer = KindSet(.response)
        let specialties: [(SkillSet, UnitKind)] = [(.firearms, .armed), (.dogHandler, .dog), (.roadsPolicing, .roads)]
        for (skill, kind) in specialties where requires.contains(skill) {
            attend.insert(KindSet(kind)); prefer = KindSet(kind)
        }
        if violent { attend.remove(KindSet(.pcso)) }
        return ResponsePlan(attend: attend, prefer: prefer, minimumCrew: violent ? 2 : 1)
    }
}

/// How well a unit fits an incident's plan, best first: the recommender ranks by this, then by
/// arrival; the automated dispatcher sends only the first three (and two single-crewed units
/// together where two officers must go).
public enum PlanFit: Int, Sendable, Comparable, CaseIterable {
    /// A kind the plan sends first, in its own area (grade 1: any area, the nearest counts).
    case preferred
    /// A kind the plan allows, in its own area.
    case allowed
    /// A neighbouring area's unit for a grade 2-3 job.
    case offArea
    /// Single-crewed where two officers must go and nobody is on it yet: send it with another.
    case singleCrewed
    /// A specialist kept for its own work: offered for a grade 1 only, never sent by the engine.
    case outsidePlan

    public static func < (a: PlanFit, b: PlanFit) -> Bool { a.rawValue < b.rawValue }
}

/// Bits of the plan table (`Simulation.planTable`).
enum PlanCell {
    static let unsuitable: UInt8 = 1, pcso: UInt8 = 2, outside: UInt8 = 4, specialistElsewhere: UInt8 = 8
    static let allowedOnly: UInt8 = 16
}

extension Simulation {
    /// How `unit` fits the incident's plan, or nil if it may not attend at all (the hard rules).
    /// Read for every free unit an incident looks at: the plan's part is a table lookup.
    @inline(__always) public func fit(_ unit: UnitIndex, for record: Incident) -> PlanFit? {
        planFitter(for: record).fit(unit, self)
    }

    /// What of an incident its plan's fit depends on, read once for the many units ranked for it.
    func planFitter(for record: Incident) -> PlanFitter {
        PlanFitter(row: Int(record.type) * unitRules.count, assisting: record.assisting != nil, grade: record.grade,
                   crew: record.unitsAttached == 0 ? crewNeeded(record) : 0,
                   home: record.grade != .immediate && !placeArea.isEmpty ? placeArea[Int(record.place)] : -1)
    }

    /// Officers the first unit must have: the plan's minimum, and two at an address marked
    /// violent to police or for weapons.
    public func crewNeeded(_ record: Incident) -> Int {
        let plan = typeMinimumCrew[Int(record.type)]
        return placeNeedsPair.isEmpty || !placeNeedsPair[Int(record.place)] ? plan : max(plan, 2)
    }

    /// The plan table's cell for a type and a unit: what never changes while the run goes on.
    static func planCell(_ unit: UnitRules, _ type: TypeRules) -> UInt8 {
        var cell: UInt8 = 0
        if unsuitability(of: unit, for: type) != nil { cell |= PlanCell.unsuitable }
        if unit.isPCSO { cell |= PlanCell.pcso }
        let plan = type.plan
        if !plan.attend.contains(unit.kind) { cell |= PlanCell.outside }
        if unit.isSpecialist && !plan.prefer.contains(unit.kind) { cell |= PlanCell.specialistElsewhere }
        if !plan.prefer.isEmpty && !plan.prefer.contains(unit.kind) { cell |= PlanCell.allowedOnly }
        return cell
    }

    /// Whether a warning marker means officers go in pairs: violence to police, weapons, guns.
    static func needsPair(_ markers: [String]) -> Bool {
        markers.contains { marker in
            let m = marker.lowercased()
            return (m.contains("violen") && m.contains("police")) || m.contains("weapon")
                || m.contains("firearm") || m.contains("shotgun")
        }
    }
}

/// How units fit one incident's plan (`Simulation.fit`), with what depends on the incident alone
/// read once.
struct PlanFitter {
    /// Where the incident's type starts in the plan table.
    let row: Int
    /// An officer's emergency.
    let assisting: Bool
    let grade: Grade
    /// Officers the first unit must have (0: somebody is on it already).
    let crew: Int
    /// The area a unit must be of not to count as another area's (-1: any will do).
    let home: Int

    @inline(__always) func fit(_ unit: UnitIndex, _ sim: Simulation) -> PlanFit? {
        let cell = sim.planTable[row + Int(unit)]
        // An officer's emergency: every officer but a PCSO, first, whatever the job needed.
        if assisting { return cell & PlanCell.pcso != 0 ? nil : .preferred }
        guard cell & PlanCell.unsuitable == 0 else { return nil }
        if cell & PlanCell.pcso != 0 && grade < .scheduled { return nil }
        if cell & PlanCell.outside != 0 { return .outsidePlan }
        // A specialist's own work is where the plan sends it first; elsewhere it supports only
        // urgent jobs.
        if cell & PlanCell.specialistElsewhere != 0 && grade >= .scheduled { return .outsidePlan }
        if sim.unitRules[Int(unit)].crew < crew { return .singleCrewed }
        if home >= 0 && home != sim.unitArea[Int(unit)] { return .offArea }
        return cell & PlanCell.allowedOnly != 0 ? .allowed : .preferred
    }
}
