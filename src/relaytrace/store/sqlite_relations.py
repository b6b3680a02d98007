"""SQLite tables for relations and the match indexes (a mixin of ``SQLiteStore``).

Placeholder until the relay-detection work fills it; see store/base.py.
"""

from __future__ import annotations

__all__ = ["RelationTables"]


class RelationTables:
    """Relations and candidate-index tables; uses ``self.conn`` and ``self.transaction()``."""
