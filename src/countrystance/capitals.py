"""Is there evidence in this sentence that a capital stands for its state?

For a few capitals the name is the usual shorthand for the government ("Washington
warned", "Moscow's position", "the Pretoria regime"); most capitals, in news and in
speeches, are the city: "London hailed as one of the safest cities", "Paris goes
car-free", "Rome seeks 25 million to save Nero's palace", "the Cairo conference". In
six blind reviews of real sentences (the project's mention reviews 2-7), London, Paris,
Rome, Cairo, Berlin, Madrid and Mexico City were the state in 8 of 68 mentions the finder
kept, Washington, Moscow, Beijing, Pretoria, Tehran and Kiev/Kyiv in 107 of 127; in reviews
21-23 the other capitals were the state in about half. So the gazetteer lists the usual
shorthands (``capital_metonyms``, a user can change it), and for every other capital the
finder keeps a mention only with positive evidence that the state acts or is acted on,
which this module looks for in the words around it:

- the subject of a state verb ("London said", "Paris has refused", "Berlin is ready to");
- the object of a state verb or a relation ("warns Berlin", "ties with London",
  "pressure on Paris");
- a political noun after it or its possessive ("Paris's position", "the Cairo regime");
- its government's people before it ("officials in London", "the government in Cairo");
- coordination with another state ("London and Washington", "Paris or Moscow");
- a state-made compound ("London-backed", "pro-Paris", "anti-London").

Hand-written rules rather than a classifier: the reviews hold about 500 labelled capital
mentions, too few to train one that beats these cues, and each rule here is a reading a
user can check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["POLITICAL_NOUNS", "state_evidence"]

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")

# verbs a government does ("London warns", "urges Paris")
_STATE_VERBS = frozenset(
    """says said say saying warns warned warn warning accuses accused accuse rejects rejected reject denies denied
    deny urges urged urge demands demanded demand threatens threatened threaten insists insisted responds responded
    respond refuses refused refuse wants wanted want seeks sought seek fears feared fear hopes hoped agrees agreed
    agree signs signed announces announced condemns condemned condemn protests protested recognizes recognises
    recognized recognised recognize sanctions sanctioned retaliates retaliated expels expelled summons summoned
    recalls recalled backs backed supports supported support opposes opposed oppose blames blamed blame criticizes
    criticises criticized criticised welcomes welcomed pledges pledged vows vowed considers considered unveils
    unveiled claims claimed calls called asks asked tells told offers offered proposes proposed slams slammed
    blasts blasted pushes pushed presses pressed ignores ignored suspends suspended halts halted orders ordered
    approves approved accepts accepted issues issued lodges lodged imposes imposed lifts lifted deploys deployed
    sends sent launches launched invades invaded attacks attacked bombs bombed tests tested reacts reacted
    prepares braces weighs eyes courts woos snubs believes believed sees views viewed regards regarded
    intends intended decides decided chooses chose needs needed cancels cancelled canceled scraps scrapped
    counters countered dismisses dismissed downplays downplayed defends defended defies defied escalates
    escalated retreats retreated backtracks backtracked relents relented concedes conceded acknowledges
    acknowledged admits admitted confirms confirmed vetoes vetoed blocks blocked spies spied negotiates
    negotiated mediates mediated lend lends lent pay pays paid fund funds funded donate donates donated tries tried
    try call aims aimed steps stepped turns turned shifts shifted looks looked calling contributes contributed contribute
    contributing spy snoop snoops return returns returned restore restores restored use uses used change changes
    changed continues continued stand stands stood joins joined dictate dictates sponsor sponsors sponsored dispute
    disputes disputed cut cuts occupy occupies occupied annex annexes annexed violate violates violated cooperate
    cooperates cooperated cooperating hide hides hid declare declares declared default defaults defaulted honour
    honours honoured honor honors honored reminded""".split()  # noqa: SIM905
)
# words between a subject and its verb ("London has not yet said")
_AUX = frozenset(
    """is was are were has had have will would could should can may might must does did do also now still again
    already not never only even just reportedly apparently officially really yet be been being soon always
    cannot continue continues to""".split()  # noqa: SIM905
)
_BE_FORMS = frozenset(["is", "are", "was", "were", "be", "been", "being"])
# passives that name, rank, place or strike a city ("London is considered the capital of capitalism",
# "Bangkok was offered as the site"); not those a state undergoes ("Belgrade must be reminded")
_PLACE_PASSIVES = frozenset(
    """called considered named known dubbed described located situated offered envisaged organized organised
    allocated held chosen selected designated attacked bombed shelled hit struck liberated""".split()  # noqa: SIM905
)
# "London is ready to", "Paris was furious"
_STATE_ADJ = frozenset(
    """ready willing determined concerned worried angry furious unhappy keen eager prepared reluctant committed
    opposed responsible wary cautious alarmed irritated silent""".split()  # noqa: SIM905
)
# "London's position", "the Cairo regime", "the racists of Pretoria"
POLITICAL_NOUNS = frozenset(
    """plans policy policies position positions stance role support backing decision decisions response reaction
    ambition ambitions allies ally proxies proxy influence pressure demands demand claims claim interests
    aggression annexation intervention envoy envoys ambassador refusal offer approval threats threat relations
    ties diplomacy line strategy efforts attempts attempt bid grip control orders rule regime government
    leadership leaders officials authorities policymakers concerns intentions interference meddling
    involvement rhetoric propaganda crackdown hostility friendship rapprochement reluctance veto campaign designs
    objectives aims goals partners apartheid sovereignty tariffs troops forces diplomats embassy army dialogue
    negotiations siege blockade measures sanctions neighbours neighbors skepticism scepticism crimes connivance
    complicity intelligence military security appeal appeals calls requests objections warnings junta racists
    fascists""".split()  # noqa: SIM905
)
# words right before the capital that make it the state acted on ("pressure on London")
_OBJECT_CUES = frozenset(
    """warns warned warning urged urges urging pressed presses pressure pressured pressuring sanction told tells
    asked asks criticized criticised condemned alert alerted contacted informed forcing forced prompting
    prompted supplied provided sold hands handed allies ally alliance relations ties talks dialogue deal
    agreement dispute rift tension tensions conflict friendly hostile loyal message appeal reply response
    against versus vs accused backed pro anti defied defy defying challenge challenged snubbed snub rebuff
    rebuffed confront confronted appease appeased punish punished isolate isolated lobby lobbied persuade
    persuaded convince convinced inflames inflamed angers angered irks irked infuriates infuriated signal
    signals heat war feud spat standoff quarrel""".split()  # noqa: SIM905
)
# adjectives that bind someone to a government ("loyal to Paris", "close to Damascus"); narrower
# than targets.py's list, which only keeps a capital from reading as a place: "tied to" and
# "linked to" are no evidence of the state ("44 tied to Rome's mafia")
_BOUND_TO = frozenset(["loyal", "close", "closer", "allied", "subordinate", "answerable", "beholden", "friendly",
                       "hostile", "opposed", "aligned", "sympathetic", "accountable"])
# prepositions that take an object cue further back ("cooperation with London", "calls on Paris")
_LINK_PREPS = frozenset(["to", "from", "with", "between", "on", "by"])
# the government's people before the capital ("officials in London", "the regime in Cairo")
_GOVERNMENT_WORDS = frozenset(
    """officials government regime authorities leaders leadership rulers governments policymakers diplomats
    decision decisions decided puppets puppet clique charge""".split()  # noqa: SIM905
)
# irregular past forms and base forms a state does ("held", "cut", "give")
_IRREGULAR_VERBS = frozenset(
    """held sent took gave made cut set put kept left met told won lost struck withdrew drew broke chose froze
    sought fought bought brought caught taught spent lent paid laid began became overtook undertook forbade
    give take make keep hold send let allow grant offer sell buy build bound come comes came""".split()  # noqa: SIM905
)
# words with a verb's ending that are nouns or function words after a city ("London streets")
_NOT_VERBS = frozenset(
    """this its his hers ours yours theirs thus plus news always perhaps various famous previous serious
    residents streets attacks talks protests riots bombings bombing shootings shooting meeting meetings
    games olympics offices headquarters airports suburbs outskirts hotels restaurants museums police
    marathon living housing building buildings during including according regarding concerning following
    nothing something everything anything morning evening king thing things ring wing sting""".split()  # noqa: SIM905
)
# words that open a clause whose subject may be the capital ("..., while Kyiv said")
_CLAUSE_WORDS = frozenset(["and", "but", "while", "as", "that", "after", "when", "because", "since", "although",
                           "if", "whereas", "until", "before"])
_STATE_COMPOUND = re.compile(r"-(?:made|backed|led|controlled|sponsored|imposed|installed|friendly|aligned|allied)\b",
                             re.IGNORECASE)  # "Beijing-Backed" in a title-case headline
_COORDINATION = re.compile(r"\s*(?:,|and|or|&|&amp;|,\s*and)\s*")  # "&amp;": headlines scraped from HTML
# capitals joined into an alliance: "the Berlin-Rome-Tokyo axis", "a Lisbon- Salisbury-Pretoria axis"
_AXIS = re.compile(r"(?:[A-Z][\w'’]+\s?[-–]\s?)+[A-Z][\w'’]+\s+axis\b")


def _words(text: str) -> list[str]:
    return [w.strip("'’") for w in _WORD.findall(text)]


def _state_verb(word: str) -> bool:
    """A verb a government does, in any form the lists hold or its -ing form ("trying", "refusing")."""
    w = word.lower()
    if w in _STATE_VERBS:
        return True
    if not w.endswith("ing") or len(w) < 6:
        return False
    stem = w[:-3]
    return stem in _STATE_VERBS or stem + "e" in _STATE_VERBS or (stem[-1] == stem[-2] and stem[:-1] in _STATE_VERBS)


def _verb_like(word: str) -> bool:
    """A finite verb or participle by its form ("resumed", "closes", "angering", "held")."""
    w = word.lower()
    if not w.isalpha() or w in _NOT_VERBS or w in _AUX:
        return False
    return w in _IRREGULAR_VERBS or w.endswith(("ed", "ing")) or (w.endswith("s") and not w.endswith("ss") and len(w) > 3)


def state_evidence(text: str, start: int, end: int, others: Iterable[tuple[int, int, str, str]] = (),
                   target: str | None = None) -> bool:
    """True when the capital at ``text[start:end]`` acts or is acted on as a state.

    ``others``: (start, end, kind, target) of the sentence's mentions, for coordination and
    for the international context: with another state named in the sentence, the capital as
    the subject or the object of any verb is the state ("Seoul resumed broadcasts after
    Pyongyang's test", "angering Mogadishu"), while alone it needs a verb of state action
    ("Paris goes car-free", "Mexico City shuts down" are the city).
    """
    others = list(others)
    before = _words(text[max(0, start - 80):start])
    after_text = text[end:end + 80]
    after = _words(after_text)
    if text[max(0, start - 4):start].lower() in ("pro-", "nti-") or _STATE_COMPOUND.match(after_text):
        return True  # "pro-London", "anti-Paris", "Cairo-backed militias"
    if any(m.start() <= start - max(0, start - 80) and end - max(0, start - 80) <= m.end()
           for m in _AXIS.finditer(text[max(0, start - 80):end + 80])):
        return True  # "the Berlin-Rome-Tokyo axis"
    if re.match(r"\s*[.!?\"”]?\s*$", after_text) and re.search(r"[:\-–—]\s*$", text[max(0, start - 3):start]):
        return True  # a headline's source at its end: "... laying landmines: Kiev"
    if after_text[:2] in ("'s", "’s") and any(w.lower() in POLITICAL_NOUNS for w in _words(after_text[2:60])[:3]):
        return True  # "London's position"
    if not after_text.startswith((",", ".")) and any(w.lower() in POLITICAL_NOUNS for w in after[:2]):
        return True  # "the Cairo regime"
    if re.match(r"\s+and\s+(?:its|their)\s+(?:allies|partners|proxies)", after_text):
        return True
    # the subject of a state verb: "London warns", "Berlin and Paris agreed", "Paris has not yet said"
    international = any(t != target for s, _e, _k, t in others if s != start)
    seq = after[2:] if len(after) > 1 and after[0].lower() in ("and", "or") else after
    if not after_text.startswith((",", ".", ":", ";", ")")):
        passive = False
        for w in seq[:4]:
            lw = w.lower()
            if passive and lw in _PLACE_PASSIVES:
                break  # "Sarajevo is called", "land close to Beirut has been allocated": named or used as a place
            if _state_verb(lw) or lw in _STATE_ADJ or (international and _verb_like(w)):
                return True
            if lw not in _AUX and not lw.endswith("ly"):
                break  # "has unilaterally changed", "formally joined" go on
            passive = passive or lw in _BE_FORMS
    head = text[:start].rstrip()
    clause_start = not head or head[-1] in ".;:!?\"“(" or (before and before[-1].lower() in _CLAUSE_WORDS)
    if clause_start and not after_text.startswith((",", ".", ":")) and any(
            w.lower() in POLITICAL_NOUNS for w in after[:6]):
        return True  # "Tbilisi remains open to dialogue", "Caracas is under siege by unilateral measures"
    prev = [w.lower() for w in before[-4:]]
    if prev and international and _verb_like(prev[-1]) and text[start - 1:start] == " ":
        return True  # "angering Mogadishu", "give Canberra submarines"
    if prev:
        p1 = prev[-2] if prev[-1] == "the" and len(prev) > 1 else prev[-1]
        if p1 in _OBJECT_CUES:
            return True  # "warns London", "ties with" is below
        if p1 in _LINK_PREPS:
            wide = [w.lower() for w in before[-7:-1]]
            if p1 == "by" or any(w in _OBJECT_CUES or w in POLITICAL_NOUNS or w in _STATE_VERBS for w in wide):
                return True  # "cooperation with London", "backed by Paris", "calls on Cairo"
        if p1 == "to" and len(prev) > 1 and (prev[-2] == "according" or prev[-2] in _BOUND_TO or (
                prev[-2] == "up" and len(prev) > 2 and prev[-3] in ("stand", "stands", "standing", "stood"))):
            return True  # "according to Belgrade", "loyal to Paris", "standing up to Damascus"
        if p1 == "of" and len(prev) > 1 and prev[-2] in POLITICAL_NOUNS:
            return True  # "the racists of Pretoria"
        if any(w in _GOVERNMENT_WORDS for w in prev[-3:]):
            return True  # "officials in London", "the government in Cairo"
        if p1 in _STATE_VERBS:
            return True  # "Greece warns Berlin"
    # listed with another state: "London and Washington", "both Paris and Moscow"
    for s, e, kind, _t in others:
        if kind not in ("name", "abbreviation", "capital") or s == start:
            continue
        gap = text[end:s] if s >= end else text[e:start] if e <= start else None
        if gap is not None and _COORDINATION.fullmatch(gap):
            return True
    return False
