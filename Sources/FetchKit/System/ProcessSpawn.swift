import CLinuxSystem

#if canImport(Glibc)
import Glibc
#endif

/// Starts `executable` with `argv` (its first element the program's name), stdout on
/// `stdout`, stdin from /dev/null, and no other descriptor of ours: one left open in the
/// child (the built-in server's sockets, say) would be held by it, and could keep a
/// connection it is itself waiting on open for ever. SIGINT, SIGTERM and SIGPIPE start at
/// their default actions: cfetch ignores the first two (it takes them from a dispatch
/// source), and a child inheriting that would ignore a Ctrl-C until it set up its own.
package func spawnProcess(_ executable: String, argv: [String], stdout: Int32) throws(SystemCallError) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addclosefrom_np(&actions, 3)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, number) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let cArguments = argv.map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    let result = posix_spawn(&pid, executable, &actions, &attributes, cArguments, environ)
    guard result == 0 else {
        throw SystemCallError(call: "posix_spawn", errno: result, context: "cannot run \(executable)")
    }
    return pid
}
