"""Multi-workspace install: Bolt's OAuth flow end to end against the fake Web API (state cookie included),
each workspace answered with its own token, and a revoked or uninstalled workspace's token never used again."""

import io
import json
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from slack_fakes import BOT_USER, SECRET, TOKEN_KEY, event_callback, mention, signed_headers
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import text

from evalbot.slack.app import build_app, drain, start_sending
from evalbot.slack.transport.oauth import BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH
from evalbot.slack.transport.wsgi import SlackWsgiApp
from evalbot.store import open_store

CLIENT_ID = "1111111111.2222222222"
CLIENT_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
TEAMS = {"T0ALPHA1": "xoxb-alpha-1111-aaaaaaaaaaaa", "T0BETA22": "xoxb-beta-2222-bbbbbbbbbbbb"}


def oauth_access(team: str, token: str) -> dict:
    """`oauth.v2.access`'s answer for a bot install, as Slack documents it (trimmed)."""
    return {
        "ok": True,
        "access_token": token,
        "token_type": "bot",
        "scope": ",".join(BOT_SCOPES),
        "bot_user_id": BOT_USER,
        "app_id": "A0EVALBOT",
        "team": {"name": f"Team {team}", "id": team},
        "enterprise": None,
        "authed_user": {"id": "U0ADMIN1"},
        "is_enterprise_install": False,
    }


class Browser:
    """GET requests to the WSGI app as a browser makes them, keeping the cookies it is given."""

    def __init__(self, wsgi: SlackWsgiApp):
        self.wsgi, self.cookies = wsgi, {}

    def get(self, path: str, **query: str) -> tuple[int, dict[str, str], str]:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": urlencode(query),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "3000",
            "wsgi.input": io.BytesIO(b""),
        }
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"], answer["headers"] = int(status[:3]), headers

        body = b"".join(self.wsgi(environ, start_response)).decode()
        for name, value in answer["headers"]:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return answer["status"], {name.lower(): value for name, value in answer["headers"]}, body

    def post_event(self, body: str) -> int:
        data = body.encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/slack/events",
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "CONTENT_LENGTH": str(len(data)),
            "wsgi.input": io.BytesIO(data),
        }
        for name, value in signed_headers(body).items():
            key = name.upper().replace("-", "_")
            environ["CONTENT_TYPE" if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
        statuses = []
        b"".join(self.wsgi(environ, lambda status, headers, exc_info=None: statuses.append(int(status[:3]))))
        return statuses[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """The state store the installations live in: SQLite (embedded) and a real PostgreSQL."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    opened = open_store(url=url, data_dir=tmp_path / "store")
    yield opened
    opened.close()


@pytest.fixture()
def sqlite_store(tmp_path):
    opened = open_store(data_dir=tmp_path / "store")
    yield opened
    opened.close()


def oauth_app(settings, brain, store):
    oauth = settings.model_copy(
        update={"slack_bot_token": None, "slack_client_id": CLIENT_ID, "slack_client_secret": CLIENT_SECRET,
                "evalbot_token_key": settings.evalbot_token_key or TOKEN_KEY}
    )
    app = build_app(oauth, brain, store=store, verify_requests=False)
    start_sending(app)  # the outbox's sender posts mentions' and DMs' answers
    return app


@pytest.fixture()
def installed(settings, brain, sqlite_store):
    """An app installed (through the stores, as a finished OAuth flow leaves them) in two workspaces."""
    app = oauth_app(settings, brain, sqlite_store)
    for team, token in TEAMS.items():
        app.installation_store.save(
            Installation(
                app_id="A0EVALBOT",
                team_id=team,
                user_id="U0ADMIN1",
                bot_token=token,
                bot_id=f"B{team}",
                bot_user_id=BOT_USER,
                bot_scopes=list(BOT_SCOPES),
            )
        )
    yield app
    drain(app)


def team_event(event: dict, team: str, event_id: str) -> str:
    body = json.loads(event_callback(event, event_id=event_id))
    body["team_id"] = team
    body["authorizations"][0]["team_id"] = team
    return json.dumps(body)


def tokens_used(fake_slack, method: str) -> list[str]:
    return [c["authorization"].removeprefix("Bearer ") for c in fake_slack.calls if c["method"] == method]


def test_install_flow_end_to_end_then_the_workspace_is_answered_with_its_token(settings, brain, store, fake_slack):
    """Add to Slack → state cookie → oauth.v2.access with the code → installation stored → events answered."""
    team, token = "T0ALPHA1", TEAMS["T0ALPHA1"]
    app = oauth_app(settings, brain, store)
    browser = Browser(SlackWsgiApp(app=app, signing_secret=SECRET))
    try:
        status, _, page = browser.get(INSTALL_PATH)
        assert status == 200 and "slack-app-oauth-state" in browser.cookies
        link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page)[1]
        query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
        assert query["client_id"] == [CLIENT_ID] and query["scope"] == [",".join(BOT_SCOPES)]
        state = query["state"][0]
        assert browser.cookies["slack-app-oauth-state"] == state

        fake_slack.script("oauth.v2.access", (200, {}, oauth_access(team, token)))
        status, _, page = browser.get(REDIRECT_PATH, code="c0de-from-slack", state=state)
        assert status == 200 and "Thank you" in page
        [exchange] = fake_slack.calls_to("oauth.v2.access")
        assert exchange["code"] == "c0de-from-slack"
        bot = app.installation_store.find_bot(enterprise_id=None, team_id=team)
        assert bot is not None and bot.bot_token == token

        assert browser.post_event(team_event(mention("budget"), team, "EvInstalled")) == 200
        assert app.listener_runner.listener_executor.wait_idle(10)
        fake_slack.wait_posted(1)  # the outbox's sender posts it
        assert tokens_used(fake_slack, "chat.postMessage") == [token]
    finally:
        drain(app)


@pytest.mark.parametrize(
    "tamper",
    ["wrong-state", "no-cookie", "state-used-twice"],
)
def test_a_callback_whose_state_does_not_check_out_installs_nothing(settings, brain, sqlite_store, fake_slack, tamper):
    """A forged, cookie-less or replayed state parameter gets Bolt's failure page and no token exchange."""
    app = oauth_app(settings, brain, sqlite_store)
    browser = Browser(SlackWsgiApp(app=app, signing_secret=SECRET))
    try:
        browser.get(INSTALL_PATH)
        state = browser.cookies["slack-app-oauth-state"]
        if tamper == "state-used-twice":
            fake_slack.script("oauth.v2.access", (200, {}, oauth_access("T0ALPHA1", TEAMS["T0ALPHA1"])))
            assert browser.get(REDIRECT_PATH, code="first", state=state)[0] == 200
            fake_slack.reset()
        elif tamper == "no-cookie":
            browser.cookies.clear()
        elif tamper == "wrong-state":
            state = "forged-" + state
        status, _, page = browser.get(REDIRECT_PATH, code="c0de", state=state)
        assert status == 400 and fake_slack.calls_to("oauth.v2.access") == []
    finally:
        drain(app)


def test_events_from_two_workspaces_use_each_workspaces_token(installed, fake_slack):
    browser = Browser(SlackWsgiApp(app=installed, signing_secret=SECRET))
    for n, team in enumerate(TEAMS):
        assert browser.post_event(team_event(mention("budget", ts=f"1700000500.00010{n}"), team, f"EvTeam{n}")) == 200
    assert installed.listener_runner.listener_executor.wait_idle(10)
    fake_slack.wait_posted(len(TEAMS))
    assert sorted(tokens_used(fake_slack, "chat.postMessage")) == sorted(TEAMS.values())


def test_an_event_from_a_workspace_never_installed_is_not_answered(installed, fake_slack):
    browser = Browser(SlackWsgiApp(app=installed, signing_secret=SECRET))
    browser.post_event(team_event(mention("budget"), "T0STRANGE", "EvStranger"))
    assert installed.listener_runner.listener_executor.wait_idle(10)
    assert fake_slack.wait_posted(1, timeout=1.0) == []


REVOCATIONS = {
    "tokens_revoked": {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [BOT_USER]}, "event_ts": "1.1"},
    "app_uninstalled": {"type": "app_uninstalled", "event_ts": "1.2"},
}


@pytest.mark.parametrize("revocation", REVOCATIONS.values(), ids=REVOCATIONS.keys())
def test_a_revoked_workspaces_token_is_never_used_again(installed, fake_slack, revocation):
    """After the revocation event, that workspace's next mention is not answered with the dead token; the
    other workspace is unaffected."""
    browser = Browser(SlackWsgiApp(app=installed, signing_secret=SECRET))
    assert browser.post_event(team_event(revocation, "T0ALPHA1", "EvRevoked")) == 200
    assert installed.listener_runner.listener_executor.wait_idle(10)
    assert installed.installation_store.find_bot(enterprise_id=None, team_id="T0ALPHA1") is None
    fake_slack.reset()
    for team in TEAMS:
        browser.post_event(team_event(mention("budget"), team, f"EvAfterRevoke{team}"))
    assert installed.listener_runner.listener_executor.wait_idle(10)
    fake_slack.wait_posted(1)
    assert fake_slack.wait_posted(2, timeout=1.0)  # and no second post comes
    assert TEAMS["T0ALPHA1"] not in json.dumps(fake_slack.calls)
    assert tokens_used(fake_slack, "chat.postMessage") == [TEAMS["T0BETA22"]]


def test_bolts_revocation_leaves_the_token_in_the_installation_record(installed, fake_slack):
    """Why the app looks tokens up with find_bot only: after Bolt's tokens_revoked listener the installation
    record still holds the bot token, which Bolt's default lookup (find_installation) would hand out."""
    browser = Browser(SlackWsgiApp(app=installed, signing_secret=SECRET))
    browser.post_event(team_event(REVOCATIONS["tokens_revoked"], "T0ALPHA1", "EvRevokedOnly"))
    assert installed.listener_runner.listener_executor.wait_idle(10)
    leftover = installed.installation_store.find_installation(enterprise_id=None, team_id="T0ALPHA1")
    assert leftover is not None and leftover.bot_token == TEAMS["T0ALPHA1"]
    assert installed.installation_store.find_bot(enterprise_id=None, team_id="T0ALPHA1") is None


def test_without_a_store_given_the_installations_live_in_the_settings_store(settings, brain):
    """A store always exists (SQLite in EVALBOT_DATA_DIR by default): installations are kept there."""
    app = oauth_app(settings, brain, None)
    try:
        app.installation_store.save(Installation(app_id="A0EVALBOT", team_id="T0ALPHA1", user_id="U0ADMIN1",
                                                 bot_token=TEAMS["T0ALPHA1"], bot_id="BT0ALPHA1",
                                                 bot_user_id=BOT_USER, bot_scopes=list(BOT_SCOPES)))
        reopened = settings.open_store()
        with reopened.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM slack_bots")).scalar_one() == 1
        reopened.close()
    finally:
        drain(app)


SECRETS_OF = {"T0ALPHA1": "falcon parking permit renewal", "T0BETA22": "bluebird karaoke playlist friday"}
ADMIN_OF = {"T0ALPHA1": "U0ADMINA", "T0BETA22": "U0ADMINB"}


def test_each_workspaces_admin_home_shows_only_its_own_questions(settings, brain, store, fake_slack):
    """Two workspaces installed through the stores, each asks something evalbot cannot answer; each admin's
    Home tab lists their own workspace's question and no text of the other's."""
    from evalbot.feedback.service import Feedback

    oauth = settings.model_copy(
        update={"slack_bot_token": None, "slack_client_id": CLIENT_ID, "slack_client_secret": CLIENT_SECRET,
                "evalbot_token_key": TOKEN_KEY})
    feedback = Feedback.from_store(store, retention_days=90, admins=frozenset(ADMIN_OF.values()))
    app = build_app(oauth, brain, store=store, verify_requests=False, feedback=feedback)
    start_sending(app)
    browser = Browser(SlackWsgiApp(app=app, signing_secret=SECRET))
    try:
        for team, token in TEAMS.items():
            app.installation_store.save(Installation(app_id="A0EVALBOT", team_id=team, user_id=ADMIN_OF[team],
                                                     bot_token=token, bot_id=f"B{team}", bot_user_id=BOT_USER,
                                                     bot_scopes=list(BOT_SCOPES)))
        for n, (team, asked) in enumerate(SECRETS_OF.items()):
            dm = {"type": "message", "channel": f"D0{team}", "user": f"U0ASKER{n}", "text": asked,
                  "ts": f"1700000600.00000{n}", "channel_type": "im"}
            assert browser.post_event(team_event(dm, team, f"EvAsk{team}")) == 200
        assert app.listener_runner.listener_executor.wait_idle(10)
        fake_slack.wait_posted(2)
        for team, admin in ADMIN_OF.items():
            opened = {"type": "app_home_opened", "user": admin, "channel": f"D0{team}", "tab": "home",
                      "event_ts": "1700000700.1"}
            assert browser.post_event(team_event(opened, team, f"EvHome{team}")) == 200
        assert app.listener_runner.listener_executor.wait_idle(10)
        homes = {call["user_id"]: json.dumps(call["view"]) for call in fake_slack.wait_for("views.publish", count=2)}
        for team, admin in ADMIN_OF.items():
            other = next(t for t in TEAMS if t != team)
            assert SECRETS_OF[team].split()[0] in homes[admin]
            assert not [word for word in SECRETS_OF[other].split() if word in homes[admin]]
    finally:
        drain(app)


def _stored_tokens(store) -> list[str]:
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT bot_token FROM slack_bots UNION ALL "
                                       "SELECT bot_token FROM slack_installations")).scalars().all()
    return [row for row in rows if row]


def test_tokens_are_sealed_at_rest_and_opened_for_use(settings, brain, store, fake_slack):
    """An installation saved through the app keeps no token in plain text in either table; the token in use is
    the real one."""
    app = oauth_app(settings, brain, store)
    browser = Browser(SlackWsgiApp(app=app, signing_secret=SECRET))
    try:
        for team, token in TEAMS.items():
            app.installation_store.save(Installation(app_id="A0EVALBOT", team_id=team, user_id="U0ADMIN1",
                                                     bot_token=token, bot_id=f"B{team}", bot_user_id=BOT_USER,
                                                     bot_scopes=list(BOT_SCOPES)))
        stored = _stored_tokens(store)
        assert len(stored) == 4 and not [t for t in stored if t.startswith("xox") or t in json.dumps(TEAMS)]
        assert browser.post_event(team_event(mention("budget"), "T0BETA22", "EvSealed")) == 200
        assert app.listener_runner.listener_executor.wait_idle(10)
        fake_slack.wait_posted(1)
        assert tokens_used(fake_slack, "chat.postMessage") == [TEAMS["T0BETA22"]]
    finally:
        drain(app)


def test_plain_tokens_stored_before_are_sealed_at_start_and_still_work(settings, brain, sqlite_store, fake_slack):
    """Rows written by slack_sdk's own store (an install from before encryption) are sealed when the app starts."""
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    from evalbot.store.schema import SLACK_BOTS, SLACK_INSTALLATIONS

    plain = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=sqlite_store.engine, bots_table_name=SLACK_BOTS,
                                        installations_table_name=SLACK_INSTALLATIONS)
    plain.save(Installation(app_id="A0EVALBOT", team_id="T0ALPHA1", user_id="U0ADMIN1", bot_token=TEAMS["T0ALPHA1"],
                            bot_id="BALPHA", bot_user_id=BOT_USER, bot_scopes=list(BOT_SCOPES)))
    assert TEAMS["T0ALPHA1"] in _stored_tokens(sqlite_store)
    app = oauth_app(settings, brain, sqlite_store)
    try:
        assert not [t for t in _stored_tokens(sqlite_store) if t.startswith("xox")]
        bot = app.installation_store.find_bot(enterprise_id=None, team_id="T0ALPHA1")
        assert bot is not None and bot.bot_token == TEAMS["T0ALPHA1"]
    finally:
        drain(app)


def test_a_rotation_reseals_with_the_new_key_and_the_old_one_can_then_go(settings, brain, sqlite_store):
    """EVALBOT_TOKEN_KEY="new,old": every token is sealed again with the new key, which then opens them alone."""
    from cryptography.fernet import Fernet

    new = Fernet.generate_key().decode()
    first = oauth_app(settings, brain, sqlite_store)
    first.installation_store.save(Installation(app_id="A0EVALBOT", team_id="T0ALPHA1", user_id="U0ADMIN1",
                                               bot_token=TEAMS["T0ALPHA1"], bot_user_id=BOT_USER, bot_id="BALPHA"))
    drain(first)
    before = _stored_tokens(sqlite_store)
    for keys in (f"{new},{TOKEN_KEY}", new):
        app = oauth_app(settings.model_copy(update={"evalbot_token_key": keys}), brain, sqlite_store)
        try:
            assert app.installation_store.find_bot(enterprise_id=None, team_id="T0ALPHA1").bot_token == TEAMS["T0ALPHA1"]
        finally:
            drain(app)
    after = _stored_tokens(sqlite_store)
    assert all(Fernet(new.encode()).decrypt(t.encode()).decode() == TEAMS["T0ALPHA1"] for t in after)
    assert set(after).isdisjoint(before)


def test_a_passphrase_as_token_key_seals_too_and_every_host_derives_the_same_key(settings, brain, sqlite_store):
    """EVALBOT_TOKEN_KEY="correct horse battery staple" (not a Fernet key): tokens are sealed with a key derived
    from it, which another process with the same passphrase opens, and another passphrase does not."""
    from evalbot.errors import ConfigError

    phrase = settings.model_copy(update={"evalbot_token_key": "correct horse battery staple"})
    first = oauth_app(phrase, brain, sqlite_store)
    first.installation_store.save(Installation(app_id="A0EVALBOT", team_id="T0ALPHA1", user_id="U0ADMIN1",
                                               bot_token=TEAMS["T0ALPHA1"], bot_user_id=BOT_USER, bot_id="BALPHA"))
    drain(first)
    assert not [t for t in _stored_tokens(sqlite_store) if t.startswith("xox")]
    again = oauth_app(phrase, brain, sqlite_store)
    try:
        assert again.installation_store.find_bot(enterprise_id=None, team_id="T0ALPHA1").bot_token == TEAMS["T0ALPHA1"]
    finally:
        drain(again)
    with pytest.raises(ConfigError, match="EVALBOT_TOKEN_KEY does not open"):
        oauth_app(settings.model_copy(update={"evalbot_token_key": "another passphrase"}), brain, sqlite_store)
