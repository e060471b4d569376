/// Runs `body` for each element with at most `width` in flight, and hands each result to
/// `collect` as it arrives (on the caller's task, so `collect` may mutate local state). The first
/// error cancels the rest and is rethrown.
public func forEachConcurrently<Element: Sendable, Result: Sendable>(
    _ elements: some Sequence<Element>, width: Int,
    _ body: @escaping @Sendable (Element) async throws -> Result,
    collect: (Element, Result) throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: (Element, Result).self) { group in
        var next = elements.makeIterator()
        func start() -> Bool {
            guard let element = next.next() else { return false }
            group.addTask { (element, try await body(element)) }
            return true
        }
        for _ in 0..<max(1, width) {
            guard start() else { break }
        }
        for try await (element, result) in group {
            try collect(element, result)
            _ = start()
        }
    }
}
