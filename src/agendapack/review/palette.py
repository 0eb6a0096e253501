"""One colour per record type: fixed for the types we know, derived from the name for the rest."""

from __future__ import annotations

import colorsys
import hashlib

# Matched against the layer name in order, first hit wins (so "tables.cells" is a cell, not a table).
_KNOWN: tuple[tuple[str, str], ...] = (
    ("cell", "#b8860b"),
    ("sections", "#1f77b4"),
    ("blocks", "#7f8c8d"),
    ("furniture", "#d62728"),
    ("pages", "#e377c2"),
    ("agenda", "#2ca02c"),
    ("table", "#ff7f0e"),
    ("budget", "#17becf"),
    ("attendance", "#9467bd"),
    ("resolution", "#8c564b"),
    ("vote", "#6a3d9a"),
    ("minute", "#1b9e77"),
    ("action", "#e7298a"),
    ("tracker", "#66a61e"),
    ("declaration", "#a6761d"),
    ("meeting", "#386cb0"),
    ("entit", "#bf5b17"),
)


def layer_colour(name: str) -> str:
    """A hex colour for a layer; unknown layers get a stable hue from their name."""
    for needle, colour in _KNOWN:
        if needle in name:
            return colour
    hue = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:4], 16) / 0xFFFF
    red, green, blue = colorsys.hls_to_rgb(hue, 0.42, 0.65)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


def fill_colour(hex_colour: str, alpha: float) -> str:
    """'#1f77b4', 0.1 -> 'rgba(31,119,180,0.1)'."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"
