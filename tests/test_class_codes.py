"""Join codes, teacher secrets, student ids and nicknames: hand-written cases, then hypothesis for "never
raises, always well-formed" over any text."""

from __future__ import annotations

import hashlib
import re
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_viz.classroom.codes import (
    CODE_ALPHABET,
    check_secret,
    format_code,
    hash_secret,
    is_token,
    new_code,
    new_secret,
    new_student_id,
    parse_code,
)
from logreg_viz.classroom.nicknames import ADJECTIVES, ANIMALS, NICKNAME_MAX, clean_nickname, random_nickname

FAST = settings(max_examples=300, deadline=None)


def test_the_alphabet_has_no_look_alikes():
    assert len(CODE_ALPHABET) == 31
    for look_alike in "01OIL":
        assert look_alike not in CODE_ALPHABET


def test_new_codes_are_six_characters_of_the_alphabet_and_do_not_repeat():
    codes = [new_code() for _ in range(2000)]
    assert all(len(code) == 6 and set(code) <= set(CODE_ALPHABET) for code in codes)
    # 2000 draws from 31⁶ ≈ 8.9e8 codes collide with probability ≈ 2000²/(2·8.9e8) ≈ 0.2 %
    assert len(set(codes)) >= 1999
    # every character of the alphabet turns up in 12 000 draws (each is missed with probability ≈ 1.6e-170)
    assert set("".join(codes)) == set(CODE_ALPHABET)


def test_format_code_groups_in_threes():
    assert format_code("K7QP2M") == "K7Q-P2M"


@pytest.mark.parametrize("text", ["K7QP2M", "k7qp2m", "K7Q-P2M", "k7q-p2m", " K7Q P2M ", "K7Q - P2M", "k-7-q-p-2-m"])
def test_parse_code_reads_a_code_typed_any_way(text):
    assert parse_code(text) == "K7QP2M"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "K7QP2",  # five
        "K7QP2MM",  # seven
        "K7QP2O",  # O looks like 0
        "K7QP21",  # 1 looks like I
        "K7QP2L",
        "K7Q_P2M",
        "K7Q.P2M",
        "ＫＷＱＰ２Ｍ",  # full-width letters, which .upper() and isalnum() would accept
        "K7QP2M\u200b",
        "K7Q-P2M" + " " * 100,  # very long
        "K" * 10_000,
        None,
        123456,
        b"K7QP2M",
    ],
)
def test_parse_code_refuses_everything_else(text):
    assert parse_code(text) is None


def test_a_secret_is_urlsafe_and_only_its_sha256_is_kept():
    secret = new_secret()
    assert len(secret) == 24 and re.fullmatch(r"[A-Za-z0-9_-]+", secret)
    assert hash_secret(secret) == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in hash_secret(secret)
    assert check_secret(secret, hash_secret(secret))
    assert not check_secret(new_secret(), hash_secret(secret))
    assert not check_secret(secret[:-1], hash_secret(secret))


@pytest.mark.parametrize("bad", [None, "", 42, b"abc", "x" * 1000, "\ud800"])
def test_check_secret_refuses_what_is_no_secret(bad):
    assert not check_secret(bad, hash_secret("something"))


def test_student_ids_are_16_urlsafe_characters_and_tokens():
    ids = {new_student_id() for _ in range(500)}
    assert len(ids) == 500
    assert all(len(one) == 16 and is_token(one) for one in ids)


@pytest.mark.parametrize("bad", ["", "a b", "a:b", "é", "x" * 65, None, 7, "a\nb"])
def test_is_token_refuses_anything_that_could_break_a_key(bad):
    assert not is_token(bad)


def test_random_nicknames_are_an_adjective_and_an_animal():
    for _ in range(200):
        adjective, animal = random_nickname().split(" ")
        assert adjective in ADJECTIVES and animal in ANIMALS
        adjective, animal, number = random_nickname(number=True).split(" ")
        assert adjective in ADJECTIVES and animal in ANIMALS and 10 <= int(number) <= 99
        assert len(random_nickname(number=True)) <= NICKNAME_MAX


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Ada", "Ada"),
        ("  Ada   Lovelace  ", "Ada Lovelace"),
        ("Ada\tLove\nlace", "Ada Love lace"),  # whitespace controls become spaces
        ("A\u202eda", "Ada"),  # a right-to-left override
        ("A\u2066d\u2069a", "Ada"),  # bidi isolates
        ("A\u200bd\u200da\ufeff", "Ada"),  # zero-width space, joiner, BOM
        ("A\x00d\x07a\x1b[31m", "Ada[31m"),  # NUL, bell, escape
        ("e\u0301", "é"),  # NFC
        ("x" * 30, "x" * 24),
        ("a" * 23 + " bc", "a" * 23),  # cut at 24, then the cut's trailing space goes
        ("Zoë 🦦", "Zoë 🦦"),
    ],
)
def test_clean_nickname(text, cleaned):
    assert clean_nickname(text) == cleaned


@pytest.mark.parametrize("text", ["", "   ", "\u202e\u200b", "\x00\x01", "\n\t", None, 5, ["Ada"]])
def test_clean_nickname_is_none_when_nothing_is_left(text):
    assert clean_nickname(text) is None


@FAST
@given(st.text(max_size=60) | st.text(alphabet=CODE_ALPHABET + string.ascii_lowercase + "- ", max_size=12))
def test_parse_code_never_raises_and_gives_a_code_or_none(text):
    code = parse_code(text)
    assert code is None or (len(code) == 6 and set(code) <= set(CODE_ALPHABET))


@FAST
@given(st.text(alphabet=CODE_ALPHABET, min_size=6, max_size=6))
def test_a_formatted_code_reads_back(code):
    assert parse_code(format_code(code)) == code
    assert parse_code(format_code(code).lower()) == code


@FAST
@given(st.text(max_size=200))
def test_clean_nickname_never_raises_and_is_clean(text):
    name = clean_nickname(text)
    if name is None:
        return
    assert 1 <= len(name) <= NICKNAME_MAX
    assert name == name.strip() and "  " not in name
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in name)
    assert clean_nickname(name) == name
