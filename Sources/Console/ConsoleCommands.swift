/// The `:` commands, grouped by what they touch: `Commands+View` (what the console shows),
/// `Commands+Dispatch` (the dispatcher's), `Commands+Calls` (the call handler's) and
/// `Commands+Seats` (seats and training). `CommandRegistry` lists them all and runs them.
public enum ConsoleCommands {}
