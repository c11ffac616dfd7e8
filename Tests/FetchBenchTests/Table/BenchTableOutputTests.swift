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
            strategy       wall s (min-max)  req/s  p50 ms  p90 ms  p99 ms  max ms  queued ms  host wait ms  transfer ms  CPU s  RSS MB  threads  errors  verdict
            callback *  0.345 (0.335-0.353)    116    29.1    46.1   899.1   899.6      202.3           0.0         83.8   0.12    41.7        5       2  fastest
            green       0.363 (0.358-0.371)    110    26.1    47.7   872.4   872.4      124.5           0.0         48.6   0.13    41.7        5       3    1.05x
            blocking    1.275 (1.100-1.500)     31    31.9    43.2   889.2   889.3      228.2           0.0         69.3   0.32    41.7        5       1    3.70x

            golden <list> & co; -j 4; medians of 4 run(s), interleaved
            * fastest: callback, ahead of every other row by a difference that holds (one-sided Mann-Whitney p < 0.05, the 95% interval of the median ratio above 1, and at least 2%); slower: green 1.05x, blocking 3.70x
            warning: wall times spread wide (slowest run less fastest, over the median): blocking 31%; more --repeat runs or a quieter machine would tell more

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
            <div class="scroll"><table><thead><tr><th>strategy</th><th>wall s (min–max)</th><th>req/s</th><th>\
            p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>max ms</th><th>queued ms</th><th>host wait ms</th><th>\
            transfer ms</th><th>CPU s</th><th>RSS MB</th><th>threads</th><th>errors</th><th>verdict</th></tr>\
            </thead><tbody><tr class="fastest"><td><a href="#strategy-callback">callback</a> ★</td><td>\
            0.345 <span class="range">(0.335–0.353)</span></td><td>116</td><td>29.1</td><td>46.1</td><td>\
            899.1</td><td>899.6</td><td>202.3</td><td>0.0</td><td>83.8</td><td>0.12</td><td>41.7</td><td>5</td>\
            <td>2</td><td>fastest</td></tr><tr><td><a href="#strategy-green">green</a></td><td>\
            0.363 <span class="range">(0.358–0.371)</span></td><td>110</td><td>26.1</td><td>47.7</td><td>\
            872.4</td><td>872.4</td><td>124.5</td><td>0.0</td><td>48.6</td><td>0.13</td><td>41.7</td><td>5</td>\
            <td>3</td><td>1.05×</td></tr><tr><td><a href="#strategy-blocking">blocking</a></td><td>\
            1.275 <span class="range">(1.100–1.500)</span></td><td>31</td><td>31.9</td><td>43.2</td><td>\
            889.2</td><td>889.3</td><td>228.2</td><td>0.0</td><td>69.3</td><td>0.32</td><td>41.7</td><td>5</td>\
            <td>1</td><td>3.70×</td></tr></tbody></table></div>
            """
        #expect(ComparisonTableHTML.render(GoldenComparison.comparison) == expected)
    }

    @Test("the CSV")
    func csv() {
        let expected = """
            strategy,runs,records,wall_s,wall_s_min,wall_s_max,req_per_s,req_per_s_min,req_per_s_max,p50_s,p50_s_min,\
            p50_s_max,p90_s,p90_s_min,p90_s_max,p99_s,p99_s_min,p99_s_max,max_s,max_s_min,max_s_max,queued_mean_s,\
            queued_mean_s_min,queued_mean_s_max,host_wait_mean_s,host_wait_mean_s_min,host_wait_mean_s_max,\
            transfer_mean_s,transfer_mean_s_min,transfer_mean_s_max,cpu_s,cpu_s_min,cpu_s_max,rss_mb,rss_mb_min,\
            rss_mb_max,threads,threads_min,threads_max,errors,errors_min,errors_max,verdict,ratio,ratio_low,ratio_high,\
            p_value
            callback,4,40,0.344500,0.335000,0.353000,116.130120,113.314448,119.402985,0.029119,0.029119,0.029119,0.046143,\
            0.046143,0.046143,0.899120,0.899120,0.899120,0.899583,0.899583,0.899583,0.202294,0.202294,0.202294,0.000000,\
            0.000000,0.000000,0.083829,0.083829,0.083829,0.122345,0.120350,0.124130,41.650000,41.500000,41.800000,\
            4.500000,3.000000,6.000000,2.000000,2.000000,2.000000,fastest,1.000000,,,
            green,4,40,0.362500,0.358000,0.371000,110.350076,107.816712,111.731844,0.026111,0.026111,0.026111,0.047679,\
            0.047679,0.047679,0.872405,0.872405,0.872405,0.872447,0.872447,0.872447,0.124548,0.124548,0.124548,0.000000,\
            0.000000,0.000000,0.048597,0.048597,0.048597,0.126125,0.125180,0.127910,41.650000,41.500000,41.800000,\
            4.500000,3.000000,6.000000,3.000000,3.000000,3.000000,slower,1.052250,1.022792,1.091045,0.014286
            blocking,4,40,1.275000,1.100000,1.500000,31.384615,26.666667,36.363636,0.031887,0.031887,0.031887,0.043231,\
            0.043231,0.043231,0.889197,0.889197,0.889197,0.889343,0.889343,0.889343,0.228203,0.228203,0.228203,0.000000,\
            0.000000,0.000000,0.069277,0.069277,0.069277,0.317750,0.281000,0.365000,41.650000,41.500000,41.800000,\
            4.500000,3.000000,6.000000,1.000000,1.000000,1.000000,slower,3.701016,3.193033,4.354136,0.014286

            """
        #expect(BenchTable.csv(GoldenComparison.comparison) == expected.replacingOccurrences(of: "\n", with: "\r\n"))
    }
}
