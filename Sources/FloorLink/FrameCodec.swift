import Foundation
import NIOCore

/// Frames on the floor's socket: a 4-byte big-endian length, then that many bytes of JSON. A
/// length over the limit, a frame that is not JSON or not a known message, closes the
/// connection (and is logged); nothing a console sends can stop the floor.
public enum FrameCodec {
    /// The most a console may send in one message: an action is well under a kilobyte.
    public static let consoleLimit = 64 * 1024
    /// The most the floor sends in one (a welcome carries a whole shift's actions).
    public static let floorLimit = 256 * 1024 * 1024

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case oversized(Int, limit: Int)
        case malformed(String)

        public var description: String {
            switch self {
            case let .oversized(n, limit): "a message of \(n) bytes, over the limit of \(limit)"
            case let .malformed(why): "a message that could not be read (\(why))"
            }
        }
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    public static func encode<M: Encodable>(_ message: M) -> [UInt8] {
        // Our own messages always encode.
        let body = (try? encoder.encode(message)) ?? Data()
        var out = [UInt8]()
        out.reserveCapacity(body.count + 4)
        let n = UInt32(body.count)
        out += [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
        out += body
        return out
    }

    /// Takes whole frames off the front of `buffer`: each decoded, or the first problem.
    /// Returns nil while a frame is still incomplete.
    public static func next<M: Decodable>(_ type: M.Type, from buffer: inout ByteBuffer, limit: Int) throws(Problem) -> M? {
        guard buffer.readableBytes >= 4, let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        guard Int(length) <= limit else { throw .oversized(Int(length), limit: limit) }
        guard buffer.readableBytes >= 4 + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 4)
        let body = buffer.readBytes(length: Int(length)) ?? []
        do {
            return try JSONDecoder().decode(M.self, from: Data(body))
        } catch let error as DecodingError {
            throw .malformed(Self.words(error))
        } catch {
            throw .malformed("\(error)")
        }
    }

    private static func words(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c): return "not JSON: " + c.debugDescription
        case .keyNotFound(let key, _): return "no \(key.stringValue)"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return c.codingPath.isEmpty ? "not a message the floor knows"
                : "wrong type at " + c.codingPath.map(\.stringValue).joined(separator: ".")
        @unknown default: return "unknown"
        }
    }
}

/// The NIO decoder: frames in, messages out; a problem is thrown, and the handler after it
/// closes the connection.
final class FrameDecoder<M: Decodable>: ByteToMessageDecoder {
    typealias InboundOut = M
    let limit: Int
    init(limit: Int) { self.limit = limit }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let message = try FrameCodec.next(M.self, from: &buffer, limit: limit) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(message))
        return .continue
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}
