import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to a PostgreSQL database, used from code that is not asynchronous (the floor's
/// loop, the readers' commands): each call waits for the server's answer. Its own event loop, so
/// waiting is never done on the loop that would answer (the floor runs on one of its own).
public final class PostgresLink {
    public let address: PostgresAddress
    private let connection: PostgresConnection
    private static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private static let logger = Logger(label: "controlroom.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(address: PostgresAddress, connection: PostgresConnection) {
        self.address = address
        self.connection = connection
    }

    deinit { close() }

    /// What a connection is for, in its name on the server (`controlroom floor SCHEMA`): the
    /// floor's connections are told from readers' when a new floor ends the old one's.
    public enum Role: String, Sendable {
        case floor, standby, reader
        /// The connection's `application_name` for a session's schema.
        public func name(_ schema: String) -> String { "controlroom \(rawValue) \(schema)" }
    }

    /// Connects and puts the address's schema first on the search path (made if `create`).
    public static func connect(_ address: PostgresAddress, as role: Role = .reader, createSchema: Bool = false,
                               timeout: Int64 = 5) throws(PostgresProblem) -> PostgresLink {
        var configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                             password: address.password, database: address.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(timeout)
        // Named in the server's list of connections (pg_stat_activity), by the session's schema.
        configuration.options.additionalStartupParameters = [("application_name", role.name(address.schema))]
        let connection: PostgresConnection
        do {
            connection = try answer(PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1, logger: logger))
        } catch {
            throw .unreachable(address.shown, PostgresProblem.words(error))
        }
        let link = PostgresLink(address: address, connection: connection)
        if createSchema { try link.execute(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(address.schema)") }
        // The schema's name is checked plain (PostgresAddress), so it may stand in the SQL.
        try link.execute(unsafeSQL: "SET search_path TO \(address.schema)")
        return link
    }

    /// Waits for a future of the link's own loop. Not `wait()`: the floor calls from a loop of its
    /// own (of another group), which NIO's `wait()` refuses outright; blocking that loop while
    /// this one answers is what a write to an SQLite file does too.
    private static func answer<T>(_ future: EventLoopFuture<T>) throws -> T {
        precondition(!future.eventLoop.inEventLoop, "a link is never waited on from its own loop")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, Error>?
        future.whenComplete { outcome in
            result = outcome
            done.signal()
        }
        done.wait()
        return try result!.get()
    }

    public var isOpen: Bool { !connection.isClosed }

    /// Listens on `channel` (NOTIFY): `heard` is called, on the link's own loop, for each
    /// notification. The channel's name is the program's own (plain), so it may stand in the SQL.
    public func listen(_ channel: String, heard: @escaping @Sendable () -> Void) throws(PostgresProblem) {
        connection.addListener(channel: channel) { _, _ in heard() }
        try execute(unsafeSQL: "LISTEN \(channel)")
    }

    public func close() {
        guard !connection.isClosed else { return }
        _ = try? Self.answer(connection.close())
    }

    /// The rows a query gives.
    public func rows(_ query: PostgresQuery) throws(PostgresProblem) -> [PostgresRandomAccessRow] {
        do {
            return try Self.answer(connection.query(query, logger: Self.logger)).rows.map { $0.makeRandomAccess() }
        } catch {
            throw problem(error)
        }
    }

    /// Runs a statement of fixed text (no values bound): only text the program wrote itself.
    public func execute(unsafeSQL sql: String) throws(PostgresProblem) {
        _ = try rows(PostgresQuery(unsafeSQL: sql))
    }

    /// Runs a statement with values bound.
    public func execute(_ query: PostgresQuery) throws(PostgresProblem) {
        _ = try rows(query)
    }

    /// Runs `body` in one transaction: all of it is written, or none of it.
    public func transaction(_ body: () throws -> Void) throws {
        try execute(unsafeSQL: "BEGIN")
        do {
            try body()
            try execute(unsafeSQL: "COMMIT")
        } catch {
            try? execute(unsafeSQL: "ROLLBACK")
            throw error
        }
    }

    private func problem(_ error: Error) -> PostgresProblem {
        if connection.isClosed { return .lost(address.shown) }
        if let error = error as? PSQLError, error.code == .serverClosedConnection || error.code == .clientClosedConnection
            || error.code == .connectionError { return .lost(address.shown) }
        return .failed(address.shown, PostgresProblem.words(error))
    }
}

extension PostgresRandomAccessRow {
    /// A column's value, or nil when it is NULL or not of that type.
    public func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) -> T? {
        guard contains(column), self[column].bytes != nil else { return nil }
        return try? self[column].decode(T.self)
    }
}
