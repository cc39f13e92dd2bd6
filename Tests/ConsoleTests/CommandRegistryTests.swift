import Console
import DispatchEngine
import ReadModel
import Testing

@Suite("Command registry")
struct CommandRegistryTests {
    @Test("Every name and alias names one command, and each alias does what its command does")
    func aliases() {
        let words = CommandRegistry.all.flatMap { [$0.name] + $0.aliases }
        #expect(Set(words).count == words.count, "a word names two commands")
        for command in CommandRegistry.all {
            for alias in command.aliases {
                #expect(CommandRegistry.named(alias)?.name == command.name)
                #expect(CommandRegistry.named(alias.uppercased())?.name == command.name, "commands are read in any case")
            }
        }
        // What a dispatcher types fast: :go resumes, :sd stands down, :wc checks on a unit.
        let c = ConsoleFixture()
        c.press(.character(" "))
        #expect(c.state.speed.paused)
        c.command("go")
        #expect(!c.state.speed.paused)
        let onJob = c.floor.unitRows().first { $0.incident != nil && $0.status == .atScene }!
        #expect(c.command("sd \(onJob.callsign) \(onJob.incident!)") == c.command("standdown \(onJob.callsign) \(onJob.incident!)"))
        #expect(c.command("wc \(onJob.callsign)") == [.execute(.welfareCheck(onJob.unit))])
    }

    @Test("A command's requires: is the work of the engine command it becomes, the words the floor checks seats by; the commands doc says whose work each is")
    func requiresIsTheEnginesWork() throws {
        let c = ConsoleFixture()
        let onJob = try #require(c.floor.unitRows().first { $0.incident != nil && $0.status == .atScene })
        let ref = onJob.incident!, sign = onJob.callsign
        let lines = ["note \(ref) all quiet", "regrade \(ref) 1", "msg \(sign) call in", "wc \(sign)", "state \(sign) 6",
                     "warn \(ref)", "standdown \(sign) \(ref)", "stack \(ref)", "inform ambulance \(ref)", "close \(ref) no_trace"]
        var checked = 0
        for line in lines {
            let command = try #require(CommandRegistry.named(String(line.split(separator: " ")[0])))
            for case .execute(let made) in c.command(line) {
                #expect(made.work == command.requires, "\(line): the engine calls it \(made.work), the registry \(String(describing: command.requires))")
                checked += 1
            }
            c.state.mode = .normal
        }
        #expect(checked >= 6, "the lines became engine commands (\(checked))")
        #expect(CommandRegistry.named("assign")?.requires == .dispatch && CommandRegistry.named("answer")?.requires == .callHandling
                && CommandRegistry.named("sort")?.requires == nil)
        #expect(CommandRegistry.markdownTable.contains("| `assign CALLSIGN [REF]` |  | dispatcher, supervisor |"))
    }

    @Test("A console never changes its role before the seat is agreed: a refused :take or :handback leaves the role as it was; an agreed one changes it")
    func roleOnlyOnceAgreed() {
        let c = ConsoleFixture(role: .callHandler)
        c.floor.sendAction = { action, _ in
            if case .dispatchSeat = action { return .notTaken("Refused: seats are taken by joining the floor") }
            try? c.floor.simulation.perform(action)
            return .done
        }
        Effects.carryOut(c.command("take dispatcher"), &c.state, c.floor)
        #expect(c.state.role == .callHandler && c.state.message?.contains("seats are taken by joining the floor") == true, "\(String(describing: c.state.message))")
        c.floor.sendAction = nil
        Effects.carryOut(c.command("take dispatcher"), &c.state, c.floor)
        #expect(c.state.role == .all, "call handling and dispatching once the engine agreed")
        c.floor.sendAction = { action, _ in
            if case .dispatchSeat = action { return .notTaken("Refused: seats are taken by joining the floor") }
            return .done
        }
        Effects.carryOut(c.command("handback dispatcher"), &c.state, c.floor)
        #expect(c.state.role == .all, "a refused hand-back leaves the role as it was")
    }

    @Test("The floor asks before a message to every unit of another dispatcher's area: one question for them all, nothing sent until y, then every one sent as agreed")
    func oneQuestionForABatch() throws {
        let c = ConsoleFixture()
        var sent: [(OperatorAction, Bool)] = []
        c.floor.sendAction = { action, across in
            guard across else { return .asks("NF11 is Northfield Town's, dispatched by Lee Jones: send a radio message anyway (they are told)?") }
            sent.append((action, across))
            return .done
        }
        let area = c.floor.areaNames[0]
        let effects = c.command("msgarea \(area) all units stand by")
        #expect(effects.count > 1, "a message for each unit on duty in the area")
        Effects.carryOut(effects, &c.state, c.floor)
        guard case .confirm(let question, let waiting) = c.state.mode else { Issue.record("no question: \(c.state.mode)"); return }
        #expect(question.contains("send a radio message anyway") && question.contains("(and \(effects.count - 1) more like it)"), "\(question)")
        #expect(sent.isEmpty, "nothing sent before the answer")
        Effects.carryOut(waiting, &c.state, c.floor)
        #expect(sent.count == effects.count && sent.allSatisfy { $0.1 }, "every one sent once agreed: \(sent.count)")
    }

    @Test("A mistyped command says so, suggests the nearest, and changes nothing")
    func unknown() {
        let c = ConsoleFixture()
        let before = c.state
        #expect(c.command("asign NF11").isEmpty)
        #expect(c.state.message == "Unknown command 'asign' (did you mean :assign?)")
        #expect(c.state.messageIsError)
        #expect(c.state.order == before.order && c.state.filter == before.filter && c.state.mode == .normal)
        c.command("zzzzzz")
        #expect(c.state.message == "Unknown command 'zzzzzz' (:help lists them)")
    }

    @Test("Tab completes a command's name, then the words that command takes")
    func completion() {
        let c = ConsoleFixture()
        #expect(CommandRegistry.complete("std", c.floor) == "std")
        #expect(CommandRegistry.complete("stand", c.floor) == "standdown ")
        #expect(CommandRegistry.complete("sort a", c.floor) == "sort age ")
        #expect(CommandRegistry.complete("transfer f", c.floor) == "transfer fire ")
        #expect(CommandRegistry.complete("take c", c.floor) == "take call-handler ")
        #expect(CommandRegistry.complete("refs NF11 o", c.floor) == "refs NF11 o", "on and off share the o")
        #expect(CommandRegistry.complete("refs NF11 of", c.floor) == "refs NF11 off ")
        #expect(CommandRegistry.complete("nosuch x", c.floor) == "nosuch x")
    }

    @Test("The help lists every command with its aliases")
    func help() {
        let c = ConsoleFixture(width: 200, height: 60)
        c.press(.character("?"))
        c.state.helpScroll = 0
        var seen = ""
        for _ in 0..<12 {
            seen += c.screen
            c.press(.pageDown)
        }
        for command in CommandRegistry.all {
            #expect(seen.contains(command.usage), "the help lacks \(command.usage)")
        }
    }
}
