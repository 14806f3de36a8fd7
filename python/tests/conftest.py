"""Shared fixtures: a few pages written for these tests (never corpus text)."""

import pytest

# Each page: boilerplate around a few lines of prose, with non-ASCII text in both.
PAGES = [
    """Home | World | Sport | Culture
Storm closes the coast road near Saint-Étienne
By Zoë Łukasiewicz
Subscribe to The Coast Herald

The coast road was closed on Friday after the storm washed part of it away near the café “Le Phare”.

Crews expect to reopen one lane by Monday, the county said in a statement — 雨が降った 🌧️ all night.

Residents were asked to avoid the area and to follow the council’s updates on local radio.

Share this article
© 2026 The Coast Herald. All rights reserved.
""",
    """Advertisement
Die Bibliothek öffnet am Montag wieder, nach zwei Jahren Umbau, teilte die Stadt am Freitag mit.
Die Leserinnen und Leser können ab neun Uhr ihre Bücher zurückgeben und neue ausleihen.
Share this article
""",
    "Skip to main content\r\nLog in\r\nMenu\r\n\r\n"
    "Городской совет одобрил строительство нового моста после долгих споров в понедельник.\r\n"
    "Работы начнутся весной и продлятся два года, сообщили в администрации.\r\n"
    "\r\nFollow us on Facebook\r\n",
    "Only one line of prose, with no boilerplate around it at all, and no line terminator",
    "",
]


@pytest.fixture
def pages():
    return list(PAGES)
