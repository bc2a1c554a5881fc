import Dispatch
import Foundation

/// Runs a closure on another thread now; `value` waits for its result. For overlapping two
/// long, independent stages of a build (which is synchronous from end to end).
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before `done` is signalled, read only after waiting on it.
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    var value: Value {
        done.wait()
        done.signal()
        guard let result else { preconditionFailure("BackgroundTask signalled without a result") }
        return result
    }
}
