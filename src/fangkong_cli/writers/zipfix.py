"""Make an OOXML archive (xlsx, docx) byte-identical between runs: fixed times, stable order."""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIRST = "[Content_Types].xml"  # readers look for it first


def normalize(data: bytes) -> bytes:
    """Rewrite the archive with every entry dated 1980-01-01, sorted by name, same contents."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist() if not info.is_dir()]
    entries.sort(key=lambda e: (e[0] != FIRST, e[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, content, compresslevel=6)
    return out.getvalue()
