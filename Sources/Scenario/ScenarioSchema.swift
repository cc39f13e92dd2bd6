import Foundation
import DispatchEngine
import Yams

/// The scenario format (docs/scenario-format.md): each section read into the engine's
/// configuration, with every problem reported where it is.
struct ScenarioSchema {
    let reader: YAMLReader
    /// Reads a file the scenario names beside it (its road file): its text and how it is to be
    /// named in messages, or why it cannot be read.
    var include: (String) -> Result<(text: String, file: String), IncludeProblem> = { _ in .failure(IncludeProblem(why: "the scenario was given as text, without the files beside it")) }

    static let topKeys = ["name", "description", "start", "duration", "seed", "area", "travel", "roster",
                          "demand", "incident_types", "targets", "dispatch", "custody", "refreshments",
                          "duplicate_window", "console_from", "welfare", "script", "service_levels", "warm_up",
                          "ring_back_abandoned", "coverage_alert"]
    static let maxUnits = 5_000
    static let maxHandlers = 5_000

    func scenario(_ root: Node) -> Scenario? {
        guard let top = reader.fields(root, "the scenario", allowed: Self.topKeys) else { return nil }
        let name = top.required("name", "the scenario's name").flatMap { reader.string($0, "name") }
        let description = top["description"].flatMap { reader.string($0, "description", limit: YAMLReader.longText) } ?? ""
        let start = top.required("start", "a date and time such as 2026-11-27 18:00").flatMap { reader.start($0, "start") }
        let duration = top.required("duration", "how long the scenario runs, such as 14h")
            .flatMap { reader.duration($0, "duration", allowZero: false) }
        let seed = top["seed"].flatMap { seedValue($0) } ?? 1

        let geography = top["area"].flatMap { self.area($0) } ?? Geography()
        let travelPlan = travelModel(top["travel"], geography: geography, parent: root)
        let types = top.required("incident_types", "the list of incident types").flatMap { self.incidentTypes($0) }
        // A scripted scenario may have no generated demand at all: only its script's calls.
        let lines = top["script"] != nil && top["demand"] == nil
            ? Lines(lines: [.silent, .silent], profile: .flat)
            : top.required("demand", "the calls on the 999 and 101 lines").flatMap { self.demand($0) }
        let onDuty = top.required("roster", "the units and call handlers on duty").flatMap { self.roster($0, geography) }
        let attendance = top["targets"].flatMap { self.targets($0) } ?? AttendanceTargets.national
        let dispatch = top["dispatch"].flatMap { dispatchPolicy($0) } ?? DispatchPolicy()
        let custody = top["custody"].flatMap { reader.distribution($0, "custody") }
            ?? .lognormal(median: 3 * Clock.hour, p90: 6 * Clock.hour)
        let refreshments = top["refreshments"].flatMap { reader.bool($0, "refreshments") } ?? true
        let window = top["duplicate_window"].flatMap { reader.duration($0, "duplicate_window") } ?? 30 * Clock.minute
        var welfare = WelfarePolicy()
        if let n = top["welfare"], n.scalar != nil {
            // "welfare: off" for models with no officers to check on.
            if let on = reader.bool(n, "welfare") { welfare.enabled = on }
        } else if let n = top["welfare"], let w = reader.fields(n, "welfare", allowed: ["interval", "single_crewed", "violent"]) {
            if let v = w["interval"].flatMap({ reader.duration($0, "welfare interval", allowZero: false) }) { welfare.interval = v }
            if let v = w["single_crewed"].flatMap({ reader.duration($0, "welfare single_crewed", allowZero: false) }) { welfare.singleCrewed = v }
            if let v = w["violent"].flatMap({ reader.duration($0, "welfare violent", allowZero: false) }) { welfare.violent = v }
        }
        let consoleFrom = top["console_from"].flatMap { reader.duration($0, "console_from") } ?? 0
        let serviceLevels = top["service_levels"].flatMap { self.serviceLevels($0) } ?? [10 * Clock.second]
        let warmUp = top["warm_up"].flatMap { reader.duration($0, "warm_up") } ?? 0
        if let duration, warmUp >= duration {
            reader.fail(top["warm_up"], "warm_up is not before the end of the scenario; expected less than its duration")
        }
        if let duration, consoleFrom >= duration {
            reader.fail(top["console_from"], "console_from is not before the end of the scenario; expected less than its duration")
        }

        // The world is built from whatever loaded, so that the script is still checked (against
        // its types, places and units) when something earlier failed: every problem in one run.
        guard let types, let onDuty else { return nil }
        var config = WorldConfig(
            name: name ?? "", calendar: start?.0 ?? CalendarStart(dayOfWeek: 0, timeOfDay: 0),
            duration: duration ?? .max, seed: seed, lines: lines?.lines ?? [.silent, .silent],
            profile: lines?.profile ?? .flat, incidentTypes: types,
            areas: geography.areas.isEmpty ? [AreaSpec(name: "Area", rural: false)] : geography.areas,
            stations: geography.stations, places: geography.places, units: onDuty.units,
            callHandlers: onDuty.handlers, targets: attendance, travel: travelPlan ?? .drawn(.fixed(0)),
            dispatch: dispatch, custody: custody, refreshments: refreshments, duplicateWindow: window)
        config.welfare = welfare
        if let atOnce = onDuty.contactsAtOnce { config.contactsAtOnce = atOnce }
        // Generated digital contact needs someone on the digital desk to reply to it.
        if let lines, !onDuty.handlers.contains(where: { $0.desk == .digital && $0.count > 0 }),
           let busy = Line.digital.first(where: { config.lines[$0.rawValue].callsPerHour > 0 }), let node = top["demand"] {
            reader.fail(node, "the \(busy.contact) line has demand but nobody works the digital desk; expected a call_handlers group with desk: digital")
        }
        config.origin = geography.origin
        config.roads = geography.roads
        config.serviceLevels = serviceLevels
        config.warmUp = warmUp
        // A room with a gazetteer rings its abandoned 999 calls back; a textbook queue does not.
        config.coverageAlert = top["coverage_alert"].flatMap { reader.percent($0, "coverage_alert") }
        config.ringBackAbandoned = top["ring_back_abandoned"].flatMap { reader.bool($0, "ring_back_abandoned") } ?? !geography.places.isEmpty
        if let node = top["script"] {
            config.script = ScriptSchema(reader: reader, config: config).script(node)
        }
        // After the script: what it names must be an address; a vague location is for people.
        VagueLocations.add(to: &config)
        guard let name, let start, duration != nil, travelPlan != nil, lines != nil, reader.problems.isEmpty else { return nil }
        var scenario = Scenario(name: name, description: description, start: start.1, config: config)
        scenario.consoleFrom = consoleFrom
        return scenario
    }

    /// `service_levels: [10s, 30s, 60s]`: one to four answer times, each longer than the last.
    private func serviceLevels(_ node: Node) -> [SimTime]? {
        guard let items = reader.sequence(node, "service_levels") else { return nil }
        guard (1...4).contains(items.count) else {
            reader.fail(node, "service_levels has \(items.count) times; expected one to four, such as [10s, 30s, 60s]")
            return nil
        }
        var levels: [SimTime] = []
        for item in items {
            guard let t = reader.duration(item, "service level", allowZero: false) else { continue }
            if let last = levels.last, t <= last {
                reader.fail(item, "service level \(item.scalar?.string ?? "") is not longer than the one before; expected them in rising order")
            }
            levels.append(t)
        }
        return levels.count == items.count ? levels : nil
    }

    private func seedValue(_ node: Node) -> UInt64? {
        guard let text = node.scalar?.string.trimmedOfSpaces, let value = UInt64(text) else {
            reader.fail(node, "seed should be a whole number from 0 to \(UInt64.max), found \(node.kindDescription)")
            return nil
        }
        return value
    }

    // MARK: Area

    struct Geography {
        var areas: [AreaSpec] = []
        var stations: [Station] = []
        var places: [Place] = []
        var areaIndex: [String: Int] = [:]
        var stationIndex: [String: Int] = [:]
        var present = false
        var origin: GeoOrigin?
        var roads: RoadNetwork?
    }

    private func area(_ node: Node) -> Geography? {
        guard let f = reader.fields(node, "area", allowed: ["areas", "stations", "places", "origin", "roads"]) else { return nil }
        var geo = Geography()
        geo.present = true
        // `origin: [LATITUDE, LONGITUDE]`: the WGS84 point the grid's (0, 0) is, for AML messages.
        if let o = f["origin"] {
            let values = reader.sequence(o, "origin")?.compactMap { reader.number($0, "origin", range: -180...180) } ?? []
            if values.count == 2, abs(values[0]) <= 90 {
                geo.origin = GeoOrigin(latitude: values[0], longitude: values[1])
            } else {
                reader.fail(o, "origin should be [LATITUDE, LONGITUDE] in degrees (WGS84), such as [54.7640, -0.1830]")
            }
        }
        // `roads: FILE`: the road file beside the scenario (an imported district's), on the grid
        // placed by `origin`.
        if let r = f["roads"], let name = reader.string(r, "roads") {
            if name.contains("/") || name.hasPrefix(".") {
                reader.fail(r, "roads '\(name.clipped)' should be a file's name beside the scenario, such as roads.txt")
            } else if let origin = geo.origin {
                switch include(name) {
                case .failure(let problem):
                    reader.fail(r, "the road file '\(name.clipped)' cannot be read: \(problem.why); expected a road file beside the scenario (controlroom district import writes one)")
                case .success(let found):
                    switch RoadFile.parse(text: found.text, file: found.file, origin: origin) {
                    case .success(let network): geo.roads = network
                    case .failure(let error): reader.add(error.problems)
                    }
                }
            } else {
                reader.fail(r, "roads need the map placed on the Earth; expected origin: [LATITUDE, LONGITUDE] in the area")
            }
        }
        if let list = f.required("areas", "the list of areas (sectors, districts)").flatMap({ reader.sequence($0, "areas") }) {
            if list.isEmpty { reader.fail(f["areas"], "areas is empty; expected at least one area") }
            for item in list {
                guard let a = reader.fields(item, "an area", allowed: ["name", "rural", "outline"]) else { continue }
                guard let name = a.required("name", "the area's name").flatMap({ reader.string($0, "area name") }) else { continue }
                let rural = a["rural"].flatMap { reader.bool($0, "rural") } ?? false
                let outline = a["outline"].map { self.outline($0) } ?? []
                if geo.areaIndex[name.lowercased()] != nil {
                    reader.fail(a["name"], "area '\(name.clipped)' is named twice; expected each area once")
                    continue
                }
                geo.areaIndex[name.lowercased()] = geo.areas.count
                geo.areas.append(AreaSpec(name: name, rural: rural, outline: outline))
            }
        }
        if let list = f["stations"].flatMap({ reader.sequence($0, "stations") }) {
            for item in list {
                guard let s = reader.fields(item, "a station", allowed: ["name", "at", "area"]),
                      let name = s.required("name", "the station's name").flatMap({ reader.string($0, "station name") }),
                      let at = s.required("at", "its position [x, y] in km").flatMap({ position($0, "station position") }),
                      let area = s.required("area", "the area it serves").flatMap({ areaRef($0, geo) }) else { continue }
                if geo.stationIndex[name.lowercased()] != nil {
                    reader.fail(s["name"], "station '\(name.clipped)' is named twice; expected each station once")
                    continue
                }
                geo.stationIndex[name.lowercased()] = geo.stations.count
                geo.stations.append(Station(name: name, position: at, area: area))
            }
        }
        if let list = f.required("places", "the gazetteer: addresses and landmarks calls come from")
            .flatMap({ reader.sequence($0, "places") }) {
            if list.isEmpty { reader.fail(f["places"], "places is empty; expected at least one place calls can come from") }
            var names = Set<String>()
            for item in list.prefix(200_000) {
                guard let p = reader.fields(item, "a place", allowed: ["name", "at", "area", "weight", "markers"]),
                      let name = p.required("name", "the address or landmark").flatMap({ reader.string($0, "place name") }),
                      let at = p.required("at", "its position [x, y] in km").flatMap({ position($0, "place position") }),
                      let area = p.required("area", "the area it is in").flatMap({ areaRef($0, geo) }) else { continue }
                let weight = p["weight"].flatMap { reader.number($0, "weight", range: 0...1_000_000) } ?? 1
                var markers: [String] = []
                if let list = p["markers"].flatMap({ reader.sequence($0, "markers") }) {
                    markers = list.compactMap { reader.string($0, "warning marker") }
                }
                if !names.insert(name.lowercased()).inserted {
                    reader.fail(p["name"], "place '\(name.clipped)' is listed twice; expected each place once")
                }
                geo.places.append(Place(name: name, position: at, area: area, weight: weight, markers: markers))
            }
            if list.count > 200_000 { reader.fail(f["places"], "too many places (\(list.count)); expected at most 200000") }
            if !geo.places.isEmpty && !geo.places.contains(where: { $0.weight > 0 }) {
                reader.fail(f["places"], "every place has weight 0; expected at least one place calls can come from")
            }
        }
        return geo
    }

    private func position(_ node: Node, _ what: String) -> Position? {
        guard let items = reader.sequence(node, what) else { return nil }
        guard items.count == 2 else {
            reader.fail(node, "\(what) should be [x, y] in km, found \(items.count) numbers")
            return nil
        }
        guard let x = reader.number(items[0], "\(what) x", range: -10_000...10_000),
              let y = reader.number(items[1], "\(what) y", range: -10_000...10_000) else { return nil }
        return Position(x: x, y: y)
    }

    /// An area's boundary: a list of rings (an outer one and any holes or islands), each of three
    /// points [x, y] in km at least.
    private func outline(_ node: Node) -> [[Position]] {
        guard let rings = reader.sequence(node, "outline") else { return [] }
        if rings.isEmpty { reader.fail(node, "outline is empty; expected a list of rings, each a list of points [x, y] in km") }
        var out: [[Position]] = []
        for ring in rings {
            guard case .sequence(let list) = ring, case let points = Array(list), !points.isEmpty,
                  points.allSatisfy({ if case .sequence = $0 { true } else { false } }) else {
                reader.fail(ring, "an outline's ring should be a list of points [x, y] in km, as [[0, 0], [1, 0], [1, 1]]")
                continue
            }
            guard points.count >= 3 else {
                reader.fail(ring, "an outline's ring has \(points.count) point\(points.count == 1 ? "" : "s"); expected three at least")
                continue
            }
            let read = points.compactMap { position($0, "outline point") }
            if read.count == points.count { out.append(read) }
        }
        return out
    }

    private func areaRef(_ node: Node, _ geo: Geography) -> Int? {
        guard let name = reader.string(node, "area") else { return nil }
        if let index = geo.areaIndex[name.lowercased()] { return index }
        reader.fail(node, "area '\(name.clipped)' is not one of the scenario's areas; expected one of "
                    + geo.areas.map(\.name).joined(separator: ", ") + Suggestion.hint(for: name, in: geo.areas.map(\.name)))
        return nil
    }

    // MARK: Travel

    private func travelModel(_ node: Node?, geography: Geography, parent: Node) -> TravelModel? {
        let allowed = ["time", "road_factor", "turnout", "speeds", "blue_lights"]
        guard let node else {
            if geography.present { return .geographic(GeographicTravel()) }
            reader.fail(parent, "the scenario has no area, so it needs 'travel' with a 'time' distribution; expected travel: {time: {exponential: 10m}}")
            return nil
        }
        guard let f = reader.fields(node, "travel", allowed: allowed) else { return nil }
        if let time = f["time"] {
            for key in ["road_factor", "turnout", "speeds", "blue_lights"] where f[key] != nil {
                reader.fail(f[key], "travel '\(key)' goes with a map, not with a drawn travel 'time'; expected one or the other")
            }
            return reader.distribution(time, "travel time").map { .drawn($0) }
        }
        guard geography.present else {
            reader.fail(node, "travel needs a 'time' distribution when the scenario has no area; expected time: {exponential: 10m}")
            return nil
        }
        var geo = GeographicTravel()
        if let n = f["road_factor"], let v = reader.number(n, "road_factor", range: 1...5) { geo.roadFactor = v }
        if let n = f["turnout"], let v = reader.duration(n, "turnout") { geo.turnout = v }
        // `blue_lights: [1, 2]`: the grades driven to on blue lights (grade 1 always).
        if let n = f["blue_lights"], let items = reader.sequence(n, "blue_lights") {
            let grades = items.compactMap { reader.number($0, "a grade on blue lights", range: 1...2) }
            if grades.count == items.count {
                if grades.contains(where: { $0 != $0.rounded() }) || !grades.contains(1) { reader.fail(n, "blue_lights should be the grades driven to on blue lights, grade 1 among them; expected [1] or [1, 2]") }
                geo.blueLightsForPriority = grades.contains(2)
            }
        }
        if let n = f["speeds"], let s = reader.fields(n, "travel speeds", allowed: UnitKind.allCases.map(\.rawValue)) {
            for (k, kind) in UnitKind.allCases.enumerated() {
                guard let pair = s[kind.rawValue] else { continue }
                guard let items = reader.sequence(pair, "speeds for \(kind.rawValue)") else { continue }
                guard items.count == 2 else {
                    reader.fail(pair, "speeds for \(kind.rawValue) should be [ROUTINE, BLUE_LIGHT] in km/h")
                    continue
                }
                if let r = reader.number(items[0], "routine speed", range: 1...300) { geo.routineSpeed[k] = r }
                if let b = reader.number(items[1], "blue-light speed", range: 1...300) { geo.blueLightSpeed[k] = b }
            }
        }
        return .geographic(geo)
    }

    // MARK: Roster

    struct Roster {
        var units: [UnitSpec]
        var handlers: [HandlerShift]
        var contactsAtOnce: Int?
    }

    private func roster(_ node: Node, _ geo: Geography) -> Roster? {
        guard let f = reader.fields(node, "roster", allowed: ["units", "call_handlers", "contacts_at_once"]) else { return nil }
        var units: [UnitSpec] = []
        var callsigns: [String: Bool] = [:]
        if let list = f.required("units", "the list of units on the roster").flatMap({ reader.sequence($0, "units") }) {
            if list.isEmpty { reader.fail(f["units"], "units is empty; expected at least one unit") }
            for item in list {
                for (spec, node) in unitGroup(item, geo) {
                    if callsigns[spec.callsign.uppercased()] != nil {
                        reader.fail(node, "callsign '\(spec.callsign.clipped)' is used twice; expected every callsign once")
                        continue
                    }
                    callsigns[spec.callsign.uppercased()] = true
                    if units.count == Self.maxUnits {
                        reader.fail(node, "more than \(Self.maxUnits) units; expected at most \(Self.maxUnits)")
                    }
                    if units.count < Self.maxUnits { units.append(spec) }
                }
            }
        }
        var handlers: [HandlerShift] = []
        if let h = f.required("call_handlers", "how many call handlers are on duty") {
            if case .scalar = h {
                if let n = reader.integer(h, "call_handlers", range: 0...Self.maxHandlers) { handlers = [HandlerShift(count: n)] }
            } else if let list = reader.sequence(h, "call_handlers") {
                var total = 0
                for item in list {
                    guard let g = reader.fields(item, "a call-handler shift", allowed: ["count", "shift", "desk"]),
                          let count = g.required("count", "how many handlers work this shift")
                            .flatMap({ reader.integer($0, "count", range: 0...Self.maxHandlers) }) else { continue }
                    let shift = g["shift"].flatMap { reader.shift($0, "shift") }
                    if g["shift"] != nil && shift == nil { continue }
                    var desk = Desk.phones
                    if let d = g["desk"], let text = reader.string(d, "desk") {
                        switch text.lowercased() {
                        case "phones": desk = .phones
                        case "digital": desk = .digital
                        default: reader.fail(d, "unknown desk '\(text.clipped)'; expected phones or digital")
                        }
                    }
                    total += count
                    if total > Self.maxHandlers {
                        reader.fail(item, "more than \(Self.maxHandlers) call handlers; expected at most \(Self.maxHandlers)")
                        break
                    }
                    handlers.append(HandlerShift(count: count, shift: shift, desk: desk))
                }
            }
        }
        let atOnce = f["contacts_at_once"].flatMap { reader.integer($0, "contacts_at_once", range: 1...10) }
        return Roster(units: units, handlers: handlers, contactsAtOnce: atOnce)
    }

    private static let unitKeys = ["callsign", "kind", "crew", "skills", "station", "area", "shift", "count"]

    /// One roster entry: a unit, or `count` alike units whose callsigns number the `#` digits.
    private func unitGroup(_ node: Node, _ geo: Geography) -> [(UnitSpec, Node)] {
        guard let f = reader.fields(node, "a unit", allowed: Self.unitKeys),
              let callsignNode = f.required("callsign", "the unit's callsign, such as NF21"),
              let callsign = reader.string(callsignNode, "callsign") else { return [] }
        var kind = UnitKind.response
        if let k = f["kind"], let text = reader.string(k, "kind") {
            if let found = UnitKind(rawValue: text.lowercased()) { kind = found } else {
                let names = UnitKind.allCases.map(\.rawValue)
                reader.fail(k, "unknown unit kind '\(text.clipped)'; expected one of \(names.joined(separator: ", "))"
                            + Suggestion.hint(for: text, in: names))
            }
        }
        let crew = f["crew"].flatMap { reader.integer($0, "crew", range: 1...10) } ?? 1
        var skills = SkillSet()
        if kind == .armed { skills.insert(.firearms) }
        if kind == .dog { skills.insert(.dogHandler) }
        if kind == .roads { skills.insert(.roadsPolicing) }
        if let list = f["skills"].flatMap({ reader.sequence($0, "skills") }) {
            for item in list { if let s = skill(item) { skills.insert(s) } }
        }
        var station: Int?
        if let s = f["station"], let name = reader.string(s, "station") {
            if let index = geo.stationIndex[name.lowercased()] { station = index } else {
                let names = geo.stations.map(\.name)
                reader.fail(s, "station '\(name.clipped)' is not in the scenario's area; expected one of "
                            + (names.isEmpty ? "(no stations are listed)" : names.joined(separator: ", "))
                            + Suggestion.hint(for: name, in: names))
            }
        }
        var area = station.map { geo.stations[$0].area } ?? 0
        if let a = f["area"] {
            if geo.present { area = areaRef(a, geo) ?? area } else {
                reader.fail(a, "unit area needs the scenario's 'area' section; expected no area here")
            }
        }
        let shift = f["shift"].flatMap { reader.shift($0, "shift") }
        guard let countNode = f["count"] else {
            if callsign.contains("#") {
                reader.fail(callsignNode, "callsign '\(callsign.clipped)' has # but no count; expected count: N to number the units")
            }
            return [(UnitSpec(callsign: callsign, kind: kind, crew: crew, skills: skills, station: station,
                              area: area, shift: shift), node)]
        }
        guard let count = reader.integer(countNode, "count", range: 1...Self.maxUnits) else { return [] }
        let digits = callsign.filter { $0 == "#" }.count
        guard digits > 0, callsign.split(separator: "#", omittingEmptySubsequences: false).count - 1 == digits,
              callsign.contains(String(repeating: "#", count: digits)) else {
            reader.fail(callsignNode, "callsign '\(callsign.clipped)' with count needs one run of # where the number goes; expected such as R### for R001, R002, ...")
            return []
        }
        let capacity = digits >= 5 ? Int.max : Int(pow10(digits)) - 1
        guard count <= capacity else {
            reader.fail(countNode, "count \(count) does not fit in \(digits) # digit(s); expected at most \(capacity)")
            return []
        }
        let run = String(repeating: "#", count: digits)
        return (1...count).map { n in
            var number = String(n)
            while number.count < digits { number = "0" + number }
            let sign = callsign.replacingFirst(run, with: number)
            return (UnitSpec(callsign: sign, kind: kind, crew: crew, skills: skills, station: station,
                             area: area, shift: shift), node)
        }
    }

    private func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }

    func skill(_ node: Node) -> SkillSet? {
        guard let name = reader.string(node, "skill") else { return nil }
        if let found = SkillSet.named.first(where: { $0.name == name.lowercased() }) { return found.skill }
        let names = SkillSet.named.map(\.name)
        reader.fail(node, "unknown skill '\(name.clipped)'; expected one of \(names.joined(separator: ", "))"
                    + Suggestion.hint(for: name, in: names))
        return nil
    }

    // MARK: Targets and dispatch

    private func targets(_ node: Node) -> AttendanceTargets? {
        guard let f = reader.fields(node, "targets", allowed: ["grade1_urban", "grade1_rural", "grade2", "grade3"]) else { return nil }
        var t = AttendanceTargets.national
        if let n = f["grade1_urban"], let v = reader.duration(n, "grade1_urban", allowZero: false) { t.immediateUrban = v }
        if let n = f["grade1_rural"], let v = reader.duration(n, "grade1_rural", allowZero: false) { t.immediateRural = v }
        if let n = f["grade2"], let v = reader.duration(n, "grade2", allowZero: false) { t.priority = v }
        if let n = f["grade3"], let v = reader.duration(n, "grade3", allowZero: false) { t.scheduled = v }
        if t.immediateUrban > t.priority || t.priority > t.scheduled {
            reader.fail(node, "targets should grow with the grade; expected grade 1 <= grade 2 <= grade 3")
        }
        return t
    }

    private func dispatchPolicy(_ node: Node) -> DispatchPolicy? {
        guard let f = reader.fields(node, "dispatch", allowed: ["divert", "end_of_shift_margin", "keep_free", "decision_time", "margin"]) else { return nil }
        var p = DispatchPolicy()
        if let n = f["keep_free"], let v = reader.integer(n, "keep_free", range: 0...Self.maxUnits) { p.keepFree = v }
        if let n = f["decision_time"], let v = reader.duration(n, "decision_time") { p.decisionTime = v }
        if let n = f["divert"], let v = reader.bool(n, "divert") { p.divertForImmediate = v }
        if let n = f["end_of_shift_margin"], let v = reader.duration(n, "end_of_shift_margin") { p.endOfShiftMargin = v }
        // How much sooner a divert, a break interrupted or another area's unit must arrive.
        if let n = f["margin"], let m = reader.fields(n, "margin", allowed: ["grade1", "grade2", "grade3"]) {
            for (i, key) in ["grade1", "grade2", "grade3"].enumerated() {
                if let g = m[key], let v = reader.duration(g, "margin." + key) { p.margins[i] = v }
            }
        }
        return p
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
