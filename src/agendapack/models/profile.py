"""Per-council profiles: declarative settings that tune the generic stages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ProfileMatch(BaseModel):
    """When a profile applies: any regex that matches the named metadata field (case-insensitive)."""

    model_config = ConfigDict(extra="forbid")

    producer: list[str] = Field(default_factory=list)
    creator: list[str] = Field(default_factory=list)
    title: list[str] = Field(default_factory=list)
    file_name: list[str] = Field(default_factory=list)
    text: list[str] = Field(default_factory=list, description="Regexes tried on the first page's text")


class FurnitureSettings(BaseModel):
    """Where page furniture lives and how often a line must repeat to count as furniture."""

    model_config = ConfigDict(extra="forbid")

    header_band: float = Field(default=0.08, description="Top share of the page height searched for headers")
    footer_band: float = Field(default=0.09, description="Bottom share of the page height searched for footers")
    band_min_points: float = Field(default=60.0, description="Bands are at least this tall, for short (landscape) pages")
    side_band: float = Field(default=0.09, description="Left/right share of the width searched for rotated labels")
    running_min_pages: int = Field(default=3, description="A header/footer must repeat on at least this many pages")
    running_min_share: float = Field(default=0.3, description="... and on at least this share of the text pages")
    extra_patterns: list[str] = Field(default_factory=list, description="Regexes of further furniture lines in the bands")


class ClassifySettings(BaseModel):
    """Extra title keywords per section kind, added to the built-in ones."""

    model_config = ConfigDict(extra="forbid")

    title_keywords: dict[str, list[str]] = Field(default_factory=dict)


class Profile(BaseModel):
    """A named bundle of settings, chosen per pack by `match`."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    council: str | None = Field(default=None, description="The authority's name, given to meetings whose pages do not print it")
    priority: int = Field(default=0, description="Higher wins when several profiles match")
    match: ProfileMatch = Field(default_factory=ProfileMatch)
    furniture: FurnitureSettings = Field(default_factory=FurnitureSettings)
    classify: ClassifySettings = Field(default_factory=ClassifySettings)
