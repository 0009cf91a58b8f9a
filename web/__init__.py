"""The live board: the room's screen and the facilitator's control view, served by the bot.

A second shell beside ``bot/``: it reads storage for what the screen shows and runs the same
use cases as the chat commands for what the facilitator changes.
"""
