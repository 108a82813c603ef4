"""What the browser tests share: where Chromium is, the report's sections, hostile names."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SECTION_IDS = ("summary", "findings", "plan", "org", "goals", "people", "partners", "finance")
HOSTILE_SEAT = "<script>alert(1)</script>"
HOSTILE_CUSTOMER = '"><img src=x onerror=alert(1)>'
