import FetchKit
import Testing

@Suite("--shard K/N")
struct InputShardTests {
    @Test("K/N with 0 <= K < N <= 1,000,000; nothing else")
    func parsing() {
        #expect(InputShard("0/3") == InputShard(index: 0, count: 3))
        #expect(InputShard("2/3")?.description == "2/3")
        #expect(InputShard("0/1") != nil && InputShard("999999/1000000") != nil)
        for text in [
            "3/3", "-1/3", "1/0", "0/1000001", "a/b", "1/3/4", " 1/3", "1/3 ", "+1/3", "1/", "/3", "", "1", "١/٣",
        ] {
            #expect(InputShard(text) == nil, "\(text)")
        }
    }

    @Test("every index is in exactly one of N shards")
    func partition() throws {
        let shards = try (0..<7).map { try #require(InputShard(index: $0, count: 7)) }
        for index in 0..<200 {
            #expect(shards.count { $0.contains(index) } == 1)
            #expect(shards[index % 7].contains(index))
        }
    }
}
