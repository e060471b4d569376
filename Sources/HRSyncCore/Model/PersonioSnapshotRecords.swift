import Foundation

/// Employees as snapshot records (key: Personio id, value: canonical JSON) and back.
public enum PersonioSnapshotRecords {
    public static let kind = "personio"

    public static func encode(_ employees: [Employee]) throws -> [String: Data] {
        var records: [String: Data] = [:]
        records.reserveCapacity(employees.count)
        for employee in employees { records[String(employee.id)] = try CanonicalJSON.encode(employee) }
        return records
    }

    /// Records that do not decode are reported by key, never silently dropped.
    public static func decode(_ records: [String: Data]) throws -> [Int: Employee] {
        let decoder = JSONDecoder()
        var employees: [Int: Employee] = [:]
        employees.reserveCapacity(records.count)
        for (key, data) in records {
            do {
                let employee = try decoder.decode(Employee.self, from: data)
                employees[employee.id] = employee
            } catch {
                throw UnreadableRecord(key: key)
            }
        }
        return employees
    }

    public struct UnreadableRecord: Error, LocalizedError {
        public var key: String
        public var errorDescription: String? { "snapshot record \(key) is not a readable employee" }
    }
}
