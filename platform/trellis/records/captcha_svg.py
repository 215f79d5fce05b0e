"""A captcha picture as SVG, without an imaging library: characters drawn from a stroke
font as paths (no text in the document to read back), each one scaled, slanted, turned
and jittered, the whole bent along a wave and crossed by noise curves and dots."""
from __future__ import annotations

import math
import random

ALPHABET = "2345678ACEFHKMNPRTWXY"  # no 0/O, 1/I, 9/g look-alikes
# strokes of each character on a 6 x 10 grid (x right, y down)
GLYPHS: dict[str, list[list[tuple[float, float]]]] = {
    "2": [[(0, 2), (1, 0), (5, 0), (6, 2), (6, 4), (0, 10), (6, 10)]],
    "3": [[(0, 1), (2, 0), (5, 0), (6, 2), (5, 4.5), (2, 5)], [(2, 5), (5, 5.5), (6, 7.5), (5, 10), (2, 10), (0, 9)]],
    "4": [[(5, 10), (5, 0), (0, 7), (6.5, 7)]],
    "5": [[(6, 0), (1, 0), (0, 4.5), (4, 4), (6, 6), (6, 8), (4, 10), (0, 9.5)]],
    "6": [[(5, 0), (2, 1), (0, 5), (0, 8), (2, 10), (4, 10), (6, 8), (6, 6), (4, 4.5), (2, 4.5), (0, 6)]],
    "7": [[(0, 0), (6, 0), (2, 10)]],
    "8": [[(3, 5), (0, 3), (1, 0), (5, 0), (6, 3), (3, 5), (0, 7.5), (1, 10), (5, 10), (6, 7.5), (3, 5)]],
    "A": [[(0, 10), (3, 0), (6, 10)], [(1.2, 6), (4.8, 6)]],
    "C": [[(6, 1), (4, 0), (2, 0), (0, 3), (0, 7), (2, 10), (4, 10), (6, 9)]],
    "E": [[(6, 0), (0, 0), (0, 10), (6, 10)], [(0, 5), (4.5, 5)]],
    "F": [[(6, 0), (0, 0), (0, 10)], [(0, 5), (4.5, 5)]],
    "H": [[(0, 0), (0, 10)], [(6, 0), (6, 10)], [(0, 5), (6, 5)]],
    "K": [[(0, 0), (0, 10)], [(6, 0), (0, 6)], [(2, 4.5), (6, 10)]],
    "M": [[(0, 10), (0, 0), (3, 6), (6, 0), (6, 10)]],
    "N": [[(0, 10), (0, 0), (6, 10), (6, 0)]],
    "P": [[(0, 10), (0, 0), (5, 0), (6, 1.5), (6, 3.5), (5, 5), (0, 5)]],
    "R": [[(0, 10), (0, 0), (5, 0), (6, 1.5), (6, 3.5), (5, 5), (0, 5)], [(3, 5), (6, 10)]],
    "T": [[(0, 0), (6, 0)], [(3, 0), (3, 10)]],
    "W": [[(0, 0), (1.5, 10), (3, 4), (4.5, 10), (6, 0)]],
    "X": [[(0, 0), (6, 10)], [(6, 0), (0, 10)]],
    "Y": [[(0, 0), (3, 5), (6, 0)], [(3, 5), (3, 10)]],
}
WIDTH, HEIGHT = 168, 56
_COLOURS = ("#1f3a93", "#7a1f5c", "#1d6b3a", "#8a4b08", "#333333", "#0b5f7a")


def answer(length: int = 5, rng: random.Random | None = None) -> str:
    rng = rng or random.SystemRandom()
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def _subdivide(points, steps: int = 4):
    out = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        out += [(x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps) for k in range(1, steps + 1)]
    return out


def _path(points) -> str:
    return "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in points)


def draw(text: str, rng: random.Random | None = None) -> str:
    """The SVG document of `text` (characters of ALPHABET)."""
    rng = rng or random.SystemRandom()
    amp, wave, phase = rng.uniform(2, 4.5), rng.uniform(22, 40), rng.uniform(0, 2 * math.pi)

    def bend(x, y):
        return x, y + amp * math.sin(x / wave + phase)

    parts = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f4f6fa"/>']
    for _ in range(3):  # noise curves behind the characters
        parts.append(_noise(rng, rng.choice(_COLOURS), 1.2))
    step = (WIDTH - 20) / max(len(text), 1)
    for i, ch in enumerate(text):
        scale = rng.uniform(3.0, 3.6)
        angle = math.radians(rng.uniform(-22, 22))
        slant = rng.uniform(-0.25, 0.25)
        ox = 10 + i * step + rng.uniform(1, step - 6 * scale * 0.9 if step > 6 * scale else 2)
        oy = (HEIGHT - 10 * scale) / 2 + rng.uniform(-4, 4)
        cos, sin = math.cos(angle), math.sin(angle)
        colour = rng.choice(_COLOURS)
        for stroke in GLYPHS[ch]:
            pts = []
            for gx, gy in _subdivide(stroke):
                gx += rng.uniform(-0.25, 0.25) + slant * (5 - gy)
                gy += rng.uniform(-0.25, 0.25)
                cx, cy = (gx - 3) * scale, (gy - 5) * scale
                x, y = cx * cos - cy * sin + ox + 3 * scale, cx * sin + cy * cos + oy + 5 * scale
                pts.append(bend(x, y))
            parts.append(f'<path d="{_path(pts)}" fill="none" stroke="{colour}" stroke-width="{rng.uniform(2.4, 3.4):.1f}" '
                         'stroke-linecap="round" stroke-linejoin="round"/>')
    for _ in range(2):  # and across them
        parts.append(_noise(rng, rng.choice(_COLOURS), 1.6))
    for _ in range(30):
        parts.append(f'<circle cx="{rng.uniform(0, WIDTH):.1f}" cy="{rng.uniform(0, HEIGHT):.1f}" '
                     f'r="{rng.uniform(0.6, 1.6):.1f}" fill="{rng.choice(_COLOURS)}"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}">' + "".join(parts) + "</svg>")


def _noise(rng: random.Random, colour: str, width: float) -> str:
    ys = [rng.uniform(5, HEIGHT - 5) for _ in range(4)]
    return (f'<path d="M0 {ys[0]:.1f} C{WIDTH / 3:.1f} {ys[1]:.1f} {2 * WIDTH / 3:.1f} {ys[2]:.1f} {WIDTH} {ys[3]:.1f}" '
            f'fill="none" stroke="{colour}" stroke-width="{width}" opacity="0.7"/>')
