import Foundation
// Slack, Microsoft Teams and Discord: the message shapes their webhooks accept, within their
// limits, with user text only where the destination shows it verbatim.

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct ShippedTemplateChatTests {
    @Test func slackIsABlockKitMessageWithUserTextOnlyInPlainText() throws {
        for event in ShippedEvents.all {
            let (_, json) = try ShippedTemplate.slack.render(event)
            let label = "\(event.id) \(event.nounVerb)"
            // The fallback text is parsed as mrkdwn: nothing in it may read as a mention or link.
            let text = try #require(json["text"].string, "\(label)")
            #expect(!text.isEmpty && !text.contains { "<>&".contains($0) }, "\(label): \(text)")

            let blocks = try #require(json["blocks"].array, "\(label)")
            #expect(blocks.first?["type"].string == "header", "\(label)")
            #expect(blocks.last?["type"].string == "context", "\(label)")
            #expect(blocks.allSatisfy { ["header", "section", "context"].contains($0["type"].string ?? "") }, "\(label)")
            var plain: [String] = []
            for block in blocks {
                let limit = block["type"].string == "header" ? 150 : 3000
                var objects = [(block["text"], limit)]
                objects += (block["fields"].array ?? []).map { ($0, 2000) }
                objects += (block["elements"].array ?? []).map { ($0, 3000) }
                #expect((block["fields"].array ?? []).count <= 10, "\(label)")
                for (object, limit) in objects where !object.isMissing {
                    let text = try #require(object["text"].string, "\(label)")
                    #expect((1...limit).contains(text.utf16.count), "\(label): \(text.utf16.count) characters")
                    switch object["type"].string {
                    case "plain_text": plain.append(text)
                    case "mrkdwn": #expect(!text.contains { "<>&".contains($0) }, "\(label): mrkdwn \(text)")
                    default: Issue.record("\(label): text object of type \(object["type"].value.debugDescription)")
                    }
                }
            }
            #expect(blocks[0]["text"]["type"].string == "plain_text", "\(label)")
            let key = ShippedText.key(event)
            #expect(plain.contains(key.isEmpty ? "(no key)" : key), "\(label)")
            #expect(plain.contains(ShippedText.actor(event).isEmpty ? "unknown" : ShippedText.actor(event)), "\(label)")
            #expect(plain.contains(event.namespace ?? "(none)"), "\(label)")
            let description = ShippedText.description(event)
            if !description.isEmpty, description.unicodeScalars.count <= 1500 {
                #expect(plain.contains(description), "\(label)")
            }
        }
    }

    @Test(arguments: [(ShippedTemplate.slack, 1500, 3000), (.teams, 2000, 20_000), (.discord, 2000, 4096)])
    func cutsALongDescriptionBetweenCharacters(template: ShippedTemplate, characters: Int, limit: Int) throws {
        let event = try #require(ShippedEvents.own.first { $0.id == "evt_long" })
        let description = ShippedText.description(event)
        let (_, json) = try template.render(event)
        let cut = try #require(json.allStrings.first { $0.hasPrefix("xa😀") })
        #expect(cut.hasSuffix("…") && cut.utf16.count <= limit)
        #expect(cut.dropLast().unicodeScalars.count == characters && description.hasPrefix(cut.dropLast()))
    }

    @Test("oversized or hostile names stay within Slack's, Teams' and Discord's limits; Slack's text pings nobody; alerts look like alerts")
    func namesAreCutAndEscaped() throws {
        let long = Event(
            id: "e", source: .flipt, type: "<!channel>" + String(repeating: "t", count: 200), action: "created",
            actor: Actor(name: String(repeating: "a", count: 2100)), payload: ["key": .string(String(repeating: "k", count: 3500))],
            timestamp: "2024-09-18T08:00:00Z", namespace: String(repeating: "n", count: 1100))
        let slack = try ShippedTemplate.slack.render(long).json
        let text = try #require(slack["text"].string)
        #expect(!text.contains("<!channel>") && text.contains("&lt;!channel&gt;"), "\(text)")
        let blocks = try #require(slack["blocks"].array)
        #expect((blocks[0]["text"]["text"].string?.count ?? 999) <= 150)
        #expect((blocks[1]["text"]["text"].string?.count ?? 9999) <= 3000)
        #expect(try #require(blocks[1]["fields"].array).allSatisfy { ($0["text"].string?.count ?? 9999) <= 2000 })
        let discord = try ShippedTemplate.discord.render(long).json
        #expect(try #require(discord["embeds"][0]["fields"].array).allSatisfy { ($0["value"].string?.count ?? 9999) <= 1024 })
        let (teamsBody, _) = try ShippedTemplate.teams.render(long)
        #expect(teamsBody.utf8.count < 28_000)

        let alert = try #require(OperatorAlert.samples(sink: "splunk").first { $0.kind == .sinkPaused }).event(id: "evt_a", at: Date())
        let alertMessage = try ShippedTemplate.slack.render(alert).json
        #expect(alertMessage["blocks"][0]["text"]["text"].string?.hasPrefix("⚠️ sink paused") == true)
        #expect(alertMessage["text"].string == "audit-router: sink paused (alert)")
    }

    @Test func teamsIsAMessageWithOneAdaptiveCardWithoutMarkdown() throws {
        for event in ShippedEvents.all {
            let (_, json) = try ShippedTemplate.teams.render(event)
            let label = "\(event.id) \(event.nounVerb)"
            #expect(json["type"].string == "message", "\(label)")
            let attachments = try #require(json["attachments"].array, "\(label)")
            #expect(attachments.count == 1, "\(label)")
            #expect(attachments[0]["contentType"].string == "application/vnd.microsoft.card.adaptive", "\(label)")
            let card = attachments[0]["content"]
            #expect(card["$schema"].string == "http://adaptivecards.io/schemas/adaptive-card.json", "\(label)")
            #expect(card["type"].string == "AdaptiveCard", "\(label)")
            #expect(card["version"].string == "1.4", "\(label)")
            let body = try #require(card["body"].array, "\(label)")
            #expect(!body.isEmpty, "\(label)")
            // TextBlock parses Markdown; a TextRun in a RichTextBlock never does.
            var runs: [String] = []
            for element in body {
                #expect(element["type"].string == "RichTextBlock", "\(label)")
                for inline in try #require(element["inlines"].array, "\(label)") {
                    #expect(inline["type"].string == "TextRun", "\(label)")
                    let text = try #require(inline["text"].string, "\(label)")
                    #expect(!text.isEmpty, "\(label)")
                    runs.append(text)
                }
            }
            let key = ShippedText.key(event)
            #expect(runs.contains(key.isEmpty ? "(no key)" : key), "\(label)")
            #expect(runs.contains(ShippedText.actor(event).isEmpty ? "unknown" : ShippedText.actor(event)), "\(label)")
            #expect(runs.contains(event.namespace ?? "(none)"), "\(label)")
            let description = ShippedText.description(event)
            if !description.isEmpty, description.unicodeScalars.count <= 4000 {
                #expect(runs.contains(description), "\(label)")
            }
        }
    }

    @Test func discordIsOneEmbedWithinDiscordsLimitsThatMentionsNobody() throws {
        for event in ShippedEvents.all {
            let (_, json) = try ShippedTemplate.discord.render(event)
            let label = "\(event.id) \(event.nounVerb)"
            #expect(json["allowed_mentions"]["parse"].array?.isEmpty == true, "\(label)")
            let embeds = try #require(json["embeds"].array, "\(label)")
            #expect(embeds.count == 1, "\(label)")
            let embed = embeds[0]
            let title = try #require(embed["title"].string, "\(label)")
            #expect((1...256).contains(title.utf16.count), "\(label)")
            let key = ShippedText.key(event)
            if key.unicodeScalars.count < 100 { #expect(ShippedText.shows(title, key), "\(label)") }
            let description = ShippedText.description(event)
            if description.isEmpty {
                #expect(embed["description"].isMissing, "\(label)")
            } else if description.unicodeScalars.count <= 2000 {
                #expect(embed["description"].string == description, "\(label)")
            } else {
                #expect((embed["description"].string?.utf16.count ?? 0) <= 4096, "\(label)")
            }
            let color = try #require(embed["color"].int, "\(label)")
            #expect((0...0xFFFFFF).contains(color), "\(label)")
            #expect(embed["timestamp"].string == event.timestamp, "\(label)")
            let fields = try #require(embed["fields"].array, "\(label)")
            #expect(fields.count <= 25, "\(label)")
            var values: [String: String] = [:]
            for field in fields {
                let name = try #require(field["name"].string, "\(label)")
                let value = try #require(field["value"].string, "\(label)")
                #expect((1...256).contains(name.utf16.count) && (1...1024).contains(value.utf16.count), "\(label): \(name)")
                values[name] = value
            }
            #expect(values["Actor"] == (ShippedText.actor(event).isEmpty ? "unknown" : ShippedText.actor(event)), "\(label)")
            #expect(values["Namespace"] == event.namespace ?? "(none)", "\(label)")
            #expect(values["Event ID"] == event.id, "\(label)")
            let total = title.utf16.count + (embed["description"].string?.utf16.count ?? 0) + (embed["footer"]["text"].string?.utf16.count ?? 0)
                + values.reduce(0) { $0 + $1.key.utf16.count + $1.value.utf16.count }
            #expect(total <= 6000, "\(label)")
        }
    }

    @Test func discordColoursTellCreatedUpdatedDeletedAndDeniedApart() throws {
        func color(_ action: String, _ status: String = "success") throws -> Int64? {
            let event = Event(id: "e", source: .flipt, type: "flag", action: action, payload: ["key": "k"], timestamp: "2024-09-18T08:00:00Z", status: status)
            return try ShippedTemplate.discord.render(event).json["embeds"][0]["color"].int
        }
        #expect(try color("created") == 0x2ECC71)
        #expect(try color("restored") == 0x2ECC71)
        #expect(try color("updated") == 0xE67E22)
        #expect(try color("deleted") == 0xE74C3C)
        #expect(try color("deleted", "denied") == 0x992D22)
    }
}
