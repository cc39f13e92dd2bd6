import DispatchEngine

/// A caller's name and number from the stable identity the engine draws, so a call shows the
/// same person in every run of a scenario and seed.
public enum CallerDetails {
    static let first = ["Sarah", "James", "Emma", "Mohammed", "Claire", "David", "Aisha", "Peter", "Joanne",
                        "Daniel", "Priya", "Gary", "Karen", "Tomasz", "Leanne", "Michael", "Chloe", "Paul",
                        "Hannah", "Robert", "Zainab", "Steven", "Louise", "Kwame"]
    static let last = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                       "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
                       "Green", "Hall", "Khan", "Lewis", "Nowak", "Clarke", "Jackson", "Hughes"]

    public static func name(_ caller: Caller) -> String {
        let id = Int(caller.identity)
        return first[id % first.count] + " " + last[(id / first.count) % last.count]
    }

    /// A UK mobile number in the Ofcom drama range (07700 900000-900999): never a real line.
    public static func phone(_ caller: Caller) -> String {
        let n = Int(caller.identity / 7) % 1000
        return "07700 900" + String(n).zeroPadded(3)
    }
}
