import ArgumentParser
import HRSyncCore
import HRSyncStore

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "History of pulls, plans and applies, newest first.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customShort("n"), help: ArgumentHelp("Show at most N entries.", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("Only entries that concern this person (email or Personio id).", valueName: "person"))
    var person: String?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("-n must be at least 1") }
        if let person, PersonQuery(person) == nil { throw ValidationError("--person must be a Personio id or an email") }
    }

    func run() async throws {
        let state = try Workspace.load(global, requireConfig: false).openState()
        let logged = try state.log.events()
        var events = Array(logged.reversed())
        // Any text is a query here: a forgotten person's tombstone (`forgotten:…`) finds their entries too.
        let query = person.flatMap(PersonQuery.init)
        if let query {
            events = events.filter { $0.people.contains(where: query.matches(logged:)) }
        }
        if let count { events = Array(events.prefix(count)) }
        let console = Console(global)
        let history = query.map { PersonHistory(person: $0, state: state, events: logged, named: !global.json, verbose: global.verbose) }
        console.out(
            global.json
                ? try EventView.json(events, details: history?.lines)
                : EventView.text(events, console: console, removed: state.removedNote, details: history?.lines))
    }
}
