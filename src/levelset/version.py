"""The version of levelset (its own module: the command line reads it without the API)."""

__version__ = "0.1.0"
