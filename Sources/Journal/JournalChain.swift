import Crypto
import Foundation

/// The journal's chain of links: every event and action row carries the SHA-256 of its own fields
/// and the link before it, and the first link is made from the session's header and scenario
/// text. An edited, deleted, inserted or re-ordered row, or an edited scenario, breaks the chain
/// at that row; a row removed from the end is caught by the head the session row keeps. (Without
/// a secret this shows tampering, not who did it: whoever rewrites every link can hide it.)
///
/// The rows are chained in the order they happened: an action comes after the event it names as
/// the last before it (`event_seq`), before the next event; actions naming the same event in
/// their own order.
public enum JournalChain {
    /// The first link: the session as it was started, scenario text and all.
    static func seed(_ session: SessionRow) -> String {
        digest(["controlroom journal chain 1", session.scenarioName, session.scenarioFile, session.scenarioSource,
                String(session.seed), session.role, session.areas, session.trainee ?? "\u{0}", session.operator,
                bits(session.startedAt), session.program] + ((session.engineRevision ?? 1) >= 2 ? [String(session.engineRevision!)] : []))
    }

    static func link(after previous: String, _ event: EventRecord) -> String {
        digest([previous, "event", String(event.sequence), String(event.step), String(event.simTime), bits(event.wallTime),
                event.actor, event.kind, event.payload])
    }

    static func link(after previous: String, _ action: ActionRow) -> String {
        digest([previous, "action", String(action.sequence ?? 0), String(action.step), String(action.simTime), bits(action.wallTime),
                String(action.eventSequence), action.action, action.refusal ?? "\u{0}"]
               // A person's name is linked when there is one; a row without one links as before.
               + (action.person.map { [$0] } ?? []))
    }

    /// Fields joined by a separator no field holds unescaped (each is length-prefixed): what is
    /// hashed for a link, and signed for a checkpoint.
    static func joined(_ fields: [String]) -> Data {
        var data = Data()
        for field in fields {
            let bytes = Array(field.utf8)
            data.append(contentsOf: String(bytes.count).utf8)
            data.append(0x3A)
            data.append(contentsOf: bytes)
        }
        return data
    }

    private static func digest(_ fields: [String]) -> String { hex(SHA256.hash(data: joined(fields))) }

    /// Lower-case hexadecimal, by table: `String(format:)` per byte made checking a night's
    /// chain take half a second.
    /// The SHA-256 of a file's bytes, in hex: what the record says a file (a roster) was.
    public static func fingerprint(_ bytes: Data) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A double's exact bits: the text of a double is not one thing everywhere.
    private static func bits(_ value: Double) -> String { String(value.bitPattern, radix: 16) }

    /// Links `events` and `actions` (one write's rows, `actions` in their order) after `head`, in
    /// the order they happened; returns the new head.
    static func chain(_ events: inout [EventRecord], _ actions: inout [ActionRow], after head: String) -> String {
        var head = head
        var a = 0
        for i in events.indices {
            while a < actions.count, actions[a].eventSequence < events[i].sequence {
                head = link(after: head, actions[a]); actions[a].link = head; a += 1
            }
            head = link(after: head, events[i]); events[i].link = head
        }
        while a < actions.count { head = link(after: head, actions[a]); actions[a].link = head; a += 1 }
        return head
    }

    /// What the chain says of a journal.
    enum Finding: Equatable {
        case intact
        /// Written by a build before the chain (format 1): nothing to check.
        case unlinked
        /// The first broken link, said plainly.
        case broken(String)
    }

    static func check(_ store: any JournalStore) throws -> Finding {
        // One snapshot: a live session's rows written during the check are not half read.
        try store.snapshot { try checkSnapshot(store) }
    }

    private static func checkSnapshot(_ store: any JournalStore) throws -> Finding {
        guard let session = try store.session() else { return .broken("its session record is missing") }
        guard session.chainHead != nil else {
            // A journal of format 1 has no links at all (and no column for them).
            let (canLink, linked, rows) = try store.linkFacts()
            guard canLink else { return .unlinked }
            guard linked == 0 else { return .broken("the chain's head is missing from the session record") }
            // Made chained (the format it was made in says so) yet with no links: they were
            // taken away, not never written.
            let made = try store.madeInFormat()
            if made >= 2 && rows > 0 {
                return .broken("it was made chained (format \(made)) but its links and head are gone: they were removed")
            }
            return .unlinked
        }
        return try firstBreak(store, session).map(Finding.broken) ?? .intact
    }

    /// The first broken link, or nil when the chain holds from the session to the head it keeps.
    private static func firstBreak(_ store: any JournalStore, _ session: SessionRow) throws -> String? {
        let kept = session.chainHead
        var head = seed(session)
        // The signed checkpoints: each must hold (its signature by its key) and its head must be
        // the chain's at its counts; one past the record's end means rows were cut from it.
        let checkpoints = try store.checkpoints()
        for c in checkpoints where !JournalSigner.holds(c.signature, by: c.publicKey, over: c.signed) {
            return "checkpoint \(c.sequence ?? 0)'s signature does not hold: it was edited"
        }
        var due = Dictionary(grouping: checkpoints, by: { "\($0.events),\($0.actions)" })
        var seen = (events: Int64(0), actions: Int64(0))
        func atCheckpoint() -> String? {
            guard let here = due.removeValue(forKey: "\(seen.events),\(seen.actions)") else { return nil }
            return here.allSatisfy({ $0.head == head }) ? nil
                : "the chain breaks at the signed checkpoint after event \(seen.events) and action \(seen.actions): rows before it were edited"
        }
        if let problem = atCheckpoint() { return problem }
        let actions = try store.actions(after: 0).sorted { ($0.eventSequence, $0.sequence ?? 0) < ($1.eventSequence, $1.sequence ?? 0) }
        let byNumber = actions.map { $0.sequence ?? 0 }.sorted()
        for (i, number) in byNumber.enumerated() where number != Int64(i + 1) {
            return "action \(i + 1) is missing (deleted)" + (number > Int64(i + 1) ? "" : " or numbered twice")
        }
        var a = 0
        var expected: Int64 = 1
        func check(_ action: ActionRow) -> String? {
            head = link(after: head, action)
            seen.actions += 1
            return action.link == head ? atCheckpoint()
                : "the chain breaks at action \(action.sequence ?? 0): it, or a row before it, was edited, deleted or moved"
        }
        // A page at a time: a long night's events are not all held at once.
        var page = try store.events(after: 0, limit: 10_000)
        var index = 0
        while true {
            if index == page.count {
                guard let last = page.last else { break }
                page = try store.events(after: last.sequence, limit: 10_000)
                index = 0
                if page.isEmpty { break }
            }
            let event = page[index]
            index += 1
            guard event.sequence == expected else {
                return "event \(expected) is missing (deleted)" + (event.sequence > expected ? "" : " or numbered twice")
            }
            expected += 1
            while a < actions.count, actions[a].eventSequence < event.sequence {
                if let problem = check(actions[a]) { return problem }
                a += 1
            }
            head = link(after: head, event)
            seen.events += 1
            guard event.link == head else {
                return "the chain breaks at event \(event.sequence) (\(event.kind)): it, or a row before it, was edited, deleted or moved"
                    + (event.sequence == 1 ? "; or the session's header or scenario text was edited" : "")
            }
            if let problem = atCheckpoint() { return problem }
        }
        while a < actions.count {
            if let problem = check(actions[a]) { return problem }
            a += 1
        }
        if let beyond = due.values.flatMap({ $0 }).min(by: { ($0.sequence ?? 0) < ($1.sequence ?? 0) }) {
            return "rows were cut from the record's end: a checkpoint signed at step \(beyond.progressStep) holds \(beyond.events) events "
                + "and \(beyond.actions) actions, the record \(seen.events) and \(seen.actions)"
        }
        guard head == kept else { return "the last rows of the record are missing (removed from its end), or the chain's head was edited" }
        // The progress and the end, signed at the last checkpoint, as the session row says them.
        if let last = checkpoints.last {
            if session.ended && !last.ended { return "the session is marked ended, but no signed checkpoint says so: the mark was edited" }
            if session.progressStep < last.progressStep || session.progressTime < last.progressTime {
                return "its progress is behind its last signed checkpoint: it was edited"
            }
            if last.ended && (!session.ended || session.progressStep != last.progressStep || session.progressTime != last.progressTime) {
                return "its progress or end differs from what was signed when it ended: it was edited"
            }
        }
        return nil
    }
}
