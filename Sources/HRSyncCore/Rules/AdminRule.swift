/// SYNC-RULES §1: the connector admin must be an active user with admin or owner in the root group.
public enum AdminRule {
    /// Throws `Planner.Failure` when the admin has no user, is not `active`, or has neither `admin` nor `owner` in the root group.
    public static func check(_ admin: LMSAdminRecord?, mail: String) throws {
        guard let admin, admin.userID != nil else { throw Planner.Failure.adminMissing(mail: mail) }
        guard admin.status == "active" else { throw Planner.Failure.adminInactive(mail: mail, status: admin.status) }
        guard admin.rootRoles.contains(where: { $0 == "admin" || $0 == "owner" }) else { throw Planner.Failure.adminWithoutRootRole(mail: mail) }
    }
}
