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

extension Simulation {
    /// How `unit` fits the incident's plan, or nil if it may not attend at all (the hard rules).
    public func fit(_ unit: UnitIndex, for record: Incident) -> PlanFit? {
        let rules = unitRules[Int(unit)]
        guard suits(unit, record.type), !(rules.isPCSO && record.grade < .scheduled) else { return nil }
        if record.assisting != nil { return .preferred }
        let plan = types[Int(record.type)].plan
        guard plan.attend.contains(rules.kind) else { return .outsidePlan }
        // A specialist's own work is where the plan sends it first; elsewhere it supports only
        // urgent jobs.
        if rules.isSpecialist && !plan.prefer.contains(rules.kind) && record.grade >= .scheduled { return .outsidePlan }
        if rules.crew < crewNeeded(record) && record.unitsAttached == 0 { return .singleCrewed }
        if record.grade != .immediate, !config.places.isEmpty,
           config.places[Int(record.place)].area != rules.area { return .offArea }
        return plan.prefer.isEmpty || plan.prefer.contains(rules.kind) ? .preferred : .allowed
    }

    /// Officers the first unit must have: the plan's minimum, and two at an address marked
    /// violent to police or for weapons.
    public func crewNeeded(_ record: Incident) -> Int {
        let plan = types[Int(record.type)].plan.minimumCrew
        return placeNeedsPair.isEmpty || !placeNeedsPair[Int(record.place)] ? plan : max(plan, 2)
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
