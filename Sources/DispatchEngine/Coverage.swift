/// How well each area is covered right now: the share of its demand (its places' weights) that a
/// free unit the plan sends to a grade 1 could reach within the grade-1 target (urban or rural),
/// on the dispatcher's own estimate of travel with blue lights. Only response and neighbourhood
/// officers count: PCSOs never go to a grade 1, and a specialist (armed, dog, roads) is kept for
/// its own work, so a district covered only by its armed car is not covered; what the free
/// specialists would add is shown apart.
public struct AreaCoverage: Sendable, Equatable {
    public var area: Int
    /// 0...1; nil for an area with no demand (no place with weight).
    public var share: Double?
    /// The share reached by those or by a free specialist (nil: no demand).
    public var withSpecialists: Double?
    /// Free units that count for coverage, anywhere.
    public var freeUnits: Int
    /// The area's places with demand that no counted free unit reaches within the target (the
    /// map shades them).
    public var outOfReach: [Int32] = []
}

extension Simulation {
    public func coverage() -> [AreaCoverage] {
        let free = world.available.filter { !unitRules[Int($0)].isPCSO && !unitRules[Int($0)].isSpecialist }
        let specialists = world.available.filter { unitRules[Int($0)].isSpecialist }
        let positions = free.map { world.units[Int($0)].position(at: now, roads: world.config.roads) }
        let specialistPositions = specialists.map { world.units[Int($0)].position(at: now, roads: world.config.roads) }
        // Along roads, each place's tree is taken once and every unit's journey read off it.
        let roads = travel.onRoads ? world.config.roads : nil
        let nodes = roads.map { r in positions.map { r.nearestNode(to: $0) } } ?? []
        let specialistNodes = roads.map { r in specialistPositions.map { r.nearestNode(to: $0) } } ?? []
        // The unit that reached the last place is tried first: places of an area come together
        // in the list, so it usually reaches the next one too (whether any unit does is the same).
        var lastReaching = (free: 0, specialist: 0)
        func reaches(_ index: Int, _ place: Place, _ target: SimTime, specialist: Bool) -> Bool {
            let units = specialist ? specialists : free
            let first = specialist ? lastReaching.specialist : lastReaching.free
            let reaching: Int?
            if roads != nil {
                reaching = travel.reaching(place: index, at: place.position, units: units,
                                           positions: specialist ? specialistPositions : positions,
                                           nodes: specialist ? specialistNodes : nodes, grade: .immediate, within: target, tryingFirst: first)
            } else {
                let at = specialist ? specialistPositions : positions
                func reachedBy(_ k: Int) -> Bool {
                    travel.estimate(unit: units[k], from: at[k], to: place.position, grade: .immediate) <= target
                }
                reaching = first < units.count && reachedBy(first) ? first : units.indices.first { $0 != first && reachedBy($0) }
            }
            guard let reaching else { return false }
            if specialist { lastReaching.specialist = reaching } else { lastReaching.free = reaching }
            return true
        }
        var weight = Array(repeating: 0.0, count: config.areas.count)
        var covered = Array(repeating: 0.0, count: config.areas.count)
        var coveredWith = Array(repeating: 0.0, count: config.areas.count)
        var outOfReach = Array(repeating: [Int32](), count: config.areas.count)
        for (index, place) in config.places.prefix(config.addressCount).enumerated() where place.weight > 0 && config.areas.indices.contains(place.area) {
            weight[place.area] += place.weight
            let rural = config.areas[place.area].rural
            guard let target = config.targets.target(for: .immediate, rural: rural) else { continue }
            if reaches(index, place, target, specialist: false) {
                covered[place.area] += place.weight
                coveredWith[place.area] += place.weight
            } else {
                outOfReach[place.area].append(Int32(index))
                if reaches(index, place, target, specialist: true) { coveredWith[place.area] += place.weight }
            }
        }
        return config.areas.indices.map { a in
            AreaCoverage(area: a, share: weight[a] > 0 ? covered[a] / weight[a] : nil,
                         withSpecialists: weight[a] > 0 ? coveredWith[a] / weight[a] : nil,
                         freeUnits: free.count, outOfReach: outOfReach[a])
        }
    }
}
