"""SQLite persistence: one ``Storage`` object, its queries grouped per aggregate."""

from __future__ import annotations

from pathlib import Path

from storage.answers import AnswerQueries
from storage.db import Database
from storage.outbox import OutboxQueries, OutboxRow
from storage.plenary import PlenaryQueries
from storage.privacy import PrivacyQueries
from storage.protocol import Store
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
):
    """Everything the bot reads and writes, on one SQLite file (a ``Store``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    async def open(cls, path: str | Path) -> Storage:
        """Open the file, migrating it to the latest schema."""
        return cls(await Database.open(path))

    async def close(self) -> None:
        """Close the file."""
        await self.db.close()
