import Foundation

/// The sandbox's own JSON: a value tree and a fast writer with sorted keys. Independent of the
/// clients' parsing (and faster than JSONSerialization, which dominated a 10,000-employee pull).
public indirect enum SandboxJSON: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string, escaped as JSON requires (control characters other than `\n`, `\r`, `\t` as `\u00xx`).
    case string(String)
    /// A whole number.
    case int(Int)
    /// A number; a whole value is written without a fraction (`4200.0` as `4200`).
    case double(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`, also what a `nil` literal gives.
    case null
    /// An array, in order.
    case array([SandboxJSON])
    /// An object; its keys are written sorted, so equal values give equal bytes.
    case object([String: SandboxJSON])

    /// Lets a string literal stand for ``string(_:)``.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Lets an integer literal stand for ``int(_:)``.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// Lets `true` or `false` stand for ``bool(_:)``.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Lets an array literal stand for ``array(_:)``.
    public init(arrayLiteral elements: SandboxJSON...) { self = .array(elements) }
    /// Lets a dictionary literal stand for ``object(_:)``; of a repeated key the last value wins.
    public init(dictionaryLiteral elements: (String, SandboxJSON)...) { self = .object(Dictionary(elements) { _, last in last }) }
    /// Lets `nil` stand for ``null``.
    public init(nilLiteral: ()) { self = .null }

    /// `.string(text)`, or `.null` when `text` is nil (Personio's empty optional attributes).
    public static func optional(_ text: String?) -> SandboxJSON { text.map(SandboxJSON.string) ?? .null }

    /// The value as compact UTF-8 JSON with sorted keys, ready for a response body.
    public var data: Data {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out)
        return Data(out)
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .string(let s): Self.writeString(s, into: &out)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20: out.append(contentsOf: Array(String(format: "\\u%04x", byte).utf8))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
