/// The key tables in force: the built-in ones, or as a site's config file remapped them. Kept
/// in the console's state, so the keys dispatched on and the help shown are always the same.
public struct KeyTableSet: Sendable, Equatable {
    public private(set) var tables: [KeyTable]

    public init(_ tables: [KeyTable] = KeyTable.all) { self.tables = tables }

    public static let builtIn = KeyTableSet()

    /// The table with this config name ("floor", "board", ...).
    public subscript(id: String) -> KeyTable {
        tables.first { $0.id == id } ?? KeyTable.all.first { $0.id == id }!
    }

    public var floor: KeyTable { self["floor"] }
    public var board: KeyTable { self["board"] }
    public var detail: KeyTable { self["detail"] }
    public var call: KeyTable { self["call"] }
    public var form: KeyTable { self["form"] }
    public var instructor: KeyTable { self["instructor"] }

    /// The table in force in this state.
    public func current(_ state: ConsoleState) -> KeyTable {
        switch state.mode {
        case .normal: return state.focus == .resources && state.role.dispatches ? board : state.focus == .map ? self["map"] : floor
        case .command: return self["command-line"]
        case .search: return self["search-line"]
        case .detail: return detail
        case .call: return state.call?.editing == true ? form : call
        case .help: return self["help"]
        case .supervisor: return self["supervisor"]
        case .instructor: return instructor
        case .debrief: return self["debrief"]
        case .confirmQuit, .confirm: return self["question"]
        case .reason: return self["reason"]
        case .reply: return self["reply"]
        }
    }

    /// The tables with `table`'s bindings for `action` given these keys instead. The floor's
    /// bindings are shared by the screens built on it (the board, a record, the overview...), so
    /// a floor key remapped is remapped on each of them.
    public func rebinding(_ action: Action, in table: String, to keys: [Key], label: String) -> KeyTableSet {
        let floorBinding = self["floor"].bindings.first { $0.action == action }
        var out = self
        out.tables = tables.map { t in
            let bindings = t.bindings.map { b -> Binding in
                let here = t.id == table && b.action == action
                let shared = table == "floor" && t.id != "floor" && b.action == action && b.description == floorBinding?.description
                guard here || shared else { return b }
                var changed = b
                changed.keys = keys
                changed.label = label
                return changed
            }
            return KeyTable(id: t.id, t.name, others: t.others, bindings)
        }
        return out
    }
}
