"""Every screen of the client, in the one list the application registers them from by name."""

from __future__ import annotations

from game.ui.scene import Scene
from game.ui.scenes.card import CardScene
from game.ui.scenes.classroom import ClassScene
from game.ui.scenes.console import ConsoleScene, PausedScene
from game.ui.scenes.cover import CoverScene, RecapScene
from game.ui.scenes.crash import CrashScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.flowphase import FlowScene
from game.ui.scenes.gameover import GameOverScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.leave import EraEndScene, LeaveScene
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.newgame import NewGameScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.preview import PreviewScene
from game.ui.scenes.problems import ProblemsScene
from game.ui.scenes.proposal import ProposalScene
from game.ui.scenes.saveload import LoadScene, SaveScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.summit import SummitScene
from game.ui.scenes.teams import TeamsScene
from game.ui.scenes.title import TitleScene

SCENES: tuple[type[Scene], ...] = (
    TitleScene,
    NewGameScene,
    SettingsScene,
    LoadScene,
    SaveScene,
    PlayScene,
    CardScene,
    PreviewScene,
    ProposalScene,
    CoverScene,
    RecapScene,
    MenuScene,
    FlowScene,
    SummitScene,
    GameOverScene,
    DebriefScene,
    HelpScene,
    LeaveScene,
    EraEndScene,
    CrashScene,
    ConsoleScene,
    PausedScene,
    ClassScene,
    TeamsScene,
    ProblemsScene,
)
