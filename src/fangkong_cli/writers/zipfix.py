"""Make an OOXML archive (xlsx, docx) byte-identical between runs: fixed times, stable order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIRST = "[Content_Types].xml"  # readers look for it first


def normalize(data: bytes) -> bytes:
    """Rewrite the archive with every entry dated 1980-01-01, sorted by name, same contents."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist() if not info.is_dir()}
    return normalize_members(members)


def normalize_members(members: Mapping[str, bytes]) -> bytes:
    """An archive of these members, dated 1980-01-01, [Content_Types].xml first, then by name."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(members, key=lambda n: (n != FIRST, n)):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, members[name], compresslevel=6)
    return out.getvalue()
