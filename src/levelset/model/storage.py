"""Where a data file is: a local path or a storage URL, told apart by their spelling.

A storage URL (``s3a://bucket/acme/data/time/q1.csv``, ``file:///srv/acme/data``) is
kept as the text it was written in: ``pathlib`` would fold its ``//`` into one slash.
Pure functions of text, so the loader (which lists and sniffs the files) and the engine
(which reads them) agree on what is a URL without importing each other.
"""

from __future__ import annotations

import re

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
# Hadoop's names for S3 (Spark's connectors) are pyarrow's ``s3://``.
_HADOOP_S3 = re.compile(r"^s3[an]://", re.IGNORECASE)


def is_url(where: str) -> bool:
    """True for a storage URL (``scheme://...``), false for a local path (a Windows
    drive letter such as ``C:\\data`` has no ``//`` after its colon)."""
    return bool(_URL.match(where))


def pyarrow_url(url: str) -> str:
    """``url`` as ``pyarrow.fs.FileSystem.from_uri`` takes it: Hadoop's ``s3a://`` and
    ``s3n://`` are its ``s3://``; every other scheme as written."""
    return _HADOOP_S3.sub("s3://", url, count=1)


def joined(folder: str, name: str) -> str:
    """``name`` (``time``, ``q1.csv``) below the storage URL ``folder``."""
    return f"{folder.rstrip('/')}/{name}"
