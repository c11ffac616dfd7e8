import Foundation

/// A fresh directory under the system's temporary directory, removed by `remove()`
/// (or by `withTemporaryDirectory` at the end of its body).
struct TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        let url = base.appendingPathComponent("cfetch-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// `path/name`.
    func file(_ name: String) -> String {
        URL(fileURLWithPath: path).appendingPathComponent(name).path
    }

    /// Writes `lines`, each followed by "\n", to `path/name`; returns its path.
    @discardableResult
    func writeList(_ lines: [String], name: String = "list.txt") throws -> String {
        try write(Data(lines.map { $0 + "\n" }.joined().utf8), name: name)
    }

    /// Writes raw bytes to `path/name` (for lists with invalid UTF-8); returns its path.
    @discardableResult
    func write(_ bytes: Data, name: String) throws -> String {
        let target = file(name)
        try bytes.write(to: URL(fileURLWithPath: target))
        return target
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `body` with a fresh temporary directory and removes it afterwards.
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) async throws -> T) async throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try await body(directory)
}
