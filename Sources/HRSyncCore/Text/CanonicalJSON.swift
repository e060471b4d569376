import Foundation

/// One encoding for everything hrsync hashes or stores (plans, apply records, manifests, log
/// lines, journal entries): sorted keys, no escaped slashes, ISO 8601 dates, so identical data
/// always gives identical bytes (and the same object id). Characters that a terminal or an editor
/// would act on (DEL, C1 controls, bidi overrides; JSONEncoder itself escapes only C0) are written
/// as `\u` escapes, so a stored document shown raw cannot repaint a screen or reorder text.
public enum CanonicalJSON {
    /// The canonical bytes of `value`: what is hashed and stored. Throws what `JSONEncoder` throws.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        escapingUnsafeCharacters(try encoder(pretty: false).encode(value))
    }

    /// The same document, indented for people (`--json` output).
    public static func encodePretty<T: Encodable>(_ value: T, userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> Data {
        let encoder = encoder(pretty: true)
        encoder.userInfo = userInfo
        return escapingUnsafeCharacters(try encoder.encode(value))
    }

    /// Reads any JSON of `type` (canonical or not), dates as ISO 8601; throws `DecodingError`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: data)
    }

    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// DEL, C1 controls and bidi marks/overrides as `\uXXXX`. They can only stand inside JSON
    /// strings (the structure is ASCII), where the escape means the same character.
    public static func escapingUnsafeCharacters(_ json: Data) -> Data {
        // Fast path: every unsafe character is DEL or starts with a byte ≥ 0xC2.
        guard json.contains(where: { $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return json }
        var out = Data()
        out.reserveCapacity(json.count + 16)
        for scalar in String(decoding: json, as: UTF8.self).unicodeScalars {
            if UnsafeScalars.isInvisibleOrReordering(scalar) {
                out.append(contentsOf: Array(String(format: "\\u%04x", scalar.value).utf8))
            } else {
                out.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        return out
    }
}
