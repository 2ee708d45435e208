"""Finishing an xlsx or docx archive: the embedded JSON report, fangkong's own properties, fixed bytes."""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from xml.sax.saxutils import escape

from .. import __version__
from ..embedded import NAMESPACE, PART, PROPS_PART, report_part
from .zipfix import normalize_members

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CUSTOM_XML = f"{REL_NS}/customXml"
CUSTOM_XML_PROPS = f"{REL_NS}/customXmlProps"
PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
THUMBNAIL = "docProps/thumbnail.jpeg"
REL_ID = "rIdFangkongReport"
ITEM_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE)).upper() + "}"

_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*/>")


def _rels_path(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _drop_relationships(xml: str, wanted: str) -> str:
    return _RELATIONSHIP.sub(lambda m: "" if wanted in m.group(0) else m.group(0), xml)


def _add_relationship(xml: str, rel_id: str, kind: str, target: str) -> str:
    line = f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"/>'
    return xml.replace("</Relationships>", line + "</Relationships>")


def _content_types(xml: str) -> str:
    """Overrides of the custom XML parts and the thumbnail dropped, ours added."""
    xml = re.sub(r'<Override PartName="/(?:customXml/[^"]*|docProps/thumbnail\.jpeg)"[^>]*/>', "", xml)
    ours = (
        f'<Override PartName="/{PART}" ContentType="application/xml"/>'
        f'<Override PartName="/{PROPS_PART}" ContentType="{PROPS_TYPE}"/>'
    )
    return xml.replace("</Types>", ours + "</Types>")


def _app_properties(xml: str) -> str:
    """docProps/app.xml names fangkong, not the program whose template the library copied."""
    xml = re.sub(
        r"<Application>[^<]*</Application>|<Application/>",
        f"<Application>{escape('fangkong ' + __version__)}</Application>",
        xml,
    )
    return re.sub(r"<(AppVersion|Template)>[^<]*</\1>\s*", "", xml)


def _props_part() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<ds:datastoreItem ds:itemID="{ITEM_ID}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>\n'
    ).encode()


def finish(data: bytes, main_part: str, report_json: bytes | None) -> bytes:
    """Embed the JSON report (when given) as customXml/item1.xml related from `main_part`
    (xl/workbook.xml or word/document.xml), name fangkong in the properties, and fix the bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {i.filename: source.read(i) for i in source.infolist() if not i.is_dir()}
    members = {k: v for k, v in members.items() if not k.startswith("customXml/") and k != THUMBNAIL}
    main_rels = _rels_path(main_part)
    rels = _drop_relationships(members[main_rels].decode("utf-8"), f'Type="{CUSTOM_XML}"')
    package_rels = _drop_relationships(members["_rels/.rels"].decode("utf-8"), THUMBNAIL)
    members["_rels/.rels"] = package_rels.encode("utf-8")
    types = members["[Content_Types].xml"].decode("utf-8")
    if report_json is not None:
        depth = main_part.count("/")
        rels = _add_relationship(rels, REL_ID, CUSTOM_XML, "../" * depth + PART)
        members[PART] = report_part(report_json)
        members[PROPS_PART] = _props_part()
        item_rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        members[_rels_path(PART)] = _add_relationship(item_rels, "rId1", CUSTOM_XML_PROPS, "itemProps1.xml").encode(
            "utf-8"
        )
        types = _content_types(types)
    else:
        types = re.sub(r'<Override PartName="/(?:customXml/[^"]*|docProps/thumbnail\.jpeg)"[^>]*/>', "", types)
    members[main_rels] = rels.encode("utf-8")
    members["[Content_Types].xml"] = types.encode("utf-8")
    if "docProps/app.xml" in members:
        members["docProps/app.xml"] = _app_properties(members["docProps/app.xml"].decode("utf-8")).encode("utf-8")
    return normalize_members(members)
