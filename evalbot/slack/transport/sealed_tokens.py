"""Slack tokens encrypted at rest: slack_sdk's installation store, wrapped so that every token it
writes is sealed with `EVALBOT_TOKEN_KEY` and every token it reads is opened again.

Fernet (from `cryptography`): AES-128-CBC with an HMAC-SHA256, so a row changed by anyone
without the key does not open. `EVALBOT_TOKEN_KEY` holds one key, or several separated by
commas for a rotation: the first seals, any of them opens, and at start every stored token
is sealed again with the first (`seal_stored_tokens`), plain ones from before included.
A key is best made by `Fernet.generate_key()`; any other value is taken as a passphrase,
and the key is derived from it (PBKDF2-HMAC-SHA256), the same on every host.
"""

import base64
import copy
import hashlib
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from sqlalchemy import Engine, select, update

from evalbot.errors import ConfigError
from evalbot.store.schema import slack_bots, slack_installations

log = logging.getLogger(__name__)
TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
# Every Fernet token starts with its version byte 0x80 and a timestamp's high zero bytes.
_SEALED_PREFIX = "gAAAAA"
MAKE_A_KEY = "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
# Fixed, so every host derives the same key from a passphrase; the passphrase is the secret.
_PASSPHRASE_SALT = b"evalbot EVALBOT_TOKEN_KEY v1"
_PASSPHRASE_ROUNDS = 200_000


def fernet_for(key: str) -> Fernet:
    """The Fernet of one entry of EVALBOT_TOKEN_KEY: a Fernet key as it is, a passphrase through PBKDF2."""
    try:
        return Fernet(key.encode())
    except ValueError:
        log.warning("EVALBOT_TOKEN_KEY holds a passphrase, not a Fernet key: a key is derived from it "
                    "(a generated key is stronger; see docs/operations.md)")
        derived = hashlib.pbkdf2_hmac("sha256", key.encode(), _PASSPHRASE_SALT, _PASSPHRASE_ROUNDS)
        return Fernet(base64.urlsafe_b64encode(derived))


class TokenCipher:
    """Seals and opens tokens with the keys of `EVALBOT_TOKEN_KEY` (the first seals; any opens).

    Raises:
        ConfigError: EVALBOT_TOKEN_KEY holds no key at all (only commas and spaces).
    """

    def __init__(self, *, keys: str):
        entries = [key.strip() for key in keys.split(",") if key.strip()]
        if not entries:
            raise ConfigError(f"EVALBOT_TOKEN_KEY holds no key; make one with: {MAKE_A_KEY}")
        self._fernet = MultiFernet([fernet_for(key) for key in entries])

    def seal(self, token: str) -> str:
        return self._fernet.encrypt(token.encode()).decode()

    def open(self, stored: str) -> str:
        """The token `stored` holds; a plain token (stored before encryption) as it is.

        Raises:
            InvalidToken: no key of EVALBOT_TOKEN_KEY opens it (a wrong key, or a changed row).
        """
        return self._fernet.decrypt(stored.encode()).decode() if is_sealed(stored) else stored

    def reseal(self, stored: str) -> str:
        """`stored` sealed with the first key (a plain token sealed for the first time)."""
        return self._fernet.rotate(stored.encode()).decode() if is_sealed(stored) else self.seal(stored)


def is_sealed(stored: str) -> bool:
    return stored.startswith(_SEALED_PREFIX)


def _with_tokens(record, change):
    """A copy of an `Installation` or `Bot` with each of its tokens passed through `change`."""
    changed = copy.copy(record)
    for name in TOKEN_FIELDS:
        value = getattr(changed, name, None)
        if value:
            setattr(changed, name, change(value))
    return changed


class SealedInstallationStore(InstallationStore):
    """Another installation store (slack_sdk's SQLAlchemy one) whose tokens are sealed at rest.

    Args:
        inner: the store that keeps the rows.
        cipher: seals on the way in, opens on the way out.
    """

    def __init__(self, *, inner: InstallationStore, cipher: TokenCipher):
        self.inner, self.cipher = inner, cipher

    @property
    def logger(self) -> logging.Logger:
        return self.inner.logger

    def save(self, installation: Installation):
        return self.inner.save(_with_tokens(installation, self.cipher.seal))

    def save_bot(self, bot: Bot):
        return self.inner.save_bot(_with_tokens(bot, self.cipher.seal))

    def find_bot(self, *, enterprise_id, team_id, is_enterprise_install=False) -> Bot | None:
        found = self.inner.find_bot(enterprise_id=enterprise_id, team_id=team_id,
                                    is_enterprise_install=is_enterprise_install)
        return None if found is None else _with_tokens(found, self.cipher.open)

    def find_installation(self, *, enterprise_id, team_id, user_id=None,
                          is_enterprise_install=False) -> Installation | None:
        found = self.inner.find_installation(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id,
                                             is_enterprise_install=is_enterprise_install)
        return None if found is None else _with_tokens(found, self.cipher.open)

    def delete_bot(self, *, enterprise_id, team_id) -> None:
        self.inner.delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    def delete_installation(self, *, enterprise_id, team_id, user_id=None) -> None:
        self.inner.delete_installation(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)

    def delete_all(self, *, enterprise_id, team_id):
        self.inner.delete_all(enterprise_id=enterprise_id, team_id=team_id)


def seal_stored_tokens(engine: Engine, cipher: TokenCipher) -> int:
    """Seal every stored token with the first key (plain ones from before, and ones sealed with an older key);
    how many tokens were stored. One transaction: all or nothing.

    Raises:
        ConfigError: a stored token opens with no key of EVALBOT_TOKEN_KEY.
    """
    sealed = 0
    with engine.begin() as connection:
        for table in (slack_bots, slack_installations):
            columns = [table.c[name] for name in TOKEN_FIELDS if name in table.c]
            for row in connection.execute(select(table.c.id, *columns)).mappings().all():
                values = {name: row[name] for name in TOKEN_FIELDS if row.get(name)}
                try:
                    values = {name: cipher.reseal(value) for name, value in values.items()}
                except InvalidToken:
                    raise ConfigError("EVALBOT_TOKEN_KEY does not open the Slack tokens already stored (was the key "
                                      "changed? put the new key first and the old one after a comma, see "
                                      "docs/operations.md)") from None
                if values:
                    connection.execute(update(table).where(table.c.id == row["id"]).values(**values))
                    sealed += len(values)
    if sealed:
        log.info("stored Slack tokens sealed with the first key of EVALBOT_TOKEN_KEY", extra={"tokens": sealed})
    return sealed
