"""`Feedback`: the question log, the votes and the admins, as the Slack app uses them."""

from dataclasses import dataclass

from evalbot.feedback.recording import QuestionLog
from evalbot.feedback.report import Report, build_report
from evalbot.feedback.votes import VoteBook
from evalbot.store import Store

ADMIN_DAYS = 7  # the admin's Home section shows this week


@dataclass(frozen=True, kw_only=True)
class Feedback:
    questions: QuestionLog
    votes: VoteBook
    admins: frozenset[str]

    @classmethod
    def from_store(cls, store: Store, *, retention_days: int, admins: frozenset[str] = frozenset()) -> "Feedback":
        questions = QuestionLog(engine=store.engine, retention_days=retention_days)
        questions.load_salt()
        return cls(questions=questions, votes=VoteBook(engine=store.engine), admins=admins)

    def is_admin(self, user_id: str) -> bool:
        return user_id in self.admins

    def admin_report(self, team: str) -> Report:
        """This week's report of workspace `team` for its admin's Home section (top 5 gaps): an admin
        sees what their own workspace asked, never another's."""
        return build_report(self.questions.engine, days=ADMIN_DAYS, top=5, teams=[team])
