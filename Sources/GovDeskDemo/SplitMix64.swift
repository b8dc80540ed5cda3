import GovDeskCore

/// A small seeded pseudo-random generator (SplitMix64): the same seed gives the same sequence on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A fraction in [0, 1).
    public mutating func fraction() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A whole number in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// A value in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * fraction() }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { fraction() < p }

    /// An element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// An index chosen by cumulative weights (as `WeightedChoice` builds them).
    public mutating func pick(_ choice: WeightedChoice) -> Int { choice.index(at: fraction()) }
}

/// Cumulative weights for choosing an index in proportion to its weight.
public struct WeightedChoice: Sendable {
    private let cumulative: [Double]

    public init(_ weights: [Double]) {
        var total = 0.0
        var cumulative: [Double] = []
        for w in weights {
            total += max(0, w)
            cumulative.append(total)
        }
        self.cumulative = cumulative.map { $0 / max(total, .leastNonzeroMagnitude) }
    }

    func index(at u: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
