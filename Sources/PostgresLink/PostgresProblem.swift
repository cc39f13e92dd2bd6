import PostgresNIO

/// Why a PostgreSQL database could not be used, in words an operator can act on.
public enum PostgresProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The address itself is wrong (what, why).
    case badAddress(String, String)
    /// The server could not be reached or refused the login (where, why).
    case unreachable(String, String)
    /// A statement failed (where, the server's words).
    case failed(String, String)
    /// The connection went away (where).
    case lost(String)

    public var description: String {
        switch self {
        case let .badAddress(address, why): return "\(address): \(why)"
        case let .unreachable(address, why): return "\(address): cannot reach the database (\(why))"
        case let .failed(address, why): return "\(address): the database refused it (\(why))"
        case let .lost(address): return "\(address): the connection to the database was lost"
        }
    }

    /// The server's own words for an error (PSQLError keeps them out of its description).
    static func words(_ error: Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " [\($0)]" } ?? "")
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }

    /// The SQLSTATE of a server error ("23505": a duplicate key), if it was one.
    public var sqlState: String? {
        guard case .failed(_, let words) = self, words.hasSuffix("]"), let open = words.lastIndex(of: "[") else { return nil }
        return String(words[words.index(after: open)..<words.index(before: words.endIndex)])
    }
}
