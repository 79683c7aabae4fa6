"""A card drawn as a card face, picture-free but recognisable across a room: a band in the colour of the seat
it favours with its ops in a disc and its era, the title in bold, the event's text, and a footer naming whom
it favours (with the seat's marker shape, so colour is never the only signal)."""

from __future__ import annotations

import pygame
from attrs import frozen

from game.i18n import Translator, party_name
from game.ui import style
from game.ui.logview import wrap
from rules import Scenario

PAPER = (246, 241, 228)
INK = (28, 28, 30)
NEUTRAL_BAND = (120, 124, 132)
RATIO = 1.4  # height to width


@frozen(eq=False)
class Face:
    """A rendered card face and the texts on it with where they are (relative to the face)."""

    surface: pygame.Surface
    texts: tuple[tuple[str, pygame.Rect], ...]


def fitted(text: str, face: pygame.font.Font, width: int, lines: int) -> list[str]:
    """The text wrapped to `width`, at most `lines` lines, the last ending in "…" when some was left out."""
    out = wrap(text, face, width)
    if len(out) <= lines:
        return out
    kept = out[:lines]
    last = kept[-1]
    while last and face.size(last + "…")[0] > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


def card_face(tr: Translator, scenario: Scenario, card_id: str, width: int, palette: str = "standard") -> Face:
    """The face of a card `width` pixels wide (RATIO times as tall)."""
    card = scenario.card(card_id)
    w, h = width, int(width * RATIO)
    pad = max(3, w // 18)
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    texts: list[tuple[str, pygame.Rect]] = []

    def put(text: str, font: pygame.font.Font, colour: tuple[int, int, int], at: tuple[int, int]) -> pygame.Rect:
        image = font.render(text, True, colour)
        rect = out.blit(image, at)
        texts.append((text, rect))
        return rect

    radius = max(4, w // 14)
    pygame.draw.rect(out, PAPER, out.get_rect(), border_radius=radius)
    band_h = max(18, int(h * 0.17))
    band = style.seat_colour(card.favours, palette) if card.favours else NEUTRAL_BAND
    pygame.draw.rect(out, band, (0, 0, w, band_h), border_top_left_radius=radius, border_top_right_radius=radius)
    disc_r = band_h * 2 // 5
    centre = (pad + disc_r, band_h // 2)
    pygame.draw.circle(out, PAPER, centre, disc_r)
    pygame.draw.circle(out, INK, centre, disc_r, max(1, w // 90))
    ops_font = style.font(int(disc_r * 1.4), bold=True)
    ops = ops_font.render(str(card.ops), True, INK)
    texts.append((str(card.ops), out.blit(ops, ops.get_rect(center=centre))))
    small = style.font(max(8, w // 16))
    era = tr("ui.cardface.era", era=card.era)
    era_image = small.render(era, True, INK)
    at = (w - pad - era_image.get_width(), (band_h - era_image.get_height()) // 2)
    pygame.draw.rect(out, PAPER, pygame.Rect(at, era_image.get_size()).inflate(pad, 2), border_radius=3)
    put(era, small, INK, at)
    y = band_h + pad // 2
    title_font = style.font(max(9, w // 12), bold=True)
    for line in fitted(tr.card(card, "title"), title_font, w - 2 * pad, 3):
        y = put(line, title_font, INK, (pad, y)).bottom
    foot_h = small.get_linesize() + pad
    body = style.font(max(8, w // 17))
    room = (h - foot_h - pad // 2 - y - pad // 2) // body.get_linesize()
    y += pad // 2
    for line in fitted(tr.card(card, "text"), body, w - 2 * pad, max(0, room)):
        y = put(line, body, (70, 70, 74), (pad, y)).bottom
    foot_y = h - foot_h
    pygame.draw.line(out, (200, 194, 178), (pad, foot_y), (w - pad, foot_y), 1)
    x = pad
    if card.favours:
        r = small.get_height() // 2 - 1
        mark = (x + r, foot_y + foot_h // 2)
        points = style.shape_points(style.seat_shape(card.favours), mark, r)
        if points:
            pygame.draw.polygon(out, band, points)
            pygame.draw.polygon(out, INK, points, 1)
        else:
            pygame.draw.circle(out, band, mark, r)
            pygame.draw.circle(out, INK, mark, r, 1)
        x += 2 * r + pad // 2
        who = tr("ui.cardface.favours", seat=party_name(tr, scenario, card.favours))
    else:
        who = tr("ui.cardface.neutral")
    line = fitted(who, small, w - x - pad, 1)[0]
    put(line, small, INK, (x, foot_y + (foot_h - small.get_height()) // 2))
    pygame.draw.rect(out, INK, out.get_rect(), max(1, w // 110), border_radius=radius)
    return Face(out, tuple(texts))
