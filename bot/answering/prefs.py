"""Per-user (or per-group) language choices and the log of unanswered questions. No Telegram here."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from threading import Lock

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.text.normalise import clean, tokens
from models.db import session_scope
from models.tables import LanguagePref, UnansweredQuestion, utcnow


class LanguagePrefs:
    """Stored language choices with a small in-process cache (every reply needs one)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._cache: dict[int, str | None] = {}
        self._lock = Lock()

    def get(self, subject_id: int) -> str | None:
        with self._lock:
            if subject_id in self._cache:
                return self._cache[subject_id]
        with Session(self.engine) as session:
            row = session.get(LanguagePref, subject_id)
            value = row.language if row else None
        with self._lock:
            self._cache[subject_id] = value
        return value

    def set(self, subject_id: int, language: str) -> None:
        with session_scope(self.engine) as session:
            row = session.get(LanguagePref, subject_id) or LanguagePref(subject_id=subject_id, language=language)
            row.language = language
            row.updated_at = utcnow()
            session.add(row)
        with self._lock:
            self._cache[subject_id] = language

    def resolve(self, user_id: int | None, chat_id: int | None, telegram_code: str | None) -> str | None:
        """The chat's choice (groups), else the user's, else Telegram's language_code (normalised later)."""
        for subject in (chat_id, user_id):
            if subject is not None:
                chosen = self.get(subject)
                if chosen:
                    return chosen
        return telegram_code


def record_unanswered(engine: Engine, text: str, language: str) -> None:
    """Keeps the question (trimmed) and the time; never the user. NUL bytes (PostgreSQL text cannot hold them) are
    dropped and lone surrogates (not encodable) replaced."""
    text = text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    trimmed = text.strip()[:500]
    if not trimmed:
        return
    normalized = " ".join(tokens(clean(trimmed)))[:500]
    with session_scope(engine) as session:
        session.add(UnansweredQuestion(text=trimmed, normalized=normalized or trimmed.lower(), language=language))


def top_unanswered(engine: Engine, *, limit: int = 20, days: int | None = None) -> list[tuple[str, int, datetime]]:
    """The most frequent unanswered questions: (an example text, how often, last asked)."""
    with Session(engine) as session:
        query = select(UnansweredQuestion)
        if days is not None:
            query = query.where(UnansweredQuestion.asked_at >= utcnow() - timedelta(days=days))
        rows = session.exec(query).all()
    counts: Counter[str] = Counter(r.normalized for r in rows)
    example: dict[str, UnansweredQuestion] = {}
    for r in rows:
        if r.normalized not in example or r.asked_at > example[r.normalized].asked_at:
            example[r.normalized] = r
    return [(example[k].text, n, example[k].asked_at) for k, n in counts.most_common(limit)]


def count_unanswered(engine: Engine, since: datetime) -> int:
    with Session(engine) as session:
        return len(session.exec(select(UnansweredQuestion.id).where(UnansweredQuestion.asked_at >= since)).all())
