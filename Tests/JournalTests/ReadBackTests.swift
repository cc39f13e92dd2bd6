import Console
import ReadModel
import DispatchEngine
import Foundation
import Journal
import Report
import Testing

@Suite("Reading a session back: report, CSV exports, the read-only console")
struct ReadBackTests {
    @Test("The incidents CSV has one row per incident, with the units sent and the targets met")
    func incidentsExport() throws {
        let run = try RecordedRun()
        run.play(minutes: 40)
        let session = try RecordedSession(path: run.path)
        let rows = JournalExport.incidents(session).components(separatedBy: "\r\n").dropLast()
        #expect(rows.first?.hasPrefix("reference,opened,line,call,type,first_grade,grade,location,area,target") == true)
        #expect(rows.count - 1 == session.incidents.entries.count)
        #expect(session.incidents.entries.count > 5)
        // Every incident the person sent a unit to names that unit's callsign in its row.
        let sentByPerson = try run.journal.actions().compactMap { action -> (UnitIndex, IncidentID)? in
            if case .command(.assign(let u, let i)) = action.action, action.refusal == nil { return (u, i) }
            return nil
        }
        #expect(!sentByPerson.isEmpty)
        for (unit, id) in sentByPerson {
            let entry = try #require(session.incidents.entries.last { $0.id == id && $0.unitsSent.contains(unit) })
            let row = try #require(rows.first { $0.hasPrefix(Floor.reference(entry.reference) + ",") })
            #expect(row.contains(session.floor.callsign(unit)))
        }
    }

    @Test("The calls CSV has one row per call with its times, outcome, handler and incident; the incidents CSV carries the caller, markers and narrative")
    func callsExport() throws {
        let run = try RecordedRun()
        run.play(minutes: 40)
        let log = CallLog()
        let session = try RecordedSession(path: run.path) { simulation, _ in log.attach(to: simulation) }
        let rows = JournalExport.calls(session, log).components(separatedBy: "\r\n").dropLast()
        #expect(rows.first == "call,line,number,phone,rang,answered,seconds_to_answer,within_standard,ended,outcome,handler,held_by,incident,transferred_to,their_reference,signposted_to,crime_number,called_back,silent,rung_back_at,rung_back_by,ring_back_answered,after_ring_back,caller,notes,replies")
        // Every phone call and every chat, e-mail and online report.
        let stats = session.simulation.statistics
        #expect(rows.count - 1 == Line.allCases.reduce(0) { $0 + stats.lines[$1.rawValue].offered })
        let written = rows.filter { $0.contains(",chat,") || $0.contains(",email,") || $0.contains(",online,") }
        #expect(written.allSatisfy { $0.contains("@example.org,online,") }, "a chat, e-mail or report shows the address it came from")
        // Who answered, as the journal names them: the engine's handler N, or a person by name.
        #expect(rows.contains { $0.contains(",incident,engine:call-handler-") && $0.contains(",999,") })
        #expect(rows.contains { $0.contains(",999,07700 900") && $0.contains(",mobile,") }, "the number shown and its kind")
        #expect(rows.contains { $0.contains(",01632 960") && $0.contains(",landline,") })
        // A call that made an incident names it, and that incident's row names the caller.
        let withIncident = try #require(log.entries.first { $0.outcome == "incident" && $0.incident != nil })
        let incidents = JournalExport.incidents(session).components(separatedBy: "\r\n")
        #expect(incidents.first?.hasSuffix("opened_by,dispatched_by,closed_by,caller,thrive,vulnerable,account,marker_texts,narrative") == true)
        let row = try #require(incidents.first { $0.hasPrefix(Floor.reference(withIncident.incident!) + ",") })
        #expect(row.contains(CallerDetails.name(withIncident.caller)))
        #expect(row.contains("opened from ") && row.contains(" | "), "the narrative: \(row)")
        #expect(incidents.contains { $0.contains("drugs supply address") }, "marker texts")
    }

    @Test("The radio CSV holds every transmission; the events CSV every event; both as RFC 4180")
    func radioAndEventsExport() throws {
        let run = try RecordedRun()
        run.play(minutes: 20)
        let session = try RecordedSession(path: run.path)
        let radio = JournalExport.radio(session).components(separatedBy: "\r\n").dropLast()
        let transmissions = try run.journal.events().filter { $0.kind == "radio" }.count
        #expect(radio.count - 1 == transmissions)
        #expect(radio.contains { $0.contains(",CONTROL,") && $0.contains("\"deploy, grade") })
        var events = ""
        try JournalExport.events(run.journal) { events += $0 }
        let lines = events.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count - 1 == (try run.journal.eventCount()))
        #expect(lines[1].hasPrefix("1,2026-11-27 "))
        // Public references, never the engine's handles and indexes.
        #expect(!events.contains("\"slot\""), "an incident or call handle in an exported payload")
        #expect(!lines.contains { $0.contains("unitAssigned") && $0.contains("\"\"unit\"\":") && !$0.contains("\"\"unit\"\":\"\"") })
        let assigned = try #require(lines.first { $0.contains(",unitAssigned,") })
        #expect(assigned.contains("\"\"incident\"\":\"\"00"), "the reference, as 0001: \(assigned)")
        #expect(session.floor.callsigns.contains { assigned.contains("\"\"unit\"\":\"\"" + $0 + "\"\"") }, "a callsign: \(assigned)")
        let rang = try #require(lines.first { $0.contains(",callArrived,") })
        #expect(rang.contains("\"\"call\"\":\"\"1\"\""), "the call's number: \(rang)")
    }

    @Test("CSV fields with commas, quotes and line breaks are quoted; formulas are made text")
    func csvQuoting() {
        var csv = CSV(header: ["a", "b"])
        csv.add(["The Crown, 2 Market Place", "said \"help\""])
        csv.add(["=HYPERLINK(\"x\")", "-12"])
        #expect(csv.text == "a,b\r\n\"The Crown, 2 Market Place\",\"said \"\"help\"\"\"\r\n\"'=HYPERLINK(\"\"x\"\")\",-12\r\n")
    }

    @Test("The report of a session counts the person's actions, refused ones apart, and the shift's figures")
    func sessionReport() throws {
        let run = try RecordedRun(trainee: "Sam Okafor")
        run.play(minutes: 30)
        let actions = try run.journal.actions()
        let report = SessionReport.build(try RecordedSession(path: run.path))
        #expect(report.value(at: "session.actions") == Double(actions.filter { $0.refusal == nil }.count))
        #expect(report.value(at: "session.refused") == Double(actions.filter { $0.refusal != nil }.count))
        #expect(report.value(at: "calls.999.offered").map { $0 > 0 } == true)
        #expect(report.json().contains("\"operator\": \"Sam Okafor\""))
    }

    @Test("A read-only console refuses every action with the reason and changes nothing")
    func readOnlyConsole() throws {
        let run = try RecordedRun()
        run.play(minutes: 10)
        let session = try RecordedSession(path: run.path)
        var state = ConsoleState()
        state.readOnly = "Watching"
        let before = try run.journal.eventCount()
        let events = session.simulation.world.version
        Effects.carryOut([.execute(.message(0, "all units, stand by")), .dispatchSeat(areas: nil)], &state, session.floor)
        #expect(state.message == "Watching: read-only, nothing was changed.")
        #expect(state.messageIsError)
        #expect(session.simulation.world.version == events)
        #expect(try run.journal.eventCount() == before)
    }

    @Test("Seeking: [ and ] move ten minutes, :seek takes a time of day or a move; only in a replay")
    func seeking() throws {
        let run = try RecordedRun(hours: 2)
        let session = try RecordedSession(path: run.path)
        let floor = session.floor
        let now = floor.now
        var state = ConsoleState()
        #expect(Update.handle(.character("]"), &state, floor, size: (120, 40)).isEmpty)
        #expect(state.message?.hasPrefix("Seeking is for replays") == true)
        state.canSeek = true
        #expect(Update.handle(.character("]"), &state, floor, size: (120, 40)) == [.seek(now + 10 * Clock.minute)])
        #expect(Update.handle(.character("["), &state, floor, size: (120, 40)) == [.seek(now - 10 * Clock.minute)])
        func command(_ line: String) -> [ConsoleEffect] {
            _ = Update.handle(.character(":"), &state, floor, size: (120, 40))
            for c in line { _ = Update.handle(.character(c), &state, floor, size: (120, 40)) }
            return Update.handle(.enter, &state, floor, size: (120, 40))
        }
        // The night starts at 18:00; two hours in it is 20:00.
        #expect(command("seek 19:30") == [.seek(90 * Clock.minute)])
        #expect(command("seek -15m") == [.seek(now - 15 * Clock.minute)])
        #expect(command("seek +1h") == [.seek(now + Clock.hour)])
        #expect(command("seek 25:00").isEmpty)
        #expect(state.message?.contains("not a time") == true)
        #expect(command("seek soon").isEmpty)
        #expect(state.messageIsError)
    }
}
