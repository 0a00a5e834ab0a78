"""EventLedger: political-violence events with the evidence for every value."""

__version__ = "0.1.0"


def open(db: str | None = None):  # noqa: A001 - the notebook entry point is eventledger.open(db)
    """Open a store for notebooks: `.events()`, `.reports()`, `.statements()` as DataFrames."""
    from eventledger.api import Ledger

    return Ledger(db)
