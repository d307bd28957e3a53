import ArgumentParser
import DiaBanCore
import DurableFiles
import Foundation
import Planning
import Register
import Reporting
import ScenarioIO

/// `diaban register …`: the province's record of assignments over time.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Keeps who tracked which commune, since when and under which decision, in an SQLite register.",
        discussion: """
            A register is one SQLite file. Every write is one transaction: a command that fails, \
            is refused or is killed leaves the register as it was. Periods are never deleted; a \
            correction is a new decision.

            Exit codes: 0 done; 1 the register could not be read or written (missing, busy, \
            read-only, disk full); 64 usage error; 65 refused: bad data, a file that is not a \
            register, a newer schema, or a decision that does not fit the register.
            """,
        subcommands: [Init.self, Adopt.self, History.self, Show.self, Export.self, Check.self, Backup.self, Visit.self])

    /// Prints a register error and exits 65 (bad data, refused) or 1 (the machine failed).
    static func fail(_ error: RegisterError, _ command: String) -> ExitCode {
        printError("diaban register \(command): \(error.message)")
        return ExitCode(error.isBadData ? ExitStatus.badData : ExitStatus.internalFailure)
    }

    static func day(_ text: String, _ option: String) throws -> Day {
        guard let d = Day(iso: text) else { throw ValidationError("\(option) must be a date written YYYY-MM-DD, e.g. 2026-07-01; \"\(text)\" is not one.") }
        return d
    }

    static func open(_ path: String, _ command: String, readOnly: Bool = false) throws -> Register {
        do { return try Register.open(at: path, readOnly: readOnly) } catch { throw fail(error, command) }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Creates a register from a scenario's officers, communes and current assignment on a date.",
            discussion: "A current table with a since column gives each pair's real start, so that tenure is right from the first day.")
        @Argument(help: "The register file to create (it must not exist).") var db: String
        @Option(help: "The scenario whose roster and current assignment the register starts from.") var scenario: String
        @Option(name: .customLong("as-of"), help: "The date the register starts (YYYY-MM-DD).") var asOf: String
        @Option(help: "The reference of the starting record (default: \"init DATE\").") var reference: String?
        @Option(help: "A note kept with it.") var note = ""

        func validate() throws {
            _ = try RegisterCommand.day(asOf, "--as-of")
            try requireScenarioFile(scenario)
            if reference?.trimmingCharacters(in: .whitespaces).isEmpty == true { throw ValidationError("--reference must not be empty.") }
        }

        func run() throws {
            let day = try RegisterCommand.day(asOf, "--as-of")
            let loaded = try loadScenario(scenario)
            if loaded.inputFiles.contains(where: { AtomicFile.isSameFile($0, db) }) {
                printError("diaban register init: \(db) is one of the scenario's own files; choose another path.")
                throw ExitCode(ExitStatus.usage)
            }
            let s = loaded.scenario
            do {
                let register = try Register.create(at: db, scenario: s, asOf: day, reference: reference, note: note)
                try register.close()
            } catch {
                throw RegisterCommand.fail(error, "init")
            }
            print("created \(db): \(s.officers.count) officers, \(s.communes.count) communes, \(s.current.pairs.count) pairs in force on \(day)")
        }
    }

    struct Adopt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Records a decision: the accepted moves of a plan (and those a rule forces) take effect on a date.",
            discussion: """
                Only moves marked accept in the decisions file, and moves a hard rule forces (an \
                officer on leave, a home commune, the rotation rule), change; every other pair \
                continues. A plan made from a what-if that removes or adds an officer or changes one's \
                status records that roster event too: an officer who leaves has every period end on the \
                date. Refused, with nothing written (exit 65): a reference already recorded, \
                the same plan adopted twice, a date on or before the last decision, a plan made from \
                another state of the register, an accepted move the plan does not have.
                """)
        @Argument(help: "The register.") var db: String
        @Option(help: "plan.json written by diaban solve --out (the re-plan with the decisions, or the plan they were made on).") var plan: String
        @Option(help: "decisions.csv with the leader's decisions.") var decisions: String
        @Option(help: "The date the decision takes effect (YYYY-MM-DD).") var effective: String
        @Option(help: "The decision's reference, e.g. \"Quyết định số 123/QĐ-TU\".") var reference: String
        @Option(help: "A note kept with the decision.") var note = ""

        func validate() throws {
            _ = try RegisterCommand.day(effective, "--effective")
            if reference.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reference must name the decision, e.g. \"Quyết định số 123/QĐ-TU\".") }
            for (option, path) in [("--plan", plan), ("--decisions", decisions)] where !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("No file at \(path) (\(option)).")
            }
        }

        func run() throws {
            let day = try RegisterCommand.day(effective, "--effective")
            let register = try RegisterCommand.open(db, "adopt")
            let report = try readPlan()
            let adopted = report.adoptedPlan(name: plan)
            do { try PreparedAdoption.check(adopted) } catch {
                printError("diaban register adopt: \(error.lines.joined(separator: " "))")
                throw ExitCode(ExitStatus.badData)
            }
            let read: [Decision]
            do {
                let r = try DecisionsFile.read(path: decisions, roster: report.adoptionRoster)
                for w in r.warnings { printError("note: \(w.description)") }
                read = r.decisions
            } catch {
                printError(error.description)
                printError("Nothing was written to \(db).")
                throw ExitCode(ExitStatus.badData)
            }
            let prepared: PreparedAdoption
            do {
                prepared = try PreparedAdoption(plan: adopted, decisions: read, decisionsName: decisions,
                                                reference: reference, effective: day, note: note)
            } catch {
                for line in error.lines { printError(line) }
                printError("Nothing was written to \(db).")
                throw ExitCode(ExitStatus.badData)
            }
            let result: AdoptionResult
            do { result = try register.adopt(prepared.adoption) } catch { throw RegisterCommand.fail(error, "adopt") }
            for line in prepared.summary(result) { print(line) }
        }

        private func readPlan() throws -> SolveReport {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: plan))
                let report = try JSONDecoder().decode(SolveReport.self, from: data)
                guard report.schema == SolveReport.schema else {
                    printError("diaban register adopt: \(plan) is a \(report.schema) document; adopt reads \(SolveReport.schema) (plan.json of diaban solve --out).")
                    throw ExitCode(ExitStatus.badData)
                }
                return report
            } catch let e as ExitCode {
                throw e
            } catch {
                printError("diaban register adopt: \(plan) is not a plan of diaban solve (plan.json of --out): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.badData)
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every period of a commune or an officer: from, to, and the decisions that began and ended it.")
        @Argument(help: "The register.") var db: String
        @Option(help: "A commune's code.") var commune: String?
        @Option(help: "An officer's id.") var officer: String?
        @Option(help: "Output format: text, csv or json.") var format: RegisterReport.Format = .text

        func validate() throws {
            if (commune == nil) == (officer == nil) { throw ValidationError("Give exactly one of --commune CODE and --officer ID.") }
        }

        func run() throws {
            let register = try RegisterCommand.open(db, "history", readOnly: true)
            do {
                let roster = try register.roster()
                let (subject, id) = commune.map { ("commune", $0) } ?? ("officer", officer!)
                let known = subject == "commune" ? roster.communes.map(\.code) : roster.officers.map(\.id)
                guard known.contains(id) else {
                    let near = NearMiss.suggestion(for: id, among: known).map { " Did you mean \($0)?" } ?? ""
                    printError("diaban register history: the register has no \(subject) \(id).\(near)")
                    throw ExitCode(ExitStatus.badData)
                }
                let name = subject == "commune" ? roster.communes.first { $0.code == id }!.name : roster.officers.first { $0.id == id }!.name
                let periods = try register.history(commune: commune, officer: officer)
                let events = try officer.map { try register.rosterEvents(officer: $0) } ?? []
                let communeNames = Dictionary(roster.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
                print(try RegisterReport.history(periods, subject: subject, id: id, name: name, format: format, events: events, communeNames: communeNames),
                      terminator: "")
            } catch let e as RegisterError {
                throw RegisterCommand.fail(e, "history")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The assignment on a date, with each pair's tenure.")
        @Argument(help: "The register.") var db: String
        @Option(name: .customLong("as-of"), help: "The date (YYYY-MM-DD; default: the last decision's effective date).") var asOf: String?
        @Option(help: "Output format: text, csv or json.") var format: RegisterReport.Format = .text

        func validate() throws { if let asOf { _ = try RegisterCommand.day(asOf, "--as-of") } }

        func run() throws {
            let register = try RegisterCommand.open(db, "show", readOnly: true)
            do {
                let held = try register.assignment(on: try asOf.map { try RegisterCommand.day($0, "--as-of") })
                let events = try register.rosterEvents(through: held.day)
                print(try RegisterReport.assignment(held.pairs, on: held.day, format: format, events: events), terminator: "")
            } catch let e as RegisterError {
                throw RegisterCommand.fail(e, "show")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Writes the assignment on a date as a current table a scenario reads (with since dates).",
            discussion: "A scenario can also read the register directly: tables: {current: {register: FILE}} (see scenarios/README.md).")
        @Argument(help: "The register.") var db: String
        @Option(name: .customLong("as-of"), help: "The date (YYYY-MM-DD).") var asOf: String
        @Option(help: "The CSV file to write.") var out: String

        func validate() throws { _ = try RegisterCommand.day(asOf, "--as-of") }

        func run() throws {
            let register = try RegisterCommand.open(db, "export", readOnly: true)
            let held: (day: Day, pairs: [HeldPair])
            do { held = try register.assignment(on: try RegisterCommand.day(asOf, "--as-of")) } catch let e as RegisterError { throw RegisterCommand.fail(e, "export") }
            do {
                try AtomicFile.write(RegisterReport.currentCSV(held.pairs, bom: true), to: out, protecting: [db, db + "-wal"])
            } catch {
                printError("diaban register export: \(error.message)")
                throw ExitCode(error.code == .protectedInput ? ExitStatus.usage : ExitStatus.internalFailure)
            }
            print("wrote \(out): \(held.pairs.count) pairs in force on \(held.day)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks the register: SQLite integrity, foreign keys, no overlapping periods, no period past its officer's departure, every commune staffed on every date.")
        @Argument(help: "The register.") var db: String

        func run() throws {
            let register = try RegisterCommand.open(db, "check", readOnly: true)
            do {
                let problems = try register.check()
                let decisions = try register.decisions()
                if problems.isEmpty {
                    print("\(db): sound — \(decisions.count) decision(s) from \(decisions.first?.effective.description ?? "?") to \(decisions.last?.effective.description ?? "?"); every commune staffed on every date")
                    return
                }
                print("\(db): \(problems.count) problem(s)")
                for p in problems { print("  - \(p)") }
                throw ExitCode(ExitStatus.badData)
            } catch let e as RegisterError {
                throw RegisterCommand.fail(e, "check")
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Copies the register with SQLite's online backup, safe while others read it.")
        @Argument(help: "The register.") var db: String
        @Argument(help: "The copy to write.") var file: String

        func run() throws {
            let register = try RegisterCommand.open(db, "backup", readOnly: true)
            do { try register.backup(to: file) } catch { throw RegisterCommand.fail(error, "backup") }
            print("backed up \(db) to \(file)")
        }
    }
}

extension RegisterReport.Format: ExpressibleByArgument {}

extension RegisterCommand {
    /// `diaban register visit …`: the visits officers made to their communes.
    struct Visit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Records and lists the visits officers made to their communes (what diaban workplan --report compares the plan with).",
            subcommands: [Add.self, Import.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Records one visit.")
            @Argument(help: "The register.") var db: String
            @Option(help: "The day of the visit (YYYY-MM-DD).") var date: String
            @Option(help: "The officer's id.") var officer: String
            @Option(help: "The commune's code.") var commune: String
            @Option(help: "A note kept with it.") var note = ""

            func validate() throws { _ = try RegisterCommand.day(date, "--date") }

            func run() throws {
                let register = try RegisterCommand.open(db, "visit add")
                let v = VisitRecord(day: try RegisterCommand.day(date, "--date"), officer: officer, commune: commune, note: note)
                do { try register.record(visits: [(v, "the visit")]) } catch { throw RegisterCommand.fail(error, "visit add") }
                print("recorded the visit of \(officer) to \(commune) on \(v.day)")
            }
        }

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Records every visit of a CSV table (date, officer, commune, note) in one transaction: all of them, or none.")
            @Argument(help: "The register.") var db: String
            @Argument(help: "The CSV table of visits.") var csv: String

            func run() throws {
                let register = try RegisterCommand.open(db, "visit import")
                let roster: Register.Roster
                do { roster = try register.roster() } catch { throw RegisterCommand.fail(error, "visit import") }
                let rows: [(visit: VisitRecord, line: Int)]
                do {
                    rows = try VisitsFile.read(path: csv, officers: Set(roster.officers.map(\.id)), communes: Set(roster.communes.map(\.code)))
                } catch {
                    printError(error.description)
                    printError("Nothing was written to \(db).")
                    throw ExitCode(ExitStatus.badData)
                }
                let count: Int
                do { count = try register.record(visits: rows.map { ($0.visit, "\(csv) line \($0.line)") }) } catch { throw RegisterCommand.fail(error, "visit import") }
                print("recorded \(count) visit\(count == 1 ? "" : "s") from \(csv)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The visits recorded, oldest first.")
            @Argument(help: "The register.") var db: String
            @Option(help: "Only this commune's.") var commune: String?
            @Option(help: "Only this officer's.") var officer: String?
            @Option(help: "From this day (YYYY-MM-DD).") var from: String?
            @Option(help: "To this day (YYYY-MM-DD).") var to: String?

            func validate() throws {
                if let from { _ = try RegisterCommand.day(from, "--from") }
                if let to { _ = try RegisterCommand.day(to, "--to") }
            }

            func run() throws {
                let register = try RegisterCommand.open(db, "visit list", readOnly: true)
                let visits: [VisitRecord]
                do {
                    visits = try register.visits(from: try from.map { try RegisterCommand.day($0, "--from") }, to: try to.map { try RegisterCommand.day($0, "--to") },
                                                 commune: commune, officer: officer)
                } catch let e as RegisterError { throw RegisterCommand.fail(e, "visit list") }
                print("date,officer,commune,note")
                for v in visits { print(csvLine([v.day.description, v.officer, v.commune, v.note]), terminator: "") }
            }
        }
    }
}
