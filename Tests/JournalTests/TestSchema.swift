import Foundation
import PostgresLink

/// A schema of the test's own in the test server (`CONTROLROOM_TEST_POSTGRES`, started by
/// `.ci/postgres`), dropped when the test is done: each test's journal apart from every other's.
final class TestSchema {
    /// The server's address, when there is one (CI always has: .ci/run starts it).
    static let server = ProcessInfo.processInfo.environment["CONTROLROOM_TEST_POSTGRES"]
    let name: String
    let url: String

    init() {
        name = "test_" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        url = (Self.server ?? "postgres://nobody@127.0.0.1/none") + "?schema=" + name
    }

    /// A connection of the test's own to the schema, to do to the journal what an editor might.
    func link() throws -> PostgresLink { try PostgresLink.connect(PostgresAddress(parsing: url)) }

    deinit {
        guard let link = try? PostgresLink.connect(PostgresAddress(parsing: url)) else { return }
        try? link.execute(unsafeSQL: "DROP SCHEMA IF EXISTS \(name) CASCADE")
        link.close()
    }
}
