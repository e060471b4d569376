// Snapshot manifests as read from the state directory (SnapshotManifest.decode). A manifest
// that decodes must give the same entries after the store's own encoding (the key-prefix and
// run columns), or a rewritten snapshot would point at other records; and the entries JSONDecoder
// reads alone (the decode scans the entry columns itself).
import Foundation
@testable import HRSyncStore
import HRSyncCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let manifest = try? SnapshotManifest.decode(Data(bytes: start, count: count)) else { return 0 }
    let whole = try? CanonicalJSON.decode(SnapshotManifest.self, from: Data(bytes: start, count: count))
    precondition(whole?.entries == manifest.entries && whole?.count == manifest.count, "the scanned columns differ from JSONDecoder's")
    let again = try! SnapshotManifest.decode(try! manifest.encoded())
    precondition(again.entries == manifest.entries && again.removed == manifest.removed && again.packs == manifest.packs,
                 "a decoded manifest changed through encode and decode")
    return 0
}
