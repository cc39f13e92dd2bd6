import Foundation
import Glibc

/// Where a floor answers: its Unix socket on this host, or TCP with TLS from other hosts
/// (`tls://HOST:PORT`, an IPv6 host in brackets). `join` takes a list, `A,B`: a floor and its
/// standby, tried in turn.
public enum FloorAddress: Hashable, Sendable, CustomStringConvertible {
    case socket(String)
    case tls(host: String, port: Int)

    public var description: String {
        switch self {
        case .socket(let path): path
        case let .tls(host, port): "tls://" + (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        }
    }

    public var isTLS: Bool { if case .tls = self { true } else { false } }

    /// `text` as an address: `tls://HOST:PORT`, else a socket's path.
    public static func parse(_ text: String) throws(FloorAddressProblem) -> FloorAddress {
        let lowered = text.lowercased()
        guard lowered.contains("://") else {
            guard !text.isEmpty else { throw FloorAddressProblem("an empty floor address; expected a socket's path or tls://HOST:PORT") }
            return .socket(text)
        }
        guard lowered.hasPrefix("tls://") else {
            throw FloorAddressProblem("'\(text)' is not a floor address; expected a socket's path or tls://HOST:PORT")
        }
        let rest = String(text.dropFirst("tls://".count))
        let host: String, portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix(":") else {
                throw FloorAddressProblem("'\(text)': an IPv6 host needs its port after the bracket; expected tls://[ADDRESS]:PORT")
            }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            portText = rest[rest.index(close, offsetBy: 2)...]
        } else {
            guard let colon = rest.lastIndex(of: ":") else {
                throw FloorAddressProblem("'\(text)' has no port; expected tls://HOST:PORT, such as tls://floor-a:7400")
            }
            host = String(rest[..<colon])
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:".unicodeScalars.contains($0)) }) else {
            throw FloorAddressProblem("'\(text)' has no host a floor can be on; expected tls://HOST:PORT with a host name or address")
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw FloorAddressProblem("'\(text)': the port '\(portText)' is not 1 to 65535; expected tls://HOST:PORT")
        }
        return .tls(host: host, port: port)
    }

    /// `A,B,...` as addresses, in order.
    public static func list(_ text: String) throws(FloorAddressProblem) -> [FloorAddress] {
        var out: [FloorAddress] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            out.append(try parse(part.trimmingCharacters(in: .whitespaces)))
        }
        return out
    }
}

extension FloorAddress {
    /// A TCP port free on `host` (an IPv4 address) just now, the kernel's choice: for a bench or
    /// a test that starts a floor of its own.
    public static func freePort(on host: String) -> Int {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, host, &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct FloorAddressProblem: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
