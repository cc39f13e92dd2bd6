import DispatchEngine
import ReadModel

/// What the status line has said this session, so a message gone by (replaced by the next key's,
/// or cleared with Esc) can be read again with `:messages`.
public struct MessageLog: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The floor's time when it was said.
        public var at: SimTime
        public var text: String
        /// A refusal or a mistake, not news.
        public var isError: Bool
        /// Said again at once (the same key pressed twice): one entry, counted.
        public var times = 1
    }

    /// Oldest first; the oldest go once there are `kept`.
    public private(set) var entries: [Entry] = []
    public static let kept = 200

    /// What was said while the console was set up (the welcome) is said as it opens.
    public mutating func opened(at time: SimTime) {
        for k in entries.indices { entries[k].at = time }
    }

    mutating func note(_ text: String, isError: Bool, at time: SimTime) {
        if var last = entries.last, last.text == text, last.isError == isError {
            last.times += 1
            last.at = time
            entries[entries.count - 1] = last
            return
        }
        entries.append(Entry(at: time, text: text, isError: isError))
        if entries.count > Self.kept { entries.removeFirst(entries.count - Self.kept) }
    }
}
