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
    /// Never waited on for ever: a connection that went away under a query, or a server that
    /// stopped answering, is said as lost after `patience` seconds.
    /// Seconds a statement's answer is waited for before the connection is taken for lost (a
    /// floor's writes wait less than its lease's lapse).
    public var patience = 60.0

    private static func answer<T>(_ future: EventLoopFuture<T>, patience: Double = 60) throws -> T {
        precondition(!future.eventLoop.inEventLoop, "a link is never waited on from its own loop")
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        future.whenComplete { outcome in
            box.result = outcome
            done.signal()
        }
        guard done.wait(timeout: .now() + patience) == .success, let result = box.result else { throw NotAnswered() }
        return try result.get()
    }

    private final class ResultBox<T>: @unchecked Sendable { var result: Result<T, Error>? }
    private struct NotAnswered: Error {}

    public var isOpen: Bool { !connection.isClosed }

    /// Listens on `channel` (NOTIFY): `heard` is called, on the link's own loop, for each
    /// notification. The channel's name is the program's own (plain), so it may stand in the SQL.
    public func listen(_ channel: String, heard: @escaping @Sendable () -> Void) throws(PostgresProblem) {
        connection.addListener(channel: channel) { _, _ in heard() }
        try execute(unsafeSQL: "LISTEN \(channel)")
    }

    public func close() {
        guard !connection.isClosed else { return }
        _ = try? Self.answer(connection.close(), patience: 5)
    }

    /// The rows a query gives.
    public func rows(_ query: PostgresQuery) throws(PostgresProblem) -> [PostgresRandomAccessRow] {
        // A query on a closed connection is never answered: said at once.
        guard !connection.isClosed else { throw .lost(address.shown) }
        do {
            return try Self.answer(connection.query(query, logger: Self.logger), patience: patience).rows.map { $0.makeRandomAccess() }
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

    /// Runs `statements` in one transaction, all handed to the connection at once: it sends each
    /// as the one before is answered, without waking the caller in between (one wait, not one
    /// a statement). All of them, or none: after a failed statement the rest fail and the COMMIT
    /// rolls back; the first failure is thrown.
    public func transaction(_ statements: [PostgresQuery]) throws(PostgresProblem) {
        guard !connection.isClosed else { throw .lost(address.shown) }
        let futures = ([PostgresQuery(unsafeSQL: "BEGIN")] + statements + [PostgresQuery(unsafeSQL: "COMMIT")])
            .map { connection.query($0, logger: Self.logger) }
        var first: Error?
        for future in futures {
            do { _ = try Self.answer(future, patience: patience) } catch { if first == nil { first = error } }
        }
        guard let first else { return }
        // A COMMIT that was never sent (the connection lost) leaves nothing open; one that was
        // has rolled back. Either way no transaction is left behind.
        if !connection.isClosed { try? execute(unsafeSQL: "ROLLBACK") }
        throw problem(first)
    }

    private func problem(_ error: Error) -> PostgresProblem {
        if error is NotAnswered {
            // Whatever it was doing, the connection is not to be used again.
            let _: EventLoopFuture<Void> = connection.close()
            return .lost(address.shown)
        }
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
