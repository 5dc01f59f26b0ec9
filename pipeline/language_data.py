"""Function words of the languages whose declared tag is checked against the text.

The commonest short words of running text in each language; a page's declared language is
accepted when its words are the most frequent of these in the text (see `pipeline.language`).
Only words that are rare in the other listed languages are kept ("de" is Spanish, French and
Dutch, so it is in none of the lists; "die" is German and English, so it is in neither).
"""

from __future__ import annotations

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and of to is was that for with on are as be this have from by not were has had which "
        "their they his her but been will would there who its said also".split()
    ),
    "de": frozenset(
        "der und ist nicht das den dem mit sich auf für von eine einer ein auch wird werden wurde "
        "sind bei nach aus wie oder noch über zum zur nur sie wir ich".split()
    ),
    "fr": frozenset(
        "le les des est et une pour dans qui que sur pas par avec sont ont plus être cette été aux "
        "du au il elle nous mais ses leur".split()
    ),
    "es": frozenset(
        "el los las del y que en por con una para es se su al lo como más pero sus fue ha este esta "
        "son también entre sobre".split()
    ),
    "it": frozenset(
        "il che di della del nel sono gli una per non con anche alla dei le è ha più questo essere "
        "delle degli sulla".split()
    ),
    "nl": frozenset(
        "het een van en dat niet zijn op voor met ook aan wordt worden bij naar maar deze dit er "
        "werd hebben heeft".split()
    ),
    "pt": frozenset(
        "o os as do da dos das que em um uma para com não no na por mais foi são como ao seu sua "
        "também".split()
    ),
    "pl": frozenset(
        "i w na się nie z do to że jest jak po od za przez oraz dla jego jej są był była być które "
        "który także".split()
    ),
}
