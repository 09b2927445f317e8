"""The one exception every document reader raises for a file it will not read."""

from __future__ import annotations


class DocumentError(Exception):
    """A file was refused. ``code`` keys ``bot.messages.DOCUMENT_ERRORS``.

    The exception carries no file content, so logging it leaks nothing.
    """

    def __init__(self, code: str, name: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.name = name
        self.params = params

    def user_message(self) -> str:
        from bot.messages import DOCUMENT_ERRORS, SUPPORTED_FORMATS_TEXT

        template = DOCUMENT_ERRORS.get(self.code, DOCUMENT_ERRORS["broken"])
        return template.format(name=self.name, supported=SUPPORTED_FORMATS_TEXT, **self.params)
