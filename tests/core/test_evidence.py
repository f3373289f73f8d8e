"""Offline proof images: type by content, size limits, EXIF GPS stripped (real images made in the test)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from pipeline.core.evidence import EvidenceError, clean_image, has_location, sniff

_GPS = 0x8825


def photo(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), gps: bool = True) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "KameraDinas"  # Make
    if gps:
        exif[_GPS] = {1: "S", 2: (0.0, 1.0, 30.0), 3: "E", 4: (109.0, 20.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_location_is_stripped_and_other_exif_kept(fmt: str) -> None:
    original = photo(fmt)
    assert has_location(original)
    clean = clean_image(original)
    assert clean.had_location and not has_location(clean.data)
    assert (clean.width, clean.height, clean.ext) == (64, 48, "jpg" if fmt == "JPEG" else "png")
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.getexif()[0x010F] == "KameraDinas"


def test_photo_without_location_passes() -> None:
    assert not clean_image(photo(gps=False)).had_location


@pytest.mark.parametrize(("data", "fragment"), [
    (b"%PDF-1.4 not an image", "bukan foto JPEG atau PNG"),
    (b"GIF89a" + b"\x00" * 20, "bukan foto JPEG atau PNG"),
    (photo()[:40], "foto rusak"),
    (b"\xff\xd8\xff" + b"\x00" * (9 * 1024 * 1024), "melebihi batas 8 MiB"),
])
def test_bad_images_are_refused(data: bytes, fragment: str) -> None:
    with pytest.raises(EvidenceError) as info:
        clean_image(data)
    assert fragment in str(info.value)


def test_png_named_jpg_is_judged_by_content() -> None:
    assert sniff(photo("PNG")) == "png"
    assert clean_image(photo("PNG")).ext == "png"
