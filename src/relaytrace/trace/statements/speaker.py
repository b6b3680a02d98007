"""``Speaker``: a speaker phrase as the attribution readers find it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Speaker"]


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker phrase as found: ``kind`` is name, pronoun, role or description."""

    text: str
    kind: str
    role: str | None = None
    start: int = 0
    end: int = 0
    plural: bool = False
    venue: str | None = None  # an addressee written before the subject ("à Agence X le …")
