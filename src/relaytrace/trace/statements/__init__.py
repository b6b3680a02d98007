"""Statements: direct quotes and reported speech with speaker and venue, followed across copies.

extract_statements(article)                       -> list[Statement]
extract_from_text(paragraphs, lang)               -> list[Statement]
link_statements(articles, statements, relations)  -> list[StatementChain]
"""

from relaytrace.trace.statements.changes import StatementChange
from relaytrace.trace.statements.extract import extract_from_text, extract_statements
from relaytrace.trace.statements.linking import LinkOptions, StatementChain, link_statements

__all__ = [
    "LinkOptions",
    "StatementChain",
    "StatementChange",
    "extract_from_text",
    "extract_statements",
    "link_statements",
]
