/// Finds complete API keys in bytes, in time linear in their length: the last step of every
/// view the secret scan takes of a file.
///
/// - A checksummed key (PRODUCT.md §6) is 32 base62 characters and their 6-character CRC-32.
///   Every window of 38 base62 characters is checked, wherever it starts and whatever is glued
///   before or after it (`_KEY_`, `KEY-prod`, `xKEYy`): the CRC of the 32 bytes is rolled from
///   one window to the next (drop the oldest byte, add the newest), so a long run costs a few
///   operations per byte, and text in shorter runs costs one table lookup per byte.
///   A random window passes with a chance of 1 in 62⁶; real docs have no lookalike.
/// - A provisioned key (`keys.yaml`) is its `start`, at least 8 characters, then its `end`,
///   all in one run of `[A-Za-z0-9_-]` and at most `ProvisionedKeys.maximumLength` long. Every
///   position where a `start` or an `end` ends is probed in a filter; the starts of a run are
///   kept in a queue per key, oldest first, so each is visited once.
struct KeyFinder {
    struct Finding: Equatable, Sendable {
        /// The key's first byte (or the part of its prefix that is shown masked) to past its last.
        var range: Range<Int>
        var masked: String
    }

    let provisioned: ProvisionedKeys
    // The tables, held here: a static is checked for its one-time initialisation on each use.
    private let kinds = KeyFinder.kinds
    private let digitValues = KeyFinder.digitValues
    private let dropTable = KeyFinder.dropTable
    private let crcTable = KeyFormat.crcTable

    init(provisioned: ProvisionedKeys) {
        self.provisioned = provisioned
    }

    static let windowLength = KeyFormat.bodyLength + KeyFormat.checksumLength

    func findings(in bytes: [UInt8]) -> [Finding] {
        bytes.withUnsafeBufferPointer { findings(in: $0) }
    }

    /// The keys of a view that only runs through `joins` differ from its input's, which was
    /// scanned already: a run holding no join lies whole in its input, so it is skipped
    /// unread. `joins` are ascending positions where the view's bytes stop coming from one
    /// stretch of the input (a tag removed, an escape decoded).
    func findings(in bytes: [UInt8], joinedAt joins: [Int]) -> [Finding] {
        bytes.withUnsafeBufferPointer { bytes in
            var found: [Finding] = []
            let shortest = provisioned.isEmpty ? KeyFinder.windowLength : min(KeyFinder.windowLength, provisioned.shortestKey)
            var checkedUpTo = 0
            for join in joins where join > checkedUpTo && join < bytes.count {
                guard kinds[Int(bytes[join - 1])] != 0, kinds[Int(bytes[join])] != 0 else { continue }
                var start = join - 1, end = join + 1
                while start > checkedUpTo, kinds[Int(bytes[start - 1])] != 0 { start -= 1 }
                while end < bytes.count, kinds[Int(bytes[end])] != 0 { end += 1 }
                checkedUpTo = end
                guard end - start >= shortest else { continue }
                found += findings(inRun: start..<end, of: bytes)
            }
            return found
        }
    }

    func findings(in bytes: UnsafeBufferPointer<UInt8>) -> [Finding] {
        var found: [Finding] = []
        let shortest = max(1, provisioned.isEmpty ? KeyFinder.windowLength : min(KeyFinder.windowLength, provisioned.shortestKey))
        let count = bytes.count
        kinds.withUnsafeBufferPointer { kinds in
            // The hot loop: most text is short words between spaces and punctuation, and only
            // runs of `shortest` key characters or more matter. So look `shortest` bytes ahead
            // of where a run could begin: a byte there that is no key character rules out every
            // run beginning before it, unread. `start` is 0 or just past a non-key byte.
            var start = 0
            while start + shortest <= count {
                let probe = start + shortest - 1
                guard kinds[Int(bytes[probe])] != 0 else {
                    start = probe + 1
                    continue
                }
                var first = probe
                while first > start, kinds[Int(bytes[first - 1])] != 0 { first -= 1 }
                var end = probe + 1
                while end < count, kinds[Int(bytes[end])] != 0 { end += 1 }
                if end - first >= shortest { found += findings(inRun: first..<end, of: bytes) }
                start = end + 1
            }
        }
        return found
    }

    private func findings(inRun range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> [Finding] {
        var run = Run(bytes: bytes, range: range)
        checkWindows(&run)
        if !provisioned.isEmpty { checkProvisioned(&run) }
        return run.found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// One run of key characters and what was found in it.
    private struct Run {
        let bytes: UnsafeBufferPointer<UInt8>
        let range: Range<Int>
        var found: [Finding] = []
        /// Where the last finding ended: a key is reported once, and a masked prefix never
        /// reaches into an earlier key.
        var reportedUpTo: Int

        init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
            self.bytes = bytes
            self.range = range
            reportedUpTo = range.lowerBound
        }

        mutating func report(_ range: Range<Int>, masked: String) {
            found.append(Finding(range: range, masked: masked))
            reportedUpTo = max(reportedUpTo, range.upperBound)
        }
    }

    // MARK: - Checksummed keys

    private func checkWindows(_ run: inout Run) {
        let bytes = run.bytes
        var index = run.range.lowerBound
        while index < run.range.upperBound {
            while index < run.range.upperBound, kinds[Int(bytes[index])] != 2 { index += 1 }
            let start = index
            while index < run.range.upperBound, kinds[Int(bytes[index])] == 2 { index += 1 }
            guard index - start >= KeyFinder.windowLength else { continue }
            var register: UInt32 = 0
            for body in start..<(start + KeyFormat.bodyLength) { register = step(register, bytes[body]) }
            var end = start + KeyFinder.windowLength
            while true {
                let body = end - KeyFinder.windowLength
                var digits: UInt64 = 0
                for digit in (end - KeyFormat.checksumLength)..<end { digits = digits * 62 + UInt64(digitValues[Int(bytes[digit])]) }
                if digits == UInt64(register ^ KeyFinder.zeroBodyCRC), body >= run.reportedUpTo {
                    report(body: body, end: end, in: &run)
                }
                guard end < index else { break }
                // Slide by one: the byte after the body comes in, the body's first goes out.
                register = step(register, bytes[body + KeyFormat.bodyLength]) ^ dropTable[Int(bytes[body])]
                end += 1
            }
        }
    }

    /// Shown: up to 16 characters of the run before the body (its prefix, `sk_`), then the
    /// body's first 4 and the checksum's last 4.
    private func report(body: Int, end: Int, in run: inout Run) {
        let shownPrefix = min(16, body - run.reportedUpTo)
        var masked = ""
        for index in (body - shownPrefix)..<(body + 4) { masked.unicodeScalars.append(Unicode.Scalar(run.bytes[index])) }
        masked += "..."
        for index in (end - 4)..<end { masked.unicodeScalars.append(Unicode.Scalar(run.bytes[index])) }
        run.report((body - shownPrefix)..<end, masked: masked)
    }

    // MARK: - Provisioned keys

    private func checkProvisioned(_ run: inout Run) {
        let bytes = run.bytes
        var queues: [Int: StartQueue] = [:]
        var lastFour: UInt32 = 0
        for index in run.range {
            lastFour = lastFour << 8 | UInt32(bytes[index])
            let end = index + 1
            guard end - run.range.lowerBound >= 4 else { continue }
            if provisioned.mayStart(lastFour) {
                for candidate in provisioned.starts(endingWith: lastFour) {
                    let start = provisioned.keys[candidate].start
                    let first = end - start.count
                    guard first >= run.range.lowerBound, start.elementsEqual(bytes[first..<end]) else { continue }
                    queues[candidate, default: StartQueue()].push(first, earliest: end - ProvisionedKeys.maximumLength)
                }
            }
            if provisioned.mayEnd(lastFour) {
                for candidate in provisioned.keys(endingWith: lastFour) {
                    let key = provisioned.keys[candidate]
                    let latest = end - 4 - ProvisionedKeys.minimumMiddle - key.start.count
                    guard let first = queues[candidate]?.first(notBefore: end - ProvisionedKeys.maximumLength),
                          first <= latest, first >= run.reportedUpTo else { continue }
                    run.report(first..<end, masked: key.masked)
                }
            }
        }
    }

    // MARK: - Tables

    /// 0: no key character; 1: `_` or `-`; 2: base62.
    static let kinds: [UInt8] = (0..<256).map { byte in
        KeyFormat.isBase62(UInt8(byte)) ? 2 : (byte == 0x5F || byte == 0x2D) ? 1 : 0
    }

    static let digitValues: [UInt8] = (0..<256).map { byte in
        UInt8(KeyFormat.alphabet.firstIndex(of: UInt8(byte)) ?? 0)
    }

    @inline(__always)
    private func step(_ register: UInt32, _ byte: UInt8) -> UInt32 {
        (register >> 8) ^ crcTable[Int((register ^ UInt32(byte)) & 0xFF)]
    }

    /// What a byte contributes to the register 32 bytes later: XOR it out when the byte leaves
    /// the window (CRC is linear, so a byte's part does not depend on the others).
    static let dropTable: [UInt32] = (0..<256).map { byte in
        var register = KeyFormat.crcTable[byte]
        for _ in 0..<KeyFormat.bodyLength { register = (register >> 8) ^ KeyFormat.crcTable[Int(register & 0xFF)] }
        return register
    }

    /// zlib's CRC of a body is the register (from 0) XOR the CRC of as many zero bytes: its
    /// initial value and final XOR only depend on the length, which is fixed.
    static let zeroBodyCRC = KeyFormat.crc32([UInt8](repeating: 0, count: KeyFormat.bodyLength))
}

/// The starts of one provisioned key in the current run, oldest first.
struct StartQueue {
    private var positions: [Int] = []
    private var head = 0

    /// Adds a start, dropping those before `earliest`: too far back to begin a key any more.
    mutating func push(_ position: Int, earliest: Int) {
        positions.append(position)
        drop(before: earliest)
    }

    /// The oldest start at or after `earliest`; older ones are dropped for good (`earliest`
    /// only grows).
    mutating func first(notBefore earliest: Int) -> Int? {
        drop(before: earliest)
        return head < positions.count ? positions[head] : nil
    }

    private mutating func drop(before earliest: Int) {
        while head < positions.count, positions[head] < earliest { head += 1 }
        if head >= 256, head * 2 >= positions.count {
            positions.removeFirst(head)
            head = 0
        }
    }
}
