import HRSyncCore

/// In tests, a string literal is a note as a 2.0 plan wrote it (`text`).
extension PlanNote: ExpressibleByStringLiteral {
    /// A `.text` note carrying `text`.
    public init(stringLiteral text: String) {
        self.init(.text, values: ["text": text])
    }
}
