/// What the engine reads about an incident type on every job: copied out of `IncidentTypeSpec`
/// so that it holds no reference-counted fields.
struct TypeRules {
    var onScene: Sampler
    var requires: SkillSet
    var violent: Bool
    var units: (Int32, Int32, Int32)
    var prisonerShare: Double
    var backupShare: Double
    var emergencyShare: Double
    var reclassifyShare: Double
    var plan: ResponsePlan

    init(_ spec: IncidentTypeSpec) {
        onScene = Sampler(spec.onScene); requires = spec.requires; violent = spec.violent; plan = spec.plan
        units = (Int32(max(spec.unitsNeeded[0], 1)), Int32(max(spec.unitsNeeded[1], 1)), Int32(max(spec.unitsNeeded[2], 1)))
        prisonerShare = spec.prisonerShare; backupShare = spec.backupShare
        emergencyShare = spec.emergencyShare; reclassifyShare = spec.reclassifyShare
    }

    func unitsNeeded(_ grade: Grade) -> Int32 {
        switch grade {
        case .immediate: return units.0
        case .priority: return units.1
        case .scheduled: return units.2
        case .resolution: return 0
        }
    }
}

/// What the engine reads about a unit on every job (its suitability, its crew, its station):
/// copied out of `UnitSpec` so that reading it touches no reference-counted field (the callsign).
struct UnitRules {
    var attendsViolence: Bool
    var kind: UnitKind
    var isPCSO: Bool
    var isSpecialist: Bool
    var skills: SkillSet
    var crew: Int
    var station: Int?

    init(_ spec: UnitSpec) {
        attendsViolence = spec.kind.attendsViolence; kind = spec.kind; isPCSO = spec.kind == .pcso
        isSpecialist = KindSet.specialists.contains(spec.kind)
        skills = spec.skills; crew = spec.crew; station = spec.station
    }
}
