import Foundation
import HRSyncCore
import HRSyncSpecSupport
import Testing

/// A user field's name on the wire is the vendor's: every `LMSField.wireName` is a property of the
/// create and the update body in 360Learning's own OpenAPI file (the plan's key is ours).
@Suite(.enabled(if: VendorSpecs.available != nil, Comment(rawValue: VendorSpecs.skipReason)))
struct WireNameTests {
    @Test(arguments: ["InputUserDTO", "UpdateUserDTO"])
    func everyFieldIsNamedAsTheVendorNamesIt(schema: String) throws {
        let spec = try OpenAPISpec(path: VendorSpecs.file("360learning/360learning-core-api.json").path)
        let properties = try #require(spec.resolve(spec.schema(named: schema))?["properties"] as? [String: Any])
        for field in LMSField.allCases {
            #expect(properties[field.wireName] != nil, "\(field.wireName) is not a property of \(schema): \(properties.keys.sorted())")
        }
    }
}
