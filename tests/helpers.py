"""Test helpers shared across areas: an in-memory Reply that records what the user would see."""

from __future__ import annotations

from bot.request import Attachment, OutFile, Reply, Request


class RecordingReply(Reply):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str]] = []
        self.files: list[OutFile] = []

    async def _status(self, text: str) -> None:
        self.events.append(("status", text))

    async def _update(self, text: str) -> None:
        self.events.append(("update", text))

    async def _attach(self, file: OutFile) -> None:
        self.files.append(file)
        self.events.append(("attach", file.name))

    async def _finish(self, text: str) -> None:
        self.events.append(("finish", text))

    async def _fail(self, message: str) -> None:
        self.events.append(("fail", message))

    @property
    def finals(self) -> list[tuple[str, str]]:
        return [e for e in self.events if e[0] in ("finish", "fail")]

    @property
    def final(self) -> tuple[str, str]:
        assert len(self.finals) == 1, self.events
        return self.finals[0]


def make_request(text: str, *, platform: str = "test", attachments: list[Attachment] | None = None,
                 channel: str = "C1", is_dm: bool = False, workspace: str = "T1", user: str = "U1",
                 thread=None, department: str = "", public: bool = True) -> Request:
    return Request(platform=platform, workspace=workspace, channel=channel, thread_id="th1", user_id=user,
                   user_name="홍길동", is_dm=is_dm, text=text, attachments=attachments or [], event_id="e1",
                   department=department, is_public_channel=public, fetch_thread=thread)


def bytes_attachment(name: str, data: bytes, mime: str = "text/plain", size: int | None = None) -> Attachment:
    async def fetch() -> bytes:
        return data

    return Attachment(name=name, mime_type=mime, size=len(data) if size is None else size, fetch=fetch)
