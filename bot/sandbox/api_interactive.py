"""Bot API: callback query answers and polls."""

from __future__ import annotations

from .core import SandboxCore
from .html_text import to_html
from .models import CallbackAnswer, SentMessage
from .validation import as_bool, bad


class InteractiveApi(SandboxCore):
    """answerCallbackQuery, sendPoll and stopPoll."""

    def _api_answerCallbackQuery(self, p: dict, files: dict) -> bool:
        qid = str(p.get("callback_query_id") or "")
        query = self._queries.pop(qid, None)
        if query is None:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        text = p.get("text")
        if text is not None and len(str(text)) > 200:
            raise bad("MESSAGE_TOO_LONG")
        msg = query.get("message") or {}
        answer = CallbackAnswer(
            query_id=qid,
            text=str(text) if text is not None else None,
            show_alert=as_bool(p.get("show_alert", False)),
            url=p.get("url"),
            user_id=query["from"]["id"],
            chat_id=(msg.get("chat") or {}).get("id"),
            message_id=msg.get("message_id"),
            data=query.get("data"),
        )
        self.callback_answers.append(answer)
        chat = self.chats.get(answer.chat_id or 0)
        if chat is not None and text:
            self._emit(
                chat,
                self._bot_actor(),
                "alert" if answer.show_alert else "toast",
                str(text),
                thread_id=msg.get("message_thread_id"),
                message_id=answer.message_id,
            )
        return True

    def _api_sendPoll(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        thread_id = self._resolve_thread(chat, p)
        question = str(p.get("question") or "").strip()
        if not question:
            raise bad("poll question must be non-empty")
        if len(question) > 300:
            raise bad("poll question length must not exceed 300")
        options = p.get("options")
        if not isinstance(options, list):
            raise bad("can't parse options JSON object")
        texts = [str(o.get("text", "") if isinstance(o, dict) else o).strip() for o in options]
        if not 2 <= len(texts) <= 12:
            raise bad(
                "poll must have at least 2 option"
                if len(texts) < 2
                else "poll can't have more than 12 options"
            )
        if any(not t or len(t) > 100 for t in texts):
            raise bad("poll options length must not exceed 100")
        markup = self._validate_markup(p.get("reply_markup"), chat)
        reply_to = self._resolve_reply(chat, p)
        self._check_rate("sendPoll", chat)
        msg = self._new_message(chat, self.bot, thread_id=thread_id, reply_to=reply_to)
        msg["poll"] = {
            "id": str(5_000_000_000 + msg["message_id"] + abs(chat.id) % 100_000),
            "question": question,
            "options": [
                {"text": t, "voter_count": 0, "persistent_id": str(i)} for i, t in enumerate(texts)
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": as_bool(p.get("is_anonymous", True)),
            "type": str(p.get("type") or "regular"),
            "allows_multiple_answers": as_bool(p.get("allows_multiple_answers", False)),
            "allows_revoting": as_bool(p.get("allows_revoting", False)),
            "members_only": False,
        }
        if self._message_markup(markup):
            msg["reply_markup"] = self._message_markup(markup)
        sent = SentMessage(
            chat_id=chat.id,
            message_id=msg["message_id"],
            text=question,
            html=to_html(question),
            reply_markup=markup,
            thread_id=thread_id,
            reply_to_message_id=reply_to,
            kind="poll",
            date=msg["date"],
        )
        return self._finish_bot_message(
            chat, msg, sent, "poll", f"📊 {question}: " + " / ".join(texts)
        )

    def _api_stopPoll(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message with poll to stop not found")
        poll = stored.message.get("poll")
        if poll is None or not stored.from_bot:
            raise bad("message with poll to stop not found")
        if poll["is_closed"]:
            raise bad("poll has already been closed")
        poll["is_closed"] = True
        return dict(poll)
