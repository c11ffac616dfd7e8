import FetchKit
import Foundation

/// A generated list written to a file for the child runs to read, and removed again.
struct GeneratedListFile {
    let path: String

    /// Writes `urls`, one per line, to `cfetch-bench-PID.txt` in `directory`; a file left
    /// half-written by a failed write is removed before the error is thrown.
    init(urls: [String], directory: String) throws(SystemCallError) {
        path = URL(fileURLWithPath: directory).appendingPathComponent("cfetch-bench-\(getpid()).txt").path
        do {
            try writeFile(path, urls.joined(separator: "\n") + "\n")
        } catch {
            remove()
            throw error
        }
    }

    func remove() {
        unlink(path)
    }

    /// Writes the list, runs `body` with the file's path, and removes the file however
    /// `body` ends.
    static func with<T>(_ urls: [String], in directory: String, _ body: (String) throws -> T) throws -> T {
        let file = try GeneratedListFile(urls: urls, directory: directory)
        defer { file.remove() }
        return try body(file.path)
    }
}
