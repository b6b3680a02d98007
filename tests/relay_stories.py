"""Fictional articles for the matcher tests (our own text; .example outlets).

One event — the port authority of Tarrow approving a harbour tunnel — as an
original English report, a French and a German translation, an English copy
with a relay's own introduction, an excerpt, an independent English report of
the same event, and an unrelated story with the same people.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from relaytrace.model import Article, SourceCue
from relaytrace.text.analyse import analyse

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

ORIGIN_EN = (
    "The port authority of Tarrow approved a 4.8 billion euro tunnel under the harbour on "
    "Tuesday, ending a dispute that had lasted since 2019.",
    "Authority chair Imelda Voskuijl said the vote passed by 17 votes to 6 after a debate of "
    "almost nine hours.",
    '"This tunnel will take 42,000 lorries a day off the streets of Tarrow," Voskuijl told '
    "the Harbour Gazette.",
    "Construction is due to start in 2027 and the tunnel should open to traffic in 2031.",
    "Critics say the project ignores the damage to the Marrowick wetlands.",
    "The engineering firm Quellhaven Bau will build the 3.2 kilometre tube.",
    "Environmental group Brightwater Alliance said it would appeal to the Supreme Court.",
    "The city council of Tarrow must still approve a loan of 900 million euros.",
)

ORIGIN_FR = (
    "L'autorité portuaire de Tarrow a approuvé mardi un tunnel de 4,8 milliards d'euros sous "
    "le port, mettant fin à un différend qui durait depuis 2019.",
    "La présidente de l'autorité, Imelda Voskuijl, a déclaré que le vote avait été acquis par "
    "17 voix contre 6 après un débat de près de neuf heures.",
    "« Ce tunnel retirera 42 000 camions par jour des rues de Tarrow », a déclaré Voskuijl à la "
    "Harbour Gazette.",
    "Les travaux doivent commencer en 2027 et le tunnel devrait ouvrir à la circulation en 2031.",
    "Les critiques estiment que le projet ignore les dommages causés aux zones humides de "
    "Marrowick.",
    "La société d'ingénierie Quellhaven Bau construira le tube de 3,2 kilomètres.",
    "Le groupe écologiste Brightwater Alliance a annoncé qu'il ferait appel devant la Cour "
    "suprême.",
    "Le conseil municipal de Tarrow doit encore approuver un prêt de 900 millions d'euros.",
)

ORIGIN_DE = (
    "Die Hafenbehörde von Tarrow hat am Dienstag einen Tunnel für 4,8 Mrd. Euro unter dem "
    "Hafen genehmigt und damit einen seit 2019 andauernden Streit beendet.",
    "Die Vorsitzende der Behörde, Imelda Voskuijl, sagte, die Abstimmung sei nach einer fast "
    "neunstündigen Debatte mit 17 zu 6 Stimmen ausgegangen.",
    "„Dieser Tunnel wird täglich 42.000 Lastwagen von den Straßen von Tarrow holen“, sagte "
    "Voskuijl der Harbour Gazette.",
    "Der Bau soll 2027 beginnen, und der Tunnel soll 2031 für den Verkehr freigegeben werden.",
    "Kritiker sagen, das Projekt ignoriere die Schäden an den Feuchtgebieten von Marrowick.",
    "Das Ingenieurbüro Quellhaven Bau wird die 3,2 Kilometer lange Röhre bauen.",
    "Die Umweltgruppe Brightwater Alliance kündigte an, vor den Obersten Gerichtshof zu ziehen.",
    "Der Stadtrat von Tarrow muss noch einem Darlehen von 900 Millionen Euro zustimmen.",
)

INTRO = (
    "Our readers have asked us for months about the traffic in the old town.",
    "Here is what the authorities decided this week, in full.",
)

SAME_STORY_EN = (
    "After years of argument, Tarrow will get its harbour tunnel.",
    "Members of the port authority backed the plan on Tuesday, 17 to 6, following a long and "
    "bitter session that ran late into the night.",
    "Imelda Voskuijl, who chairs the body, called it a turning point for the city.",
    "Opponents from Brightwater Alliance plan to take the case to the Supreme Court, arguing "
    "that the wetlands of Marrowick will suffer.",
    "The bill comes to 4.8 billion euros, and work is expected to begin in 2027.",
    "Residents we spoke to in the old town were divided.",
)

UNRELATED_EN = (
    "Imelda Voskuijl opened a new ferry terminal in Tarrow on Friday.",
    "The terminal cost 35 million euros and will serve 8,000 passengers a day.",
    "Voskuijl said ferries to the island of Calloway would now run every hour.",
    "The old terminal, built in 1964, will be turned into a market hall.",
)


def article(
    url: str,
    paragraphs: tuple[str, ...],
    *,
    lang: str,
    minutes: int = 0,
    site_name: str | None = None,
    cues: tuple[SourceCue, ...] = (),
    title: str = "Tarrow harbour tunnel",
) -> Article:
    site = url.split("/")[2]
    return analyse(
        Article(
            url=url,
            site=site,
            site_name=site_name or site,
            title=title,
            paragraphs=paragraphs,
            lang=lang,
            published=T0 + timedelta(minutes=minutes),
            cues=cues,
        )
    )


def corpus() -> dict[str, Article]:
    """The fixture articles by role."""
    return {
        "origin": article("https://harbourwire.example/tunnel", ORIGIN_EN, lang="en"),
        "fr": article(
            "https://relais-infos.example/tunnel",
            ORIGIN_FR,
            lang="fr",
            minutes=90,
            cues=(
                SourceCue("source_line", "Lien source", url="https://harbourwire.example/tunnel"),
            ),
        ),
        "de": article(
            "https://nachrichten-spiegel.example/tunnel", ORIGIN_DE, lang="de", minutes=120
        ),
        "intro": article(
            "https://dailyrelay.example/tunnel", INTRO + ORIGIN_EN, lang="en", minutes=30
        ),
        "excerpt": article(
            "https://quickcopy.example/tunnel", ORIGIN_EN[:4], lang="en", minutes=45
        ),
        "same_story": article(
            "https://tarrowtimes.example/tunnel", SAME_STORY_EN, lang="en", minutes=200
        ),
        "unrelated": article(
            "https://harbourwire.example/ferry",
            UNRELATED_EN,
            lang="en",
            minutes=-4000,
            title="Ferry terminal opens",
        ),
    }
