import Foundation

extension GovDeskDatabase {
    /// A set of ticket ids, given back in increasing order. Ids are kept as one bit each over the range of the
    /// ticket table's ids, set as they come and read back in order: no sort and no array of the ≈ 890,000 ids
    /// (with repeats) of a month's events (the sort was a tenth of the month's Swift time, the arrays 35 MB of
    /// the report's peak memory). An id outside that range has no ticket (the report's join would drop it) and is
    /// ignored. When the range is too wide for bits (over 2^26 ids: ids far apart) the ids are kept and sorted.
    struct TicketIDs {
        private let low: Int64, high: Int64
        private var bits: [UInt64]
        private var list: [Int64] = []
        private let usesBits: Bool

        init(low: Int64, high: Int64, maxBits: Int64 = 1 << 26) {
            self.low = low
            self.high = high
            let (span, overflow) = high.subtractingReportingOverflow(low)
            usesBits = !overflow && span < maxBits
            bits = usesBits && span >= 0 ? [UInt64](repeating: 0, count: Int(span / 64) + 1) : []
        }

        mutating func insert(_ id: Int64) {
            guard id >= low, id <= high else { return }
            if usesBits {
                let offset = id - low
                bits[Int(offset / 64)] |= 1 << UInt64(offset % 64)
            } else {
                list.append(id)
            }
        }

        /// Adds the ids of `other` that are also in `filter` (all three over the same range). As a list, without bits,
        /// every id of `other` is added: a superset, which the month's query narrows anyway (`t.createdAt < :end`).
        mutating func formUnion(_ other: TicketIDs, keepingOnly filter: TicketIDs) {
            precondition(low == other.low && high == other.high && low == filter.low && high == filter.high)
            guard usesBits else {
                list += other.list
                return
            }
            for i in bits.indices { bits[i] |= other.bits[i] & filter.bits[i] }
        }

        /// The ids, in increasing order, each once.
        func sorted() -> [Int64] {
            guard usesBits else {
                var sorted = list.sorted()
                var kept = 0
                for i in sorted.indices where kept == 0 || sorted[i] != sorted[kept - 1] {
                    sorted[kept] = sorted[i]
                    kept += 1
                }
                return Array(sorted[..<kept])
            }
            var ids: [Int64] = []
            for (word, var set) in bits.enumerated() {
                while set != 0 {
                    ids.append(low + Int64(word * 64 + set.trailingZeroBitCount))
                    set &= set - 1
                }
            }
            return ids
        }
    }
}
