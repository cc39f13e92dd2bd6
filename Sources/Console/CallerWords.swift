import DispatchEngine
import ReadModel

/// What a caller says, generated from what the call is really about (its type, grade and place)
/// and who is ringing. The same call says the same words in every run; the words never name the
/// type or the grade: the call handler has to judge those.
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
        /// Seconds after the call was answered (or rung back) when it is said.
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
    public static func heard(_ call: Call, subject: Subject, config: WorldConfig, now: SimTime) -> [Utterance] {
        let answered = call.answeredAt
        var out = script(call, subject: subject, config: config).filter { answered + $0.after <= now }
        if let answeredBack = call.calledBack {
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
                              text: "It's \(CallerDetails.name(call.draw.caller)) again. I rang about \(place). Nobody has come yet, is anyone coming?")]
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
            say((whisper ? "(whispering) " : "") + pick.one(category.openings))
            if let detail = category.details.isEmpty ? nil : pick.one(category.details) { say(detail) }
            say(pick.one(Self.urgency[subject.grade.rawValue - 1]))
        }
        say(location(subject.place, config: config, pick: &pick))
        let involved = call.draw.outcome == .transfer || call.draw.outcome == .advice ? "" : pick.one(Self.relationWords[caller.relation.rawValue]) + " "
        say(involved + "My name's \(CallerDetails.name(caller)), my number is \(CallerDetails.phone(caller)).", gap: 0)
        return out
    }

    /// Where the caller says they are: the address, or (a quarter of callers) something vaguer:
    /// a landmark nearby, or part of a street name.
    static func location(_ place: Int32, config: WorldConfig, pick: inout RandomStream) -> String {
        guard config.places.indices.contains(Int(place)) else { return "I'm not sure exactly where I am." }
        let here = config.places[Int(place)]
        let area = config.areas.indices.contains(here.area) ? config.areas[here.area].name : ""
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
        return config.places.indices.filter { $0 != Int(place) }
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

    static let relationWords: [[String]] = [
        ["It's me it's happening to.", "I'm the one it's happened to."],
        ["I saw it from across the road.", "I can see it from my window."],
        ["I'm a neighbour, I'm worried.", "It's my mum's place, I'm really worried."],
        ["I'm the manager here.", "I'm with the security company."],
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

    /// Words by the kind of incident, found from the type's name.
    struct Category {
        var openings: [String]
        var details: [String]
        var sounds: [String]

        init(_ typeName: String) {
            let n = typeName.lowercased()
            func has(_ words: String...) -> Bool { words.contains { n.contains($0) } }
            switch true {
            case has("domestic"):
                openings = ["My partner's gone mad, he's smashing the place up.", "Next door are fighting again, she's screaming.",
                            "My ex has turned up and won't leave, he's banging on the door."]
                details = ["There are kids in the house.", "He's been drinking all day.", "He's threatened to kill her before."]
                sounds = ["A man shouting, a woman crying; something breaks.", "A child crying; a man's voice: \"give me that phone\"."]
            case has("burglary"):
                openings = ["Someone's broken into my house, the back door's smashed.", "There's someone inside next door's house and they're away on holiday.",
                            "I've come home and the place has been ransacked."]
                details = ["I can hear them upstairs.", "They took the car keys.", "Two of them went over the back fence."]
                sounds = ["Whispering; footsteps on a wooden floor; a drawer pulled out.", "Glass crunching underfoot; a torch clicks."]
            case has("firearm", "weapon"):
                openings = ["There's a man waving a knife about outside the shop.", "I think I saw a gun, he pulled it out of his jacket.",
                            "Someone's got a machete in the street."]
                details = ["He's wearing a black hoodie.", "He went towards the park.", "People are running away."]
                sounds = ["Screaming; someone shouts \"put it down!\".", "Running feet and a car door slamming."]
            case has("collision"):
                openings = ["There's been a crash, two cars, one's on its roof.", "A car's hit a cyclist, he's lying in the road.",
                            "Someone's driven into a lamp post and the driver's not moving."]
                details = ["There's petrol on the road.", "The other driver's run off.", "The road's completely blocked."]
                sounds = ["A car horn stuck on; hissing; people shouting.", "Traffic stopped; someone says \"is he breathing?\"."]
            case has("animal"):
                openings = ["There are cows all over the road, someone's going to hit one.", "There's a family of swans walking down the middle of the dual carriageway.",
                            "A horse has got out and it's running along the road."]
                details = ["Cars are swerving round them.", "It's pitch dark and they're hard to see.", "A lorry nearly hit one."]
                sounds = ["Engines braking hard; a horn.", "Mooing; a car horn."]
            case has("disorder", "public order"):
                openings = ["There's a massive fight kicking off outside the pub.", "There's a big group throwing bottles in the street.",
                            "Loads of lads fighting, about fifteen of them."]
                details = ["One lad's on the floor being kicked.", "Someone's got a bottle.", "They're spilling into the road."]
                sounds = ["A crowd shouting; glass smashing.", "Chanting and sirens far off."]
            case has("violence", "assault", "fight"):
                openings = ["A man's just been punched in the face, he's bleeding.", "Two men are fighting outside, one's on the ground.",
                            "I've been attacked, he hit me with something."]
                details = ["The one who did it is still here.", "He ran off towards the station.", "There's a lot of blood."]
                sounds = ["A scuffle; someone groaning.", "Shouting: \"leave him, leave him!\"."]
            case has("theft", "shoplift", "robbery"):
                openings = ["Someone's just nicked my phone out of my hand.", "A lad's stolen stuff from the shop and run off.",
                            "My bike's been stolen from outside."]
                details = ["He had a grey tracksuit on.", "It's all on CCTV.", "He went off on a scooter."]
                sounds = ["Running footsteps; a shop alarm.", "A shout of \"stop him!\"."]
            case has("concern", "welfare"):
                openings = ["I'm worried about my neighbour, I haven't seen her for days.", "My sister sent me a text saying goodbye and now she won't answer.",
                            "There's an old man wandering about in his slippers, he seems confused."]
                details = ["Her curtains haven't moved.", "She's been really low lately.", "He doesn't know where he lives."]
                sounds = ["A television on loud; nobody answers.", "Slow breathing; a tap running."]
            case has("mental"):
                openings = ["My son's not himself, he's talking about hurting himself.", "There's a woman on the bridge and she's saying she wants to jump.",
                            "A man's shouting at people in the street, he's very agitated."]
                details = ["He's stopped taking his medication.", "She's climbed over the railing.", "He thinks someone is after him."]
                sounds = ["Someone sobbing; wind and traffic below.", "A man talking fast to himself."]
            case has("anti-social", "asb", "nuisance"):
                openings = ["There's a gang of youths kicking footballs at my windows.", "The kids are riding motorbikes round the estate again.",
                            "There's loud music and shouting from the flat above."]
                details = ["It's every night.", "They swore at me when I asked them to stop.", "They're throwing stones now."]
                sounds = ["Motorbike engines revving; laughter.", "Loud music with a heavy bass."]
            case has("suspicious"):
                openings = ["There's a man trying car door handles all down the street.", "There's a van been parked outside for hours and they're watching the houses.",
                            "Someone's hanging round the back of the shops with a torch."]
                details = ["He's got a rucksack.", "They keep looking over the fences.", "He ducked down when he saw me."]
                sounds = ["Footsteps on gravel; a car door tried.", "A dog barking; someone whispering."]
            case has("damage"):
                openings = ["Someone's smashed all the windows of my car.", "There are kids spraying graffiti on the bus shelter.",
                            "Someone's kicked my front door in while I was out."]
                details = ["They're still around the corner.", "I know who it was.", "It's the third time this month."]
                sounds = ["Glass breaking; laughter.", "A spray can rattling."]
            case has("missing"):
                openings = ["My daughter hasn't come home from school and she's not answering.", "My dad's got dementia and he's gone out, we can't find him.",
                            "My son left a note and he's gone."]
                details = ["She's fourteen.", "He's only got his pyjamas on.", "He took his car."]
                sounds = ["Someone calling a name in the distance.", "Wind; a dog barking."]
            case has("collapse", "injury", "trapped"):
                openings = ["A man's collapsed in the street and he's not moving.", "Someone's fallen down the stairs and is trapped.",
                            "An old lady's fallen and can't get up."]
                details = ["He's breathing but not talking.", "There's a lot of blood.", "I can't get the door open."]
                sounds = ["Someone groaning; a voice: \"stay with me\".", "A faint tapping."]
            case has("death"):
                openings = ["I think my neighbour's dead, I can see him through the window.", "I've found my husband and he's not breathing, he's cold.",
                            "There's a body by the river."]
                details = ["There's a smell.", "He's been ill for a while.", "I didn't touch anything."]
                sounds = ["Quiet sobbing.", "Only a clock ticking."]
            case has("alarm"):
                openings = ["The burglar alarm's going off at the unit next to mine.", "It's the alarm company: an intruder alarm has activated.",
                            "The shop alarm's been ringing for an hour."]
                details = ["The keyholder is on the way.", "Two zones have activated.", "I can't see anyone."]
                sounds = ["An alarm bell ringing.", "A siren wailing, nobody there."]
            case has("road"):
                openings = ["There's a car being driven like a maniac, it nearly hit me.", "I think the driver in front is drunk, he's all over the road.",
                            "Someone's been racing up and down the road all night."]
                details = ["It's a silver hatchback.", "He went through a red light.", "I've got the number plate."]
                sounds = ["An engine revving hard; tyres screeching.", "Traffic noise."]
            default:
                let name = typeName.isEmpty ? "something" : typeName
                openings = ["I need to report \(name).", "I want to tell you about \(name)."]
                details = []
                sounds = ["Voices in the background; nobody speaks to the phone."]
            }
        }
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
