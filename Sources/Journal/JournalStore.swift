import DispatchEngine

/// Where a journal's rows are kept: an SQLite file (`SQLiteJournalStore`, the default) or a
/// PostgreSQL database (`PostgresJournalStore`). Both hold the same tables and the same rows, so
/// everything above (the recorder, the chain, replay, reports) is written once, against this.
protocol JournalStore: AnyObject {
    /// The session row (nil: it is missing).
    func session() throws -> SessionRow?
    /// The format the journal was made in.
    func madeInFormat() throws -> Int
    /// The last event and action numbers written (0: none).
    func lastSequences() throws -> (events: Int64, actions: Int64)
    /// The simulated time of the last row written (0: none).
    func lastSimTime() throws -> SimTime
    /// Events after `sequence`, in order, at most `limit`.
    func events(after sequence: Int64, limit: Int) throws -> [EventRecord]
    /// Actions after `sequence`, in order.
    func actions(after sequence: Int64) throws -> [ActionRow]
    /// The signed checkpoints, oldest first.
    func checkpoints() throws -> [CheckpointRow]
    func eventCount() throws -> Int
    /// For a journal without a chain's head: whether its rows can hold links at all, how many
    /// events have one, and how many rows it holds.
    func linkFacts() throws -> (canLink: Bool, linkedEvents: Int, rows: Int)
    /// Runs `body`'s reads on one snapshot of the journal: a floor writing meanwhile changes
    /// nothing they see (the chain's check reads rows, then more rows, of a live journal).
    func snapshot<T>(_ body: () throws -> T) throws -> T
    /// Writes one batch in one transaction: all of it, or nothing.
    func write(_ batch: JournalBatch) throws
    /// A failed read, said as the journal's error.
    func readProblem(_ error: Error) -> JournalError
    /// Why a write failed, in words an operator can act on.
    func writeProblem(_ error: Error) -> String
}

/// One write of the recorder: the rows since the last, and where the session has got to.
struct JournalBatch {
    var events: [EventRecord]
    var actions: [ActionRow]
    var checkpoint: CheckpointRow?
    var progress: SessionProgress
    var chainHead: String?
}
