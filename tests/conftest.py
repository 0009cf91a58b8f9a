"""Shared test set-up: no test may reach the internet."""

import os
from urllib.parse import urlparse

import pytest
from telegram.request import HTTPXRequest

os.environ.setdefault("PTB_TIMEDELTA", "true")

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Fail any Bot API call that is not aimed at the local sandbox."""
    real = HTTPXRequest.do_request

    async def guarded(self, url, *args, **kwargs):
        host = urlparse(url).hostname
        if host not in _LOOPBACK:
            raise AssertionError(f"a test tried to reach the network: {host}")
        return await real(self, url, *args, **kwargs)

    monkeypatch.setattr(HTTPXRequest, "do_request", guarded)
