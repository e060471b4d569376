import Foundation
import HRSyncCore

/// An hrsync.yaml pointing at a sandbox: what `hrsync-sandbox demo` writes and `hrsync-sandbox config` prints.
public enum SandboxConfig {
    /// The config text: both base URLs, the sandbox's admin mail, invitations off, `group` synced with
    /// an office/department hierarchy, and three custom fields the emulated Personio carries. `writer`
    /// names the command in the header comment.
    public static func yaml(personio: URL, learning360: URL, group: String, writer: String) -> String {
        """
        # Written by '\(YAMLText.comment(writer))' for the bundled sandbox (its fixed test credentials, from the environment:
        #   export PERSONIO_CLIENT_ID=\(PersonioEmulator.clientID) PERSONIO_CLIENT_SECRET=\(PersonioEmulator.clientSecret)
        #   export L360_CLIENT_ID=\(Learning360Emulator.clientID) L360_CLIENT_SECRET=\(Learning360Emulator.clientSecret)).
        personio:
          base_url: \(YAMLText.quoted(personio.absoluteString))
          app_id: HRSYNC_SANDBOX
        learning360:
          base_url: \(YAMLText.quoted(learning360.absoluteString))
          admin_email: \(YAMLText.quoted(Learning360Emulator.adminMail))
          send_invitations: false
        state:
          dir: .hrsync
        sync:
          groups:
            - id: \(YAMLText.quoted(group))
              hierarchy: [office, department]
          custom_fields:
            - personio: hire_date
              name: Hire date
            - personio: department
              name: Department
            - personio: dynamic_1234567
              name: Cost center

        """
    }
}
