import DispatchEngine
import ReadModel

/// The ringing queue: 999 above 101, each with how long it has waited, and the call the person is
/// on at the top; below, abandoned 999 calls waiting to be rung back.
enum CallsPane {
    static func draw(_ frame: inout Frame, _ rect: Rect, _ state: ConsoleState, _ floor: Floor) {
        let calls = floor.ringingCalls()
        let c999 = calls.filter { $0.line == .emergency }.count
        let callbacks = floor.callbackList()
        let digital = floor.world.contactsWaiting
        let title = "Calls ringing  999: \(c999)  101: \(calls.count - c999)" + (callbacks.isEmpty ? "" : "  ring back: \(callbacks.count)")
            + (digital == 0 ? "" : "  digital: \(digital)")
        let inside = Render.box(&frame, rect, title: title, focused: state.focus == .calls, glyphs: state.glyphs)
        guard inside.height > 0, inside.width > 10 else { return }
        var row = inside.row
        let end = inside.row + inside.height
        if let call = floor.call(at: state.handlerSeat) {
            let text = (call.line.isPhone ? " ON THE LINE: " : " REPLYING: ") + "\(call.line.contact) \(call.number), \(RoomClock.elapsed(floor.now - call.answeredAt))"
                + (state.mode == .call ? "" : call.line.isPhone ? "  (n to go back to it)" : "  (c to go back to it)")
            frame.put(Render.cell(text, inside.width), row: row, column: inside.column, style: CellStyle(.banner, bold: true, reverse: true))
            row += 1
            for held in floor.heldContacts(at: state.handlerSeat) where row < end {
                let line = " held: \(held.line.contact) \(held.number), \(RoomClock.elapsed(held.since))  (F6 on the contact)"
                frame.put(Render.cell(line, inside.width), row: row, column: inside.column, style: CellStyle(.banner, bold: true))
                row += 1
            }
        } else if state.handlerSeat == nil {
            frame.put("Watching: :take call-handler to answer calls", row: row, column: inside.column + 1, limit: inside.width - 1, style: CellStyle(.dim))
            row += 1
        }
        // The callback list and the digital queue take the bottom rows (each at most a third of
        // what is left), the most pressing first.
        let contacts = floor.waitingContacts()
        let contactRows = contacts.isEmpty ? 0 : min(contacts.count + 1, max((end - row) / 3, 2))
        let listRows = callbacks.isEmpty ? 0 : min(callbacks.count + 1, max((end - row) / 3, 2))
        let queueEnd = end - listRows - contactRows
        if contactRows > 0 { contactList(&frame, contacts, row: end - contactRows, rows: contactRows, inside, state) }
        if listRows > 0 { callbackList(&frame, callbacks, row: queueEnd, rows: listRows, inside, state) }
        if calls.isEmpty {
            if row < queueEnd {
                frame.put("No calls waiting.", row: row, column: inside.column + 1, limit: inside.width - 1, style: CellStyle(.dim))
            }
            return
        }
        guard queueEnd > row else { return }
        // Two columns when wide and short, so the queue fits the strip.
        let columns = queueEnd - row < calls.count && inside.width >= 60 ? 2 : 1
        let width = inside.width / columns
        let rows = queueEnd - row
        for (i, call) in calls.prefix(rows * columns).enumerated() {
            let r = row + i % rows, c = inside.column + (i / rows) * width
            // A 999 call past 10 s misses the standard; a 101 call past 5 minutes is slow.
            let late = call.line == .emergency ? call.waited > 10 * Clock.second : call.waited > 5 * Clock.minute
            let style = late ? CellStyle(.overdue, bold: true) : CellStyle(call.line == .emergency ? .grade1 : .normal, bold: call.line == .emergency)
            let marker = i == 0 && state.handlerSeat != nil && floor.call(at: state.handlerSeat) == nil ? state.glyphs.play : " "
            let text = "\(marker)\(call.line.number)  #\(call.number)  ringing \(RoomClock.elapsed(call.waited))"
            frame.put(Render.cell(text, width - 1), row: r, column: c, style: style)
        }
    }

    /// Chats, e-mails and online reports waiting (c takes the top one): how long each has waited
    /// and the time left to its standard (red once past it).
    static func contactList(_ frame: inout Frame, _ list: [WaitingContact], row: Int, rows: Int, _ inside: Rect, _ state: ConsoleState) {
        let chats = list.filter { $0.line == .chat }.count
        frame.put(Render.cell(" Digital (c): \(chats) chat, \(list.count - chats) e-mail/online waiting", inside.width), row: row, column: inside.column,
                  style: CellStyle(.heading, bold: true, underline: true))
        for (i, c) in list.prefix(rows - 1).enumerated() {
            let late = (c.due ?? 1) < 0
            let left = c.due.map { $0 < 0 ? "\(RoomClock.elapsed(-$0)) past standard" : "\(RoomClock.elapsed($0)) to standard" } ?? ""
            let text = " \(c.line.contact) #\(c.number)  waiting \(RoomClock.elapsed(c.waited))  \(left)"
            frame.put(Render.cell(text, inside.width), row: row + 1 + i, column: inside.column,
                      style: late ? CellStyle(.overdue, bold: true) : c.line == .chat ? CellStyle(.normal, bold: true) : .normal)
        }
    }

    /// Abandoned 999 calls to ring back (b rings the oldest): the number, and how long since the
    /// caller hung up (red past two minutes).
    static func callbackList(_ frame: inout Frame, _ list: [WaitingCallback], row: Int, rows: Int, _ inside: Rect, _ state: ConsoleState) {
        frame.put(Render.cell(" Ring back (b): abandoned 999", inside.width), row: row, column: inside.column, style: CellStyle(.heading, bold: true, underline: true))
        for (i, c) in list.prefix(rows - 1).enumerated() {
            let late = c.sinceHangUp > Simulation.personCallbackLimit
            let text = " #\(c.number)  \(c.cli ?? "withheld")  hung up \(RoomClock.elapsed(c.sinceHangUp)) ago after \(RoomClock.elapsed(c.rangFor))"
            frame.put(Render.cell(text, inside.width), row: row + 1 + i, column: inside.column,
                      style: late ? CellStyle(.overdue, bold: true) : CellStyle(.grade1))
        }
    }
}
