"""The Slack adapter: slack-bolt's AsyncApp over Socket Mode or HTTP Events (README.md, Slack).

``run(settings, pipeline, ready=...)`` is the entry point ``dasan run`` calls.
"""

from adapters.slack.app import SlackAdapter, run

__all__ = ["SlackAdapter", "run"]
