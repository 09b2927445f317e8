"""Mattermost adapter: websocket events and the /dasan slash command in, threaded
replies streamed by edits out (see README.md, Mattermost).

Modules: ``adapter`` (wiring, which posts to answer), ``connection`` / ``websocket``
(the reconnect loop), ``rest`` / ``retry`` (REST v4 over mattermostautodriver),
``events`` (event parsing), ``inbound`` (post → Request), ``reply`` (streaming by
edits), ``slash`` (the HTTP callback), ``catchup`` (posts missed while disconnected).
"""

from adapters.mattermost.adapter import MattermostAdapter, run

__all__ = ["MattermostAdapter", "run"]
