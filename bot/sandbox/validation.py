"""Parameter decoding and Telegram's validation rules for chats, threads, replies, text
and reply markup."""

from __future__ import annotations

import json
import re
from typing import Any

from .core import SandboxCore
from .html_text import EntityParseError, parse_html, to_html, utf16_len
from .models import ApiError, SandboxChat, StoredMessage

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_BUTTONS = 100
TOPIC_ICON_COLOR = 7322096
TOPIC_COLORS = {7322096, 16766590, 13338331, 9367192, 16749490, 16478047}

# Form parameters whose value is a plain string (never JSON-decoded).
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "caption_parse_mode",
        "question",
        "question_parse_mode",
        "explanation",
        "explanation_parse_mode",
        "name",
        "callback_query_id",
        "url",
        "title",
        "description",
        "short_description",
        "language_code",
        "emoji",
        "icon_custom_emoji_id",
        "custom_title",
        "business_connection_id",
        "message_effect_id",
        "inline_message_id",
        "file_id",
        "document",
        "thumbnail",
        "action",
        "type",
        "secret_token",
    }
)

_TEXT_BUTTONS = (
    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
)


def bad(description: str) -> ApiError:
    return ApiError(f"Bad Request: {description}")


def decode_form_value(key: str, value: str) -> Any:
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


class ValidationMixin(SandboxCore):
    """Resolves and checks the parameters of Bot API calls, with Telegram's errors."""

    def _resolve_chat(self, chat_id: Any, *, for_sending: bool = True) -> SandboxChat:
        if chat_id is None or chat_id == "":
            raise bad("chat_id is empty")
        try:
            cid = int(chat_id)
        except (TypeError, ValueError):
            raise bad("chat not found") from None
        chat = self.chats.get(cid)
        if chat is None:
            if cid in self.users:
                raise ApiError("Forbidden: bot can't initiate conversation with a user", 403)
            raise bad("chat not found")
        if chat.migrated_to is not None:
            raise ApiError(
                "Bad Request: group chat was upgraded to a supergroup chat",
                400,
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.type == "private" and cid in self._blocked:
            raise ApiError("Forbidden: bot was blocked by the user", 403)
        if chat.is_group and chat.bot_status in ("kicked", "left"):
            kind = "supergroup" if chat.type == "supergroup" else "group"
            if chat.bot_status == "kicked":
                raise ApiError(f"Forbidden: bot was kicked from the {kind} chat", 403)
            raise ApiError(f"Forbidden: bot is not a member of the {kind} chat", 403)
        return chat

    def _resolve_thread(self, chat: SandboxChat, p: dict) -> int | None:
        raw = p.get("message_thread_id")
        if raw in (None, "", 0):
            return None
        thread_id = int(raw)
        if chat.type == "private":
            return None
        if chat.is_forum:
            if thread_id not in chat.topics:
                raise bad("message thread not found")
            return thread_id
        stored = self._stored(chat.id, thread_id)
        if stored is None:
            raise bad("message thread not found")
        return thread_id

    def _resolve_reply(self, chat: SandboxChat, p: dict) -> int | None:
        rp = p.get("reply_parameters")
        allow_missing = as_bool(p.get("allow_sending_without_reply", False))
        target: int | None = None
        if isinstance(rp, dict):
            if rp.get("chat_id") not in (None, chat.id, str(chat.id)):
                raise bad("cross-chat replies are not supported by the sandbox")
            target = int(rp["message_id"])
            allow_missing = as_bool(rp.get("allow_sending_without_reply", allow_missing))
        elif p.get("reply_to_message_id") not in (None, ""):
            target = int(p["reply_to_message_id"])
        if target is None:
            return None
        stored = self._stored(chat.id, target)
        if stored is None or stored.deleted:
            if allow_missing:
                return None
            raise bad("message to be replied not found")
        return target

    def _format_text(
        self,
        text: Any,
        parse_mode: Any,
        entities: Any,
        *,
        caption: bool = False,
    ) -> tuple[str, str, list[dict]]:
        """-> (visible text, html, entities). Validates like Telegram."""
        if text is None:
            text = ""
        text = str(text)
        mode = (parse_mode or "").strip()
        if mode.lower() == "html":
            try:
                visible, ents = parse_html(text)
            except EntityParseError as exc:
                raise ApiError(str(exc)) from None
            html_text = text
        elif mode == "":
            visible = text.strip()
            shift = utf16_len(text) - utf16_len(text.lstrip())
            ents = []
            for e in entities or []:
                if isinstance(e, dict) and "type" in e:
                    ents.append({**e, "offset": max(0, int(e["offset"]) - shift)})
            html_text = to_html(visible)
        else:
            raise bad("unsupported parse_mode (the sandbox knows only HTML)")
        limit = MAX_CAPTION if caption else MAX_TEXT
        if utf16_len(visible) > limit:
            raise bad("message caption is too long" if caption else "message is too long")
        if not caption and not visible:
            raise bad("message text is empty")
        return visible, html_text, ents

    def _validate_markup(self, markup: Any, chat: Any = None) -> dict | None:
        if markup in (None, "", {}):
            return None
        if not isinstance(markup, dict):
            raise bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad(
                    "can't parse inline keyboard button: "
                    'field "inline_keyboard" must be an Array of Arrays'
                )
            count = 0
            for row in rows:
                for button in row:
                    count += 1
                    if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                        raise bad(_TEXT_BUTTONS)
                    actions = [
                        k
                        for k in (
                            "callback_data",
                            "url",
                            "switch_inline_query",
                            "switch_inline_query_current_chat",
                            "login_url",
                            "web_app",
                            "pay",
                            "copy_text",
                            "callback_game",
                            "switch_inline_query_chosen_chat",
                        )
                        if k in button
                    ]
                    if not actions:
                        raise bad(_TEXT_BUTTONS)
                    if "callback_data" in button:
                        data = button["callback_data"]
                        if (
                            not isinstance(data, str)
                            or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA
                        ):
                            raise bad("BUTTON_DATA_INVALID")
                    if "web_app" in button:
                        _check_web_app(button["web_app"], chat)
                    if "url" in button:
                        url = str(button["url"])
                        if not re.match(r"(https?|tg)://\S+$", url):
                            raise bad(
                                f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL"
                            )
            if count > MAX_BUTTONS:
                raise bad("REPLY_MARKUP_TOO_LONG")
            return markup
        if any(k in markup for k in ("force_reply", "remove_keyboard", "keyboard")):
            return markup
        raise bad("can't parse reply keyboard markup JSON object")

    @staticmethod
    def _message_markup(markup: dict | None) -> dict | None:
        """Telegram echoes only inline keyboards in Message.reply_markup."""
        if markup and "inline_keyboard" in markup:
            return {"inline_keyboard": markup["inline_keyboard"]}
        return None

    def _bot_stored(self, chat: SandboxChat, message_id: Any, not_found: str) -> StoredMessage:
        if message_id in (None, ""):
            raise bad("message identifier is not specified")
        stored = self._stored(chat.id, int(message_id))
        if stored is None or stored.deleted:
            raise bad(not_found)
        return stored


def _check_web_app(web_app: Any, chat: Any) -> None:
    """A Mini App button: an https page, and only in a private chat (as Telegram checks)."""
    url = str(web_app.get("url", "")) if isinstance(web_app, dict) else ""
    if not re.match(r"https://\S+$", url):
        raise bad(
            f"inline keyboard button Web App URL '{url}' is invalid: Only HTTPS links are allowed"
        )
    if chat is not None and chat.type != "private":
        raise bad("BUTTON_TYPE_INVALID")
