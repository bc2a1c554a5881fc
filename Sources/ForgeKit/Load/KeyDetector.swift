/// Finds complete API keys in a stream of bytes, one byte at a time, in time linear in the
/// stream: the last stage of every view the secret scan takes of a file.
///
/// - A checksummed key (PRODUCT.md §6) is 32 base62 characters and their 6-character CRC-32.
///   Every window of 38 base62 characters is checked, wherever it starts and whatever is glued
///   before or after it (`_KEY_`, `KEY-prod`, `xKEYy`): the CRC of the 32 bytes is rolled from
///   one window to the next (drop the oldest byte, add the newest), so a long run costs a few
///   operations per byte, and a run shorter than 38 costs nothing but its bytes.
///   A random window passes with a chance of 1 in 62⁶; real docs have no lookalike.
/// - A provisioned key (`keys.yaml`) is its `start`, at least 8 characters, then its `end`,
///   all in one run of `[A-Za-z0-9_-]` and at most `ProvisionedKeys.maximumLength` long. Every
///   position where a `start` or an `end` ends is looked up (one table probe per byte), and the
///   starts of the run are kept in a queue per key, oldest first, so each is visited once.
struct KeyDetector: SecretSink {
    struct Finding: Equatable, Sendable {
        /// The span of the original input: from the key's first byte (or the part of its prefix
        /// that is shown masked) to past its last.
        var from: Int
        var to: Int
        var masked: String
    }

    let provisioned: ProvisionedKeys
    private(set) var findings: [Finding] = []
    // The tables, held here: a static is checked for its one-time initialisation on each use.
    private let kinds = KeyDetector.kinds
    private let digitValues = KeyDetector.digitValues
    private let dropTable = KeyDetector.dropTable
    private let crcTable = KeyFormat.crcTable

    /// The last 64 bytes taken and where each came from, by `position & 63`.
    private var ring = InlineArray<64, UInt8>(repeating: 0)
    private var origins = InlineArray<64, Int>(repeating: 0)
    /// Bytes taken so far.
    private var position = 0
    private var base62Run = 0
    private var tokenRun = 0
    private var runNumber = 0
    /// CRC-32 register (from 0, no final XOR) of the current window's 32 body bytes.
    private var register: UInt32 = 0
    private var lastFour: UInt32 = 0
    /// Where the last finding ended, in positions: a key is reported once, not per view.
    private var reportedUpTo = 0
    private var queues: [StartQueue] = []

    init(provisioned: ProvisionedKeys) {
        self.provisioned = provisioned
    }

    private static let windowLength = KeyFormat.bodyLength + KeyFormat.checksumLength

    @inline(__always)
    mutating func take(_ byte: UInt8, from: Int, to: Int) {
        let slot = position & 63
        ring[slot] = byte
        origins[slot] = from
        position += 1
        let kind = kinds[Int(byte)]
        guard kind != 0 else {
            if tokenRun > 0 { endRun() }
            return
        }
        tokenRun += 1
        if kind == 2 {
            base62Run += 1
            if base62Run >= KeyDetector.windowLength { checkWindow(to: to) }
        } else {
            base62Run = 0
        }
        if !provisioned.isEmpty {
            lastFour = lastFour << 8 | UInt32(byte)
            if tokenRun >= 4 { checkProvisioned(to: to) }
        }
    }

    mutating func boundary() {
        if tokenRun > 0 { endRun() }
    }

    private mutating func endRun() {
        tokenRun = 0
        base62Run = 0
        runNumber += 1
    }

    // MARK: - Checksummed keys

    private mutating func checkWindow(to: Int) {
        let body = position - KeyDetector.windowLength
        if base62Run == KeyDetector.windowLength {
            register = 0
            for index in body..<(body + KeyFormat.bodyLength) { register = step(register, ring[index & 63]) }
        } else {
            register = step(register, ring[(position - 7) & 63]) ^ dropTable[Int(ring[(body - 1) & 63])]
        }
        var digits: UInt64 = 0
        for index in (position - KeyFormat.checksumLength)..<position {
            digits = digits * 62 + UInt64(digitValues[Int(ring[index & 63])])
        }
        guard digits == UInt64(register ^ KeyDetector.zeroBodyCRC), body >= reportedUpTo else { return }
        // Shown: up to 16 characters of the run before the body (its prefix, `sk_`), never
        // reaching into an earlier finding, then the body's first 4 and the checksum's last 4.
        let shownPrefix = min(tokenRun - KeyDetector.windowLength, 16, body - reportedUpTo)
        var masked = ""
        for index in (body - shownPrefix)..<(body + 4) { masked.unicodeScalars.append(Unicode.Scalar(ring[index & 63])) }
        masked += "..."
        for index in (position - 4)..<position { masked.unicodeScalars.append(Unicode.Scalar(ring[index & 63])) }
        report(Finding(from: origins[(body - shownPrefix) & 63], to: to, masked: masked))
    }

    // MARK: - Provisioned keys

    private mutating func checkProvisioned(to: Int) {
        if provisioned.mayStart(lastFour) {
            for candidate in provisioned.starts(endingWith: lastFour) {
                let start = provisioned.keys[candidate].start
                guard tokenRun >= start.count, matches(start) else { continue }
                while queues.count <= candidate { queues.append(StartQueue()) }
                queues[candidate].push(position - start.count, origin: origins[(position - start.count) & 63], run: runNumber,
                                       earliest: position - ProvisionedKeys.maximumLength)
            }
        }
        if provisioned.mayEnd(lastFour) {
            for candidate in provisioned.keys(endingWith: lastFour) {
                let key = provisioned.keys[candidate]
                let earliest = position - ProvisionedKeys.maximumLength
                let latest = position - 4 - ProvisionedKeys.minimumMiddle - key.start.count
                guard candidate < queues.count,
                      let start = queues[candidate].first(notBefore: earliest, run: runNumber),
                      start.position <= latest, start.position >= reportedUpTo else { continue }
                report(Finding(from: start.origin, to: to, masked: key.masked))
            }
        }
    }

    private func matches(_ bytes: [UInt8]) -> Bool {
        let first = position - bytes.count
        for (offset, byte) in bytes.enumerated() where ring[(first + offset) & 63] != byte { return false }
        return true
    }

    private mutating func report(_ finding: Finding) {
        findings.append(finding)
        reportedUpTo = position
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

    static func step(_ register: UInt32, _ byte: UInt8) -> UInt32 {
        (register >> 8) ^ KeyFormat.crcTable[Int((register ^ UInt32(byte)) & 0xFF)]
    }

    /// What a byte contributes to the register 32 bytes later: XOR it out when the byte leaves
    /// the window (CRC is linear, so a byte's part does not depend on the others).
    static let dropTable: [UInt32] = (0..<256).map { byte in
        var register = step(0, UInt8(byte))
        for _ in 0..<KeyFormat.bodyLength { register = step(register, 0) }
        return register
    }

    /// zlib's CRC of a body is the register (from 0) XOR the CRC of as many zero bytes: its
    /// initial value and final XOR only depend on the length, which is fixed.
    static let zeroBodyCRC = KeyFormat.crc32([UInt8](repeating: 0, count: KeyFormat.bodyLength))
}

/// The starts of one provisioned key seen in the current run, oldest first.
struct StartQueue {
    private var positions: [Int] = []
    private var origins: [Int] = []
    private var head = 0
    private var run = -1

    /// Adds a start, dropping those before `earliest`: too far back to begin a key any more.
    mutating func push(_ position: Int, origin: Int, run: Int, earliest: Int) {
        if run != self.run { reset(run) }
        positions.append(position)
        origins.append(origin)
        drop(before: earliest)
    }

    /// The oldest start at or after `earliest` in `run`; older ones are dropped for good
    /// (`earliest` only grows).
    mutating func first(notBefore earliest: Int, run: Int) -> (position: Int, origin: Int)? {
        guard run == self.run else { return nil }
        drop(before: earliest)
        return head < positions.count ? (positions[head], origins[head]) : nil
    }

    private mutating func drop(before earliest: Int) {
        while head < positions.count, positions[head] < earliest { head += 1 }
        if head >= 256, head * 2 >= positions.count {
            positions.removeFirst(head)
            origins.removeFirst(head)
            head = 0
        }
    }

    private mutating func reset(_ run: Int) {
        self.run = run
        positions.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        head = 0
    }
}
