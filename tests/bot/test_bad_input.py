"""Bad input gets a clear, kind reply and loses nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.sandbox import Sandbox
from tests.bot.story import (
    board,
    current_question,
    replies_to,
    reply_to_question,
    workshop_with_groups,
)


@pytest.fixture
async def workshop(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    group = sandbox.add_group("Tafel 1")
    code = await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    return fac, anna, bram, group, code


async def answers(bot, group) -> list[str]:
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    return [a.text for a in await bot.storage.list_answers(subgroup.id)]


async def test_a_text_over_4096_characters_is_refused_kindly(sandbox, bot, workshop):
    _, anna, _, group, _ = workshop
    await sandbox.send_message(group, anna, "/idee eerst dit")
    sent = await reply_to_question(sandbox, group, anna, "x" * 5000)
    await sandbox.wait_idle()
    [reply] = replies_to(sandbox, group, sent)
    assert "te lang" in reply
    assert "5000" in reply
    assert await answers(bot, group) == ["eerst dit"]


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "document", "location"])
async def test_media_in_place_of_an_answer_gets_an_explanation(sandbox, bot, workshop, kind):
    _, anna, _, group, _ = workshop
    question = current_question(sandbox, group)
    sent = await sandbox.send_media(group, anna, kind, reply_to=question.message_id)
    await sandbox.wait_idle()
    [reply] = replies_to(sandbox, group, sent)
    assert "alleen tekst" in reply
    assert await answers(bot, group) == []


async def test_done_without_answers_says_what_to_do_first(sandbox, bot, workshop):
    _, anna, _, group, _ = workshop
    sent = await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    [reply] = replies_to(sandbox, group, sent)
    assert "nog geen antwoord" in reply
    assert "Waarden" in reply
    assert "Kolom 1 van 5" in current_question(sandbox, group).text


async def test_the_done_button_without_answers_shows_a_toast(sandbox, bot, workshop):
    _, anna, _, group, _ = workshop
    await sandbox.press_button(group, anna, board(sandbox, group).message_id, text="Klaar")
    await sandbox.wait_idle()
    assert "nog geen antwoord" in sandbox.callback_answers[-1].text
    assert "Kolom 1 van 5" in current_question(sandbox, group).text


async def test_a_wrong_join_code_is_refused(sandbox, bot, workshop):
    _, _, bram, _, code = workshop
    other = sandbox.add_group("Tafel 9")
    sent = await sandbox.send_message(other, bram, "/join aaaaa-bbbbb-ccccc")
    await sandbox.wait_idle()
    assert "code ken ik niet" in replies_to(sandbox, other, sent)[0]
    empty = await sandbox.send_message(other, bram, "/join")
    await sandbox.wait_idle()
    assert "Typ de code" in replies_to(sandbox, other, empty)[0]
    assert await bot.storage.find_subgroup_by_chat(other.id, None) is None


async def test_a_typed_code_may_differ_in_case_spaces_and_dashes(sandbox, bot, workshop):
    _, _, bram, _, code = workshop
    other = sandbox.add_group("Tafel 8")
    await sandbox.send_message(other, bram, "/join " + code.upper().replace("-", " "))
    await sandbox.wait_idle()
    # A late joiner lands in the current step: the values question.
    assert "Kolom 1 van 5" in current_question(sandbox, other).text


async def test_export_by_a_participant_is_refused(sandbox, bot, workshop):
    _, anna, _, group, _ = workshop
    sent = await sandbox.send_message(group, anna, "/export")
    await sandbox.wait_idle()
    assert "alleen de facilitator" in replies_to(sandbox, group, sent)[0]
    assert sandbox.documents(group) == []


async def test_control_characters_are_dropped_and_html_is_shown_as_typed(sandbox, bot, workshop):
    _, anna, _, group, _ = workshop
    await sandbox.send_message(group, anna, "/idee <b>vet</b> & \x00\x07samen\u202e")
    await sandbox.wait_idle()
    assert await answers(bot, group) == ["<b>vet</b> & samen"]
    await sandbox.wait_until(lambda: "<b>vet</b> & samen" in board(sandbox, group).text)


async def test_an_empty_idea_explains_how_to_answer(sandbox, bot, workshop):
    _, anna, _, group, _ = workshop
    sent = await sandbox.send_message(group, anna, "/idee    ")
    await sandbox.wait_idle()
    assert "/idee Iedereen doet mee" in replies_to(sandbox, group, sent)[0]
    assert await answers(bot, group) == []


async def test_an_answer_in_a_chat_without_a_workshop_points_to_join(sandbox, bot):
    stranger = sandbox.add_user("Sam")
    loose = sandbox.add_group("Losse groep")
    sent = await sandbox.send_message(loose, stranger, "/idee hallo")
    plain = await sandbox.send_message(loose, stranger, "gewoon kletsen")
    await sandbox.wait_idle()
    assert "/join" in replies_to(sandbox, loose, sent)[0]
    assert replies_to(sandbox, loose, plain) == []


async def test_a_reply_to_another_member_is_dialogue_not_an_answer(sandbox, bot, workshop):
    _, anna, bram, group, _ = workshop
    first = await sandbox.send_message(group, anna, "Iedereen doet mee")
    await sandbox.send_message(group, bram, "Wat bedoel je precies?", reply_to=first["message_id"])
    await sandbox.wait_idle()
    assert await answers(bot, group) == ["Iedereen doet mee"]


async def test_a_forged_button_is_refused_and_changes_nothing(sandbox, bot, workshop):
    _, anna, _, group, _ = workshop
    await sandbox.send_message(group, anna, "/idee iets")
    await sandbox.wait_idle()
    message_id = board(sandbox, group).message_id
    for data in ("klaar:999:1", "drop table", "klaar:1:x", "klaar:1:1:extra"):
        await sandbox.press_button(group, anna, message_id, data, check=False)
        await sandbox.wait_idle()
    texts = [a.text for a in sandbox.callback_answers[-4:]]
    assert texts[0] == "Deze knop hoort bij een eerdere stap. Kijk naar de laatste vraag."
    assert all(t == "Deze knop ken ik niet." for t in texts[1:])
    assert "Kolom 1 van 5" in current_question(sandbox, group).text


async def test_a_stale_button_after_moving_on_changes_nothing(sandbox, bot, workshop):
    fac, anna, _, group, _ = workshop
    await sandbox.send_message(group, anna, "/idee iets")
    await sandbox.wait_idle()
    old_board = board(sandbox, group)
    data = old_board.button_data("Klaar")
    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    await sandbox.press_button(group, anna, old_board.message_id, data, check=False)
    await sandbox.wait_idle()
    assert "eerdere stap" in sandbox.callback_answers[-1].text
    assert "Wacht nu op de plenaire ronde" in sandbox.last_bot_message(group).text


async def test_an_unknown_command_gets_help_but_other_bots_commands_are_ignored(
    sandbox, bot, workshop
):
    _, anna, _, group, _ = workshop
    mine = await sandbox.send_message(group, anna, "/vliegen")
    theirs = await sandbox.send_message(group, anna, "/export@otherbot")
    await sandbox.wait_idle()
    assert "/help" in replies_to(sandbox, group, mine)[0]
    assert replies_to(sandbox, group, theirs) == []


def test_run_without_a_token_is_one_clear_line_and_exit_code_2(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env,
        cwd=tmp_path.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "TELEGRAM_BOT_TOKEN" in lines[0]


async def test_run_with_a_rejected_token_is_one_clear_line_and_exit_code_2(sandbox, tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "TELEGRAM_BOT_TOKEN": "999:wrong-token",
        "TELEGRAM_API_BASE_URL": sandbox.base_url,
        "PARTNERSCHAPKAART_DB": str(tmp_path / "x.db"),
        "PARTNERSCHAPKAART_WEB": "",  # port 8080 may be taken on a shared machine
    }
    import asyncio

    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 2
    lines = [ln for ln in stderr.decode().strip().splitlines() if ln]
    assert len(lines) == 1, stderr.decode()
    assert "weigert het token" in lines[0]
    assert "wrong-token" not in stderr.decode()


async def test_guessing_join_codes_is_slowed_down_per_chat(sandbox, bot, workshop):
    _, _, bram, _, code = workshop
    other = sandbox.add_group("Raders")
    for n in range(6):
        await sandbox.send_message(other, bram, f"/join aaaaa-bbbbb-ccc{n:02d}")
    await sandbox.wait_idle()
    assert "code ken ik niet" in sandbox.last_bot_message(other).text
    # After five free tries the chat waits; even the right code waits now.
    await sandbox.send_message(other, bram, f"/join {code}")
    await sandbox.wait_idle()
    assert "Probeer het over 1 min. opnieuw" in sandbox.last_bot_message(other).text
    assert await bot.storage.find_subgroup_by_chat(other.id, None) is None
    fresh = sandbox.add_group("Eerlijk")
    await sandbox.send_message(fresh, bram, f"/join {code}")
    await sandbox.wait_idle()
    assert await bot.storage.find_subgroup_by_chat(fresh.id, None) is not None


async def test_a_group_upgraded_to_a_supergroup_keeps_its_subgroup(sandbox, bot, workshop):
    _, anna, _, group, _ = workshop
    await sandbox.send_message(group, anna, "/idee voor de upgrade")
    await sandbox.wait_idle()
    upgraded = await sandbox.migrate_to_supergroup(group, anna)
    await sandbox.wait_idle()
    await sandbox.send_message(upgraded, anna, "/idee na de upgrade")
    await sandbox.send_message(upgraded, anna, "/klaar")
    await sandbox.wait_idle()
    subgroup = await bot.storage.find_subgroup_by_chat(upgraded.id, None)
    assert subgroup is not None
    assert [a.text for a in await bot.storage.list_answers(subgroup.id)] == [
        "voor de upgrade",
        "na de upgrade",
    ]
    assert "Wacht nu op de plenaire ronde" in sandbox.last_bot_message(upgraded).text


@pytest.mark.parametrize(
    ("web", "public", "expected"),
    [
        ("abc", "", "PARTNERSCHAPKAART_WEB='abc' is geen adres"),
        ("127.0.0.1:99999", "", "is geen adres"),
        ("127.0.0.1:0", "ftp://scherm", "PARTNERSCHAPKAART_PUBLIC_URL='ftp://scherm'"),
        ("127.0.0.1:0", "https://scherm.example.nl/ pad", "is geen webadres"),
    ],
)
def test_a_wrong_screen_address_is_one_clear_line_and_exit_code_2(tmp_path, web, public, expected):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TELEGRAM_BOT_TOKEN": "1:x",
           "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot", "PARTNERSCHAPKAART_WEB": web,
           "PARTNERSCHAPKAART_PUBLIC_URL": public}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env, cwd=tmp_path.parent, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]


async def test_a_screen_port_in_use_is_one_clear_line_and_exit_code_2(sandbox, tmp_path):
    import asyncio
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
               "TELEGRAM_BOT_TOKEN": sandbox.token, "TELEGRAM_API_BASE_URL": sandbox.base_url,
               "PARTNERSCHAPKAART_DB": str(tmp_path / "x.db"),
               "PARTNERSCHAPKAART_WEB": f"127.0.0.1:{port}"}  # fmt: skip
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 2
    lines = [ln for ln in stderr.decode().strip().splitlines() if ln]
    assert len(lines) == 1, stderr.decode()
    assert f"127.0.0.1:{port}" in lines[0]
