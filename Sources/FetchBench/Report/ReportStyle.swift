/// The report's stylesheet, inline: the document loads nothing from anywhere.
enum ReportStyle {
    static let css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;\
        max-width:1120px;margin:24px auto;padding:0 16px}
        h1{font-size:22px;margin:0 0 4px}
        h2{font-size:18px;margin:32px 0 4px;padding-top:16px;border-top:1px solid #dde1e8}
        h3{font-size:14px;margin:16px 0 4px}
        a{color:#1c5fb8;text-decoration:none}
        .meta,.caption,.range{color:#5b6472}
        .caption{font-size:12.5px;margin:4px 0 8px;max-width:1100px}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;font-size:12.5px;font-variant-numeric:tabular-nums}
        th,td{padding:4px 7px;text-align:right;border-bottom:1px solid #e6e9ef;white-space:nowrap}
        th:first-child,td:first-child{text-align:left}
        thead th{background:#f3f5f8;font-weight:600}
        tr.fastest td{background:#e6f4ea;font-weight:600}
        tr.tied td{background:#f2f7f3}
        .external{color:#8a5a00;font-size:12px}
        p.verdict{font-weight:600;max-width:1100px}
        nav a{margin-right:12px}
        svg{display:block;max-width:100%;height:auto;font:11px system-ui,sans-serif}
        svg text{fill:#5b6472}
        .legend{font-size:12.5px;color:#5b6472}
        .legend span{display:inline-block;margin-right:14px}
        .legend i{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px;border-radius:2px}
        .ok{color:#8fd19e}.http{color:#e8590c}.fail{color:#a61e4d}.cancel{color:#343a40}
        .ok,.http,.fail,.cancel{fill:currentColor;background:currentColor}
        .strokes path{fill:none;stroke:currentColor}
        rect.mark:hover,.hit:hover{stroke:#111;stroke-width:1}
        .hit{fill:transparent}
        .idle{fill:#9775fa;background:#9775fa}
        .q1{opacity:.3}.q2{opacity:.55}.q3{opacity:.8}
        .lane{fill:#f4f6f9}
        .axis{stroke:#8a93a0}
        .grid{stroke:#e3e7ed}
        .cbar{fill:#748ffc}.run{fill:#1c5fb8;fill-opacity:.7}.med{fill:#111}
        .ext .cbar{fill:#f4a261}.ext .run{fill:#c2410c}text.ext{fill:#c2410c;font-style:italic}
        text.val,text.title{fill:#1d2330}text.title{font-weight:600}
        .hbar{fill:#748ffc}
        .hbar:hover{fill:#4263eb}
        .pct{stroke-width:1.5;stroke-dasharray:4 3}
        line.p50{stroke:#1971c2} text.p50{fill:#1971c2}
        line.p90{stroke:#7048e8} text.p90{fill:#7048e8}
        line.p99{stroke:#c2255c} text.p99{fill:#c2255c}
        """
}
