"""Meetings: agenda frontsheets, minutes (people, apologies, interests, items, decisions, actions),
report cover sheets and named entities. The extractors register themselves when
`extract.registry` imports `minutes`, `covers` and `entities`.
"""
