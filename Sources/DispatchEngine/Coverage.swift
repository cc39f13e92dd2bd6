/// How well each area is covered right now: the share of its demand (its places' weights) that a
/// free unit could reach within the grade-1 target (urban or rural), on the dispatcher's own
/// estimate of travel with blue lights. PCSOs are left out: they never go to a grade 1.
public struct AreaCoverage: Sendable, Equatable {
    public var area: Int
    /// 0...1; nil for an area with no demand (no place with weight).
    public var share: Double?
    /// Free units that could go to a grade 1, anywhere.
    public var freeUnits: Int
    /// The area's places with demand that no free unit reaches within the target (the map
    /// shades them).
    public var outOfReach: [Int32] = []
}

extension Simulation {
    public func coverage() -> [AreaCoverage] {
        let free = world.available.filter { config.units[Int($0)].kind != .pcso }
        let positions = free.map { world.units[Int($0)].position(at: now) }
        var weight = Array(repeating: 0.0, count: config.areas.count)
        var covered = Array(repeating: 0.0, count: config.areas.count)
        var outOfReach = Array(repeating: [Int32](), count: config.areas.count)
        for (index, place) in config.places.prefix(config.addressCount).enumerated() where place.weight > 0 && config.areas.indices.contains(place.area) {
            weight[place.area] += place.weight
            let rural = config.areas[place.area].rural
            guard let target = config.targets.target(for: .immediate, rural: rural) else { continue }
            let reachable = zip(free, positions).contains { unit, at in
                travel.estimate(unit: unit, from: at, to: place.position, grade: .immediate) <= target
            }
            if reachable { covered[place.area] += place.weight } else { outOfReach[place.area].append(Int32(index)) }
        }
        return config.areas.indices.map { a in
            AreaCoverage(area: a, share: weight[a] > 0 ? covered[a] / weight[a] : nil, freeUnits: free.count, outOfReach: outOfReach[a])
        }
    }
}
