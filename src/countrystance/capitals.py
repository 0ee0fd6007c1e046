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
- a list with another state ("London and Washington", "Paris or Moscow", "Morocco or Tunis"),
  or a list of capitals where a state would be ("the dialogue between Pristina and Belgrade",
  "Berlin and Paris agreed"); a list of cities alone is places ("Protests in Lisbon, Paris,
  Athens");
- a state-made compound ("London-backed", "pro-Paris", "anti-London").

Each cue was re-scored on every review's capital finds (session 21): the weak ones, a list of
cities, "decisions taken in", a destination "sent to", "attacks on", were narrowed where
their wrong finds were (evidence-based precision over all reviews 0.66 -> 0.77).

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
    negotiated mediates mediated aim lend lends lent pay pays paid fund funds funded donate donates donated tries tried
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
    ties diplomacy line strategy efforts attempts attempt bid grip control orders rule regime regimes government
    governments representatives condemnation criticism rebuke
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
# "attacks on London", "an airstrike on Tripoli": the city is what is hit
_ATTACK_NOUNS = frozenset(
    """attack attacks airstrike airstrikes strike strikes raid raids assault assaults bombing bombings shelling
    march advance""".split()  # noqa: SIM905
)
# what lies "between" two cities as places ("the distance between London and Moscow")
_DISTANCE_NOUNS = frozenset(
    """distance distances road roads highway railway rail route routes flight flights train trains bus miles
    kilometres kilometers km journey trip""".split()  # noqa: SIM905
)
# the government's people before the capital ("officials in London", "the regime in Cairo")
_GOVERNMENT_WORDS = frozenset(
    """officials government regime authorities leaders leadership rulers governments policymakers diplomats
    puppets puppet clique charge decision-makers policy-makers""".split()  # noqa: SIM905
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
    marathon living housing building buildings during including excluding divided according regarding concerning following
    nothing something everything anything morning evening king thing things ring wing sting""".split()  # noqa: SIM905
)
# words that open a clause whose subject may be the capital ("..., while Kyiv said")
_CLAUSE_WORDS = frozenset(["and", "but", "while", "as", "that", "after", "when", "because", "since", "although",
                           "if", "whereas", "until", "before"])
_STATE_COMPOUND = re.compile(r"-(?:made|backed|led|controlled|sponsored|imposed|installed|friendly|aligned|allied)\b",
                             re.IGNORECASE)  # "Beijing-Backed" in a title-case headline
_COORDINATION = re.compile(r"\s*(?:,|and|or|&|&amp;|,\s*and)\s*")  # "&amp;": headlines scraped from HTML
# a list that goes on with more places: "in Peking, Moscow, Warsaw and elsewhere"
_PLACES_AFTER = re.compile(r",?\s*(?:and|or)\s+(?:elsewhere|beyond|(?:many\s+)?other\s+(?:cities|capitals|towns|places))\b")
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


# what follows a plural noun but not a verb in the present ("the Colombo proposals.", "the Astana
# and Geneva tracks, the ...", "the London conversations had set")
_AFTER_PLURAL = re.compile(
    r"\s*(?:[,.;:)\]!?]|$|(?:and|or|of|had|have|are|were|will|would|that|which|in|for|by|at|on|with|must|"
    r"should|can|could|may|might)\b)")


def _title_case(text: str) -> bool:
    """Headline title case after a capital ("Baghdad Detains U.S. Contractors"), where verbs are capitalised."""
    words = [w for w in _WORD.findall(text) if len(w) >= 4]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _plural_noun(word: str, after_text: str) -> bool:
    """A word with a verb's -s ending used as a plural noun after a capital, read from what follows it."""
    if not word.endswith("s") or word.lower() in _IRREGULAR_VERBS:
        return False
    m = re.search(rf"\b{re.escape(word)}\b", after_text)
    return bool(m and _AFTER_PLURAL.match(after_text, m.end()))


def state_evidence(text: str, start: int, end: int, others: Iterable[tuple[int, int, str, str]] = (),
                   target: str | None = None, *, coordination: bool = True) -> bool:
    """True when the capital at ``text[start:end]`` acts or is acted on as a state.

    ``others``: (start, end, kind, target) of the sentence's mentions, for coordination and
    for the international context: with another state named in the sentence, the capital as
    the subject or the object of any verb is the state ("Seoul resumed broadcasts after
    Pyongyang's test", "angering Mogadishu"), while alone it needs a verb of state action
    ("Paris goes car-free", "Mexico City shuts down" are the city). A capital that needs
    evidence is of kind ``capital_place`` there, a shorthand one (``capital_metonyms``) of
    kind ``capital``. ``coordination=False`` leaves out the evidence of a list it is in (the
    list's own reading asks for the rest).
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
    # "Berlin and Paris agreed": the list as a whole is the subject (_chain_evidence)
    title = _title_case(re.split(r"[|:;]|\s[-–—]\s", after_text, maxsplit=1)[0])
    if not after_text.startswith((",", ".", ":", ";", ")")):
        passive = False
        for w in after[:4]:
            lw = w.lower()
            if passive and lw in _PLACE_PASSIVES:
                break  # "Sarajevo is called", "land close to Beirut has been allocated": named or used as a place
            # any verb counts only in lower case: "the United Nations", "Paris Plans Defiant Night"
            if _state_verb(lw) or lw in _STATE_ADJ or (international and (w[0].islower() or title) and _verb_like(w)
                                                        and not _plural_noun(w, after_text)):
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
    # a lowercase verb right before it: a capitalised word or punctuation between is a list of
    # places ("Protests in Lisbon, Paris, Athens", "Vienna, on human rights; Cairo")
    if prev and international and _verb_like(prev[-1]) and re.search(r"\b[a-z]+ $", text[max(0, start - 30):start]):
        return True  # "angering Mogadishu", "give Canberra submarines"
    if prev:
        p1 = prev[-2] if prev[-1] == "the" and len(prev) > 1 else prev[-1]
        if p1 in _OBJECT_CUES:
            return True  # "warns London", "ties with" is below
        if p1 in _LINK_PREPS:
            wide = [w.lower() for w in before[-7:-1]]
            # after "to" and "from" a verb of motion or sending makes it a destination or a source
            # ("sent to London", "ordered directly from Paris"); an attack on a city is on the city
            verbs = _STATE_VERBS if p1 not in ("to", "from") else frozenset()
            attacked = p1 == "on" and len(prev) > 1 and prev[-2] in _ATTACK_NOUNS
            if not attacked and (p1 == "by" or any(w in _OBJECT_CUES or w in POLITICAL_NOUNS or w in verbs
                                                   for w in wide)):
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
    if not coordination:
        return False
    return _chain_evidence(text, start, end, others, target)


def _chain_evidence(text: str, start: int, end: int, others: list[tuple[int, int, str, str]],
                    target: str | None) -> bool:
    """Evidence for a capital listed with other places ("London and Washington", "the regimes of
    Lisbon, Pretoria and Salisbury"). A list of cities is no evidence by itself ("Protests in
    Lisbon, Paris, Athens", "the Conferences of Vienna, Cairo, Copenhagen"): the list is the
    state when it sits where a state does (the whole list as the subject or the object), when
    it is a pair of states "between" which something happens, or when a short list holds a
    shorthand capital or an abbreviation ("Tokyo & Washington", "Paris and the U.S.")."""
    listed = sorted(o for o in others if o[2] in ("name", "abbreviation", "capital", "capital_place"))
    chain = [(start, end, "capital_place", target)]
    for o in reversed([o for o in listed if o[1] <= start]):  # leftwards
        if not _COORDINATION.fullmatch(text[o[1]:chain[0][0]]):
            break
        chain.insert(0, o)
    for o in [o for o in listed if o[0] >= end]:  # rightwards
        if not _COORDINATION.fullmatch(text[chain[-1][1]:o[0]]):
            break
        chain.append(o)
    if len(chain) < 2:
        return False
    if _PLACES_AFTER.match(text, chain[-1][1]):
        return False  # "the summit talks in Peking, Moscow, Warsaw and elsewhere"
    before = [w.lower() for w in _words(text[max(0, chain[0][0] - 40):chain[0][0]])]
    if before and before[-1] == "the":
        before.pop()
    if before and before[-1] == "between":
        # "the dialogue between Pristina and Belgrade"; not "the distance between London and Moscow"
        return not (len(before) > 1 and before[-2] in _DISTANCE_NOUNS)
    # shorthand capitals and abbreviations are the state already; a country's name is another state
    # ("Morocco or Tunis"), unless it is the capital's own ("Paris and France", "Muscat and Oman")
    states = sum(k in ("capital", "abbreviation") or (k == "name" and t != target) for _s, _e, k, t in chain)
    if states and (len(chain) <= 3 or 2 * states >= len(chain)):
        return True
    if len(before) > 1 and before[-1] == "in" and before[-2] in ("decided", "determined"):
        return True  # "our fate will not be decided in Paris or Berlin"; one city is a venue ("decided in Lome")
    return state_evidence(text, chain[0][0], chain[-1][1], others, target, coordination=False)
