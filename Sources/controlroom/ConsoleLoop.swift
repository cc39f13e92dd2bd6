import Console
import DispatchEngine
import Foundation
import ReadModel
import Terminal

/// What drives a console's world: the engine of a console of its own (`LiveSource`), a floor
/// (`FloorSource`), a journal followed (`Follower`) or replayed (`Playback`). The one console loop
/// reads the keys, hands the person's effects to the source, moves the world on through it, and
/// gives `Update` whatever the source says happened: the loop never sets the console's state.
protocol WorldSource: AnyObject {
    /// The world as it stands now (a source may rebuild it: a replay seeking back, a floor back).
    var floor: Floor { get }
    /// Carries out what the keys asked. `before`: the console as it was before the keys (a
    /// floor's clock is the instructor's). Returns whether the person quit, and the news.
    func carryOut(_ effects: [ConsoleEffect], before: ConsoleState, _ state: inout ConsoleState, width: Int) -> (quit: Bool, news: [WorldNews])
    /// The world moved on by `elapsed` wall milliseconds at the console's speed: what happened.
    func tick(elapsed: Double, _ state: ConsoleState, width: Int) -> [WorldNews]
    /// The loop is over (`quit`: by the person; else a signal): what to say once the screen is
    /// gone, and the exit status.
    func close(quit: Bool) -> Closing
    /// A live seat: the person's calls and alerts follow the world each tick, the bell rings, and
    /// the recommendations on the screen are kept (a console that only looks, or whose floor is
    /// lost, leaves its screen as it is).
    var live: Bool { get }
}

extension WorldSource {
    func carryOut(_ effects: [ConsoleEffect], before: ConsoleState, _ state: inout ConsoleState, width: Int) -> (quit: Bool, news: [WorldNews]) {
        (Effects.carryOut(effects, &state, floor), [])
    }
    func close(quit: Bool) -> Closing { Closing() }
    var live: Bool { true }
}

/// The one loop of every console: keys to `Update.handle`, effects to the source, the world's
/// news to `Update.news`, then settle, foresight, the bell and the frame, every tick.
enum ConsoleLoop {
    /// Milliseconds between ticks when no key comes.
    static let tick: Int32 = 40

    /// `trace`: a file to which the times (monotonic ns) of the first frame and of each frame drawn
    /// after a key are written, and each look ahead finished, for `controlroom bench`.
    static func run(_ source: WorldSource, _ terminal: inout Terminal, _ state: inout ConsoleState, trace: String? = nil) -> Int32 {
        var traceLog = ""
        var firstFrame = true
        var looksTraced = 0
        defer { if let trace { try? traceLog.write(toFile: trace, atomically: true, encoding: .utf8) } }
        var lastWall = DispatchTime.now().uptimeNanoseconds
        state.messageClock = source.floor.now
        state.messages.opened(at: source.floor.now)
        var quit = false
        while !terminal.stopRequested {
            var keyed = false
            if let key = terminal.readKey(timeout: tick) {
                keyed = true
                state.wallNow = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
                let before = state
                var effects = Update.handle(key, &state, source.floor, size: terminal.size)
                // Whatever else is already typed goes in before drawing (pasted or fast typing).
                while effects.isEmpty, let more = terminal.readKey(timeout: 0) {
                    effects += Update.handle(more, &state, source.floor, size: terminal.size)
                }
                let (done, news) = source.carryOut(effects, before: before, &state, width: terminal.size.width)
                hear(news, source, &state, width: terminal.size.width)
                if done { quit = true; break }
            }
            let wall = DispatchTime.now().uptimeNanoseconds
            hear(source.tick(elapsed: Double(wall - lastWall) / 1e6, state, width: terminal.size.width), source, &state, width: terminal.size.width)
            lastWall = wall
            let floor = source.floor
            let live = source.live
            if live { Update.settle(&state, floor) }
            Update.heardMarks(&state, floor)
            Update.foresee(&state, floor)
            if live && state.alerts.ring {
                if !state.alerts.quiet { terminal.bell() }
                state.alerts.ring = false
            }
            if live { Update.drawn(&state, floor) }
            terminal.draw(Render.frame(state, floor, width: terminal.size.width, height: terminal.size.height))
            if trace != nil && floor.foresight.looks != looksTraced {
                looksTraced = floor.foresight.looks
                traceLog += "foresight \(DispatchTime.now().uptimeNanoseconds) \(floor.foresight.lastSeconds ?? 0)\n"
            }
            if trace != nil && (keyed || firstFrame) {
                traceLog += (firstFrame ? "first-frame " : "key ") + String(DispatchTime.now().uptimeNanoseconds) + "\n"
                firstFrame = false
            }
        }
        let closing = source.close(quit: quit)
        terminal.stop()
        return closing.finish()
    }

    /// The world's news to `Update`, and what it asks then carried out by the source.
    private static func hear(_ news: [WorldNews], _ source: WorldSource, _ state: inout ConsoleState, width: Int) {
        for item in news {
            let effects = Update.news(item, &state, source.floor)
            if !effects.isEmpty { hear(source.carryOut(effects, before: state, &state, width: width).news, source, &state, width: width) }
        }
    }
}

/// How a console ended: its exit status, and what is said once the screen is gone.
struct Closing {
    var code: Int32 = 0
    /// To standard output, and to standard error.
    var said: String?
    var problem: String?

    /// Says it (the screen already stopped) and gives the status.
    func finish() -> Int32 {
        if let said { Output.print(said) }
        if let problem { FileHandle.standardError.write(Data(problem.utf8)) }
        return code
    }
}
