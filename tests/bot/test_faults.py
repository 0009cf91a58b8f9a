"""With one in ten Bot API calls failing, a workshop still completes and loses nothing."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.sandbox import FaultPlan, Sandbox
from flows.fase import Fase
from flows.kaart import Kolom
from tests.bot.conftest import BotProcess

ANSWERS = {
    "Tafel 1": [("Anna", "Veilige straten"), ("Bram", "Meer groen"), ("Anna", "Samen beslissen")],
    "Tafel 2": [("Chris", "Iedereen doet mee"), ("Dewi", "Korte lijnen"), ("Chris", "Eerlijk")],
}
LATER = {2: "We geven en nemen", 3: "Goed luisteren", 4: "Tijd en geld", 5: "Gemeente: buurtavond"}


async def _settle(sandbox: Sandbox) -> None:
    await sandbox.wait_idle(quiet=0.6, timeout=60)


async def test_a_workshop_completes_with_ten_percent_of_calls_failing(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    plan = FaultPlan(share=0.1, kinds=("429", "500", "502", "drop", "slow"), seed=8,
                     slow_seconds=1.2)  # fmt: skip
    async with Sandbox() as sandbox:
        process = BotProcess(sandbox, tmp_path / "faults.sqlite3")
        process.settings = replace(process.settings, read_timeout=0.8)
        await process.start()
        try:
            sandbox.set_faults(plan)
            fac = sandbox.add_user("Fatima")
            people = {n: sandbox.add_user(n) for n in ("Anna", "Bram", "Chris", "Dewi")}
            groups = {name: sandbox.add_group(name) for name in ANSWERS}
            private = sandbox.private_chat(fac)
            await sandbox.send_message(private, fac, "/nieuw de wijk")
            await _settle(sandbox)
            storage = process.storage
            workshop = await storage.latest_workshop_of_facilitator(fac.id)
            for name, group in groups.items():
                await sandbox.send_message(group, people[ANSWERS[name][0][0]],
                                           f"/join {workshop.code}")  # fmt: skip
            await _settle(sandbox)
            await sandbox.send_message(private, fac, "/begin")
            await _settle(sandbox)
            for name, group in groups.items():
                for who, text in ANSWERS[name]:
                    await sandbox.send_message(group, people[who], f"/idee {text}")
                # Two members: one asks the group, the other's /klaar is a yes.
                for who, _ in ANSWERS[name][:2]:
                    await sandbox.send_message(group, people[who], "/klaar")
            await _settle(sandbox)
            for command in ("/plenair", "/bevestig"):
                await sandbox.send_message(private, fac, command)
                await _settle(sandbox)
            for text in LATER.values():
                for name, group in groups.items():
                    who = people[ANSWERS[name][1][0]]
                    await sandbox.send_message(group, who, f"/idee {text} ({name})")
                    await sandbox.send_message(group, who, "/klaar")
                    await sandbox.send_message(group, people[ANSWERS[name][0][0]], "/klaar")
                await _settle(sandbox)
            await sandbox.send_message(private, fac, "/plenair")
            await _settle(sandbox)
            for _ in range(5):
                await sandbox.send_message(private, fac, "/bevestig")
                await _settle(sandbox)

            # Nothing lost, nothing twice, the model final.
            workshop = await storage.get_workshop(workshop.id)
            assert workshop.fase is Fase.AFGEROND
            for name, group in groups.items():
                subgroup = await storage.find_subgroup_by_chat(group.id, None)
                stored = [(a.kolom, a.text) for a in await storage.list_answers(subgroup.id)]
                expected = [(Kolom.WAARDEN, t) for _, t in ANSWERS[name]] + [
                    (Kolom(c), f"{t} ({name})") for c, t in LATER.items()
                ]
                assert sorted(stored) == sorted(expected)
            drafts = await storage.list_drafts(workshop.id)
            assert all(d.confirmed for d in drafts)
            assert len(drafts) == 5
        finally:
            sandbox.set_faults(None)
            await process.stop()

    injected = sandbox.faults_injected
    print(f"\nfaults injected: {len(injected)} "
          f"({', '.join(sorted({k for _, k, _ in injected}))})")  # fmt: skip
    # The draws are seeded, but which call gets which depends on the order of calls, which
    # timing can change a little; the run above injected all five kinds on this machine.
    assert len(injected) >= 4
    assert len({k for _, k, _ in injected}) >= 2
    retried = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()
               or "Rate limit hit" in r.getMessage()]  # fmt: skip
    assert retried, "the log says what was retried"
