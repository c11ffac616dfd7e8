import Foundation
import Testing

/// The report as a browser draws it: headless Chromium's screenshot of a page, and the
/// colours in it (`scripts/png-colours.py`, standard-library Python). `make test` installs
/// Chromium; the screenshots stay in `.build/test-artifacts/` for a person to look at.
enum HeadlessChromium {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var artifacts: URL {
        let directory = repository.appendingPathComponent(".build/test-artifacts")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The browser, by the names Debian and others give it.
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "headless_shell"] {
            for directory in path.split(separator: ":") where access("\(directory)/\(name)", X_OK) == 0 {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    /// Writes `html` to `name`.html in the artifacts and screenshots it into `name`.png,
    /// `width` × `height` px of the top of the page.
    static func screenshot(_ html: String, name: String, width: Int, height: Int) throws -> URL {
        let browser = try #require(executable, "headless Chromium is needed (make test installs chromium)")
        let page = artifacts.appendingPathComponent("\(name).html")
        let image = artifacts.appendingPathComponent("\(name).png")
        try html.write(to: page, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(at: image)
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--window-size=\(width),\(height)", "--screenshot=\(image.path)", page.absoluteString,
        ]
        _ = try run(browser, arguments, seconds: 90)
        #expect(FileManager.default.fileExists(atPath: image.path), "Chromium wrote no screenshot")
        return image
    }

    /// The page as Chromium parsed and laid it out (`--dump-dom`).
    static func renderedDOM(of page: URL) throws -> String {
        let browser = try #require(executable, "headless Chromium is needed (make test installs chromium)")
        return try run(
            browser, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.absoluteString], seconds: 90)
    }

    /// Where each colour is in `image`: its pixel count and bounding box.
    struct ColourSpot {
        let count: Int
        let minX: Int, minY: Int, maxX: Int, maxY: Int
    }

    static func colours(in image: URL, _ hexes: [String]) throws -> [String: ColourSpot] {
        let script = repository.appendingPathComponent("scripts/png-colours.py").path
        let output = try run("/usr/bin/env", ["python3", script, image.path] + hexes, seconds: 120)
        var spots: [String: ColourSpot] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 6, let numbers = Optional(fields.dropFirst().compactMap { Int($0) }),
                numbers.count == 5
            else { continue }
            spots[String(fields[0])] = ColourSpot(
                count: numbers[0], minX: numbers[1], minY: numbers[2], maxX: numbers[3], maxY: numbers[4])
        }
        return spots
    }

    /// Runs a program to its end, or kills it after `seconds`; its stdout (through a file,
    /// so nothing has to read a pipe while this waits). Blocks: call it off the pool.
    private static func run(_ executable: String, _ arguments: [String], seconds: Double) throws -> String {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID()).out")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let output = try FileHandle(forWritingTo: outputFile)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            Issue.record("\(executable) did not finish in \(Int(seconds)) s")
        }
        process.waitUntilExit()
        return try String(contentsOf: outputFile, encoding: .utf8)
    }
}
