"""Bot API: the bot's command list, name and descriptions."""

from __future__ import annotations

import json
import re

from .core import SandboxCore
from .validation import bad


class CommandsApi(SandboxCore):
    """setMyCommands and friends, setMyName, setMyDescription, setMyShortDescription."""

    def _commands_key(self, p: dict) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")

    def _api_setMyCommands(self, p: dict, files: dict) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad("too many commands")
        for c in commands:
            name = str(c.get("command", "")) if isinstance(c, dict) else ""
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(c.get("description", ""))) <= 256:
                raise bad("command description must be 1-256 characters")
        self._commands[self._commands_key(p)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _api_deleteMyCommands(self, p: dict, files: dict) -> bool:
        self._commands.pop(self._commands_key(p), None)
        return True

    def _api_getMyCommands(self, p: dict, files: dict) -> list[dict]:
        return list(self._commands.get(self._commands_key(p), []))

    def _api_setMyName(self, p: dict, files: dict) -> bool:
        self.bot_name_info["name"] = str(p.get("name") or "")
        return True

    def _api_setMyDescription(self, p: dict, files: dict) -> bool:
        self.bot_name_info["description"] = str(p.get("description") or "")
        return True

    def _api_setMyShortDescription(self, p: dict, files: dict) -> bool:
        self.bot_name_info["short_description"] = str(p.get("short_description") or "")
        return True
