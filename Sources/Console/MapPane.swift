import DispatchEngine
import ReadModel

/// The district as a map, in place of the radio log (M): the areas' boundaries and names, the
/// places as dots, stations, open incidents as their grade, units by status where they are now
/// (moving ones part way along), and the selected incident with lines to its recommended units.
/// A scale bar and north. Every mark is a shape as well as a colour.
enum MapPane {
    /// What each unit state looks like: free, on the way, busy at a job, on a break, in danger.
    static func unitMark(_ status: UnitStatus) -> (String, CellStyle)? {
        switch status {
        case .offDuty: nil
        case .emergency: ("!", CellStyle(.emergency, bold: true, reverse: true))
        case .enRoute: (">", CellStyle(.committed, bold: true))
        case .atScene, .committedDeployable, .committedNotDeployable, .prisonerEscort, .atCourt: ("*", CellStyle(.committed))
        case .refreshments: ("r", CellStyle(.refreshments))
        case .onDuty, .onPatrol, .atStation: ("o", CellStyle(.available, bold: true))
        }
    }

    static func draw(_ frame: inout Frame, _ rect: Rect, _ state: ConsoleState, _ floor: Floor) {
        let config = floor.config
        let inside = Render.box(&frame, rect, title: title(state, width: rect.width, streets: config.roads != nil), focused: state.focus == .map, glyphs: state.glyphs)
        guard inside.width > 4, inside.height > 2 else { return }
        guard !config.places.isEmpty else {
            frame.put("No map: this scenario has no places.", row: inside.row, column: inside.column + 1, limit: inside.width - 1, style: CellStyle(.dim))
            return
        }
        let columns = inside.width, rows = inside.height
        var view = state.map
        if view.follow, let followed = followedPosition(state, floor) { view.centre = followed }
        let (centre, km) = view.resolved(config, columns: columns, rows: rows)
        func dot(_ p: Position) -> (x: Int, y: Int) { MapView.dot(p, centre: centre, kmAcross: km, columns: columns, rows: rows) }
        var canvas = MapCanvas(columns: columns, rows: rows, braille: state.glyphs == .unicode)

        // The areas: each one's boundary where the scenario gives it (an imported beat), else
        // the box round its places; its name and coverage at the top left (drawn as overdue
        // where under half its demand is in reach of a free unit). The names are placed last,
        // where no mark is.
        let coverage = floor.coverage()
        var labels: [(forms: [String], column: Int, row: Int, style: CellStyle)] = []
        for area in config.areas.indices {
            let share = coverage.indices.contains(area) ? coverage[area].share : nil
            let thin = (share ?? 1) < 0.5
            let ink: Ink = thin ? .overdue : .border
            let x0: Int, y0: Int
            if config.areas[area].outline.contains(where: { !$0.isEmpty }) {
                // Named just under its topmost point: on the boundary, so never in a neighbour's.
                var top = (x: 0, y: Int.max)
                for ring in config.areas[area].outline where !ring.isEmpty {
                    var last = dot(ring[ring.count - 1])
                    for point in ring {
                        let d = dot(point)
                        if let (a, b) = clipped(last, d, columns: canvas.dotColumns, rows: canvas.dotRows) {
                            canvas.line(a.x, a.y, b.x, b.y, ink)
                        }
                        last = d
                        if d.y < top.y { top = d }
                    }
                }
                (x0, y0) = (top.x, top.y + 4)
            } else {
                let places = config.places.prefix(config.addressCount).filter { $0.area == area }
                guard let first = places.first else { continue }
                var lo = first.position, hi = first.position
                for p in places {
                    lo = Position(x: min(lo.x, p.position.x), y: min(lo.y, p.position.y))
                    hi = Position(x: max(hi.x, p.position.x), y: max(hi.y, p.position.y))
                }
                let a = dot(Position(x: lo.x, y: hi.y)), b = dot(Position(x: hi.x, y: lo.y))
                let x1: Int, y1: Int
                (x0, y0, x1, y1) = (a.x - 2, a.y - 3, b.x + 2, b.y + 3)
                canvas.line(x0, y0, x1, y0, ink); canvas.line(x1, y0, x1, y1, ink)
                canvas.line(x1, y1, x0, y1, ink); canvas.line(x0, y1, x0, y0, ink)
            }
            let name = SafeText.clean(config.areas[area].name)
            let percent = share.map { " \(Int(($0 * 100).rounded()))%" } ?? ""
            let word = name.split(separator: " ").first.map(String.init) ?? name
            labels.append(([name + percent, word + percent, name, word], max(x0 / 2 + 1, 0), max(y0 / 4, 0),
                           thin ? CellStyle(.overdue, bold: true) : CellStyle(.dim)))
        }
        // The streets, under everything: major roads two dots wide, the rest one, dim.
        if let roads = config.roads { drawRoads(roads, &canvas, dot) }
        // Each place shaded by its coverage: in reach of a free unit within the grade-1 target, a
        // dot in the free units' ink; out of reach, a block of four in the overdue ink (a shape
        // as well as a colour, for monochrome). Over streets, only those out of reach unless the
        // places are asked for (p).
        let outOfReach = Set(coverage.flatMap(\.outOfReach))
        let everyPlace = config.roads == nil || view.showPlaces
        for (index, place) in config.places.prefix(config.addressCount).enumerated() {
            let d = dot(place.position)
            if outOfReach.contains(Int32(index)) {
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] { canvas.dot(d.x + dx, d.y + dy, .overdue) }
            } else if everyPlace {
                canvas.dot(d.x, d.y, place.weight > 0 ? .available : .dim)
            }
        }
        // A station shows as S over the units parked at it, free or on a break (the board lists
        // them); an incident, the selected unit and an officer in danger show over it.
        for station in config.stations {
            let d = dot(station.position)
            canvas.mark(atDot: d.x, d.y, "S", CellStyle(.heading, bold: true), rank: 6)
        }
        // The selected incident's recommended units, with a line to each.
        let selected = state.selectedIncident.flatMap { floor.incident(reference: $0) }
        if let (id, incident) = selected {
            let at = dot(config.places[Int(incident.place)].position)
            for pick in floor.recommendations(for: id).prefix(3) {
                let u = dot(floor.world.units[Int(pick.unit)].position(at: floor.now, roads: floor.world.config.roads))
                canvas.line(at.x, at.y, u.x, u.y, .selected)
            }
        }
        for (u, unit) in floor.world.units.enumerated() {
            guard let (text, style) = unitMark(unit.status) else { continue }
            let d = dot(unit.position(at: floor.now, roads: floor.world.config.roads))
            let chosen = state.selectedUnit == UnitIndex(u)
            let free = unit.status == .onDuty || unit.status == .onPatrol || unit.status == .atStation
            canvas.mark(atDot: d.x, d.y, text, chosen ? style.with(reverse: true) : style,
                        rank: unit.status == .emergency ? 11 : chosen ? 9 : free ? 3 : 5)
        }
        for (_, incident) in floor.world.incidents.live {
            let d = dot(config.places[Int(incident.place)].position)
            let isSelected = selected.map { $0.1.reference == incident.reference } ?? false
            let style = CellStyle(Render.gradeInk(incident.grade), bold: true, reverse: isSelected)
            canvas.mark(atDot: d.x, d.y, String(incident.grade.rawValue), style, rank: isSelected ? 10 : 10 - incident.grade.rawValue)
        }
        // North at the top right; the scale at the bottom left.
        canvas.north(state.glyphs)
        canvas.scaleBar(kmAcross: km, within: max(columns / 4, 3), column: 1, state.glyphs)
        for l in labels { canvas.place(l.forms, column: l.column, row: l.row, l.style) }
        canvas.draw(&frame, row: inside.row, column: inside.column)
    }

    /// The title with the keys when focused, in the longest form that fits the box (`p places`
    /// only where there are streets to show them over).
    static func title(_ state: ConsoleState, width: Int = .max, streets: Bool = false) -> String {
        let head = "Map (M)" + (state.map.follow ? "  following" : "")
        guard state.focus == .map else { return head }
        let forms = streets
            ? ["  arrows pan  +/- zoom  f follow  0 fit  p places", "  arrows  +/- zoom  f follow  0 fit  p places",
               "  +/- zoom  f follow  0 fit  p places", "  +/- zoom  0 fit  p places", "  +/- zoom  p places", ""]
            : ["  arrows pan  +/- zoom  f follow  0 fit", "  +/- zoom  f follow  0 fit", "  +/- zoom  0 fit", ""]
        return head + (forms.first { head.count + $0.count + 8 <= width } ?? "")
    }

    /// Each road as lines of dots between its nodes, a stretch wholly off the view skipped (a
    /// county's roads zoomed to a street would otherwise be walked dot by dot).
    static func drawRoads(_ roads: RoadNetwork, _ canvas: inout MapCanvas, _ dot: (Position) -> (x: Int, y: Int)) {
        let width = canvas.dotColumns, height = canvas.dotRows
        let points = roads.nodes.map(dot)
        for road in roads.roads {
            let major = road.kind.isMajor
            for (a, b) in zip(road.nodes, road.nodes.dropFirst()) {
                let p = points[Int(a)], q = points[Int(b)]
                if (p.x < 0 && q.x < 0) || (p.y < 0 && q.y < 0) || (p.x >= width && q.x >= width) || (p.y >= height && q.y >= height) { continue }
                canvas.line(p.x, p.y, q.x, q.y, major ? .border : .dim)
                if major {
                    // Bolder: a second line a dot beside it, across its run.
                    let steep = abs(q.y - p.y) > abs(q.x - p.x)
                    canvas.line(p.x + (steep ? 1 : 0), p.y + (steep ? 0 : 1), q.x + (steep ? 1 : 0), q.y + (steep ? 0 : 1), .border)
                }
            }
        }
    }

    /// The part of the line a-b on the canvas (Liang-Barsky), or nil: at a street's zoom a
    /// boundary's edge runs for thousands of dots off it, and only what shows is drawn.
    static func clipped(_ a: (x: Int, y: Int), _ b: (x: Int, y: Int), columns: Int, rows: Int) -> ((x: Int, y: Int), (x: Int, y: Int))? {
        let dx = Double(b.x - a.x), dy = Double(b.y - a.y)
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, Double(a.x)), (dx, Double(columns - 1 - a.x)), (-dy, Double(a.y)), (dy, Double(rows - 1 - a.y))] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return nil }
            }
        }
        func at(_ t: Double) -> (x: Int, y: Int) {
            (Int((Double(a.x) + t * dx).rounded()), Int((Double(a.y) + t * dy).rounded()))
        }
        return (at(t0), at(t1))
    }

    /// What the map follows: the selected incident, else the selected unit.
    static func followedPosition(_ state: ConsoleState, _ floor: Floor) -> Position? {
        if let reference = state.selectedIncident, let (_, incident) = floor.incident(reference: reference), !floor.config.places.isEmpty {
            return floor.config.places[Int(incident.place)].position
        }
        return state.selectedUnit.map { floor.world.units[Int($0)].position(at: floor.now, roads: floor.world.config.roads) }
    }

    static func distance(_ km: Double) -> String {
        // One decimal at most, as a scale bar says it: "7.2 km", never 7.187499999999999.
        guard km >= 1 else { return "\(Int((km * 1000).rounded())) m" }
        let tenths = (km * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) km" : String(format: "%.1f km", tenths)
    }
}
