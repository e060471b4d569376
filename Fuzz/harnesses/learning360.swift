// 360Learning answers: every list and object the client decodes (Learning360Client.expect uses a
// plain JSONDecoder into these DTOs), the error body parser, and the `Link` header that drives
// paging. Compiled with Sources/Learning360/{Learning360Wire,Learning360Error,LinkHeader}.swift;
// the client itself needs the HTTP stack and parses nothing else.
import Foundation

private let page = URL(string: "https://app.360learning.com/api/v2/users?company=1")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let decoder = JSONDecoder()
    _ = try? decoder.decode([LMSUserDTO].self, from: data)
    _ = try? decoder.decode(LMSUserDTO.self, from: data)
    _ = try? decoder.decode([ExternalIDDTO].self, from: data)
    _ = try? decoder.decode([CustomFieldDTO].self, from: data)
    _ = try? decoder.decode([CustomValueDTO].self, from: data)
    _ = try? decoder.decode([GroupDTO].self, from: data)
    _ = try? decoder.decode([MembershipDTO].self, from: data)
    _ = Learning360Error.parse(data)
    _ = LinkHeader.next(String(decoding: data, as: UTF8.self), relativeTo: page)
    return 0
}
