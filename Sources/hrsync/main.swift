import HRSyncCLI

await HRSyncCommand.runAndExit()
