import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

/// `--person P` on `plan` and `apply`: plan only some people (like terraform's `-target`).
struct PersonOption: ParsableArguments {
    @Option(
        name: .customLong("person"),
        help: ArgumentHelp(
            "Plan only this person: a Personio id or an email (repeatable). Pulls only them, as partial snapshots that do not move the refs.",
            valueName: "id-or-email"))
    var people: [String] = []

    var isTargeted: Bool { !people.isEmpty }

    /// Each person costs a few reads: more than this is a full pull's job.
    static let maxPeople = 1_000

    /// What two values share when they name the same person (`PersonQuery.key`).
    static func key(_ value: String) -> String {
        PersonQuery(value)?.key ?? ""  // blank: refused by `validate`
    }

    /// The people once each, trimmed, in the order given: a script that repeats a value must not
    /// repeat the reads.
    var distinct: [String] {
        var seen: Set<String> = []
        return people.filter { seen.insert(Self.key($0)).inserted }.map(\.trimmed)
    }

    static func tooMany(_ count: Int) -> ValidationError {
        ValidationError("--person names \(count) people; at most \(maxPeople) are planned one by one: run a full 'hrsync plan' instead")
    }

    /// The command line before the argument parser sees it: a repeated `--person` value dropped,
    /// more than `maxPeople` refused. The parser copies a repeated option's array for each value,
    /// so 10,000 of them took minutes before any of this ran.
    static func collapsingRepeats(_ arguments: [String]) throws -> [String] {
        var seen: Set<String> = [], kept: [String] = [], index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { kept += arguments[index...]; break }
            let value: String?, width: Int
            if argument == "--person", index + 1 < arguments.count {
                (value, width) = (arguments[index + 1], 2)
            } else if argument.hasPrefix("--person=") {
                (value, width) = (String(argument.dropFirst("--person=".count)), 1)
            } else {
                (value, width) = (nil, 1)
            }
            if value.map({ seen.insert(key($0)).inserted }) ?? true { kept += arguments[index..<index + width] }
            index += width
        }
        guard seen.count <= maxPeople else { throw tooMany(seen.count) }
        return kept
    }

    /// Each value is a Personio id or something that looks like an email: an empty filter could
    /// make Personio answer with everyone.
    func validate() throws {
        let count = distinct.count
        guard count <= Self.maxPeople else { throw Self.tooMany(count) }
        for person in people {
            let text = person.trimmed
            let valid =
                switch PersonQuery(text) {
                case .personioID(let id)?: id > 0
                case let query?: query.looksLikeEmail && text.count <= 254 && !text.contains(where: { $0.isWhitespace || $0.isNewline })
                case nil: false
                }
            guard valid else { throw ValidationError("--person '\(TerminalText.escape(person))' is neither a Personio id nor an email") }
        }
    }
}

/// A targeted pull, then its plan, stored and logged like any other.
enum TargetedRun {
    static func plan(
        _ people: [String], config: HRSyncConfig, configBytes: Data, state: StateDirectory, clients: Clients,
        console: Console
    ) async throws -> PlanEngine.Outcome {
        let pull = TargetedPull(
            config: config, state: state, personio: try clients.personio(config), learning360: try clients.learning360(config),
            people: people)
        let outcome = try await pull.run()
        console.info(
            "targeted pull for \(TerminalText.escape(people.joined(separator: ", "))): \(Plural.count(outcome.employees.count, "employee")), \(Plural.count(outcome.lms.users.count, "user")) read (partial snapshots \(outcome.personioSnapshot.short), \(outcome.learning360Snapshot.short); refs unchanged)"
        )
        var engine = PlanEngine(config: config, configBytes: configBytes, state: state)
        if let today = TestHooks.today { engine.today = today }
        return try engine.run(targeted: outcome, people: people)
    }
}
