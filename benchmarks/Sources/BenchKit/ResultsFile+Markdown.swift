import Foundation

extension ResultsFile {
    /// The readable table written beside the JSON (`results/NAME.md`).
    public func markdown() -> String {
        var md = "# DiaBan benchmark results\n\n"
        md += "- date: \(date)\n"
        md += "- commit: `\(revision.commit)`" + (revision.dirty ? " with uncommitted changes in Sources/" : "") + "\n"
        md += "- machine: \(machine.cores) cores, \(Text.bytes(Double(machine.memoryBytes))), \(machine.cpu); \(machine.os)\n"
        md += "- peers: \(machine.glpsol ?? "glpsol not installed"); \(machine.cbc ?? "CBC not installed"); \(machine.highs ?? "HiGHS not installed")\n"
        md += "- load average (1 min): \(String(format: "%.2f", loadAverage.start)) at the start, \(String(format: "%.2f", loadAverage.end)) at the end"
        if max(loadAverage.start, loadAverage.end) > Double(machine.cores) * 0.75 {
            md += " — **the machine was busy: other processes competed for the cores, times are inflated**"
        }
        md += "\n- command: `\(settings.command)`; total \(Text.seconds(totalSeconds))\n"
        if let engine = settings.engineSettings { md += "- engine: decomposition, `\(engine)` (its defaults)\n" }
        md += "- GLPK options: ladder `\(settings.ladderOptions)` (DiaBan's defaults)"
        for (set, options) in settings.gapOptions.sorted(by: { $0.key < $1.key }) { md += "; GAP \(set) `\(options)`" }
        md += "\n\n"

        if !bugs.isEmpty {
            md += "## BUGS\n\n" + bugs.map { "- **\($0)**\n" }.joined() + "\n"
        }

        md += "## Targets\n\n| target | goal | measured | |\n|---|---|---|---|\n"
        for t in targets {
            let verdict = t.met.map { $0 ? "met" : "**not met**" } ?? (t.value.hasPrefix("not run") ? "not run" : "not judged")
            md += "| \(t.name) | \(t.goal) | \(t.value) | \(verdict) |\n"
        }

        if !ladder.isEmpty {
            md += "\n## Scale ladder\n\n"
            md += "End to end = read the scenario, plan (model, heuristic, engine, KPIs, proposal), render text and JSON; "
            md += "median (min–max) over the runs. First plan counts from the start, reading included. Solve = the engine's "
            md += "(or GLPK's) share. CG rounds, B&P nodes: the decomposition engine's column-generation rounds and "
            md += "branch-and-price nodes, added up over levels and provinces (medians over the runs); DW bound: its "
            md += "Dantzig–Wolfe bound, when the run solved one model (a run split by province has its national bound only).\n\n"
            md += "| case | communes | officers | binaries | limit | runs | status | end to end | solve | read + build + report | first plan | objective | bound | gap | CG rounds | B&P nodes | DW bound | peak RSS |\n"
            md += "|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
            for c in ladder {
                let overhead = c.read.median + c.build.median + c.report.median
                md += "| \(c.name) | \(c.communes) | \(c.officers) | \(c.binaries) | \(Text.seconds(c.timeLimit)) | \(c.runs) | \(c.status)"
                md += " | \(range(c.wall)) | \(Text.seconds(c.glpk.median)) | \(Text.seconds(overhead)) (\(Text.percent(c.overheadShare.median)))"
                md += " | \(c.firstFeasible.map { Text.seconds($0.median) } ?? "none")"
                md += " | \(c.objective.map { Text.number($0.median) } ?? "–") | \(c.bound.map { Text.number($0.median) } ?? "–")"
                md += " | \(c.gap.map { Text.percent($0.median) } ?? "–")"
                md += " | \(c.engine.map { count($0.columnGenerationRounds) } ?? "–") | \(c.engine.map { count($0.branchNodes) } ?? count(c.nodes))"
                md += " | \(c.engine?.decompositionBound.map { Text.number($0.median) } ?? "–") | \(Text.bytes(c.peakRSSBytes.max)) |\n"
            }
            let failed = ladder.filter { $0.error != nil }
            for c in failed { md += "\n- \(c.name): \(c.error!)" }
        }

        if !peers.isEmpty {
            md += "\n## Peers on the same model\n\n"
            md += "The model DiaBan solves, exported as free MPS by GLPK and solved by each peer single-threaded with the same limit and gap "
            md += "tolerance. DiaBan's time is its median end to end (from the scenario file); a peer's is its process from start to exit "
            md += "(reading the MPS file included). glpsol is GLPK alone, with DiaBan's GLPK search options but neither DiaBan's engine nor its warm start.\n\n"
            md += "| case | limit | DiaBan | glpsol | DiaBan / glpsol | CBC | DiaBan / CBC | HiGHS | DiaBan / HiGHS |\n|---|--:|---|---|--:|---|--:|---|--:|\n"
            for p in peers {
                md += "| \(p.name) | \(Text.seconds(p.timeLimit)) | \(p.diabanStatus), \(Text.seconds(p.diabanSeconds))"
                md += (p.diabanObjective.map { ", \(Text.number($0))" } ?? "")
                md += " | \(cell(p.glpsol)) | \(Text.ratio(p.ratioGlpsol)) | \(cell(p.cbc)) | \(Text.ratio(p.ratioCBC)) | \(cell(p.highs)) | \(Text.ratio(p.ratioHiGHS)) |\n"
            }
            for p in peers where p.mismatch != nil { md += "\n- **\(p.name): \(p.mismatch!)**" }
        }
        if !pieces.isEmpty {
            md += "\n## The engine's pieces, one at a time\n\n"
            md += "The Nghệ An baseline once per variant (`diaban solve --engine-setting key=value`, or `--engine compact`), "
            md += "\(Text.seconds(PieceCase.timeLimit)) limit. The counts do not depend on the machine's load (unless the limit cut "
            md += "the work short); the seconds do. Fixed / left: pairs left out by reduced-cost fixing and pairs left; DW bound: "
            md += "the Dantzig–Wolfe bound at the end of column generation; LP bound: the compact LP relaxation's; nodes: "
            md += "branch-and-price nodes, or GLPK's branch-and-cut nodes for `compact`.\n\n"
            md += "| variant | leaves out | status | objective | bound | gap | end to end | CG rounds | columns | nodes | dives | fixed / left | DW bound | LP bound |\n"
            md += "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
            for p in pieces {
                guard let r = p.run else {
                    md += "| \(p.name) | \(p.what) | failed | | | | | | | | | | | |\n"
                    continue
                }
                let e = r.engine
                md += "| \(p.name) | \(p.what) | \(r.status) | \(r.objective.map(Text.number) ?? "–") | \(r.bound.map(Text.number) ?? "–")"
                md += " | \(r.gap.map(Text.percent) ?? "–") | \(Text.seconds(r.wallSeconds))"
                md += " | \(e.map { String($0.columnGenerationRounds) } ?? "–") | \(e.map { String($0.columns) } ?? "–")"
                md += " | \(e.map { String($0.branchNodes) } ?? String(r.nodes)) | \(e.map { String($0.dives) } ?? "–")"
                md += " | \(e.map { "\($0.fixedPairs) / \($0.remainingPairs)" } ?? "–")"
                md += " | \(e?.decompositionBound.map(Text.number) ?? "–") | \(e?.relaxationBound.map(Text.number) ?? "–") |\n"
            }
            for p in pieces where p.error != nil { md += "\n- \(p.name): \(p.error!)" }
        }

        for b in batches {
            md += "\n## \(b.title)\n\n"
            md += "`\(b.command)`, one process from start to exit"
            if let jobs = b.perRun.first?.jobs { md += " (\(jobs) solve\(jobs == 1 ? "" : "s") at once)" }
            md += "; \(b.runs) run\(b.runs == 1 ? "" : "s"). Total: median \(b.runs > 0 ? range(b.wall) : "–")"
            md += " (the tool's own: \(b.runs > 0 ? Text.seconds(b.reported.median) : "–")); "
            md += "\(b.decided)/\(b.count) \(b.kind == .compare ? "proven optimal" : "decided (optimal or infeasible)") in every run.\n\n"
            md += "| \(b.kind == .compare ? "scenario" : "at most (changes)") | status | objective | bound | gap | seconds |\n|---|---|--:|--:|--:|--:|\n"
            for item in b.items {
                md += "| \(item.label) | \(item.status) | \(item.objective.map { Text.number($0.median) } ?? "–")"
                md += " | \(item.bound.map { Text.number($0.median) } ?? "–") | \(item.gap.map { Text.percent($0.median) } ?? "–")"
                md += " | \(Text.seconds(item.seconds.median)) |\n"
            }
            if let e = b.error { md += "\n- failed: \(e)\n" }
        }

        if !advice.isEmpty { md += adviceMarkdown() }

        if !sweep.isEmpty { md += sweepMarkdown() }

        if !gap.isEmpty {
            md += "\n## Generalized assignment library\n\n"
            md += "Each instance solved on its own, with the set's limit per instance, on one thread; times are per solve (in process) "
            md += "or per process (peers), added up. diaban: the decomposition engine with its defaults; glpk compact: GLPK's "
            md += "branch-and-cut on the compact model with the set's GLPK options, through the same binding. Nodes: branch-and-price "
            md += "nodes (diaban), branch-and-cut nodes (glpk compact), added up.\n\n"
            md += "| set | limit | solver | proven optimal | equal to published | wrong | total time | nodes | DiaBan / solver |\n|---|--:|---|--:|--:|--:|--:|--:|--:|\n"
            for s in gap {
                for r in [s.diaban, s.glpkCompact, s.glpsol, s.cbc].compactMap({ $0 }) {
                    let ratio = r.solver == "diaban" ? "–" : Text.ratio(s.diaban.totalSeconds / max(1e-9, r.totalSeconds))
                    let nodes = r.instances.allSatisfy { $0.nodes != nil } ? String(r.instances.reduce(0) { $0 + $1.nodes! }) : "–"
                    md += "| \(s.title) | \(Text.seconds(s.timeLimit)) | \(r.solver) | \(r.provenOptimal)/\(r.count) | \(r.instances.filter { $0.verdict == .match }.count)"
                    md += " | \(r.wrong == 0 ? "0" : "**\(r.wrong)**") | \(Text.seconds(r.totalSeconds)) | \(nodes) | \(ratio) |\n"
                }
            }
            md += "\nOptions: glpk compact as listed above, per set; glpsol the same search flags (OR-Library only: on these models it is "
            md += "the glpk compact row's GLPK with its options, from the file); CBC `-threads 1 -timeMode elapsed`.\n"
            for s in gap {
                let hard = s.diaban.instances.filter { $0.verdict != .match }
                guard !hard.isEmpty else { continue }
                md += "\n\(s.title), DiaBan not proven or not matching (value vs published, and the bound's gap): "
                md += hard.map { r in
                    "\(r.instance) (\(r.verdict.rawValue)\(r.objective.map { ", \(Text.number($0))" } ?? "")\(r.published.map { " vs \(Text.number($0))" } ?? "")\(r.bound.map { ", bound \(Text.number($0))" } ?? ", no bound")\(r.gap.map { ", gap \(Text.percent($0))" } ?? ""))"
                }.joined(separator: ", ") + "\n"
            }
        }

        return md + "\n"
    }

    /// The province sweep: a summary by capacity ratio, the cases with peers, the cases not proven in time.
    func sweepMarkdown() -> String {
        var md = "\n## Province sweep\n\n"
        md += "Each province of the national table with a roster generated from a seed at a capacity ratio (total capacity over "
        md += "total workload; `diaban generate --province CODE --seed S --capacity-ratio R`), solved once end to end with a "
        md += "\(Text.seconds(SweepCase.timeLimit)) limit and gap \(Text.percent(SweepCase.gap)). CBC and HiGHS run single-threaded "
        md += "on the exported model of the first seed of each province and ratio, same limit and gap. Ratio: DiaBan's time over "
        md += "the faster peer that proved (below 1: DiaBan is faster).\n\n"
        md += "| capacity ratio | cases | proven | proven within \(Text.seconds(SweepCase.provenWithin)) | median | worst | with a proving peer | no slower | worst ratio |\n"
        md += "|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        let ratios = Array(Set(sweep.map(\.capacityRatio))).sorted()
        for r in ratios + [nil] as [Double?] {
            let s = SweepSummary(r.map { r in sweep.filter { $0.capacityRatio == r } } ?? sweep, capacityRatio: r)
            md += "| \(r.map { String(format: "%.2f", $0) } ?? "all") | \(s.count) | \(s.proven) | \(s.provenWithin)"
            md += " | \(s.seconds.map { Text.seconds($0.median) } ?? "–") | \(s.seconds.map { Text.seconds($0.max) } ?? "–")"
            md += " | \(s.peered) | \(s.noSlower) | \(Text.ratio(s.worstRatio)) |\n"
        }
        let peered = sweep.filter(\.peersRan)
        if !peered.isEmpty {
            md += "\n| case | province | DiaBan | B&P nodes | CBC | HiGHS | ratio |\n|---|---|---|--:|---|---|--:|\n"
            for c in peered {
                let d = c.diaban.map { "\($0.status), \(Text.seconds($0.wallSeconds))" + ($0.objective.map { ", \(Text.number($0))" } ?? "") } ?? "failed"
                md += "| \(c.name) | \(c.provinceName) | \(d) | \(c.diaban?.engine.map { String($0.branchNodes) } ?? "–")"
                md += " | \(cell(c.cbc)) | \(cell(c.highs)) | \(Text.ratio(c.ratioToFasterPeer)) |\n"
            }
        }
        let late = sweep.filter { !$0.proven || ($0.seconds ?? .infinity) > SweepCase.provenWithin }
        if !late.isEmpty {
            md += "\nNot proven within \(Text.seconds(SweepCase.provenWithin)) (status, time, objective, bound, gap, CG rounds, B&P nodes):\n\n"
            for c in late {
                guard let r = c.diaban else { md += "- \(c.name) (\(c.provinceName)): \(c.error ?? "failed")\n"; continue }
                md += "- \(c.name) (\(c.provinceName)): \(r.status), \(Text.seconds(r.wallSeconds))"
                md += ", \(r.objective.map(Text.number) ?? "no plan"), bound \(r.bound.map(Text.number) ?? "–"), gap \(r.gap.map(Text.percent) ?? "–")"
                md += r.engine.map { ", \($0.columnGenerationRounds) rounds, \($0.branchNodes) nodes" } ?? ""
                md += "\n"
            }
        }
        return md
    }

    /// Staffing advice: the singles screened and by brute force with their ratio, the joint
    /// choice, resilience.
    func adviceMarkdown() -> String {
        var md = "\n## Staffing advice (diaban advise)\n\n"
        md += "The Nghệ An baseline, `diaban advise … --format json`, one process from start to exit per run; median (min–max). "
        md += "Singles: the process minus the joint choice's seconds and the baseline's, as the tool reports them (reading, the "
        md += "candidates and their bounds, the single solves, the output). Screened (the default): only the candidates whose bound "
        md += "on the gain can still enter the first ones of their kind are solved; brute force (`--solve-all`): every candidate.\n"
        for a in advice {
            md += "\n### \(a.title)\n\n`\(a.command)`" + (a.bruteForceCommand.map { ", and `\($0)`" } ?? "") + "; \(a.runs) run\(a.runs == 1 ? "" : "s").\n\n"
            switch a.kind {
            case .singles:
                md += "| variant | process | baseline | joint choice | singles | solved / priced | left out by their bounds | first \(a.top ?? 10) of each kind |\n"
                md += "|---|--:|--:|--:|--:|--:|---|---|\n"
                for (label, runs, wall, singles) in [("screened", a.perRun, a.wall as Summary?, a.singles), ("brute force", a.bruteForce, a.bruteForceWall, a.bruteForceSingles)] {
                    guard let r = runs.first, let wall else { continue }
                    let baseline = Summary(runs.map(\.baselineSeconds)), joint = Summary(runs.compactMap(\.joint).map(\.seconds))
                    let left = r.priced.keys.sorted().map { "\($0) \(r.screenedOut[$0] ?? 0)" }.joined(separator: ", ")
                    md += "| \(label) | \(range(wall)) | \(baseline.map { Text.seconds($0.median) } ?? "–") | \(joint.map { Text.seconds($0.median) } ?? "–")"
                    md += " | \(singles.map(range) ?? "–") | \(r.solved) / \(r.priced.values.reduce(0, +)) | \(left)"
                    md += " | \(runs.allSatisfy(\.firstExact) ? "exact" : "not all exact") |\n"
                }
                md += "\nBrute force / screened: singles \(Text.ratio(a.ratio)), process \(Text.ratio(a.wallRatio)).\n"
            case .joint:
                md += "| status | objective | gain | bound | gap | joint choice | process | chosen |\n|---|--:|--:|--:|--:|--:|--:|---|\n"
                if let j = a.perRun.first?.joint {
                    md += "| \(a.jointStatus ?? j.status) | \(j.objective.map(Text.number) ?? "–") | \(j.gain.map(Text.number) ?? "–")"
                    md += " | \(j.bound.map(Text.number) ?? "–") | \(a.jointGap.map { Text.percent($0.median) } ?? "–")"
                    md += " | \(a.jointSeconds.map(range) ?? "–") | \(range(a.wall)) | \(j.keys.joined(separator: ", ")) |\n"
                }
            case .resilience:
                md += "| process | departures | proven (optimal, or no valid plan) | statuses |\n|--:|--:|--:|---|\n"
                if let r = a.perRun.first {
                    let statuses = (r.departures ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    md += "| \(range(a.wall)) | \(r.departuresCount) | \(a.perRun.map(\.departuresDecided).min() ?? 0) | \(statuses) |\n"
                }
            }
            if let e = a.error { md += "\n- failed: \(e)\n" }
        }
        return md
    }

    /// A peer's run in a table cell: status, time and value.
    func cell(_ r: Peers.Run?) -> String {
        guard let r else { return "–" }
        if r.status == "missing" { return "not installed" }
        return "\(r.status), \(Text.seconds(r.seconds))" + (r.objective.map { ", \(Text.number($0))" } ?? "")
    }

    func count(_ s: Summary) -> String {
        s.min == s.max ? Text.number(s.median) : "\(Text.number(s.median)) (\(Text.number(s.min))–\(Text.number(s.max)))"
    }

    func range(_ s: Summary) -> String {
        s.min == s.max ? Text.seconds(s.median) : "\(Text.seconds(s.median)) (\(Text.seconds(s.min))–\(Text.seconds(s.max)))"
    }
}
