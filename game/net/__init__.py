"""Class games over the network: the host (the authority over one session) and its web server.

game.net.host holds the game and the seats' tokens and builds each seat's messages; game.net.server is
the aiohttp application that carries them over WebSockets and serves the page (assets/web). Nothing here
imports pygame: the class screen of the window (game.ui) reads the host like any other client.
"""
