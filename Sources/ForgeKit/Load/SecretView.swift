/// One reading of a file for the secret scan: the bytes a decoding stage produced, and where
/// in its input each came from. Runs copied as they were take one segment; a decoded escape
/// or reference takes its own. Positions are looked up only for a finding.
struct SecretView: SecretSink {
    private(set) var bytes: [UInt8] = []
    /// Segment `k` covers `bytes[starts[k]..<starts[k + 1]]`: copied from `froms[k]` on when
    /// `tos[k]` is -1, else every byte of it decoded from `froms[k]..<tos[k]`.
    private var starts: [Int] = []
    private var froms: [Int] = []
    private var tos: [Int] = []
    /// The input offset that extends the current copied segment.
    private var nextCopied = -1
    private var lastTo = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func take(_ byte: UInt8, from: Int, to: Int) {
        if from != nextCopied || to != from + 1 {
            starts.append(bytes.count)
            froms.append(from)
            tos.append(to == from + 1 ? -1 : to)
            nextCopied = to == from + 1 ? to : -1
        } else {
            nextCopied = to
        }
        lastTo = to
        bytes.append(byte)
    }

    mutating func take(run: UnsafeBufferPointer<UInt8>, from: Int) {
        guard !run.isEmpty else { return }
        if from != nextCopied {
            starts.append(bytes.count)
            froms.append(from)
            tos.append(-1)
        }
        bytes.append(contentsOf: run)
        nextCopied = from + run.count
        lastTo = nextCopied
    }

    /// A space: nothing a key goes through.
    mutating func boundary() {
        starts.append(bytes.count)
        froms.append(lastTo)
        tos.append(lastTo)
        nextCopied = -1
        bytes.append(0x20)
    }

    /// Where each stretch of bytes from one place begins: where the view may join what its
    /// input kept apart.
    var joins: [Int] { starts }

    /// The input span that `range` of this view came from.
    func inputSpan(of range: Range<Int>) -> Range<Int> {
        let first = span(of: range.lowerBound), last = span(of: range.upperBound - 1)
        return first.lowerBound..<max(first.lowerBound, last.upperBound)
    }

    private func span(of index: Int) -> Range<Int> {
        var low = 0, high = starts.count - 1
        guard high >= 0 else { return index..<(index + 1) }
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        if tos[low] < 0 {
            let from = froms[low] + index - starts[low]
            return from..<(from + 1)
        }
        return froms[low]..<tos[low]
    }

    /// Bytes that need no decoding, for a stage to copy in runs: a table of 256 flags, false for
    /// the bytes that begin something to decode.
    static func plainBytes(except special: [UInt8]) -> [Bool] {
        (0..<256).map { !special.contains(UInt8($0)) && !InvisibleScalars.isLeadByte(UInt8($0)) }
    }

    static let plainForEscapes = plainBytes(except: [0x5C, 0x25])
    static let plainForHTML = plainBytes(except: [0x3C, 0x26])
    static let plainForMarkdown = plainBytes(except: [0x3C, 0x26, 0x2A, 0x60, 0x7E])
}
