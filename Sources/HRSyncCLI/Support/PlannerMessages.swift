import Foundation
import HRSyncCore

/// The words for the pure planner's failures (the core has data, the CLI has wording).
extension Planner.Failure: LocalizedError {
    /// What is wrong with the connector admin (SYNC-RULES §1) and what to set.
    public var errorDescription: String? {
        switch self {
        case .adminMissing(let mail):
            "the connector admin \(mail) (learning360.admin_email) is not a 360Learning user; set it to a platform admin or owner"
        case .adminInactive(let mail, let status):
            "the connector admin \(mail) is \(status ?? "not active") in 360Learning; it must be an active user"
        case .adminWithoutRootRole(let mail):
            "the connector admin \(mail) holds no admin or owner role in the platform's root group"
        }
    }
}
