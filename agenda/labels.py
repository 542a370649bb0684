"""Names from the data files that the public agenda shows, marked for translation.

Themes, networks and partner cities are stored in Dutch by their own apps. The agenda shows them
to German and English visitors through gettext; a name not listed here stays Dutch.
"""

from django.utils.translation import gettext_noop

NAMES = [
    # Twente action lines and extra themes (core/data/hengelo.yaml)
    gettext_noop("Techniek als motor"),
    gettext_noop("Arbeidsmarkt & talent"),
    gettext_noop("Bereikbaarheid & vestigingsklimaat"),
    gettext_noop("Circulaire economie & duurzaamheid"),
    gettext_noop("Zorg (gezond ouder worden)"),
    gettext_noop("Sociaal ondernemen"),
    gettext_noop("Cultuur"),
    gettext_noop("Sport"),
    gettext_noop("Veiligheid"),
    gettext_noop("Natuur en milieu"),
    gettext_noop("Toerisme"),
    # Networks whose name is not a proper noun
    gettext_noop("Provincie Overijssel"),
    gettext_noop("Stedenband Emsdetten"),
    gettext_noop("TEN-T corridor forum Brussel"),
]
