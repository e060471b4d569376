import Foundation
import HRSyncCore
import HRSyncEngine
import HRSyncSandbox

/// `discover-10k`: what `hrsync discover` reads of an N-employee company on a synced platform, against
/// the bound of issue #26: the pages of employees + the pages of groups, custom fields and admins + 2.
struct DiscoverBenchmark {
    var employees: Int
    var latencyMilliseconds: Int
    var rateLimitScale: Double

    struct Result: Encodable {
        var employees: Int
        var requests: [String: Int]
        var reads: Int
        var employee_pages: Int
        var group_pages: Int
        var field_pages: Int
        /// The root group's role pages plus one read per admin or owner.
        var admin_reads: Int
        var bound: Int
        var wall_s: Double
    }

    func run() async throws -> Result {
        let world = try await BenchWorld.start(
            employees: employees, latencyMilliseconds: latencyMilliseconds, personioScale: rateLimitScale, learningScale: rateLimitScale, synced: true)
        let (sandbox, config) = (world.sandbox, world.config)
        let personio = try world.clients.personio(config, rateLimitScale: rateLimitScale)
        let lms = try world.clients.learning360(config, rateLimitScale: rateLimitScale)
        let started = ContinuousClock.now
        let reading = try await Discovery(personio: personio, learning360: lms).read()
        let wall = started.duration(to: .now)
        let personioRequests = (await sandbox.personio.requests).filter { $0.key != "POST /v1/auth" }
        let lmsRequests = (await sandbox.learning360.requests).filter { $0.key.hasPrefix("GET ") }
        let root = await sandbox.learning360.rootGroupID
        var rootRoles = 0
        for user in await sandbox.learning360.allUsers() { rootRoles += await sandbox.learning360.rolesOf(user: user.id)[root]?.count ?? 0 }
        let groups = await sandbox.learning360.allGroups().count
        let fields = await sandbox.learning360.allFields().count
        await world.stop()

        func pages(_ n: Int, _ size: Int) -> Int { max(1, (n + size - 1) / size) }
        let employeePages = pages(employees, 100)
        let adminReads = pages(rootRoles, 1000) + reading.admins.count
        let groupPages = pages(groups, 500), fieldPages = pages(fields, 1000)
        let requests = personioRequests.merging(lmsRequests) { $0 + $1 }
        return Result(
            employees: employees, requests: requests, reads: requests.values.reduce(0, +), employee_pages: employeePages, group_pages: groupPages,
            field_pages: fieldPages, admin_reads: adminReads, bound: employeePages + groupPages + fieldPages + adminReads + 2,
            wall_s: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
    }
}
