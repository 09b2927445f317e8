"""모델: the registered models, what each may do, and where data goes."""

from __future__ import annotations

from bot import messages as M
from bot.context import Answer, HandlerContext
from bot.tasks import Task


def render_models(ctx: HandlerContext) -> str:
    registry = ctx.registry
    defaults: dict[str, list[str]] = {}
    for task in Task:
        defaults.setdefault(registry.default_for(task).name, []).append(M.TASK_NAMES[task.value])
    lines = [M.MODELS_TITLE]
    for info in registry.models.values():
        tasks = ", ".join(M.TASK_NAMES[t.value] for t in info.settings.tasks) or "-"
        lines.append(M.MODELS_LINE.format(
            name=info.name,
            label=f" ({info.label})" if info.label != info.name else "",
            tasks=tasks,
            external=M.MODELS_EXTERNAL if info.external else M.MODELS_INTERNAL,
            default=M.MODELS_DEFAULT.format(tasks=", ".join(defaults[info.name])) if info.name in defaults else "",
        ))
    return "\n".join(lines)


async def run(ctx: HandlerContext) -> Answer:
    return Answer(render_models(ctx), show_model=False)
