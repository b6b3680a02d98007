"""relaytrace: news provenance across languages.

Where did this text come from, who else carries it, what does it state on
whose word, and which sites relay which outlets.
"""

from relaytrace.errors import RelaytraceError
from relaytrace.model import Article, Relation, Sentence, SourceCue, Statement

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Relation",
    "RelaytraceError",
    "Sentence",
    "SourceCue",
    "Statement",
    "__version__",
]
