"""Stap 4 builds on all values the plenary confirmed: a subgroup gets every one of them,
numbered, once, in as many messages as Telegram's limit asks; the questions stay short."""

from __future__ import annotations

import re

from bot.sandbox import Sandbox
from bot.telegram_text import MESSAGE_LIMIT, utf16_len
from tests.bot.story import current_question, facilitator_says, new_workshop

# Sixty values that share no word, so the plenary's proposal keeps them apart; long
# enough that all of them do not fit in one message.
WORDS = (
    "appel bakker circus dolfijn egel fabriek gitaar haven inkt jas kaars lantaarn molen "
    "natuur oever parel raket schip tulp uil vlinder walvis zeil anker boom citroen dak "
    "emmer fiets gras hamer ijs jurk kers lamp muur nest oven pen regen sok tent vork wolk "
    "bloem deur fluit graan hek kast lepel mand noot pomp ring stoel trein veer zon vis"
).split()


def value(n: int) -> str:
    word = WORDS[n - 1]
    return f"Waarde {word}{n}: " + " ".join(f"{word}{n}{k}" for k in range(12))


async def test_sixty_confirmed_values_all_reach_the_subgroup_numbered_and_within_limits(
    sandbox: Sandbox, bot
):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1", members=[anna])
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/tafel Papier")
    await facilitator_says(sandbox, fac, "/begin")
    values = [value(n) for n in range(1, 61)]
    await facilitator_says(sandbox, fac, "/typ 2 1\n" + "\n".join(values))
    await sandbox.send_message(group, anna, "/idee Een eigen waarde van de tafel")
    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    said = await facilitator_says(sandbox, fac, "/bevestig")
    assert "gaan naar 1 subgroep." in said  # a real singular
    await sandbox.wait_idle()

    messages = [m.text for m in sandbox.bot_messages(group)]
    start = next(n for n, t in enumerate(messages) if t.startswith("Stap 4:"))
    question_at = next(n for n, t in enumerate(messages) if "Kolom 2 van 5" in t)
    parts = messages[start:question_at]
    assert len(parts) >= 2, "sixty long values take more than one message"
    assert all(utf16_len(text) <= MESSAGE_LIMIT for text in parts)
    numbered = {
        int(found[1]): found[2]
        for text in parts
        for found in re.finditer(r"^(\d+)\. (.*)$", text, re.MULTILINE)
    }
    confirmed = [*values, "Een eigen waarde van de tafel"]
    assert sorted(numbered) == list(range(1, len(confirmed) + 1))
    assert sorted(numbered.values()) == sorted(confirmed)
    # Once: the question names only a few of them, and points to /kaart for the rest.
    question = current_question(sandbox, group).text
    assert "/kaart" in question
    everything = "\n".join(messages)
    assert all(everything.count(v) == 1 for v in values)
    assert len(question) < 800, question

    # The next column's question does not send them again.
    await sandbox.send_message(group, anna, "/idee Partners vertrouwen elkaar")
    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    assert "Kolom 3 van 5" in current_question(sandbox, group).text
    later = [m.text for m in sandbox.bot_messages(group)][question_at + 1 :]
    assert not any(t.startswith("Stap 4:") for t in later)
