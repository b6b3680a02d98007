"""Where the read-only shared material lives: ``../shared`` beside the repository
(as in CI), or ``$RELAYTRACE_SHARED``."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RELAYTRACE_SHARED") or REPO.parent / "shared")
DEVSET = SHARED / "devset"
SEED = SHARED / "seeds" / "000_39d49d14dade5e38.txt"
