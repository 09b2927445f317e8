"""The model registry: named models, what they may do, and which one serves each task."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

from bot.config import ModelSettings, Settings
from bot.providers.base import Capability, Provider
from bot.tasks import Task

log = logging.getLogger(__name__)

# The provider capabilities that can serve a task (any one is enough).
TASK_CAPABILITIES: dict[Task, tuple[Capability, ...]] = {
    Task.CHAT: (Capability.CHAT,),
    Task.SUMMARIZE: (Capability.CHAT,),
    Task.ASK: (Capability.CHAT,),
    Task.DRAFT: (Capability.CHAT,),
    Task.ANALYZE: (Capability.CHAT,),
    Task.PROOFREAD: (Capability.CHAT,),
    Task.SEARCH: (Capability.SEARCH,),
    Task.IMAGE: (Capability.IMAGE,),
    Task.TRANSLATE: (Capability.TRANSLATE, Capability.CHAT),  # a chat model can translate too
}


@dataclass(frozen=True)
class ModelInfo:
    name: str
    settings: ModelSettings

    @property
    def label(self) -> str:
        return self.settings.label or self.name

    @property
    def kind(self) -> str:
        return self.settings.provider

    @property
    def external(self) -> bool:
        return bool(self.settings.external)

    @property
    def raw_pii_ok(self) -> bool:
        return self.settings.raw_pii_ok and not self.external

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        s = self.settings
        return input_tokens / 1000 * s.price_in_per_1k + output_tokens / 1000 * s.price_out_per_1k


class ModelRegistry:
    """Builds providers lazily on first use, so a model whose key is missing
    never stops the bot; asking for it gives a clear message instead."""

    def __init__(self, settings: Settings, env: Mapping[str, str] = os.environ) -> None:
        self._settings = settings
        self._env = env
        self.models: dict[str, ModelInfo] = {n: ModelInfo(n, m) for n, m in settings.models.items()}
        self._providers: dict[str, Provider] = {}

    def names(self) -> list[str]:
        return list(self.models)

    def get(self, name: str) -> ModelInfo | None:
        if name in self.models:
            return self.models[name]
        lowered = name.lower()
        for info in self.models.values():
            if info.name.lower() == lowered or info.label.lower() == lowered:
                return info
        return None

    def default_for(self, task: Task) -> ModelInfo:
        name = self._settings.defaults.get(task, self._settings.bot.default_model)
        return self.models[name]

    def allows(self, info: ModelInfo, task: Task) -> bool:
        return task in info.settings.tasks

    def models_for(self, task: Task) -> list[ModelInfo]:
        return [m for m in self.models.values() if task in m.settings.tasks]

    def provider(self, info: ModelInfo) -> Provider:
        """Raises ``ProviderError`` (kind "auth") when the model cannot be built, e.g. no key."""
        provider = self._providers.get(info.name)
        if provider is None:
            if info.kind == "offline":
                # Direct import keeps the SDKs (slow to import) out of an offline start.
                from bot.providers.offline import OfflineProvider

                provider = OfflineProvider(info.name, info.settings)
            else:
                from bot.providers.factory import build_provider

                provider = build_provider(info.name, info.settings, self._settings.network, self._env)
            self._providers[info.name] = provider
        return provider

    async def aclose(self) -> None:
        for provider in self._providers.values():
            try:
                await provider.aclose()
            except Exception:  # closing must not mask shutdown; nothing to leak here
                log.warning("provider close failed", exc_info=False)
        self._providers.clear()
