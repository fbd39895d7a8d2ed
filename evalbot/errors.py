"""The error hierarchy. Every error evalbot raises on purpose derives from `EvalbotError`."""


class EvalbotError(Exception):
    """Base class for every error evalbot raises on purpose."""


class CommandError(EvalbotError):
    """An expected failure whose message is shown to the user as it is.

    Args:
        message: what went wrong, in one sentence.
        field: the input field at fault, when there is one.
        example: a correct command the user can copy.
    """

    def __init__(self, message: str, *, field: str | None = None, example: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.example = example


class KnowledgeError(EvalbotError):
    """The knowledge base (shipped or overlay) has a problem.

    Args:
        problems: one line per problem, each naming the file and the field.
    """

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class ConfigError(EvalbotError):
    """Configuration is missing or invalid; the message is one clear line."""


class StoreUnavailable(EvalbotError):
    """The state store cannot be read or written right now (full disk, database down, file gone and not recreated)."""
