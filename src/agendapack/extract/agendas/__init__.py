"""A general agenda reader: items from numbering, typography and headings, and the meetings an agenda is for.

`reader.read_agenda(pages)` reads items; `meetings.agenda_meetings(read, section_id)` the meetings.
Modules: `numbering` (the grammar of item numbers), `rows` (rows with typography and labels),
`outline` (lists of numbered entries, headings, sessions), `accept` (which lists are items),
`sessions` (meetings announced inside an agenda), `reader`, `meetings`.
"""
