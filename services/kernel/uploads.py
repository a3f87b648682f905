"""Uploaded files: what they are is read from their first bytes, not from their name."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from services.kernel.errors import InvalidInput

KINDS = {
    "pdf": (b"%PDF-", "application/pdf"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
}
SCAN_KINDS = ("pdf", "jpg", "png")
PHOTO_KINDS = ("jpg", "png")


def sniff(content: bytes) -> str | None:
    for kind, (magic, _mime) in KINDS.items():
        if content.startswith(magic):
            return kind
    return None


def check_upload(field: str, content: bytes, allowed: tuple[str, ...], max_bytes: int) -> str:
    """The kind of an acceptable file, or InvalidInput naming the field."""
    if not content:
        raise InvalidInput({field: _l("Pilih berkas untuk diunggah.")})
    if len(content) > max_bytes:
        raise InvalidInput({field: _l("Berkas terlalu besar (maksimal %(n)s MB).",
                                      n=max_bytes // (1024 * 1024))})
    kind = sniff(content)
    if kind not in allowed:
        names = ", ".join(k.upper() for k in allowed)
        raise InvalidInput({field: _l("Jenis berkas tidak diterima: unggah %(k)s.", k=names)})
    return kind


def mime_of(kind: str) -> str:
    return KINDS[kind][1]


MAX_SIDE = 1600


def web_image(field: str, content: bytes, max_side: int = MAX_SIDE) -> tuple[bytes, int, int]:
    """A photo made fit for the web: decoded (a damaged file is refused), turned upright, at
    most `max_side` pixels on its long side, re-encoded as JPEG without its metadata (phone
    photos carry the GPS position of the owner's home)."""
    from io import BytesIO

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(BytesIO(content)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            image.thumbnail((max_side, max_side))
            out = BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
            return out.getvalue(), image.width, image.height
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise InvalidInput({field: _l("Gambar rusak atau tidak bisa dibaca.")}) from None
