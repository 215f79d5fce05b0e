"""Reading a JSON pointer (RFC 6901) out of parsed JSON: a webhook's posted body, an HTTP
request's answer."""
from __future__ import annotations


def pointer(doc, path: str):
    """The value at a JSON pointer ("" the whole document); None where there is none."""
    if path == "":
        return doc
    for raw in path.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(doc, dict):
            doc = doc.get(part)
        elif isinstance(doc, list) and part.isdigit() and int(part) < len(doc):
            doc = doc[int(part)]
        else:
            return None
    return doc
