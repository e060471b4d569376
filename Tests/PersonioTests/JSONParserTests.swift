import Foundation
import HRSyncSpecSupport
import Testing

@testable import Personio

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Data(text.utf8)) }

    @Test func scalarsAndContainers() throws {
        #expect(
            try parse(#"{"a": [1, -2.5, 3e2, true, false, null, "x"], "b": {}}"#)
                == .object(["a": .array([.int(1), .double(-2.5), .double(300), .bool(true), .bool(false), .null, .string("x")]), "b": .object([:])]))
        #expect(try parse(" [ ] ") == .array([]))
        #expect(try parse("12345678901") == .int(12_345_678_901))
        #expect(try parse("7042.42") == .double(7042.42))
    }

    @Test func escapesAndUnicode() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(try parse(#""Müller Łukasik 山田""#) == .string("Müller Łukasik 山田"))
        #expect(try parse(#""\u001b[31m""#) == .string("\u{1B}[31m"))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2", "{\"a\":1,}", "\"tab\there\"", "-", "nul"])
    func malformedInputIsRejected(text: String) {
        #expect(throws: JSONParser.Failure.self) { try parse(text) }
    }

    @Test func agreesWithJSONSerializationOnEveryOwnFixture() throws {
        try agreeOnEveryFile(in: VendorSpecs.fixture("personio"))
    }

    @Test(.enabled(if: VendorSpecs.available != nil, Comment(rawValue: VendorSpecs.skipReason)))
    func agreesWithJSONSerializationOnEveryVendorFixture() throws {
        try agreeOnEveryFile(in: VendorSpecs.file("personio/fixtures"))
    }

    func agreeOnEveryFile(in folder: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(!files.isEmpty)
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(try JSONParser.parse(data) == JSONValue(foundation: try JSONSerialization.jsonObject(with: data)), "\(file)")
        }
    }
}

extension JSONValue {
    /// The reference reading, through Foundation, for comparison only.
    init(foundation value: Any) {
        switch value {
        case let s as String: self = .string(s)
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c": self = .bool(n.boolValue)
            case "d", "f": self = .double(n.doubleValue)
            default: self = .int(n.intValue)
            }
        case let a as [Any]: self = .array(a.map(JSONValue.init(foundation:)))
        case let o as [String: Any]: self = .object(o.mapValues(JSONValue.init(foundation:)))
        default: self = .null
        }
    }
}
