"""What an ingest run did: counts by outcome, rejections by reason with a few examples."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from relaytrace.model import Rejection

__all__ = ["EXAMPLES_PER_REASON", "IngestReport", "Tally"]

EXAMPLES_PER_REASON = 3


@dataclass(frozen=True, slots=True)
class IngestReport:
    """The outcome of one ingest run.

    ``skipped`` counts items already processed by an earlier run (their source
    key is in the ingest log); ``rejected`` maps a reason code to its count and
    ``examples`` keeps the first few rejections of each reason.
    """

    added: int = 0
    unchanged: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: Mapping[str, int] = field(default_factory=dict)
    examples: Mapping[str, tuple[Rejection, ...]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rejected(self) -> int:
        return sum(self.rejected.values())

    @property
    def stored(self) -> int:
        """Items that are now in the store (new, updated or already there unchanged)."""
        return self.added + self.unchanged + self.updated

    @property
    def total(self) -> int:
        return self.stored + self.skipped + self.total_rejected

    @property
    def nothing_read(self) -> bool:
        """True when not a single item could be read: every one was rejected, or none came."""
        return self.stored + self.skipped == 0

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "skipped": self.skipped,
            "rejected": dict(self.rejected),
            "rejected_total": self.total_rejected,
            "examples": {
                reason: [{"origin": r.origin, "message": r.message} for r in items]
                for reason, items in self.examples.items()
            },
            "seconds": round(self.seconds, 3),
        }


@dataclass(slots=True)
class Tally:
    """The running counts an ingest keeps while it goes; ``report()`` freezes them."""

    added: int = 0
    unchanged: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[Rejection]] = field(default_factory=dict)

    def count(self, status: str) -> None:
        """Count one stored item by its ``AddResult.status``."""
        setattr(self, status, getattr(self, status) + 1)

    def reject(self, rejection: Rejection) -> None:
        self.rejected[rejection.reason] += 1
        kept = self.examples.setdefault(rejection.reason, [])
        if len(kept) < EXAMPLES_PER_REASON:
            kept.append(rejection)

    def report(self, seconds: float = 0.0) -> IngestReport:
        return IngestReport(
            added=self.added,
            unchanged=self.unchanged,
            updated=self.updated,
            skipped=self.skipped,
            rejected=dict(self.rejected.most_common()),
            examples={reason: tuple(items) for reason, items in self.examples.items()},
            seconds=seconds,
        )
