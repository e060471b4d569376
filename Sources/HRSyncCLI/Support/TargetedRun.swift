import ArgumentParser
import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncStore

/// `--person P` on `plan` and `apply`: plan only some people (like terraform's `-target`).
struct PersonOption: ParsableArguments {
    @Option(name: .customLong("person"),
            help: ArgumentHelp("Plan only this person: a Personio id or an email (repeatable). Pulls only them, as partial snapshots that do not move the refs.",
                               valueName: "id-or-email"))
    var people: [String] = []

    var isTargeted: Bool { !people.isEmpty }

    /// Each value is a Personio id or something that looks like an email: an empty filter could
    /// make Personio answer with everyone.
    func validate() throws {
        for person in people {
            let text = person.trimmingCharacters(in: .whitespaces)
            guard Int(text).map({ $0 > 0 }) ?? (text.contains("@") && text.count <= 254 && !text.contains(where: { $0.isWhitespace || $0.isNewline })) else {
                throw ValidationError("--person '\(TerminalText.escape(person))' is neither a Personio id nor an email")
            }
        }
    }
}

/// A targeted pull, then its plan, stored and logged like any other.
enum TargetedRun {
    static func plan(_ people: [String], config: HRSyncConfig, configBytes: Data, state: StateDirectory, clients: Clients,
                     console: Console) async throws -> PlanEngine.Outcome {
        let pull = TargetedPull(config: config, state: state, personio: try clients.personio(config), learning360: try clients.learning360(config),
                                people: people)
        let outcome = try await pull.run()
        console.info("targeted pull for \(TerminalText.escape(people.joined(separator: ", "))): \(outcome.employees.count) employees, \(outcome.lms.users.count) users read (partial snapshots \(outcome.personioSnapshot.short), \(outcome.learning360Snapshot.short); refs unchanged)")
        var engine = PlanEngine(config: config, configBytes: configBytes, state: state)
        if let today = TestHooks.today { engine.today = today }
        return try engine.run(targeted: outcome, people: people)
    }
}
