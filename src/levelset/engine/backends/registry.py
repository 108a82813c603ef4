"""Which backend a connection URL's scheme names, and opening it.

Backends register themselves for their schemes with ``register_backend``; the built-in
ones (DuckDB, PostgreSQL, Spark) do so when their module is imported, as a plug-in would. A
package can also offer a backend through the entry-point group ``levelset.engines``:
each entry point is named for a scheme and loads an ``Engine`` subclass. Entry points are
read only when a URL names a scheme no imported backend has, or when every backend is
asked for.
"""

from __future__ import annotations

import re
from importlib.metadata import entry_points
from urllib.parse import urlsplit

from levelset.engine.backends.base import Engine, EngineError

#: The entry-point group of backends offered by other packages.
ENTRY_POINTS = "levelset.engines"

_BY_SCHEME: dict[str, type[Engine]] = {}
_plugins_read = False


def register_backend(engine: type[Engine], *schemes: str) -> None:
    """Let ``open_engine`` connect to URLs of ``schemes`` (``postgres``) with ``engine``."""
    for scheme in schemes:
        _BY_SCHEME[scheme.lower()] = engine


def backend_for(scheme: str) -> type[Engine] | None:
    """The backend registered for ``scheme``, looking at the entry points when none is."""
    found = _BY_SCHEME.get(scheme.lower())
    if found is None:
        _read_plugins()
        found = _BY_SCHEME.get(scheme.lower())
    return found


def registered_backends() -> dict[str, tuple[type[Engine], str]]:
    """Every backend by name, with the first scheme it is registered for."""
    _read_plugins()
    found: dict[str, tuple[type[Engine], str]] = {}
    for scheme, engine in _BY_SCHEME.items():
        found.setdefault(engine.name, (engine, scheme))
    return found


def open_engine(url: str | None = None, *, memory_limit: str | None = None) -> Engine:
    """Connect to the backend ``url`` names (in-process DuckDB when it is empty; a
    scheme alone, ``spark``, stands for ``spark://``).

    ``memory_limit`` (``"1GB"``, ``"512MB"``) bounds a backend that runs in this process
    (DuckDB spills to a temporary folder beyond it). Raises ``EngineError`` with advice
    when the URL is not understood or the server cannot be reached; the message never
    shows the URL's password.
    """
    text = (url or "duckdb://").strip()
    if text.isalpha():  # a backend named alone: ``spark`` for ``spark://``
        text = f"{text}://"
    engine = backend_for(urlsplit(text).scheme)
    if engine is None:
        examples = dict.fromkeys(e.example_url for e in _BY_SCHEME.values() if e.example_url)
        raise EngineError(
            f"engine {text!r} is not a connection URL levelset knows",
            f"use {' or '.join(examples)}",
        )
    try:
        return engine.connect(text, memory_limit=memory_limit)
    except EngineError:  # the backend's own advice (a driver not installed)
        raise
    except Exception as error:  # a driver error: the server is down, the password wrong
        raise EngineError(
            f"cannot connect to {redact(text)}: {str(error).strip().splitlines()[0]}",
            "check the URL in [data] engine of levelset.toml or --engine, and that the server runs",
        ) from None


def redact(url: str) -> str:
    """``url`` with its password, if any, shown as ``***`` (and a Spark Connect URL's
    ``;token=...``)."""
    parts = urlsplit(url)
    if parts.password:
        url = url.replace(f":{parts.password}@", ":***@", 1)
    return re.sub(r"(;token=)[^;]*", r"\1***", url, flags=re.IGNORECASE)


def _read_plugins() -> None:
    """Register the backends of the ``levelset.engines`` entry points (once)."""
    global _plugins_read  # noqa: PLW0603 - read once per process
    if _plugins_read:
        return
    _plugins_read = True
    for point in entry_points(group=ENTRY_POINTS):
        register_backend(point.load(), point.name)
