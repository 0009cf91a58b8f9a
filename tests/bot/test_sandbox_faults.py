"""Fault injection in the sandbox, seen through python-telegram-bot's own Bot over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

import aiohttp
import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.demo import DemoClock, TranscriptPrinter
from bot.sandbox import FaultPlan, InjectedFault, Sandbox


@pytest.fixture(autouse=True)
def _timedelta_retry_after(monkeypatch):
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB 22 warns on int retry_after otherwise


@pytest.fixture
async def sandbox():
    async with Sandbox() as sb:
        yield sb


@pytest.fixture
async def bot(sandbox):
    b = Bot(sandbox.token, base_url=sandbox.base_url, base_file_url=sandbox.base_file_url)
    async with b:
        yield b


def impatient_bot(sandbox: Sandbox, read_timeout: float) -> Bot:
    """A Bot that gives up on a reply after ``read_timeout`` seconds, polls included."""
    return Bot(
        sandbox.token,
        base_url=sandbox.base_url,
        request=HTTPXRequest(read_timeout=read_timeout),
        get_updates_request=HTTPXRequest(read_timeout=read_timeout),
    )


def always(kind: str, **kw) -> FaultPlan:
    return FaultPlan(share=1.0, kinds=(kind,), **kw)


async def raw_post(sandbox: Sandbox, method: str, data: dict) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as http:
        url = f"{sandbox.base_url}{sandbox.token}/{method}"
        async with http.post(url, data=data) as resp:
            return resp.status, await resp.json()


# --------------------------------------------------------------------------- the plan


def test_fault_plan_validates():
    plan = FaultPlan(share=0.1, kinds=("429", "slow"))
    assert (plan.seed, plan.methods, plan.slow_seconds, plan.retry_after) == (0, None, 12.0, 1)
    assert plan.covers("sendMessage")
    assert not plan.covers("getUpdates")
    only = FaultPlan(share=1, kinds=("500",), methods=frozenset({"getUpdates"}))
    assert only.covers("getupdates")
    assert not only.covers("sendMessage")
    with pytest.raises(ValueError, match="share"):
        FaultPlan(share=1.5, kinds=("500",))
    with pytest.raises(ValueError, match="unknown fault kinds"):
        FaultPlan(share=0.1, kinds=("503",))
    with pytest.raises(ValueError, match="at least one"):
        FaultPlan(share=0.1, kinds=())
    with pytest.raises(TypeError):
        FaultPlan(share=0.1, kinds="429")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="retry_after"):
        FaultPlan(share=0.1, kinds=("429",), retry_after=0)


# --------------------------------------------------------------------------- each kind


async def test_429_gives_retry_after_and_applies_nothing(sandbox, bot):
    chat = sandbox.private_chat(sandbox.add_user("Anna"))
    sandbox.set_faults(always("429", retry_after=3))
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(chat.id, "hallo")
    assert info.value.retry_after == timedelta(seconds=3)
    status, body = await raw_post(sandbox, "sendMessage", {"chat_id": chat.id, "text": "x"})
    assert status == 429
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert sandbox.bot_messages(chat) == []
    assert [(f.method, f.kind) for f in sandbox.faults_injected] == [("sendMessage", "429")] * 2
    assert isinstance(sandbox.faults_injected[0], InjectedFault)
    assert isinstance(sandbox.faults_injected[0].time, float)
    faults = [e for e in sandbox.events if e.kind == "fault"]
    assert len(faults) == 2
    assert faults[0].chat_id == chat.id
    assert "sendMessage" in faults[0].text
    assert "429" in faults[0].text
    assert sandbox.rate_limited_count == 0  # not Telegram's flood control: an injected fault

    sandbox.set_faults(None)
    msg = await bot.send_message(chat.id, "hallo")
    assert sandbox.last_bot_message(chat).message_id == msg.message_id == 1


@pytest.mark.parametrize(
    ("kind", "description"), [("500", "Internal Server Error"), ("502", "Bad Gateway")]
)
async def test_5xx_gives_network_error_and_applies_nothing(sandbox, bot, kind, description):
    chat = sandbox.private_chat(sandbox.add_user("Bram"))
    sandbox.set_faults(always(kind))
    with pytest.raises(NetworkError) as info:
        await bot.send_message(chat.id, "hallo")
    assert type(info.value) is NetworkError
    assert str(info.value) == description
    status, body = await raw_post(sandbox, "sendMessage", {"chat_id": chat.id, "text": "x"})
    assert status == int(kind)
    assert body == {"ok": False, "error_code": int(kind), "description": description}
    assert sandbox.bot_messages(chat) == []
    assert sandbox.internal_errors == []
    await sandbox.wait_idle(quiet=0.05)


async def test_drop_gives_network_error_applies_nothing_and_is_not_in_flight(sandbox, bot):
    chat = sandbox.private_chat(sandbox.add_user("Chris"))
    sandbox.set_faults(always("drop"))
    with pytest.raises(NetworkError) as info:
        await bot.send_message(chat.id, "hallo")
    assert not isinstance(info.value, TimedOut)
    assert "disconnected" in str(info.value).lower()
    assert sandbox.bot_messages(chat) == []
    await sandbox.wait_idle(quiet=0.05, timeout=2)  # raises while a call is in flight
    sandbox.set_faults(None)
    await bot.send_message(chat.id, "weer goed")  # the client recovers on a new connection
    assert [m.text for m in sandbox.bot_messages(chat)] == ["weer goed"]


async def test_slow_reply_times_out_but_the_message_is_sent_once(sandbox):
    chat = sandbox.private_chat(sandbox.add_user("Dewi"))
    b = impatient_bot(sandbox, 0.5)
    async with b:  # initialize() calls getMe: fault only what comes after
        sandbox.set_faults(always("slow", slow_seconds=1.0))
        with pytest.raises(TimedOut):
            await b.send_message(chat.id, "Welkom")
        # applied although the client never learned the message id
        assert [m.text for m in sandbox.bot_messages(chat)] == ["Welkom"]
        said = [e for e in sandbox.events if e.actor.startswith("🤖")]
        assert [e.text for e in said] == ["Welkom"]  # the users saw it
        # the held reply counts as in flight until it is written (that wait_idle does not
        # return while it is held: test_wait_idle_times_out_while_a_reply_is_held)
        await sandbox.wait_idle(quiet=0.05, timeout=3)
        sandbox.set_faults(None)
        await b.send_message(chat.id, "Tweede")
    assert [m.text for m in sandbox.bot_messages(chat)] == ["Welkom", "Tweede"]
    assert len(sandbox.calls_named("sendMessage")) == 2
    assert [(f.method, f.kind) for f in sandbox.faults_injected] == [("sendMessage", "slow")]


async def test_wait_idle_times_out_while_a_reply_is_held(sandbox):
    chat = sandbox.private_chat(sandbox.add_user("Eva"))
    b = impatient_bot(sandbox, 0.2)
    async with b:
        sandbox.set_faults(always("slow", slow_seconds=60.0))
        with pytest.raises(TimedOut):
            await b.send_message(chat.id, "hallo")
        with pytest.raises(AssertionError, match="1 calls in flight"):
            await sandbox.wait_idle(quiet=0.05, timeout=0.3)
    # stopping the sandbox (fixture teardown) releases the held reply at once


async def test_stop_answers_held_replies_instead_of_dropping_them():
    plan = always("slow", slow_seconds=3600.0, methods=frozenset({"sendMessage"}))
    async with Sandbox(faults=plan) as sandbox:
        chat = sandbox.private_chat(sandbox.add_user("Fien"))
        patient = Bot(
            sandbox.token, base_url=sandbox.base_url, request=HTTPXRequest(read_timeout=None)
        )
        async with patient:  # waits for its reply however long it is held
            sending = asyncio.create_task(patient.send_message(chat.id, "hallo"))
            await sandbox.wait_until(lambda: sandbox.bot_messages(chat))  # sent, reply held
            assert not sending.done()
            await sandbox.stop()
            # The reply is written at once; without the release the server would cut the
            # connection at its shutdown timeout and the client would get a NetworkError.
            message = await sending
    assert message.text == "hallo"
    assert sandbox._inflight == 0


# --------------------------------------------------------------------------- selection


async def test_share_is_respected_and_reproducible(sandbox, bot):
    chat = sandbox.private_chat(sandbox.add_user("Gijs"))
    plan = FaultPlan(share=0.1, kinds=("429", "500", "502"), seed=42)

    async def run() -> list[int]:
        sandbox.set_faults(plan)
        failed = []
        for i in range(200):
            try:
                await bot.send_message(chat.id, str(i))
            except (RetryAfter, NetworkError):
                failed.append(i)
        return failed

    first = await run()
    assert 8 <= len(first) <= 35
    assert len(first) == 22  # fixed by the seed
    assert len(sandbox.faults_injected) == len(first)
    assert len(sandbox.bot_messages(chat)) == 200 - len(first)
    assert {f.kind for f in sandbox.faults_injected} == {"429", "500", "502"}
    assert await run() == first  # the same seed, the same calls: the same faults
    assert len([e for e in sandbox.events if e.kind == "fault"]) == 2 * len(first)


async def test_get_updates_is_untouched_unless_listed(sandbox, bot):
    anna = sandbox.add_user("Hanna")
    sandbox.set_faults(always("500"))
    await sandbox.send_message(sandbox.private_chat(anna), anna, "/start")
    updates = await bot.get_updates(timeout=0)
    assert [u.message.text for u in updates] == ["/start"]
    with pytest.raises(NetworkError):
        await bot.get_me()
    assert [f.method for f in sandbox.faults_injected] == ["getMe"]

    sandbox.set_faults(always("500", methods=frozenset({"getUpdates"})))
    with pytest.raises(NetworkError):
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert (await bot.get_me()).username == sandbox.bot_username
    assert [f.method for f in sandbox.faults_injected] == ["getMe", "getUpdates"]
    sandbox.set_faults(None)
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()


async def test_slow_get_updates_is_delivered_again(sandbox):
    anna = sandbox.add_user("Ida")
    chat = sandbox.private_chat(anna)
    sandbox.set_faults(always("slow", slow_seconds=1.0, methods=frozenset({"getUpdates"})))
    b = impatient_bot(sandbox, 0.3)
    async with b:
        await sandbox.send_message(chat, anna, "hoi")
        with pytest.raises(TimedOut):
            await b.get_updates(timeout=0)
        # not confirmed and not delivered: the driver still waits for it
        with pytest.raises(AssertionError, match="not confirmed"):
            await sandbox.wait_idle(quiet=0.05, timeout=0.2)
        sandbox.set_faults(None)
        updates = await b.get_updates(timeout=0)
        assert [u.message.text for u in updates] == ["hoi"]
        await b.get_updates(offset=updates[-1].update_id + 1, timeout=0)
        await sandbox.wait_idle(quiet=0.05, timeout=2)


async def test_constructor_keyword_and_unknown_methods():
    async with Sandbox(faults=always("502")) as sandbox:
        status, body = await raw_post(sandbox, "sendTelepathy", {})
        assert (status, body["description"]) == (404, "Not Found")  # never faulted
        status, body = await raw_post(sandbox, "getMe", {})
        assert (status, body["description"]) == (502, "Bad Gateway")
        with pytest.raises(TypeError):
            sandbox.set_faults("502")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- transcript


async def test_fault_events_are_harmless_for_the_demo_printer(sandbox, bot, capsys):
    chat = sandbox.private_chat(sandbox.add_user("Joost"))
    sandbox.on_event(TranscriptPrinter(DemoClock()))
    sandbox.set_faults(always("429"))
    with contextlib.suppress(RetryAfter):
        await bot.send_message(chat.id, "hallo")
    sandbox.set_faults(always("drop"))
    with contextlib.suppress(NetworkError):
        await bot.get_me()  # no chat: reported in the sandbox's own pseudo chat
    await asyncio.sleep(0)
    out = capsys.readouterr().out
    assert "sendMessage: 429" in out
    assert "getMe: connection dropped" in out
    assert "fault" in sandbox.transcript()
