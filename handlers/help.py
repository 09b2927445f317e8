"""도움말: the manual, rendered from the command table so it cannot drift from the parser."""

from __future__ import annotations

from bot import messages as M
from bot.commands import COMMANDS
from bot.context import Answer, HandlerContext


def render_manual() -> str:
    lines = [M.HELP_TITLE, M.HELP_INTRO, ""]
    for spec in COMMANDS:
        usage, description = M.COMMAND_HELP[spec.name]
        aliases = ", ".join(spec.aliases)
        lines.append(f"• {usage}\n    {description} ({M.HELP_ALIASES.format(aliases=aliases)})")
    lines += ["", M.HELP_OPTIONS]
    return "\n".join(lines)


async def run(ctx: HandlerContext) -> Answer:
    return Answer(render_manual(), show_model=False)
