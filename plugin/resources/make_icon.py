#!/usr/bin/env python3
"""Writes org.circletake.ShotScore.png: the 128x128 RGBA icon of Shot Score.

A circle (the "take") with a clapper-style notch and a score tick, drawn with
4x4 supersampling; standard library only (zlib, struct).
Run: python3 plugin/resources/make_icon.py
"""
import math
import os
import struct
import zlib

SIZE = 128
SS = 4  # supersampling per axis
RING = (242, 242, 242)
ACCENT = (255, 149, 0)


def coverage(x, y):
    """Colour and alpha of one supersample at (x, y) in [0, SIZE)."""
    cx = cy = SIZE / 2
    dx, dy = x - cx, y - cy
    r = math.hypot(dx, dy)
    # Outer ring.
    if 50 <= r <= 60:
        # A notch at the top right, like a clapper's gap.
        ang = math.degrees(math.atan2(-dy, dx))
        if not (30 <= ang <= 60):
            return RING, 1.0
    # Tick (score mark) inside: two thick segments.
    def seg(ax, ay, bx, by, w):
        vx, vy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)))
        return math.hypot(x - (ax + t * vx), y - (ay + t * vy)) <= w

    if seg(40, 66, 57, 83, 7) or seg(57, 83, 90, 46, 7):
        return ACCENT, 1.0
    return (0, 0, 0), 0.0


def main():
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter: none
        for px in range(SIZE):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(SS):
                for sx in range(SS):
                    (r, g, b), a = coverage(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
                    acc[0] += r * a
                    acc[1] += g * a
                    acc[2] += b * a
                    acc[3] += a
            n = SS * SS
            alpha = acc[3] / n
            if alpha > 0:
                rgb = [round(c / acc[3]) for c in acc[:3]]  # unpremultiplied
            else:
                rgb = [0, 0, 0]
            row += bytes(rgb + [round(alpha * 255)])
        rows.append(bytes(row))

    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
    png += chunk(b"IEND", b"")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "org.circletake.ShotScore.png")
    with open(out, "wb") as f:
        f.write(png)
    print(out, len(png), "bytes")


if __name__ == "__main__":
    main()
