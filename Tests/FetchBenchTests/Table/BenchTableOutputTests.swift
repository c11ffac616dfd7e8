import Testing

@testable import FetchBench

/// The exact bytes of the table, the HTML table and the CSV for a fixed comparison, as
/// they were before their columns became one list (`BenchColumn`): output that scripts
/// and readers depend on.
@Suite("Bench table output")
struct BenchTableOutputTests {
    @Test("the text table")
    func text() {
        let expected = """
            strategy       wall s (min-max)  req/s  p50 ms  p90 ms  p99 ms  max ms  queued ms  host wait ms  transfer ms  CPU s  RSS MB  threads  errors  vs fastest
            callback *  0.349 (0.335-0.353)    115    29.1    46.1   899.1   899.6      202.3           0.0         83.8   0.12    41.6        4       2     fastest
            green       0.360 (0.358-0.371)    111    26.1    47.7   872.4   872.4      124.5           0.0         48.6   0.13    41.6        4       3       1.03x
            blocking    1.250 (1.100-1.500)     32    31.9    43.2   889.2   889.3      228.2           0.0         69.3   0.31    41.6        4       1       3.58x

            golden <list> & co; -j 4; medians of 3 run(s); * fastest by median wall time

            """
        #expect(BenchTable.render(GoldenComparison.comparison) == expected)
    }

    @Test("bold marks the fastest row only")
    func bold() {
        let comparison = GoldenComparison.comparison
        let plain = BenchTable.render(comparison).split(separator: "\n", omittingEmptySubsequences: false)
        let bold = BenchTable.render(comparison, bold: true).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(bold.count == plain.count)
        for (index, (line, plainLine)) in zip(bold, plain).enumerated() {
            #expect(line == (index == 1 ? "\u{1B}[1m\(plainLine)\u{1B}[0m" : plainLine))
        }
    }

    @Test("the HTML table")
    func html() {
        let expected = """
            <div class="scroll"><table><thead>\
            <tr><th>strategy</th><th>wall s (min–max)</th><th>req/s</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th>\
            <th>max ms</th><th>queued ms</th><th>host wait ms</th><th>transfer ms</th><th>CPU s</th><th>RSS MB</th><th>threads</th>\
            <th>errors</th><th>vs fastest</th></tr></thead><tbody>\
            <tr class="fastest"><td><a href="#strategy-callback">callback</a> ★</td>\
            <td>0.349 <span class="range">(0.335–0.353)</span></td><td>115</td><td>29.1</td><td>46.1</td><td>899.1</td>\
            <td>899.6</td><td>202.3</td><td>0.0</td><td>83.8</td><td>0.12</td><td>41.6</td><td>4</td><td>2</td><td>fastest</td></tr>\
            <tr><td><a href="#strategy-green">green</a></td><td>0.360 <span class="range">(0.358–0.371)</span></td>\
            <td>111</td><td>26.1</td><td>47.7</td><td>872.4</td><td>872.4</td><td>124.5</td><td>0.0</td><td>48.6</td><td>0.13</td>\
            <td>41.6</td><td>4</td><td>3</td><td>1.03×</td></tr>\
            <tr><td><a href="#strategy-blocking">blocking</a></td><td>1.250 <span class="range">(1.100–1.500)</span></td>\
            <td>32</td><td>31.9</td><td>43.2</td><td>889.2</td><td>889.3</td><td>228.2</td><td>0.0</td><td>69.3</td><td>0.31</td>\
            <td>41.6</td><td>4</td><td>1</td><td>3.58×</td></tr></tbody></table></div>
            """
        #expect(ComparisonTableHTML.render(GoldenComparison.comparison) == expected)
    }

    @Test("the CSV")
    func csv() {
        let expected = """
            strategy,runs,records,wall_s,wall_s_min,wall_s_max,req_per_s,req_per_s_min,req_per_s_max,\
            p50_s,p50_s_min,p50_s_max,p90_s,p90_s_min,p90_s_max,p99_s,p99_s_min,p99_s_max,max_s,max_s_min,max_s_max,\
            queued_mean_s,queued_mean_s_min,queued_mean_s_max,host_wait_mean_s,host_wait_mean_s_min,host_wait_mean_s_max,transfer_mean_s,transfer_mean_s_min,transfer_mean_s_max,\
            cpu_s,cpu_s_min,cpu_s_max,rss_mb,rss_mb_min,rss_mb_max,threads,threads_min,threads_max,\
            errors,errors_min,errors_max
            callback,3,40,0.349000,0.335000,0.353000,114.613181,113.314448,119.402985,0.029119,0.029119,0.029119,\
            0.046143,0.046143,0.046143,0.899120,0.899120,0.899120,0.899583,0.899583,0.899583,0.202294,0.202294,0.202294,0.000000,0.000000,0.000000,\
            0.083829,0.083829,0.083829,0.123290,0.120350,0.124130,41.600000,41.500000,41.700000,4.000000,3.000000,\
            5.000000,2.000000,2.000000,2.000000
            green,3,40,0.360000,0.358000,0.371000,111.111111,107.816712,111.731844,0.026111,0.026111,0.026111,\
            0.047679,0.047679,0.047679,0.872405,0.872405,0.872405,0.872447,0.872447,0.872447,0.124548,0.124548,0.124548,0.000000,0.000000,0.000000,\
            0.048597,0.048597,0.048597,0.125600,0.125180,0.127910,41.600000,41.500000,41.700000,4.000000,3.000000,\
            5.000000,3.000000,3.000000,3.000000
            blocking,3,40,1.250000,1.100000,1.500000,32.000000,26.666667,36.363636,0.031887,0.031887,0.031887,\
            0.043231,0.043231,0.043231,0.889197,0.889197,0.889197,0.889343,0.889343,0.889343,0.228203,0.228203,0.228203,0.000000,0.000000,0.000000,\
            0.069277,0.069277,0.069277,0.312500,0.281000,0.365000,41.600000,41.500000,41.700000,4.000000,3.000000,\
            5.000000,1.000000,1.000000,1.000000

            """
        #expect(BenchTable.csv(GoldenComparison.comparison) == expected.replacingOccurrences(of: "\n", with: "\r\n"))
    }
}
