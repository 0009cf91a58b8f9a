"""Bot API: sending documents and serving files."""

from __future__ import annotations

import secrets

from .core import SandboxCore
from .models import SentDocument, SentMessage, StoredFile
from .validation import bad


class FilesApi(SandboxCore):
    """sendDocument and getFile."""

    def _register_file(self, f: StoredFile) -> StoredFile:
        n = len(self._files) + 1
        f.file_id = "BQACAgQAAxkBAAI" + secrets.token_urlsafe(24)
        f.unique_id = "AgAD" + secrets.token_urlsafe(8)
        ext = (f.name.rsplit(".", 1)[-1] if "." in f.name else "bin")[:8]
        f.path = f"documents/file_{n}.{ext}"
        self._files[f.file_id] = f
        self._file_paths[f.path] = f
        return f

    def _api_sendDocument(self, p: dict, files: dict[str, StoredFile]) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        thread_id = self._resolve_thread(chat, p)
        doc = p.get("document")
        upload: StoredFile | None = None
        if "document" in files:
            upload = files["document"]
        elif isinstance(doc, str) and doc.startswith("attach://"):
            upload = files.get(doc[len("attach://") :])
            if upload is None:
                raise bad("wrong file identifier/HTTP URL specified")
        elif isinstance(doc, str) and doc in self._files:
            upload = self._files[doc]
        elif doc in (None, ""):
            raise bad("there is no document in the request")
        else:
            raise bad("wrong file identifier/HTTP URL specified")
        if not upload.data:
            raise bad("file must be non-empty")
        if len(upload.data) > self.max_upload_bytes:
            raise bad("file is too big")
        caption_raw = p.get("caption")
        caption, caption_html, caption_entities = self._format_text(
            caption_raw, p.get("parse_mode"), p.get("caption_entities"), caption=True
        )
        markup = self._validate_markup(p.get("reply_markup"), chat)
        reply_to = self._resolve_reply(chat, p)
        self._check_rate("sendDocument", chat)
        if not upload.file_id:
            self._register_file(upload)
        msg = self._new_message(chat, self.bot, thread_id=thread_id, reply_to=reply_to)
        msg["document"] = {
            "file_id": upload.file_id,
            "file_unique_id": upload.unique_id,
            "file_name": upload.name,
            "mime_type": upload.mime_type,
            "file_size": len(upload.data),
        }
        if caption:
            msg["caption"] = caption
            if caption_entities:
                msg["caption_entities"] = caption_entities
        if self._message_markup(markup):
            msg["reply_markup"] = self._message_markup(markup)
        sent = SentMessage(
            chat_id=chat.id,
            message_id=msg["message_id"],
            text=caption,
            html=caption_html if caption else "",
            reply_markup=markup,
            thread_id=thread_id,
            reply_to_message_id=reply_to,
            kind="document",
            parse_mode=p.get("parse_mode") or None,
            entities=caption_entities,
            date=msg["date"],
        )
        self._documents_list(chat.id).append(
            SentDocument(
                chat_id=chat.id,
                message_id=msg["message_id"],
                file_name=upload.name,
                data=upload.data,
                caption=caption or None,
                mime_type=upload.mime_type,
                file_id=upload.file_id,
                thread_id=thread_id,
            )
        )
        summary = f"📎 {upload.name} ({len(upload.data)} bytes)" + (
            f"\n{caption}" if caption else ""
        )
        return self._finish_bot_message(chat, msg, sent, "document", summary)

    def _documents_list(self, chat_id: int) -> list[SentDocument]:
        return self._docs.setdefault(chat_id, [])

    def _api_getFile(self, p: dict, files: dict) -> dict:
        f = self._files.get(str(p.get("file_id") or ""))
        if f is None:
            raise bad("invalid file_id")
        return {
            "file_id": f.file_id,
            "file_unique_id": f.unique_id,
            "file_size": len(f.data),
            "file_path": f.path,
        }
