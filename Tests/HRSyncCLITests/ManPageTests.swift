import ArgumentParser
import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCLI

@Suite struct ManPageTests {
    static var manPage: String {
        get throws {
            try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("Man/hrsync.1"), encoding: .utf8)
        }
    }

    @Test func everyCommandIsInTheManPageAndNothingElse() throws {
        let documented = try Self.manPage.split(separator: "\n")
            .filter { $0.hasPrefix(".It Nm Cm ") }
            .map { String($0.split(separator: " ")[3]) }
        let commands = HRSyncCommand.configuration.subcommands.map { $0.configuration.commandName! }
        #expect(documented.sorted() == commands.sorted())
    }

    @Test func theManPageHasTheRequiredSections() throws {
        let page = try Self.manPage
        for section in ["NAME", "SYNOPSIS", "COMMANDS", "FILES", "ENVIRONMENT", "EXIT STATUS", "EXAMPLES"] {
            #expect(page.contains(".Sh \(section)\n"), "missing \(section)")
        }
        #expect(page.contains("CRON_TZ=Europe/Berlin"))
        #expect(page.contains("hrsync apply --auto-approve"))
    }

    /// Every exit code of ExitStatus is documented in the man page.
    @Test func exitCodesAreDocumented() throws {
        let page = try Self.manPage
        for code in [ExitStatus.success, ExitStatus.error, ExitStatus.changesPresent, ExitStatus.held, ExitStatus.partialFailure, ExitStatus.usage] {
            #expect(page.contains(".It \(code)\n"))
        }
    }
}
