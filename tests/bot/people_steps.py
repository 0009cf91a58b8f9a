"""Steps for tests about people: registering with the workshop link."""

from __future__ import annotations

from bot.sandbox import Sandbox


async def register(sandbox: Sandbox, code: str, name: str, role_label: str, network: str):
    """Someone opens the workshop link in a private chat, taps a role, names a network."""
    user = sandbox.add_user(name)
    chat = sandbox.private_chat(user)
    await sandbox.send_message(chat, user, f"/start {code}")
    await sandbox.wait_idle(quiet=0.1)
    welcome = sandbox.last_bot_message(chat)
    assert welcome.text.startswith(f"Welkom, {name}!")
    await sandbox.press_button(chat, user, welcome.message_id, text=role_label)
    await sandbox.send_message(chat, user, f"/netwerk {network}")
    await sandbox.wait_idle(quiet=0.1)
    return user
