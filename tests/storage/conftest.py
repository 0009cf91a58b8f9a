"""What the storage tests share: a real SQLite file per test."""

import pytest

from storage import Storage


@pytest.fixture
async def storage(tmp_path):
    store = await Storage.open(tmp_path / "kaart.sqlite3")
    yield store
    await store.close()
