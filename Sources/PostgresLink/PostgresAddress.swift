import Foundation

/// Where a journal kept in PostgreSQL is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, and
/// optionally `?schema=NAME` for one of several sessions kept in the same database (each in a
/// schema of its own; `public` without it). A password may come from `PGPASSWORD` instead of the
/// address, so it is not on a command line others can read.
public struct PostgresAddress: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var schema: String

    /// Whether `text` names a PostgreSQL journal rather than a file.
    public static func names(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(user: String, password: String? = nil, host: String, port: Int = 5432, database: String, schema: String = "public") {
        self.user = user; self.password = password; self.host = host; self.port = port
        self.database = database; self.schema = schema
    }

    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresProblem) {
        let expected = "expected postgres://USER@HOST[:PORT]/DATABASE[?schema=NAME]"
        guard Self.names(text), let parts = URLComponents(string: text) else {
            throw .badAddress(Self.redacted(text), "it is not an address; \(expected)")
        }
        guard let host = parts.host, !host.isEmpty else { throw .badAddress(Self.redacted(text), "it names no host; \(expected)") }
        guard let user = parts.user, !user.isEmpty else { throw .badAddress(Self.redacted(text), "it names no user; \(expected)") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .badAddress(Self.redacted(text), "it names no database; \(expected)")
        }
        var schema = "public"
        for item in parts.queryItems ?? [] {
            guard item.name == "schema", let value = item.value else {
                throw .badAddress(Self.redacted(text), "\"\(item.name)\" is not a setting it takes; expected ?schema=NAME")
            }
            // Named in SQL as an identifier, so only the plain ones.
            guard Self.isPlainName(value) else {
                throw .badAddress(Self.redacted(text), "the schema \"\(value)\" is not a plain name; expected lower-case letters, digits and _, up to 51")
            }
            schema = value
        }
        if let port = parts.port, !(1...65535).contains(port) {
            throw .badAddress(Self.redacted(text), "port \(port) is out of range; expected 1 to 65535")
        }
        self.init(user: user, password: parts.password ?? environment["PGPASSWORD"], host: host, port: parts.port ?? 5432,
                  database: database, schema: schema)
    }

    /// The address as shown in messages and logs: never the password.
    public var shown: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" + (schema == "public" ? "" : "?schema=\(schema)")
    }

    /// A second session's address in the same database.
    public func inSchema(_ name: String) -> PostgresAddress {
        var copy = self
        copy.schema = name
        return copy
    }

    static func isPlainName(_ name: String) -> Bool {
        // At most 51: the floor's notice channel, `controlroom_` and the name, stays within 63.
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 51,
              first == "_" || ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// An address as it may be shown: a password in it is starred.
    public static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        // The authority ends at the path; the credentials at its last @ (a password may hold @).
        let authorityEnd = text[scheme.upperBound...].firstIndex(of: "/") ?? text.endIndex
        guard let at = text[scheme.upperBound..<authorityEnd].lastIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
