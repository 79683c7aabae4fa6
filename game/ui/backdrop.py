"""The board-room backdrop of the title, menus and between-round screens."""

from __future__ import annotations

import pygame

from game.ui import style

_CACHE: dict[tuple[int, int], pygame.Surface] = {}


def draw_title_backdrop(surface: pygame.Surface) -> None:
    """A dark board-room gradient with the Caspian's outline motif (cached per size)."""
    size = surface.get_size()
    found = _CACHE.get(size)
    if found is None:
        found = _render(size)
        _CACHE.clear()
        _CACHE[size] = found
    surface.blit(found, (0, 0))


def _render(size: tuple[int, int]) -> pygame.Surface:
    out = pygame.Surface(size)
    w, h = size
    for y in range(0, h, 4):
        f = y / max(1, h)
        pygame.draw.rect(out, (int(16 + 18 * f), int(26 + 20 * f), int(38 + 24 * f)), (0, y, w, 4))
    for i in range(7):
        pygame.draw.circle(out, (36, 52, 70), (w // 2, int(h * 0.95)), int(h * (0.35 + i * 0.12)), 1)
    credit = style.font(max(10, h // 70)).render("Natural Earth · DejaVu Sans", True, (90, 104, 124))
    out.blit(credit, (w - credit.get_width() - 12, h - credit.get_height() - 8))
    return out
