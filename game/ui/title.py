"""A minimal title window: the game's name on the sea colour, Esc (or closing the window) quits."""

from __future__ import annotations

from pathlib import Path

import pygame

FONT = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts" / "DejaVuSans-Bold.ttf"
SEA = (18, 52, 86)
INK = (236, 232, 220)
TITLE = "Caspian Gambit"


def draw_title(surface: pygame.Surface, font: pygame.font.Font, hint_font: pygame.font.Font) -> None:
    """The title screen drawn onto a surface of any size."""
    surface.fill(SEA)
    width, height = surface.get_size()
    title = font.render(TITLE, True, INK)
    surface.blit(title, title.get_rect(center=(width // 2, height // 2)))
    hint = hint_font.render("press Esc to quit", True, INK)
    surface.blit(hint, hint.get_rect(center=(width // 2, height // 2 + title.get_height())))


def _wants_quit(event: pygame.event.Event) -> bool:
    return event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE)


def main(size: tuple[int, int] = (960, 600)) -> int:
    """Open the title window until the player quits; returns the exit code."""
    pygame.init()
    try:
        surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption(TITLE)
        font, hint_font = pygame.font.Font(FONT, 64), pygame.font.Font(FONT, 20)
        clock = pygame.time.Clock()
        while not any(_wants_quit(event) for event in pygame.event.get()):
            draw_title(surface, font, hint_font)
            pygame.display.flip()
            clock.tick(30)
    finally:
        pygame.quit()
    return 0
