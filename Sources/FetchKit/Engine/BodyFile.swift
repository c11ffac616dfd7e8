#if canImport(Glibc)
import Glibc
#endif

/// One `-o` body on disk: written to `NAME.part`, and only an ok transfer's body is
/// renamed to NAME. A failed transfer (reset, timeout, too large, a full disk, HTTP ≥ 400)
/// leaves nothing under NAME and no `.part`: curl keeps error bodies, but a file under the
/// final name should mean a complete, successful body.
final class BodyFile {
    let fd: Int32
    let partPath: String
    let finalPath: String
    /// `--overwrite`: the rename replaces a file already at `finalPath`.
    let replacesExisting: Bool
    private var isOpen = true

    init(fd: Int32, partPath: String, finalPath: String, replacesExisting: Bool) {
        self.fd = fd
        self.partPath = partPath
        self.finalPath = finalPath
        self.replacesExisting = replacesExisting
    }

    /// Forgets a failed attempt's bytes: the next attempt starts the `.part` afresh.
    func restart() {
        _ = ftruncate(fd, 0)
        _ = lseek(fd, 0, SEEK_SET)
    }

    /// Closes the file and moves it to its final name: by `rename(2)` with `--overwrite`,
    /// else by `link(2)`, which fails rather than replace a file that appeared meanwhile.
    func keep() -> Result<String, URLProblem> {
        close()
        let moved = replacesExisting ? rename(partPath, finalPath) : link(partPath, finalPath)
        let failure = errno
        if moved != 0 && !replacesExisting && failure != EEXIST {
            // A file system without hard links: rename, having checked nothing is there.
            var info = stat()
            if lstat(finalPath, &info) != 0 && rename(partPath, finalPath) == 0 { return .success(finalPath) }
        }
        if !replacesExisting || moved != 0 { unlink(partPath) }
        guard moved == 0 else {
            let reason = failure == EEXIST ? "it exists" : String(cString: strerror(failure))
            return .failure(OutputDirectory.cannotSave(finalPath, reason: reason, exists: failure == EEXIST))
        }
        return .success(finalPath)
    }

    /// Closes the file and removes it.
    func discard() {
        close()
        unlink(partPath)
    }

    private func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(fd)
    }

    deinit { close() }
}
