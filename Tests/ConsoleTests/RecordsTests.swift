import Console
import DispatchEngine
import ReadModel
import Testing

/// A record lasts: a closed incident keeps everything, can be noted and reopened; an incident
/// left until later comes back, raised, at its time.
@Suite("Records that last")
struct RecordsTests {
    static func run(_ c: ConsoleFixture, _ line: String) {
        Effects.carryOut(c.command(line), &c.state, c.floor)
        Update.drawn(&c.state, c.floor)
    }

    /// A closed incident of the fixture's night that had a unit at scene.
    static func closed(_ c: ConsoleFixture) throws -> IncidentLog.Entry {
        try #require(c.floor.incidents.entries.first { $0.closedAt != nil && $0.firstArrivedAt != nil && !$0.unitsSent.isEmpty })
    }

    @Test("A closed incident's record keeps its location, caller, timeline, units and narrative")
    func closedRecordKept() throws {
        let c = ConsoleFixture()
        let entry = try Self.closed(c)
        let ref = Floor.reference(entry.reference)
        Self.run(c, "open \(ref)")
        let screen = c.screen
        #expect(screen.contains("(CLOSED at"), "\(screen)")
        #expect(screen.contains(c.floor.placeName(entry.place)))
        #expect(screen.contains("Caller"))
        #expect(screen.contains("first at scene " + c.floor.clock.time(entry.firstArrivedAt!)))
        #expect(screen.contains("sent: " + c.floor.callsign(entry.unitsSent[0])))
        #expect(screen.contains("Narrative"))
    }

    @Test(":note on a closed incident adds to its record; :reopen opens it again under its own reference, its story going on")
    func noteAndReopen() throws {
        let c = ConsoleFixture()
        let entry = try Self.closed(c)
        let ref = Floor.reference(entry.reference)
        Self.run(c, "note \(ref) Victim rang back with a description")
        #expect(!c.state.messageIsError, "\(c.state.message ?? "")")
        #expect(c.floor.incidents.entry(reference: entry.reference)!.narrative.contains { $0.fact == .note("Victim rang back with a description") })
        Self.run(c, "reopen \(ref)")
        #expect(!c.state.messageIsError, "\(c.state.message ?? "")")
        let (_, reopened) = try #require(c.floor.incident(reference: entry.reference))
        #expect(reopened.place == entry.place && reopened.reference == entry.reference)
        let story = c.floor.incidents.entry(reference: entry.reference)!.narrative
        #expect(story.first.map { if case .opened = $0.fact { true } else { false } } == true, "the story from the first opening")
        #expect(story.contains { if case .reopened = $0.fact { true } else { false } })
        #expect(c.floor.incidentRows(c.state.query).contains { $0.reference == entry.reference })
        // Open now: a second reopen is refused, and says why.
        Self.run(c, "reopen \(ref)")
        #expect(c.state.messageIsError && c.state.message?.contains("still open") == true)
        Self.run(c, "reopen 9999")
        #expect(c.state.messageIsError)
    }

    @Test("L in a record starts :link with its reference; Enter with the one it duplicates joins them: the record shows the kept one, the callers and units moved; the duplicate's record says so")
    func linkFromRecord() throws {
        let c = ConsoleFixture()
        c.floor.simulation.seatDispatcher([])
        let open = c.floor.incidentRows(c.state.query).filter { $0.grade != .resolution && $0.assisting == nil }.sorted { $0.reference < $1.reference }
        try #require(open.count >= 2)
        let kept = open[0], dup = open[1]
        let keptRef = Floor.reference(kept.reference), dupRef = Floor.reference(dup.reference)
        let before = try #require(c.floor.incidents.entry(reference: kept.reference)).duplicateCalls
        Self.run(c, "open \(dupRef)")
        c.press(.character("L"))
        #expect(c.state.line.text == "link \(dupRef) ", "\(c.state.line.text)")
        c.actTyping(keptRef)
        c.act(.enter)
        #expect(!c.state.messageIsError, "\(c.state.message ?? "")")
        // Far apart or of other types, two incidents are seldom one: asked first.
        if case .confirm(let question, _) = c.state.mode {
            #expect(question.contains("link them as one incident anyway"), "\(question)")
            c.act(.character("y"))
        }
        #expect(c.floor.incident(reference: dup.reference) == nil, "the duplicate is closed")
        let dupEntry = try #require(c.floor.incidents.entry(reference: dup.reference))
        #expect(dupEntry.result == .duplicate && dupEntry.linkedInto == kept.reference)
        #expect(c.floor.incidents.entry(reference: kept.reference)!.duplicateCalls == before + dupEntry.duplicateCalls + 1)
        // The record on the screen is the kept incident's, saying who joined it.
        #expect(c.screen.contains("\(dupRef) joined as a duplicate"), "\(c.screen)")
        Self.run(c, "open \(dupRef)")
        #expect(c.screen.contains("a duplicate of \(keptRef)"), "\(c.screen)")
        // Off a call, :dup with two references is the same join; a mistyped one changes nothing.
        Self.run(c, "dup \(keptRef) \(keptRef)")
        #expect(c.state.messageIsError)
        Self.run(c, "link \(dupRef) \(keptRef)")
        #expect(c.state.messageIsError && c.state.message?.contains("is closed") == true, "\(c.state.message ?? "")")
        Self.run(c, "link 9999 \(keptRef)")
        #expect(c.state.message?.contains("No incident 9999") == true, "\(c.state.message ?? "")")
    }

    @Test(":stack REF later 21:30 leaves it alone until then; at 21:30 it is back on the list, raised, with an alert")
    func stackUntilLater() throws {
        let c = ConsoleFixture()   // 20:00 on the Friday
        c.floor.simulation.seatDispatcher([])
        // The person dispatches every area: nobody else sends a unit meanwhile; the next
        // incident to come in waits for them.
        let deadline = c.floor.now + 2 * Clock.hour
        while c.floor.now < deadline && !c.floor.incidentRows(c.state.query).contains(where: { $0.units.isEmpty && $0.grade != .resolution }) {
            c.floor.simulation.advance(to: c.floor.now + Clock.minute)
        }
        let row = try #require(c.floor.incidentRows(c.state.query).first { $0.units.isEmpty && $0.grade != .resolution })
        let ref = Floor.reference(row.reference)
        Self.run(c, "stack \(ref) later 2130")
        #expect(c.state.messageIsError && c.state.message?.contains("later takes a time of day") == true)
        Self.run(c, "stack \(ref) later 21:30")
        #expect(!c.state.messageIsError, "\(c.state.message ?? "")")
        let waiting = try #require(c.floor.incidentRows(c.state.query).first { $0.reference == row.reference })
        #expect(waiting.status == .later)
        #expect(c.screen.contains("til21:30"))
        c.advance(seconds: 100 * 60)
        let back = try #require(c.floor.incidentRows(c.state.query).first { $0.reference == row.reference })
        #expect(back.status == .back)
        #expect(c.screen.contains("BACK"))
        #expect(c.floor.incidents.entry(reference: row.reference)!.narrative.contains { $0.fact == .backFromLater })
        #expect(c.state.alerts.list.contains { $0.kind == .backFromLater })
    }
}
