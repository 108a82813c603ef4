"""Level schemes: each level owns a band of time horizons.

``default`` is the scheme of the leveling article (individual contributor 1 day–1 month up
to executive 12–36 months). ``requisite`` is Elliott Jaques's strata of requisite
organization, by time span of discretion. A workspace may also define its own ``levels``.
"""

from __future__ import annotations

from dataclasses import dataclass

from levelset.model.duration import HorizonRange, parse_horizon
from levelset.model.source import Location


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a scheme. ``rank`` counts from 1 at the bottom."""

    id: str
    name: str
    horizon: HorizonRange
    rank: int
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class LevelScheme:
    """An ordered set of levels, lowest first."""

    name: str
    levels: tuple[Level, ...]

    def get(self, level_id: str) -> Level | None:
        """The level with this id, or ``None``."""
        for level in self.levels:
            if level.id == level_id:
                return level
        return None

    def ids(self) -> tuple[str, ...]:
        """The level ids, lowest first."""
        return tuple(level.id for level in self.levels)

    def fitting(self, days: float) -> tuple[Level, ...]:
        """The levels whose band holds a horizon of ``days`` (two on a shared edge)."""
        return tuple(level for level in self.levels if level.horizon.contains(days))

    def by_rank(self, rank: int) -> Level | None:
        """The level at this rank (1 is the lowest), or ``None``."""
        if 1 <= rank <= len(self.levels):
            return self.levels[rank - 1]
        return None


def _scheme(name: str, rows: list[tuple[str, str, str]]) -> LevelScheme:
    return LevelScheme(
        name,
        tuple(
            Level(level_id, title, parse_horizon(band), rank)
            for rank, (level_id, title, band) in enumerate(rows, start=1)
        ),
    )


DEFAULT = _scheme(
    "default",
    [
        ("L1", "Individual contributor", "1d..1mo"),
        ("L2", "Supervisor", "1mo..3mo"),
        ("L3", "Manager", "3mo..6mo"),
        ("L4", "Director / VP", "6mo..12mo"),
        ("L5", "Executive", "12mo..36mo"),
    ],
)

REQUISITE = _scheme(
    "requisite",
    [
        ("I", "Stratum I: front-line work", "1d..3mo"),
        ("II", "Stratum II: first-line management", "3mo..1y"),
        ("III", "Stratum III: unit management", "1y..2y"),
        ("IV", "Stratum IV: general management", "2y..5y"),
        ("V", "Stratum V: business unit president", "5y..10y"),
        ("VI", "Stratum VI: executive vice president", "10y..20y"),
        ("VII", "Stratum VII: corporate CEO", "20y..50y"),
    ],
)

BUILTIN_SCHEMES: dict[str, LevelScheme] = {"default": DEFAULT, "requisite": REQUISITE}

#: The rank from which a level counts as "manager level or above" in each built-in scheme.
MANAGER_RANK: dict[str, int] = {"default": 3, "requisite": 2}
