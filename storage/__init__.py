"""SQLite persistence: one ``Storage`` object, its queries grouped per aggregate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storage.answers import AnswerQueries
from storage.db import Database
from storage.followup import FollowupQueries
from storage.group_ready import GroupReadyQueries
from storage.lease import LeaseQueries
from storage.outbox import OutboxQueries, OutboxRow
from storage.plenary import PlenaryQueries
from storage.privacy import PrivacyQueries
from storage.protocol import Store
from storage.screens import ScreenQueries
from storage.subgroups import ChatAlreadyLinked, SubgroupQueries
from storage.workshops import WorkshopQueries

__all__ = ["ChatAlreadyLinked", "Database", "OutboxRow", "Storage", "Store"]


class Storage(
    WorkshopQueries,
    SubgroupQueries,
    AnswerQueries,
    PlenaryQueries,
    PrivacyQueries,
    OutboxQueries,
    ScreenQueries,
    LeaseQueries,
    FollowupQueries,
    GroupReadyQueries,
):
    """Everything the bot reads and writes, on one SQLite file (a ``Store``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    async def open(cls, path: str | Path) -> Storage:
        """Open the file, migrating it to the latest schema."""
        return cls(await Database.open(path))

    @classmethod
    async def open_snapshot(cls, path: str | Path) -> Storage:
        """A copy of the file in memory, to read from; the file is not written."""
        return cls(await Database.open_snapshot(path))

    def on_commit(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every committed write (the live board follows them)."""
        self.db.on_commit(listener)

    async def close(self) -> None:
        """Close the file."""
        await self.db.close()
