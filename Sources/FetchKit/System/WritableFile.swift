#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Whether a path names a file that can be created or replaced, checked before a run so
/// that a file written only at its end (a bench report or trace, `-c`'s cookie jar) does
/// not throw the run's work away.
public enum WritableFile {
    /// Why `path` cannot be written — it is a directory, an existing file that may not be
    /// written, or its directory is missing, not a directory or not writable — or nil.
    public static func problem(at path: String) -> String? {
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT != S_IFDIR else { return "it is a directory" }
            guard access(path, W_OK) == 0 else { return String(cString: strerror(errno)) }
            return nil
        }
        guard errno == ENOENT else { return String(cString: strerror(errno)) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard stat(directory, &status) == 0 else {
            return "no directory \(directory) (\(String(cString: strerror(errno))))"
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { return "\(directory) is not a directory" }
        guard access(directory, W_OK) == 0 else { return "directory \(directory): \(String(cString: strerror(errno)))" }
        return nil
    }
}
