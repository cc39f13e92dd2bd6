import GRDB

/// The journal's file opened as plain SQLite, to do to it what an editor or a disk might.
struct RawDatabase {
    let queue: DatabaseQueue
    init(_ path: String) throws { queue = try DatabaseQueue(path: path) }
    func execute(_ sql: String) throws { try queue.writeWithoutTransaction { try $0.execute(sql: sql) } }
    func scalar(_ sql: String) throws -> String? { try queue.read { try String.fetchOne($0, sql: sql) } }
}
