import Testing

@testable import FetchBench

/// Each tool's own report, as the tools print it (taken from real runs), counted.
@Suite("Other tools' reports")
struct ToolOutcomeTests {
    @Test("curl: one -w status line per transfer; 000 and 4xx are errors, missing lines too")
    func curl() {
        let outcome = ToolOutcome(.curl, output: "200\n301\n404\n000\n200\n", expected: 6)
        #expect(outcome.fetched == 3 && outcome.errors == 3)
    }

    @Test("wget2: its --stats-site CSV, the status counted from the right (a URL may hold commas)")
    func wget2() {
        let output = """
            ID,ParentID,URL,Status,Link,Method,Size,SizeDecompressed,TransferTime,ResponseTime,Encoding,Verification
            1,0,http://127.0.0.1:18777/f.bin,200,1,1,6,6,4,3,0,0
            2,0,http://127.0.0.1:18777/missing,404,1,1,335,335,3,3,0,0
            3,0,http://127.0.0.1:18777/a,b?c=1,2,200,1,1,6,6,0,0,0,0

            """
        let outcome = ToolOutcome(.wget2, output: output, expected: 3)
        #expect(outcome.fetched == 2 && outcome.errors == 1)
    }

    @Test("aria2c: the download results' OK rows; its error log lines are not rows")
    func aria2c() {
        let output = """
            12/03 06:09:58 [ERROR] CUID#8 - Download aborted. URI=http://127.0.0.1:18777/missing
            Exception: [AbstractCommand.cc:351] errorCode=3 URI=http://127.0.0.1:18777/missing

            Download Results:
            gid   |stat|avg speed  |path/URI
            ======+====+===========+=======================================================
            bd2e36|OK  |   5.8KiB/s|ar/0
            de9b5c|ERR |       0B/s|ar/1
            b09a9c|ERR |        n/a|ar/3
            c93bc6|OK  |        n/a|ar/2

            Status Legend:
            (OK):download completed.(ERR):error occurred.
            """
        let outcome = ToolOutcome(.aria2c, output: output, expected: 4)
        #expect(outcome.fetched == 2 && outcome.errors == 2)
    }

    @Test("h2load: the summary's succeeded count")
    func h2load() {
        let output = """
            finished in 149.52ms, 3343.97 req/s, 4.02MB/s
            requests: 500 total, 500 started, 500 done, 498 succeeded, 2 failed, 0 errored, 0 timeout
            status codes: 498 2xx, 0 3xx, 2 4xx, 0 5xx
            """
        let outcome = ToolOutcome(.h2load, output: output, expected: 500)
        #expect(outcome.fetched == 498 && outcome.errors == 2)
        #expect(ToolOutcome(.h2load, output: "", expected: 500).errors == 500)
    }
}
