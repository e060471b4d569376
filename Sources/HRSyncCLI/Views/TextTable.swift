/// A plain table for the terminal: columns padded to their widest cell (vendor text escaped first, long cells clipped).
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Cells longer than this are clipped with "…".
    var maximumCellWidth = 40

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: String...) { rows.append(cells.map(TerminalText.escape)) }

    func clip(_ text: String) -> String { text.count > maximumCellWidth ? String(text.prefix(maximumCellWidth - 1)) + "…" : text }

    func render(indent: String = "  ") -> String {
        let rows = self.rows.map { $0.map(clip) }
        let widths = headers.indices.map { column in ([headers] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
            }
            return indent + padded.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}
