"""What the bot needs from storage: ``Store``, the interface its use cases and shell use.

The SQLite ``Storage`` satisfies it without naming it (tests/storage/test_protocol.py
checks that); another backend only has to provide these methods. Grouped per aggregate
as the SQLite mixins are. Nothing here hands out a connection: a caller that needs a new
kind of read or write gets a method here, never ``db``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Protocol, runtime_checkable

from flows.fase import Fase
from flows.kaart import Kolom
from flows.plenair import Item
from flows.subgroep import SubgroepStand
from storage.models import (
    Activity,
    Answer,
    ClosingAnswer,
    CofacilitatorOffer,
    Event,
    Forgotten,
    GroupReady,
    Lease,
    Participant,
    PlenaryDraft,
    Subgroup,
    Workshop,
)
from storage.outbox import OutboxRow


@runtime_checkable
class Store(Protocol):
    """Everything the bot reads and writes, whatever keeps it."""

    # -- workshops ----------------------------------------------------------------------

    async def create_workshop(
        self,
        *,
        code: str,
        goal: str,
        cofac_code: str | None = None,
        facilitator_id: int,
        plenary_chat_id: int,
        lang: str,
        now: str,
        source: str | None = None,
    ) -> Workshop:
        """Write a new workshop (once per source message) and return it."""
        ...

    async def get_workshop(self, workshop_id: int) -> Workshop | None:
        """Read one workshop by id."""
        ...

    async def find_workshop_by_code(self, code: str) -> Workshop | None:
        """Read the workshop a join code belongs to."""
        ...

    async def find_workshop_by_cofac_code(self, code: str) -> Workshop | None:
        """Read the workshop a co-facilitator link belongs to."""
        ...

    async def latest_workshop(self) -> Workshop | None:
        """Read the workshop made last (the offline export's default)."""
        ...

    async def latest_workshop_of_facilitator(self, user_id: int) -> Workshop | None:
        """Read the most recent workshop this person facilitates (or co-facilitates)."""
        ...

    async def latest_workshop_of_plenary_chat(self, chat_id: int) -> Workshop | None:
        """Read the most recent workshop started from this chat."""
        ...

    async def latest_workshop_of_participant(self, user_id: int) -> Workshop | None:
        """Read the most recent workshop this person takes part in."""
        ...

    async def active_workshops(self) -> list[Workshop]:
        """Read every workshop that has not ended, oldest first."""
        ...

    async def is_facilitator(self, workshop: Workshop, user_id: int) -> bool:
        """True for the workshop's facilitator and its co-facilitators."""
        ...

    async def add_cofacilitator(self, workshop_id: int, user_id: int, now: str) -> bool:
        """Let someone co-facilitate; False if they already did."""
        ...

    async def offer_cofacilitator(self, workshop_id: int, user_id: int, now: str) -> int:
        """Ask someone to co-facilitate; the offer's id (the same when asked again)."""
        ...

    async def get_cofacilitator_offer(self, offer_id: int) -> CofacilitatorOffer | None:
        """Read an open offer to co-facilitate (None once answered or never made)."""
        ...

    async def close_cofacilitator_offer(self, offer_id: int) -> bool:
        """The offer was answered; False if it was answered before."""
        ...

    async def active_workshops_of_facilitator(self, user_id: int) -> list[Workshop]:
        """Read every workshop this person (co-)facilitates that has not ended, oldest first."""
        ...

    async def active_workshops_of_plenary_chat(self, chat_id: int) -> list[Workshop]:
        """Read every workshop not yet ended whose plenary chat this is."""
        ...

    async def choose_workshop(self, user_id: int, workshop_id: int, now: str) -> None:
        """Remember the workshop this person's private commands are about."""
        ...

    async def chosen_workshop(self, user_id: int) -> Workshop | None:
        """Read the workshop this person chose last, while they still (co-)facilitate it."""
        ...

    async def change_phase(
        self,
        workshop: Workshop,
        new: Fase,
        *,
        moves: list[tuple[Subgroup, SubgroepStand]],
        plenary_column: Kolom | None,
        actor_id: int | None,
        source: str | None,
        now: str,
    ) -> bool:
        """Move the workshop to a new phase and its subgroups along, all at once, once."""
        ...

    async def set_plenary_column(
        self, workshop: Workshop, kolom: Kolom | None, *, expected: Kolom | None
    ) -> bool:
        """Move the plenary round to another column, if nobody moved it meanwhile."""
        ...

    async def set_status_message(
        self, workshop_id: int, chat_id: int, thread_id: int | None, message_id: int
    ) -> None:
        """Remember the status board message, to edit it in place later; a new one starts
        at its first page."""
        ...

    async def set_status_page(self, workshop_id: int, page: int) -> None:
        """Remember the page of the status board that it shows."""
        ...

    async def set_duration(self, workshop: Workshop, phase: str, minutes: int) -> None:
        """Set the facilitator's own duration for a step."""
        ...

    async def set_reminders_off(self, workshop_id: int, off: bool) -> None:
        """Turn the bot's unprompted reminders off (or on again) for a workshop."""
        ...

    async def record_once(self, workshop_id: int, source: str, kind: str, now: str) -> bool:
        """Note that something happened, once per source; False if it was noted before."""
        ...

    async def sources_seen(self, workshop_id: int, prefix: str) -> set[str]:
        """Read the sources of events noted for a workshop that start with a prefix."""
        ...

    async def set_language(self, workshop_id: int, lang: str) -> None:
        """Set the language of every chat in the workshop."""
        ...

    async def set_homogeneous(self, workshop_id: int, homogeneous: bool) -> None:
        """Choose groups of one kind first (homogeneous), or mixed groups."""
        ...

    async def set_split_proposal(self, workshop_id: int, groups: list[list[int]] | None) -> None:
        """Keep (or drop) the proposed split of participants over subgroups."""
        ...

    async def set_silent(self, workshop_id: int, silent: dict | None) -> None:
        """Turn silent writing on (for some or all columns) or off."""
        ...

    # -- subgroups and participants -----------------------------------------------------

    async def add_subgroup(
        self,
        *,
        workshop_id: int,
        name: str,
        chat_id: int | None,
        thread_id: int | None,
        stand: SubgroepStand,
        actor_id: int | None,
        now: str,
    ) -> Subgroup:
        """Link a chat or topic as a new subgroup; raise ChatAlreadyLinked if it is one."""
        ...

    async def get_subgroup(self, subgroup_id: int) -> Subgroup | None:
        """Read one subgroup by id."""
        ...

    async def find_subgroup_by_chat(self, chat_id: int, thread_id: int | None) -> Subgroup | None:
        """Read the subgroup that lives in this chat (and forum topic)."""
        ...

    async def find_subgroup_by_number(self, workshop_id: int, number: int) -> Subgroup | None:
        """Read a subgroup by its number within the workshop."""
        ...

    async def list_subgroups(self, workshop_id: int) -> list[Subgroup]:
        """Read every subgroup of a workshop, in the order they joined."""
        ...

    async def subgroups_awaiting_prompt(self) -> list[Subgroup]:
        """Read subgroups in a chat whose current question has not been sent yet."""
        ...

    async def change_subgroup_state(
        self,
        subgroup: Subgroup,
        new: SubgroepStand,
        *,
        kind: str,
        actor_id: int | None,
        source: str | None,
        now: str,
    ) -> bool:
        """Move a subgroup from the state read to ``new``, once; False if that did not happen."""
        ...

    async def set_prompt_message(
        self,
        subgroup_id: int,
        stand: SubgroepStand,
        message_id: int,
        board_message_id: int | None,
    ) -> bool:
        """Remember which messages ask the current question, if the state is still ``stand``."""
        ...

    async def set_reminders_muted(self, subgroup_id: int, muted: bool) -> None:
        """Mute (or unmute) the bot's unprompted reminders in one subgroup."""
        ...

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> list[int]:
        """Move subgroups along to a group's new (supergroup) chat id; the ids moved."""
        ...

    async def upsert_participant(
        self,
        *,
        workshop_id: int,
        user_id: int,
        first_name: str,
        username: str | None,
        subgroup_id: int | None,
        now: str,
    ) -> Participant:
        """Record (or refresh) a person taking part; returns the stored participant."""
        ...

    async def list_participants(self, workshop_id: int) -> list[Participant]:
        """Read everyone taking part in a workshop."""
        ...

    async def note_member_left(self, chat_id: int, user_id: int, now: str) -> list[int]:
        """Someone left a chat: they no longer count in its subgroups; the subgroups left."""
        ...

    async def note_member_back(self, chat_id: int, user_id: int) -> list[int]:
        """Someone who left a chat is in it again; the subgroups they are back in."""
        ...

    async def set_participant_profile(
        self, participant_id: int, *, role: str | None = None, network: str | None = None
    ) -> None:
        """Store a participant's role and/or network (what is None stays as it is)."""
        ...

    async def set_play_roles(self, roles: dict[int, str | None]) -> None:
        """Hand out play roles (participant id → role; None takes one back)."""
        ...

    async def assign_participants(self, assignment: dict[int, int]) -> None:
        """Put participants in subgroups (participant id → subgroup id), all at once."""
        ...

    # -- answers, events and activity ---------------------------------------------------

    async def add_answer(
        self,
        *,
        workshop_id: int,
        subgroup_id: int,
        kolom: Kolom,
        text: str,
        participant_id: int | None,
        source_chat_id: int,
        source_message_id: int,
        now: str,
        source_part: int = 0,
        hidden: bool = False,
    ) -> tuple[Answer, bool]:
        """Store an answer once per source message (part); return it and whether it is new."""
        ...

    async def list_answers_by_source(self, chat_id: int, message_id: int) -> list[Answer]:
        """Read every answer that came from this Telegram message, line by line."""
        ...

    async def remove_answers(self, answer_ids: Sequence[int]) -> None:
        """Take answers off the map (their lines were taken out of an edited message)."""
        ...

    async def edit_answer(self, answer_id: int, text: str, now: str) -> Answer:
        """Replace an answer's text after its author edited the message."""
        ...

    async def list_answers(self, subgroup_id: int, kolom: Kolom | None = None) -> list[Answer]:
        """Read a subgroup's answers (of one column, or all), oldest first."""
        ...

    async def list_workshop_answers(
        self, workshop_id: int, kolom: Kolom | None = None
    ) -> list[Answer]:
        """Read every answer of a workshop (of one column, or all), per subgroup, oldest first."""
        ...

    async def count_answers(self, subgroup_id: int, kolom: Kolom) -> int:
        """Count a subgroup's answers in one column."""
        ...

    async def answers_in_total(self) -> int:
        """Count the answers of every workshop (for /metrics)."""
        ...

    async def answer_counts(self, workshop_id: int) -> dict[int, dict[Kolom, int]]:
        """Read per subgroup the number of answers in each column."""
        ...

    async def active_members(self, workshop_id: int) -> dict[int, int]:
        """Read per subgroup how many different people gave at least one answer."""
        ...

    async def reveal_answers(self, subgroup_id: int, kolom: Kolom) -> list[Answer]:
        """Show the answers a subgroup wrote in silence for a column; the ones revealed now."""
        ...

    async def last_event(self, workshop_id: int, kinds: tuple[str, ...]) -> Event | None:
        """Read the most recent event of one of these kinds."""
        ...

    async def list_events(self, workshop_id: int) -> list[Event]:
        """Read a workshop's history of state changes, oldest first."""
        ...

    async def add_activity(
        self,
        *,
        workshop_id: int,
        subgroup_id: int,
        kind: str,
        participant_id: int | None,
        kolom: Kolom | None,
        detail: dict | None,
        now: str,
    ) -> None:
        """Note what happens in a subgroup besides answers (replies, reminders sent)."""
        ...

    async def list_activity(
        self, subgroup_id: int, since: str, kinds: Sequence[str] | None = None
    ) -> list[Activity]:
        """Read a subgroup's activity since a moment (of these kinds, or all), oldest first."""
        ...

    async def list_answers_since(
        self, subgroup_id: int, kolom: Kolom, since: str, until: str
    ) -> list[Answer]:
        """Read a column's answers made from one moment up to another, oldest first."""
        ...

    async def count_answers_after(
        self, subgroup_id: int, kolom: Kolom, after: str, until: str, at_most: int
    ) -> int:
        """Count a column's answers after one moment up to another, up to at_most."""
        ...

    async def count_answers_per_person(
        self,
        subgroup_id: int,
        kolom: Kolom,
        participant_ids: Sequence[int],
        until: str,
        at_most: int,
    ) -> dict[int, int]:
        """Count each person's answers in a column up to a moment, up to at_most."""
        ...

    async def people_active_since(
        self,
        subgroup_id: int,
        participant_ids: Sequence[int],
        kinds: Sequence[str],
        since: str,
        until: str,
    ) -> set[int]:
        """Read who of these people has activity of these kinds between two moments."""
        ...

    async def has_activity(self, subgroup_id: int, kinds: Sequence[str], since: str) -> bool:
        """Read whether a subgroup has activity of these kinds since a moment."""
        ...

    # -- plenary drafts and votes -------------------------------------------------------

    async def get_draft(self, workshop_id: int, kolom: Kolom) -> PlenaryDraft | None:
        """Read the draft of one column, if the plenary reached it."""
        ...

    async def list_drafts(self, workshop_id: int) -> list[PlenaryDraft]:
        """Read every column's draft, in column order."""
        ...

    async def start_draft(
        self, workshop_id: int, kolom: Kolom, items: Sequence[Item]
    ) -> tuple[PlenaryDraft, bool]:
        """Create a column's draft from the proposal unless it exists; (draft, created)."""
        ...

    async def save_draft(
        self,
        draft: PlenaryDraft,
        items: Sequence[Item],
        history: Sequence[Sequence[Item]],
        left_out: Sequence[int] | None = None,
    ) -> PlenaryDraft | None:
        """Store an edited list if nobody changed or confirmed it meanwhile; else None.
        ``left_out`` (the answers taken off the list) stays as it was when None."""
        ...

    async def confirm_draft(self, draft: PlenaryDraft, *, actor_id: int, now: str) -> bool:
        """Confirm the list exactly as the facilitator saw it (same version), once."""
        ...

    async def set_draft_message(
        self, workshop_id: int, kolom: Kolom, chat_id: int, thread_id: int | None, message_id: int
    ) -> None:
        """Remember the plenary board message of a column, to edit it in place; a new
        board starts at the first page of the list."""
        ...

    async def set_draft_page(self, workshop_id: int, kolom: Kolom, page: int) -> None:
        """Remember the page of a column's list that its board shows."""
        ...

    async def start_voting(self, draft: PlenaryDraft, votes_each: int) -> bool:
        """Open voting on exactly this version of the list, with this many votes each;
        False if it changed."""
        ...

    async def toggle_vote(
        self, draft: PlenaryDraft, user_id: int, position: int, max_votes: int
    ) -> tuple[list[int], bool]:
        """Add or take back one vote; (the person's votes now, whether the press counted)."""
        ...

    async def vote_counts(self, workshop_id: int, kolom: Kolom) -> tuple[dict[int, int], int]:
        """Read the votes per position, and how many people voted."""
        ...

    async def add_vote_message(
        self, workshop_id: int, kolom: Kolom, chat_id: int, message_id: int
    ) -> None:
        """Remember a voting message, to close it when the votes are counted."""
        ...

    async def take_vote_messages(self, workshop_id: int, kolom: Kolom) -> list[tuple[int, int]]:
        """Hand out the voting messages of a column, forgetting them."""
        ...

    # -- privacy ------------------------------------------------------------------------

    async def forget_participant(
        self, workshop_id: int, user_id: int, *, keep_answers: bool, now: str
    ) -> Forgotten | None:
        """Remove everything that says who a person was from a workshop; their answers
        stay without a name, or go (from the plenary lists too). None when not in it."""
        ...

    async def delete_workshop(self, workshop_id: int) -> bool:
        """Delete a workshop and everything in it."""
        ...

    async def purge_ended_before(self, cutoff: str) -> int:
        """Delete every workshop that ended before the cutoff; how many went."""
        ...

    # -- unit of work: handled updates, the outbox and the inbox ------------------------

    def unit_of_work(self) -> AbstractAsyncContextManager[object]:
        """One use case: every write inside commits together, or none does."""
        ...

    async def mark_handled(self, source: str, now: str) -> bool:
        """Record an update as handled, inside the unit of work; False if it was before."""
        ...

    async def was_handled(self, source: str) -> bool:
        """Tell whether an update was handled before, outside a unit of work."""
        ...

    async def add_to_outbox(self, rows: Sequence[tuple[str, str]], now: str) -> list[int]:
        """Queue (lane, encoded action) pairs to send; their ids, in order."""
        ...

    async def pending_outbox(self) -> list[OutboxRow]:
        """Read everything decided and not yet sent, oldest first (at start-up)."""
        ...

    async def outbox_sent(self, *outbox_ids: int) -> None:
        """Telegram has these (or refused them for good): never send them again."""
        ...

    async def outbox_length(self) -> int:
        """Count the messages decided and not yet sent (for /metrics)."""
        ...

    async def keep_updates(self, updates: Sequence[tuple[int, str]]) -> None:
        """Write fetched updates (id, JSON) down before Telegram is told to forget them."""
        ...

    async def kept_updates(self) -> list[str]:
        """Read the updates fetched but not handled when the bot last stopped, oldest first."""
        ...

    async def updates_done(self, *update_ids: int) -> None:
        """Forget these updates: they went through the handlers."""
        ...

    async def forget_handled_before(self, before: str) -> None:
        """Forget which updates were handled before this moment."""
        ...

    # -- the room's screen ----------------------------------------------------------------

    async def open_screen(self, workshop_id: int, token: str, now: str) -> str:
        """The workshop's projector token: the one that stands, else ``token`` from now on."""
        ...

    async def close_screen(self, workshop_id: int) -> bool:
        """Revoke the workshop's projector link (and the control links made with it)."""
        ...

    async def screen_token(self, workshop_id: int) -> str | None:
        """The workshop's projector token, or None when its screen is off."""
        ...

    async def workshop_of_screen(self, token: str) -> int | None:
        """The workshop a projector token shows, or None for one not (or no longer) given."""
        ...

    # -- the second meeting and the closing round ----------------------------------------

    async def find_followup(self, previous_id: int) -> Workshop | None:
        """The follow-up made of this workshop, if any."""
        ...

    async def create_followup(
        self,
        previous: Workshop,
        *,
        code: str,
        cofac_code: str,
        facilitator_id: int,
        plenary_chat_id: int,
        now: str,
    ) -> tuple[Workshop, list[Participant]]:
        """Write the mixed follow-up of a workshop with the same people; it and them."""
        ...

    async def start_closing(self, workshop_id: int, now: str) -> bool:
        """Open the closing round; False when it was open already."""
        ...

    async def open_closing_rounds(self, user_id: int, opened_since: str) -> list[Workshop]:
        """This person's workshops (taking part, or (co-)facilitating) whose closing round
        is open: the workshop runs, or it ended and the round opened at ``opened_since`` or
        later. Oldest first."""
        ...

    async def add_closing_answer(
        self,
        *,
        workshop_id: int,
        participant_id: int | None,
        question: str,
        text: str,
        source: str,
        now: str,
    ) -> bool:
        """Keep an answer of the closing round, once per message; False if kept before."""
        ...

    async def list_closing_answers(self, workshop_id: int) -> list[ClosingAnswer]:
        """The closing round's answers, in the order they came."""
        ...

    # -- the group decides together that a column is done -------------------------------

    async def ask_group_ready(
        self,
        *,
        workshop_id: int,
        subgroup_id: int,
        kolom: Kolom,
        state_changed_at: str,
        user_id: int,
        now: str,
        deadline: str,
    ) -> GroupReady:
        """Put a /klaar to the group; the subgroup must have no open question."""
        ...

    async def open_group_ready(self, subgroup_id: int) -> GroupReady | None:
        """The subgroup's open question, if any."""
        ...

    async def get_group_ready(self, ready_id: int) -> GroupReady | None:
        """One question, open or settled."""
        ...

    async def open_group_readies(self) -> list[GroupReady]:
        """Every open question (few: at most one a subgroup), oldest deadline first."""
        ...

    async def settle_group_ready(self, ready_id: int, outcome: str, now: str) -> bool:
        """Close an open question with its outcome, once; False if it was settled already."""
        ...

    async def set_group_ready_message(self, ready_id: int, message_id: int) -> None:
        """Remember which message in the chat asks the question."""
        ...

    # -- the lease: one bot per database --------------------------------------------------

    async def writable(self) -> bool:
        """Whether the database takes writes now (for the health check)."""
        ...

    async def read_lease(self) -> Lease | None:
        """Read who holds the lease, if anyone."""
        ...

    async def take_lease(self, lease: Lease, replacing: Lease | None) -> bool:
        """Take the lease when nobody holds it, or over from ``replacing`` (a holder found
        gone) as long as it did not renew meanwhile; False when another holds it."""
        ...

    async def renew_lease(self, lease: Lease, now: str) -> bool:
        """Say the holder still runs; False when it no longer holds the lease."""
        ...

    async def release_lease(self, lease: Lease) -> None:
        """Give the lease up (the bot stops), if this holder still has it."""
        ...

    def on_commit(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every committed write (the live board follows them)."""
        ...

    async def close(self) -> None:
        """Let go of the storage (at shutdown)."""
        ...
