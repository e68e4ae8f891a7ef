"""Students' nicknames: a random one to start with ("Swift Otter"), and what a typed one is cleaned to."""

from __future__ import annotations

import secrets
import unicodedata

NICKNAME_MAX = 24
ADJECTIVES = (
    "Swift", "Calm", "Brave", "Bright", "Clever", "Curious", "Eager", "Gentle", "Happy", "Jolly",
    "Keen", "Kind", "Lively", "Lucky", "Merry", "Nimble", "Patient", "Polite", "Proud", "Quick",
    "Quiet", "Sharp", "Silly", "Steady", "Sunny", "Tidy", "Witty", "Bold", "Cosy", "Daring",
)  # fmt: skip
ANIMALS = (
    "Otter", "Badger", "Beaver", "Bison", "Crane", "Dolphin", "Eagle", "Falcon", "Ferret", "Gecko",
    "Heron", "Ibis", "Jaguar", "Koala", "Lemur", "Lynx", "Marten", "Newt", "Ocelot", "Panda",
    "Puffin", "Quokka", "Raven", "Seal", "Tapir", "Toucan", "Walrus", "Wombat", "Yak", "Zebra",
)  # fmt: skip
_DROPPED = {
    "Cc",
    "Cf",
    "Cs",
    "Co",
    "Cn",
}  # control, format (bidi overrides, zero-widths), surrogate, private, unassigned
_TYPED_MAX = 1000  # longer input is cut before cleaning: a nickname keeps 24 characters anyway


def random_nickname(number: bool = False) -> str:
    """ "Swift Otter" (30 × 30 of them); with `number`, a two-digit number after it ("Swift Otter 42")."""
    name = f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)}"
    return f"{name} {secrets.randbelow(90) + 10}" if number else name


def clean_nickname(text: object) -> str | None:
    """A typed nickname as shown to the class: NFC, every run of whitespace one space, control and format
    characters (bidi overrides, zero-width marks) dropped, stripped, at most NICKNAME_MAX characters.
    None when nothing is left (or `text` is not a string)."""
    if not isinstance(text, str):
        return None
    text = unicodedata.normalize("NFC", text[:_TYPED_MAX])
    spaced = " ".join(text.split())  # tabs and newlines become spaces before control characters go
    kept = "".join(ch for ch in spaced if unicodedata.category(ch) not in _DROPPED)
    cleaned = " ".join(kept.split())[:NICKNAME_MAX].strip()
    return cleaned or None
