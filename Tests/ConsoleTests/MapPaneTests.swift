@testable import Console
import ReadModel
import DispatchEngine
import Testing
import Scenario

/// The map pane: M shows it in the radio log's place; its keys pan, zoom, follow and fit; units
/// move on it between frames; ASCII without UTF-8.
@Suite("The map")
struct MapPaneTests {
    func mapped(width: Int = 120, height: Int = 40, glyphs: Glyphs = .unicode) -> ConsoleFixture {
        let c = ConsoleFixture(width: width, height: height, glyphs: glyphs)
        c.act(.character("M"))
        return c
    }

    @Test("M shows the map in the radio log's place with the district's areas, stations, incidents by grade, units by status, a scale and north; M again the radio")
    func shown() throws {
        let c = mapped()
        let screen = c.screen
        #expect(c.state.showMap && c.state.focus == .map)
        #expect(screen.contains("Map (M)"))
        #expect(!screen.contains("Radio"))
        #expect(screen.contains("N↑"))
        #expect(screen.contains(" km") || screen.contains(" m"))
        #expect(screen.contains("Northfield Town"))
        #expect(screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille dots")
        c.act(.character("M"))
        #expect(!c.state.showMap && c.screen.contains("Radio"))
    }
}

extension MapPaneTests {
    /// Where on the screen a unit's mark is (its row and column), if it shows.
    func markOf(_ c: ConsoleFixture, _ unit: UnitIndex) -> (Int, Int)? {
        let frame = c.frame
        let rect = Layout(width: c.size.width, height: c.size.height, state: c.state).rect(of: .map)
        let (centre, km) = c.state.map.resolved(c.floor.config, columns: rect.width - 2, rows: rect.height - 2)
        let d = MapView.dot(c.floor.world.units[Int(unit)].position(at: c.floor.now), centre: centre, kmAcross: km,
                            columns: rect.width - 2, rows: rect.height - 2)
        let row = rect.row + 1 + d.y / 4, column = rect.column + 1 + d.x / 2
        guard row < frame.height, column < frame.width else { return nil }
        return (row, column)
    }

    @Test("At 80x24 the map draws the stations and every area's name whole, each clear of the marks around it (no '100%2'); the scale says a round distance")
    func smallMapReadable() throws {
        let c = ConsoleFixture(width: 80, height: 24)
        c.act(.character("M"))
        let rect = Layout(width: 80, height: 24, state: c.state).rect(of: .map)
        let frame = c.frame
        let rows = (rect.row + 1..<rect.row + rect.height - 1).map { r in
            (rect.column + 1..<rect.column + rect.width - 1).map { frame[r, $0].text }.joined()
        }
        let map = rows.joined(separator: "\n")
        #expect(map.contains("S"), "a station: \(map)")
        for area in c.floor.config.areas {
            let word = String(area.name.split(separator: " ").first!)
            let row = try #require(rows.first { $0.contains(word) }, "\(area.name) named: \(map)")
            // The cell after the label (its coverage) is not a digit or a mark run into it.
            let label = try #require(row.range(of: #"\#(word)[^%]*%"#, options: .regularExpression), "\(row)")
            let after = row[label.upperBound...].first
            #expect(after == nil || after == " " || (0x2800...0x28FF).contains(after!.unicodeScalars.first!.value), "\(area.name) runs into a mark: \(row)")
        }
        #expect(map.range(of: #"\d+(\.\d)? km|\d+ m"#, options: .regularExpression) != nil && !map.contains("99999"), "\(map)")
    }

    @Test("+ and - zoom by two, the arrows pan a quarter of the view, 0 fits the district again; the scale bar follows the zoom")
    func panZoomFit() throws {
        let c = mapped()
        // The screen less its bottom line (which says what the last key did).
        func shown() -> String { c.screen.split(separator: "\n").dropLast().joined(separator: "\n") }
        let fitted = shown()
        c.act(.character("+"))
        let (centre, km) = c.state.map.resolved(c.floor.config, columns: 1, rows: 1)
        #expect(c.state.message?.contains("across") == true)
        c.act(.character("+"))
        #expect(abs((c.state.map.kmAcross ?? 0) - km / 2) < 1e-9, "twice as close again")
        #expect(shown() != fitted)
        c.act(.right)
        #expect((c.state.map.centre?.x ?? 0) > centre.x, "east")
        c.act(.up)
        #expect((c.state.map.centre?.y ?? 0) > centre.y, "north")
        // Speed keys are the map's zoom here: the clock's speed is unchanged.
        #expect(c.state.speed == ConsoleFixture().state.speed)
        c.act(.character("0"))
        #expect(c.state.map == MapView())
        #expect(shown() == fitted)
    }

    @Test("f follows the selected incident: the map centres on it, and f again stops")
    func follow() throws {
        let c = mapped()
        let reference = try #require(c.floor.incidentRows(c.state.query).last?.reference)
        c.state.selectedIncident = reference
        c.act(.character("+"), .character("+"), .character("f"))
        #expect(c.state.map.follow)
        let (_, incident) = try #require(c.floor.incident(reference: reference))
        let at = c.floor.config.places[Int(incident.place)].position
        #expect(MapPane.followedPosition(c.state, c.floor) == at)
        #expect(c.screen.contains("following"))
        c.act(.character("f"))
        #expect(!c.state.map.follow)
    }

    @Test("A unit on its way moves across the map between frames")
    func unitsMove() throws {
        let c = mapped(width: 200, height: 60)
        c.act(.character("z"))
        // Zoomed in on a unit travelling, so a minute of its journey shows.
        var moving: UnitIndex?
        while moving == nil {
            c.advance(seconds: 20)
            moving = c.floor.world.units.indices.first { u in
                let unit = c.floor.world.units[u]
                return unit.status == .enRoute && unit.arrivesAt - c.floor.now > 3 * Clock.minute
                    && unit.origin.distance(to: unit.destination) > 3
            }.map(UnitIndex.init)
        }
        let unit = moving!
        c.state.selectedUnit = unit
        c.state.selectedIncident = nil
        c.act(.character("f"))
        c.state.map.follow = false
        c.state.map.centre = c.floor.world.units[Int(unit)].position(at: c.floor.now)
        c.state.map.kmAcross = 4
        let before = try #require(markOf(c, unit))
        #expect(c.frame[before.0, before.1].text == ">", "en route: >")
        c.advance(seconds: 60)
        let after = try #require(markOf(c, unit))
        #expect(after != before, "a minute on, it is somewhere else on the map")
        #expect(c.frame[after.0, after.1].text == ">")
    }

    @Test("Each area is labelled with its coverage and each place shaded by it; with every free unit committed it is thin: 0%, drawn as overdue, every place out of reach")
    func coverageShown() throws {
        let c = mapped(width: 200, height: 60)
        c.act(.character("z"))
        #expect(c.screen.contains("Ashby 100%"), "\(c.screen)")
        // Places shaded by coverage: out of reach in the overdue ink, in reach in the free ink.
        func dots(_ frame: Frame, _ ink: Ink) -> Int {
            frame.cells.filter { cell in cell.style.ink == ink && cell.text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }.count
        }
        let covered = c.frame
        for u in c.floor.world.available where c.floor.config.units[Int(u)].kind != .pcso {
            try c.floor.simulation.execute(.setStatus(u, .committedNotDeployable))
        }
        let frame = c.frame
        #expect(dots(frame, .overdue) > dots(covered, .overdue) + 10 && dots(frame, .available) < dots(covered, .available),
                "with nobody free every place is out of reach")
        let text = frame.text.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(text.firstIndex { $0.contains("Ashby 0%") }, "\(frame.text)")
        let column = text[row].distance(from: text[row].startIndex, to: text[row].range(of: "Ashby 0%")!.lowerBound)
        #expect(frame[row, column].style.ink == .overdue)
    }

    @Test("Without UTF-8 the map is ASCII: dots as '.', the same marks, N^ for north")
    func ascii() {
        let c = mapped(glyphs: .ascii)
        let screen = c.screen
        #expect(screen.contains("N^"))
        #expect(!screen.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
        #expect(screen.contains("Map (M)"))
    }
}

@Suite("Coverage in the supervisor's overview")
struct CoverageOverviewTests {
    @Test("The overview lists each area's coverage now, the engine's figure, with a bar for each hour so far")
    func listed() throws {
        let c = ConsoleFixture(width: 120, height: 60)
        c.act(.character("S"))
        let screen = c.screen
        #expect(screen.contains("Coverage: demand a free response or neighbourhood unit reaches within the grade-1 target"))
        let now = c.floor.simulation.coverage()
        for area in now where area.share != nil {
            let name = c.floor.areaName(area.area)
            let percent = "\(Int((area.share! * 100).rounded()))%"
            #expect(screen.split(separator: "\n").contains { $0.contains(name) && $0.contains(percent) }, "\(name) \(percent)")
        }
        #expect(c.floor.history.coveragePerHour.count >= 2, "sampled as each hour began")
    }
}

extension CoverageOverviewTests {
    @Test("coverage_alert: an area falling below it raises an alert naming the area and its share, once")
    func alert() throws {
        let text = """
        name: coverage alert
        start: 2026-11-27 22:00
        duration: 2h
        seed: 1
        coverage_alert: 60
        area:
          areas: [{name: Town}, {name: Moor, rural: true}]
          stations: [{name: Town Station, at: [0, 0], area: Town}]
          places:
            - {name: A, at: [3, 0], area: Town, weight: 1}
            - {name: C, at: [0, 18], area: Moor, weight: 2}
            - {name: D, at: [0, 25], area: Moor, weight: 2}
        travel: {road_factor: 1, turnout: 60s, speeds: {response: [40, 60]}}
        roster:
          units: [{callsign: R1, kind: response, station: Town Station}]
          call_handlers: 1
        demand:
          "999": {calls_per_hour: 0, handling: 2m, outcomes: {incident: 100}}
        incident_types:
          - {name: fight, share: 100, grades: [100, 0, 0, 0], handling: 2m, on_scene: 30m}
        """
        let scenario = try Scenario.parse(text: text, file: "alert.yaml")
        let floor = Floor(simulation: Simulation(config: scenario.config), scenarioName: scenario.name)
        floor.simulation.advance(to: Clock.second)
        var desk = AlertDesk()
        // The floor as it opens is known: the Moor already thin (50%), the Town covered.
        desk.look(floor)
        #expect(desk.list.isEmpty)
        // R1 committed: the Town falls to nothing.
        try floor.simulation.execute(.setStatus(0, .committedNotDeployable))
        desk.look(floor)
        #expect(desk.list.count == 1, "\(desk.list.map(\.text))")
        let raised = try #require(desk.list.first)
        #expect(raised.kind == .thinCoverage)
        #expect(raised.text == "Coverage thin: Town 0% within the grade-1 target (alert below 60%)")
        desk.look(floor)
        #expect(desk.list.count == 1, "raised once, not on every look")
    }
}

extension MapPaneTests {
    @Test("A wide incident record has a map of where it is: its grade at the centre, its units and the recommended ones by callsign")
    func recordMap() throws {
        let c = ConsoleFixture(width: 200, height: 60)
        let row = try #require(c.floor.incidentRows(c.state.query).first { !$0.units.isEmpty })
        c.state.selectedIncident = row.reference
        c.act(.enter)
        let screen = c.screen
        #expect(screen.contains("Where"))
        for unit in row.units { #expect(screen.contains(c.floor.callsign(unit)), "\(c.floor.callsign(unit))") }
        #expect(screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        // Narrow, the record keeps the whole width for its text.
        let narrow = ConsoleFixture(width: 120, height: 40)
        narrow.state.selectedIncident = row.reference
        narrow.act(.enter)
        #expect(!narrow.screen.contains("Where"))
    }
}

extension MapPaneTests {
    @Test("An area with an outline (an imported beat) is drawn as its boundary, not a box round its places")
    func outlineDrawn() throws {
        let text = """
        name: a beat
        start: 2026-11-27 22:00
        duration: 2h
        area:
          areas: [{name: Town, outline: [[[-4, -4], [4, -4], [0, 4]]]}]
          stations: [{name: Town Station, at: [0, -1], area: Town}]
          places: [{name: A, at: [-3.6, -3.6], area: Town}, {name: B, at: [3.6, -3.6], area: Town}, {name: C, at: [0, 3.6], area: Town}]
        roster:
          units: [{callsign: R1, station: Town Station}]
          call_handlers: 1
        demand:
          "999": {calls_per_hour: 0, handling: 2m, outcomes: {incident: 100}}
        incident_types:
          - {name: fight, share: 100, grades: [100, 0, 0, 0], handling: 2m, on_scene: 30m}
        """
        let scenario = try Scenario.parse(text: text, file: "beat.yaml")
        let c = ConsoleFixture(hours: 0.1, scenario: scenario)
        c.act(.character("M"))
        let rect = Layout(width: c.size.width, height: c.size.height, state: c.state).rect(of: .map)
        let (columns, rows) = (rect.width - 2, rect.height - 2)
        let (centre, km) = c.state.map.resolved(c.floor.config, columns: columns, rows: rows)
        let lines = c.screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        func cell(_ p: Position) -> Character {
            let d = MapView.dot(p, centre: centre, kmAcross: km, columns: columns, rows: rows)
            return cell(atDot: d)
        }
        func cell(atDot d: (x: Int, y: Int)) -> Character {
            let (row, column) = (rect.row + 1 + d.y / 4, rect.column + 1 + d.x / 2)
            guard d.x >= 0, d.y >= 0, d.x < columns * 2, d.y < rows * 4, row < lines.count, column < lines[row].count else { return " " }
            return lines[row][column]
        }
        func drawn(_ p: Position) -> Bool { let ch = cell(p); return ch != " " && ch != "\u{2800}" }
        // Half way along each slanted side, and the bottom; every corner in view.
        #expect(drawn(Position(x: -2, y: 0)) && drawn(Position(x: 2, y: 0)) && drawn(Position(x: 0, y: -4)), "\(c.screen)")
        // Inside the triangle nothing; nor where a box round the places would have its left side
        // (two dots west of the westmost place, half way up).
        #expect(!drawn(Position(x: 1.6, y: -2)) && !drawn(Position(x: -1, y: -2.5)), "\(c.screen)")
        let west = MapView.dot(Position(x: -3.6, y: 0), centre: centre, kmAcross: km, columns: columns, rows: rows)
        let boxSide = cell(atDot: (west.x - 2, west.y))
        #expect(boxSide == " " || boxSide == "\u{2800}", "\(c.screen)")
        #expect(c.screen.contains("Town"))
    }
}
