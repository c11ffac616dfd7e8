import Testing

@testable import FetchBench

@Suite("Mann-Whitney test")
struct MannWhitneyTestTests {
    @Test("the exact distribution counts every ordering once", arguments: [(1, 1), (3, 3), (4, 5), (5, 5), (7, 3)])
    func distribution(m: Int, n: Int) {
        let counts = MannWhitneyTest.distribution(m, n)
        #expect(counts.count == m * n + 1)
        // C(m+n, m) orderings, symmetric around m·n/2.
        let orderings = (0..<m).reduce(1.0) { $0 * Double(n + $1 + 1) / Double($1 + 1) }
        #expect(counts.reduce(0, +) == orderings)
        #expect(counts == counts.reversed())
    }

    @Test("fully separated sets: one ordering in C(m+n, m)")
    func separated() {
        let fast = [1.0, 1.1, 1.2, 1.3, 1.4]
        let slow = [2.0, 2.1, 2.2, 2.3, 2.4]
        #expect(MannWhitneyTest.pValue(slower: slow, faster: fast) == 1.0 / 252)
        #expect(MannWhitneyTest.pValue(slower: Array(slow.prefix(4)), faster: Array(fast.prefix(4))) == 1.0 / 70)
        #expect(MannWhitneyTest.pValue(slower: Array(slow.prefix(3)), faster: Array(fast.prefix(3))) == 1.0 / 20)
        // The other way round, nothing suggests the first set is slower.
        #expect(MannWhitneyTest.pValue(slower: fast, faster: slow) == 1)
    }

    @Test("interleaved sets are no evidence; ties count half and lean to no difference")
    func interleaved() {
        let a = [1.0, 3.0, 5.0, 7.0, 9.0]
        let b = [2.0, 4.0, 6.0, 8.0, 10.0]
        #expect(MannWhitneyTest.pValue(slower: b, faster: a) > 0.3)
        #expect(MannWhitneyTest.pValue(slower: a, faster: a) > 0.5)
        #expect(MannWhitneyTest.pValue(slower: [], faster: a) == 1)
    }

    @Test("past the exact limit, the normal approximation is close to the exact value")
    func approximation() {
        let size = MannWhitneyTest.exactLimit
        let fast = (0..<size).map { Double($0) }
        let slow = fast.map { $0 + 3.5 }
        let u = MannWhitneyTest.doubledU(slower: slow, faster: fast)
        let exact = MannWhitneyTest.exactPValue(doubledU: u, size, size)
        let normal = MannWhitneyTest.normalPValue(doubledU: u, size, size)
        #expect(exact > 0.01 && exact < 0.3, "\(exact)")
        #expect((normal - exact).magnitude < exact * 0.1, "exact \(exact), normal \(normal)")
        #expect(MannWhitneyTest.pValue(slower: slow + [100], faster: fast + [-1]) < exact)
    }
}
