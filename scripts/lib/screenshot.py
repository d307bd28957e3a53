"""Tells whether a screenshot shows something: decodes an 8-bit RGB or RGBA PNG (no PIL
needed) and counts its colours and how much of it differs from the background.

    python3 scripts/lib/screenshot.py SHOT.png     exit 1 when the image is blank or nearly so

Used by scripts/browser-check and by the workspace's browser test.
"""
import struct
import sys
import zlib


def analyse(png_path):
    """(width, height, colours, drawn): drawn is the share of pixels unlike the background."""
    data = open(png_path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("the screenshot is not a PNG")
    pos, idat, width, height, depth, colour = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if depth != 8 or colour not in (2, 6):
        raise ValueError(f"unexpected PNG format (depth {depth}, colour type {colour})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp

    def unfilter(y, prev):
        """Row y, decoded; prev is row y - 1, decoded (only the Up, Average and Paeth filters read it)."""
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        return line

    # Decoding every row in pure Python takes seconds, so decode bands: a band starts at a row
    # that does not depend on the one above (filter None or Sub, or the first row) and runs a
    # few rows on. Bands spread over the whole image; a blank image is blank in every band.
    independent = [0] + [y for y in range(1, height) if raw[y * (stride + 1)] in (0, 1)]
    if len(independent) >= 8:
        step = max(1, len(independent) // 60)
        bands = [(y, min(height, y + 4)) for y in independent[::step]]
    else:
        bands = [(0, height)]
    counts = {}
    for start, end in bands:
        prev = bytearray(stride)
        for y in range(start, end):
            prev = unfilter(y, prev)
            for x in range(0, width, 2):
                px = bytes(prev[x * bpp:x * bpp + 3])
                counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    background = max(counts.values())
    return width, height, len(counts), 1 - background / total


def is_blank(colours, drawn):
    """Fewer than 16 colours, or less than 1 % of the image unlike its background."""
    return colours < 16 or drawn < 0.01


if __name__ == "__main__":
    try:
        w, h, colours, drawn = analyse(sys.argv[1])
    except (OSError, ValueError) as error:
        print(f"screenshot: {error}", file=sys.stderr)
        sys.exit(1)
    print(f"screenshot: {w}×{h} px, {colours} colours, {100 * drawn:.1f}% drawn", file=sys.stderr)
    sys.exit(1 if is_blank(colours, drawn) else 0)
