import Foundation

/// Request parsing and vendor-shaped answers for the 360Learning emulator.
extension SandboxRequest {
    /// `mail[eq]` → ("mail", "eq", value), percent-decoded.
    func filters() -> [(field: String, op: String, value: String)] {
        query.flatMap { key, values -> [(String, String, String)] in
            let decoded = key.removingPercentEncoding ?? key
            guard let open = decoded.firstIndex(of: "["), decoded.hasSuffix("]") else { return [] }
            let field = String(decoded[..<open])
            let op = String(decoded[decoded.index(after: open)..<decoded.index(before: decoded.endIndex)]).split(separator: "]").first.map(String.init) ?? ""
            return values.map { (field, op, $0) }
        }
    }

    /// The body as a JSON object, or nil when it is not one.
    func jsonObject() -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: body) as? [String: Any]
    }
}

enum LMSAnswer {
    static func error(_ status: Int, _ code: String, _ message: String = "") -> SandboxResponse {
        .json(status, ["error": ["code": .string(code), "message": .string(message.isEmpty ? code : message)]])
    }

    static func bare(_ status: Int, _ code: String) -> SandboxResponse {
        .json(status, ["error": .string(code)])
    }

    static func invalid(_ message: String) -> SandboxResponse {
        error(400, "invalidRequestBody", message)
    }

    static let noContent = SandboxResponse(status: 204)

    /// One page of `items` from `offset`, with a relative `Link` to the next page keeping the filters.
    /// Items may be a lazy map: only the page's slice is turned into JSON (a 100,000-user list is read in 100 pages).
    static func page(_ items: some RandomAccessCollection<SandboxJSON>, request: SandboxRequest, size: Int) -> SandboxResponse {
        // The cursor is opaque to clients (an offset here): one this server did not write is refused.
        var offset = 0
        if let next = request.queryValue("next") {
            guard let value = Int(next), value >= 0 else { return error(400, "invalidCursor", "next=\(next) is not a cursor this server wrote") }
            offset = value
        }
        let slice = Array(items.dropFirst(offset).prefix(size))
        var headers: [(String, String)] = []
        if offset < items.count, items.count - offset > size {  // no overflow for a hostile next=
            var query = request.query.filter { $0.key != "next" }.sorted { $0.key < $1.key }
                .flatMap { key, values in values.map { "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } }
            query.append("next=\(offset + size)")
            headers.append(("Link", "<\(request.path)?\(query.joined(separator: "&"))>; rel=\"next\""))
        }
        return .json(200, .array(slice), headers: headers)
    }
}

/// Checks a JSON body against the fields an operation takes: unknown fields, types, required ones.
struct BodyCheck {
    let object: [String: Any]

    func unknown(_ allowed: Set<String>) -> String? {
        object.keys.first { !allowed.contains($0) }.map { "unknown property '\($0)'" }
    }

    /// A non-empty string, or nil (absent); a wrong type or empty string is a problem.
    func string(_ key: String, nullable: Bool = false) -> Result<String?, Problem> {
        switch object[key] {
        case nil: return .success(nil)
        case is NSNull: return nullable ? .success(nil) : .failure(Problem("'\(key)' must not be null"))
        case let s as String: return s.isEmpty ? .failure(Problem("'\(key)' must not be empty (minLength 1)")) : .success(s)
        default: return .failure(Problem("'\(key)' must be a string"))
        }
    }

    struct Problem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
