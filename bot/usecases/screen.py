"""/scherm: the links to the room's screen (projector) and to the facilitator's control."""

from __future__ import annotations

from typing import Protocol

from bot.actions import Button, Outcome, Say
from bot.incoming import Incoming
from bot.usecases.common import Services, facilitated_workshop, reply
from flows.fase import Fase
from flows.texts import plain, render

OFF_WORDS = frozenset({"uit", "off", "stop"})


class ScreenAccess(Protocol):
    """What /scherm needs from the web shell: where it is, and how it makes links."""

    public_url: str

    def new_token(self) -> str:
        """A new, unguessable projector token."""
        ...

    def control_token(self, workshop_id: int, user_id: int, screen_token: str, now: float) -> str:
        """A signed, expiring control link's token for one facilitator."""
        ...


async def screen(s: Services, inc: Incoming, typed: str) -> Outcome:
    """/scherm: the projector link here, the control links in the facilitator's private chat;
    /scherm uit: revoke them."""
    workshop = await facilitated_workshop(s, inc)
    lang = workshop.lang
    access = s.screen
    if access is None:
        return reply(inc, "scherm.niet_aan", lang)
    word = typed.strip().lower()
    if word in OFF_WORDS:
        closed = await s.storage.close_screen(workshop.id)
        return reply(inc, "scherm.gestopt" if closed else "scherm.was_uit", lang)
    if word:
        return reply(inc, "scherm.gebruik", lang)
    if workshop.fase is Fase.AFGEROND:
        return reply(inc, "scherm.afgerond", lang)
    token = await s.storage.open_screen(workshop.id, access.new_token(), s.stamp())
    base = access.public_url.rstrip("/")
    control = access.control_token(workshop.id, inc.user_id, token, s.clock().timestamp())
    buttons: tuple[tuple[Button, ...], ...] = ()
    if base.startswith("https://"):  # Telegram opens Mini Apps over https only
        buttons = (
            (Button(plain("scherm.knop", lang), web_app=f"{base}/bediening?w={workshop.id}"),),
        )
    private = Say(
        inc.user_id,
        None,
        render("scherm.bediening", lang, link=f"{base}/bediening#{control}"),
        buttons=buttons,
    )
    return reply(inc, "scherm.links", lang, link=f"{base}/scherm#{token}").add(private)
