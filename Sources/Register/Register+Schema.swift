import GRDB

/// The register's tables, created and upgraded by one `DatabaseMigrator`. A migration, once
/// released, is never edited: a change of schema is a new migration appended here, so that a
/// register made by this version opens, upgraded, in every later one.
enum Schema {
    static let identifiers = ["v1", "v2-visits", "v3-roster-events"]
    /// Migrations that only add a table a reader can do without: a register still lacking
    /// them opens read-only (and is upgraded when next opened for writing).
    static let optionalForReading: Set<String> = ["v3-roster-events"]

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE officer (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL
                );
                CREATE TABLE commune (
                    code TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    staffing INTEGER NOT NULL CHECK (staffing >= 1)
                );
                CREATE TABLE decision (
                    id INTEGER PRIMARY KEY,
                    reference TEXT NOT NULL UNIQUE CHECK (reference <> ''),
                    effective TEXT NOT NULL CHECK (effective GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    kind TEXT NOT NULL CHECK (kind IN ('init', 'adopt')),
                    note TEXT NOT NULL DEFAULT '',
                    plan TEXT NOT NULL DEFAULT ''
                );
                CREATE TABLE period (
                    id INTEGER PRIMARY KEY,
                    officer TEXT NOT NULL REFERENCES officer(id),
                    commune TEXT NOT NULL REFERENCES commune(code),
                    start_date TEXT NOT NULL,
                    end_date TEXT,
                    started_by INTEGER NOT NULL REFERENCES decision(id),
                    ended_by INTEGER REFERENCES decision(id),
                    CHECK (end_date IS NULL OR end_date > start_date),
                    CHECK ((end_date IS NULL) = (ended_by IS NULL))
                );
                -- What a decision refused: a rejected move's new pair, or a pair kept as it was.
                -- The last decision's refusals stand until the next decision.
                CREATE TABLE refusal (
                    decision INTEGER NOT NULL REFERENCES decision(id),
                    officer TEXT NOT NULL REFERENCES officer(id),
                    commune TEXT NOT NULL REFERENCES commune(code),
                    verdict TEXT NOT NULL CHECK (verdict IN ('reject', 'keep')),
                    PRIMARY KEY (decision, officer, commune)
                );
                CREATE TRIGGER refusal_no_delete BEFORE DELETE ON refusal
                    BEGIN SELECT RAISE(ABORT, 'refusals are never deleted'); END;
                CREATE TRIGGER refusal_no_update BEFORE UPDATE ON refusal
                    BEGIN SELECT RAISE(ABORT, 'refusals are never changed'); END;
                CREATE UNIQUE INDEX period_open ON period(officer, commune) WHERE end_date IS NULL;
                CREATE INDEX period_commune ON period(commune, start_date);
                CREATE INDEX period_officer ON period(officer, start_date);

                -- The record is never rewritten: periods and decisions are not deleted, a
                -- period only ever gains its end, once.
                CREATE TRIGGER period_no_delete BEFORE DELETE ON period
                    BEGIN SELECT RAISE(ABORT, 'periods are never deleted; record a correcting decision instead'); END;
                CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
                    BEGIN SELECT RAISE(ABORT, 'decisions are never deleted'); END;
                CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
                    BEGIN SELECT RAISE(ABORT, 'decisions are never changed'); END;
                CREATE TRIGGER period_only_ends BEFORE UPDATE ON period
                    WHEN OLD.end_date IS NOT NULL OR NEW.officer IS NOT OLD.officer OR NEW.commune IS NOT OLD.commune
                      OR NEW.start_date IS NOT OLD.start_date OR NEW.started_by IS NOT OLD.started_by
                    BEGIN SELECT RAISE(ABORT, 'a period only ever gains its end, once'); END;
                CREATE TRIGGER period_no_overlap BEFORE INSERT ON period
                    WHEN EXISTS (SELECT 1 FROM period p WHERE p.officer = NEW.officer AND p.commune = NEW.commune
                                 AND (p.end_date IS NULL OR p.end_date > NEW.start_date)
                                 AND (NEW.end_date IS NULL OR NEW.end_date > p.start_date))
                    BEGIN SELECT RAISE(ABORT, 'periods of one pair never overlap'); END;
                """)
        }
        // The visits officers made to their communes (diaban register visit), for the work
        // plan's progress report. Self-contained: it only adds its own table.
        m.registerMigration("v2-visits") { db in
            try db.execute(sql: """
                CREATE TABLE visit (
                    id INTEGER PRIMARY KEY,
                    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    officer TEXT NOT NULL REFERENCES officer(id),
                    commune TEXT NOT NULL REFERENCES commune(code),
                    note TEXT NOT NULL DEFAULT '',
                    UNIQUE (day, officer, commune)
                );
                CREATE INDEX visit_commune ON visit(commune, day);
                CREATE INDEX visit_officer ON visit(officer, day);
                CREATE TRIGGER visit_no_delete BEFORE DELETE ON visit
                    BEGIN SELECT RAISE(ABORT, 'visits are never deleted'); END;
                CREATE TRIGGER visit_no_update BEFORE UPDATE ON visit
                    BEGIN SELECT RAISE(ABORT, 'visits are never changed'); END;
                """)
        }
        // Roster events (an officer leaves, joins, goes on leave or returns), each dated and
        // tied to the decision that records it. Self-contained: it only adds its own table, so
        // a register without it can still be read (it then has no event).
        m.registerMigration("v3-roster-events") { db in
            try db.execute(sql: """
                CREATE TABLE roster_event (
                    id INTEGER PRIMARY KEY,
                    decision INTEGER NOT NULL REFERENCES decision(id),
                    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    officer TEXT NOT NULL REFERENCES officer(id),
                    kind TEXT NOT NULL CHECK (kind IN ('leaves', 'joins', 'on-leave', 'returns')),
                    UNIQUE (decision, officer)
                );
                CREATE INDEX roster_event_officer ON roster_event(officer, day);
                CREATE TRIGGER roster_event_no_delete BEFORE DELETE ON roster_event
                    BEGIN SELECT RAISE(ABORT, 'roster events are never deleted'); END;
                CREATE TRIGGER roster_event_no_update BEFORE UPDATE ON roster_event
                    BEGIN SELECT RAISE(ABORT, 'roster events are never changed'); END;
                -- An officer who left begins no period from their departure on, unless they joined again.
                CREATE TRIGGER period_not_after_leaving BEFORE INSERT ON period
                    WHEN EXISTS (SELECT 1 FROM roster_event l WHERE l.officer = NEW.officer AND l.kind = 'leaves' AND l.day <= NEW.start_date
                                 AND NOT EXISTS (SELECT 1 FROM roster_event j WHERE j.officer = l.officer AND j.kind = 'joins'
                                                 AND j.day > l.day AND j.day <= NEW.start_date))
                    BEGIN SELECT RAISE(ABORT, 'an officer who left begins no period after leaving'); END;
                """)
        }
        return m
    }
}
