import Foundation

extension ResultsFile {
    /// The readable table written beside the JSON (`results/NAME.md`).
    public func markdown() -> String {
        var md = "# DiaBan benchmark results\n\n"
        md += "- date: \(date)\n"
        md += "- commit: `\(revision.commit)`" + (revision.dirty ? " with uncommitted changes in Sources/" : "") + "\n"
        md += "- machine: \(machine.cores) cores, \(Text.bytes(Double(machine.memoryBytes))), \(machine.cpu); \(machine.os)\n"
        md += "- peers: \(machine.glpsol ?? "glpsol not installed"); \(machine.cbc ?? "CBC not installed")\n"
        md += "- load average (1 min): \(String(format: "%.2f", loadAverage.start)) at the start, \(String(format: "%.2f", loadAverage.end)) at the end"
        if max(loadAverage.start, loadAverage.end) > Double(machine.cores) * 0.75 {
            md += " — **the machine was busy: other processes competed for the cores, times are inflated**"
        }
        md += "\n- command: `\(settings.command)`; total \(Text.seconds(totalSeconds))\n"
        md += "- GLPK options: ladder `\(settings.ladderOptions)` (DiaBan's defaults)"
        for (set, options) in settings.gapOptions.sorted(by: { $0.key < $1.key }) { md += "; GAP \(set) `\(options)`" }
        md += "\n\n"

        if !bugs.isEmpty {
            md += "## BUGS\n\n" + bugs.map { "- **\($0)**\n" }.joined() + "\n"
        }

        md += "## Targets\n\n| target | goal | measured | |\n|---|---|---|---|\n"
        for t in targets {
            let verdict = t.met.map { $0 ? "met" : "**not met**" } ?? "not run"
            md += "| \(t.name) | \(t.goal) | \(t.value) | \(verdict) |\n"
        }

        if !ladder.isEmpty {
            md += "\n## Scale ladder\n\n"
            md += "End to end = read the scenario, plan (model, heuristic, GLPK, KPIs, proposal), render text and JSON; "
            md += "median (min–max) over the runs. First plan counts from the start, reading included.\n\n"
            md += "| case | communes | officers | binaries | limit | runs | status | end to end | GLPK | read + build + report | first plan | objective | gap | nodes | peak RSS | GLPK peak |\n"
            md += "|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
            for c in ladder {
                let overhead = c.read.median + c.build.median + c.report.median
                md += "| \(c.name) | \(c.communes) | \(c.officers) | \(c.binaries) | \(Text.seconds(c.timeLimit)) | \(c.runs) | \(c.status)"
                md += " | \(range(c.wall)) | \(Text.seconds(c.glpk.median)) | \(Text.seconds(overhead)) (\(Text.percent(c.overheadShare.median)))"
                md += " | \(c.firstFeasible.map { Text.seconds($0.median) } ?? "none")"
                md += " | \(c.objective.map { Text.number($0.median) } ?? "–") | \(c.gap.map { Text.percent($0.median) } ?? "–")"
                md += " | \(Int(c.nodes.median)) | \(Text.bytes(c.peakRSSBytes.max)) | \(Text.bytes(c.peakGLPKBytes.max)) |\n"
            }
            let failed = ladder.filter { $0.error != nil }
            for c in failed { md += "\n- \(c.name): \(c.error!)" }
        }

        if !gap.isEmpty {
            md += "\n## Generalized assignment library\n\n"
            md += "Each instance solved on its own, with the set's limit per instance; times are per solve (DiaBan) or per process (peers), added up.\n\n"
            md += "| set | limit | solver | proven optimal | equal to published | wrong | total time | DiaBan / solver |\n|---|--:|---|--:|--:|--:|--:|--:|\n"
            for s in gap {
                for r in [s.diaban, s.glpsol, s.cbc].compactMap({ $0 }) {
                    let ratio = r.solver == "diaban" ? "–" : Text.ratio(s.diaban.totalSeconds / max(1e-9, r.totalSeconds))
                    md += "| \(s.title) | \(Text.seconds(s.timeLimit)) | \(r.solver) | \(r.provenOptimal)/\(r.count) | \(r.instances.filter { $0.verdict == .match }.count)"
                    md += " | \(r.wrong == 0 ? "0" : "**\(r.wrong)**") | \(Text.seconds(r.totalSeconds)) | \(ratio) |\n"
                }
            }
            md += "\nOptions: DiaBan as listed above, per set; glpsol the same search flags (OR-Library only: on these models it is "
            md += "DiaBan's GLPK with DiaBan's options); CBC `-threads 1 -timeMode elapsed`.\n"
            for s in gap {
                let hard = s.diaban.instances.filter { $0.verdict != .match }
                guard !hard.isEmpty else { continue }
                md += "\n\(s.title), DiaBan not proven or not matching: "
                md += hard.map { r in
                    "\(r.instance) (\(r.verdict.rawValue)\(r.objective.map { ", \(Text.number($0))" } ?? "")\(r.published.map { " vs \(Text.number($0))" } ?? "")\(r.gap.map { ", gap \(Text.percent($0))" } ?? ""))"
                }.joined(separator: ", ") + "\n"
            }
        }

        if !peers.isEmpty {
            md += "\n## Peers on the same model\n\n"
            md += "The model DiaBan solves, exported as free MPS by GLPK and solved by each peer single-threaded with the same limit and gap "
            md += "tolerance. DiaBan's time is its median end to end (from the scenario file); a peer's is its process from start to exit "
            md += "(reading the MPS file included). glpsol gets DiaBan's GLPK search options, but no warm start.\n\n"
            md += "| case | limit | DiaBan | glpsol | DiaBan / glpsol | CBC | DiaBan / CBC |\n|---|--:|---|---|--:|---|--:|\n"
            for p in peers {
                func cell(_ r: Peers.Run?) -> String {
                    guard let r else { return "–" }
                    if r.status == "missing" { return "not installed" }
                    return "\(r.status), \(Text.seconds(r.seconds))" + (r.objective.map { ", \(Text.number($0))" } ?? "")
                }
                md += "| \(p.name) | \(Text.seconds(p.timeLimit)) | \(p.diabanStatus), \(Text.seconds(p.diabanSeconds))"
                md += (p.diabanObjective.map { ", \(Text.number($0))" } ?? "")
                md += " | \(cell(p.glpsol)) | \(Text.ratio(p.ratioGlpsol)) | \(cell(p.cbc)) | \(Text.ratio(p.ratioCBC)) |\n"
            }
            for p in peers where p.mismatch != nil { md += "\n- **\(p.name): \(p.mismatch!)**" }
        }
        return md + "\n"
    }

    func range(_ s: Summary) -> String {
        s.min == s.max ? Text.seconds(s.median) : "\(Text.seconds(s.median)) (\(Text.seconds(s.min))–\(Text.seconds(s.max)))"
    }
}
