"""The viewer's hand in the side panel as card faces: each face an image with a see-through button over it
(the button opens the card view; a pointer over it lights the face's edge)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

import pygame
import pygame_gui

from game.i18n import Translator
from game.ui.cardface import RATIO, Face, card_face
from game.ui.widgets import button
from rules import Scenario

FACE_MAX = 240  # the widest a face in the hand is drawn, in UI units
FACE_MIN = 120  # the narrowest (a hand that does not fit at this width scrolls)


class Faces:
    """Card faces kept by card, width, language and palette (the few last ones only)."""

    def __init__(self, keep: int = 24) -> None:
        self.keep = keep
        self._faces: OrderedDict[tuple, Face] = OrderedDict()

    def get(self, tr: Translator, scenario: Scenario, card_id: str, width: int, palette: str) -> Face:
        key = (card_id, width, tr.lang, palette, id(scenario))
        face = self._faces.get(key)
        if face is None:
            face = self._faces[key] = card_face(tr, scenario, card_id, width, palette)
            while len(self._faces) > self.keep:
                self._faces.popitem(last=False)
        self._faces.move_to_end(key)
        return face


def columns(size: tuple[int, int], count: int, unit: Callable[[float], int]) -> tuple[int, int]:
    """How many faces go across an area of `size` and how wide each is: as wide as they can be with the whole
    hand in view (at most FACE_MAX units), else at least FACE_MIN units wide and scrolled."""
    width, height = size
    gap = unit(8)
    widest = 1
    for across in range(1, max(1, count) + 1):
        face_w = min(unit(FACE_MAX), (width - gap * (across - 1)) // across)
        rows = -(-max(1, count) // across)
        if face_w < unit(FACE_MIN):
            break
        widest = across
        if rows * int(face_w * RATIO) + (rows - 1) * gap <= height:
            return across, face_w
    return widest, min(unit(FACE_MAX), (width - gap * (widest - 1)) // widest)


def build_hand(
    manager: pygame_gui.UIManager,
    container: pygame_gui.core.IContainerLikeInterface,
    size: tuple[int, int],
    cards: Sequence[tuple[str, str]],
    face_of: Callable[[str, int], Face],
    unit: Callable[[float], int],
) -> tuple[list[pygame_gui.core.UIElement], list[tuple[pygame_gui.elements.UIButton, str]], int]:
    """Faces for `cards` ((card id, tooltip)) in rows inside `container`: the face images, each face's button
    with its card id, and the height the rows take."""
    count, face_w = columns(size, len(cards), unit)
    face_h = int(face_w * RATIO)
    gap = unit(8)
    images: list[pygame_gui.core.UIElement] = []
    buttons: list[tuple[pygame_gui.elements.UIButton, str]] = []
    for i, (card_id, tip) in enumerate(cards):
        rect = pygame.Rect((i % count) * (face_w + gap), (i // count) * (face_h + gap), face_w, face_h)
        face = face_of(card_id, face_w)
        images.append(pygame_gui.elements.UIImage(rect, face.surface, manager, container=container))
        buttons.append((button(manager, rect, "", tip=tip, object_id="@card_face", container=container), card_id))
    rows = (len(cards) + count - 1) // count
    return images, buttons, max(1, rows * (face_h + gap))
