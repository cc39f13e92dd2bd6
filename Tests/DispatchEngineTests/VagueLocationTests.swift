import Testing
@testable import DispatchEngine
@testable import Scenario

/// Street-only and area-only locations: entered when that is all a caller can say; officers sent
/// to a street search along it and find the caller; sent to an area, they cannot.
@Suite("Vague locations")
struct VagueLocationTests {
    static let street = """
    name: street
    start: 2026-11-27 22:00
    duration: 2h
    seed: 5
    area:
      areas: [{name: Town}]
      stations: [{name: Town Station, at: [0, 0], area: Town}]
      places:
        - {name: Market Square, at: [1, 0], area: Town}
        - {name: 4 Elm Road, at: [2, 1], area: Town}
        - {name: "Riverside Flats, Elm Road", at: [2.8, 1.5], area: Town}
        - {name: High Street, at: [0, 1], area: Town}
    roster:
      units:
        - {callsign: T1, kind: response, station: Town Station}
      call_handlers: 1
    incident_types:
      - {name: fight, share: 100, grades: [100, 0, 0, 0], handling: 2m, on_scene: 30m}
    script:
      - at: 1m
        call: {name: fight, type: fight, grade: 1, place: "Riverside Flats, Elm Road", says: ["They're fighting on Elm Road!"]}
    """

    @Test("The gazetteer gains a vague entry for each street its addresses are on and each area, after the addresses and never drawn as where a call is")
    func entries() throws {
        let config = try Scenario.parse(text: Self.street, file: "street.yaml").config
        #expect(config.addressCount == 4)
        let vague = config.places.suffix(from: config.addressCount)
        #expect(vague.map(\.name) == ["Elm Road, Town (street only)", "Town (area only)"])
        let road = try #require(vague.first)
        #expect(road.vague == .street && road.covers == [1, 2] && road.weight == 0)
        #expect(VagueLocations.streetNames(in: "The Crown, 2 Market Place") == ["Market Place"])
        #expect(VagueLocations.streetNames(in: "Kingsmead Park").isEmpty)
        // The default district: a street the addresses name, and its areas.
        let district = Scenario.builtInDefault().config
        #expect(district.places.contains { $0.name == "Mill Lane, Northfield Town (street only)" })
        #expect(district.places.contains { $0.name == "Ashby (area only)" })
        #expect(!district.places.contains { $0.name.hasPrefix("High Street, Northfield Town (street") }, "a street that is itself a place is exact")
    }

    /// The scripted fight answered at a person's seat and placed at `placeName`; run until the
    /// job ends, with the radio heard.
    func placed(at placeName: String) throws -> (Simulation, [Int32], [RadioMessage]) {
        let config = try Scenario.parse(text: Self.street, file: "street.yaml").config
        let sim = Simulation(config: config)
        let seat = HandlerIndex(sim.world.handlers.count)
        try sim.execute(.seatCallHandler)
        var radio: [RadioMessage] = []
        var relocated: [Int32] = []
        sim.observers.append { _, event in
            if case let .radio(t) = event, t.direction == .toControl { radio.append(t.message) }
            if case let .incidentRelocated(_, place) = event { relocated.append(place) }
        }
        while sim.world.callsWaiting == 0 { _ = sim.step(limit: config.duration) }
        try sim.execute(.answerNext(seat))
        let place = Int32(try #require(config.places.firstIndex { $0.name == placeName }))
        try sim.execute(.decideCall(seat, .incident(type: 0, grade: .immediate, place: place,
                                                    assessment: Assessment(thrive: Array(repeating: "none", count: 6)))))
        sim.advance(to: config.duration)
        return (sim, relocated, radio)
    }

    @Test("Placed on the street only: the officer searches along it, finds the caller, and the incident is placed where they are")
    func streetSearched() throws {
        let (sim, relocated, radio) = try placed(at: "Elm Road, Town (street only)")
        #expect(radio.contains(.searchingStreet) && radio.contains(.callerFound), "\(radio)")
        #expect(!radio.contains(.nothingFound))
        // Placed where the caller was found: the flats on Elm Road, where it really was.
        #expect(relocated.map { sim.config.places[Int($0)].name } == ["Riverside Flats, Elm Road"])
        #expect(radio.firstIndex(of: .searchingStreet)! < radio.firstIndex(of: .callerFound)!)
    }

    @Test("Placed in the area only: nobody is found where the officer is sent, and the job ends with no trace")
    func areaNotFound() throws {
        let (_, relocated, radio) = try placed(at: "Town (area only)")
        #expect(relocated.isEmpty)
        #expect(radio.contains(.nothingFound), "\(radio)")
        #expect(radio.contains(.result(.noTrace)))
    }
}
