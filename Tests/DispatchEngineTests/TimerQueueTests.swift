@testable import DispatchEngine
import Testing

/// The kernel's structures made faster must give what the plain ones gave: the same timer next,
/// the same weighted choice, the same place among the free units. Each is checked against the
/// plain way on many random cases, including the edges (ties, an hour exactly, zero weights).
@Suite("The engine's timers and choices")
struct TimerQueueTests {
    /// Timers set as the simulation sets them (never before the last one run): soon, on the
    /// hour's edge, later, days off, and several at one moment.
    private func delay(_ rng: inout RandomStream) -> SimTime {
        switch rng.next() % 8 {
        case 0: 0
        case 1: SimTime(rng.next() % 2_000 as UInt64)
        case 2: SimTime(rng.next() % 600_000)
        case 3: Clock.hour - 1 + SimTime(rng.next() % 3)
        case 4: SimTime(rng.next() % UInt64(3 * Clock.hour))
        case 5: Clock.day
        case 6: SimTime(rng.next() % UInt64(2 * Clock.day))
        default: SimTime(rng.next() % 1_100) * 1_024
        }
    }

    @Test("Timers come out soonest first, ties in the order they were set, whichever store holds them; a copy runs the same")
    func timersInOrder() {
        var rng = RandomStream(seed: 29, stream: 1)
        var queue = TimerQueue()
        var pending: [(time: SimTime, sequence: UInt64)] = []
        var sequence: UInt64 = 0
        var now: SimTime = 0
        var copiesChecked = 0
        for step in 0..<30_000 {
            let sets = pending.isEmpty ? 1 + Int(rng.next() % 3) : Int(rng.next() % 3)
            for _ in 0..<sets {
                sequence += 1
                let time = now + delay(&rng)
                queue.insert(Happening(time: time, sequence: sequence, due: .callbackLeftToPerson))
                pending.append((time, sequence))
            }
            let expected = pending.indices.min { (pending[$0].time, pending[$0].sequence) < (pending[$1].time, pending[$1].sequence) }!
            #expect(queue.firstTime == pending[expected].time)
            if step % 2_500 == 2_499 {
                // A fork's copy drains to exactly what is left, and leaves the original alone.
                var copy = queue.copy()
                let left = pending.sorted { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
                var drained: [(SimTime, UInt64)] = []
                while copy.count > 0 {
                    let h = copy.removeFirst()
                    drained.append((h.time, UInt64(truncatingIfNeeded: h.key)))
                }
                #expect(drained.map(\.0) == left.map(\.time) && drained.map(\.1) == left.map(\.sequence))
                copiesChecked += 1
            }
            let happening = queue.removeFirst()
            #expect(happening.time == pending[expected].time)
            #expect(UInt64(truncatingIfNeeded: happening.key) == pending[expected].sequence)
            now = happening.time
            pending.remove(at: expected)
            #expect(queue.count == pending.count)
        }
        #expect(copiesChecked == 12)
    }

    @Test("A weighted choice is the first weight whose running total is above the draw, the last if none is")
    func weightedChoiceIsExact() {
        var rng = RandomStream(seed: 29, stream: 2)
        let kinds: [Double] = [0, 0, 1, 2.5, 0.1, 7, 1e-9, 300, -1]
        for _ in 0..<3_000 {
            let weights = (0..<(1 + Int(rng.next() % 400))).map { _ in kinds[Int(rng.next() % UInt64(kinds.count))] }
            let choice = WeightedChoice(weights)
            var total = 0.0
            let cumulative = weights.map { total += max($0, 0); return total }
            for k in 0..<60 {
                let u = [0.0, 0.5, 0.25, 1.0, 0.999_999_999][k % 20 < 5 ? k % 5 : 0] + (k % 20 < 5 ? 0 : rng.unit())
                let draw = min(u, 1.0)
                let plain = total > 0 ? (cumulative.firstIndex { $0 > draw * total } ?? cumulative.count - 1) : 0
                #expect(choice.pick(draw) == plain)
            }
        }
    }

    @Test("The free units' index places a unit where the plain walk along it would")
    func freeUnitPositionIsExact() {
        var rng = RandomStream(seed: 29, stream: 3)
        for _ in 0..<2_000 {
            var index = FreeUnitIndex(units: 64)
            for unit in 0..<Int32(rng.next() % 64) where rng.next() % 2 == 0 {
                index.add(unit, at: Position(x: Double(rng.next() % 12), y: Double(unit)))
            }
            let entries = index.entries
            #expect(zip(entries, entries.dropFirst()).allSatisfy { ($0.x, $0.unit) < ($1.x, $1.unit) })
            for _ in 0..<20 {
                let x = Double(Int(rng.next() % 14) - 1), unit = Int32(rng.next() % 66) - 1
                let plain = entries.firstIndex { !($0.x < x || ($0.x == x && $0.unit < unit)) } ?? entries.count
                #expect(index.position(x: x, unit: unit) == plain)
            }
        }
    }
}
