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
)
