import ArgumentParser
import Console
import ReadModel
import Journal
import Terminal

struct Watch: ParsableCommand, ReadsAJournal {
    static let configuration = CommandConfiguration(
        abstract: "Watch a live session from a second terminal, read-only.",
        discussion: "Opens on the supervisor's overview (S or Esc for the incident list, board and radio log) and follows the session as its journal is written.")

    @OptionGroup var recorded: RecordedJournal

    func run() throws {
        let follower = Journals.attempt { () throws(JournalError) in try Follower(journal) }
        guard Terminal.isInteractive else { Failure.fail("watching needs a terminal; for figures, run: controlroom report \(Journals.shown(journal))") }
        let header = follower.replay.header
        // The seat as the session stands now (taken or handed back since it started), not as it began.
        let seats = follower.floor.personSeats()
        throw ExitCode(ReadOnlyConsole.run(follower) { state in
            state.role = .supervisor
            state.mode = .supervisor
            state.readOnly = "Watching"
            state.following = true
            state.banner = "WATCHING " + header.operatorName + " (" + seats + (header.trainee == nil ? "" : ", training") + ") · read-only"
            state.say("Watching \(header.scenarioName), \(header.operatorName) as \(seats). S or Esc for the floor, q to stop watching.")
        })
    }
}

struct Replay: ParsableCommand, ReadsAJournal {
    static let configuration = CommandConfiguration(
        abstract: "Play a recorded session back in the console, with pause, speed and seek.",
        discussion: "Space pauses, + and - change the speed, [ and ] move 10 minutes, :seek 19:30 or :seek -15m go to a time.")

    @OptionGroup var recorded: RecordedJournal

    @Option(help: "Play at this speed.")
    var speed: SpeedChoice = .x10

    func run() throws {
        let playback = Journals.attempt { () throws(JournalError) in try Playback(journal) }
        guard Terminal.isInteractive else { Failure.fail("a replay needs a terminal; for figures, run: controlroom report \(Journals.shown(journal))") }
        let header = playback.replay.header
        throw ExitCode(ReadOnlyConsole.run(playback) { state in
            state.role = Role(rawValue: header.role) ?? .dispatcher
            state.readOnly = "Replay"
            state.canSeek = true
            state.banner = "REPLAY of " + header.operatorName
            if let i = Speed.factors.firstIndex(of: speed.rawValue) { state.speed.index = i }
            state.say("Replaying \(header.scenarioName), \(header.operatorName) as \(header.role). Space pauses, + - speed, [ ] 10 minutes, :seek 19:30.")
        })
    }
}
