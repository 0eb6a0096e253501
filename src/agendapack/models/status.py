"""A pack's overall status: an enum of its own, so code that only sorts statuses (the CLI's exit code, a batch
rerun that reads every file as unchanged) need not import the pydantic models."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    SUCCESS = "success"
    PARTIAL_SUCCESS = "partial_success"
    FAILURE = "failure"
    SKIPPED = "skipped"
