"""The storage interface (storage.protocol.Store): SQLite satisfies it, the bot needs no more."""

from __future__ import annotations

import inspect
import re
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import get_origin

import pytest

from storage import Storage, Store

BOT = Path(__file__).resolve().parents[2] / "bot"
MEMBERS = sorted(n for n, v in vars(Store).items() if callable(v) and not n.startswith("_"))
# What is used of the storage (``s.storage.get_workshop(``, ``self.storage.db``) or of the
# inbox the poller is handed (``self.inbox().keep_updates(``); import lines name modules.
USE = re.compile(r"\b(?:storage|store|inbox\(\))\.(\w+)")
IMPORT = re.compile(r"\s*(?:from|import)\s")


def _signature(owner: type, name: str) -> inspect.Signature:
    return inspect.signature(getattr(owner, name), eval_str=True)


def _uses_in(files: list[Path]) -> dict[str, list[str]]:
    uses: dict[str, list[str]] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if IMPORT.match(line):
                continue
            for name in USE.findall(line):
                uses.setdefault(name, []).append(str(path.relative_to(BOT.parent)))
    return uses


def _bot_files() -> list[Path]:
    # The shells: the bot and the live board. The sandbox is a fake Telegram, not a user
    # of storage.
    shells = [*BOT.rglob("*.py"), *(BOT.parent / "web").rglob("*.py")]
    return [p for p in sorted(shells) if "sandbox" not in p.parts]


async def test_the_sqlite_storage_is_a_store(storage):
    assert isinstance(storage, Store)


def test_a_backend_missing_a_method_is_not_a_store():
    class Partial:
        async def get_workshop(self, workshop_id: int) -> None:
            return None

    assert not isinstance(Partial(), Store)


# The Store's only method that does not wait: it registers a callback.
PLAIN_METHODS = frozenset({"on_commit"})


@pytest.mark.parametrize("name", MEMBERS)
def test_each_store_method_exists_on_sqlite_with_the_same_signature(name):
    declared, sqlite = _signature(Store, name), _signature(Storage, name)
    assert list(sqlite.parameters.values()) == list(declared.parameters.values())
    if get_origin(declared.return_annotation) is AbstractAsyncContextManager:
        return  # an async context manager: checked by entering it, below
    assert sqlite.return_annotation == declared.return_annotation
    if name in PLAIN_METHODS:
        assert not inspect.iscoroutinefunction(getattr(Storage, name)), name
    else:
        assert inspect.iscoroutinefunction(getattr(Storage, name)), name


async def test_the_unit_of_work_is_an_async_context_manager(storage):
    unit = storage.unit_of_work()
    assert isinstance(unit, AbstractAsyncContextManager)
    async with unit:
        assert await storage.mark_handled("update:1", "2026-11-29T10:00:00.000+00:00")


def test_the_use_cases_use_only_store_methods():
    uses = _uses_in(sorted((BOT / "usecases").glob("*.py")))
    assert len(uses) > 20, "the scan found few storage calls: has the pattern gone stale?"
    missing = {name: where for name, where in uses.items() if name not in MEMBERS}
    assert not missing, f"declare these in storage.protocol.Store (never db): {missing}"


def test_the_shell_uses_only_store_methods():
    missing = {n: w for n, w in _uses_in(_bot_files()).items() if n not in MEMBERS}
    assert not missing, f"declare these in storage.protocol.Store (never db): {missing}"


def test_every_store_method_is_used_by_the_bot():
    unused = set(MEMBERS) - set(_uses_in(_bot_files()))
    assert not unused, f"nothing in bot/ calls these; drop them from Store: {sorted(unused)}"
