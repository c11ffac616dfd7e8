import Foundation

/// Starts an OS thread running `body`, which may take along values no other thread will
/// touch again (`sending`): a blocking worker's easy handle, say. The compiler checks the
/// caller keeps no use of them.
package func startThread(name: String, stackSize: Int? = nil, _ body: sending @escaping () -> Void) {
    let handover = Handover(body)
    let thread = Thread { handover.value() }
    thread.name = name
    if let stackSize { thread.stackSize = stackSize }
    thread.start()
}

/// Carries a `sending` value to the thread that will own it.
private struct Handover<Value>: @unchecked Sendable {  // guarded: `sending` left the sender no reference
    let value: Value
    init(_ value: sending Value) { self.value = value }
}
