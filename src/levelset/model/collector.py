"""Pausing Python's cyclic garbage collector while many small objects are made.

Making hundreds of thousands of objects (the rows of the allocation, findings, parsed
calendar events) sets the cyclic collector off again and again, and each of its full
passes walks every live object: at scale that took most of the time of making them.
Plain data has no reference cycles for it to find, so it is paused meanwhile.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block (as it was, after it: nested uses and
    a collector already paused by the caller are left as they were)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
