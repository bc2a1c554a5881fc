import Dispatch

extension Array where Element: Sendable {
    /// `map` on every core, results in the order of the input (so output stays deterministic).
    /// Worth it when each element is real work: a file to read, a page to render.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        let slots = UncheckedSendable(results)
        withUnsafeBufferPointer { items in
            let input = UncheckedSendable(items)
            // Each index is written by exactly one iteration; nothing is read until all are done.
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.value[index] = transform(input.value[index])
            }
        }
        return results.compactMap { $0 }
    }
}

/// Hands a buffer to `concurrentPerform`'s iterations, which touch disjoint elements.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
