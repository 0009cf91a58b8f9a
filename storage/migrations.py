"""Numbered schema migrations. Append new ones; never edit one that has shipped."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "workshops, subgroups, participants, answers, events",
        """
        CREATE TABLE workshops (
            id              INTEGER PRIMARY KEY,
            code            TEXT    NOT NULL UNIQUE,
            goal            TEXT    NOT NULL,
            facilitator_id  INTEGER NOT NULL,
            plenary_chat_id INTEGER NOT NULL,
            lang            TEXT    NOT NULL DEFAULT 'nl',
            phase           TEXT    NOT NULL DEFAULT 'open',
            created_at      TEXT    NOT NULL,
            ended_at        TEXT
        );
        CREATE INDEX workshops_by_facilitator ON workshops (facilitator_id, id);
        CREATE INDEX workshops_by_plenary_chat ON workshops (plenary_chat_id, id);

        CREATE TABLE subgroups (
            id                INTEGER PRIMARY KEY,
            workshop_id       INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            name              TEXT    NOT NULL,
            chat_id           INTEGER,
            thread_id         INTEGER NOT NULL DEFAULT 0,
            status            TEXT    NOT NULL,
            column_no         INTEGER NOT NULL CHECK (column_no BETWEEN 1 AND 5),
            prompt_message_id INTEGER,
            board_message_id  INTEGER,
            joined_at         TEXT    NOT NULL,
            state_changed_at  TEXT    NOT NULL,
            UNIQUE (chat_id, thread_id)
        );
        CREATE INDEX subgroups_by_workshop ON subgroups (workshop_id, id);

        CREATE TABLE participants (
            id          INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            user_id     INTEGER NOT NULL,
            first_name  TEXT    NOT NULL,
            username    TEXT,
            subgroup_id INTEGER REFERENCES subgroups (id) ON DELETE SET NULL,
            joined_at   TEXT    NOT NULL,
            UNIQUE (workshop_id, user_id)
        );

        CREATE TABLE answers (
            id                INTEGER PRIMARY KEY,
            workshop_id       INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            subgroup_id       INTEGER NOT NULL REFERENCES subgroups (id) ON DELETE CASCADE,
            column_no         INTEGER NOT NULL CHECK (column_no BETWEEN 1 AND 5),
            text              TEXT    NOT NULL,
            participant_id    INTEGER REFERENCES participants (id) ON DELETE SET NULL,
            source_chat_id    INTEGER NOT NULL,
            source_message_id INTEGER NOT NULL,
            created_at        TEXT    NOT NULL,
            edited_at         TEXT,
            UNIQUE (source_chat_id, source_message_id)
        );
        CREATE INDEX answers_by_subgroup ON answers (subgroup_id, column_no, id);

        -- Append-only history of state changes. ``source`` makes a command that
        -- Telegram delivers twice (after a crash) change the state only once.
        CREATE TABLE events (
            id          INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            subgroup_id INTEGER REFERENCES subgroups (id) ON DELETE CASCADE,
            kind        TEXT    NOT NULL,
            from_state  TEXT,
            to_state    TEXT,
            actor_id    INTEGER,
            source      TEXT UNIQUE,
            at          TEXT    NOT NULL
        );
        CREATE INDEX events_by_workshop ON events (workshop_id, id);
        """,
    ),
    (
        2,
        "phases, plenary drafts, co-facilitators, paper tables, status board",
        """
        UPDATE workshops SET phase = 'opening' WHERE phase = 'open';
        ALTER TABLE workshops ADD COLUMN phase_changed_at TEXT;
        UPDATE workshops SET phase_changed_at = created_at;
        ALTER TABLE workshops ADD COLUMN plenary_column INTEGER;
        ALTER TABLE workshops ADD COLUMN status_chat_id INTEGER;
        ALTER TABLE workshops ADD COLUMN status_thread_id INTEGER;
        ALTER TABLE workshops ADD COLUMN status_message_id INTEGER;
        -- The secret in the link that makes someone a co-facilitator.
        ALTER TABLE workshops ADD COLUMN cofac_code TEXT;
        CREATE UNIQUE INDEX workshops_cofac_code ON workshops (cofac_code);

        -- A subgroup's number within its workshop, as the facilitator refers to it.
        ALTER TABLE subgroups ADD COLUMN number INTEGER;
        UPDATE subgroups SET number = (
            SELECT COUNT(*) FROM subgroups AS earlier
            WHERE earlier.workshop_id = subgroups.workshop_id AND earlier.id <= subgroups.id
        );
        CREATE UNIQUE INDEX subgroups_number ON subgroups (workshop_id, number);

        -- One message may hold several answers (a paper table's column typed in at
        -- once): the part tells them apart, and keeps each stored exactly once.
        CREATE TABLE answers_v2 (
            id                INTEGER PRIMARY KEY,
            workshop_id       INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            subgroup_id       INTEGER NOT NULL REFERENCES subgroups (id) ON DELETE CASCADE,
            column_no         INTEGER NOT NULL CHECK (column_no BETWEEN 1 AND 5),
            text              TEXT    NOT NULL,
            participant_id    INTEGER REFERENCES participants (id) ON DELETE SET NULL,
            source_chat_id    INTEGER NOT NULL,
            source_message_id INTEGER NOT NULL,
            source_part       INTEGER NOT NULL DEFAULT 0,
            created_at        TEXT    NOT NULL,
            edited_at         TEXT,
            UNIQUE (source_chat_id, source_message_id, source_part)
        );
        INSERT INTO answers_v2 (id, workshop_id, subgroup_id, column_no, text, participant_id,
            source_chat_id, source_message_id, created_at, edited_at)
            SELECT id, workshop_id, subgroup_id, column_no, text, participant_id,
            source_chat_id, source_message_id, created_at, edited_at FROM answers;
        DROP TABLE answers;
        ALTER TABLE answers_v2 RENAME TO answers;
        CREATE INDEX answers_by_subgroup ON answers (subgroup_id, column_no, id);
        CREATE INDEX answers_by_workshop ON answers (workshop_id, column_no, id);

        CREATE TABLE cofacilitators (
            workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            user_id     INTEGER NOT NULL,
            added_at    TEXT    NOT NULL,
            PRIMARY KEY (workshop_id, user_id)
        );

        -- The facilitator's working list for one column in a plenary round, and the
        -- confirmed result. ``version`` guards against two facilitators at once.
        CREATE TABLE plenary_drafts (
            workshop_id  INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            column_no    INTEGER NOT NULL CHECK (column_no BETWEEN 1 AND 5),
            items        TEXT    NOT NULL,
            history      TEXT    NOT NULL DEFAULT '[]',
            version      INTEGER NOT NULL DEFAULT 1,
            chat_id      INTEGER,
            thread_id    INTEGER,
            message_id   INTEGER,
            confirmed_at TEXT,
            voting       INTEGER NOT NULL DEFAULT 0,  -- 1 while participants vote on it
            PRIMARY KEY (workshop_id, column_no)
        );

        -- Prioritising: each participant's votes on the items of a column's list.
        CREATE TABLE votes (
            workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            column_no   INTEGER NOT NULL,
            user_id     INTEGER NOT NULL,
            position    INTEGER NOT NULL,
            PRIMARY KEY (workshop_id, column_no, user_id, position)
        );
        CREATE TABLE vote_messages (
            workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            column_no   INTEGER NOT NULL,
            chat_id     INTEGER NOT NULL,
            message_id  INTEGER NOT NULL,
            PRIMARY KEY (chat_id, message_id)
        );
        """,
    ),
    (
        3,
        "facilitation: durations, reminders, roles and networks, chat activity",
        """
        -- The facilitator's own durations per step, as JSON {"kolommen": 75}.
        ALTER TABLE workshops ADD COLUMN durations TEXT;
        ALTER TABLE workshops ADD COLUMN reminders_off INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE workshops ADD COLUMN reminder_cap_minutes INTEGER NOT NULL DEFAULT 8;
        ALTER TABLE workshops ADD COLUMN homogeneous INTEGER NOT NULL DEFAULT 0;
        -- The facilitator's split of participants over subgroups, until confirmed (JSON).
        ALTER TABLE workshops ADD COLUMN split_proposal TEXT;
        ALTER TABLE subgroups ADD COLUMN reminders_muted INTEGER NOT NULL DEFAULT 0;
        -- Silent writing: which columns ({"columns": [2, 3]} or {"all": true}) and whether
        -- the reveal hides authors; answers written privately stay hidden until revealed.
        ALTER TABLE workshops ADD COLUMN silent TEXT;
        ALTER TABLE answers ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE participants ADD COLUMN role TEXT;
        ALTER TABLE participants ADD COLUMN network TEXT;
        ALTER TABLE participants ADD COLUMN play_role TEXT;

        -- What happens in a subgroup besides answers, for the reminder policy: messages
        -- and replies between members (when the bot can see them) and reminders sent.
        CREATE TABLE activity (
            id             INTEGER PRIMARY KEY,
            workshop_id    INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            subgroup_id    INTEGER NOT NULL REFERENCES subgroups (id) ON DELETE CASCADE,
            kind           TEXT    NOT NULL,
            participant_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
            column_no      INTEGER,
            detail         TEXT,
            at             TEXT    NOT NULL
        );
        CREATE INDEX activity_by_subgroup ON activity (subgroup_id, id);
        """,
    ),
    (
        4,
        "unit of work: updates handled once, and an outbox of messages still to send",
        """
        -- Every update that a use case handled (a message 'msg:<chat>:<id>', a button
        -- press 'cb:<query id>'), written in the same transaction as what it changed, so
        -- an update Telegram delivers again after a crash changes nothing.
        CREATE TABLE handled_updates (
            source TEXT PRIMARY KEY,
            at     TEXT NOT NULL
        ) WITHOUT ROWID;
        -- The votes each person has in a column's vote, set when the vote starts: a
        -- button's data is never trusted for it.
        ALTER TABLE plenary_drafts ADD COLUMN votes_each INTEGER NOT NULL DEFAULT 3;
        -- Updates fetched from Telegram and not yet handled: written before Telegram is
        -- told it may forget them, deleted once handled; what is left at a restart is
        -- handled then (and handled_updates makes a second time change nothing).
        CREATE TABLE inbox (
            update_id INTEGER PRIMARY KEY,
            body      TEXT NOT NULL
        );
        -- What a use case decided to send, written with its state change; the shell sends
        -- it per lane (a chat, a subgroup or a workshop's plenary), in order, and deletes
        -- the row once Telegram has it. What is left at a restart is sent then.
        CREATE TABLE outbox (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            lane       TEXT    NOT NULL,
            action     TEXT    NOT NULL,
            created_at TEXT    NOT NULL
        );
        """,
    ),
    (
        5,
        "the room's screen: a projector link per workshop",
        """
        -- The projector link of a workshop's live board (/scherm): an unguessable token.
        -- Deleting the row (/scherm uit, the end of the workshop) revokes the projector
        -- link and every control link made while it stood, which name its tag.
        CREATE TABLE screens (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops (id) ON DELETE CASCADE,
            token       TEXT    NOT NULL UNIQUE,
            created_at  TEXT    NOT NULL
        );
        -- A workshop that ended has no screen.
        CREATE TRIGGER screens_end_with_workshop AFTER UPDATE OF phase ON workshops
        WHEN NEW.phase = 'afgerond'
        BEGIN
            DELETE FROM screens WHERE workshop_id = NEW.id;
        END;
        """,
    ),
    (
        6,
        "consent: members who left, co-facilitator offers, the workshop a person chose",
        """
        -- When a participant left (or was removed from) their subgroup's chat; NULL while
        -- they are in it. Who left no longer counts: not waited for, not named, and what
        -- they send in private is not kept.
        ALTER TABLE participants ADD COLUMN left_at TEXT;
        -- Someone asked to co-facilitate (/cofac as a reply): they become co-facilitator
        -- only when they press yes themselves. The button names the offer's id.
        CREATE TABLE cofacilitator_offers (
            id          INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            user_id     INTEGER NOT NULL,
            offered_at  TEXT    NOT NULL,
            UNIQUE (workshop_id, user_id)
        );
        -- The workshop a person's commands in their private chat are about, when they
        -- (co-)facilitate more than one: the one they made, said yes to or chose last.
        CREATE TABLE workshop_choices (
            user_id     INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            chosen_at   TEXT    NOT NULL
        );
        """,
    ),
    (
        7,
        "limits: long lists and status boards are shown a page at a time",
        """
        -- The page of a long list the facilitator turned to on the plenary board, and of
        -- the status board; both are edited in place and keep their page.
        ALTER TABLE plenary_drafts ADD COLUMN board_page INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE workshops ADD COLUMN status_page INTEGER NOT NULL DEFAULT 1;
        """,
    ),
    (
        8,
        "one bot per database (a lease), and reads of the reminder policy that do not grow",
        """
        -- The bot that runs on this file: one row at most. A second `partnerschapkaart
        -- run` finds it and stops; it takes over only when the first is gone (its
        -- heartbeat is old, or on the same computer its process no longer exists).
        CREATE TABLE bot_lease (
            id        INTEGER PRIMARY KEY CHECK (id = 1),
            host      TEXT    NOT NULL,
            pid       INTEGER NOT NULL,
            since     TEXT    NOT NULL,
            heartbeat TEXT    NOT NULL
        );
        -- The reminder policy, asked after every answer, counts each person's answers in
        -- a column only as far as it needs, and reads the last minutes only.
        CREATE INDEX answers_by_person ON answers (subgroup_id, column_no, participant_id,
            created_at);
        CREATE INDEX answers_by_time ON answers (subgroup_id, column_no, created_at);
        CREATE INDEX activity_by_kind ON activity (subgroup_id, kind, at);
        CREATE INDEX activity_by_person ON activity (subgroup_id, participant_id, kind, at);
        """,
    ),
    (
        9,
        "the second meeting (a follow-up names its first meeting), and the closing round",
        """
        -- The mixed follow-up of a homogeneous workshop (/vervolg) names the first meeting:
        -- its maps and comparison are the follow-up's starting material and are in its export.
        ALTER TABLE workshops ADD COLUMN previous_id INTEGER
            REFERENCES workshops (id) ON DELETE SET NULL;
        CREATE INDEX workshops_by_previous ON workshops (previous_id);
        -- The closing round (/afsluiten, the method's learning outcomes): when it started,
        -- and each answer to "what have we learned?" and "what do we take home?".
        ALTER TABLE workshops ADD COLUMN closing_at TEXT;
        CREATE TABLE closing_answers (
            id             INTEGER PRIMARY KEY,
            workshop_id    INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            participant_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
            question       TEXT    NOT NULL CHECK (question IN ('geleerd', 'meenemen')),
            text           TEXT    NOT NULL,
            source         TEXT    NOT NULL UNIQUE,
            created_at     TEXT    NOT NULL
        );
        CREATE INDEX closing_answers_by_workshop ON closing_answers (workshop_id, id);
        """,
    ),
    (
        10,
        "the group decides together: a /klaar asks the group, open for a minute",
        """
        -- A member's /klaar asks the group whether a column is done. It closes at a second
        -- member's yes, or at the deadline when nobody said no; a no ends the question.
        -- The question is about the subgroup's state when asked (its column and the moment
        -- that state began): once the state changed, the question is void. An id is never
        -- reused (AUTOINCREMENT), so a button of an old question never matches a new one.
        CREATE TABLE group_ready (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            workshop_id      INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
            subgroup_id      INTEGER NOT NULL REFERENCES subgroups (id) ON DELETE CASCADE,
            column_no        INTEGER NOT NULL CHECK (column_no BETWEEN 1 AND 5),
            state_changed_at TEXT    NOT NULL,
            user_id          INTEGER,
            asked_at         TEXT    NOT NULL,
            deadline         TEXT    NOT NULL,
            message_id       INTEGER,
            closed_at        TEXT,
            outcome          TEXT
        );
        -- At most one open question per subgroup; the clock reads the open ones.
        CREATE UNIQUE INDEX group_ready_open ON group_ready (subgroup_id)
            WHERE closed_at IS NULL;
        CREATE INDEX group_ready_due ON group_ready (deadline) WHERE closed_at IS NULL;
        """,
    ),
    (
        11,
        "the plenary list keeps answers the facilitator took off it off, when late ones come",
        """
        -- The answers the facilitator took off a column's list (/weg, 🗑). A late answer
        -- (a paper table typed during the plenary) is proposed into the list; these are
        -- not. A list that exists already counts every answer of its column as seen.
        ALTER TABLE plenary_drafts ADD COLUMN left_out TEXT NOT NULL DEFAULT '[]';
        UPDATE plenary_drafts SET left_out = (
            SELECT json_group_array(a.id) FROM answers a
            WHERE a.workshop_id = plenary_drafts.workshop_id
              AND a.column_no = plenary_drafts.column_no
        );
        """,
    ),
)
