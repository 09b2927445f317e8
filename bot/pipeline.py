"""The one way through: access → input safety → handler → model → output safety → reply.

``Pipeline.handle`` never raises and always ends the reply with exactly one final
message or one Korean error, whatever the handler, the provider or the network do.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
import traceback
from collections import Counter

from bot import messages as M
from bot.config import Settings
from bot.context import Answer, HandlerContext
from bot.providers.base import ProviderError
from bot.registry import TASK_CAPABILITIES, ModelInfo, ModelRegistry
from bot.request import Reply, Request, ThreadMessage
from bot.state import StateStore
from bot.usage import UsageLedger
from documents.errors import DocumentError
from documents.extract import extract_document
from documents.model import Document, Section
from handlers import HANDLERS, HandlerEntry
from safety.gate import OFFLOAD_CHARS, Blocked, RequestGuard, SafetyGate

log = logging.getLogger("dasan.pipeline")


class UserError(Exception):
    """A request the user can fix; ``message`` is the Korean reply."""

    def __init__(self, message: str, reason: str = "user_error") -> None:
        super().__init__(reason)
        self.message = message
        self.reason = reason


class Pipeline:
    def __init__(self, settings: Settings, registry: ModelRegistry, gate: SafetyGate, state: StateStore) -> None:
        self.settings = settings
        self.registry = registry
        self.gate = gate
        self.state = state
        self.ledger = UsageLedger(state)
        self.outcomes: Counter[str] = Counter()  # outcome kind -> count, for the metrics log
        self._members = {m: key for key, dept in settings.departments.items() for m in dept.members}

    async def handle(self, request: Request, reply: Reply) -> None:
        started = time.monotonic()
        outcome = "ok"
        try:
            await asyncio.wait_for(self._handle(request, reply), self.settings.limits.request_timeout_s)
        except UserError as exc:
            outcome = exc.reason
            await self._end(reply, exc.message)
        except Blocked as exc:
            outcome = f"blocked:{exc.reason}"
            await self._end(reply, exc.message)
        except DocumentError as exc:
            outcome = f"document:{exc.code}"
            await self._end(reply, exc.user_message())
        except ProviderError as exc:
            outcome = f"provider:{exc.kind}"
            await self._end(reply, _provider_message(exc))
        except TimeoutError:
            outcome = "timeout"
            await self._end(reply, M.ERR_TIMEOUT)
        except asyncio.CancelledError:
            outcome = "cancelled"
            await self._end(reply, M.ERR_INTERNAL)
            raise
        except Exception as exc:  # the bot must survive any handler bug
            outcome = f"error:{type(exc).__name__}"
            # Only the stack, never the exception's message: it may quote user text.
            log.error("handler failed: %s at %s", type(exc).__name__, _stack(exc))
            await self._end(reply, M.ERR_INTERNAL)
        finally:
            if not reply.closed:  # a handler that returned without answering
                await self._end(reply, M.ERR_INTERNAL)
            self.outcomes[outcome.split(":", 1)[0]] += 1
            log.info(
                "request platform=%s user=%s command=%s outcome=%s ms=%d",
                request.platform, request.user_id, request.command.name, outcome,
                (time.monotonic() - started) * 1000,
            )

    async def _end(self, reply: Reply, message: str) -> None:
        """Keep what was already shown, and say why it stopped."""
        try:
            if reply.shown_text:
                await reply.finish(f"{reply.shown_text}\n\n{M.CUT_NOTICE}\n{message}")
            else:
                await reply.fail(message)
        except Exception as exc:  # the platform itself failed; nothing more can be shown
            log.error("reply failed: %s", type(exc).__name__)
            reply.closed = True

    async def _handle(self, request: Request, reply: Reply) -> None:
        self._check_access(request)
        if not request.department:
            # Ids only: display names are editable by their owners.
            request.department = self._members.get(request.user_id, "")
        command = request.command
        if command.errors:
            kind, _, name = command.errors[0].partition(":")
            raise UserError(M.ERR_UNKNOWN_OPTION.format(name=name) if kind == "unknown_option"
                            else M.ERR_MISSING_VALUE.format(name=name), "bad_option")
        entry = HANDLERS[command.name]
        if not request.text.strip() and not request.attachments:
            raise UserError(M.ERR_EMPTY, "empty")
        await self._check_rate(request)

        model = provider = None
        if entry.needs_model:
            model = self._choose_model(command.options.get("model"), entry, command.name)
            await self._check_quota(request)
            try:
                provider = self.registry.provider(model)
            except ProviderError:
                raise UserError(M.ERR_MODEL_DISABLED.format(model=model.label), "model_disabled") from None
            if not any(provider.supports(c) for c in TASK_CAPABILITIES[entry.task]) and not entry.offline_ok(provider):
                raise UserError(M.ERR_MODEL_TASK.format(
                    model=model.label, command=command.name, models=self._model_names(entry)), "model_task")

        guard = self.gate.guard(
            external=model.external if model else False,
            raw_allowed=model.raw_pii_ok if model else False,
        )
        await reply.status(M.THINKING)
        raw_docs = await self._read_documents(request, reply) if entry.reads_files else []
        raw_thread = await self._read_thread(request, reply) if entry.reads_thread else []
        # Size first, on what was read: an oversize request is refused before the
        # filter spends a second on it.
        self._check_size(command.args, raw_docs, raw_thread)
        text = await guard.ainbound(command.args, source="message") if command.args else ""
        documents, pristine = await _filter_documents(raw_docs, guard)
        thread = [ThreadMessage(m.author, await guard.ainbound(m.text, source="thread"), m.is_bot)
                  for m in raw_thread]

        ctx = HandlerContext(
            request=request, command=command, settings=self.settings, registry=self.registry,
            model=model, provider=provider, guard=guard, reply=reply, ledger=self.ledger,
            text=text, documents=documents, thread=thread, get_provider=self.registry.provider,
            pristine_documents=pristine,
        )
        answer = await entry.run(ctx)
        await self._deliver(ctx, answer, guard)

    async def _deliver(self, ctx: HandlerContext, answer: Answer, guard: RequestGuard) -> None:
        text = guard.outbound(answer.text)
        for file in answer.files:
            await ctx.reply.attach(file)
        footer = [*answer.notes]
        if answer.citations:
            footer.append("\n".join(f"[{i}] {guard.outbound(c.title or c.url)} — {guard.outbound(c.url)}"
                                     for i, c in enumerate(answer.citations, 1)))
        meta = []
        if answer.show_model and ctx.model is not None:
            meta.append(M.OFFLINE_LABEL if ctx.model.kind == "offline"
                        else M.MODEL_FOOTER.format(label=" → ".join(dict.fromkeys(ctx.used_models)) or ctx.model.label))
        meta.extend(guard.notes())
        if meta:
            footer.append(M.SAFETY_NOTE_SEPARATOR.join(meta))
        if not text.strip() and not answer.files:
            raise UserError(M.ERR_EMPTY_ANSWER, "empty_answer")
        final = "\n\n".join(part for part in (text.strip(), *footer) if part)
        await ctx.reply.finish(final)

    # -- checks ---------------------------------------------------------------

    def _check_access(self, request: Request) -> None:
        access = self.settings.access
        if request.platform == "console":
            return  # the local operator's terminal
        if access.workspaces and request.workspace not in access.workspaces:
            raise UserError(M.ERR_ACCESS, "access:workspace")
        if request.is_dm:
            if not access.allow_dm:
                raise UserError(M.ERR_ACCESS_DM, "access:dm")
            return
        if access.channels and request.channel not in access.channels:
            raise UserError(M.ERR_ACCESS, "access:channel")
        if access.public_channels_only and not request.is_public_channel:
            raise UserError(M.ERR_ACCESS, "access:private_channel")

    async def _check_rate(self, request: Request) -> None:
        limit = self.settings.limits.requests_per_minute
        if not limit:
            return
        minute = int(time.time() // 60)
        count = await self.state.incr(f"rate:{request.platform}:{request.user_id}:{minute}", 1, 61)
        if count > limit:
            raise UserError(M.ERR_RATE.format(limit=limit), "rate_limited")

    async def _check_quota(self, request: Request) -> None:
        limits = self.settings.limits
        if limits.daily_tokens_per_user and await self.ledger.user_tokens_today(request.user_id) >= limits.daily_tokens_per_user:
            raise UserError(M.ERR_QUOTA_USER.format(limit=limits.daily_tokens_per_user), "quota:user")
        if (limits.daily_cost_per_department and request.department
                and await self.ledger.department_cost_today(request.department) >= limits.daily_cost_per_department):
            raise UserError(M.ERR_QUOTA_DEPT, "quota:department")

    def _check_size(self, text: str, documents: list[Document], thread: list[ThreadMessage]) -> None:
        limit = self.settings.limits.max_input_chars
        total = len(text) + sum(len(d.text) for d in documents) + sum(len(m.text) for m in thread)
        if total > limit:
            raise UserError(M.ERR_INPUT_TOO_LONG.format(limit=limit), "input_too_long")

    # -- models ---------------------------------------------------------------

    def _model_names(self, entry: HandlerEntry) -> str:
        return ", ".join(m.name for m in self.registry.models_for(entry.task)) or "-"

    def _choose_model(self, requested: str | None, entry: HandlerEntry, command: str) -> ModelInfo:
        if requested:
            model = self.registry.get(requested)
            if model is None:
                raise UserError(M.ERR_UNKNOWN_MODEL.format(name=requested, models=", ".join(self.registry.names())),
                                "unknown_model")
            if not self.registry.allows(model, entry.task):
                raise UserError(M.ERR_MODEL_TASK.format(model=model.label, command=command,
                                                        models=self._model_names(entry)), "model_task")
            return model
        return self.registry.default_for(entry.task)

    # -- inputs ---------------------------------------------------------------

    async def _read_documents(self, request: Request, reply: Reply) -> list[Document]:
        """The attachments as extracted documents, not yet filtered."""
        if not request.attachments:
            return []
        limits = self.settings.limits
        if len(request.attachments) > limits.max_files:
            raise UserError(M.ERR_TOO_MANY_FILES.format(limit=limits.max_files), "too_many_files")
        max_bytes = int(limits.max_file_mb * 1_000_000)
        await reply.status(M.READING_FILES)
        docs = []
        for att in request.attachments:
            # Refuse before downloading: the platform's reported size is checked first.
            if att.size > max_bytes:
                raise UserError(M.ERR_FILE_TOO_LARGE.format(name=att.name, limit=_mb(limits.max_file_mb)),
                                "file_too_large")
            try:
                data = await att.read()
            except DocumentError:
                raise
            except Exception as exc:
                log.warning("attachment fetch failed: %s", type(exc).__name__)
                raise UserError(M.ERR_FILE_FETCH.format(name=att.name), "file_fetch") from None
            docs.append(await extract_document(att.name, data, max_bytes=max_bytes))
        return docs

    async def _read_thread(self, request: Request, reply: Reply) -> list[ThreadMessage]:
        if request.fetch_thread is None:
            return []
        await reply.status(M.READING_THREAD)
        try:
            messages = await request.fetch_thread()
        except Exception as exc:  # context is a help, not a requirement
            log.warning("thread fetch failed: %s", type(exc).__name__)
            return []
        keep = messages[-self.settings.limits.thread_messages:] if self.settings.limits.thread_messages else []
        return [m for m in keep if m.text]


async def _filter_documents(docs: list[Document], guard: RequestGuard) -> tuple[list[Document], set[int]]:
    """Filtered documents, and the indexes of those the filter left untouched
    (only their original bytes may be sent on as a whole file)."""
    filtered: list[Document] = []
    pristine: set[int] = set()
    for index, doc in enumerate(docs):
        # One worker-thread call per document (many ~2k-char sections would each
        # be too small to offload, yet together stall the loop).
        if len(doc.text) >= OFFLOAD_CHARS:
            clean = await asyncio.to_thread(_filter_document, doc, guard)
        else:
            clean = _filter_document(doc, guard)
        if clean.sections == doc.sections:
            pristine.add(index)
        filtered.append(clean)
    return filtered, pristine


def _filter_document(doc: Document, guard: RequestGuard) -> Document:
    # Tables are left as read: whatever a handler derives from them is filtered
    # again at the model boundary (HandlerContext.chat), cell by cell would be slow.
    sections = tuple(Section(guard.inbound(s.text, source="document"), s.label) for s in doc.sections)
    return dataclasses.replace(doc, sections=sections)


def _stack(exc: BaseException) -> str:
    """Where it failed (file:line function), without source lines or values."""
    return " < ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}"
                      for f in reversed(traceback.extract_tb(exc.__traceback__)))


def _mb(value: float) -> str:
    return f"{value:g}"


def _provider_message(exc: ProviderError) -> str:
    templates: dict[str, str] = getattr(M, "PROVIDER_ERRORS", {})
    return templates.get(exc.kind, M.ERR_PROVIDER).format(service=exc.service)
