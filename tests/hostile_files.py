"""Files a hostile or careless student might upload as a data set, each with the reason it must be refused
(a fragment of the message) or None if it must load. Used by tests/test_datasets.py and bench/bench_upload.py."""

from __future__ import annotations

GOOD = b"x1,x2,y\n1,2,1\n3,4,0\n"
UPLOAD_LIMIT = 1024 * 1024  # the server's maxUploadSize, 1 MB


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


HOSTILE_FILES: dict[str, tuple[bytes, str | None]] = {
    "markdown header": (b"**bold**,x2,y\n1,2,1\n3,4,0\n", "unknown column ` **bold** `"),
    "markdown image cell": (b"x1,x2,y\n![](http://host/t.png),2,1\n3,4,0\n", "x1 = ` ![](http://host/t.p… `"),
    "html cell": (b"x1,x2,y\n<img src=x onerror=alert(1)>,2,1\n3,4,0\n", "x1 = ` <img src=x onerror=… `"),
    "latex and colour": (b"x1,$x^2$,y\n:red[1],2,1\n3,4,0\n", "unknown column ` $x^2$ `"),
    "backticks": (b"x1,x2,y\n`1`,2,1\n3,4,0\n", "x1 = `` `1` ``"),
    "NUL bytes": (b"x1,x2,y\n1,\x002,1\n3,4,0\n", "binary"),
    "UTF-8 BOM": (b"\xef\xbb\xbf" + GOOD, None),
    "UTF-16 with BOM": ("x1,x2,y\n1,2,1\n3,4,0\n".encode("utf-16"), None),
    "Latin-1": ("x1,x2,y\n1,2,1\n3,4,0\n# café\n".encode("latin-1"), "not UTF-8 text (byte 0xe9"),
    "CR only": (GOOD.replace(b"\n", b"\r"), None),
    "CRLF": (GOOD.replace(b"\n", b"\r\n"), None),
    "semicolons": (GOOD.replace(b",", b";"), None),
    "tabs": (GOOD.replace(b",", b"\t"), None),
    "decimal comma with semicolons": (b"x1;x2;y\n0,5;2;1\n3;4;0\n", "x1 = ` 0,5 ` is not a finite number"),
    "quoted newline": (b'x1,x2,y\n"1\n2",2,1\n3,4,0\n', "is not a finite number"),
    "4,301-digit number": (b"x1,x2,y\n" + b"1" * 4301 + b",2,1\n3,4,0\n", "a cell of 4,301 characters"),
    "4,301-digit header": (b"1" * 4301 + b",x1,y\n1,2,1\n", "a name of 4,301 characters"),
    "41 digits": (b"x1,x2,y\n1" + b"0" * 40 + b",2,1\n3,4,0\n", "a number of 41 digits; the limit is 40"),
    "1e309": (b"x1,x2,y\n1e309,2,1\n3,4,0\n", "x1 = ` 1e309 ` is not a finite number"),
    "underscore digits": (b"x1,x2,y\n1_0,2,1\n3,4,0\n", "x1 = ` 1_0 `"),
    "Arabic-Indic digit": ("x1,x2,y\n\u0661,2,1\n3,4,0\n".encode(), "x1 = ` \u0661 `"),
    "two y columns": (b"x1,x2,y,y\n1,2,1,banana\n3,4,0,0\n", "column ` y ` appears twice (columns 3 and 4)"),
    "50,000 columns": (b",".join([b"x1"] * 25_000 + [b"zz"] * 25_000) + b"\n1,2\n", "the header has 50,000 columns"),
    "1,000,001 rows": (b"x1,x2,y\n" + b"1,2,1\n" * 1_000_001, "bytes; the limit is 200,000"),
    "1,001 rows": (b"x1,x2,y\n" + b"1,2,1\n" * 500 + b"1,2,0\n" * 501, "more than 1,000 rows"),
    "a PNG renamed .csv": (_png(), "binary"),
    "one huge cell": (b"x1,y\n" + b"1" * 150_000 + b",0\n2,1\n", "a cell of more than 131,072 characters"),
    "a row of 60,000 cells": (b"x1,x2,y\n" + b"1," * 60_000 + b"1\n3,4,0\n", "60,001 cells, expected 3"),
    "upload limit of junk": (b"a" * (UPLOAD_LIMIT - 1), "bytes; the limit is 200,000"),
    "just under the size limit": (
        b"x1,x2,y\n" + b"1" * 199_000 + b"\n",
        "line 2: a cell of more than 131,072 characters",
    ),
}
