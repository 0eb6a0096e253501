"""The document schema's name and version, without the models: a batch compares them on every rerun."""

SCHEMA_NAME = "agendapack.PackDocument"
SCHEMA_VERSION = "0.4.0"
