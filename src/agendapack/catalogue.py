"""Where a pack sits: the council and committee of its meetings, from the pages, the council profile or a batch manifest.

A meeting's `council` and `body` come first from the document (the readers); a council the pages do not
print comes from the profile that matched the pack; in a batch, what is still missing comes from the CSV
manifest's `council` and `committee` columns. `council_source` and `body_source` say which, so an analyst can
tell a printed name from a filled-in one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from agendapack.keys import enforce_keys

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument
    from agendapack.models.profile import Profile

DOCUMENT, PROFILE, MANIFEST = "document", "profile", "manifest"


def finish_document(doc: PackDocument, profile: Profile) -> PackDocument:
    """The last step of `parse`: ids and references made consistent (see `agendapack.keys`), councils filled in."""
    doc.issues.extend(enforce_keys(doc))
    for meeting in doc.records.meetings:
        if meeting.council:
            meeting.council_source = meeting.council_source or DOCUMENT
        elif profile.council:
            meeting.council, meeting.council_source = profile.council, PROFILE
        if meeting.body:
            meeting.body_source = meeting.body_source or DOCUMENT
    return doc


def with_manifest_metadata(doc: PackDocument, metadata: Mapping[str, str | None]) -> PackDocument:
    """Meetings whose council or body is still unknown take the manifest's council and committee."""
    council, committee = metadata.get("council"), metadata.get("committee")
    for meeting in doc.records.meetings:
        if council and not meeting.council:
            meeting.council, meeting.council_source = council, MANIFEST
        if committee and not meeting.body:
            meeting.body, meeting.body_source = committee, MANIFEST
    return doc
