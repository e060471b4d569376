import Foundation
import HRSyncCore
import HRSyncStore
import HRSyncTestSupport
import Testing

/// An all-digit argument to `diff` may be a snapshot id prefix or a Personio id (a CI run drew a
/// snapshot whose id began with 12 digits and `diff` took it for a person).
@Suite struct DiffDigitsTests {
    static func employee(_ id: Int, position: String) -> Employee {
        Employee(
            id: id,
            attributes: [
                "first_name": .text("P\(id)"), "last_name": .text("L"), "email": .text("p\(id)@acme.example"),
                "position": .text(position), "status": .text("active")
            ])
    }

    @Test func anAllDigitSnapshotPrefixIsARevisionUnlessSomeoneHasThatID() async throws {
        let scratch = try Scratch()
        let runner = try await EndToEnd.configure(scratch, personio: URL(string: "http://127.0.0.1:9")!)
        let state = try StateDirectory.open(at: scratch.url.appendingPathComponent("state").path)
        // Snapshots until one's id starts with 7 decimal digits (about 1 in 27).
        var parent: ObjectID?
        var digits: (prefix: String, round: Int)?
        for round in 0..<2000 where digits == nil {
            let records = try PersonioSnapshotRecords.encode([Self.employee(1, position: "Role \(round)")])
            let id = try state.snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: records), parent: parent)
            try state.refs.set(Refs.personio, to: id)
            parent = id
            let prefix = String(id.hex.prefix(7))
            if round > 0, prefix.allSatisfy(\.isNumber) { digits = (prefix, round) }
        }
        let (prefix, round) = try #require(digits, "no snapshot id began with 7 digits in 2000 tries")
        // The latest snapshot is the digits one; compared with the one before, one position changed.
        let diff = try await runner.run("diff", "personio~1", prefix)
        #expect(diff.status == 0 && diff.stdout.contains("Role \(round)"), "\(diff.stdout)\(diff.stderr)")
        let alone = try await runner.run("diff", prefix)
        #expect(alone.status == 0 && alone.stderr.contains("no differences"), "the latest against itself: \(alone.stderr)")

        // Someone with that Personio id: ambiguous, said so, and both meanings stay reachable.
        let holder = Int(prefix)!
        let records = try PersonioSnapshotRecords.encode([Self.employee(1, position: "Role x"), Self.employee(holder, position: "Clerk")])
        let latest = try state.snapshots.write(Snapshot(kind: "personio", takenAt: Date(), records: records), parent: parent)
        try state.refs.set(Refs.personio, to: latest)
        let ambiguous = try await runner.run("diff", prefix)
        #expect(ambiguous.status != 0 && ambiguous.stderr.contains("both a snapshot id prefix and a Personio id"), "\(ambiguous.stderr)")
        let person = try await runner.run("diff", "personio~1", "personio", prefix)
        #expect(person.status == 0 && person.stdout.contains("Clerk"), "\(person.stdout)\(person.stderr)")
    }
}
