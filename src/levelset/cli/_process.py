"""The ``levelset`` process: how often Python's cyclic collector runs while a command
works, and how the process ends.

A command on a small workspace takes about two seconds, and two of its fixed costs are
not levelset's work at all:

- the cyclic collector: importing Ibis, DuckDB and pyarrow makes over a million
  objects, and at Python's default threshold (a pass every 700 new objects, a full pass
  over every live object every hundred passes) the collector walked them again and
  again: about 0.2 s of CPU. A pass every ``COLLECT_EVERY`` objects still collects
  what cycles a command leaves, ten times less often (``tune_collector``);
- tearing the interpreter down at exit: clearing every module and freeing every object
  one by one, 0.15 s, after the command has written everything it writes. ``leave``
  ends the process once the output is flushed and the exit handlers have run, as
  the interpreter's own exit would, without that teardown.

Both only for the process's own command line (the ``levelset`` script, ``python -m
levelset``): a program that runs the command in its own process (the tests' runner, a
notebook) keeps its collector and its interpreter.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from typing import NoReturn

#: A collection pass every this many new objects (Python's default: 700).
COLLECT_EVERY = 10_000
#: The status the interpreter ends with when its output cannot be flushed at exit.
_UNFLUSHED = 120


def tune_collector() -> None:
    """Collect cycles every ``COLLECT_EVERY`` new objects, not every 700."""
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, middle, oldest)


def may_leave() -> bool:
    """Whether the process may end without the interpreter's teardown: no thread of
    its own is still running (the interpreter would wait for it)."""
    main = threading.main_thread()
    return not any(
        thread is not main and not thread.daemon and thread.is_alive()
        for thread in threading.enumerate()
    )


def leave(code: object) -> NoReturn:
    """End the process with the status ``sys.exit(code)`` gives: the exit handlers run
    (``atexit``), standard output and error are flushed (status 120 when they cannot
    be, as the interpreter does), and the interpreter is not torn down."""
    status = _status(code)
    atexit._run_exitfuncs()  # what the interpreter runs at exit, before its teardown
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: the interpreter says 120
            status = _UNFLUSHED
    os._exit(status)


def _status(code: object) -> int:
    """The status of ``sys.exit(code)``: ``None`` is 0, a number itself, anything else
    is printed on stderr and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
