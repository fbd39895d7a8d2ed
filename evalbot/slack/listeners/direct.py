"""Listeners for the deliveries evalbot gets most, without Bolt's generic argument injection.

For every listener it checks and every listener it runs, Bolt builds each argument a
function could ask for (about 25 of them: `say`, `respond`, `shortcut`, ...), at ~18 µs
a time, two or three times a delivery. A `DirectListener` runs Bolt's own matcher
function on the body, and calls its function with only the arguments it names.
Everything else (the listener runner, acks, threads, the error handler) is Bolt's.

Bolt has no public call to add a listener object, so one is appended to the app's
listener list; should a Bolt version not have that list, the listener is registered
the ordinary way instead.
"""

from collections.abc import Callable

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.listener import Listener
from slack_bolt.listener_matcher import builtins as builtin_matchers
from slack_bolt.request.payload_utils import to_command, to_event
from slack_bolt.util.utils import get_arg_names_of_callable

from evalbot.slack.repeats import is_repeat, skip_repeats

# The arguments a direct listener's function may name, as Bolt would pass them.
_ARGUMENTS: dict[str, Callable[[BoltRequest], object]] = {
    "ack": lambda request: request.context.ack,
    "body": lambda request: request.body,
    "client": lambda request: request.context.client,
    "command": lambda request: to_command(request.body),
    "context": lambda request: request.context,
    "event": lambda request: to_event(request.body),
}


class DirectListener(Listener):
    """A Bolt listener: `matcher` (a Bolt builtin) picks the deliveries, `function` answers them.

    Raises:
        TypeError: `function` names an argument this class does not provide.
    """

    def __init__(
        self,
        *,
        function: Callable[..., object],
        matcher,
        auto_acknowledgement: bool,
        skip_repeats: bool = False,
    ):
        names = get_arg_names_of_callable(function)
        unknown = [name for name in names if name not in _ARGUMENTS]
        if unknown:
            raise TypeError(f"{function.__name__} takes {unknown}; a DirectListener provides {sorted(_ARGUMENTS)}")
        self.ack_function = function
        self.lazy_functions = []
        self.matchers = [matcher]
        self.middleware = []
        self.auto_acknowledgement = auto_acknowledgement
        self.skip_repeats = skip_repeats
        self._arguments = [(name, _ARGUMENTS[name]) for name in names]
        # Bolt's builtin matchers wrap a `func(body)`; call it directly when it is there.
        func = getattr(matcher, "func", None)
        self._matches_body = func if callable(func) and getattr(matcher, "arg_names", None) == ["body"] else None

    def matches(self, *, req: BoltRequest, resp: BoltResponse) -> bool:
        if self._matches_body is not None:
            return bool(self._matches_body(req.body))
        return super().matches(req=req, resp=resp)

    def run_ack_function(self, *, request: BoltRequest, response: BoltResponse) -> BoltResponse | None:
        if self.skip_repeats and is_repeat(request):
            return None
        return self.ack_function(**{name: argument(request) for name, argument in self._arguments})


def _add(app: App, listener: DirectListener, register: Callable[[], object]) -> None:
    listeners = getattr(app, "_listeners", None)
    if isinstance(listeners, list):
        listeners.append(listener)
    else:
        register()


def command(app: App, name, function: Callable[..., object]) -> None:
    """`app.command(name)(function)`, direct."""
    listener = DirectListener(function=function, matcher=builtin_matchers.command(name), auto_acknowledgement=False)
    _add(app, listener, lambda: app.command(name)(function))


def event(app: App, event_type: str, function: Callable[..., object]) -> None:
    """`app.event(event_type)(function)`, direct: acknowledged at once, as Bolt does for events,
    then a delivery Slack repeats is dropped (`is_repeat`) and the rest answered."""
    listener = DirectListener(
        function=function, matcher=builtin_matchers.event(event_type), auto_acknowledgement=True, skip_repeats=True
    )
    _add(app, listener, lambda: app.event(event_type, middleware=[skip_repeats])(function))
