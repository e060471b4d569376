import Foundation

/// `Link: <https://…/api/v2/users?next=abc>; rel="next"` → the next page's URL, resolved
/// against the request's URL when relative.
enum LinkHeader {
    static func next(_ header: String?, relativeTo base: URL) -> URL? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">"),
                pieces.dropFirst().contains(where: {
                    $0.replacingOccurrences(of: " ", with: "").lowercased() == "rel=\"next\"" || $0.lowercased() == "rel=next"
                })
            else { continue }
            return URL(string: String(target.dropFirst().dropLast()), relativeTo: base)?.absoluteURL
        }
        return nil
    }
}
