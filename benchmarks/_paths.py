"""Where the read-only shared material lives: ``../shared`` beside the repository,
or ``$RELAYTRACE_SHARED``."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RELAYTRACE_SHARED") or REPO.parent / "shared")
DEVSET = SHARED / "devset"
SEMEVAL = SHARED / "external" / "semeval2022-t8" / "pairs_train.csv"
