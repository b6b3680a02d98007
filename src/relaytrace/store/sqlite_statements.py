"""SQLite tables for statements (a mixin of ``SQLiteStore``).

Placeholder until the statements work fills it; see store/base.py.
"""

from __future__ import annotations

__all__ = ["StatementTables"]


class StatementTables:
    """Statement tables; uses ``self.conn`` and ``self.transaction()``."""
