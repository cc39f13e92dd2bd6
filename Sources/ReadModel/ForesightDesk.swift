import DispatchEngine
import Dispatch
import Foundation

/// Keeps foresight for the supervisor's overview: looks ahead in the background, on a thread of
/// its own (the other core), never on the console's. The console's loop calls `tick` each time
/// round: a look starts when one is due (every `every` of simulated time while the overview is
/// shown, or when asked) and none is under way; a finished one is collected. A look reads only a
/// still copy of the floor made on the console's thread, so the live floor is never shared with
/// the worker, and a look at a given moment gives the same figures however long it took.
public final class ForesightDesk {
    /// The latest look, and how long it took on the worker (seconds of wall time).
    public private(set) var latest: Foresight?
    public private(set) var lastSeconds: Double?
    /// Looks finished so far.
    public private(set) var looks = 0
    /// A look under way: from where.
    public private(set) var working: RunMark?
    /// Asked for (`:foresee`): starts at the next tick, or as soon as the one under way is done.
    public private(set) var asked = false
    public var futures = Foresight.futures
    public var horizon = Foresight.horizon
    /// How often, in simulated time, a shown overview is refreshed.
    public static let every: SimTime = 10 * Clock.minute

    private let queue = DispatchQueue(label: "controlroom.foresight", qos: .utility)
    private let mailbox = Mailbox()

    /// On a floor of many consoles the floor makes the looks, so every supervisor sees the same
    /// one: this desk then never looks itself; `ask` goes to the floor and looks arrive by
    /// `receive`.
    public private(set) var fromFloor = false
    private var askFloor: (() -> Void)?
    private var received = false

    public init() {}

    /// The looks come from the floor; `ask` sends `askFloor`.
    public func followFloor(ask: @escaping () -> Void) {
        fromFloor = true
        askFloor = ask
    }

    /// A look the floor made.
    public func receive(_ look: Foresight) {
        latest = look
        working = nil
        looks += 1
        received = true
    }

    /// Asks for a look now (`:foresee`).
    public func ask() {
        if let askFloor { askFloor(); return }
        asked = true
    }

    /// Whether a look is due: asked for, or shown and the latest is older than `every`.
    public func due(_ now: SimTime, shown: Bool) -> Bool {
        asked || (shown && (latest.map { now - $0.at.time >= Self.every } ?? true))
    }

    /// On the console's thread, each time round. Returns true when a finished look was collected
    /// (the overview has new figures to draw).
    @discardableResult
    public func tick(_ simulation: Simulation, shown: Bool) -> Bool {
        if fromFloor {
            defer { received = false }
            return received
        }
        var arrived = false
        if let (look, seconds) = mailbox.take() {
            latest = look
            lastSeconds = seconds
            working = nil
            looks += 1
            arrived = true
        }
        if working == nil && due(simulation.now, shown: shown) { start(simulation) }
        return arrived
    }

    /// Looks ahead now on the calling thread and keeps the result (tests and the headless tools).
    public func lookNow(_ simulation: Simulation) {
        let started = DispatchTime.now().uptimeNanoseconds
        latest = Foresight.look(from: simulation, futures: futures, horizon: horizon)
        lastSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        looks += 1
        asked = false
    }

    /// Waits (tests) until the look under way has finished, or the deadline passes; the next
    /// `tick` collects it. True when there is none under way or it finished.
    public func awaitLook(within seconds: Double) -> Bool {
        working == nil || mailbox.wait(until: Date().addingTimeInterval(seconds))
    }

    private func start(_ simulation: Simulation) {
        asked = false
        let copy = StillCopy(simulation.snapshot())
        working = copy.simulation.mark
        let futures = futures, horizon = horizon, mailbox = mailbox
        queue.async {
            let started = DispatchTime.now().uptimeNanoseconds
            let look = Foresight.look(from: copy.simulation, futures: futures, horizon: horizon)
            mailbox.put(look, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
    }
}

/// The floor's still copy, handed to the worker: made on the console's thread and touched only
/// by the worker after that (its arrays are values shared copy-on-write with the live world,
/// which copies them before it changes them).
private final class StillCopy: @unchecked Sendable {
    let simulation: Simulation
    init(_ simulation: Simulation) { self.simulation = simulation }
}

/// Where the worker leaves a finished look for the console's thread.
private final class Mailbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var finished: (Foresight, Double)?

    func put(_ look: Foresight, seconds: Double) {
        condition.lock(); defer { condition.unlock() }
        finished = (look, seconds)
        condition.broadcast()
    }

    func take() -> (Foresight, Double)? {
        condition.lock(); defer { condition.unlock() }
        defer { finished = nil }
        return finished
    }

    /// Blocks until a look is waiting to be taken, or `deadline`.
    func wait(until deadline: Date) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while finished == nil { if !condition.wait(until: deadline) { return finished != nil } }
        return true
    }
}
