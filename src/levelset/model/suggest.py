"""Did-you-mean suggestions for a name the caller typed that matches nothing."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(
    wanted: str,
    candidates: Iterable[str],
    *,
    fold: bool = False,
    contains: bool = True,
    otherwise: str | None = None,
) -> str:
    """``"; did you mean 'a' or 'b'?"`` for the candidates close to ``wanted``.

    With ``contains``, candidates containing ``wanted`` come first; then close spellings,
    compared without regard to case when ``fold``. With nothing close, ``otherwise`` is
    said when given; else a short list is offered whole (``"; choose from a, b"``) and a
    long one is left unsaid.
    """
    listed = list(dict.fromkeys(candidates))
    folded = wanted.casefold()
    close = [c for c in listed if contains and folded and folded in c.casefold()][:3]
    if not close:
        keyed = {c.casefold() if fold else c: c for c in listed}
        key = folded if fold else wanted
        close = [keyed[c] for c in difflib.get_close_matches(key, list(keyed), n=3, cutoff=0.6)]
    if close:
        return "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    if otherwise is not None:
        return otherwise
    if listed and len(listed) <= 8:
        return "; choose from " + ", ".join(listed)
    return ""
