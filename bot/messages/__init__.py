"""Every user-facing Korean string lives in this package, one module per area.

Code elsewhere imports from ``bot.messages`` only, so a translation replaces this
package and nothing else. Module split avoids edit conflicts between areas.
"""

from bot.messages.core import *  # noqa: F401,F403
from bot.messages.documents import *  # noqa: F401,F403
from bot.messages.safety import *  # noqa: F401,F403
from bot.messages.providers import *  # noqa: F401,F403
from bot.messages.official import *  # noqa: F401,F403
from bot.messages.mattermost import *  # noqa: F401,F403
from bot.messages.slack import *  # noqa: F401,F403
