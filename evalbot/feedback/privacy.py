"""What is kept of a person: their question with emails, tokens and mentions removed, and a salted hash of their id."""

import hashlib
import hmac
import re
import secrets
import time

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from evalbot.logs import redact
from evalbot.routing.normalise import strip_slack
from evalbot.store.schema import install_secrets

MAX_STORED_CHARS = 2000
SALT_NAME = "user-hash-salt"
# An address starts where a run of address characters starts (the look-behind): tried from
# inside a run, a long "1.1.1.…" was scanned again from each of its characters (quadratic).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# API keys and other long opaque strings (Slack tokens are covered by `redact`).
_KEY_LIKE = re.compile(r"\b(?:sk|pk|rk|ghp|gho|ghs|github_pat|glpat|AKIA|AIza)[-_A-Za-z0-9]{12,}|\b[A-Za-z0-9+/=_-]{40,}")


def scrub(text: str) -> str:
    """`text` as stored: Slack markup and mentions removed, tokens, API keys and emails replaced, <= 2000 chars."""
    text = redact(strip_slack(text))
    text = _EMAIL.sub("[email]", _KEY_LIKE.sub("[redacted]", text))
    return text.strip()[:MAX_STORED_CHARS]


def user_hash(salt: str, user_id: str) -> str:
    """A stable pseudonym for `user_id`: the same person always hashes alike, and nobody can reverse it."""
    return hmac.new(salt.encode(), user_id.encode(), hashlib.sha256).hexdigest()[:32]


def installation_salt(engine: Engine) -> str:
    """This installation's salt, made on first use and shared by every worker and host."""
    with engine.begin() as connection:
        found = connection.execute(select(install_secrets.c.value).where(install_secrets.c.name == SALT_NAME)).first()
    if found is not None:
        return found.value
    try:
        with engine.begin() as connection:
            connection.execute(insert(install_secrets).values(name=SALT_NAME, value=secrets.token_hex(32),
                                                              created_at=time.time()))
    except IntegrityError:  # another process made it first; theirs is the one
        pass
    return installation_salt(engine)
