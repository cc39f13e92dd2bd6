import DispatchEngine

public enum IncidentOrder: String, Sendable, CaseIterable {
    case risk, age, reference
}

/// The derived state of an incident as the list shows it.
public enum IncidentStatus: String, Sendable, CaseIterable {
    case new, stacked, later, back, assigned, enRoute = "en route", atScene = "at scene", closing
}

public struct IncidentFilter: Sendable, Equatable {
    public var grade: Grade?
    public var area: Int?
    public var status: IncidentStatus?
    public init() {}
    public var isEmpty: Bool { grade == nil && area == nil && status == nil }
}

public enum RadioFilter: Sendable, Equatable {
    case all
    case unit(UnitIndex)
    case incident(Int64)
}

/// Which incidents the list shows, and in what order.
public struct IncidentQuery: Sendable, Equatable {
    public var order: IncidentOrder
    public var filter: IncidentFilter
    public var search: String
    public init(order: IncidentOrder = .risk, filter: IncidentFilter = IncidentFilter(), search: String = "") {
        self.order = order; self.filter = filter; self.search = search
    }
}
