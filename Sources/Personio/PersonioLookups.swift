import Foundation
import HRSyncCore

/// Reading a few employees rather than all of them (targeted runs: `--person`).
extension PersonioClient {
    /// `GET /v1/company/employees/{id}`: one employee and its notes (values over their cap); an
    /// empty list when Personio has no such id (404).
    public func employee(id: Int, keep: Set<String>?, knownTypes: [String: String] = [:]) async throws -> EmployeeList {
        let endpoint = "GET /v1/company/employees/{employee_id}"
        let data: Data
        do {
            data = try await get(settings.baseURL.appendingPathComponent("v1/company/employees/\(id)"), endpoint: endpoint, limiter: employeesLimiter)
        } catch PersonioError.http(status: 404, _, _) {
            return EmployeeList(employees: [])
        }
        guard let item = (try? JSONValue.parse(data))?["data"] else {
            throw PersonioError.unreadableResponse(endpoint: endpoint, reason: "no data object")
        }
        var notes: [PlanNote] = []
        switch EmployeeParser(knownTypes: knownTypes, keep: keep).parse(item, notes: &notes) {
        case .success(let employee): return EmployeeList(employees: [employee], notes: notes)
        case .failure(let malformed): throw PersonioError.unreadableResponse(endpoint: "\(endpoint) (\(id))", reason: malformed.reason)
        }
    }

    /// `GET /v1/company/employees?email=`: the employees with this email (Personio answers a list
    /// of 0 or 1); one that cannot be read is a warning, as in a full pull.
    public func employees(email: String, keep: Set<String>?, knownTypes: [String: String] = [:]) async throws -> EmployeeList {
        let endpoint = "GET /v1/company/employees?email"
        var components = URLComponents(url: settings.baseURL.appendingPathComponent("v1/company/employees"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "email", value: email), URLQueryItem(name: "limit", value: "10"), URLQueryItem(name: "offset", value: "0")]
        // A `+` left bare in a query reads as a space to many servers.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        let data = try await get(components.url!, endpoint: endpoint, limiter: employeesLimiter)
        guard case .array(let items)? = (try? JSONValue.parse(data))?["data"] else {
            throw PersonioError.unreadableResponse(endpoint: endpoint, reason: "no data list")
        }
        let parser = EmployeeParser(knownTypes: knownTypes, keep: keep)
        var list = EmployeeList(employees: [], skipped: [], missingAttributes: [])
        for item in items.prefix(10) {
            switch parser.parse(item, notes: &list.notes) {
            case .success(let employee): list.employees.append(employee)
            case .failure(let malformed):
                list.skipped.append(Skipped(employeeID: malformed.employeeID, position: "an employee with \(email)", reason: malformed.reason))
            }
        }
        return list
    }
}
