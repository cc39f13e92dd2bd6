import DispatchEngine
import FloorLink
import NIOCore
import Testing

/// The floor's decoder takes anything a console may send: whole frames decode, incomplete ones
/// wait, and oversized or malformed ones are a problem to close the connection on, never a crash.
@Suite("The floor's frames")
struct FrameCodecTests {
    @Test("A message round-trips through a frame, also split across reads")
    func roundTrip() throws {
        let message = ConsoleMessage.act(id: 7, action: .command(.addNote(IncidentID(slot: 1, generation: 2), "a note")))
        let bytes = FrameCodec.encode(message)
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes.prefix(3))
        #expect(try FrameCodec.next(ConsoleMessage.self, from: &buffer, limit: FrameCodec.consoleLimit) == nil)
        buffer.writeBytes(bytes.dropFirst(3).prefix(5))
        #expect(try FrameCodec.next(ConsoleMessage.self, from: &buffer, limit: FrameCodec.consoleLimit) == nil)
        buffer.writeBytes(bytes.dropFirst(8))
        buffer.writeBytes(FrameCodec.encode(ConsoleMessage.bye))
        #expect(try FrameCodec.next(ConsoleMessage.self, from: &buffer, limit: FrameCodec.consoleLimit) == message)
        #expect(try FrameCodec.next(ConsoleMessage.self, from: &buffer, limit: FrameCodec.consoleLimit) == .bye)
    }

    @Test("An oversized frame is refused by its length, before its body is read")
    func oversized() {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(FrameCodec.consoleLimit + 1))
        #expect(throws: FrameCodec.Problem.oversized(FrameCodec.consoleLimit + 1, limit: FrameCodec.consoleLimit)) {
            try FrameCodec.next(ConsoleMessage.self, from: &buffer, limit: FrameCodec.consoleLimit)
        }
    }

    @Test("Fuzzed: 20,000 random and mutated frames never crash the decoder; each decodes, waits or is a problem")
    func fuzz() {
        var random = Xorshift(seed: 2026)
        let valid = [
            FrameCodec.encode(ConsoleMessage.hello(name: "Alex", seat: "call-handler", version: 1)),
            FrameCodec.encode(ConsoleMessage.act(id: 1, action: .alertsSeen(count: 3))),
            FrameCodec.encode(ConsoleMessage.clock(id: 2, paused: true, speed: 10)),
        ]
        var problems = 0, decoded = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int(random.next() % 64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                bytes = valid[Int(random.next() % 3)]
                for _ in 0..<(1 + Int(random.next() % 4)) {
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                }
            }
            var buffer = ByteBuffer(bytes: bytes)
            do {
                while try FrameCodec.next(ConsoleMessage.self, from: &buffer, limit: FrameCodec.consoleLimit) != nil { decoded += 1 }
            } catch {
                problems += 1
            }
        }
        #expect(problems > 1_000, "most garbage is refused: \(problems)")
        #expect(decoded > 0, "mutations that keep a frame whole still decode: \(decoded)")
    }
}

struct Xorshift {
    var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
}
