import ArgumentParser
import Foundation
import HRSyncCLI
import HRSyncSandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `hrsync-sandbox config`: an hrsync.yaml for the running sandbox.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Print an hrsync.yaml that points at the sandbox.")
    @OptionGroup var state: StateFileOption

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("For a replica: the production hrsync.yaml whose sync section to copy.", valueName: "file"))
    var production: String?

    func run() async throws {
        let saved = try state.read()
        if let production {
            guard saved.replica != nil else { throw ReplicaConfigError.notAReplica(state.path) }
            print(try ReplicaConfig.yaml(saved, stateFile: state.path, production: production), terminator: "")
            return
        }
        print(
            SandboxConfig.yaml(
                personio: URL(string: "http://127.0.0.1:\(saved.personioPort)")!,
                learning360: URL(string: "http://127.0.0.1:\(saved.learning360Port)")!,
                group: saved.platform.employeesGroupID, writer: "hrsync-sandbox config"), terminator: "")
    }
}

/// The fields HR sets on an employee; each flag is optional, and only the given ones change.
struct EmployeeFields: ParsableArguments {
    @Option(help: "First name.") var firstName: String?
    @Option(help: "Last name.") var lastName: String?
    @Option(help: "Email (a hire without one gets first.last.ID@acme.example).") var email: String?
    @Option(help: "Position (360Learning's job).") var position: String?
    @Option(help: "Office (the first level of the synced group's hierarchy).") var office: String?
    @Option(help: "Department (the second level).") var department: String?
    @Option(help: ArgumentHelp("Supervisor's Personio id.", valueName: "id")) var supervisor: Int?
    @Option(help: "Status: active, onboarding, leave or inactive.") var status: String?
    @Option(help: ArgumentHelp("Hire date (YYYY-MM-DD; a future one with --status onboarding tries sync.prestart_days).", valueName: "date"))
    var hireDate: String?
    @Option(help: ArgumentHelp("Termination date (YYYY-MM-DD; 'none' withdraws it).", valueName: "date")) var terminationDate: String?

    var body: [String: Any] {
        var body: [String: Any] = [:]
        for (key, value) in [
            ("first_name", firstName), ("last_name", lastName), ("email", email), ("position", position),
            ("office", office), ("department", department), ("status", status)
        ] {
            if let value { body[key] = value }
        }
        if let supervisor { body["supervisor_id"] = supervisor }
        if let hireDate { body["hire_date"] = hireDate }
        if let terminationDate { body["termination_date"] = terminationDate == "none" ? NSNull() : terminationDate }
        return body
    }
}

/// One call to the sandbox's control API; prints the employee it answers with.
enum Control {
    static func send(_ method: String, _ path: String, body: [String: Any]? = nil, state: StateFileOption) async throws {
        let saved = try state.read()
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(saved.personioPort)/_sandbox/employees\(path)")!)
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data, response: URLResponse
        do { (data, response) = try await URLSession.shared.data(for: request) } catch {
            throw ValidationError("the sandbox of \(state.path) does not answer on port \(saved.personioPort): is 'hrsync-sandbox serve' running?")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            let message = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]).flatMap { ($0["error"] as? [String: Any])?["message"] as? String }
            throw ValidationError(message ?? "the sandbox answered HTTP \(status)")
        }
        let value = try JSONSerialization.jsonObject(with: data)
        for person in (value as? [[String: Any]]) ?? [value as? [String: Any] ?? [:]] { print(describe(person)) }
    }

    static func describe(_ p: [String: Any]) -> String {
        let name = [p["first_name"], p["last_name"]].compactMap { $0 as? String }.joined(separator: " ")
        let place = [p["office"], p["department"]].compactMap { $0 as? String }.joined(separator: " / ")
        let boss = (p["supervisor_id"] as? Int).map { ", reports to #\($0)" } ?? ""
        let dates = [(p["hire_date"] as? String).map { ", hired \($0)" }, (p["termination_date"] as? String).map { ", leaves \($0)" }]
            .compactMap { $0 }.joined()
        return safe(
            "#\(p["id"] ?? "?") \(name) <\(p["email"] ?? "")> \(p["status"] ?? ""), \(p["position"] ?? "") in \(place.isEmpty ? "no office" : place)\(boss)\(dates)"
        )
    }

    /// Names are whatever was typed in: controls and bidi overrides are shown, not obeyed.
    static func safe(_ text: String) -> String { TerminalText.escape(text) }
}

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the emulated company's employees.")
    @OptionGroup var state: StateFileOption
    func run() async throws { try await Control.send("GET", "", state: state) }
}

struct HireCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hire", abstract: "Hire someone (active, the next free Personio id).")
    @OptionGroup var state: StateFileOption
    @OptionGroup var fields: EmployeeFields
    func run() async throws { try await Control.send("POST", "", body: fields.body, state: state) }
}

struct EditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change an employee's fields (only those given).")
    @OptionGroup var state: StateFileOption
    @Argument(help: "The employee's Personio id.") var id: Int
    @OptionGroup var fields: EmployeeFields

    func validate() throws {
        if fields.body.isEmpty { throw ValidationError("give at least one field to change (see --help)") }
    }

    func run() async throws { try await Control.send("PATCH", "/\(id)", body: fields.body, state: state) }
}

struct MoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "move", abstract: "Move an employee to another office and/or department.")
    @OptionGroup var state: StateFileOption
    @Argument(help: "The employee's Personio id.") var id: Int
    @Option(help: "The new office.") var office: String?
    @Option(help: "The new department.") var department: String?

    func validate() throws {
        if office == nil && department == nil { throw ValidationError("give --office and/or --department") }
    }

    func run() async throws {
        var body: [String: Any] = [:]
        if let office { body["office"] = office }
        if let department { body["department"] = department }
        try await Control.send("PATCH", "/\(id)", body: body, state: state)
    }
}

struct TerminateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "terminate", abstract: "Terminate an employee (status inactive).")
    @OptionGroup var state: StateFileOption
    @Argument(help: "The employee's Personio id.") var id: Int
    func run() async throws { try await Control.send("POST", "/\(id)/terminate", state: state) }
}
