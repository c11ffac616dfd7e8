#if canImport(Glibc)
import Glibc
#endif

/// The Mann–Whitney U test, one-sided: are the values of `slower` larger than those of
/// `faster` more often than chance would make them? It compares ranks, not means, so one
/// wild run cannot swing it, and it assumes nothing about how wall times are distributed.
///
/// For up to `exactLimit` values a side the p-value is exact (the distribution of U under
/// the null hypothesis, counted); beyond, it is the normal approximation with a continuity
/// correction, which is close at those sizes. Ties count half, and the exact p-value of a
/// tied U is taken at the U below it: the answer leans towards "no difference".
enum MannWhitneyTest {
    static let exactLimit = 30

    /// The probability of a U at least as large as the one observed if both sets came
    /// from the same distribution; 1 when either set is empty.
    static func pValue(slower: [Double], faster: [Double]) -> Double {
        let m = slower.count
        let n = faster.count
        guard m > 0, n > 0 else { return 1 }
        let doubledU = doubledU(slower: slower, faster: faster)
        if m <= exactLimit && n <= exactLimit { return exactPValue(doubledU: doubledU, m, n) }
        return normalPValue(doubledU: doubledU, m, n)
    }

    /// U, doubled so that a tie's half stays an integer: the pairs in which the value
    /// from `slower` is the larger, ties counting half.
    static func doubledU(slower: [Double], faster: [Double]) -> Int {
        var doubled = 0
        for x in slower {
            for y in faster { doubled += x > y ? 2 : (x == y ? 1 : 0) }
        }
        return doubled
    }

    static func exactPValue(doubledU: Int, _ m: Int, _ n: Int) -> Double {
        let counts = distribution(m, n)
        return counts[(doubledU / 2)...].reduce(0, +) / counts.reduce(0, +)
    }

    static func normalPValue(doubledU: Int, _ m: Int, _ n: Int) -> Double {
        let mean = Double(m * n) / 2
        let deviation = (Double(m * n * (m + n + 1)) / 12).squareRoot()
        let z = (Double(doubledU) / 2 - 0.5 - mean) / deviation
        return 0.5 * erfc(z / 2.0.squareRoot())
    }

    /// How many of the C(m+n, m) orderings of two sets give each U, from 0 to m·n:
    /// U(m, n) is U(m−1, n) + n when the largest value is one of the m, else U(m, n−1).
    static func distribution(_ m: Int, _ n: Int) -> [Double] {
        precondition(m > 0 && n > 0, "both sets need a value")
        // counts[j][u]: the orderings of i values against j giving U = u, for the i so far.
        var counts = (0...n).map { _ in [1.0] }
        for i in 1...m {
            var next: [[Double]] = [[1.0]]
            for j in 1...n {
                var row = [Double](repeating: 0, count: i * j + 1)
                for (u, ways) in counts[j].enumerated() { row[u + j] += ways }
                for (u, ways) in next[j - 1].enumerated() { row[u] += ways }
                next.append(row)
            }
            counts = next
        }
        return counts[n]
    }
}
