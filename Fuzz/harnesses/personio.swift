// Personio answers: the JSON parser, then every item of `data` through the employee parser,
// the way PersonioClient.employeesPage reads a page. Compiled together with
// Sources/Personio/{JSONParser,JSONValue,EmployeeParser}.swift (PersonioClient itself pulls in
// the HTTP stack, which has nothing to parse).
import Foundation
import HRSyncCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let envelope = try? JSONValue.parse(Data(bytes: start, count: count)) else { return 0 }
    _ = envelope["metadata"]?["total_elements"]?.int
    guard case .array(let items)? = envelope["data"] else { return 0 }
    // With and without attribute types from /attributes: untyped values take another path.
    let typed = EmployeeParser(knownTypes: ["hire_date": "date", "dynamic_900001": "tags", "dynamic_900002": "tags"], keep: nil)
    let kept = EmployeeParser(knownTypes: [:], keep: ["first_name", "email", "supervisor", "hire_date"])
    for item in items {
        _ = typed.parse(item)
        _ = kept.parse(item)
    }
    return 0
}
