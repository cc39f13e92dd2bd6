import Foundation
import DispatchEngine
import ReadModel

/// What a caller says, generated from what the call is really about (its type, grade and place)
/// and who is ringing. The same call says the same words in every run; the words never name the
/// type or the grade: the call handler has to judge those.
extension Line {
    /// An e-mail or an online report is read whole; a call and a chat go on turn by turn.
    var isWrittenWhole: Bool { self == .email || self == .onlineReport }
}

public enum CallerWords {
    public enum Speaker: Sendable, Equatable {
        /// The caller's own words.
        case caller
        /// What the handler hears on a silent line.
        case sound
        /// What the system or the operator's exchange says (the Silent Solution message, a call back).
        case system
    }

    public struct Utterance: Sendable, Equatable {
        /// When it is said after the call was answered (or rung back): milliseconds in what `heard`
        /// and `script` give; the word lists they are made from count whole seconds.
        public var after: SimTime
        public var speaker: Speaker
        public var text: String
    }

    /// What the call is about, as the caller will describe it.
    public struct Subject: Sendable, Equatable {
        public var type: Int32
        public var grade: Grade
        public var place: Int32
        public init(type: Int32, grade: Grade, place: Int32) { self.type = type; self.grade = grade; self.place = place }
    }

    /// Everything said on the call so far, oldest first.
    /// `unitArrivedAt`: when the first unit reached the incident the handler is staying on the line for.
    /// `replies`: on a live chat, what the handler typed and when: the person answers in turn.
    public static func heard(_ call: Call, subject: Subject, config: WorldConfig, now: SimTime,
                             staying: OnTheLine? = nil, unitArrivedAt: SimTime? = nil,
                             replies: [(at: SimTime, text: String)] = []) -> [Utterance] {
        let answered = call.answeredAt
        var said = call.ringBack ? [] : script(call, subject: subject, config: config)
        if call.line == .chat { said = inTurn(said, call, replies: replies) }
        var out = call.ringBack ? rungBack(call, subject: subject, config: config, now: now)
            : said.filter { answered + $0.after <= now || call.line.isWrittenWhole }
        if let staying {
            out += onTheLine(call, staying, subject: subject, config: config, now: now, unitArrivedAt: unitArrivedAt)
        }
        if !call.ringBack, let answeredBack = call.calledBack {
            let at = call.calledBackAt
            out.append(Utterance(after: at - answered, speaker: .system,
                                 text: answeredBack ? "You ring the number back. Someone picks up." : "You ring the number back. No answer: it goes to voicemail."))
            if answeredBack, let spec = scripted(call, config: config), !spec.callBackTurns.isEmpty {
                for turn in spec.callBackTurns where at + turn.after <= now {
                    out.append(Utterance(after: at - answered + turn.after, speaker: turn.voice == .sound ? .sound : .caller, text: turn.text))
                }
            } else if answeredBack {
                let words = call.draw.outcome == .incident
                    ? spoken(call, subject: subject, config: config, whisper: true)
                    : [Utterance(after: 2, speaker: .caller, text: "Sorry, I think my phone rang you by itself in my bag. Everything's fine here.")]
                for w in words where at + w.after * Clock.second <= now {
                    out.append(Utterance(after: at - answered + w.after * Clock.second, speaker: w.speaker, text: w.text))
                }
            }
        }
        // In the order said (a stable sort: what was written in order stays in order).
        return out.enumerated().sorted { ($0.element.after, $0.offset) < ($1.element.after, $1.offset) }.map(\.element)
    }

    /// A live chat goes turn by turn: each line of the person's after the first comes a few
    /// seconds after the handler's reply (or when they would have typed it anyway, if sooner);
    /// the handler's lines are in the transcript; once all is said, a reply gets a short answer.
    static func inTurn(_ said: [Utterance], _ call: Call, replies: [(at: SimTime, text: String)]) -> [Utterance] {
        let answered = call.answeredAt
        let typing = 8 * Clock.second
        var out: [Utterance] = []
        var last: SimTime = 0
        var next = 0   // the first reply not yet answered
        for (k, u) in said.enumerated() {
            var due = u.after
            // The first reply since their last line, if it came before this one would have come
            // unprompted, brings it sooner; a later reply is answered after all is said.
            if k > 0, u.speaker == .caller,
               let i = replies[next...].firstIndex(where: { $0.at - answered >= last && $0.at - answered < u.after }) {
                due = min(due, replies[i].at - answered + typing)
                next = i + 1
            }
            due = max(due, last)
            out.append(Utterance(after: due, speaker: u.speaker, text: u.text))
            last = due
        }
        var pick = RandomStream(seed: UInt64(call.draw.caller.identity) ^ 0xC4A7, stream: UInt64(bitPattern: call.number))
        var left = Self.chatAnswers
        for reply in replies[next...] where reply.at - answered >= last && !left.isEmpty {
            let line = pick.one(left)
            left.removeAll { $0 == line }
            out.append(Utterance(after: reply.at - answered + typing, speaker: .caller, text: line))
        }
        for reply in replies {
            out.append(Utterance(after: reply.at - answered, speaker: .system, text: "You: " + reply.text))
        }
        return out
    }

    /// What a person on a chat types back once they have said all they know.
    static let chatAnswers = ["ok", "ok thank you", "yes I'm still here", "that's everything I know sorry", "will do",
                              "thanks, I'll keep my phone on"]

    /// Staying on the line after the incident is created: the trainer's `on_the_line` words, or
    /// the caller's worry every twenty seconds; what the handler says; the officers arriving.
    static func onTheLine(_ call: Call, _ staying: OnTheLine, subject: Subject, config: WorldConfig, now: SimTime, unitArrivedAt: SimTime?) -> [Utterance] {
        let answered = call.answeredAt, since = staying.since
        let chat = call.line == .chat
        var lines: [Utterance] = [Utterance(after: since - answered, speaker: .system,
                                            text: chat ? "Incident created: you stay on the chat with them." : "Incident created: you stay on the line with the caller.")]
        if staying.reassuredAt >= 0 {
            lines.append(Utterance(after: staying.reassuredAt - answered, speaker: .system,
                                   text: chat ? "You: Help is on the way. Stay on this chat with me." : "You: Help is on the way. Stay on the line with me."))
            lines.append(Utterance(after: staying.reassuredAt - answered + 3 * Clock.second, speaker: .caller, text: "Okay... okay. Please tell them to hurry."))
        }
        let arrived = unitArrivedAt.map { $0 - answered }
        if let spec = scripted(call, config: config), !spec.onTheLine.isEmpty {
            for turn in spec.onTheLine where arrived.map({ since - answered + turn.after < $0 }) ?? true {
                lines.append(Utterance(after: since - answered + turn.after, speaker: turn.voice == .sound ? .sound : .caller, text: turn.text))
            }
        } else {
            var pick = RandomStream(seed: UInt64(call.draw.caller.identity) ^ 0x0511_11E5, stream: UInt64(bitPattern: call.number))
            // Words that fit the caller: one who could not speak (a silent call) is heard, not
            // heard from; a victim waits for help rather than reporting what goes on next door.
            let silent = call.draw.silent
            let worry = silent ? Self.waitingSilent
                : subject.grade != .immediate ? Self.waitingCalm
                : call.draw.caller.relation == .victim ? Self.waitingVictim : Self.waitingUrgent
            // No line twice in one call; nothing that answers what the handler has not said ("like
            // you said" only once they have said to stay); when all is said, quiet on the line.
            var left = worry
            var t = since - answered + 20 * Clock.second
            while answered + t <= now, arrived.map({ t < $0 }) ?? true {
                let told = staying.reassuredAt >= 0 && staying.reassuredAt <= answered + t
                let choices = left.filter { told || !$0.contains("like you said") }
                guard !choices.isEmpty else {
                    lines.append(Utterance(after: t, speaker: .sound, text: "Quiet on the line; the caller is still there."))
                    break
                }
                let line = pick.one(choices)
                left.removeAll { $0 == line }
                lines.append(Utterance(after: t, speaker: silent ? .sound : .caller, text: line))
                t += 20 * Clock.second
            }
        }
        if let arrived {
            lines.append(call.draw.silent
                ? Utterance(after: arrived + 3 * Clock.second, speaker: .sound,
                            text: "A knock, the door opens, voices: \"Police! Hello? We're here to help.\" (x ends the call)")
                : Utterance(after: arrived + 3 * Clock.second, speaker: .caller,
                            text: chat ? "the police are here now. thank you" : "I can see them now, the police are here. Thank you."))
            if !call.draw.silent {
                lines.append(Utterance(after: arrived + 4 * Clock.second, speaker: .system, text: chat ? "(x ends the chat)" : "(x ends the call)"))
            }
        }
        return lines.filter { answered + $0.after <= now }.sorted { $0.after < $1.after }
    }

    static let waitingUrgent = ["Are they nearly here? Please hurry.", "It's still going on, I can hear it.",
                                "I'm staying where I am, like you said.", "How long will they be?", "Please don't hang up."]
    static let waitingVictim = ["Are they nearly here? Please hurry.", "I'm staying where I am, like you said.",
                                "How long will they be?", "Please don't hang up.", "Please, I'm scared."]
    static let waitingSilent = ["Slow breathing on the line.", "Rustling, then breathing close to the phone.",
                                "A faint groan, then quiet.", "The television still on in the background."]
    static let waitingCalm = ["Okay, I'll wait here for them.", "Do you need anything else from me?",
                              "I'll keep an eye out for the car.", "Should I stay on the line?"]

    /// An abandoned 999 call rung back: voicemail, an apology for a call made by accident, or the
    /// caller who needed help (the trainer's `when_rung_back`, or their words as on any call).
    static func rungBack(_ call: Call, subject: Subject, config: WorldConfig, now: SimTime) -> [Utterance] {
        let answered = call.answeredAt
        var out = [Utterance(after: 0, speaker: .system, text: call.calledBack == true
            ? "You ring the 999 caller back. Someone picks up."
            : "You ring the 999 caller back. No answer: it goes to voicemail. Leave a message, then close (x).")]
        guard call.calledBack == true else { return out }
        var words: [Utterance]
        if let spec = scripted(call, config: config), !spec.callBackTurns.isEmpty {
            words = spec.callBackTurns.map { Utterance(after: $0.after, speaker: $0.voice == .sound ? .sound : .caller, text: $0.text) }
        } else if call.draw.isGenuine {
            let sorry = Utterance(after: 2 * Clock.second, speaker: .caller, text: "Sorry, I got cut off... I'm still here.")
            let said = written(call, config: config) ?? spoken(call, subject: subject, config: config, whisper: false)
                .map { Utterance(after: $0.after * Clock.second, speaker: $0.speaker, text: $0.text) }
            words = [sorry] + said.map { Utterance(after: $0.after + 6 * Clock.second, speaker: $0.speaker, text: $0.text) }
        } else {
            words = [Utterance(after: 2 * Clock.second, speaker: .caller,
                               text: "Oh, sorry, that was a mistake: my phone must have dialled in my pocket. Everything's fine here.")]
        }
        out += words.filter { answered + $0.after <= now }
        return out
    }

    /// The whole script of the call as answered, with times in milliseconds after the answer.
    static func script(_ call: Call, subject: Subject, config: WorldConfig) -> [Utterance] {
        if let written = written(call, config: config) { return written }
        let lines = call.draw.silent ? silent(call, subject: subject, config: config)
                                     : spoken(call, subject: subject, config: config, whisper: false)
        return lines.map { Utterance(after: $0.after * Clock.second, speaker: $0.speaker, text: $0.text) }
    }

    // MARK: Scripted calls

    static func scripted(_ call: Call, config: WorldConfig) -> ScriptedCall? {
        let k = Int(call.draw.script)
        return config.script.calls.indices.contains(k) ? config.script.calls[k] : nil
    }

    /// A scripted call's words as the trainer wrote them (ringing back: what the caller says
    /// then), in milliseconds after the answer; nil for a generated call.
    static func written(_ call: Call, config: WorldConfig) -> [Utterance]? {
        guard let spec = scripted(call, config: config) else { return nil }
        func utterances(_ turns: [ScriptTurn]) -> [Utterance] {
            turns.map { Utterance(after: $0.after, speaker: $0.voice == .sound ? .sound : .caller, text: $0.text) }
        }
        switch call.draw.scriptPart {
        case 2:
            return utterances(spec.escalation?.turns ?? [])
        case 1:
            let place = config.places.indices.contains(Int(spec.place)) ? config.places[Int(spec.place)].name : "here"
            return [Utterance(after: Clock.second, speaker: .caller,
                              text: "It's " + (CallerDetails.givenName(call.draw, config) ?? "me") + " again. I rang about \(place). Nobody has come yet, is anyone coming?")]
        default:
            let opening = call.draw.silent
                ? [Utterance(after: 0, speaker: .system, text: call.draw.pressed55 ? "Silent Solution: the caller pressed 55. Connected."
                                                                                   : "Silent 999 call: no answer to the operator, 55 not pressed. Connected.")]
                : []
            return opening + utterances(spec.turns)
        }
    }

    // MARK: Spoken calls

    static func spoken(_ call: Call, subject: Subject, config: WorldConfig, whisper: Bool) -> [Utterance] {
        let caller = call.draw.caller
        var pick = RandomStream(seed: UInt64(caller.identity), stream: UInt64(bitPattern: call.number))
        let typeName = config.incidentTypes.indices.contains(Int(subject.type)) ? config.incidentTypes[Int(subject.type)].name : ""
        var out: [Utterance] = []
        var t: SimTime = 1
        func say(_ text: String, gap: SimTime = 6) { out.append(Utterance(after: t, speaker: .caller, text: text)); t += gap }

        switch call.draw.outcome {
        case .transfer:
            let medical = pick.chance(0.75)
            say(pick.one(medical ? Self.ambulanceWords : Self.fireWords))
        case .advice:
            say(pick.one(Self.adviceWords))
        default:
            let category = Category(typeName)
            // The words fit the grade the call really is (the engine's call handler grades it so):
            // risk to life and "happening now" only on a grade 1; an opening's own detail after it;
            // something over and done with said so, never "they're still here" then "only a crime
            // number".
            let name = typeName.isEmpty ? "something" : typeName
            if subject.grade.rawValue <= 2, let k = category.opening(for: subject.grade, pick: &pick) {
                say((whisper ? "(whispering) " : "") + Category.spoken(category.openings[k]))
                if category.details.indices.contains(k) { say(Category.spoken(category.details[k])) }
            } else if subject.grade.rawValue <= 2 {
                say((whisper ? "(whispering) " : "") + pick.one(["I need to report \(name).", "I want to tell you about \(name)."]))
            } else {
                say((whisper ? "(whispering) " : "") + pick.one(category.offender
                    ? ["I want to report \(name). It's over now.", "I'm ringing about \(name) earlier on.", "It's about \(name), it's already happened."]
                    : ["I'd like someone to look into \(name) when they can.", "It's about \(name), it's not an emergency."]))
            }
            say(pick.one(category.offender ? Self.urgency[subject.grade.rawValue - 1] : Self.urgencyNoOffender[subject.grade.rawValue - 1]))
        }
        let onTheRoad = Category.onTheRoad.contains { typeName.lowercased().contains($0) }
        say(location(subject.place, config: config, pick: &pick, onTheRoad: onTheRoad))
        // Nobody's window or mum's place on a dual carriageway.
        let open = config.places.indices.contains(Int(subject.place)) && Category.openRoad(config.places[Int(subject.place)].name)
        let relation = (open ? Self.relationWordsOnRoad : Self.relationWords)[caller.relation.rawValue]
        let involved = call.draw.outcome == .transfer || call.draw.outcome == .advice ? "" : pick.one(relation) + " "
        say(involved + "My name's \(CallerDetails.name(call, config)), my number is \(CallerDetails.contactNumber(call, config)).", gap: 0)
        return out
    }

    /// Where the caller says they are: the address, or (a quarter of callers) something vaguer:
    /// a landmark nearby, or part of a street name.
    static func location(_ place: Int32, config: WorldConfig, pick: inout RandomStream, onTheRoad: Bool = false) -> String {
        guard config.places.indices.contains(Int(place)) else { return "I'm not sure exactly where I am." }
        let here = config.places[Int(place)]
        let area = config.areas.indices.contains(here.area) ? config.areas[here.area].name : ""
        // Something on the road is on the road by the place, not inside it (animals at a club).
        if onTheRoad, !Category.roads.contains(where: { here.name.lowercased().contains($0) }) {
            return pick.one(["It's on the road right outside \(here.name).", "It's in the road by \(here.name)."])
        }
        // Something that happens indoors or among people is not on the carriageway: beside it.
        if !onTheRoad, Category.openRoad(here.name) {
            return pick.one(["It's the house just off the \(here.name), by the slip road.", "It's just off the \(here.name), the lay-by there."])
        }
        guard pick.chance(0.25) else { return pick.one(["It's \(here.name).", "I'm at \(here.name).", "The address is \(here.name)."]) }
        if pick.chance(0.5), let landmark = nearestOther(place, config: config) {
            return "I don't know the address, sorry. It's near \(config.places[landmark].name)" + (area.isEmpty ? "." : ", in \(area).")
        }
        if let word = distinctiveWord(here.name, area: area) {
            return "It's ... \(word) something, I can't see a sign" + (area.isEmpty ? "." : ". \(area).")
        }
        return "I'm somewhere in \(area.isEmpty ? "town" : area), I don't know the street."
    }

    static func nearestOther(_ place: Int32, config: WorldConfig) -> Int? {
        let here = config.places[Int(place)].position
        return (0..<config.addressCount).filter { $0 != Int(place) }
            .min { config.places[$0].position.distance(to: here) < config.places[$1].position.distance(to: here) }
    }

    /// The word of a place's name a caller would remember: not a number, not "Road" or the town.
    static func distinctiveWord(_ name: String, area: String) -> String? {
        let common: Set<String> = ["road", "street", "lane", "close", "way", "the", "and", "of", "park", "estate", "place",
                                   "high", "avenue", "station", "car"]
        let areaWords = Set(area.lowercased().split(separator: " ").map(String.init))
        let words = name.split { $0 == " " || $0 == "," }.map(String.init)
        return words.first { w in
            w.count >= 4 && w.first!.isLetter && !common.contains(w.lowercased()) && !areaWords.contains(w.lowercased())
        }
    }

    // MARK: Silent calls

    static func silent(_ call: Call, subject: Subject, config: WorldConfig) -> [Utterance] {
        var pick = RandomStream(seed: UInt64(call.draw.caller.identity) ^ 0x51_1E47, stream: UInt64(bitPattern: call.number))
        var out = [Utterance(after: 0, speaker: .system,
                             text: call.draw.pressed55 ? "Silent Solution: the caller pressed 55. Connected." : "Silent 999 call: no answer to the operator, 55 not pressed. Connected.")]
        if call.draw.outcome != .incident {
            out.append(Utterance(after: 6, speaker: .sound, text: pick.one(["Rustling, like a phone in a pocket.", "Faint traffic noise, nothing else.",
                                                                            "Muffled music, a bag being moved."])))
            out.append(Utterance(after: 20, speaker: .sound, text: "Nothing more: the line is open but nobody speaks."))
            return out
        }
        let typeName = config.incidentTypes.indices.contains(Int(subject.type)) ? config.incidentTypes[Int(subject.type)].name : ""
        let category = Category(typeName)
        out.append(Utterance(after: 5, speaker: .sound, text: pick.one(category.sounds)))
        out.append(Utterance(after: 15, speaker: .sound, text: "Heavy breathing close to the phone; someone tries to speak and stops."))
        if config.places.indices.contains(Int(subject.place)) {
            let place = config.places[Int(subject.place)]
            let area = config.areas.indices.contains(place.area) ? config.areas[place.area].name : ""
            let word = distinctiveWord(place.name, area: area) ?? area
            out.append(Utterance(after: 30, speaker: .sound, text: "A voice in the background: \"... \(word) ...\" then a door slams."))
        }
        return out
    }

    // MARK: Words

    static let urgency: [[String]] = [
        ["It's happening right now, please hurry!", "Please, you need to come now, they're still here!", "Quick, please, it's still going on!"],
        ["It's only just happened, they can't have gone far.", "It's just happened and I'm scared they'll come back.", "It was a few minutes ago, they're still around."],
        ["It happened earlier on, nobody's hurt now.", "It's not happening now, but someone needs to come and look.", "It was last night, I've only just noticed."],
        ["I don't need anyone to come out, I just want it reported.", "I only need a crime number for the insurance.", "I'd just like some advice really."],
    ]

    /// Without an offender (a collapse, a missing person, someone in crisis): nobody to "come back".
    static let urgencyNoOffender: [[String]] = [
        ["Please hurry, please!", "Please, you need to send someone now!", "Quick, please, I don't know what to do!"],
        ["Can someone come soon, please?", "I don't know what to do, please send someone.", "I'm really worried, can someone come?"],
        ["It's not an emergency.", "Nobody's in danger, but someone should come.", "Whenever someone can come is fine."],
        ["I don't need anyone to come out, I just want it on record.", "I'd just like some advice really."],
    ]

    static let relationWords: [[String]] = [
        ["It's me it's happening to.", "I'm the one it's happened to."],
        ["I saw it from across the road.", "I can see it from my window."],
        ["I'm a neighbour, I'm worried.", "I know them, I'm really worried."],
        ["I'm the manager here.", "I'm with the security company."],
        ["I'm calling from the ambulance service control room.", "It's the fire control room here, passing this on."],
    ]
    /// On an open road, by relation: passing drivers, not neighbours at windows.
    static let relationWordsOnRoad: [[String]] = [
        ["It's me it's happening to.", "I'm the one it's happened to."],
        ["I saw it as I was driving past.", "I've pulled over, I saw it happen."],
        ["I'm a passer-by, I'm worried about them.", "I've stopped my car, I'm really worried."],
        ["I drive for a living, I'm parked up here.", "I'm with the highways crew here."],
        ["I'm calling from the ambulance service control room.", "It's the fire control room here, passing this on."],
    ]

    static let adviceWords = [
        "Someone's parked across my drive again and I can't get out. What can I do?",
        "I've found a handbag with money and cards in it. Where do I hand it in?",
        "My ex won't give my things back from the flat. Is that a police matter?",
        "There was a party next door last night, it's quiet now, I just want it on record.",
        "I've had a text saying it's from my bank and I think it's a scam. Who do I tell?",
        "I need to know what time I'm meant to be at court tomorrow.",
    ]
    static let ambulanceWords = [
        "My dad's collapsed in the kitchen and he's not breathing properly!",
        "My friend's taken something and she won't wake up, I need an ambulance!",
        "There's a man on the pavement, he's fallen and hit his head, there's blood.",
    ]
    static let fireWords = [
        "There's smoke pouring out of the flat upstairs!",
        "A car's on fire in the car park behind the shops!",
        "I can smell gas really strongly in the hallway.",
    ]

    /// Words by the kind of incident, found from the type's name (the phrasebook is data:
    /// `Resources/phrasebook.json`, the first entry one of whose words the name contains).
    /// Each opening is followed by its own detail (same index); "!" marks words of risk to life
    /// or of something happening now, said only on a grade 1 call. `offender`: someone did it (a
    /// caller may fear they come back); not so for a collapse or a person in crisis.
    struct Category: Decodable {
        var openings: [String]
        var details: [String]
        var sounds: [String]
        var offender: Bool

        init(_ typeName: String) {
            let n = typeName.lowercased()
            if let known = Self.phrasebook.first(where: { $0.when.contains { n.contains($0) } }) {
                openings = known.openings; details = known.details; sounds = known.sounds; offender = known.offender
            } else {
                openings = []
                details = []
                sounds = ["Voices in the background; nobody speaks to the phone."]
                offender = true
            }
        }

        /// An opening for a call of `grade` (its index): on a grade 1 one marked urgent where there
        /// is one; on a grade 2 never one marked urgent.
        func opening(for grade: Grade, pick: inout RandomStream) -> Int? {
            let urgent = openings.indices.filter { openings[$0].hasPrefix("!") }
            let calm = openings.indices.filter { !openings[$0].hasPrefix("!") }
            let choices = grade == .immediate ? (urgent.isEmpty ? calm : urgent) : calm
            return choices.isEmpty ? nil : choices[pick.index(below: choices.count)]
        }

        /// The words as said (without the mark).
        static func spoken(_ text: String) -> String { text.hasPrefix("!") ? String(text.dropFirst()) : text }

        /// A road with no houses on it (a dual carriageway, a junction, a B road between villages).
        static func openRoad(_ name: String) -> Bool {
            let n = name.lowercased()
            if ["northbound", "southbound", "eastbound", "westbound", "junction", "interchange", "bypass", "motorway"].contains(where: n.contains) { return true }
            // "A12 ...", "B1043 Fenwick to Marsh Road"
            guard let first = n.split(separator: " ").first, let letter = first.first, letter == "a" || letter == "b" || letter == "m" else { return false }
            return first.count > 1 && first.dropFirst().allSatisfy(\.isNumber)
        }

        /// Kinds of incident that happen on a road, and words of place names that are roads.
        static let onTheRoad = ["road", "collision", "animal", "traffic"]
        static let roads = ["road", "street", "lane", "way", "avenue", "close", "a61", "motorway", "bypass"]

        struct Entry: Decodable {
            var when: [String]
            var offender: Bool
            var openings: [String]
            var details: [String]
            var sounds: [String]
        }

        static let phrasebook: [Entry] = {
            do {
                return try JSONDecoder().decode([Entry].self, from: Data(PackageResources.phrasebook_json))
            } catch {
                preconditionFailure("the phrasebook shipped with controlroom cannot be read: \(error)")
            }
        }()
    }
}

extension RandomStream {
    /// One of the choices, so the words vary between calls but not between runs.
    mutating func one(_ choices: [String]) -> String { choices[index(below: choices.count)] }
}

extension Floor {
    /// What the caller is describing: their own call's truth, or the incident they report again.
    public func subject(of call: Call) -> CallerWords.Subject {
        if let again = simulation.incidentReportedAgain(by: call), let incident = world.incident(again) {
            return CallerWords.Subject(type: incident.type, grade: incident.grade, place: incident.place)
        }
        return CallerWords.Subject(type: call.draw.type, grade: call.draw.grade, place: call.draw.place)
    }
}
