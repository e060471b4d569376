import Foundation

/// What HR does in Personio, for a person trying hrsync by hand: a small JSON API under
/// `/_sandbox/` on the emulated Personio (the real one has no such paths; hrsync never calls them).
///   GET   /_sandbox/employees                 everyone, briefly
///   POST  /_sandbox/employees                 hire: {"first_name", "last_name", "email", "position", "office",
///                                             "department", "supervisor_id", "status", "hire_date",
///                                             "termination_date"} (all optional; dates "YYYY-MM-DD")
///   PATCH /_sandbox/employees/{id}            edit or move: any of the same fields ("termination_date":
///                                             null withdraws it); an unknown field is refused (400)
///   POST  /_sandbox/employees/{id}/terminate  status inactive
extension PersonioEmulator {
    static let controlPrefix = "/_sandbox/employees"

    func control(_ request: SandboxRequest) -> SandboxResponse {
        // A replica serves the snapshot it was seeded from; HR's changes belong to the synthetic company.
        if replica != nil { return Self.error(409, "this sandbox is a replica of a state directory: it serves its snapshot as it was") }
        let rest = request.path.dropFirst(Self.controlPrefix.count).split(separator: "/").map(String.init)
        let body = (try? JSONSerialization.jsonObject(with: request.body.isEmpty ? Data("{}".utf8) : request.body)) as? [String: Any]
        // An ignored field would look like a change that did not happen: refuse it.
        if let unknown = body?.keys.filter({ !Self.controlFields.contains($0) }).sorted().first {
            return Self.error(400, "unknown field '\(unknown)' (known: \(Self.controlFields.sorted().joined(separator: ", ")))")
        }
        switch (request.method, rest.count) {
        case ("GET", 0):
            return .json(200, .array(all.map(Self.brief)))
        case ("POST", 0):
            guard let body else { return Self.error(400, "the body must be a JSON object") }
            let hired = hire(supervisorID: body["supervisor_id"] as? Int) { e in
                Self.apply(body, to: &e)
                if body["email"] == nil, body["first_name"] != nil || body["last_name"] != nil {
                    // A hire named by hand gets a matching address unless one is given.
                    let local = "\(e.firstName).\(e.lastName)".lowercased().folding(options: .diacriticInsensitive, locale: nil)
                        .filter { $0.isASCII && ($0.isLetter || $0 == ".") }
                    e.email = "\(local).\(e.id)@acme.example"
                }
            }
            return .json(201, Self.brief(hired))
        case ("PATCH", 1):
            guard let id = Int(rest[0]), employees[id] != nil else { return Self.error(404, "no employee \(rest[0])") }
            guard let body else { return Self.error(400, "the body must be a JSON object") }
            edit(id) { Self.apply(body, to: &$0) }
            return .json(200, Self.brief(employees[id]!))
        case ("POST", 2) where rest[1] == "terminate":
            guard let id = Int(rest[0]), employees[id] != nil else { return Self.error(404, "no employee \(rest[0])") }
            terminate(id)
            return .json(200, Self.brief(employees[id]!))
        default:
            return Self.error(404, "unknown sandbox control \(request.method) \(request.path)")
        }
    }

    static let controlFields: Set = [
        "first_name", "last_name", "email", "position", "office", "department", "supervisor_id", "status", "hire_date", "termination_date"
    ]

    static func apply(_ body: [String: Any], to e: inout SandboxEmployee) {
        if let v = body["first_name"] as? String { e.firstName = v }
        if let v = body["last_name"] as? String { e.lastName = v }
        if let v = body["email"] as? String { e.email = v }
        if let v = body["position"] as? String { e.position = v }
        if let v = body["status"] as? String { e.status = v }
        if body.keys.contains("office") { e.office = body["office"] as? String }
        if body.keys.contains("department") { e.department = body["department"] as? String }
        if body.keys.contains("supervisor_id") { e.supervisorID = body["supervisor_id"] as? Int }
        if let parts = (body["hire_date"] as? String)?.split(separator: "-").compactMap({ Int($0) }), parts.count == 3 {
            e.hireDate = (parts[0], parts[1], parts[2])
        }
        if body.keys.contains("termination_date") {
            let parts = (body["termination_date"] as? String)?.split(separator: "-").compactMap { Int($0) } ?? []
            e.terminationDate = parts.count == 3 ? (parts[0], parts[1], parts[2]) : nil
        }
    }

    static func brief(_ e: SandboxEmployee) -> SandboxJSON {
        [
            "id": .int(e.id), "first_name": .string(e.firstName), "last_name": .string(e.lastName), "email": .string(e.email),
            "status": .string(e.status), "position": .string(e.position), "office": .optional(e.office), "department": .optional(e.department),
            "supervisor_id": e.supervisorID.map(SandboxJSON.int) ?? .null,
            "hire_date": .string(String(format: "%04d-%02d-%02d", e.hireDate.0, e.hireDate.1, e.hireDate.2)),
            "termination_date": e.terminationDate.map { .string(String(format: "%04d-%02d-%02d", $0.0, $0.1, $0.2)) } ?? .null
        ]
    }
}
