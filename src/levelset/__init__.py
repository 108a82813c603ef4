"""levelset: every outcome at the right level, with one accountable owner."""

__version__ = "0.1.0"
