"""Local stand-in of the Telegram Bot API for the offline demo and end-to-end tests.

See :mod:`bot.sandbox.server` for the full description.
"""

from .faults import FAULT_KINDS, FaultPlan, InjectedFault
from .html_text import EntityParseError, parse_html, utf16_len
from .server import (
    ApiCall,
    CallbackAnswer,
    Sandbox,
    SandboxChat,
    SandboxUser,
    SentDocument,
    SentMessage,
    TranscriptEvent,
)

__all__ = [
    "ApiCall",
    "CallbackAnswer",
    "EntityParseError",
    "FAULT_KINDS",
    "FaultPlan",
    "InjectedFault",
    "Sandbox",
    "SandboxChat",
    "SandboxUser",
    "SentDocument",
    "SentMessage",
    "TranscriptEvent",
    "parse_html",
    "utf16_len",
]
