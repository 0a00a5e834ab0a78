"""Resolution: many reports -> one event, every value kept with its source (pure functions: report
dicts in, Event records out)."""

from eventledger.resolve.config import POLICIES, ResolveConfig
from eventledger.resolve.core import Resolution, resolve, singleton_id
from eventledger.resolve.render import dossier, summary_line
from eventledger.resolve.scoring import pairwise_scores
from eventledger.resolve.statements import attribution_graph
from eventledger.resolve.values import best, contested, summarize

__all__ = [
    "POLICIES",
    "Resolution",
    "ResolveConfig",
    "attribution_graph",
    "best",
    "contested",
    "dossier",
    "pairwise_scores",
    "resolve",
    "singleton_id",
    "summarize",
    "summary_line",
]
