import Foundation

/// Employees as snapshot records (key: Personio id, value: canonical JSON) and back.
public enum PersonioSnapshotRecords {
    /// The snapshot kind of Personio snapshots.
    public static let kind = "personio"

    /// One canonical-JSON record per employee, keyed by Personio id.
    public static func encode(_ employees: [Employee]) throws -> [String: Data] {
        var records: [String: Data] = [:]
        records.reserveCapacity(employees.count)
        for employee in employees { records[String(employee.id)] = try CanonicalJSON.encode(employee) }
        return records
    }

    /// Records that do not decode are reported by key, never silently dropped.
    public static func decode(_ records: [String: Data]) throws -> [Int: Employee] {
        try decode(count: records.count) { body in for (key, record) in records { try body(key, record) } }
    }

    /// The employees from records handed over one by one (`OpenSnapshot.forEach`), each key
    /// once; `count`, when known, sizes the dictionary once.
    public static func decode(count: Int = 0, each records: RecordSource) throws -> [Int: Employee] {
        let decoder = JSONDecoder()
        var employees: [Int: Employee] = [:]
        employees.reserveCapacity(count)
        var attributes = 0  // the employee before's count: most employees carry the same attributes
        try records { key, data in
            do {
                // The scanner reads what hrsync writes, fast; anything else is JSONDecoder's.
                let employee = try Employee.scanned(data, attributes: attributes) ?? decoder.decode(Employee.self, from: data)
                attributes = employee.attributes.count
                employees[employee.id] = employee
            } catch {
                throw UnreadableRecord(key: key)
            }
        }
        return employees
    }

    /// A snapshot record that does not decode; also thrown by `LMSSnapshotRecords.decode`.
    public struct UnreadableRecord: Error, LocalizedError {
        /// The record's key, e.g. `1234` or `user:<id>`.
        public var key: String
        /// Names the record by key, never its content.
        public var errorDescription: String? { "snapshot record \(key) is not a readable employee" }
    }
}
