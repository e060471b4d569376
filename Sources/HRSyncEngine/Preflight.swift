import Foundation
import HRSyncCore
import Learning360
import Personio

/// The reads of `hrsync check`: each credential's token, what the sync reads, the synced groups,
/// attributes and admin, the vendors' clocks, and the first apply's counts from an in-memory reading.
/// Writes nothing to either side and stores nothing.
public struct Preflight: Sendable {
    let config: HRSyncConfig
    let personio: PersonioClient
    let learning360: Learning360Client

    /// Checks `config` through these clients.
    public init(config: HRSyncConfig, personio: PersonioClient, learning360: Learning360Client) {
        self.config = config
        self.personio = personio
        self.learning360 = learning360
    }

    /// The checklist items after the config and state directory, in order; `now` reads the local clock.
    public func run(now: @Sendable () -> Date = { Date() }) async -> [CheckItem] {
        var items: [CheckItem] = [
            PreflightRules.baseURL("personio.base_url", config.personio.baseURL),
            PreflightRules.baseURL("learning360.base_url", config.learning360.baseURL)
        ]
        let personioToken = await token("personio credential", { try await personio.authenticate() })
        let lmsToken = await token("learning360 credential", { try await learning360.authenticate() })
        items += [personioToken, lmsToken]
        let discovery = Discovery(personio: personio, learning360: learning360)

        var personioReading: ([AttributeSurveyor.Definition]?, String?, PersonioClient.EmployeeList)?
        if personioToken.status == .pass {
            do {
                personioReading = try await discovery.readPersonio()
                let list = personioReading!.2
                items.append(CheckItem("personio reads", .pass, "\(Plural.count(list.employees.count, "employee")) read (employees:read)"))
                if let problem = personioReading!.1 {
                    items.append(CheckItem("personio attribute list", .info, "not readable (\(problem)): types come from the payloads"))
                }
            } catch {
                items.append(CheckItem("personio reads", .fail, "\(error.localizedDescription) (the credential needs read access to employees)"))
            }
        } else {
            items.append(CheckItem("personio reads", .skipped, "no token"))
        }

        var platform: (GroupTree, [LMSFieldRecord], [DiscoveredAdmin])?
        var lms: LMSState?
        if lmsToken.status == .pass {
            do {
                platform = try await discovery.readLearning360()
                let employees = Dictionary((personioReading?.2.employees ?? []).map { ($0.id, $0) }) { first, _ in first }
                lms = try await Learning360Pull(readingOnly: config, client: learning360, employees: employees).read().0
                items.append(
                    CheckItem(
                        "learning360 reads", .pass,
                        "\(Plural.count(lms!.users.count, "user")), \(Plural.count(lms!.groups.count, "group")) read (users:read, groups:read, customFields:read, externalIds:read)"
                    ))
            } catch {
                // A scope is named only for a refused read, from the error's endpoint (not its wording).
                var refused: String?
                if case Learning360Error.api(let status, _, _, let endpoint)? = error as? Learning360Error, status == 401 || status == 403 {
                    refused = endpoint
                }
                items.append(
                    CheckItem("learning360 reads", .fail, error.localizedDescription + (refused.map { " (\(PreflightRules.readScope(endpoint: $0)))" } ?? "")))
            }
        } else {
            items.append(CheckItem("learning360 reads", .skipped, "no token"))
        }
        var writes = ["users:write", "groups:write", "customFields:write", "externalIds:write"]
        if config.learning360.bulk == .auto { writes += ["groups:bulk", "bulkOperations:read"] }
        items.append(CheckItem("learning360 write scopes", .info, "needed, not verified (testing them would write): \(writes.joined(separator: ", "))"))

        if let (tree, _, admins) = platform {
            items += PreflightRules.groups(config.sync.groups, tree: tree)
            items.append(PreflightRules.admin(config.learning360.adminEmail, admins: admins))
        } else {
            items.append(CheckItem("sync.groups, admin_email", .skipped, "360Learning could not be read"))
        }
        if let (definitions, _, list) = personioReading {
            items += PreflightRules.attributes(config.sync, employees: list.employees, listed: definitions.map { Set($0.map(\.key)) })
        } else {
            items.append(CheckItem("hierarchy attributes, custom-field keys", .skipped, "Personio could not be read"))
        }
        items.append(PreflightRules.clock(vendor: "Personio", dateHeader: await personio.counter.lastDateHeader, now: now()))
        items.append(PreflightRules.clock(vendor: "360Learning", dateHeader: await learning360.counter.lastDateHeader, now: now()))

        if let list = personioReading?.2, let lms {
            let employees = Dictionary(list.employees.map { ($0.id, $0) }) { first, _ in first }
            let input = Planner.Input(employees: employees, lms: lms, config: config, today: CalendarDay.of(now(), in: config.sync.timeZone))
            do {
                items.append(PreflightRules.firstApply(employees: employees, lms: lms, config: config, plan: try Planner.plan(input)))
            } catch {
                items.append(CheckItem("first apply", .skipped, "not planned: \(error.localizedDescription)"))
            }
        } else {
            items.append(CheckItem("first apply", .skipped, "needs both sides read"))
        }
        return items
    }

    func token(_ item: String, _ get: () async throws -> Void) async -> CheckItem {
        do {
            try await get()
            return CheckItem(item, .pass, "obtains a token")
        } catch {
            return CheckItem(item, .fail, error.localizedDescription)
        }
    }
}
