import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ObjectStore {
    /// The smallest file zlib("<kind> 0\0") can be: anything shorter is not an object.
    static let minimumFileSize = 8
    /// The largest file an object can be: deflate may grow incompressible bytes a little (a
    /// 64th is far more than zlib's worst case); `get` reads nothing larger.
    static let maximumFileSize = maximumSize + maximumSize / 64

    /// Whether `id` looks stored, without reading it (status's cheap check; fsck reads everything):
    /// nil when its file is a regular file of plausible size, else what is wrong.
    public func presenceProblem(_ id: ObjectID) -> String? {
        var info = stat()
        guard lstat(path(of: id), &info) == 0 else { return "object \(id.hex) is missing from the store" }
        guard info.st_mode & S_IFMT == S_IFREG else { return "object \(id.hex) is not a regular file: \(path(of: id))" }
        // Deflate may grow incompressible bytes a little; nothing hrsync writes is that.
        guard (Self.minimumFileSize...Self.maximumFileSize).contains(Int(info.st_size)) else {
            return "object \(id.hex) has an implausible size (\(info.st_size) bytes): \(path(of: id))"
        }
        return nil
    }
}
