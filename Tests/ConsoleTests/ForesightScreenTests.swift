import Foundation
import Testing
@testable import Console
import DispatchEngine
import ReadModel

/// Foresight as the supervisor sees it: the overview's table, `:foresee` in the background and
/// its word on the status line, the refresh every 10 simulated minutes while the overview is open.
@Suite("Foresight on the supervisor's overview")
struct ForesightScreenTests {
    func supervisor(width: Int = 120, height: Int = 60) -> ConsoleFixture {
        let f = ConsoleFixture(hours: 4, width: width, height: height, role: .supervisor)
        f.state.mode = .supervisor
        f.floor.foresight.futures = 20
        return f
    }

    func overview(_ f: ConsoleFixture, width: Int = 116) -> [String] {
        SupervisorView.lines(f.state, f.floor, width: width).map(\.text)
    }

    /// The console's loop step once the look under way has finished (a debug build's look can
    /// take seconds): whether it finished within two minutes.
    func loop(_ f: ConsoleFixture) -> Bool {
        let finished = f.floor.foresight.awaitLook(within: 120)
        Update.foresee(&f.state, f.floor)
        return finished && f.floor.foresight.working == nil
    }

    @Test("Before a look the overview says how to ask; after one, the chance, those waiting and 999 within 10 s, as things are and with each what-if")
    func table() throws {
        let f = supervisor()
        #expect(overview(f).contains("Foresight: none yet: :foresee looks 2 hours ahead"))
        f.floor.foresight.lookNow(f.floor.simulation)
        let look = try #require(f.floor.foresight.latest)
        let lines = overview(f)
        let at = try #require(lines.firstIndex { $0.hasPrefix("Foresight: the next 2 hours in 20 futures from 22:00 (0 min ago)") })
        #expect(lines[at + 1].contains("as things are") && lines[at + 1].contains("+1 unit lent")
                && lines[at + 1].contains("1 kept back") && lines[at + 1].contains("early shift"))
        // Each chance with its 95 % interval; at 22:00 the next shift (ARV60, 06:00) cannot come into the
        // next two hours an hour early: that what-if says so instead of a figure.
        func percent(_ p: Double) -> String { "\(Int((p * 100).rounded()))" }
        let chances = WhatIf.allCases.map { w -> String in
            let o = look.outlook(w)!
            guard o.cannot == nil else { return "n/a" }
            return percent(o.gradeOneLateChance) + "%" + o.gradeOneLateInterval.map { " (\(percent($0.low))-\(percent($0.high)))" }!
        }
        #expect(look.outlook(.nextShiftEarly)?.cannot != nil && look.outlook(.nextShiftEarly)?.futures == 0)
        #expect(lines[at + 2] == "grade 1 late chance" + chances.map { String(repeating: " ", count: 14 - $0.count) + $0 }.joined())
        #expect(lines[at + 3] == "waiting for units" && lines[at + 4].hasPrefix("  in 1 hour") && lines[at + 5].hasPrefix("  in 2 hours"))
        #expect(lines[at + 4].contains(String(format: "%.1f", look.outlook(.asThings)!.stackedAtHour[0])))
        #expect(lines[at + 6].hasPrefix("999 within 10 s") && lines[at + 6].contains("%"))
        #expect(lines[at + 7].hasPrefix("(95 % intervals in brackets"))
        #expect(lines[at + 8] == "early shift: cannot change the next 2 hours: the next shift starts at 06:00, still after the window an hour early")
        #expect(lines[at + 9].hasPrefix("lent: a response car at ") && lines[at + 9].contains("; early shift: the "))
    }

    @Test("At 80x24 the table fits the overview's width, every column whole")
    func narrow() {
        let f = supervisor(width: 80, height: 24)
        f.floor.foresight.lookNow(f.floor.simulation)
        for line in overview(f, width: 76) where line.hasPrefix("grade 1 late") || line.contains("as things are") {
            #expect(TextWidth.of(line) <= 75, "\(line)")
        }
        #expect(overview(f, width: 76).contains { $0.hasSuffix("early shift") })
    }

    @Test(":foresee says it is looking, works in the background, and says the chance when it is ready; the overview then shows it")
    func foresee() {
        let f = supervisor()
        f.state.mode = .normal
        f.command("foresee")
        #expect(f.state.message == "Looking 2 hours ahead in 20 futures, in the background: said here when ready, S shows the overview.")
        Update.foresee(&f.state, f.floor)
        #expect(f.floor.foresight.working != nil)
        #expect(loop(f) && f.floor.foresight.latest != nil)
        let chance = Int((f.floor.foresight.latest!.outlook(.asThings)!.gradeOneLateChance * 100).rounded())
        #expect(f.state.message?.hasPrefix("Foresight from 22:00: a grade 1 late in the next 2 hours \(chance)%, waiting for units in an hour ") == true)
        f.state.mode = .supervisor
        #expect(overview(f).contains { $0.hasPrefix("Foresight: the next 2 hours in 20 futures from 22:00") })
    }

    @Test("While the overview is open, a new look every 10 simulated minutes; closed, none; the figures stay while the next is worked out")
    func refresh() {
        let f = supervisor()
        f.floor.foresight.lookNow(f.floor.simulation)
        let first = f.floor.foresight.latest!.at
        f.advance(seconds: 9 * 60)
        Update.foresee(&f.state, f.floor)
        #expect(f.floor.foresight.working == nil)
        f.advance(seconds: 60)
        f.state.mode = .normal
        Update.foresee(&f.state, f.floor)
        #expect(f.floor.foresight.working == nil)
        f.state.mode = .supervisor
        Update.foresee(&f.state, f.floor)
        #expect(f.floor.foresight.working != nil)
        #expect(overview(f).contains { $0.hasPrefix("Foresight: the next 2 hours in 20 futures from 22:00 (10 min ago; looking again now)") })
        #expect(loop(f))
        #expect(f.floor.foresight.latest!.at.time == first.time + 10 * Clock.minute)
        #expect(f.floor.foresight.looks == 2)
    }
}
