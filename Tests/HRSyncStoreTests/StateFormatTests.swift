import Foundation
import Testing

@testable import HRSyncStore

/// FORMAT 2 (objects named a preset dictionary): format 1 still opens and is upgraded when a
/// command takes the write lock, so an hrsync that reads only format 1 refuses the directory by
/// name rather than calling its new objects corrupt.
@Suite struct StateFormatTests {
    @Test func aNewDirectorySaysFormat2() throws {
        let temp = try TemporaryState()
        #expect(try String(contentsOfFile: temp.state.path + "/FORMAT", encoding: .utf8) == "hrsync-state 2\n")
    }

    @Test func aFormat1DirectoryOpensAndBecomesFormat2UnderTheLock() throws {
        let temp = try TemporaryState()
        let format = temp.state.path + "/FORMAT"
        let blob = try temp.state.objects.put(.blob, Data("written before".utf8))
        try FileSystem.writeAtomically(Data("hrsync-state 1\n".utf8), to: format)
        let state = try StateDirectory.open(at: temp.state.path)
        #expect(try state.objects.get(blob, as: .blob) == Data("written before".utf8))
        #expect(try String(contentsOfFile: format, encoding: .utf8) == "hrsync-state 1\n", "reading changes nothing")
        let lock = try state.lock(command: "pull")
        #expect(try String(contentsOfFile: format, encoding: .utf8) == "hrsync-state 2\n")
        withExtendedLifetime(lock) {}
    }

    @Test func aNewerFormatIsRefusedByName() throws {
        let temp = try TemporaryState()
        try FileSystem.writeAtomically(Data("hrsync-state 3\n".utf8), to: temp.state.path + "/FORMAT")
        #expect {
            try StateDirectory.open(at: temp.state.path)
        } throws: { error in
            guard case StoreError.unsupportedFormat(_, 3, 2) = error else { return false }
            return error.localizedDescription.contains("format 3 is not supported by this hrsync (supports 2)")
        }
    }
}
