"""The use cases: verbs that receive storage and a clock and return what to show.

Handlers call exactly one of these. Nothing here talks to Telegram; the shell carries out
the returned ``Outcome``.
"""

from bot.usecases.answering import (
    capture_answer,
    edit_answer,
    move_subgroup,
    refuse_media,
    show_map,
)
from bot.usecases.choosing import choose_workshop, which_workshop
from bot.usecases.common import Refused, Services, workshop_for_chat
from bot.usecases.followup import (
    closing_answer_chosen,
    closing_learned,
    closing_take_home,
    create_followup,
    start_closing,
)
from bot.usecases.group_ready import answer_group_ready
from bot.usecases.group_ready import settle_due as settle_group_questions
from bot.usecases.joining import (
    add_paper_table,
    answer_cofacilitator,
    become_cofacilitator,
    cofacilitator_link,
    create_workshop,
    join_subgroup,
    join_topic,
    normalise_code,
    plan_topics,
    prepare_typed,
    type_paper_answers,
)
from bot.usecases.membership import member_joined, member_left
from bot.usecases.people import (
    ask_role,
    choose_role,
    hand_out_roles,
    move_in_split,
    propose_split,
    register_by_link,
    set_network,
    toggle_homogeneous,
)
from bot.usecases.phases import (
    begin,
    confirm,
    end_workshop,
    move_subgroup_on,
    reopen_column,
    start_plenary,
)
from bot.usecases.plenary import (
    decide_by_button,
    edit_draft,
    hint_by_button,
    remove_by_button,
    take_in_late_answers,
    turn_list_page,
    undo_edit,
)
from bot.usecases.privacy import (
    delete_confirmed,
    delete_workshop,
    forget_confirmed,
    forget_me,
    purge_old,
)
from bot.usecases.reminding import note_new_members, note_reply
from bot.usecases.reporting import (
    export_map,
    send_templates,
    show_help,
    show_status,
    turn_status_page,
    workshop_data,
)
from bot.usecases.screen import screen
from bot.usecases.settings import mute_subgroup, reminders_for_workshop, set_language
from bot.usecases.silent import private_answer, private_done, reveal_now, set_silent
from bot.usecases.timekeeping import set_duration, tick
from bot.usecases.voting import count_votes, start_vote, vote

__all__ = [
    "answer_group_ready",
    "settle_group_questions",
    "answer_cofacilitator",
    "choose_workshop",
    "member_joined",
    "member_left",
    "which_workshop",
    "purge_old",
    "screen",
    "forget_me",
    "forget_confirmed",
    "delete_workshop",
    "delete_confirmed",
    "set_silent",
    "reveal_now",
    "private_done",
    "private_answer",
    "toggle_homogeneous",
    "create_followup",
    "start_closing",
    "closing_learned",
    "closing_answer_chosen",
    "closing_take_home",
    "set_network",
    "register_by_link",
    "propose_split",
    "move_in_split",
    "hand_out_roles",
    "choose_role",
    "ask_role",
    "Refused",
    "Services",
    "add_paper_table",
    "become_cofacilitator",
    "begin",
    "capture_answer",
    "cofacilitator_link",
    "confirm",
    "count_votes",
    "create_workshop",
    "edit_answer",
    "edit_draft",
    "end_workshop",
    "export_map",
    "join_subgroup",
    "join_topic",
    "move_subgroup",
    "move_subgroup_on",
    "mute_subgroup",
    "normalise_code",
    "note_new_members",
    "note_reply",
    "plan_topics",
    "refuse_media",
    "reminders_for_workshop",
    "remove_by_button",
    "decide_by_button",
    "hint_by_button",
    "take_in_late_answers",
    "reopen_column",
    "send_templates",
    "set_duration",
    "set_language",
    "show_help",
    "show_map",
    "show_status",
    "start_plenary",
    "start_vote",
    "tick",
    "turn_list_page",
    "turn_status_page",
    "type_paper_answers",
    "prepare_typed",
    "undo_edit",
    "vote",
    "workshop_data",
    "workshop_for_chat",
]
