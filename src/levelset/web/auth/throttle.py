"""Login throttling with the ``limits`` library: a moving window of failed attempts per
user name and per client address. A throttled attempt is refused before the password is
checked, and the answer says how long to wait.

The counts are kept in the server's memory (``limits``' ``MemoryStorage``): one server
process, as ``levelset serve`` runs, counts every attempt; they start afresh on restart.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

#: Failed logins allowed per user name, and per client address (which may be a whole
#: office behind one router, hence more).
PER_USER = "5/minute"
PER_ADDRESS = "20/minute"


@dataclass(frozen=True)
class Wait:
    """A refusal: try again in ``seconds``."""

    seconds: int


class LoginThrottle:
    """Counts failed logins; says when the next attempt must wait."""

    def __init__(self, per_user: str = PER_USER, per_address: str = PER_ADDRESS) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._user: RateLimitItem = parse(per_user)
        self._address: RateLimitItem = parse(per_address)

    def check(self, name: str, address: str) -> Wait | None:
        """A ``Wait`` when either limit is used up, else None."""
        for item, key in ((self._user, f"user:{name}"), (self._address, f"address:{address}")):
            if not self._limiter.test(item, key):
                reset = self._limiter.get_window_stats(item, key).reset_time
                return Wait(max(1, int(reset - time.time()) + 1))
        return None

    def failed(self, name: str, address: str) -> None:
        """Count one failed attempt against the name and the address."""
        self._limiter.hit(self._user, f"user:{name}")
        self._limiter.hit(self._address, f"address:{address}")
