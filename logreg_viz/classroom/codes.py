"""The class's tokens: join codes people type, the teacher's secret, students' ids.

A join code is 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in two
groups of three (`K7Q-P2M`) and read back in any case, with or without dashes and spaces. The
teacher's secret is `secrets.token_urlsafe(18)`; only its SHA-256 is stored and a candidate is
compared in constant time. All are drawn from `secrets`, never from `random`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
SECRET_BYTES = 18
STUDENT_BYTES = 12
_CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")
_TYPED_MAX = 40  # a code with generous spacing is far shorter; anything longer is not one


def new_code() -> str:
    """A fresh join code: 6 characters from CODE_ALPHABET (31⁶ ≈ 8.9·10⁸ of them)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """The code as people read it: `K7QP2M` → `K7Q-P2M`."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def parse_code(text: object) -> str | None:
    """The code someone typed (`k7q-p2m`, ` K7Q P2M `, `K7QP2M`) as its 6 characters; None for anything
    else: another length, a look-alike letter, non-ASCII text, not a string."""
    if not isinstance(text, str) or len(text) > _TYPED_MAX or not text.isascii():
        return None
    squeezed = re.sub(r"[\s-]+", "", text).upper()
    return squeezed if _CODE.fullmatch(squeezed) else None


def new_secret() -> str:
    """A teacher's secret: 18 random bytes, URL-safe base64 (24 characters)."""
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str) -> str:
    """What is stored of a secret: its SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def check_secret(secret: object, stored_hash: str) -> bool:
    """Whether `secret` hashes to `stored_hash`, compared in constant time."""
    if not isinstance(secret, str) or not secret or len(secret) > 200:
        return False
    return hmac.compare_digest(hash_secret(secret), stored_hash)


def new_student_id() -> str:
    """A student's id: 12 random bytes, URL-safe base64 (16 characters)."""
    return secrets.token_urlsafe(STUDENT_BYTES)


def is_token(text: object) -> bool:
    """Whether `text` could be an id this class issued (a page id or a student id): 1 … 64 URL-safe
    base64 characters. Anything else is refused before it reaches a store key."""
    return isinstance(text, str) and _TOKEN.fullmatch(text) is not None
