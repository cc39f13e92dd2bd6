import Debrief
import DispatchEngine
import FloorLink
import Foundation
import Journal
import ReadModel
import Scenario
import Testing

/// A training bay on one floor, in process: an instructor and trainees in their seats, each
/// acting through the floor; each one's debrief judged on their own actions.
@Suite("A training bay: each trainee judged on what they did")
struct BayTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    /// A training floor on a shipped scenario, the instructor seated and the clock running.
    static func bay(_ file: String, path: String = FloorRoomTests.temporaryPath()) throws -> FloorRoom {
        let scenario = try Scenario.load(path: root + "/scenarios/training/" + file)
        let room = try FloorRoom.start(scenario, file: file, seed: nil, from: 0, training: true, journalPath: path)
        room.hello(1, name: "Jo Instructor", seat: "instructor", version: FloorProtocol.version)
        room.clock(1, id: 1, paused: false, speed: 1)
        return room
    }

    /// Ticks one simulated second at a time until `done`, for at most `limit`.
    static func run(_ room: FloorRoom, upTo limit: SimTime = 2 * Clock.hour, until done: () -> Bool = { false }) {
        let end = min(room.simulation.now + limit, room.simulation.config.duration)
        while !done() && room.simulation.now < end { room.tick(elapsed: 1_000, budget: 10_000_000_000) }
    }

    /// The person's call-handling seat (they sit down as they join, as a console does).
    static func sit(_ room: FloorRoom, _ connection: Int, _ name: String, id: UInt64) -> HandlerIndex {
        room.hello(connection, name: name, seat: "call-handler", version: FloorProtocol.version)
        room.act(connection, id: id, .command(.seatCallHandler))
        return room.simulation.world.personSeats.last!
    }

    static func place(_ room: FloorRoom, _ name: String) -> Int32 { Int32(room.simulation.config.places.firstIndex { $0.name == name }!) }
    static func type(_ room: FloorRoom, _ name: String) -> Int32 { Int32(room.simulation.config.incidentTypes.firstIndex { $0.name == name }!) }
    static let thrive = Assessment(thrive: ["fight, one down", "head injury", "serious", "CCTV in the square", "the injured man", "door staff helping"])

    @Test("Three trainees and an instructor: each debrief credits only that trainee's actions, the scores differ as they played, the idle dispatcher scores 0 of the dispatcher's points, an unknown name is refused")
    func threeTrainees() throws {
        let path = FloorRoomTests.temporaryPath()
        let room = try Self.bay("06-street-fight.yaml", path: path)
        let sim = room.simulation
        let ann = Self.sit(room, 2, "Ann Carter", id: 1)
        let ben = Self.sit(room, 3, "Ben Doyle", id: 1)
        room.hello(4, name: "Cat Evans", seat: "dispatcher", version: FloorProtocol.version)
        // The instructor rings the fight in now; Ann takes it and grades it 1.
        room.act(1, id: 2, .inject(cue: 0))
        room.act(2, id: 2, .command(.answerNext(ann)))
        Self.run(room, upTo: 20 * Clock.second)
        room.act(2, id: 3, .command(.decideCall(ann, .incident(type: Self.type(room, "violence (not domestic)"), grade: .immediate,
                                                                place: Self.place(room, "Market Square, Hartley"), assessment: Self.thrive))))
        let fight = try #require(sim.scriptedIncident(0))
        room.act(1, id: 3, .mark("Ann graded it before the caller finished: discuss"))
        // The door staff ring: Ben takes it and links it to the fight, as a further caller.
        room.act(1, id: 4, .inject(cue: 1))
        room.act(3, id: 2, .command(.answerNext(ben)))
        Self.run(room, upTo: 10 * Clock.second)
        room.act(3, id: 3, .command(.decideCall(ben, .duplicate(of: fight))))
        // The taxi driver: Ann makes it a second incident.
        room.act(1, id: 5, .inject(cue: 2))
        room.act(2, id: 4, .command(.answerNext(ann)))
        Self.run(room, upTo: 10 * Clock.second)
        room.act(2, id: 5, .command(.decideCall(ann, .incident(type: Self.type(room, "violence (not domestic)"), grade: .immediate,
                                                                place: Self.place(room, "Market Square, Hartley")))))
        // A trainee's mark is refused by the floor; Cat, the dispatcher, sends nobody.
        room.act(3, id: 4, .mark("not mine to mark"))
        // A trainee's inject too (the console no longer offers it; the floor is the authority).
        // What the floor sends back, as text (the answer carries the refusal).
        var told: [String] = []
        room.send = { to, message in told.append("\(to) \(message)") }
        room.act(4, id: 1, .inject(cue: 3))
        #expect(told.contains { $0.contains("only the instructor injects") }, "\(told)")
        Self.run(room, upTo: 30 * Clock.minute)
        _ = room.stop()

        let judged = try JudgedSession(path: path)
        #expect(judged.trainees == ["Ann Carter", "Ben Doyle", "Cat Evans"])
        let a = judged.debrief(of: "Ann Carter"), b = judged.debrief(of: "Ben Doyle"), c = judged.debrief(of: "Cat Evans")
        func finding(_ d: Debrief, _ expectation: String) throws -> Debrief.Finding {
            try #require(d.findings.first { $0.expectation.hasPrefix(expectation) })
        }
        // Ann: her grade is hers; the further call she made into another incident is her miss.
        #expect(try finding(a, "graded 1").yours && finding(a, "graded 1").met)
        #expect(try finding(a, "graded 1").detail.contains("by you"))
        #expect(try finding(a, "further callers linked").yours && !finding(a, "further callers linked").met)
        #expect(try !finding(a, "first unit sent").yours, "the dispatcher's, not Ann's")
        #expect(a.score == 60 && a.pointsPossible == 25, "\(a.text())")
        // Ben: he linked the one further call he took; the grade was Ann's, named as hers.
        #expect(try finding(b, "further callers linked").yours && finding(b, "further callers linked").met)
        #expect(try !finding(b, "graded 1").yours && finding(b, "graded 1").detail.contains("by Ann Carter"))
        #expect(b.score == 100 && b.pointsPossible == 10, "\(b.text())")
        // Cat did nothing: 0 of the dispatcher's points, nothing of the call handlers' credited.
        #expect(c.pointsMet == 0 && c.pointsPossible == 30 && c.score == 0, "\(c.text())")
        #expect(c.yours.allSatisfy { $0.seat == .dispatch })
        #expect(try finding(c, "first unit sent").detail.hasPrefix("no unit was sent"))
        // The instructor is not scored; an unknown name is refused with the people there are.
        let jo = judged.debrief(of: "Jo Instructor")
        #expect(jo.score == nil && jo.noScore?.contains("held no call-handling or dispatch seat (instructor)") == true, "\(jo.noScore ?? "")")
        #expect(throws: DebriefError.unknownPerson("Nobody Here", people: ["Jo Instructor", "Ann Carter", "Ben Doyle", "Cat Evans"])) {
            try judged.resolve("Nobody Here")
        }
        // The instructor's mark, and only hers, is in every debrief's timeline.
        #expect(a.marks.map(\.text) == ["Ann graded it before the caller finished: discuss"] && a.marks.first?.by == "Jo Instructor")
        #expect(c.text().contains("Instructor's marks\n  M "))
        // The bay side by side.
        let bay = try BayReport.build(paths: [path])
        #expect(bay.trainees.map(\.debrief.trainee) == ["Ann Carter", "Ben Doyle", "Cat Evans"])
        let text = bay.text(width: 120)
        #expect(text.contains("SCORE") && text.contains("60 (15/25)") && text.contains("100 (10/10)") && text.contains("0 (0/30)"), "\(text)")
        #expect(text.contains("Ann graded it before the caller finished"))
        // Each trainee's name heads their own column.
        let lines = text.split(separator: "\n").map(String.init)
        let names = try #require(lines.first { $0.contains("Ann Carter") && $0.contains("Cat Evans") }, "\(text)")
        let scores = try #require(lines.first { $0.contains("SCORE") })
        for (name, figure) in [("Ann Carter", "60 (15/25)"), ("Ben Doyle", "100 (10/10)"), ("Cat Evans", "0 (0/30)")] {
            #expect(names.range(of: name)!.lowerBound.utf16Offset(in: names) == scores.range(of: figure)!.lowerBound.utf16Offset(in: scores), "\(text)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(bay.json().utf8)) as? [String: Any]
        #expect((json?["trainees"] as? [[String: Any]])?.count == 3)
        #expect(bay.markdown().contains("| **score** | **60 (15/25)** | **100 (10/10)** | **0 (0/30)** |"), "\(bay.markdown())")
    }

    @Test("A handover: the dispatcher who held the seat while the first send was due is answerable for it; the one who sat down after is not")
    func handover() throws {
        let path = FloorRoomTests.temporaryPath()
        let room = try Self.bay("06-street-fight.yaml", path: path)
        let ann = Self.sit(room, 2, "Ann Carter", id: 1)
        room.hello(3, name: "Cat Evans", seat: "dispatcher", version: FloorProtocol.version)
        room.act(1, id: 2, .inject(cue: 0))
        room.act(2, id: 2, .command(.answerNext(ann)))
        Self.run(room, upTo: 20 * Clock.second)
        room.act(2, id: 3, .command(.decideCall(ann, .incident(type: Self.type(room, "violence (not domestic)"), grade: .immediate,
                                                                place: Self.place(room, "Market Square, Hartley"), assessment: Self.thrive))))
        // Cat sends nobody in the ten minutes and leaves; Dan sits down after.
        Self.run(room, upTo: 11 * Clock.minute)
        room.gone(3, bye: true)
        Self.run(room, upTo: Clock.minute)
        room.hello(4, name: "Dan Ford", seat: "dispatcher", version: FloorProtocol.version)
        Self.run(room, upTo: 10 * Clock.minute)
        _ = room.stop()
        let judged = try JudgedSession(path: path)
        let cat = judged.debrief(of: "Cat Evans"), dan = judged.debrief(of: "Dan Ford")
        let catSent = try #require(cat.findings.first { $0.kind == .sent })
        #expect(catSent.yours && !catSent.met, "\(catSent.detail)")
        let danSent = try #require(dan.findings.first { $0.kind == .sent })
        #expect(!danSent.yours, "Dan sat down after it was due: \(danSent.detail)")
    }

    @Test("An abandoned 999 falls to the call handler who was free when the caller hung up, not to one on another call")
    func ringBackFallsToTheFree() throws {
        let path = FloorRoomTests.temporaryPath()
        let room = try Self.bay("11-abandoned-999-genuine.yaml", path: path)
        let ann = Self.sit(room, 2, "Ann Carter", id: 1)
        _ = Self.sit(room, 3, "Ben Doyle", id: 1)
        // Ann takes the 101 parking complaint and is still on it when the 999 is cut off.
        room.act(1, id: 2, .inject(cue: 0))
        room.act(2, id: 2, .command(.answerNext(ann)))
        Self.run(room, upTo: 5 * Clock.second)
        room.act(1, id: 3, .inject(cue: 1))
        Self.run(room, upTo: 3 * Clock.minute)
        _ = room.stop()
        let judged = try JudgedSession(path: path)
        let a = try #require(judged.debrief(of: "Ann Carter").findings.first { $0.kind == .rungBack })
        let b = try #require(judged.debrief(of: "Ben Doyle").findings.first { $0.kind == .rungBack })
        #expect(!a.yours, "Ann was on another call: \(a.detail)")
        #expect(b.yours && !b.met, "Ben was free and did not ring back: \(b.detail)")
    }

    @Test("An officer on no job presses the button in an area a person dispatches: the engine leaves it to them, for the whole of their time")
    func buttonLeftToThePerson() throws {
        let path = FloorRoomTests.temporaryPath()
        // The street fight's public order crew, HY14, pressed early: on no job yet.
        let room = try Self.bay("06-street-fight.yaml", path: path)
        let sim = room.simulation
        room.hello(2, name: "Ash Khan", seat: "dispatcher:Hartley", version: FloorProtocol.version)
        Self.run(room, upTo: 2 * Clock.minute)
        let cue = try #require(sim.config.script.cues.firstIndex { if case .emergency = $0.event { true } else { false } })
        room.act(1, id: 2, .inject(cue: cue))
        let pressed = sim.now
        #expect(sim.world.pendingEmergencies.first.map { sim.world.units[Int($0.unit)].incident == nil } == true, "on no job")
        Self.run(room, upTo: 25 * Clock.second)
        let unit = try #require(sim.world.pendingEmergencies.first?.unit, "still Ash's to acknowledge after 25 s")
        room.act(2, id: 1, .command(.acknowledgeEmergency(unit)))
        #expect(sim.now - pressed <= 30 * Clock.second)
        #expect(sim.world.pendingEmergencies.isEmpty, "acknowledged by Ash")
        _ = room.stop()
    }

    @Test("The instructor injects the emergency button early; the dispatcher acknowledges it in 10 s and sends help in 11 s: judged as pressed, and both met by the dispatcher")
    func injectedEmergency() throws {
        let path = FloorRoomTests.temporaryPath()
        let room = try Self.bay("07-emergency-button-busy-night.yaml", path: path)
        let sim = room.simulation
        room.hello(2, name: "Ash Khan", seat: "dispatcher", version: FloorProtocol.version)
        Self.run(room, upTo: 2 * Clock.minute)
        let cue = try #require(sim.config.script.cues.firstIndex { if case .emergency = $0.event { true } else { false } })
        #expect(sim.config.script.cues[cue].at > sim.now, "injected before its time")
        room.act(1, id: 2, .inject(cue: cue))
        let pressed = sim.now
        Self.run(room, upTo: 10 * Clock.second)
        let unit = try #require(sim.world.pendingEmergencies.first?.unit)
        room.act(2, id: 1, .command(.acknowledgeEmergency(unit)))
        Self.run(room, upTo: Clock.second)
        let assistance = try #require(sim.world.urgent.first { sim.world.incident($0)?.assisting == unit })
        let help = try #require(sim.recommendations(for: assistance).first)
        room.act(2, id: 2, .command(help.divertsFrom == nil ? .assign(help.unit, assistance) : .divert(help.unit, assistance)))
        #expect(sim.now - pressed <= 12 * Clock.second)
        Self.run(room, upTo: 5 * Clock.minute)
        _ = room.stop()
        let ash = try Debrief.build(path: path, person: "Ash Khan")
        for expectation in ["acknowledged within 0:30", "a unit sent to the officer within 1:00"] {
            let f = try #require(ash.findings.first { $0.expectation == expectation })
            #expect(f.yours && f.met, "\(f.detail)")
            #expect(!f.detail.contains("not pressed") && f.detail.contains("by you"), "\(f.detail)")
        }
    }

    @Test("The silent call played badly: closed silent, the neighbour's call graded 3, a PCSO sent 45 minutes later: the debrief judges that incident and names the mis-grade, the wrong unit and the delay")
    func silentCallPlayedBadly() throws {
        let path = FloorRoomTests.temporaryPath()
        let room = try Self.bay("01-silent-overdose.yaml", path: path)
        let sim = room.simulation
        let ann = Self.sit(room, 2, "Ann Carter", id: 1)
        room.hello(3, name: "Cat Evans", seat: "dispatcher", version: FloorProtocol.version)
        Self.run(room) { sim.world.nextCallToAnswer() != nil }
        room.act(2, id: 2, .command(.answerNext(ann)))
        Self.run(room, upTo: 10 * Clock.second)
        room.act(2, id: 3, .command(.decideCall(ann, .noResponse)))
        // The neighbour rings as it gets worse: Ann takes it, as a grade 3.
        Self.run(room) { sim.world.nextCallToAnswer() != nil }
        room.act(2, id: 4, .command(.answerNext(ann)))
        Self.run(room, upTo: 15 * Clock.second)
        room.act(2, id: 5, .command(.decideCall(ann, .incident(type: Self.type(room, "concern for safety"), grade: .scheduled,
                                                                place: Self.place(room, "14 Birch Close, Hartley")))))
        let made = try #require(sim.scriptedIncident(0))
        // 45 minutes on, Cat sends the PCSO.
        Self.run(room, upTo: 45 * Clock.minute)
        let pcso = UnitIndex(sim.config.units.firstIndex { $0.callsign == "HP31" }!)
        room.act(3, id: 1, .command(.assign(pcso, made)))
        Self.run(room, upTo: 20 * Clock.minute)
        _ = room.stop()
        let judged = try JudgedSession(path: path)
        let a = judged.debrief(of: "Ann Carter"), c = judged.debrief(of: "Cat Evans")
        let graded = try #require(a.findings.first { $0.expectation == "graded 1" })
        #expect(graded.yours && !graded.met)
        #expect(graded.detail.contains("given grade 3") && graded.detail.contains("from another caller ringing as it got worse"), "\(graded.detail)")
        #expect(graded.detail.contains("it was a grade 1") && graded.detail.contains("past a grade 1's target"), "\(graded.detail)")
        #expect(!a.findings.contains { $0.detail.contains("no incident was made") }, "the incident the neighbour's call made is judged")
        let silent = try #require(a.findings.first { $0.kind == .silentClosed })
        #expect(silent.detail.contains("closed with no response by you"), "\(silent.detail)")
        let sent = try #require(c.findings.first { $0.expectation.hasPrefix("first unit sent within 15:00") })
        #expect(sent.yours && !sent.met && sent.detail.contains("first unit HP31 sent") && sent.detail.contains("late"), "\(sent.detail)")
        let skills = try #require(c.findings.first { $0.expectation == "a unit with first_aid sent" })
        #expect(skills.yours && !skills.met && skills.detail.contains("HP31 (PCSO) by you") && skills.detail.contains("none has first_aid"), "\(skills.detail)")
        #expect(a.score == 0 && c.score == 0)
    }
}
