import Foundation
import HRSyncCore

/// What `forget` did (or, in a dry run, would do), and what it leaves to the admin.
public struct ForgetReport: Sendable {
    /// Nothing was written: the counts are what a run would rewrite.
    public var dryRun: Bool
    /// `forgotten:<12 hex>`: what the log says instead of the person.
    public var tombstone: String
    /// Whether any stored snapshot held the person.
    public var found = false
    /// Snapshots written again without them, partial ones included.
    public var snapshots = 0
    /// Plans written again without their actions and notes, or naming rewritten snapshots.
    public var plans = 0
    /// Apply records written again without their results, or naming rewritten plans.
    public var applies = 0
    /// Unfinished applies' journals written again without their lines.
    public var journals = 0
    /// Log entries that named them (and torn lines, dropped whole).
    public var logEntries = 0
    /// Old objects the final sweep deleted; 0 in a dry run.
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
    /// A dry run takes the same path with its new objects in a scratch folder (removed after):
    /// rewritten snapshots get new ids there, so the plans, apply records and journals naming
    /// them are counted as the real run rewrites them. Only the commit (pending file, log,
    /// journals, map, refs, sweep) is left out.
    public func forget(_ person: String, dryRun: Bool, now: Date = Date(), hooks: RetentionHooks = .init()) throws -> ForgetReport {
        guard dryRun, objects.scratch == nil else { return try erase(person, dryRun: dryRun, now: now, hooks: hooks) }
        return try objects.withScratch { scratch in
            var state = self
            state.objects = scratch
            return try state.erase(person, dryRun: true, now: now, hooks: RetentionHooks())
        }
    }

    private func erase(_ person: String, dryRun: Bool, now: Date, hooks: RetentionHooks) throws -> ForgetReport {
        var counter = 0
        let step = {
            counter += 1; try hooks.step(counter)
        }
        // A run killed before it finished left its tombstone: the rerun writes the same objects.
        let resumed = FileSystem.exists(pendingPath)
        var who = ErasedPerson(tombstone: try pendingTombstone(for: person, dryRun: dryRun))
        var report = ForgetReport(dryRun: dryRun, tombstone: who.tombstone)
        let sides = [(Refs.personio, PersonioSnapshotRecords.kind), (Refs.learning360, LMSSnapshotRecords.kind)]

        // Who they are, from every snapshot of both sides (Personio first: mappings need its ids),
        // newest first: found by today's email, their id then finds the emails and names they had.
        for (side, kind) in sides {
            guard let head = try refs.get(side) else { continue }
            for info in try snapshots.history(from: head) {
                who.learn(from: try snapshots.read(info.id).records, kind: kind)
            }
        }
        var history = try history()
        let partial = partialSnapshots(history.entries)
        for kind in [PersonioSnapshotRecords.kind, LMSSnapshotRecords.kind] {
            for id in partial where (try? snapshots.info(id))?.kind == kind { who.learn(from: try snapshots.read(id).records, kind: kind) }
        }
        // A run killed after the refs moved left the old snapshots (until its sweep): they still
        // say who the person was, so the rerun finishes the same erasure.
        for (old, fate) in history.rewrites.entries {
            guard case .rewritten = fate, objects.contains(old), let info = try? snapshots.info(old) else { continue }
            who.learn(from: try snapshots.read(old).records, kind: info.kind)
        }
        try who.resolve(person)
        guard !who.isEmpty else {
            // Nobody by that id or email: nothing is rewritten (a typo must not touch the log). A
            // run killed in its final sweep left nothing to learn from: the sweep is finished.
            if !dryRun {
                if resumed { _ = try collect(policy: KeepPolicy(withinDays: 1_000_000), dryRun: false, now: now, hooks: RetentionHooks(), logged: false) }
                unlink(pendingPath)
            }
            return report
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
            let rewrite = try rewriteHistory(
                from: head, keep: { _ in true }, transform: { try who.scrub(&$0, kind: kind) },
                write: true, step: step)
            heads[side] = rewrite
            report.snapshots += rewrite.rewritten.count
            for (old, new) in rewrite.rewritten { history.record(old, .rewritten(to: new, on: now)) }
        }
        // A targeted run's partial snapshots (on no chain) are rewritten one by one.
        for id in partial {
            var snapshot = try snapshots.read(id)
            guard try who.scrub(&snapshot.records, kind: snapshot.kind) else { continue }
            report.snapshots += 1
            history.record(id, .rewritten(to: try snapshots.write(snapshot, parent: nil), on: now))
            try step()
        }
        report.found = report.snapshots > 0

        // Plans and apply records: without the person, naming the rewritten snapshots and plans.
        // Nothing is committed before the map (below): an object that cannot be read stops the
        // run with the store as it was (the new objects are unreferenced and go with the next gc).
        // Ids resolve through the map as this run extends it: a plan logged twice is one object,
        // rewritten once.
        var planIDs: [ObjectID: ObjectID] = [:]
        do {
            let events = history.events
            var outcomes: [String: [String: Int]] = [:]
            for event in events where event.kind == .plan {
                guard let id = history.entry(for: event).written, objects.contains(id) else { continue }
                // What cannot be read cannot be erased: refuse rather than leave it behind unscrubbed.
                guard var plan = try? CanonicalJSON.decode(Plan.self, from: objects.get(id, as: .plan)) else {
                    throw ForgetFailure.unreadable(id.hex, what: "plan")
                }
                if let scrubbed = who.scrub(plan) { plan = scrubbed.plan }
                for (old, keyPath) in [(plan.personioSnapshot, \Plan.personioSnapshot), (plan.learning360Snapshot, \Plan.learning360Snapshot)] {
                    if let oldID = ObjectID(hex: old), let new = history.currentID(of: oldID) { plan[keyPath: keyPath] = new.hex }
                }
                let payload = try CanonicalJSON.encode(plan)
                guard ObjectStore.id(of: .plan, payload) != id else { continue }
                report.plans += 1
                let new = try objects.put(.plan, payload)
                try step()
                planIDs[id] = new
                history.record(id, .rewritten(to: new, on: now))
            }
            for event in events where event.kind == .apply {
                for written in event.writes {
                    guard let id = history.currentID(of: written), objects.contains(id) else { continue }
                    guard let record = try? CanonicalJSON.decode(ApplyRecord.self, from: objects.get(id, as: .apply)) else {
                        throw ForgetFailure.unreadable(id.hex, what: "apply record")
                    }
                    let planHex = ObjectID(hex: record.plan).flatMap { planIDs[$0] }?.hex ?? record.plan
                    let scrubbed = who.scrub(record, plan: planHex)
                    if event.outcome != nil { outcomes[event.id] = Dictionary(uniqueKeysWithValues: scrubbed.outcome.map { ($0.key.rawValue, $0.value) }) }
                    let payload = try CanonicalJSON.encode(scrubbed)
                    guard ObjectStore.id(of: .apply, payload) != id else { continue }
                    report.applies += 1
                    history.record(id, .rewritten(to: try objects.put(.apply, payload), on: now))
                    try step()
                }
            }
            report.journals = try rewriteJournals(who, history: history, write: !dryRun)
            report.logEntries = try scrubLog(who, outcomes: outcomes, write: !dryRun)
        } catch let failure as ForgetFailure {
            if !dryRun { unlink(pendingPath) }
            throw failure
        }
        guard !dryRun else { return report }
        try step()

        // The old ids stay meaningful (ids only), then the refs move, then the old bytes go.
        try commit(history.rewrites, heads: heads, step: step)
        // Journals under a plan id the map says was rewritten (this run's, or a killed run's).
        for plan in journalPlans() where history.currentID(of: plan).map({ $0 != plan }) ?? false { Journal(plan: plan, in: self).remove() }
        // Keep everything the policy could name: only what the rewrite left behind goes.
        let base = counter  // the sweep's steps continue the numbering
        let sweep = try collect(
            policy: KeepPolicy(withinDays: 1_000_000), dryRun: false, now: now,
            hooks: RetentionHooks { try hooks.step(base + $0) }, logged: false)
        report.removedObjects = sweep.removedObjects
        try log.append(
            Event(
                kind: .forget, time: now, user: Self.user, host: ProcessInfo.processInfo.hostName,
                command: "hrsync forget \(who.tombstone)", summary: report.summary, people: [who.tombstone]))
        unlink(pendingPath)
        return report
    }

    /// An unfinished apply's journal under its plan's current id (this run's rewrite, or an
    /// earlier killed run's): their lines gone, references to them tombstones, and each line
    /// pointing at its action in the plan as it is now (found by the action itself, so a rerun
    /// re-indexes nothing twice). A bulk operation's line stays; a torn line goes (it was never
    /// read); any other line is refused rather than kept unscrubbed.
    private func rewriteJournals(_ who: ErasedPerson, history: History, write: Bool) throws -> Int {
        var count = 0
        for plan in journalPlans() {
            let target = history.currentID(of: plan) ?? plan
            guard let current = try? CanonicalJSON.decode(Plan.self, from: objects.get(target, as: .plan)) else { continue }
            let lines = try Journal(plan: plan, in: self).entries()
            var output: [Data] = [], used = Set<Int>()
            for line in lines {
                switch JournalLine(line) {
                case .bulk?:
                    output.append(line)
                case .action(let entry)?:
                    guard let result = who.scrub(entry.result),
                        let index = current.actions.indices.first(where: { !used.contains($0) && current.actions[$0] == result.action })
                    else { continue }
                    used.insert(index)
                    output.append(try JournalLine.action(.init(index: index, result: result)).encoded())
                case nil:
                    guard JournalLine.isTorn(line) else { throw ForgetFailure.unreadable(plan.hex, what: "journal line") }
                }
            }
            guard output != lines || target != plan else { continue }
            count += 1
            if write { try Journal(plan: target, in: self).write(output) }
        }
        return count
    }

    /// The log with the person replaced by the tombstone in every entry (and in any torn line);
    /// entries keep their ids and the ids they name (the map says where those went).
    private func scrubLog(_ who: ErasedPerson, outcomes: [String: [String: Int]], write: Bool) throws -> Int {
        guard FileSystem.exists(log.path) else { return 0 }
        var count = 0, output = Data()
        for line in try FileSystem.read(log.path).split(separator: 0x0A) {
            var bytes = Data(line)
            if var event = try? Event.decoder.decode(Event.self, from: bytes) {
                let before = event
                let namesThem = event.people.contains { Int($0).map(who.personioIDs.contains) == true }
                event.people = who.scrub(people: event.people)
                event.summary = who.scrub(summary: event.summary, namesThem: namesThem)
                event.command = who.scrub(words: event.command, namesThem: namesThem)
                if let outcome = outcomes[event.id] { event.outcome = outcome }
                if event != before {
                    count += 1
                    // A new id: the old one hashed the entry with them in it, so it could be
                    // matched against a guess of who they were. The old id is mixed in (and kept
                    // nowhere), so two entries that read alike now still differ.
                    event.id = ObjectID(hashing: [Data(Event.identity(of: event).utf8), Data(event.id.utf8)]).hex
                    bytes = try CanonicalJSON.encode(event)
                }
            } else {
                // A torn line cannot be read by type: it goes whole if it names them at all.
                let text = String(decoding: bytes, as: UTF8.self)
                if who.scrub(words: text, namesThem: true) != text || who.personioIDs.contains(where: { text.contains("\"\($0)\"") }) {
                    count += 1; bytes = Data()
                }
            }
            guard !bytes.isEmpty else { continue }
            output.append(bytes)
            output.append(0x0A)
        }
        if write && count > 0 { try FileSystem.writeAtomically(output, to: log.path) }
        return count
    }

    var pendingPath: String { "\(path)/forget-pending" }

    /// The tombstone of an interrupted forget of the same PERSON, or a new one, recorded before
    /// the first write (as a hash of PERSON: the file names nobody). Removed when forget ends.
    func pendingTombstone(for person: String, dryRun: Bool) throws -> String {
        let key = ObjectID.sha256(of: Data((PersonQuery(person)?.key ?? "").utf8)).hex
        if FileSystem.exists(pendingPath), let text = String(data: try FileSystem.read(pendingPath), encoding: .utf8) {
            let parts = text.split(separator: " ").map(String.init)
            if parts.count == 2, parts[0] == key, parts[1].hasPrefix("forgotten:") { return parts[1] }
            if !dryRun { throw ForgetFailure.interrupted }
        }
        let tombstone = "forgotten:" + randomHex(12)
        if !dryRun { try FileSystem.writeAtomically(Data("\(key) \(tombstone)".utf8), to: pendingPath) }
        return tombstone
    }

    private func randomHex(_ digits: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<digits).map { _ in "0123456789abcdef".randomElement(using: &generator)! })
    }
}

/// Why `forget` stopped before committing anything: an object it cannot scrub, or another person's forget to finish first.
public enum ForgetFailure: Error, LocalizedError, Equatable {
    /// The object (its id) that does not decode, and what it is: a plan, an apply record, a journal line.
    case unreadable(String, what: String)
    /// A killed forget of another person is pending (`forget-pending`): finish that one first.
    case interrupted

    /// What stopped it and what to run next.
    public var errorDescription: String? {
        switch self {
        case .unreadable(let id, let what):
            "the \(what) \(String(id.prefix(12))) cannot be read, so forget cannot erase the person from it: nothing was rewritten; run 'hrsync fsck'"
        case .interrupted:
            "an earlier 'hrsync forget' of another person was interrupted: run it again with the same PERSON first (the state directory's forget-pending names it only by a hash)"
        }
    }
}

extension ForgetReport {
    /// One line for the log and the command's last line.
    public var summary: String {
        let verb = dryRun ? "would rewrite" : "rewrote"
        return
            "forget \(tombstone): \(verb) \(Plural.count(snapshots, "snapshot")), \(Plural.count(plans, "plan")), \(Plural.count(applies, "apply record")), \(Plural.count(journals, "journal")), \(Plural.count(logEntries, "log entry", "log entries"))"
            + (dryRun ? "" : "; removed \(Plural.count(removedObjects, "old object"))")
    }
}
