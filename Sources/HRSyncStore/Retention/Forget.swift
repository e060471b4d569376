import Foundation
import HRSyncCore

/// What `forget` did (or, in a dry run, would do), and what it leaves to the admin.
public struct ForgetReport: Sendable {
    public var dryRun: Bool
    public var tombstone: String
    /// Whether any stored snapshot held the person.
    public var found = false
    public var snapshots = 0
    public var plans = 0
    public var applies = 0
    public var journals = 0
    public var logEntries = 0
    public var removedObjects = 0
    /// In the latest Personio snapshot: the next pull brings them back.
    public var inLatestPersonio = false
    /// Their 360Learning users in the latest 360Learning snapshot (id, status): still on the platform.
    public var platformUsers: [(id: String, status: String)] = []
}

extension StateDirectory {
    /// Erases PERSON (a Personio id or an email) from every snapshot, plan, apply record, journal
    /// and log line. Rewritten objects get new ids, recorded in `rewrites` (ids only); refs and
    /// the plans and records that named old ids are rewritten to match; the old objects are then
    /// deleted by a full sweep. Order, for a run killed anywhere: new objects, the log (tombstones),
    /// the map, the refs, the journals, deletions; run again, it finishes. The caller holds the lock.
    public func forget(_ person: String, dryRun: Bool, now: Date = Date(), hooks: RetentionHooks = .init()) throws -> ForgetReport {
        var counter = 0
        let step = { counter += 1; try hooks.step(counter) }
        var who = ErasedPerson(tombstone: "forgotten:" + randomHex(12))
        var report = ForgetReport(dryRun: dryRun, tombstone: who.tombstone)
        let sides = [(Refs.personio, PersonioSnapshotRecords.kind), (Refs.learning360, LMSSnapshotRecords.kind)]

        // Who they are, from every snapshot of both sides (Personio first: mappings need its ids),
        // newest first: found by today's email, their id then finds the emails and names they had.
        for (side, kind) in sides {
            guard let head = try refs.get(side) else { continue }
            for info in try snapshots.history(from: head) {
                who.learn(from: try snapshots.read(info.id).records, kind: kind, person: person)
            }
        }
        var map = try rewrites()
        let partial = partialSnapshots(try log.read().events, map)
        for kind in [PersonioSnapshotRecords.kind, LMSSnapshotRecords.kind] {
            for id in partial where (try? snapshots.info(id))?.kind == kind { who.learn(from: try snapshots.read(id).records, kind: kind, person: person) }
        }
        if let head = try refs.get(Refs.personio) {
            report.inLatestPersonio = who.personioIDs.contains { (try? snapshots.read(head).records[String($0)]) != nil }
        }
        if let head = try refs.get(Refs.learning360) {
            let users = try LMSSnapshotRecords.decode(try snapshots.read(head).records).users
            report.platformUsers = who.userIDs.sorted().compactMap { id in users[id].map { (id, $0.status) } }
        }

        var heads: [String: HistoryRewrite] = [:]
        for (side, kind) in sides {
            guard let head = try refs.get(side) else { continue }
            let rewrite = try rewriteHistory(from: head, keep: { _ in true }, transform: { try who.scrub(&$0, kind: kind) },
                                             write: !dryRun, step: step)
            heads[side] = rewrite
            report.snapshots += rewrite.rewritten.count
            for (old, new) in rewrite.rewritten { map.record(old, .rewritten(to: new, on: now)) }
        }
        // A targeted run's partial snapshots (on no chain) are rewritten one by one.
        for id in partial {
            var snapshot = try snapshots.read(id)
            guard try who.scrub(&snapshot.records, kind: snapshot.kind) else { continue }
            report.snapshots += 1
            if !dryRun {
                map.record(id, .rewritten(to: try snapshots.write(snapshot, parent: nil), on: now))
                try step()
            }
        }
        report.found = report.snapshots > 0

        // Plans and apply records: without the person, naming the rewritten snapshots and plans.
        let events = try log.read().events
        var planIDs: [ObjectID: ObjectID] = [:], keptActions: [ObjectID: [Int: Int]] = [:]
        for event in events where event.kind == .plan {
            guard let written = event.writes.first, let id = map.current(written), objects.contains(id),
                  var plan = try? CanonicalJSON.decode(Plan.self, from: objects.get(id, as: .plan)) else { continue }
            if let scrubbed = who.scrub(plan) {
                plan = scrubbed.plan
                keptActions[id] = scrubbed.kept
            }
            for (old, keyPath) in [(plan.personioSnapshot, \Plan.personioSnapshot), (plan.learning360Snapshot, \Plan.learning360Snapshot)] {
                if let oldID = ObjectID(hex: old), let new = map.current(oldID) { plan[keyPath: keyPath] = new.hex }
            }
            let payload = try CanonicalJSON.encode(plan)
            guard ObjectStore.id(of: .plan, payload) != id else { continue }
            report.plans += 1
            let new = dryRun ? id : try objects.put(.plan, payload)
            if !dryRun { try step() }
            planIDs[id] = new
            map.record(id, .rewritten(to: new, on: now))
        }
        for event in events where event.kind == .apply {
            for written in event.writes {
                guard let id = map.current(written), objects.contains(id),
                      let record = try? CanonicalJSON.decode(ApplyRecord.self, from: objects.get(id, as: .apply)) else { continue }
                let planHex = ObjectID(hex: record.plan).flatMap { planIDs[$0] }?.hex ?? record.plan
                let payload = try CanonicalJSON.encode(who.scrub(record, plan: planHex))
                guard ObjectStore.id(of: .apply, payload) != id else { continue }
                report.applies += 1
                if !dryRun {
                    map.record(id, .rewritten(to: try objects.put(.apply, payload), on: now))
                    try step()
                }
            }
        }
        report.journals = try rewriteJournals(who, planIDs: planIDs, keptActions: keptActions, write: !dryRun)
        report.logEntries = try scrubLog(who, write: !dryRun)
        guard !dryRun else { return report }
        try step()

        // The old ids stay meaningful (ids only), then the refs move, then the old bytes go.
        try commit(map, heads: heads, step: step)
        for old in planIDs.keys where FileSystem.exists(journalPath(old)) { unlink(journalPath(old)) }
        // Keep everything the policy could name: only what the rewrite left behind goes.
        let base = counter   // the sweep's steps continue the numbering
        let sweep = try collect(policy: KeepPolicy(withinDays: 1_000_000), dryRun: false, now: now,
                                hooks: RetentionHooks { try hooks.step(base + $0) }, logged: false)
        report.removedObjects = sweep.removedObjects
        try log.append(Event(kind: .forget, time: now, user: Self.user, host: ProcessInfo.processInfo.hostName,
                             command: "hrsync forget \(who.tombstone)", summary: report.summary, people: [who.tombstone]))
        return report
    }

    func journalPath(_ plan: ObjectID) -> String { "\(path)/journal/\(plan.hex)" }

    /// An unfinished apply's journal under its plan's new id: their lines gone, the others'
    /// indices those of the rewritten plan, references to them tombstones. A line that is not an
    /// action's (a bulk operation's id) stays as it is; a torn one goes (it was never read).
    private func rewriteJournals(_ who: ErasedPerson, planIDs: [ObjectID: ObjectID], keptActions: [ObjectID: [Int: Int]], write: Bool) throws -> Int {
        var count = 0
        for plan in journalPlans() {
            let lines = try FileSystem.read(journalPath(plan)).split(separator: 0x0A).map { Data($0) }
            var output: [Data] = []
            for line in lines {
                guard var entry = try? CanonicalJSON.decode(Journal.Line.self, from: line) else {
                    if (try? JSONSerialization.jsonObject(with: line)) != nil { output.append(line) }
                    continue
                }
                let index = keptActions[plan] == nil ? entry.index : keptActions[plan]?[entry.index]
                guard let result = who.scrub(entry.result), let index else { continue }
                entry.result = result
                entry.index = index
                output.append(try CanonicalJSON.encode(entry))
            }
            let target = planIDs[plan] ?? plan
            guard output != lines || target != plan else { continue }
            count += 1
            if write { try FileSystem.writeAtomically(Data(output.map { $0 + Data([0x0A]) }.joined()), to: journalPath(target)) }
        }
        return count
    }

    /// The log with the person replaced by the tombstone in every entry (and in any torn line);
    /// entries keep their ids and the ids they name (the map says where those went).
    private func scrubLog(_ who: ErasedPerson, write: Bool) throws -> Int {
        guard FileSystem.exists(log.path) else { return 0 }
        var count = 0, output = Data()
        for line in try FileSystem.read(log.path).split(separator: 0x0A) {
            var bytes = Data(line)
            if var event = try? Event.decoder.decode(Event.self, from: bytes) {
                let before = event
                event.people = who.scrub(people: event.people)
                event.summary = who.scrub(words: event.summary)
                event.command = who.scrub(words: event.command)
                if event != before {
                    count += 1
                    bytes = try CanonicalJSON.encode(event)
                }
            } else {
                // A torn line cannot be read by type: it goes whole if it names them at all.
                let text = String(decoding: bytes, as: UTF8.self)
                if who.scrub(words: text) != text { count += 1; bytes = Data() }
            }
            guard !bytes.isEmpty else { continue }
            output.append(bytes)
            output.append(0x0A)
        }
        if write && count > 0 { try FileSystem.writeAtomically(output, to: log.path) }
        return count
    }

    private func randomHex(_ digits: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<digits).map { _ in "0123456789abcdef".randomElement(using: &generator)! })
    }
}

extension ForgetReport {
    public var summary: String {
        let verb = dryRun ? "would rewrite" : "rewrote"
        return "forget \(tombstone): \(verb) \(snapshots) snapshot(s), \(plans) plan(s), \(applies) apply record(s), \(journals) journal(s), \(logEntries) log entr\(logEntries == 1 ? "y" : "ies")"
            + (dryRun ? "" : "; removed \(removedObjects) old object(s)")
    }
}
