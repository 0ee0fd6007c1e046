"""Find the countries a sentence names, the way a careful reader would.

A *mention* is a span that refers to a target state (or bloc): its name ("the
U.S.", "Britain"), an abbreviation ("DPRK"), its capital or seat of power used for
the state ("Washington", "the Kremlin"), a demonym used for the state ("Russian
forces", not "a Russian scientist"), or a head of state or government in office at
the article's date ("Putin").

How it works: every alias in the gazetteer (``resources/gazetteer.yaml`` and
``resources/leaders.yaml``, plus the user's ``targets.alias_files``) goes into one
Aho-Corasick automaton (pyahocorasick). The text is first normalised the way real
corpora need (whitespace runs and line breaks as one space, odd apostrophes as "'",
ALL-CAPS words as Capitalised; offsets are mapped back to the original). One pass
yields every alias occurrence; whole-word checks, then leftmost-longest selection
(so "Paris Agreement", "South China Sea" or "Papua New Guinea" beat the names inside
them), then context rules decide what is kept:

- demonyms: the head noun decides ("Russian forces", "German weapons company",
  "Chinese state media" vs "a Russian scientist", "Israeli settlers", "Jordanian
  media", "the Australian state government", "in Russian"); combining forms count
  before another state's word ("Russo-Georgian war", "Sino-US talks");
- capitals: only for the state, not named as a document, event or place ("the Minsk
  accords", "talks held in Moscow", "a Nairobi shopping centre", "its London
  embassy", "London: ..." datelines; ``targets.capital_locations=true`` keeps places);
- names: formal prefixes join the name ("Islamic State of Afghanistan", "People's
  Republic of Benin"), a dropped apostrophe still makes a possessive ("Canadas
  largest"), first names and surnames ("Chad Smith", "Hillary Clinton"), names
  inside an organisation's, company's or place's name ("Palestine Liberation
  Organization", "Google Japan", "Royal Brunei Airlines"), abbreviations for private
  people's nationality ("US scientists", "the US singer Demi Lovato"), Georgia (state
  or country), bare "Korea" (``targets.korea_default``; not for the whole peninsula),
  the two Congos, "America" as a continent, and "the West" (also without the article
  in headlines: "Turkey tells West"; "Western" only before a bloc's noun: "Western
  sanctions", not "Western values");
- leaders: the list, bounded by the article date (a year-only date needs the term to
  cover most of the year), their surname before "government" or "administration"
  ("the Wilson Government"), plus leaders the list lacks when a title ties them to a
  state ("the President of the Republic of Zambia, His Excellency Mr. X").

Canonical target names come from pycountry plus a small override table in the data
file; they are the names the training data uses, so do not rename them.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .capitals import POLITICAL_NOUNS as _CAPITAL_POLITICAL_NOUNS
from .capitals import state_evidence

__all__ = [
    "KINDS",
    "Mention",
    "MentionFinder",
    "canonical_name",
    "group_by_target",
    "load_gazetteer",
    "parse_date_range",
]

KINDS = ("name", "abbreviation", "capital", "demonym", "leader")


@dataclass(frozen=True, slots=True)
class Mention:
    """One span of ``text`` that refers to ``target``."""

    start: int  # offsets into the text passed to find()
    end: int
    text: str  # text[start:end]
    target: str  # canonical target name, e.g. "United States"
    kind: str  # name | abbreviation | capital | demonym | leader


# --------------------------------------------------------------------------- gazetteer


def _read_yaml(path: str | Path | None, text: str | None = None) -> dict[str, Any]:
    import yaml

    # libyaml's C loader where PyYAML has it: the leader list parses in 0.3 s instead of 5
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text if text is not None else Path(path).read_text(encoding="utf-8"), Loader=loader)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"alias file {path} must hold a mapping at the top level")
    return data


def _packaged(name: str) -> dict[str, Any]:
    return _read_yaml(name, resources.files("countrystance").joinpath("resources", name).read_text("utf-8"))


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Merge an alias file over another: lists are appended, mappings merged."""
    out = dict(base)
    for key, value in extra.items():
        if key in out and isinstance(out[key], dict) and isinstance(value, Mapping):
            out[key] = _merge(out[key], value)
        elif key in out and isinstance(out[key], list) and isinstance(value, list):
            out[key] = out[key] + list(value)
        else:
            out[key] = value
    return out


def load_gazetteer(alias_files: Iterable[str | Path] = ()) -> dict[str, Any]:
    """The packaged gazetteer and leader list, with the user's alias files merged over."""
    data = _merge(_packaged("gazetteer.yaml"), _packaged("leaders.yaml"))
    for f in alias_files:
        path = Path(f)
        if not path.is_file():
            raise FileNotFoundError(f"targets.alias_files: file not found: {path}")
        data = _merge(data, _read_yaml(path))
    return data


def _canonical_table(data: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """(code -> canonical name, canonical name -> kind, canonical -> pycountry names)."""
    import pycountry

    overrides = data.get("name_overrides") or {}
    code_to_name: dict[str, str] = {}
    name_kind: dict[str, str] = {}
    auto: dict[str, list[str]] = {}
    for group, kind in (("un_members", "un_member"), ("observers", "observer"), ("others", "other")):
        for code in data.get(group) or []:
            country = pycountry.countries.get(alpha_3=code)
            if country is None:
                raise ValueError(f"gazetteer: {code!r} in {group} is not an ISO 3166-1 alpha-3 code")
            common = getattr(country, "common_name", None)
            name = overrides.get(code) or common or country.name
            code_to_name[code] = name
            code_to_name[country.alpha_2] = name
            name_kind[name] = kind
            names = [country.name, getattr(country, "official_name", None), common]
            auto[name] = [n for n in names if n]
    for code, spec in (data.get("extra_targets") or {}).items():
        code_to_name[str(code)] = spec["name"]
        name_kind[spec["name"]] = spec.get("kind", "other")
    return code_to_name, name_kind, auto


# --------------------------------------------------------------------------- dates


def _date_range(date: Any) -> tuple[int, int] | None:
    """An article date -> (first day, last day) as ordinals; None when unknown."""
    if date is None:
        return None
    if isinstance(date, str):
        return _str_date_range(date)
    return _parse_date_range(date)


_ISO_DATE_RE = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?")


def parse_date_range(date: Any) -> tuple[int, int] | None:
    """(first day, last day) as ordinals of an ISO 8601 date ("2016", "2016-07",
    "2016-07-01", with or without a time); None for no date; ValueError for anything else."""
    return _date_range(date)


@lru_cache(maxsize=4096)
def _str_date_range(date: str) -> tuple[int, int] | None:
    return _parse_date_range(date)


def _parse_date_range(date: Any) -> tuple[int, int] | None:
    if isinstance(date, _dt.datetime):
        d = date.date().toordinal()
        return d, d
    if isinstance(date, _dt.date):
        return date.toordinal(), date.toordinal()
    s = str(date).strip()
    if not s:
        return None
    # the whole string: "2017/01/10" or "20170110" read as the year 2017 would pick the
    # leaders of all of 2017; a time of day may follow a full date
    m = _ISO_DATE_RE.fullmatch(s)
    if not m:
        raise ValueError(f"date {date!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m.group(1))
    try:
        if m.group(3):
            d = _dt.date(year, int(m.group(2)), int(m.group(3))).toordinal()
            return d, d
        if m.group(2):
            month = int(m.group(2))
            first = _dt.date(year, month, 1)
            nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1
        return _dt.date(year, 1, 1).toordinal(), _dt.date(year, 12, 31).toordinal()
    except ValueError as err:
        raise ValueError(f"date {date!r} is not a valid calendar date: {err}") from None


def _ordinal(value: Any, default: int) -> int:
    if value is None or value == "":
        return default
    if isinstance(value, _dt.date):
        return value.toordinal()
    return _dt.date.fromisoformat(str(value)).toordinal()


# --------------------------------------------------------------------------- entries

# Rules (what context a candidate must pass); see MentionFinder._accept.
(_NONE, _DEMONYM, _CITY, _SURNAME, _FIRSTNAME, _WEST, _KOREA, _CONGO, _GEORGIA, _CAPS, _WESTERN,
 _COMMON_NOUN, _POSS_S, _CONTINENT, _COMBINING, _SEAT, _LOWER_DEMONYM) = range(17)

_ALIAS_RULES = {
    "Georgia": _GEORGIA,
    "Turkey": _COMMON_NOUN,
    "America": _CONTINENT,
    "China": _COMMON_NOUN,
    "Guinea": _COMMON_NOUN,
    "Jordan": _FIRSTNAME,
    "Chad": _FIRSTNAME,
    "Trinidad": _FIRSTNAME,
    "Holland": _SURNAME,
    "Israel": _SURNAME,
    "Korea": _KOREA,
    "Korean": _KOREA,
    "Koreans": _KOREA,
    "Congo": _CONGO,
    "Congolese": _CONGO,
    "West": _WEST,
    "Western": _WESTERN,
    "western": _WESTERN,
    "US": _CAPS,
    "AU": _CAPS,
    "UK": _CAPS,
    "EU": _CAPS,
    "PNG": _CAPS,
    "FRG": _CAPS,
    "KSA": _CAPS,
}


@dataclass(frozen=True, slots=True)
class _Entry:
    target: str
    kind: str
    rule: int
    span_start: int  # offset of the reported span inside the matched key
    span_len: int
    first: int | None  # ordinal day range, None = undated
    last: int | None
    leader: bool


def _parse_alias(alias: str) -> tuple[str, int, int]:
    """'Premier [Li]' -> ('Premier Li', 8, 2); 'Putin' -> ('Putin', 0, 5)."""
    if "[" not in alias:
        return alias, 0, len(alias)
    m = re.fullmatch(r"(.*)\[(.+)\](.*)", alias)
    if not m:
        raise ValueError(f"gazetteer: bad alias {alias!r} (brackets mark the reported span)")
    key = m.group(1) + m.group(2) + m.group(3)
    return key, len(m.group(1)), len(m.group(2))


def _plural_demonym(alias: str) -> str | None:
    """The plural noun of a demonym the gazetteer lists only in the singular ("Somali" ->
    "Somalis"); None for one that has no such plural ("Swiss", "Japanese", "Icelandic")."""
    last = alias.rsplit(" ", 1)[-1]
    if not last[:1].isupper() or not last.isalpha() or alias.endswith(_INVARIANT_ENDINGS) \
            or alias.endswith(("s", "x", "z", "y", "o", "ic")) or alias == "Philippine":
        return None
    return alias + "s"


_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def _variants(key: str) -> list[str]:
    """The key plus its straight/curly apostrophe twin and, for a key with accented letters,
    the key with them dropped as broken encodings drop them ("Erdoan", "Enrique Pea Nieto",
    "Jos Mujica"); in a name of several words each word must keep two letters."""
    out = [key]
    if "'" in key:
        out.append(key.replace("'", "’"))
    if "’" in key:
        out.append(key.replace("’", "'"))
    if re.search(r"\b[A-Z]\. [A-Z]", key):
        out.append(re.sub(r"\b([A-Z])\. (?=[A-Z])", r"\1 ", key))  # "George W Bush"
    if " al-" in key or " Al-" in key:  # "Muammar al-Qadhafi" / "Muammar Al-Qadhafi"
        out.append(key.replace(" al-", " Al-") if " al-" in key else key.replace(" Al-", " al-"))
    if any(c in key for c in _UMLAUTS):  # "Stefan Löfven" / "Stefan Loefven"
        out.append("".join(_UMLAUTS.get(c, c) for c in key))
    if not key.isascii():
        dropped = "".join(c for c in key if c.isascii())
        words = dropped.split(" ")
        if len(dropped) >= 5 and dropped[0].isupper() and (
                len(words) == 1 or all(len(w) >= 2 for w in words)):
            out.append(dropped)
    return out


_TITLE_WORDS = frozenset(
    ["President", "President-elect", "Presidents", "Prime", "Chair", "Chairperson", "Chairwoman", "Minister", "Ministers", "PM", "Premier", "Chancellor", "King", "Queen", "Emperor", "Empress", "Crown", "Prince", "Princess", "Sheikh", "Sheik", "Emir", "Amir", "Sultan", "Ayatollah", "Imam", "Pope", "Chairman", "Secretary", "General", "Gen.", "Leader", "Supreme", "Comrade", "Marshal", "Field", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady", "Senator", "Sen.", "Rep.", "Governor", "Gov.", "Vice", "Deputy", "Acting", "Interim", "Former", "Ex", "Colonel", "Col.", "Brother", "Excellency", "His", "Her", "Majesty", "Highness", "Hon.", "Honourable", "Honorable", "Leaders", "Messrs", "Messrs.", "Herr", "Madame", "Monsieur", "Señor", "Senhor", "President's", "Putin's", "Chief", "Head", "Commander-in-Chief", "Commander", "Dictator", "Strongman", "Tsar", "Czar", "Shah", "Khan"]
)
_FUNCTION_WORDS = frozenset(
    ["The", "A", "An", "But", "And", "Or", "Nor", "So", "Yet", "As", "If", "When", "While", "After", "Before", "Since", "Until", "Because", "Although", "Though", "Whether", "Where", "Why", "How", "What", "Which", "Who", "Whom", "Whose", "That", "This", "These", "Those", "It", "Its", "In", "On", "At", "By", "For", "With", "Without", "From", "To", "Of", "About", "Against", "Between", "Among", "Under", "Over", "During", "Despite", "Like", "Unlike", "Meanwhile", "Still", "Then", "Now", "Today", "Here", "There", "Also", "Both", "Even", "Only", "Indeed", "However", "Moreover", "Furthermore", "Thus", "Hence", "Did", "Does", "Do", "Will", "Would", "Can", "Could", "Should", "Shall", "May", "Might", "Must", "Has", "Have", "Had", "Is", "Was", "Are", "Were", "Be", "Been", "Said", "Says", "Asked", "Not", "No", "All", "Many", "Some", "Most", "Every", "Each", "Neither", "Either", "Once", "Yesterday", "Tomorrow", "Tonight", "Last", "Next", "Early", "Late", "Later", "Earlier", "Recently", "Why", "Whereas", "Whilst", "Upon", "Via", "Per", "Toward", "Towards", "Through", "Across", "Behind", "Beyond", "Within", "Amid", "Amidst", "Around", "Near", "Outside", "Inside", "Against", "Following", "Including", "Let", "Please", "Thank", "Thanks", "We", "I", "You", "He", "She", "They", "Our", "My", "Your", "Their", "Us", "Them", "Him", "Mrs", "According", "Dear", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Both", "Either", "Neither", "Unlike", "Besides", "Except", "Instead", "Rather", "Sure", "Yes", "Well", "Oh", "Ah"]
)
# words after a leader's surname that make it his government ("the Wilson Government")
_LEADER_BODIES = ("government", "Government", "administration", "Administration", "cabinet", "Cabinet", "regime")
# surnames that are also common words ("in May government offices", "a Key Government aim")
_NOT_SURNAMES = frozenset(["May", "Key", "Major", "Doc", "Young", "Long", "Little", "Rich", "Good", "Black", "White",
                           "Green", "Rice", "Bush", "Best", "Price", "Lagos", "Win", "Carlos"])
_WEEKDAYS_MONTHS = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
)
# Capitalised words after "Jordan"/"Chad" that do not make it a first name.
_STATE_CAPS = frozenset(
    ["President", "Prime", "Minister", "Foreign", "Defence", "Defense", "Government", "Army", "Navy", "Air", "Embassy", "Ministry", "Armed", "King", "Queen", "Crown", "Federation", "Administration", "Admin", "Congress", "Senate", "Parliament", "Cabinet", "Coast", "Supreme", "Revolutionary", "Communist", "State", "Ambassador", "Minister", "Chancellor", "Emperor", "Premier", "Vice", "Deputy", "Security", "Intelligence", "Interior", "National", "Chief", "General", "Gen.", "Admiral", "Marshal", "Special", "Royal", "Military", "Forces", "Police", "Border", "Central", "Prosecutor", "Justice", "Court", "Constitutional", "Government's", "Authorities", "Mission"]
)

_WORD_RE = re.compile(r"[^\W\d_][\w'’.\-]*")
_NEXT_WORDS_RE = re.compile(r"(?:[ \t]+(?:[-–][ \t]*)?|-)([^\W\d_][\w'’\-]*|\+)")
_PREV_WORD_RE = re.compile(r"([^\W\d_][\w'’.\-]*)[ \t]+$")
_LANG_PREV = frozenset(
    ["in", "into", "from", "speak", "speaks", "spoke", "spoken", "speaking", "learn", "learned", "learning", "learnt", "study", "studied", "studying", "translated", "translate", "teach", "taught", "write", "written", "fluent", "native"]
)
_COPULA = frozenset(["is", "was", "are", "were", "be", "been", "being", "became", "become", "becomes", "seems", "seemed", "looks", "felt"])
_STOP_FOLLOW = frozenset(
    ["a", "an", "the", "of", "and", "or", "nor", "to", "in", "on", "at", "by", "for", "with", "from", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "be", "been", "not", "but", "as", "than", "this", "these", "those", "it", "its", "their", "his", "her", "our", "said", "says", "told", "say", "than", "into", "over", "under", "after", "before", "during", "since", "while", "if", "when", "where"]
)
_COORD_RE = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(([A-Z][\w'’]*)(?:\s+[A-Z][\w'’]*)?)")
_PREV_WORD_LIST_RE = re.compile(r"[^\W\d_][\w'’\-]*|,")
_STRONG_PRIVATE = frozenset(["opposition", "dissident", "dissidents", "exiled", "exile", "independent", "private", "émigré",
                             "suicide"])  # "a British suicide bomber" is no warplane
_HYPHEN_STATE = frozenset(
    ["era", "backed", "led", "supported", "sponsored", "controlled", "occupied", "annexed", "held", "brokered", "imposed", "allied", "aligned", "installed", "funded", "armed", "proposed", "drafted", "mediated", "dominated", "ruled", "administered", "run", "financed", "orchestrated", "directed",
     "approved", "sanctioned", "authorized", "authorised", "ordered", "enforced", "bankrolled", "endorsed", "appointed"]
)
_HYPHEN_PRIVATE = frozenset(
    ["speaking", "language", "born", "style", "made", "built", "designed", "manufactured", "owned", "based", "american", "americans", "canadian", "british", "australian", "educated", "raised", "descended", "trained", "listed", "registered", "flagged"]
)
# what two states have between them: "Soviet-American talks", "the British-Australian treaty"
_RELATION_AFTER = re.compile(
    r"\s+(?:relations|ties|talks|agreement|agreements|accord|accords|treaty|treaties|summit|summits|negotiations"
    r"|dialogue|cooperation|co-operation|rapprochement|d[ée]tente|rivalry|conflict|confrontation|war|border"
    r"|trade|alliance|partnership|communiqu[ée]|declaration|statement|proposal|plan|initiative|understanding|crisis"
    r"|interaction|interactions|relationship|dispute|disputes|tensions|friendship)\b")
(_H_UNKNOWN, _H_STATE, _H_MOD, _H_PRIVATE, _H_STRONG) = range(5)
# a leader's title after a demonym ("Turkish PM storms off", "French President slams")
_LEADER_TITLES = frozenset(["pm", "president", "minister", "premier", "chancellor", "king", "queen", "leader", "emir",
                            "sultan", "government"])
# endings of nouns for a person ("settler", "activist", "gunman", "politician", "detainee")
_PERSON_ENDINGS = ("ist", "ists", "ician", "icians", "man", "men", "ee", "ees", "eur", "eurs")
_NOT_PERSON = frozenset(
    """power powers border borders order orders water waters number numbers center centre matter chapter letter
    paper papers member members quarter winter summer disaster cancer computer theater theatre register
    filter shelter barrier layer tower cover corner ledger banner manner lawmaker lawmakers commander
    commanders officer officers minister ministers leader leaders premier soldier soldiers fighter fighters
    bomber bombers carrier carriers destroyer destroyers trawler tanker tankers freighter cruiser
    partner partners player players tender heartland homeland committee committees guarantee
    offers enters answers delivers considers remembers covers gathers suffers discovers recovers
    registers counters lowers alters triggers wonders hammers bothers shatters empowers
    guarantees pledge elite establishment government governments statement agreement treaty
    woman women man men chairman spokesman spokeswoman serviceman servicemen policeman policemen
    congressman congressmen statesman statesmen countryman countrymen gentleman human humans ottoman omen
    specimen regimen abdomen acumen exist exists resist resists insist insists assist assists persist persists
    twist twists grandeur amateur jubilee coffee degree degrees decree
    decrees pedigree disagree disagrees former other further rather together whether either neither however
    whatever whenever bitter better greater larger bigger smaller higher lower longer stronger wider older newer
    younger cheaper faster harder deliver delivers consider considers gather gathers suffer suffers answer
    answers remember discover discovers recover recovers monitor render renders surrender surrenders counter
    counters wonder bother alter alters differ differs prefer prefers transfer transfers confer confers defer
    defers foster fosters muster musters bolster bolsters murder murders scatter shatter batter matters
    fever river rivers silver meter meters poster posters charter charters thunder laser rubber timber copper
    pepper butter cluster clusters monster gender danger dangers anger hunger sober clever eager proper
    shooter shooters bunker bunkers headquarters closer spree sprees agree agrees frees flees sees oversees foresees""".split()  # noqa: SIM905
)
_OTHER_OFFICE_BEFORE = re.compile(r"\b(?:Judge|Justice|Mayor|Senator|Sen\.|Rep\.|Congressman|Congresswoman"
                                  r"|Governor|Gov\.|Mrs\.?|Madame|Madam)\s+$")  # and "Mrs Mugabe", his wife
_KIN_AFTER = re.compile(r"\s+(?:brothers|sisters|brethren|brotherly|colleague|colleagues|counterpart|counterparts"
                        r"|friends|neighbours|neighbors)\b")
_GROUP_WORDS = frozenset(
    """Taliban Serb Serbs Croat Croats Kurd Kurds Tamil Tamils Shia Shiite Sunni Muslim Christian Arab Arabs Jewish
    Catholic Orthodox Islamist Maoist Hutu Tutsi Uighur Uyghur Tibetan Pashtun Baloch Alawite Druze Coptic Sikh Hindu
    Buddhist Berber Tuareg Hamas Hezbollah""".split())  # noqa: SIM905
_FIRM_HEADS = frozenset(["firm", "firms", "company", "companies", "contractor", "contractors", "subcontractor",
                         "subcontractors", "corporation", "corporations", "manufacturer", "manufacturers", "maker",
                         "makers", "giant", "giants", "startup", "startups"])
# ships and boats are private by default ("a Chinese ship sinks"); one that does a state's job is
# the state's ("a Spanish patrol boat", "a Chinese survey ship", "Israeli missile boats")
_VESSEL_HEADS = frozenset(["ship", "ships", "boat", "boats"])
_STATE_VESSEL_USES = frozenset(["patrol", "survey", "supply", "research", "missile", "spy", "war", "navy", "naval",
                                "military", "coast", "guard", "government", "state", "police", "customs"])
_STATE_OWNED = frozenset(["state", "state-run", "state-owned", "state-controlled", "government", "government-run",
                          "government-owned", "official", "public", "national", "central",
                          # "Russian fighter pilots", "Chinese military crew": the state's people
                          "fighter", "military", "air", "naval", "army", "navy", "police", "security", "intelligence",
                          "border", "coast", "spy", "defence", "defense", "armed", "special", "crown", "secret"])
# federations whose demonym + "state" is one of their states
_FEDERATIONS = frozenset(["United States", "India", "Germany", "Australia", "Brazil", "Mexico", "Nigeria", "Malaysia",
                          "Austria", "Venezuela", "Sudan", "South Sudan", "Myanmar", "Micronesia"])
_DIRECTIONS = frozenset(["southern", "northern", "eastern", "western", "central", "north-eastern", "north-western",
                         "south-eastern", "south-western", "northeastern", "northwestern", "southeastern",
                         "southwestern", "rural", "remote"])
_SUBNATIONAL_NEXT = frozenset(
    """government governments premier parliament parliaments legislature legislatures police capital assembly
    election elections governor governors level court courts senate of legislator legislators lawmakers
    premiers""".split()  # noqa: SIM905
)
# verbs right after a demonym make it a noun ("Indigenous Peruvian won the appeal")
_COMMON_VERBS = frozenset(
    """won wins lost loses took takes gave gives made makes went goes came comes got gets became becomes began
    begins died dies faces finds found fled flees sues sued wants lives lived speaks spoke tells
    thinks thought knew knows breaks broke proclaims admits pleads confesses survives donates
    shot mistaken beaten stabbed slain held taken""".split()  # noqa: SIM905
)
# what may follow a lower-case demonym ("russian troops"): a state's organs only
_LOWER_DEMONYM_HEADS = frozenset(["troop", "troops", "force", "forces", "army", "military", "navy", "government",
                                  "govt", "govt.", "gov't", "regime", "president", "officials", "authorities", "soldier",
                                  "soldiers", "fighter", "fighters", "jet", "jets", "warplane", "warplanes", "embassy",
                                  "ministry", "foreign", "prime", "police"])
_NAMED_DOCUMENT = re.compile(r"\s+(?:[Rr]eport|[Cc]ommission|[Dd]octrine)\b")
# "Josué de Castro": a listed surname after the particle of another person's name
_PARTICLE_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s+(?:de|da|dos|das|del|della|di|van|von|der|du|le|la)\s+$")
_SECRETARY_GENERAL = re.compile(r"Secretary[\s-]*General\s*$")
_VICE_BEFORE = re.compile(r"\b(?:[Vv]ice|[Dd]eputy)[- ]$")
# how far a listed leader's term may be from the date for a title to name him the serving head
_TERM_SLACK = 366
# the compounds of _STATE_OWNED, before a demonym: "State-owned Russian media"
_STATE_OWNED_BEFORE = frozenset(w for w in _STATE_OWNED if "-" in w) | {"government-controlled"}
_NATION_SPEAKS = re.compile(
    r"\s+(?:(?:can|will|would|may|must|could|should)\s+)?(?:say|says|said|claim|claims|claimed|admit|admits|admitted"
    r"|warn|warns|warned|tell|tells|told|accuse|accuses|accused|deny|denies|denied|reject|rejects|rejected|demand"
    r"|demands|demanded|urge|urges|urged|insist|insists|insisted|vow|vows|vowed|threaten|threatens|threatened"
    r"|announce|announces|announced|condemn|condemns|condemned|blame|blames|blamed|refuse|refuses|refused)\b"
    r"(?!\s+(?:of|by|for)\b)", re.I)  # not "Britons accused of drug offences"
_THE_PLURAL_AND = re.compile(r"\bthe\s+[a-z]+s\s+and\s+$")
# two peoples as the two sides ("between Israelis and Palestinians") in a conflict or a settlement
_SIDES_BEFORE = re.compile(r"\b(?:between|both)\s+$")
_SIDES_SECOND = re.compile(r"\s+and\s+(?:the\s+)?([A-Z][a-z]+s)\b")
_SIDES_FIRST = re.compile(r"\b(?:between|both)\s+(?:the\s+)?([A-Z][a-z]+s)\s+and\s+(?:the\s+)?$")
_SIDES_CONTEXT = re.compile(r"\b(?:conflict|negotiations?|talks|agreements?|peace|process|solution|dialogue|war|"
                            r"reconciliation|relations|accords?|settlement|hostilities|side by side)\b")
_PHRASAL_AFTER_EVENT = re.compile(r"\s+(?:[Oo]ut|[Uu]p|[Oo]ff)\b")
_POSSESSIVE_MISSION = re.compile(r"['’]s\s+(?:[Ee]mbass(?:y|ies)|[Cc]onsulates?|[Aa]mbassadors?|[Ee]nvoys?)\b")
_ELLIPTIC_NORTH = re.compile(
    r"\b(North)\s+(?:and|or|vs\.?|versus|to)\s+(South[\s-]+(Korea|Korean|Viet[\s-]?Nam|Vietnam|Sudan))\b")
_ESCAPED_BREAK = re.compile(r"\\[nrt]")
_PRISONERS_OF_WAR = re.compile(r"\s+prisoners?[\s-]+of[\s-]+war\b", re.IGNORECASE)
_QUANTIFIERS = frozenset(["many", "most", "some", "few", "several", "million", "millions", "thousand", "thousands",
                          "dozen", "dozens", "scores", "well-heeled", "wealthy", "rich", "poor", "elderly",
                          "hundred", "hundreds", "ordinary", "young", "older", "fellow", "other", "fewer", "more"])
_INVARIANT_S = frozenset(["Swiss", "Seychellois", "Marshallese", "Basotho", "Batswana"])
_INVARIANT_ENDINGS = ("ese", "ish", "ch", "sh", "ss", "ois")
# a place of the state after a demonym that is also a language: "in German city, Bremen", "in French
# Mediterranean city's port"
_TERRITORY_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+\s+)?(?:city|cities|town|towns|village|villages|capital|port|region|"
                              r"regions|province|provinces|territory|territories|waters|airspace|soil|border|coast|"
                              r"island|islands)\b")
# demonyms that are also the name of a language ("in Russian", "translated into Chinese")
_LANGUAGES = frozenset(
    """Russian Chinese Japanese Korean French German Spanish Portuguese Italian Turkish Ukrainian Polish Dutch Khmer
    Greek Thai Vietnamese Indonesian Malaysian Swedish Norwegian Danish Finnish Icelandic Czech Slovak Hungarian
    Romanian Bulgarian Serbian Croatian Bosnian Albanian Armenian Georgian Azerbaijani Azeri Kazakh Uzbek Turkmen
    Kyrgyz Tajik Mongolian Burmese Nepali Nepalese Somali Estonian Latvian Lithuanian Slovenian Macedonian Belarusian
    Irish Maltese Filipino Malagasy Swazi Tongan Samoan Fijian Persian Hebrew""".split()  # noqa: SIM905
)
# person nouns that do not turn a state noun before them private ("British embassy staff")
_WEAK_PRIVATE = frozenset(["staff", "employee", "employees", "worker", "workers", "personnel", "member", "members",
                           "driver", "drivers", "crew", "pilots", "pilot", "sailors", "sailor"])
# words before a name that do not make a longer name of it ("New UK Law", "Air India One")
_SANDWICH_ADJ = frozenset(["Air", "One", "New", "Old", "Modern", "Ancient", "Imperial", "Colonial", "Nazi", "Postwar", "Post-war",
                           "Communist", "Democratic", "Socialist", "Federal", "Islamic"])
# office nouns after a private noun: "German food minister" is a minister, not the food
_OFFICE_HEADS = frozenset(["minister", "ministers", "ministry", "ministries", "ambassador", "ambassadors",
                           "commissioner", "commissioners", "envoy", "envoys", "department", "regulator",
                           "regulators"])
# offices whose holder's name may follow ("Israeli Foreign Minister Avigdor Lieberman")
_OFFICE_TITLES = frozenset(["minister", "treasurer", "ambassador", "envoy", "president", "premier", "chancellor",
                            "pm", "secretary", "spokesman", "spokeswoman", "spokesperson", "general", "admiral"])
# state words whose workers are not the state's ("aid workers", unlike "embassy staff")
_CHARITY_WORDS = frozenset(["aid", "relief", "humanitarian", "charity", "peace"])
_BLOC_HEADS = frozenset(
    ["countries", "nations", "powers", "democracies", "capitals", "world", "bloc", "alliance", "coalition", "allies", "governments", "government", "leaders", "officials", "diplomats", "sanctions", "partners", "intelligence", "weapons", "arms", "military", "militaries", "support", "aid", "backers", "states", "state", "powers'", "nations'", "countries'", "pressure", "interference", "intervention", "alliance's",
     "airstrikes", "strikes", "troops", "forces", "envoys", "negotiators", "states'", "complicity", "contact",
     "proposals", "occupation"]
)


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


class MentionFinder:
    """Country mention finder over one compiled Aho-Corasick automaton.

    ``config`` is a ``TargetsConfig`` (the dataclass or an OmegaConf node) or None for
    the defaults. ``find(text, date)`` returns non-overlapping mentions sorted by start.
    """

    def __init__(self, config: Any | None = None) -> None:
        cfg = _config_dict(config)
        self._use_leaders = bool(cfg.get("use_leaders", True))
        self._korea_default = cfg.get("korea_default", "South Korea")
        self._capital_locations = bool(cfg.get("capital_locations", False))
        month = cfg.get("year_only_month")
        if month is not None and not (isinstance(month, int) and 1 <= month <= 12):
            raise ValueError(f"targets.year_only_month: expected a month 1-12 or null, got {month!r}")
        self._year_month = month
        self._historical_map: dict[str, str] = dict(cfg.get("historical_map") or {})
        data = load_gazetteer(cfg.get("alias_files") or [])
        self._data = data
        self._code_to_name, self._target_kind, auto = _canonical_table(data)
        for name in data.get("targets") or {}:
            if name not in self._target_kind:
                self._target_kind[name] = "custom"  # a user-defined target
        self._check_target_names()
        self._demonym_state = frozenset(
            w.lower() for w in (data.get("demonym_state_words") or []) + (data.get("demonym_modifier_words") or [])
        )
        self._demonym_private = frozenset(w.lower() for w in data.get("demonym_private_words") or [])
        self._demonym_modifiers = frozenset(w.lower() for w in data.get("demonym_modifier_words") or [])
        self._event_words = frozenset(w.lower() for w in data.get("capital_event_words") or [])
        self._place_first: frozenset[str] = frozenset()  # filled once the aliases are known
        self._companies = frozenset(data.get("company_names") or [])
        self._georgia_us = tuple(data.get("georgia_us_cues") or [])
        self._georgia_country = tuple(data.get("georgia_country_cues") or [])
        self._entries: dict[str, list[_Entry]] = {}
        self._blocked: set[str] = set()
        self._build(auto)
        self._compile()
        only = [canonical_name(t, self) for t in cfg.get("only") or []]
        self._only = frozenset(self._map_hist(t) for t in only) or None

    # ------------------------------------------------------------------ building

    @classmethod
    def from_config(cls, config: Any) -> MentionFinder:
        """Build from a full Config (uses its ``targets`` section) or a TargetsConfig."""
        node = getattr(config, "targets", None) if not _looks_like_targets(config) else config
        return cls(node if node is not None else config)

    def _check_target_names(self) -> None:
        for name in list(self._historical_map) + list(self._historical_map.values()):
            if name not in self._target_kind:
                raise ValueError(
                    f"targets.historical_map: unknown target {name!r}"
                    + _did_you_mean(name, self._target_kind)
                )
        if self._korea_default is not None and self._korea_default not in self._target_kind:
            raise ValueError(
                f"targets.korea_default: unknown target {self._korea_default!r}"
                + _did_you_mean(self._korea_default, self._target_kind)
            )

    def _add(self, alias: str, target: str, kind: str, rule: int | None = None,
             first: int | None = None, last: int | None = None, leader: bool = False) -> None:
        alias = str(alias).strip()
        if not alias:
            return
        key, off, length = _parse_alias(alias)
        if rule is None:
            rule = _ALIAS_RULES.get(key[off:off + length], _NONE)
        entry = _Entry(target, kind, rule, off, length, first, last, leader)
        for k in _variants(key):
            this = entry
            if len(k) != len(key):  # accents dropped: the whole key is the span
                if off or length != len(key):
                    continue
                this = _Entry(target, kind, rule, 0, len(k), first, last, leader)
            entries = self._entries.setdefault(k, [])
            if first is None and not leader:
                # an undated alias: a later definition (a user's file) replaces an earlier one
                entries[:] = [e for e in entries if e.first is not None or e.leader]
            entries.append(this)

    def _build(self, auto: dict[str, list[str]]) -> None:
        data = self._data
        exclude = set(data.get("auto_alias_exclude") or [])
        # 1. canonical names and pycountry's names (those that read as running text)
        for target in self._target_kind:
            names = [target[4:] if target.startswith("the ") else target]
            for n in auto.get(target, []):
                if "," in n or "(" in n:
                    continue
                names.append(n[4:] if n.startswith("the ") else n)
            for n in names:
                if n not in exclude:
                    self._add(n, target, "name")
        # 2. the gazetteer's aliases, by kind
        for target, spec in (data.get("targets") or {}).items():
            for kind, aliases in (spec or {}).items():
                if kind not in ("name", "abbreviation", "capital", "seat", "demonym"):
                    raise ValueError(f"gazetteer: {target}: unknown alias kind {kind!r}")
                for alias in aliases or []:
                    if kind == "capital":
                        self._add(alias, target, "capital", _CITY)
                    elif kind == "seat":
                        self._add(alias, target, "capital", _SEAT)
                    elif kind == "demonym":
                        # "[Russo]-": a combining form ("Russo-Georgian")
                        rule = _ALIAS_RULES.get(alias, _COMBINING if alias.endswith("]-") else _DEMONYM)
                        self._add(alias, target, "demonym", rule)
                        plural = _plural_demonym(alias) if rule == _DEMONYM else None
                        if plural and plural not in aliases and plural not in self._entries:
                            self._add(plural, target, "demonym", rule)  # "the Somalis", "Yemenis"
                    else:
                        self._add(alias, target, kind)
        # bare "Congo"/"Congolese"/"Korea": resolved by rules at match time
        for alias in ("Congo", "Congolese"):
            self._add(alias, "Democratic Republic of the Congo", "name" if alias == "Congo" else "demonym", _CONGO)
        for alias in ("Korea", "Korean", "Koreans"):
            self._add(alias, "South Korea", "name" if alias == "Korea" else "demonym", _KOREA)
        # 3. aliases bound in time
        for spec in data.get("dated_aliases") or []:
            target = spec["target"]
            kind = spec.get("kind", "name")
            rule = (_SEAT if spec["alias"] in ("Kremlin",) else _CITY) if kind == "capital" else None
            if kind == "demonym":
                rule = _DEMONYM
            self._add(spec["alias"], target, kind, rule,
                      _ordinal(spec.get("start"), 1), _ordinal(spec.get("end"), 10**7))
        # 4. leaders
        bodies: dict[str, set[tuple[str, int, int]]] = {}
        titled: dict[str, set[tuple[str, int, int]]] = {}  # surname -> terms of full names
        if self._use_leaders:
            for target, terms in (data.get("leaders") or {}).items():
                if target not in self._target_kind:
                    raise ValueError(f"leaders: unknown target {target!r}" + _did_you_mean(target, self._target_kind))
                for term in terms or []:
                    first = _ordinal(term.get("start"), 1)
                    last = _ordinal(term.get("end"), 10**7)
                    for name in term.get("names") or []:
                        key, off, length = _parse_alias(str(name))
                        span = key[off:off + length]
                        single = " " not in span and "-" not in span and off == 0
                        self._add(str(name), target, "leader", _SURNAME if single else _NONE,
                                  first, last, leader=True)
                        if off and key[0].isupper() and key.split()[0] in _TITLE_WORDS:
                            # "Saudi king [Abdullah]" as well as "King [Abdullah]"
                            self._add(str(name)[0].lower() + str(name)[1:], target, "leader", _NONE,
                                      first, last, leader=True)
                        parts = span.split()
                        if off == 0 and len(parts) == 2 and parts[1].isalpha() and _is_cap(parts[1]) \
                                and not parts[1].isupper() and len(parts[1]) >= 3 and parts[1] not in _NOT_SURNAMES:
                            bodies.setdefault(parts[1], set()).add((target, first, last))
                        if off == 0 and len(parts) >= 2 and parts[-1].isalpha() and _is_cap(parts[-1]) \
                                and not parts[-1].isupper() and len(parts[-1]) >= 3 \
                                and parts[-2].lower() not in _NAME_PARTICLES:
                            titled.setdefault(parts[-1], set()).add((target, first, last))
            # "President Saleh", "Prime Minister Ashraf": a head's title before the last word of a
            # listed full name, in office at the date; the file's own title forms come first
            for surname, terms in titled.items():
                for title in _HEAD_TITLE_FORMS:
                    key = f"{title} [{surname}]"
                    if any(k in self._entries for k in (key, f"{title} {surname}")):
                        continue
                    for target, first, last in sorted(terms):
                        self._add(key, target, "leader", _NONE, first, last, leader=True)
            # "the Wilson Government", "the Carter administration": the surname before a word for
            # the government stands for the state even where the surname alone is too common to list
            for surname, terms in bodies.items():
                if surname in self._entries or len({t for t, _, _ in terms}) > 1:
                    continue  # listed already, or two states' leaders share it
                for head in _LEADER_BODIES:
                    if f"{surname} {head}" in self._entries:
                        continue
                    for target, first, last in sorted(terms):
                        self._add(f"[{surname}] {head}", target, "leader", _SURNAME, first, last, leader=True)
        # 5. removals and blockers
        for alias in data.get("remove_aliases") or []:
            for k in _variants(str(alias)):
                self._entries.pop(k, None)
        for alias in data.get("blockers") or []:
            for k in _variants(str(alias)):
                self._blocked.add(k)
                self._entries.pop(k, None)
        # 6. lower-case demonyms ("russian troops", "the japanese govt."): only before a state's
        # organ (_LOWER_DEMONYM_HEADS), as sloppy headlines and comments write them
        for key, entries in list(self._entries.items()):
            low = key.lower()
            if key == low or " " in key or low in self._entries or low in self._blocked:
                continue
            new = [_Entry(e.target, e.kind, _LOWER_DEMONYM, 0, len(key), e.first, e.last, e.leader) for e in entries
                   if e.kind == "demonym" and e.rule == _DEMONYM and e.span_start == 0 and e.span_len == len(key)]
            if new:
                self._entries[low] = new
        # 7. possessives whose apostrophe the source dropped ("Canadas largest", "South Koreas
        # next prime minister"): the name plus "s", reported without the "s"
        metonyms = {w.casefold() for w in data.get("capital_metonyms") or []}
        for key, entries in list(self._entries.items()):
            if key.endswith(("s", "S", ".")) or not key[-1].isalpha() or key + "s" in self._entries \
                    or key + "s" in self._blocked:
                continue
            new = [_Entry(e.target, e.kind, _POSS_S, 0, len(key), e.first, e.last, e.leader) for e in entries
                   if e.span_start == 0 and e.span_len == len(key)
                   and ((e.rule in (_NONE, _SURNAME, _COMMON_NOUN)
                         and ((e.kind == "name" and e.first is None) or e.leader))
                        or (e.kind == "abbreviation" and e.rule in (_NONE, _CAPS) and key.isupper() and key.isalpha())
                        or (e.kind == "capital" and " " not in key
                            and (e.rule == _SEAT or (e.rule == _CITY and key.casefold() in metonyms))))]
            if new:  # names, leaders, abbreviations, seats, shorthand capitals: "Obamas trip", "Beijings role"
                self._entries[key + "s"] = new
        # 8. capitals that need evidence of the state: every capital city but the usual shorthand
        # for a government (capital_metonyms), plus what an alias file adds to capital_place_first,
        # less what it names in capital_state_first
        cities = {k.casefold() for k, es in self._entries.items() for e in es if e.kind == "capital" and e.rule == _CITY}
        self._place_first = frozenset(
            (cities - metonyms) | {w.casefold() for w in data.get("capital_place_first") or []}
        ) - {w.casefold() for w in data.get("capital_state_first") or []}

    def _compile(self) -> None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key, entries in self._entries.items():
            if entries:
                automaton.add_word(key, (len(key), tuple(entries)))
        for key in self._blocked:
            automaton.add_word(key, (len(key), None))
        automaton.make_automaton()
        self._automaton = automaton
        # capitalised words inside any alias (not evidence of headline case)
        self._alias_words = frozenset(
            w for key in self._entries for w in key.split() if _is_cap(w) and w not in _LEADER_BODIES
        )
        # one-word aliases ("Russian", "Putin"): a capitalised neighbour that is one of
        # these does not make the match part of another name
        self._single_aliases = frozenset(k for k in self._entries if " " not in k)
        # every leader name, in office or not, with its state's terms: the title rule leaves
        # these to the list unless a term is close to the date
        self._leader_keys: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for k, es in self._entries.items():
            for e in es:
                if e.leader and k[e.span_start + e.span_len + 1:] not in _LEADER_BODIES:
                    terms = self._leader_keys.setdefault(k[e.span_start:e.span_start + e.span_len], {})
                    terms.setdefault(e.target, []).append((e.first or 1, e.last or 10**7))
        # ... of them, those that are not only a leader's name ("Russian Putin" is Putin, but
        # "Santos Calderón" is not Calderón)
        self._state_words = frozenset(k for k in self._single_aliases
                                      if any(not e.leader for e in self._entries[k]))
        self._one_case: tuple[dict[str, str], Any] | None = None  # built on first one-case text

    def _one_case_tables(self) -> tuple[dict[str, str], Any]:
        """What text in one case (ALL CAPS, all lower case) is rewritten with before matching:
        (lower-case word -> its case, for titles, months and the words of formal and body
        names; an automaton over every alias and blocked name in lower case -> the name as
        written)."""
        import ahocorasick

        words = {}
        for w in _TITLE_WORDS | _WEEKDAYS_MONTHS | _ONE_CASE_WORDS:
            if w.isalpha():
                words[w.lower()] = w
        names: dict[str, str] = {}
        for key in (*self._entries, *self._blocked):
            low = key.lower().replace("’", "'")
            if len(low) != len(key) or low == "us":
                continue
            if low not in names or _case_rank(key) > _case_rank(names[low]):
                names[low] = key
        automaton = ahocorasick.Automaton()
        for low, key in names.items():
            automaton.add_word(low, (len(low), key))
        automaton.make_automaton()
        return words, automaton

    # ------------------------------------------------------------------ public API

    def targets(self) -> list[str]:
        """Every canonical target this finder can report (after historical_map and only)."""
        names = {self._map_hist(t) for t in self._target_kind}
        if self._only is not None:
            names &= self._only
        return sorted(names)

    def find(self, text: str, date: Any = None) -> list[Mention]:
        """Mentions in ``text``, sorted by start and non-overlapping.

        ``date`` (ISO 'YYYY', 'YYYY-MM', 'YYYY-MM-DD', or None) decides which leaders
        and dated aliases apply; with None every leader applies.
        """
        if not text:
            return []
        if self._year_month is not None and date is not None:
            year = str(date).strip()
            if re.fullmatch(r"\d{4}", year):
                date = f"{year}-{self._year_month:02d}"  # "1999" -> "1999-09" for UN speeches
        # Matching runs on a normalised copy: whitespace runs and line breaks as one space
        # ("Republic of  Korea"), odd apostrophes as "'", ALL-CAPS words as Capitalised
        # ("GERMAN police"); offsets are mapped back and spans read from the original.
        orig = text
        segs: tuple[list[int], list[int]] | None = None
        if "\\" in text:  # line breaks escaped in scraped text ("hit back\\nJapan's"): spaces, same length
            text = _ESCAPED_BREAK.sub("  ", text)
        ascii_text = text.isascii()
        if ("  " in text or "\n" in text or "\t" in text or "\r" in text) if ascii_text else _ODD_SPACE.search(text):
            text, segs = _squeeze_spaces(text)
        if text.isupper() or text.islower() or (_CAPS4.search(text) and _nearly_all_capitals(text)):
            # a sentence all in capitals (or all lower case) says nothing by its case: give
            # it the case of running text, taken from the aliases ("PAKISTAN'S RULING PARTY"
            # -> "Pakistan's ruling party"), so that every rule reads it as it reads prose
            text = self._restore_case(text)
        elif " Of " in text or " And " in text or " The " in text:
            text = self._lower_title_case_joiners(text)
        plain = text  # before the case change: "LET US IN" shouting is judged on this
        if _CAPS4.search(text) or "`" in text or (not ascii_text and _ODD_CHARS.search(text)):
            text = _ODD_CHARS.sub(self._normal_word, text)
        out = self._find(text, plain, date)
        if "North " in text:
            out = self._elliptic_north(text, out)
        if segs is None and text is orig:
            return out
        if segs is None:
            return [Mention(m.start, m.end, orig[m.start:m.end], m.target, m.kind) for m in out]
        result = []
        for m in out:
            s = _map_offset(segs, m.start)
            e = _map_offset(segs, m.end - 1) + 1
            result.append(Mention(s, e, orig[s:e], m.target, m.kind))
        return result

    def _restore_case(self, text: str) -> str:
        """``text`` (one case throughout) rewritten in the case of running text: every alias
        or blocked name as the gazetteer writes it ("PEOPLE'S REPUBLIC OF ANGOLA", "SOUTH
        CHINA SEA"), titles and months capitalised, other words in lower case, the first word
        of a sentence capitalised. The length is kept, so offsets carry over."""
        if self._one_case is None:
            self._one_case = self._one_case_tables()
        words, names = self._one_case
        upper = not text.islower()
        out = list(text)
        for m in _LETTERS.finditer(text):
            w = m.group(0)
            low = _lower_same_length(w)
            start, end = m.span()
            if text[start - 1:start] in ("'", "’") and len(w) <= 2 and text[start - 2:start - 1].isalpha():
                new = low  # PAKISTAN'S, DON'T, WE'LL
            elif low == "us":
                new = "US" if self._us_is_the_state(text, m) else low
            elif low in words:
                new = words[low]
            elif low == "people" and text[end:end + 2] in ("'S", "'s", "’S", "’s"):
                new = "People"  # "SOUTH WEST AFRICA PEOPLE'S ORGANIZATION", "PEOPLE'S REPUBLIC"
            elif (len(w) == 1 and text[end:end + 1] == ".") or (upper and _ROMAN.fullmatch(w)):
                new = w.upper()  # initials ("J. F. KENNEDY", "U.N."), numerals ("ARTICLE XI")
            elif low == "i":
                new = "I"
            else:
                new = low
            if _starts_sentence(text, start) and new.capitalize() not in _ONE_CASE_AMBIGUOUS:
                new = new[:1].upper() + new[1:]  # not "Bush fires rage": a leader by its case alone
            if len(new) == len(w):  # a case change that changes the length ("İ") leaves the word
                out[start:end] = new
        folded = _lower_same_length(text).replace("’", "'")
        picked: list[tuple[int, int, str]] = []
        for last, (klen, key) in names.iter(folded):
            start = last - klen + 1
            if (start and folded[start - 1].isalnum()) or folded[last + 1:last + 2].isalnum():
                continue
            picked.append((start, last + 1, key))
        taken_to = -1
        for start, end, key in sorted(picked, key=lambda x: (x[0], x[0] - x[1])):
            if start < taken_to:
                continue  # inside a longer name found first
            if key == "West" and (not _BLOC_WEST.search(folded, max(0, end - 20), end)
                                  or _DIRECTION_AFTER.match(folded, end)):
                continue  # "IN THE WEST", "WEST OF TOKYO": a direction; "THE WEST" the bloc
            if key in _ONE_CASE_AMBIGUOUS and not _TITLE_BEFORE.search(folded, max(0, start - 20), start):
                continue  # "BUSH FIRES"; but "PRESIDENT BUSH"
            if _ROMAN.fullmatch(text[start:end].upper()) and _NUMBERED_BEFORE.search(folded, max(0, start - 20), start):
                continue  # "ARTICLE XI", "RESOLUTION 3237 (XXIX)": a numeral, not Xi Jinping
            if _starts_sentence(text, start):
                key = key[:1].upper() + key[1:]
            out[start:end] = key
            taken_to = end
        return "".join(out)

    @staticmethod
    def _lower_title_case_joiners(text: str) -> str:
        """A headline in Title Case ("Islamic Republic Of Iran And The West") with its
        joining words in lower case, as the names are written; prose is left alone."""
        words = _LETTERS.findall(text)
        long_words = [w for w in words if len(w) >= 4]
        if len(long_words) < 3 or sum(1 for w in long_words if w[0].isupper()) < 0.9 * len(long_words):
            return text
        return _TITLE_JOINERS.sub(lambda m: m.group(0).lower(), text)

    def _us_is_the_state(self, text: str, m: re.Match[str]) -> bool:
        """"US" or "us" in one-case text: the United States or the pronoun. The state opens a
        headline or a quote ("US TO SEND TROOPS"), follows a determiner or a number ("THE US",
        "2 US SAILORS"), is written "US-LED" or "US$", or comes before a noun or a verb ("FROM
        US DRONE STRIKES", "WHILE US LAGS"); the pronoun ends a clause or comes before a
        function word ("BETRAYED US.", "ENABLES US TO ACT"), and always after "LET" or "ALL OF"."""
        follow = text[m.end():m.end() + 2]
        nxt_m = _LETTERS.match(text, m.end() + 1) if follow[:1] == " " else None
        nxt = nxt_m.group(0).lower() if nxt_m else ""
        prev_m = _PREV_TOKEN.search(text, max(0, m.start() - 40), m.start())
        prev = prev_m.group(1).lower() if prev_m else ""
        if nxt in _US_PRONOUN_NEXT or prev in _US_CAUSATIVE:
            return False  # "US ALL", "TEARS US APART", "LET US", "MAKE US BELIEVE"
        if prev == "of" and prev_m is not None:
            before = _PREV_TOKEN.search(text, max(0, prev_m.start() - 40), prev_m.start())
            if before and before.group(1).lower() in _US_QUANTIFIERS:
                return False  # "MANY OF US", "EACH ONE OF US"
        if follow[:1] in ("-", "$", "/") or (follow[:1] == "." and follow[1:2].isalpha()):
            return True
        if _starts_sentence(text, m.start()) or not prev_m:
            # a headline's subject, unless lower case leaves it alone ("us too", "us")
            return text[m.start()].isupper() or bool(nxt and nxt not in _US_FUNCTION_NEXT)
        if prev[:1].isdigit() or prev in _US_DETERMINERS:
            return True
        if prev in ("and", "or", "&", ","):  # "UK AND US", "IRAN, US": a list of states
            before = _PREV_TOKEN.search(text, max(0, prev_m.start() - 40), prev_m.start())
            if before and self._is_state_word(before.group(1)):
                return True
        if nxt in ("and", "or") and nxt_m is not None:
            after = _LETTERS.match(text, nxt_m.end() + 1)
            if after and self._is_state_word(after.group(0)):
                return True  # "US AND EUROPEAN COMPANIES"
        if not nxt or nxt in _US_FUNCTION_NEXT:
            return False
        if nxt in _AUXILIARIES:
            return prev not in _PREPOSITIONS  # "SAYS US IS", but "FOR US IS"
        return True

    def _is_state_word(self, word: str) -> bool:
        return any(w in self._entries for w in (word, word.upper(), word[:1].upper() + word[1:].lower()))

    def _elliptic_north(self, text: str, out: list[Mention]) -> list[Mention]:
        """'North' shared with a following 'South X': "between North and South Korea" names
        North Korea by "North" (the finder has found South Korea)."""
        added = []
        for m in _ELLIPTIC_NORTH.finditer(text):
            south_start = m.start(2)
            if not any(x.start == south_start for x in out) or any(x.start <= m.start(1) < x.end for x in out):
                continue
            entries = self._entries.get("North " + m.group(3)) or ()
            entry = next((e for e in entries if e.kind in ("name", "demonym")), None)
            if entry is not None:
                added.append(Mention(m.start(1), m.end(1), "North", entry.target, entry.kind))
        return sorted(out + added, key=lambda x: x.start) if added else out

    def _normal_word(self, m: re.Match[str]) -> str:
        w = m.group(0)
        if len(w) == 1:
            return "'"  # ‘ ʼ ` ´ used as an apostrophe
        if w in self._entries or w in self._blocked:
            return w  # an abbreviation: NATO, USSR, ASEAN
        return w[0] + w[1:].lower()

    def _find(self, text: str, plain: str, date: Any) -> list[Mention]:
        n = len(text)
        cands: list[tuple[int, int, Any]] = []
        for last, (klen, entries) in self._automaton.iter(text):
            start = last - klen + 1
            end = last + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if end < n:
                nxt = text[end]
                if nxt.isalnum() and text[end - 1].isalnum():
                    continue
                # possessive 's is fine; "Xi'an" is not Xi
                if (nxt in "'’" and end + 1 < n and text[end + 1].isalpha()
                        and not (text[end + 1] == "s" and (end + 2 >= n or not text[end + 2].isalnum()))):
                    continue
            cands.append((start, end, entries))
        if not cands:
            return []
        cands.sort(key=lambda c: (c[0], c[0] - c[1]))
        rng = _date_range(date)
        ctx = _Context(text, self._alias_words, plain)
        out: list[Mention] = []
        pos = 0
        out_of_term_end = -1  # end of a full leader name out of its term ("Fidel Castro" in 2012)
        for start, end, entries in cands:
            if start < pos:
                continue
            if entries is None:  # a blocker
                hm = _HYPHENED_WORD.search(text, max(0, start - 30), start)
                if hm and hm.group(1) in self._entries:
                    continue  # "the Iran-Iraq war" names both states ("the Iraq war" neither)
                pos = end
                continue
            entry = self._pick(entries, rng)
            if entry is None:
                if all(e.leader and e.span_start == 0 for e in entries) and " " in text[start:end]:
                    out_of_term_end = end  # a full name; not a title ("President [Tito]" of Kiribati)
                continue  # out of its period: a shorter alias inside may apply ("King Abdullah II")
            if entry.leader and end == out_of_term_end:
                continue  # his surname is another leader's: Fidel Castro is not Raul Castro
            if entry.leader and entry.span_start == 0 and " " not in text[start:end] and \
                    _PARTICLE_BEFORE.search(text, max(0, start - 30), start):
                continue  # "the great Brazilian Josué de Castro"
            if entry.leader and _NAMED_DOCUMENT.match(text, end):
                continue  # "the Brundtland report", "the Warren Commission": named after a person
            if entry.leader and entry.span_start and _VICE_BEFORE.search(text, max(0, start - 8), start):
                continue  # "Vice President Li" is not President Li
            if entry.leader and entry.span_start and any(
                    s2 == start + entry.span_start and e2 > end and es2 is not None
                    and any(e.leader for e in es2) for s2, e2, es2 in cands):
                continue  # "President [Isaias]" before "Isaias Afwerki", "President [Hamid]" (Bangladesh)
                # before "Hamid Karzai": the longer name decides
            if entry.leader and len(entries) > 1:
                entry = self._one_leader(entries, entry, rng, cands, start)
                if entry is None:
                    continue  # "King Abdullah" in 2010, nothing saying Saudi or Jordanian
            if entry.leader and not ctx.title_at(start, 3) and not self._leader_name_ends(text, end):
                continue  # "Juan Carlos Varela" is not Juan Carlos ("Premier Wen Jiabao" may match inside)
            # a title form ("President [Neto]") is read from its name: "the late President Neto"
            name_start = start + entry.span_start
            fm = _FORMER_TITLE.search(text, max(0, name_start - 50), name_start) if entry.leader else None
            if fm and not _THEN_ADVERB.search(text, max(0, fm.start() - 8), fm.start()):
                continue  # "then Polish PM Tusk", "the former President Obama"; not "since then President X"
            if entry.leader and _OTHER_OFFICE_BEFORE.search(text, max(0, name_start - 16), name_start):
                continue  # "Judge Napolitano", "Senator Clinton": another office, another person
            pos = end
            target = self._accept(entry, text, start, end, rng, ctx)
            if target is None:
                continue
            if entry.kind == "name" and _CURRENCY_AFTER.match(text, end):
                continue  # "the Zimbabwe dollar" is a currency ("the U.S. dollar" stands for US power)
            if entry.kind == "abbreviation" and _CURRENCY_AFTER.match(text, end) and \
                    _AMOUNT_BEFORE.search(text, max(0, start - 20), start):
                continue  # "7.75 million US dollars", "1 US dollar a day": a unit of money
            if text[max(0, start - 3):start] == "/r/":
                continue  # "/r/Canada": a forum's name
            if entry.kind == "name" and _US_TOWN_STATE_AFTER.match(text, end):
                continue  # "Lebanon, Pennsylvania", "Peru, Ind.": an American town
            if entry.kind == "name" and entry.rule != _POSS_S and not _JOINED_BEFORE.search(text, max(0, start - 2), start) \
                    and (_EVENT_NAMED_AFTER.match(text, end) or _AND_NAMED_WARS.match(text, end)) \
                    and not _VERSUS_BEFORE.search(text, max(0, start - 12), start):
                continue  # "the Syria war", "Japan Earthquake": an event's name
            if entry.kind in ("name", "abbreviation") and entry.rule != _POSS_S and text[start - 1:start] != "-" \
                    and self._in_longer_name(text, start, end, ctx):
                continue  # "Palestine Liberation Organization", "Google Japan"
            target = self._map_hist(target)
            if self._only is not None and target not in self._only:
                continue
            s = start + entry.span_start
            e = s + entry.span_len
            if entry.kind == "name" and entry.span_start == 0:
                if text[max(0, s - 7):s].endswith(("of ", "of the ")):
                    s = self._formal_start(text, s, entry.target)
                elif text.startswith(_FORMAL_HEADS, s) and text[s - 1:s] == " ":
                    # "People's" + "Republic of Benin" (a key of its own): one formal name
                    fm = _FORMAL_ADJ_BEFORE.search(text, max(0, s - 60), s)
                    s = fm.start(1) if fm else s
                while out and out[-1].end > s:
                    out.pop()
            out.append(Mention(s, e, text[s:e], target, entry.kind))
        if out and self._use_leaders and _HEAD_TITLE.search(text):
            out = self._titled_leaders(text, out, ctx, rng)
        if self._place_first and not self._capital_locations:
            out = self._capitals_with_evidence(text, out, ctx.plain)
        return out

    def _capitals_with_evidence(self, text: str, out: list[Mention], plain: str) -> list[Mention]:
        """Drop the mentions of place-first capitals ("London", "Paris") that nothing in the
        sentence shows acting or acted on as the state (capitals.py)."""
        others = [(x.start, x.end, "capital_place" if x.kind == "capital" and x.text.casefold() in self._place_first
                   else x.kind, x.target) for x in out]
        return [m for m in out if m.kind != "capital" or m.text.casefold() not in self._place_first
                or (not _acronym_in_prose(plain, m.start, m.end)
                    and state_evidence(text, m.start, m.end, others, m.target))]

    def _titled_leaders(self, text: str, out: list[Mention], ctx: _Context,
                        rng: tuple[int, int] | None = None) -> list[Mention]:
        """Leaders the list does not know, named with their title next to their state:
        "the President of the Republic of Zambia, His Excellency Mr. Frederick Chiluba",
        "Mr. X, Prime Minister of Y", "King Juan Carlos of Spain", "Zambian President X",
        "Zambia's President X". A title makes the person the state's serving head."""
        found: list[Mention] = []
        for m in out:
            if self._only is not None and m.target not in self._only:
                continue
            if ctx.title_at(m.start, 3):
                continue
            spans: list[tuple[int, int]] = []
            if m.kind in ("name", "abbreviation"):
                before = text[max(0, m.start - 60):m.start]
                off = m.start - len(before)
                pa = _TITLE_OF.search(before)
                if pa and not _NOT_SERVING.search(text, max(0, off + pa.start() - 16), off + pa.start()):
                    # "the President of X, His Excellency Mr. Y" / "Y, President of X"
                    am = _AFTER_COUNTRY.match(text, m.end)
                    if am:
                        spans.append(self._name_at(text, am.end()))
                    cm = re.search(r",\s+(?:the\s+)?(?:current\s+)?$", text[max(0, off + pa.start() - 20):off + pa.start()])
                    if cm:
                        spans.append(self._name_before(text, off + pa.start() - len(cm.group(0))))
                pb = _TITLE_NAME_OF.search(before)
                if pb and not _NOT_SERVING.search(text, max(0, off + pb.start() - 16), off + pb.start()):
                    spans.append(self._name_at(text, off + pb.end(1)))  # "King Juan Carlos of Spain"
                pc = _POSS_TITLE.match(text, m.end)
                if pc:
                    spans.append(self._name_at(text, pc.end()))  # "Zambia's President X"
            elif m.kind == "demonym":
                pc = _DEMONYM_TITLE.match(text, m.end)
                if pc and not _NOT_SERVING.search(text, max(0, m.start - 16), m.start):
                    spans.append(self._name_at(text, pc.end()))  # "Zambian President X"
            for a, b in spans:
                if b <= a or any(x.start < b and a < x.end for x in out + found):
                    continue
                name = text[a:b]
                parts = name.split()
                if _SECRETARY_GENERAL.search(text, max(0, a - 25), a) or name.startswith("Secretary"):
                    continue  # "to Secretary-General Kofi Annan, the President of Belarus said"
                if len(parts) == 1 and (_headline_verb(name) or name.lower().endswith(("ed", "ing"))):
                    continue  # "Australian Prime Minister Hacked": a headline's verb, no name
                # the terms of the longest listed part of the name: "Rafique Al Hariri" is the father,
                # whose terms decide, not "Hariri", which his son's terms share
                listed = [k for k in _word_runs(parts) if m.target in self._leader_keys.get(k, {})]
                longest = max((len(k) for k in listed), default=0)
                terms = [t for k in listed if len(k) == longest for t in self._leader_keys[k][m.target]]
                if terms and (rng is None or not any(first - _TERM_SLACK <= rng[1] and rng[0] <= last + _TERM_SLACK
                                                     for first, last in terms)):
                    continue  # the state's leader the list knows, out of office: the list decides (not
                    # another state's: "President Abdullah Saleh of Yemen" is not Jordan's Abdullah); a
                    # term within a year of the date lets the title decide, as list dates can be off
                    # and a speech's date may be only its year ("President Abdul Gayoom", 2002)
                found.append(Mention(a, b, name, m.target, "leader"))
        if not found:
            return out
        return sorted(out + found, key=lambda x: x.start)

    def _name_at(self, text: str, pos: int) -> tuple[int, int]:
        """The span of a person's name starting at ``pos`` (after titles and honorifics)."""
        toks: list[tuple[int, int, bool]] = []
        cur = pos
        for tm in _NAME_TOKEN.finditer(text, pos, min(len(text), pos + 90)):
            if tm.start() != cur:
                break
            cur = tm.end()
            tok = tm.group(1)
            initial = _INITIAL.fullmatch(tok) is not None
            bare = tok if initial else tok.rstrip(".")
            if not toks and (tok in _HONORIFICS or bare in _HONORIFICS):
                continue
            possessive = bare.endswith(("'s", "’s", "s'", "s’"))
            if possessive:
                bare = bare[:-2] if bare.endswith(("'s", "’s")) else bare[:-1]
            particle = bare.lower() in _NAME_PARTICLES
            if particle and not toks:
                break
            if not particle and not _ARABIC_ARTICLE.match(bare) and (
                    not bare or not bare[0].isupper() or bare in _FUNCTION_WORDS or bare in _TITLE_WORDS
                    or bare in _WEEKDAYS_MONTHS or (bare in self._entries and bare not in self._leader_keys)
                    or _headline_verb(bare)):
                break  # "Portuguese Prime Minister Resigns", "French PM Prompts Row"
            toks.append((tm.start(1), tm.start(1) + len(bare), particle))
            if possessive or len(toks) == 5 or (tok.endswith(".") and not initial):
                break
        while toks and toks[-1][2]:
            toks.pop()
        if not toks:
            return 0, 0
        return toks[0][0], toks[-1][1]

    def _name_before(self, text: str, pos: int) -> tuple[int, int]:
        """The span of a name that ends at ``pos`` ("... Mr. Frederick Chiluba, President of")."""
        window = text[max(0, pos - 70):pos]
        toks = list(re.finditer(r"[^\s,;:()\"“”]+", window))
        picked: list[re.Match[str]] = []
        for tm in reversed(toks):
            tok = tm.group(0)
            if picked and window[tm.end():picked[-1].start()].strip():
                break
            bare = tok.rstrip(".") if not _INITIAL.fullmatch(tok) else tok
            if bare in _HONORIFICS or tok in _HONORIFICS or not bare or not (
                    bare[0].isupper() or bare.lower() in _NAME_PARTICLES):
                break
            if bare in _FUNCTION_WORDS or bare in _TITLE_WORDS or (bare in self._entries and bare not in self._leader_keys):
                break
            picked.append(tm)
            if len(picked) == 5:
                break
        while picked and picked[-1].group(0).lower() in _NAME_PARTICLES:
            picked.pop()
        if not picked:
            return 0, 0
        prev = window[:picked[-1].start()].split()[-1:]
        if prev and prev[0] in _PLACE_PREPOSITIONS:
            return 0, 0  # "here in New York, the Prime Minister of X": a place
        if len(picked) == 1 and (not prev or prev[0] not in _HONORIFICS):
            return 0, 0  # "Therefore, the President of X spoke": one word is no name
        off = max(0, pos - 70)
        return off + picked[-1].start(), off + picked[0].end()

    @staticmethod
    def _formal_start(text: str, start: int, target: str) -> int:
        m = _FORMAL_PREFIX.search(text, max(0, start - 90), start)
        if not m:
            return start
        if m.group(1).startswith("Islamic State") and target != "Afghanistan":
            return start  # "Islamic State of Iraq and the Levant" is not a formal name of Iraq
        if m.group(1).startswith(("State ", "Union ")) and re.search(
                r"(?:\bof|Secretary|Minister|[Hh]eads?)\s+$", text[max(0, m.start(1) - 12):m.start(1)]):
            return start  # "head of State of the United States", "Secretary of State of"
        return m.start(1)

    # ------------------------------------------------------------------ internals

    def _map_hist(self, target: str) -> str:
        return self._historical_map.get(target, target)

    def _pick(self, entries: tuple[_Entry, ...], rng: tuple[int, int] | None) -> _Entry | None:
        """The entry that applies at the article date (dated ones first)."""
        undated = None
        best_leader = None
        for e in entries:
            if e.first is None:
                undated = e
                continue
            if rng is None:
                # undated text: the latest leader or period ("Berlin" since 1990)
                if best_leader is None or e.first > best_leader.first:
                    best_leader = e
                continue
            if e.first <= rng[1] and rng[0] <= e.last:
                # a year-only date: a leader's term must cover most of it ("Bush" in a 2009
                # speech is out of office, "Obama" in it is not)
                if e.leader and rng[1] - rng[0] > 31 and \
                        2 * (min(rng[1], e.last) - max(rng[0], e.first) + 1) < rng[1] - rng[0] + 1:
                    continue
                return e
        if undated is not None:
            return undated
        return best_leader

    @staticmethod
    def _one_leader(entries: tuple[_Entry, ...], picked: _Entry, rng: tuple[int, int] | None,
                    cands: list[tuple[int, int, Any]], start: int) -> _Entry | None:
        """Two states' leaders share the name at the date ("King Abdullah": Saudi Arabia
        2005-2015, Jordan since 1999): the one whose state the sentence names elsewhere, or none."""
        rivals = {e.target: e for e in entries if e.leader and e.first is not None
                  and (rng is None or (e.first <= rng[1] and rng[0] <= e.last))}
        if len(rivals) < 2:
            return picked
        named = {e.target for s, _, es in cands if es is not None and s != start
                 for e in es if not e.leader and e.target in rivals}
        return rivals[next(iter(named))] if len(named) == 1 else None

    def _accept(self, entry: _Entry, text: str, start: int, end: int,
                rng: tuple[int, int] | None, ctx: _Context) -> str | None:
        """Apply the entry's context rule; the target it names, or None."""
        rule = entry.rule
        if rule == _NONE:
            return entry.target
        if rule == _DEMONYM:
            if _DEMONYM_EVENT.match(text, end) and not _JOINED_BEFORE.search(text, max(0, start - 2), start) \
                    and not re.search(r"\b(?:Arab|Israeli|Palestinian|Soviet|American)\s+$", text[max(0, start - 14):start]):
                return None  # "the Algerian war", "the Liberian conflict": an event's name
            return entry.target if self._demonym_ok(text, start, end, ctx, state_default=True, target=entry.target) else None
        if rule == _LOWER_DEMONYM:
            m = _NEXT_WORDS_RE.match(text, end)
            ok = m and m.start(1) == end + 1 and re.sub(r"['’]s?$", "", m.group(1).lower()) in _LOWER_DEMONYM_HEADS
            return entry.target if ok else None
        if rule == _CITY:
            return entry.target if self._city_ok(text, start, end, ctx, entry.target) else None
        if rule == _SURNAME:
            if start >= 3 and text[start - 1] == "-" and text[start - 3:start - 1].lower() in ("al", "el"):
                return None  # "Al-Haram Al-Sharif" is not Sharif
            return entry.target if self._prev_ok(text, start, ctx, 3 if entry.leader else 4) else None
        if rule == _FIRSTNAME:
            if not self._prev_ok(text, start, ctx) or not self._next_ok(text, end, ctx, leaders=False):
                return None
            if self._person_apposition(text, end):
                return None  # "Chad, a software engineer from Denver, said"
            return entry.target
        if rule == _COMMON_NOUN:
            # "Turkey sandwiches", "China plates" at the start of a sentence
            m = _NEXT_WORDS_RE.match(text, end)
            if m and m.start(1) == end + 1 and m.group(1).lower() in _COMMON_NOUN_NEXT:
                return None
            return entry.target
        if rule == _WEST:
            before = text[max(0, start - 4):start]
            if before.lower() != "the ":
                return entry.target if self._bare_west(text, start, end, ctx) else None
            if not ctx.title_at(start):
                m = _NEXT_WORDS_RE.match(text, end)
                if m and m.start(1) == end + 1 and _is_cap(m.group(1)) and m.group(1) not in _WEEKDAYS_MONTHS:
                    return None
            return entry.target
        if rule == _WESTERN:
            if text[max(0, start - 6):start].lower().endswith(("south-", "north-", "south ", "north ")):
                return None  # "Mexico's south-western state": a compass point
            nm = _NEXT_WORDS_RE.match(text, end)
            if nm and nm.group(1) in self._single_aliases:
                return None  # "the western Mexican state", "Western European Union": a region
            return entry.target if self._demonym_ok(text, start, end, ctx, state_default=False,
                                                    heads=_BLOC_HEADS) else None
        if rule == _CAPS:
            if (start > 0 and text[start - 1] == "$") or text[end:end + 2].lstrip(" ")[:1] == "$":
                return None  # "$US 150,000", "US$5 billion", "US $2000": a currency
            if ctx.caps_context(start, end):
                return None
            if entry.target == "African Union" and start > 2 and text[start - 2] == ",":
                # "Brisbane, AU (one of our largest cities)": the country code after a city
                cm = _CITY_COMMA.search(text, max(0, start - 40), start)
                if cm and cm.group(1) not in self._entries and _CODE_END.match(text, end):
                    return "Australia"
            return entry.target
        if rule == _COMBINING:
            # "Russo-Georgian war", "Sino-US talks": judged like the demonym after it; "Indo-Pacific",
            # "Anglo-Saxon", "Sino-Tibetan" are not followed by one
            wm = _PLAIN_WORD.match(text, end)
            if not wm or not _is_cap(wm.group(0)) or re.sub(r"['’]s$", "", wm.group(0)) not in self._state_words:
                return None
            word_end = start + entry.span_start + entry.span_len
            ok = self._demonym_ok(text, start, word_end, ctx, state_default=True, target=entry.target)
            return entry.target if ok else None
        if rule == _KOREA:
            if self._korea_default is None or self._whole_korea(text, start, end, rng):
                return None
            if entry.kind == "demonym" and not self._demonym_ok(text, start, end, ctx, state_default=True):
                return None
            return self._korea_default
        if rule == _CONGO:
            if entry.kind == "demonym" and not self._demonym_ok(text, start, end, ctx, state_default=True):
                return None
            return self._congo(text, rng)
        if rule == _GEORGIA:
            return self._georgia(text, start, end)
        if rule == _SEAT:
            return None if self._seat_as_place(text, start, end) else entry.target
        if rule == _CONTINENT:
            # "in Asia, Africa, Europe and America": the continent (older UN speeches)
            window = text[max(0, start - 50):end + 50]
            return None if len(set(_CONTINENTS.findall(window))) >= 2 else entry.target
        if rule == _POSS_S:
            # "Canadas largest", "Frances Parliament": a word must follow, and no "the"/"two"
            # before ("the two Koreas", "the Americas"); "Frances Smith" is a first name
            m = _NEXT_WORDS_RE.match(text, end)
            if not m or m.start(1) != end + 1 or text[end] != " " or m.group(1).lower() in _STOP_FOLLOW:
                return None  # "Turkeys were pardoned", "Koreas and ..."
            prev = _PREV_WORDS_RE.findall(text[max(0, start - 20):start])
            if prev and prev[-1].lower() in _PLURAL_BEFORE:
                return None
            if entry.kind == "capital" and not any(
                    w.lower() in _STATE_NOUNS_AFTER_POSSESSIVE for w in _NEXT_WORDS_RE.findall(text, end, end + 40)[:3]):
                return None  # "Beijings role", "Moscows orders"; not "Moscows gays", "Beijings Staging"
            if not self._prev_ok(text, start, ctx):
                return None
            if not self._next_ok(text, end, ctx) and (
                    entry.leader or text[start:end - 1] in _NAME_LIKE_STATES):
                return None  # "Frances Smith", "Jordans Brown"; "Japans New Leader" is Japan's
            return entry.target
        return entry.target

    def _in_longer_name(self, text: str, start: int, end: int, ctx: _Context) -> bool:
        """A state name inside the name of an organisation, a company or a place: "Palestine
        Liberation Organization", "Iraq Inquiry", "People's Democratic Party of Afghanistan",
        "Google Japan", "Royal Brunei Airlines", "South Georgia Islands"."""
        n = len(text)
        next_cap = end + 1 < n and text[end] == " " and text[end + 1].isupper()
        if next_cap:
            om = _ORG_AFTER.match(text, end)
            if om and (om.group(1) is not None or not ctx.title_at(start)) \
                    and not any(_headline_verb(w) for w in om.group(0).split()[:-1] if w.isalpha()):
                return True  # not "Spain Opens Inquiry on Guantanamo"
        if text[max(0, start - 7):start].endswith(("of ", "of the ")) and \
                _ORG_OF.search(text, max(0, start - 80), start):
            return True
        if text[max(0, start - 5):start] == "Miss ":
            return True  # a beauty pageant's title: "Former Miss Turkey arrested"
        if text[max(0, start - 6):start] == "Radio ":
            return True  # a broadcaster's name: "claims Radio Iran"
        if text[max(0, start - 7):start] == "Occupy " and (start == 7 or not text[start - 9:start - 7].strip()[-1:].isalnum()):
            return True  # a protest movement's name: "Occupy Australia takes off" (not "100s Occupy Brazil Dam")
        if self._in_body_name(text, start):
            return True  # "the United Nations Mission in Liberia", "the UN Council for Namibia"
        if _NAMED_BODY_ON.search(text, max(0, start - 100), start):
            return True  # "the Special Committee on Palestine", "the International Compact with Iraq"
        if start < 2 or text[start - 1] != " " or not text[start - 2].isalpha():
            return False
        pm = _PREV_WORD_RE.search(text, max(0, start - 40), start)
        if not pm:
            return False
        word = pm.group(1)
        if word in self._companies:
            return True
        if not next_cap or not _is_cap(word) or word.isupper() or word.endswith(("'s", "’s", "s'", "s’")) \
                or text[start:end].isupper() or word in _SANDWICH_ADJ or word.endswith(("ing", "ed")) \
                or word in _FUNCTION_WORDS or word in _TITLE_WORDS or (word in _HONORIFICS and word != "Royal") \
                or word in _WEEKDAYS_MONTHS or word in self._single_aliases or word.lower() in _CITY_PARTS \
                or ctx.title_at(start):
            return False
        # a capitalised word on both sides: "Royal Brunei Airlines' first ..."; not "Royal Malaysia
        # Police", nor a short headline ("Russia to Help Palestine Become Independent State")
        nm = _PLAIN_WORD.match(text, end + 1)
        nxt = nm.group(0) if nm else ""
        if len(nxt) < 4 or nxt.isupper() or nxt in _FUNCTION_WORDS or nxt in _STATE_CAPS or nxt in _TITLE_WORDS \
                or nxt in _WEEKDAYS_MONTHS or nxt in self._single_aliases:
            return False
        pp = _PREV_WORD_RE.search(text, max(0, pm.start() - 40), pm.start())
        am = _NEXT_WORDS_RE.match(text, nm.end())
        return not (pp and _is_cap(pp.group(1))) and not (am and am.start(1) == nm.end() + 1 and _is_cap(am.group(1)))

    @staticmethod
    def _in_body_name(text: str, start: int) -> bool:
        """The state named at the end of an international body's name: "the United Nations
        Mission in Liberia", "the United Nations Council for Namibia", "the EU Border Assistance
        Mission to Moldova and Ukraine" (blind reviews 21-27 judged all 16 such finds wrong).
        Not a council's business: "the UN Security Council on Syria"."""
        window = text[max(0, start - 120):start]
        owner = next(reversed(list(_BODY_OWNER.finditer(window))), None)  # the nearest
        if owner is None:
            return False
        name = window[owner.end():]
        if not _BODY_NAME.fullmatch(name) or "Security" in name or not _BODY_WORD.search(name):
            return False
        last = name.split()[-1]
        return last != "and" or re.search(r"\s(?:in|for|to|on)\s", name) is not None

    def _bare_west(self, text: str, start: int, end: int, ctx: _Context) -> bool:
        """"West" without its article, as headlines write the bloc: "Turkey tells West", "if West
        fails them", "East-West relations"; not "went West", "Kanye West", "West Ham"."""
        title = ctx.title_at(start)
        nm = _NEXT_WORDS_RE.match(text, end)
        nxt = nm.group(1) if nm and nm.start(1) == end + 1 and text[end] == " " else ""
        if nxt:
            if _is_cap(nxt) and not nxt.isupper() and nxt not in _WEEKDAYS_MONTHS and not (
                    title and (nxt in _FUNCTION_WORDS or _headline_verb(nxt))):
                return False  # "West London", "West Nile virus"
            if nxt.lower() in _WEST_PLACE_NEXT or text.startswith(" of the ", end):
                return False  # "off West coast", "West of the Urals"
        if re.search(r"(?<![\w-])(?:[Pp]ro|[Aa]nti)-$", text[max(0, start - 6):start]):
            return True  # "tilt more pro-West", "anti-West"
        if start > 0 and text[start - 1] in "-–":
            # "East-West relations", "pro-West"; not "North-West", "South-West Africa"
            return bool(nxt) and _WEST_PARTNER.search(text, max(0, start - 8), start - 1) is not None
        pm = _PREV_WORD_RE.search(text, max(0, start - 40), start)
        if not pm:
            return True  # the start of a sentence or a part: "West should learn", "Russia: West is ..."
        word = pm.group(1)
        if _is_cap(word):
            # "Wild West", "Lord West", "Kanye West"; "If West fails", "Moscow Warns West"
            return word in _FUNCTION_WORDS or _headline_verb(word)
        return word.lower() not in _WEST_MOTION  # "went West", "heading West"

    def _prev_ok(self, text: str, start: int, ctx: _Context, title_words: int = 4) -> bool:
        """False when a capitalised word right before makes this someone's surname."""
        if ctx.title_at(start, title_words):
            return True
        m = _PREV_WORD_RE.search(text, max(0, start - 40), start)
        if not m:
            return True
        word = m.group(1)
        if not _is_cap(word) or (word.isupper() and len(word) > 2):
            return True
        if word.endswith(("'s", "’s", "s'", "s’")) or _headline_verb(word):
            return True  # "Obama's Putin", "OSCE Slams Putin"
        if "-" in word and word.rsplit("-", 1)[1].islower():
            return True  # an adjective: "the Soviet-backed Kabul regime"
        if word.endswith(("-", "–")) and word[:-1] in self._entries:
            return True  # a compound of two aliases: "the Lisbon- Salisbury-Pretoria axis"
        if len(word) == 2 and word[1] == ".":
            return False  # a middle initial: "Michael B. Jordan"
        if word.endswith(".") and word not in _TITLE_WORDS and word.count(".") == 1:
            return True  # the end of the sentence before: "... with Israel. Cairo said"
        if word in self._entries and any(e.rule == _FIRSTNAME for e in self._entries[word]):
            return False  # "Chad Brown", "Jordan Henderson": a first name
        if word in _TITLE_WORDS or word in _FUNCTION_WORDS or word in self._state_words:
            return True
        # the first word of the text (or of a sentence inside it) is capitalised anyway
        before = text[: m.start()].rstrip()
        if before.endswith(".") and before.rsplit(None, 1)[-1] in _HONORIFICS:
            return False  # "Ms. Margaret Kenyatta": not a sentence start
        return bool(before) is False or before[-1] in ".!?:;\"“”'‘’(—–-"

    def _leader_name_ends(self, text: str, end: int) -> bool:
        """False when the name goes on with another capitalised name ("Juan Carlos Varela")."""
        m = _NEXT_WORDS_RE.match(text, end)
        if not m or m.start(1) != end + 1 or text[end] != " ":
            return True
        word = m.group(1)
        if (word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "es"))) or _headline_verb(word):
            return True  # a headline verb: "Suu Kyi Asks U.S. ...", "Mubarak Addresses ..."
        if text.startswith(" White House", end) or word in ("Aides", "Aide"):
            return True  # "the Bush White House", "Bush Aides: ..."
        if len(word) >= 7 and word.endswith("ing") and word[0].isupper() and word[1:].islower():
            return True  # a headline's verb: "Obama Mulling Sanctions on Israel"
        return not _is_cap(word) or word.isupper() or word in _STATE_CAPS or word in _WEEKDAYS_MONTHS \
            or word in self._single_aliases or word in _FUNCTION_WORDS or word in _TITLE_WORDS \
            or word.rstrip("'’s") in self._single_aliases

    def _next_ok(self, text: str, end: int, ctx: _Context, leaders: bool = True) -> bool:
        """False when a capitalised word right after makes this a first name ("Chad Smith")."""
        if ctx.title_at(end):
            return True
        m = _NEXT_WORDS_RE.match(text, end)
        if not m or m.start(1) != end + 1 or text[end] != " ":
            return True
        word = m.group(1)
        if not _is_cap(word) or word.isupper() or ("-" in word and word.rsplit("-", 1)[1].islower()):
            return True  # "Tunisias Islamist-led government"
        # "Canadas Harper" is Canada's leader, but "Chad Brown" a person
        return word in _STATE_CAPS or word in _WEEKDAYS_MONTHS or word in (
            self._single_aliases if leaders else self._state_words)

    def _city_ok(self, text: str, start: int, end: int, ctx: _Context, target: str | None = None) -> bool:
        """A capital city names the state unless it names a document, event or place in it."""
        if re.search(r"(?<![\w-])(?:[Pp]ro|[Aa]nti)-$", text[max(0, start - 6):start]):
            return True  # "Pro-Moscow rebels", "anti-Beijing protests": for or against the state
        if _PERSON_TITLE_BEFORE.search(text, max(0, start - 12), start):
            return False  # "in the days of President Washington": the man
        if _POSSESSIVE_MISSION.match(text, end):
            return True  # "Ankara's Consulate asks", "Moscow's embassy said": the state's mission abroad
        if target is not None and self._city_of_own_state(text, start, end, target):
            return False  # "Dublin, Ireland", "Mogadishu (Somalia)", "Guinea-Conakry"
        if text[start:end] == "Washington" and (_US_STATE_BEFORE.search(text, max(0, start - 40), start)
                                                or _US_STATE_AFTER.match(text, end)):
            return False  # "Colorado, Washington": the US state
        m = _NEXT_WORDS_RE.match(text, end)
        if m and (m.start(1) - end) <= 2:
            word = m.group(1)
            if word == "+" or (word.lower() in self._event_words and not _PHRASAL_AFTER_EVENT.match(text, m.end(1))):
                return False  # "the Beijing Rules", but "Beijing Rules Out Open Elections" is a verb
            w1 = word
            for nm in (_NEXT_WORDS_RE.finditer(text, m.end(1), min(len(text), m.end(1) + 40))
                       if text[end] == " " and not ctx.title_at(start) else ()):
                w2 = nm.group(1)
                if not _is_cap(w1) or not _is_cap(w2) or _headline_verb(w1) or _headline_verb(w2):
                    break
                if w2.lower() in self._event_words:
                    return False  # "the Windhoek Constitutional Conference", "the Lusaka Peace Accords"
                w1 = w2
            if (not ctx.title_at(start) and _is_cap(word) and text[end] == " " and word not in _WEEKDAYS_MONTHS
                    and word not in self._single_aliases and word not in _FUNCTION_WORDS
                    and word not in _STATE_CAPS and not _headline_verb(word)):
                return False  # "Moscow Metro", "Tehran Times", "Kyiv Mayor" ("Berlin Takes On" is a verb)
        if end + 1 < len(text) and text[end:end + 2].strip() == "+":
            return False
        if not self._prev_ok(text, start, ctx):
            return False  # "George Washington", "Real Madrid"
        fm = _FROM_TO.search(text, max(0, start - 60), start)
        if fm and fm.group(1) not in self._entries:
            return False  # "From Casablanca to Cotonou" ("from Taipei to Beijing" are two states)
        if fm and not self._capital_locations and any(
                w.lower() in _MOVEMENT_WORDS for w in _PREV_WORDS_RE.findall(text[max(0, fm.start() - 40):fm.start()])[-3:]):
            return False  # "speed from London to Beijing": both ends of a journey
        tm = _TO_PLACE.match(text, end)
        if tm and text[max(0, start - 5):start].lower() == "from " and tm.group(1).rstrip(".") not in self._entries:
            return False  # "run from Tokyo to Nagoya"
        em = _AND_CITY_EVENT.match(text, end)
        if em and em.group(1).lower() in self._event_words:
            return False  # "the Paris and Beirut attacks", "the Oslo and Washington Agreements"
        if not self._capital_locations and target is not None and self._foreign_people_in(text, start, target):
            return False  # "American officials in Teheran", "the decision taken in Ouagadougou by the heads of State"
        if not self._capital_locations and (self._locative(text, start, end)
                                            or self._place_use(text, start, end, ctx)
                                            or self._listed_after_place(text, start, end)
                                            or self._in_venue_list(text, start, end)):
            return False  # "talks in Moscow", "a Nairobi shopping centre": the place, not the state
        # "Treaty of Rome", "University of Washington", "Siege of Sarajevo", "the agreements of Montevideo"
        pm = re.search(r"([^\W\d_][\w'’]*)\s+of\s+$", text[max(0, start - 40):start])
        lm = _OF_LIST_BEFORE.search(text, max(0, start - 80), start)
        return not ((pm and pm.group(1).lower() in self._event_words | _OF_PLACES)
                    or (lm and lm.group(1).lower() in self._event_words))

    def _foreign_people_in(self, text: str, start: int, target: str) -> bool:
        """Another state's people named as being in the capital ("diplomats and other American
        officials in Teheran", "United States diplomatic officials in Havana"): the place where
        they are, not its government."""
        m = _FOREIGN_PEOPLE_IN.search(text, max(0, start - 80), start)
        if m is None:
            return False
        return any(e.target != target and e.kind in ("name", "abbreviation", "demonym")
                   for w in re.findall(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*", m.group(1))
                   for run in _word_runs(w.split()) for e in self._entries.get(run, ()))

    def _city_of_own_state(self, text: str, start: int, end: int, target: str) -> bool:
        """The city placed in its own state ("Dublin, Ireland brought to standstill", "Mogadishu
        (Somalia)"), or its name joined to the state's to tell two states apart ("the Republic
        of Guinea-Conakry"): the city, not a second mention of the state."""
        m = _OWN_STATE_AFTER.match(text, end)
        if m and any(e.target == target and e.kind in ("name", "abbreviation")
                     for e in self._entries.get(m.group(1), ())):
            before = _PREV_WORDS_RE.findall(text[max(0, start - 40):start])[-3:]
            if not any(w.lower() in _GOVERNMENT_PEOPLE for w in before):  # not "the regime in Pyongyang (N.Korea)"
                return True
        if start > 0 and text[start - 1] == "-":
            b = re.search(r"([A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,3})-$", text[max(0, start - 40):start])
            words = b.group(1).split() if b else []
            return any(any(e.target == target and e.kind == "name" for e in self._entries.get(" ".join(words[i:]), ()))
                       for i in range(len(words)))
        return False

    def _route_after(self, text: str, pos: int) -> bool:
        """A journey or a link between two cities: "the Moscow-Havana flight", "the Baku-Tbilisi pipeline"."""
        m = _NEXT_WORDS_RE.match(text, pos)
        return bool(m and (m.group(1).lower() in self._event_words or m.group(1).lower() in _CITY_PHYSICAL
                           or m.group(1).lower() in _ROUTE_WORDS))

    def _place_use(self, text: str, start: int, end: int, ctx: _Context) -> bool:
        """The city named as a place, not as the state acting."""
        before = text[max(0, start - 60):start]
        # a dateline: "London: a man was ...", "Kabul - Embassies targeted", "Madrid, Spain, ...",
        # "... - BERLIN (Reuters) - ..."
        head = before.rstrip(" \"'“‘(")
        if (not head or head[-1] in "-–—|:") and _DATELINE.match(text, end):
            return True
        # "India's capital city New Delhi", "the capital, Tripoli", "the city of Kabul", "Libya's
        # Tripoli", "the London 2012 Olympics", "Helsinki-Vantaa airport"
        hyphened = re.match(r"-\s?([A-Z][a-z]+)", text[end:end + 20])
        if _CITY_BEFORE.search(before) or re.match(r"(?:\s+in)?\s+(?:19|20)\d\d\b|[- ]based\b", text[end:end + 9]) or (
                hyphened and hyphened.group(1).lower() not in _HYPHEN_STATE and (
                    hyphened.group(1) not in self._entries or self._route_after(text, end + hyphened.end()))):
            return True  # ... and "a Tokyo-based journalist" (not "Beijing-Backed Election Plan")
        if not head and ctx.plain[start:end].isupper() and re.match(r" [A-Z][a-z]", ctx.plain[end:end + 3]):
            return True  # "MOSCOW For hundreds of years, ...": a dateline without a dash
        pm = re.search(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?:'s|’s)\s+$", before)
        if pm and any(e.kind in ("name", "abbreviation") for e in self._entries.get(pm.group(1), ())):
            return True
        # "Madrid, Spain", "Baghdad, the capital of Iraq", "Mogadishu, the Somali capital"
        am = _APPOSITION.match(text, end)
        if am and (am.group(1) is not None or any(e.kind == "name" for e in self._entries.get(am.group(2), ()))):
            return True
        words = _PREV_WORDS_RE.findall(before)
        prev = words[-1].lower() if words else ""
        # "a Nairobi shopping centre", "its London embassy": the city as a modifier
        if prev in _ATTRIBUTIVE_DET and not before.endswith(("-", "'", "’")):
            return True
        # "rebels entered Tripoli", "thousands flood Dublin", "march through Rome"
        nm = _NEXT_WORDS_RE.match(text, end)
        if (prev in _PLACE_VERBS or prev in ("through", "outside", "downtown")) and not (
                nm and nm.start() == end and nm.group(1).lower() in _STATE_AFTER_CITY):
            return True  # not "petitioners reaching Beijing officials"
        if _VENUE_AFTER.match(text, end) or (prev in ("to", "in", "at", "into", "from") and _WHERE_AFTER.match(text, end)):
            return True  # "Minsk as a venue", "Ouagadougou will be hosting", "taken to Moscow, where he is held"
        if _AND_OTHER_CITIES.match(text, end):
            return True  # "conferences held in Algeria, Lima, Dakar and other capitals"
        if prev in _TAKE_VERBS and not _TAKE_IDIOM.match(text, end):
            return True  # "take Kiev in two weeks" (not "took Beijing by surprise")
        if prev in ("use", "uses", "used", "using") and re.match(r"\s+as\b", text[end:end + 4]):
            return True  # "use Kuala Lumpur as a transit point"
        if prev == "on" and len(words) >= 2 and words[-2].lower() in _CONVERGE_VERBS | _ASSAULT_ON \
                and text[end:end + 2] not in ("'s", "’s"):
            return True  # "activists descended on Washington", "a nuclear strike on the White House"

        if before.endswith(("the ", "The ")) and (lm := _LONG_EVENT_AFTER.match(text, end)) and not any(
                w.endswith("ed") or w in _NOT_EVENT_MODIFIERS or w in _STATE_AFTER_CITY for w in lm.group(1).split()):
            return True  # "the Moscow partial nuclear test ban treaty", "the Paris climate agreement"
        title = ctx.title_at(start)
        if _CITY_STATE_BODY.match(text, end):
            return True  # "Berlin's state parliament", "Berlin state election": the city-state
        after = text[end:end + 60]
        if after[:2] in ("'s", "’s"):
            # "Moscow's main cathedral", "Rome's Colosseum", "Moscow's Red Square"
            nxt = _NEXT_WORDS_RE.match(after, 2)
            if nxt and not title and _is_cap(nxt.group(1)) and nxt.group(1) not in _STATE_CAPS \
                    and nxt.group(1) not in self._single_aliases and nxt.group(1) not in _FUNCTION_WORDS \
                    and not (nxt.group(1)[:2].isupper() and nxt.group(1).isalpha()) \
                    and nxt.group(1).lower() not in _CAPITAL_POLITICAL_NOUNS:  # no landmark: "Kiev's APCs", "Moscow's Bid"
                return True
            return any(w.lower() in _CITY_PHYSICAL for w in _PREV_WORDS_RE.findall(after[2:40])[:3])
        # "London crowd", "Brussels suicide bombings", "Paris Hostage Situation": a noun after
        # the city makes it a modifier of a place or an event ("Beijing government" is the state)
        qm = _QUOTED_AFTER.match(text, end)
        if qm:
            after = text[qm.end():qm.end() + 60]  # "Madrid 'Euro-pact' protesters"
        for i, wm in enumerate(_NEXT_WORDS_RE.finditer(after)):
            if i == 3 or (i == 0 and wm.start() != 0):
                break
            w = wm.group(1)
            lw = w.lower()
            if lw in _STOP_FOLLOW or lw in _METONYMIC_BEFORE_IN or lw in _STATE_AFTER_CITY:
                break
            if i == 0 and _PHRASAL_AFTER_EVENT.match(after, wm.end(1)):
                break  # "Beijing Rules Out", "Tehran Sets Up": a verb
            if lw in self._event_words or lw in _CITY_PHYSICAL or (i == 0 and lw in _PLACE_PREDICATES) or (
                    lw not in _WEAK_PRIVATE and self._head_kind(w, self._demonym_state) == _H_PRIVATE):
                return True  # "Paris auction", "a Tokyo man", "Seoul activists", "Prague evacuated"
            if (_is_cap(w) and not title) or lw.endswith(("ed", "s")) or lw in _AUX_ADVERBS:
                break  # a verb: "Moscow warned", "Beijing arrests journalists"
        # the city next to city words: "London elects its first Muslim mayor", "Beijing will be
        # one of the first cities to ...", "sister cities with Moscow"
        return bool(_CITY_CUE.search(before[-40:]) or _CITY_CUE.search(after[:50])
                    or _CITY_PREDICATE.match(after)
                    or _CITY_ENVIRONMENT.search(before[-50:]) or _CITY_ENVIRONMENT.search(after[:50]))

    def _person_apposition(self, text: str, end: int) -> bool:
        """'Chad, a 34-year-old nurse from Ohio': a person, not the country."""
        m = _PERSON_APPOSITION.match(text, end)
        if not m:
            return False
        tail = text[end:m.end()].lower()
        if "year-old" in tail:
            return True
        last = re.findall(r"[\w\-]+", tail)[-1]
        return last in self._demonym_private

    @classmethod
    def _listed_after_place(cls, text: str, start: int, end: int) -> bool:
        """The city is a later item of a list whose first item is named as a place: Bonn and
        Brussels in "held in Vienna, Bonn and Brussels". A list joins its items with commas and
        has its one "and"/"or" before the last item, so "talks in Moscow, Washington said" is
        no list and leaves Washington the state; two items with a comma before the "and"
        ("abuses in Xinjiang, and Beijing hit back") are two clauses."""
        first, pos, joins = None, start, []
        while (m := _LIST_ITEM_BEFORE.search(text, max(0, pos - 80), pos)) is not None:
            if _CONJ.search(m.group(2)) and joins:
                break  # a conjunction further back belongs to an earlier list
            joins.append(m.group(2))
            first, pos = (m.start(1), m.end(1)), m.start(1)
        if first is None:
            return False
        if not _CONJ.search(joins[0]):
            pos = end
            while (m := _LIST_ITEM_AFTER.match(text, pos)) is not None:
                joins.append(m.group(1))
                if _CONJ.search(m.group(1)):
                    break
                pos = m.end()
            if m is None:
                return False  # no conjunction: no list
        conj = next(j for j in joins if _CONJ.search(j))
        if "," in conj and len(joins) < 2:
            return False
        words = _PREV_WORDS_RE.findall(text[max(0, first[0] - 30):first[0]])
        return cls._locative(text, *first) or bool(words and words[-1].lower() in _PLACE_VERBS)

    def _in_venue_list(self, text: str, start: int, end: int) -> bool:
        """The capital is one item of a list of places that are not states: "the Conferences of
        Rio, Vienna, Cairo, Copenhagen, Beijing and Istanbul", "protests in Seattle, Washington,
        Prague, Quebec city or Rome". Two items that name no target (one in a list of four)
        make the list one of cities."""
        items: list[str] = []
        pos = start
        while (m := _VENUE_ITEM_BEFORE.search(text, max(0, pos - 60), pos)) is not None:
            items.append(m.group(1))
            pos = m.start(1)
        pos = end
        while (m := _VENUE_ITEM_AFTER.match(text, pos)) is not None:
            items.append(m.group(1))
            pos = m.end()
        if len(items) < 2:
            return False
        firsts = [(it, it.split()[0]) for it in items]
        unknown = sum(1 for it, w in firsts if it not in self._entries and w not in self._entries
                      and w not in _FUNCTION_WORDS and w not in _TITLE_WORDS)
        return unknown >= 2 or (unknown == 1 and len(items) >= 3)

    @staticmethod
    def _seat_as_place(text: str, start: int, end: int) -> bool:
        """A seat of power named as the building: "a riot outside the White House", "dinner at
        the Elysee", "in front of the Kremlin", "could visit White House", "a planned White House
        visit", "a nuclear strike on the White House"; "officials at the White House" and
        "lashed out at the Kremlin" are the government."""
        if _SEAT_VISIT_AFTER.match(text, end):
            return True
        nm = _NEXT_WORDS_RE.match(text, end)
        if nm and nm.start(1) == end + 1 and nm.group(1).lower() in _SEAT_ROOMS:
            return True  # "a Vatican apartment", "the Kremlin walls"
        words = _PREV_WORDS_RE.findall(text[max(0, start - 60):start])
        if words and words[-1].lower() == "the":
            words.pop()
        if not words:
            return False
        prep = words[-1].lower()
        if prep in ("visit", "visits", "visited", "visiting", "tour", "toured", "touring") or (
                prep == "on" and len(words) >= 2 and words[-2].lower() in _ASSAULT_ON) or (
                prep in ("up", "at") and any(w.lower() in _BLOW_UP for w in words[-4:-1])):
            return True  # "Vows To Blow Up The White House", "fire missiles at White House"
        if prep in _SEAT_OUTSIDE or (prep == "of" and len(words) >= 2 and words[-2].lower() in ("front", "gates", "steps", "room", "rooms", "hall", "halls",
                                                                                           "lawn", "grounds", "walls")):
            return True
        if prep == "in" and any(w.lower() in _MEETING_WORDS or w.lower() in _TALK_NOUNS for w in words[-8:-1]):
            return True  # "meeting with President Bush in the White House", "a conversation we had in Downing Street"
        if text[start:end] == "Oval Office" and prep in ("in", "from", "at", "into", "of", "outside"):
            return True  # a room: "a picture in the Oval Office", "across the hall from the Oval Office"
        if re.search(r"[A-Za-z]\s+(?:the\s+)?$", text[max(0, start - 30):start]) and (  # no punctuation between
                prep in _SEAT_ENTERED or (prep == "on" and len(words) >= 2 and words[-2].lower() in _CONVERGE_VERBS)) \
                and text[end:end + 1] != "-":
            return True  # "since he entered Downing Street", "protesters to descend on Downing Street"
        if prep != "at":
            return False
        return not any(w.lower() in _AT_TARGET or w.lower() in _METONYMIC_BEFORE_IN or w.lower() in _SEAT_PEOPLE
                       for w in words[-4:-1])

    @staticmethod
    def _locative(text: str, start: int, end: int) -> bool:
        """The city is named as a place: "in Moscow", "a visit to Beijing", "arrived from Kyiv"."""
        if (text[end:end + 2] in ("'s", "’s") and not text[end + 2:end + 3].isalnum()) or (
                text[end - 1] == "s" and text[end:end + 1] in ("'", "’")):
            # "Moscow's position" is the state; "London's financial district" the city
            after = _PREV_WORDS_RE.findall(text[end + 2:end + 40])[:2]
            return any(w.lower() in _PLACE_NOUNS or w.lower() in _CITY_THINGS for w in after)
        words = _PREV_WORDS_RE.findall(text[max(0, start - 60):start])
        if not words:
            return False
        prep = words[-1].lower()
        if prep in ("both", "either") and len(words) >= 2 and (words[-2].lower() in _MOVEMENT_WORDS or (
                words[-2].lower() == "to" and any(w.lower() in _MOVEMENT_WORDS for w in words[-5:-2]))):
            return True  # "visited both Cairo and Tel Aviv", "his trip to both Tehran and Baghdad"
        if prep in ("in", "at", "from") and _BY_HEADS_AFTER.match(text, end):
            return True  # "the appeal made from Harare by the 101 Heads of State": a summit's venue
        if prep in _CITY_PARTS:
            return True  # "in west Beijing", "downtown Kyiv"
        if prep == "at":
            # "held at Geneva", "agreed at Stockholm", "the Office at Vienna" name the place;
            # "took aim at Washington", "lashed out at Beijing", "the Government at Dublin" the state
            return not any(w.lower() in _AT_TARGET for w in words[-4:-1]) and not (
                len(words) >= 2 and words[-2].lower() in _GOVERNMENT_AT and not _heads_of(words))
        if prep in _LOCATIVE_PREPS:
            # "decisions taken in Washington", "officials in Moscow": the government
            if not (len(words) >= 2 and words[-2].lower() in _METONYMIC_BEFORE_IN) and not (
                    len(words) >= 3 and words[-2].lower() in _TAKEN and words[-3].lower() in _METONYMIC_BEFORE_IN):
                return True
            if _heads_of(words) or _BY_HEADS_AFTER.match(text, end):
                return True  # "the Assembly of Heads of State and Government in Monrovia": a summit's venue
            # ... unless they meet there: "to meet with activists and officials in Dublin"
            return any(w.lower() in _MEETING_WORDS for w in _PREV_WORDS_RE.findall(text[max(0, start - 120):start]))
        if prep == "to" and len(words) >= 2 and words[-2].lower() in _BOUND_TO:
            return False  # "troops loyal to Moscow"
        if prep == "for" and len(words) >= 2 and words[-2].lower() == "bound":
            return True  # "a Boeing 777 bound for Paris" (not "ties that bound Tananarive to ...")
        if prep == "to" and len(words) >= 2 and words[-2].lower() == "been":
            return True  # "The Secretary-General has been to Tehran and Baghdad"
        if prep == "to" and any(w.lower() in _VISIT_NOUNS
                                for w in _PREV_WORDS_RE.findall(text[max(0, start - 120):start])[-14:-1]) and not any(
                w.lower() in _STATE_VERBS_TO for w in words[-3:-1]):
            return True  # "the visit of the delegation of the Party to Hanoi", "the visit he plans to make to Peking"
        if prep in ("to", "from", "for", "into", "via", "towards", "toward", "over", "between", "on"):
            # "A Letter From London", "so remote from Paris", "driving between Mexico City and ...": the
            # place, as is a mission's destination ("the Council's mission to Jakarta and Dili"; not
            # "trade missions from Peking", the state's)
            return any(w.lower() in _MOVEMENT_WORDS for w in words[-5:-1]) or (
                prep == "between" and any(w.lower() in _ROADS for w in words[-3:-1])) or (
                prep in ("from", "to") and any(w.lower() in _FROM_PLACE for w in words[-3:-1])) or (
                prep == "to" and any(w.lower() in ("mission", "missions") for w in words[-5:-1]))
        if prep == "of" and len(words) >= 2:
            # "the streets of Tbilisi", "smuggled out of Beirut"
            return words[-2].lower() in _PLACE_NOUNS or words[-2].lower() in ("out", "destruction", "tragedy",
                                                                             "devastation", "bombardment", "shelling",
                                                                             "reconstruction", "rebuilding")
        return False

    def _head_kind(self, w: str, state: frozenset[str], morph: bool = True) -> int:
        """What a word after a demonym makes of it: _H_STATE, _H_MOD (a state modifier such
        as "military"), _H_PRIVATE, _H_STRONG (opposition, exiled) or _H_UNKNOWN."""
        lw = w.lower()
        for suffix in ("'s", "’s", "'", "’"):
            if lw.endswith(suffix):
                lw = lw[: -len(suffix)]
                break
        if lw in _STRONG_PRIVATE:
            return _H_STRONG
        forms = [lw]
        if "-" in lw:
            prefix, _, rest = lw.rpartition("-")
            if prefix in ("ex", "former"):
                return _H_PRIVATE  # "an Iranian ex-diplomat": no longer the state's
            if prefix in ("anti", "pro", "non"):
                return _H_UNKNOWN  # "Iranian anti-government protests": the noun after decides
            forms.append(rest)  # "narco-traffickers", "oil-producing"
        for f in list(forms):
            if f.endswith("ies"):
                forms.append(f[:-3] + "y")  # ministries
            elif f.endswith("es"):
                forms += [f[:-1], f[:-2]]
            elif f.endswith("s") and not f.endswith("ss"):
                forms.append(f[:-1])
        private = self._demonym_private
        for f in forms:
            if f in state:
                return _H_MOD if f in self._demonym_modifiers else _H_STATE
            if f in private:
                return _H_PRIVATE
        # an unknown noun for a person: "settler", "cleric", "activist", "gunman"
        if morph and lw.isalpha() and len(lw) >= 5 and lw not in _NOT_PERSON and (
                lw.endswith(_PERSON_ENDINGS) or (len(lw) >= 6 and lw.endswith(("er", "ers")))):
            return _H_PRIVATE
        return _H_UNKNOWN

    def _people_of_other_state(self, text: str, pos: int, target: str | None) -> bool:
        """A community living in another state: "the Indian peoples of South Africa", "the
        Turkish minority in Bulgaria" (the nation itself is "the Indian people")."""
        m = _PEOPLE_OF.match(text, pos)
        if not m:
            return False
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            entries = self._entries.get(" ".join(words[:n]).rstrip("."))
            if entries:
                return any(e.kind == "name" and e.target != target for e in entries)
        return False

    def _demonym_ok(self, text: str, start: int, end: int, ctx: _Context, state_default: bool,
                    heads: frozenset[str] | None = None, target: str | None = None) -> bool:
        """Does this demonym refer to the state ("Russian forces") or not ("a Russian scientist")?"""
        state = heads if heads is not None else self._demonym_state
        word = text[start:end]
        before = text[max(0, start - 40):start]
        low_before = before.lower()
        if low_before.endswith(("pro-", "anti-")):
            return True
        if low_before.rstrip().endswith("inter-"):
            return False  # "inter-Korean", "inter-American": between peoples or states, not one
        hm = re.search(r"([^\W\d_][\w'’]*)-\s?$", before)  # "Israeli- Palestinian": a line break's hyphen
        if hm and hm.group(1) in self._entries and _RELATION_AFTER.match(text, end):
            return True  # the second state of "the Russian-Ukrainian crisis"
        title = ctx.title_at(start)
        pos = end
        # hyphen compounds: "Russian-backed" (state), "Russian-speaking" (not)
        if pos < len(text) and text[pos] == "-":
            m = re.match(r"-\s?([^\W\d_][\w'’]*)", text[pos:])
            if m:
                suffix = m.group(1).lower()
                if suffix in _HYPHEN_STATE:
                    return True
                if m.group(1) in self._entries and _RELATION_AFTER.match(text, pos + m.end()):
                    return True  # "the Russian-Ukrainian crisis", "Sino-Soviet talks": between two states
                if suffix in _HYPHEN_PRIVATE:
                    return False  # "Iranian-American journalist" ("Soviet-American talks" returned above)
                pos += m.end()  # "Russian-Ukrainian war": judge by what follows
        # coordination: "Chinese and Russian officials", "Syrian, Lebanese and Palestinian
        # citizens" -> judge by the shared head
        for _ in range(4):
            cm = _COORD_RE.match(text, pos)
            if not cm:
                break
            if cm.group(1) in self._entries:  # "Sudanese and South Sudanese officials"
                pos = cm.end(1)
            elif cm.group(2) in self._single_aliases or cm.group(2) == "Arab":
                pos = cm.end(2)  # ... "occupied Palestinian and Arab territories"
            else:
                break
        prev_words = _PREV_WORDS_RE.findall(before)
        prev_word = prev_words[-1].lower() if prev_words else ""
        # the word right before, with nothing between ("Official: 100,000 Ukrainians" has none)
        adjacent_word = prev_word if prev_word and low_before.rstrip().endswith(prev_word) else ""
        if prev_word in _STATE_OWNED_BEFORE:
            return True  # "State-owned Russian media"
        if adjacent_word == "private":
            return False  # "private Palestinian land", "Private American donors"
        if prev_word in ("our", "my") and heads is None and _KIN_AFTER.match(text, pos):
            # (not "our Western neighbours", to the west of the speaker)
            return True  # a speaker's "our Libyan brothers", "my Greek colleague": the nation, its minister
        if _PRISONERS_OF_WAR.match(text, pos):
            return True  # "Armenian prisoners of war": the state's soldiers
        if adjacent_word == "official" and not re.match(r"\s+(?:language|languages|name|spelling)\b", text[end:end + 12]):
            return True  # "an official Chinese newspaper", "official American figures"
        federal = target in _FEDERATIONS
        if federal and prev_word in _DIRECTIONS:
            return False  # "a southern Indian state", "eastern German towns": a region
        # a plural noun ("Russians", "the Americans") takes no head noun
        plural = word.endswith("s") and word not in _INVARIANT_S
        if self._people_of_other_state(text, pos, target):
            return False  # "the coloured and Indian peoples of South Africa"
        words = self._head_words(text, pos, plural)
        decision = self._head_decision(words, state, title, federal, prev_word)
        if decision is not None:
            return decision
        # no known head noun
        if prev_word in ("a", "an", "one"):
            return False  # a person or a thing: "a Russian", "an Icelandic volcano"
        if heads is not None:
            return False
        if prev_word == "of" and len(prev_words) >= 2 and \
                self._head_kind(prev_words[-2], state) == _H_PRIVATE:
            return False  # "a man of Somali origin", "families of Iraqi descent"
        if prev_word in _QUANTIFIERS or (plural and re.search(r"(?:\d|\b(?:in|of|out of)\s+(?:ten|\w+ty|a hundred))\s+$", low_before)) or re.search(
                r"(?:%|\bper ?cent|\d|\b(?:dozens|hundreds|thousands|millions|scores|tens|groups?))\s+of\s+$", low_before):
            return False  # "many Chinese", "73% of Japanese say": people
        if re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[end:end + 10]) and (plural or word.endswith(_INVARIANT_ENDINGS)):
            return False  # "the Congolese of Masisi": people of a region
        if plural:
            if prev_word == "as" and re.match(r",\s+(?:we|our|I)\b", text[end:end + 6]):
                return True  # "As Italians, we ...": the speaker's nation
            # "the Russians" (the state acting) vs "Russians" (people); "the Arabs and Israelis";
            # a bare plural that speaks for the nation: "Saudis admit", "Indians claim"
            return prev_word in ("the", "we", "us") or _THE_PLURAL_AND.search(low_before) is not None \
                or _NATION_SPEAKS.match(text, end) is not None \
                or self._two_sides(text, start, end)  # ... and a speaker's "we Afghans"
        if word in _LANGUAGES and self._language_use(text, start, end, before):
            return False
        if prev_word in _COPULA:
            return False  # "he is Russian"
        if prev_words and not title and prev_words[-1][-1:] in "s'’" and before[-1:].isspace():
            pw = prev_words[-1].rstrip("'’")
            pw = pw[:-2] if pw.endswith(("'s", "’s")) else pw[:-1]
            if pw in self._entries and pw != word:
                return False  # "Ukraine's Russian minority", "Crimea, Ukraines Russian bastion"
        if not words or (words[0].endswith("ed") and words[0].lower() not in state) \
                or words[0].lower() in _COMMON_VERBS:
            # a noun use: "sold to the Chinese" (the state) vs "the Libyan convicted" (a person);
            # a headline's source at its end: "Russia made missile that downed MH17: Dutch"
            return word.endswith(_INVARIANT_ENDINGS) and (prev_word == "the" or (
                not words and before.rstrip().endswith(":") and not text[end:].strip(" .!'\"’”")))
        return state_default  # an unknown head noun: "Russian gas", "Chinese investment"

    def _two_sides(self, text: str, start: int, end: int) -> bool:
        """Two peoples as the sides of a conflict or a settlement: "talks between Israelis and
        Palestinians", "allows both Palestinians and Israelis to live side by side" (not "a brawl
        between Afghans and Syrians at a refugee camp")."""
        m = _SIDES_FIRST.search(text, max(0, start - 30), start)
        if m is None and _SIDES_BEFORE.search(text, max(0, start - 12), start):
            m = _SIDES_SECOND.match(text, end)
        if m is None or not any(e.kind == "demonym" for e in self._entries.get(m.group(1), ())):
            return False
        return _SIDES_CONTEXT.search(text, max(0, start - 120), min(len(text), end + 120)) is not None

    @staticmethod
    def _head_words(text: str, pos: int, plural: bool) -> list[str]:
        """Up to four words after a demonym (or a name) at ``pos``, up to a function word."""
        words: list[str] = []
        if plural:
            return words
        last_end = 0
        for m in _NEXT_WORDS_RE.finditer(text[pos:pos + 80]):
            if m.start() != last_end:
                break
            w = m.group(1)
            if w == "+":
                break
            gap = m.group(0)[:m.start(1) - m.start()]
            if words and _is_cap(w) and gap.strip() in ("-", "–") and gap[0] == " " and gap[-1] == " ":
                break  # "Swedish extradition - WikiLeaks founder ...": a new part of a headline
            last_end = m.end()
            lw = w.lower().rstrip("'’")
            if lw.endswith(("'s", "’s")):
                lw = lw[:-2]
            if lw in _STOP_FOLLOW:
                break
            words.append(w)
            if len(words) == 4:
                break
        return words

    def _head_decision(self, words: list[str], state: frozenset[str], title: bool, federal: bool,
                       prev_word: str, name: bool = False) -> bool | None:
        """What the words after a demonym make of it: True (the state's: "Russian forces"),
        False (private: "a Russian scientist") or None (no known head noun). ``name``: judging
        a name ("US aid worker"), where only a private head counts."""
        decision: bool | None = None
        last_mod = ""
        for i, w in enumerate(words):
            lw = w.lower()
            if w in ("Arab", "Arabs") and i + 1 < len(words):
                continue  # "the Palestinian Arab people": judged by the noun after
            if _is_cap(w) and not title and w not in self._single_aliases and not w.isupper():
                if w in _WEEKDAYS_MONTHS or name or (w in _FUNCTION_WORDS and prev_word == "the"):
                    break  # "Why Are The French So Determined ...": a short headline, not a name
                # a capitalised name follows: a proper name ("Russian Orthodox", "Swedish
                # Pirate Party") unless a state body ends it ("Israeli Foreign Minister X",
                # "Canadian Mint"); a party's name is the party's ("Chinese Communist Party")
                run = [w]
                for x in words[i + 1:]:
                    if not _is_cap(x):
                        break
                    run.append(x)
                if any(re.sub(r"(?:['’]?s|['’])$", "", x) == "Party" for x in run):
                    return False
                for x in run:
                    if x.lower() in _OFFICE_TITLES:
                        return True  # an office and then its holder: "Australian Treasurer Joe Hockey"
                if re.match(r"(?:Central|National|Reserve) Bank\b", " ".join(run)):
                    return True  # "the Swiss National Bank": the central bank (a private bank is not)
                known = [k for k in (self._head_kind(x, state, morph=False) for x in run) if k != _H_UNKNOWN]
                if known:
                    return known[-1] in (_H_STATE, _H_MOD) or self._state_vessel(run)
                after = words[i + len(run)] if i + len(run) < len(words) else ""
                if len(run) == 1 and w not in _GROUP_WORDS and not w.endswith(("ish", "ian", "ese")) and after \
                        and not _is_cap(after):
                    # an organ's or a weapon's name, then the head: "Israeli Mossad agents", "Iranian
                    # Phantom jet"; not a people's or a movement's ("Bosnian Serb forces", "Afghan Taliban")
                    after_kind = self._head_kind(after, state)
                    if after_kind in (_H_STATE, _H_PRIVATE):
                        return after_kind == _H_STATE
                return bool(decision)
            kind = self._head_kind(w, state)
            if kind == _H_STRONG:
                return False
            if kind == _H_MOD:
                decision = True
                last_mod = lw
                if lw in ("state", "states") and federal and self._sub_national(words, i, prev_word):
                    return False  # "Australian state government", "a German state"
                continue  # "nuclear", "state", "military": the head may follow
            if kind in (_H_STATE, _H_PRIVATE):
                if lw.startswith("state") and federal and self._sub_national(words, i, prev_word):
                    return False
                # the head comes last: "German weapons company", "a Chinese survey ship"
                j = i
                while j + 1 < len(words) and (title or not _is_cap(words[j + 1])):
                    if kind == _H_STATE and _plural_agent(words[j]):
                        break  # a plural head and then a verb: "Russian forces storm the base"
                    if kind == _H_STATE and words[j].lower() in _LEADER_TITLES and words[j + 1][-1:] == "s":
                        break  # a leader's title and then a verb: "Turkish PM storms off"
                    if kind == _H_STATE and j + 2 == len(words) < 4 and not words[j].lower().endswith("s") \
                            and words[j + 1].endswith("s") and not words[j + 1].endswith(("ss", "us", "is")):
                        break  # a singular head and a verb before "the": "the Togolese delegation shares the"
                    nxt = words[j + 1].lower().rstrip("'’")
                    k = self._head_kind(words[j + 1], state, morph=False)
                    if k == _H_PRIVATE and nxt in _WEAK_PRIVATE and words[j].lower() not in _CHARITY_WORDS:
                        break  # "embassy staff" are the state's; "aid workers" are not
                    if k == _H_UNKNOWN or (kind == _H_PRIVATE != k and nxt not in _OFFICE_HEADS):
                        break  # a verb ("a Russian scientist won", "settlers attack"); not "food minister"
                    kind = k
                    j += 1
                if kind == _H_STRONG:
                    return False
                if name and kind == _H_PRIVATE and last_mod:
                    return None  # "Iraq war veterans": the name is the war's
                if kind == _H_PRIVATE and self._state_vessel(words[:j + 1]):
                    return True
                # "state media", "state-owned company": the state's after all; not a firm that
                # works for it ("German security firm", "Japanese defense contractors")
                return kind != _H_PRIVATE or (last_mod in _STATE_OWNED and (
                    last_mod.startswith(("state", "government")) or words[j].lower() not in _FIRM_HEADS))
            if decision is not None:
                break  # a state modifier and then a verb: "the Chinese military said"
            # an unknown lower-case word (an adjective?): keep looking for the head
        return decision

    @staticmethod
    def _state_vessel(words: list[str]) -> bool:
        """The words name a ship or boat doing a state's job: "patrol boat", "Missile Boats Off"."""
        lows = [w.lower() for w in words]
        return any(w in _VESSEL_HEADS and any(u in _STATE_VESSEL_USES for u in lows[:i])
                   for i, w in enumerate(lows))

    def _sub_national(self, words: list[str], i: int, prev_word: str) -> bool:
        """'state' after a federation's demonym names one of its states: "the Australian state
        government", "a German state", "Indian states"."""
        if words[i].lower() == "states" or prev_word in ("a", "an", "one", "every", "each", "several"):
            return True
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        return nxt in _SUBNATIONAL_NEXT

    def _language_use(self, text: str, start: int, end: int, before: str) -> bool:
        """'in Russian', 'into Chinese, Japanese and Korean', 'Portuguese is spoken', 'switching to German'."""
        if _TERRITORY_AFTER.match(text, end):
            return False  # "found in French city of Rennes", "in German waters": the state's territory
        after = text[end:end + 30].lower()
        if re.match(r"\s+(?:is|are|was|were)\s+(?:spoken|written|taught|understood|used|read)\b", after):
            return True
        if re.match(r"\s+(?:speakers|speaking|translation|translations|version|text|subtitles)\b", after):
            return True
        # walk back over a list of language names: "Chinese, Japanese and Korean"
        words = _PREV_WORD_LIST_RE.findall(before)
        i = len(words) - 1
        while i >= 1 and words[i].lower() in ("and", "or", ",", "to", "from") and _is_cap(words[i - 1]):
            if words[i].lower() in ("to",) and i >= 2 and words[i - 2].lower() == "from":
                return True  # "from Russian to Kazakh"
            i -= 2
        if i < 0:
            return False
        w = words[i].lower()
        if w in _LANG_PREV:
            return True
        return w == "to" and any(x.lower() in ("switch", "switched", "switching", "switches", "translated",
                                               "translate", "translating", "dubbed") for x in words[max(0, i - 4):i])

    @staticmethod
    def _whole_korea(text: str, start: int, end: int, rng: tuple[int, int] | None) -> bool:
        """Bare "Korea"/"Korean" for the whole peninsula rather than the Republic of Korea:
        before both Koreas joined the UN (the "Korean question" of the UN debates), or in a
        phrase about the whole ("the reunification of Korea", "Japan's occupation of Korea",
        "a united Korea", "the Korean nation")."""
        if rng is not None and rng[1] < _KOREAS_IN_UN:
            return True
        if _WHOLE_KOREA_BEFORE.search(text, max(0, start - 40), start):
            return True
        return bool(_WHOLE_KOREA_AFTER.match(text, end))

    def _congo(self, text: str, rng: tuple[int, int] | None) -> str:
        roc = "Republic of the Congo"
        drc = "Democratic Republic of the Congo"
        if "Brazzaville" in text or "Sassou" in text:
            return roc
        if "Kinshasa" in text or "DRC" in text or "Democratic Republic" in text:
            return drc
        # Zaire (1971-1997): a bare "Congo" then meant the Republic of the Congo
        if rng is not None and _ZAIRE[0] <= rng[0] and rng[1] <= _ZAIRE[1]:
            return roc
        return drc

    def _georgia(self, text: str, start: int, end: int) -> str | None:
        window = text[max(0, start - 300):end + 300]
        us = any(c in window for c in self._georgia_us)
        country = any(c in window for c in self._georgia_country)
        if us and not country:
            return None
        return "Georgia"


_PREV_WORDS_RE = re.compile(r"[^\W\d_][\w'’\-]*")
_PLAIN_WORD = re.compile(r"[^\W\d_][\w'’]*")
# "Brisbane, AU" (a city, then the country code), where "AU" ends the phrase
_CITY_COMMA = re.compile(r"(?<![\w'’])([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?),\s$")
_CODE_END = re.compile(r"\s*(?:[(),.;:!?]|[-–—]\s|$)")
# what "West" without its article is not: a direction or a place
_WEST_MOTION = frozenset(
    """went go goes going gone moved move moves moving headed heading head heads travel travels travelled
    traveled travelling traveling drove drive driving flew fly flying sailed sail march marched marching
    migrated migrate fled flee further farther out back due far north south east up down look looks looked
    looking turn turns turned turning facing face faces pointing points drift drifted lean leans leaned
    wild""".split()  # noqa: SIM905
)
_WEST_PARTNER = re.compile(r"(?<![\w-])(?:East|pro|anti|Pro|Anti)$")
_WEST_PLACE_NEXT = frozenset(
    """coast coastal coastline side end wing bank border borders flank direction wind winds bound facing
    africa midlands""".split()  # noqa: SIM905
)
# titles of a head of state or government (a leader named with one, next to the state)
# (not "Queen": a queen named so is usually a king's consort, and queens regnant are listed)
_HEAD_TITLES = (r"(?:President|Prime\s+Minister|Premier|Chancellor|King|Emir|Amir|Sultan|Emperor"
                r"|Supreme\s+Leader|Grand\s+Duke|Head\s+of\s+State)")
_HEAD_TITLES_ANY = _HEAD_TITLES[:-1] + r"|PM|president|prime\s+minister|premier|chancellor)"
_HEAD_TITLE = re.compile(_HEAD_TITLES_ANY)
_TITLE_OF = re.compile(r"(?<![\w-])" + _HEAD_TITLES + r"\s+of\s+(?:the\s+)?$")
_NOT_SERVING = re.compile(
    r"(?:\b(?:former|Former|ex|Ex|late|Late|then|deposed|ousted|exiled|slain|assassinated|murdered|future|next"
    r"|would-be|incoming|Vice|vice|Deputy|deputy|Crown|crown|First|first|Queen|Ousted|Deposed|Exiled|Slain"
    r"|Murdered|Assassinated|Then|Future|Incoming|Outgoing|outgoing)[\s-]*|-)$"
)
_VENUE_ITEM = r"([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|city))?)"
_VENUE_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
_VENUE_ITEM_BEFORE = re.compile(_VENUE_ITEM + _VENUE_SEP + r"$")
_VENUE_ITEM_AFTER = re.compile(_VENUE_SEP + _VENUE_ITEM + r"(?![\w'’])")
_CURRENCY_AFTER = re.compile(r"\s+(?:dollars?|pesos?|rupees?|francs?|shillings?|dinars?|riyals?|rials?|roubles?"
                             r"|rubles?|kroner|kronor|krona|krone|yuan|yen|lira|liras|rand|naira|cedis?|kwacha)\b")
_AMOUNT_BEFORE = re.compile(r"(?:\d|\b(?:million|billion|thousand|hundred|trillion))\s+$", re.I)
# a name joined to the word before it ("Iran-Iraq war", "Israeli- Palestinian conflict" across a line
# break, "US/Iraq war"): a war between the two, not one named after the state
_JOINED_BEFORE = re.compile(r"[-/]\s?$")
_HYPHENED_WORD = re.compile(r"([^\W\d_]+)-\s?$")  # "Iran-Iraq war", "Israeli- Palestinian conflict"
# "then Polish PM ", "former Prime Minister ", "the late President " right before a leader's name
_FORMER_TITLE = re.compile(
    r"\b(?:former|Former|ex|Ex|then|Then|late|Late|deposed|ousted|exiled)[\s-]+"
    r"(?:[A-Z][\w'’.-]*\s+)?" + _HEAD_TITLES_ANY + r"\s+$"
)
# "since then", "by then": "then" as an adverb before a title ("Since then President X ...")
_THEN_ADVERB = re.compile(r"\b(?:[Ss]ince|[Uu]ntil|[Bb]y|[Aa]nd|[Bb]ut|[Ee]ven|[Oo]nly)\s+$")
_AFTER_COUNTRY = re.compile(
    r"\s*,\s*(?:(?:His|Her)\s+(?:Excellency|Majesty|Royal\s+Highness|Highness|Serene\s+Highness)\s*,?\s*)?"
    r"|\s+(?=(?:His|Her)\s+(?:Excellency|Majesty|Royal\s+Highness|Highness)\b)"
)
_TITLE_NAME_OF = re.compile(
    r"(?<![\w-])" + _HEAD_TITLES + r"(\s+)(?:[A-Z][\w'’.-]*\s+(?:(?:de|da|do|dos|del|van|von|bin|ibn|al|el)\s+)?){1,4}"
    r"of\s+(?:the\s+)?$"
)
_POSS_TITLE = re.compile(r"(?:'s|’s)\s+" + _HEAD_TITLES_ANY + r"\s+")
_DEMONYM_TITLE = re.compile(r"\s+" + _HEAD_TITLES_ANY + r"\s+")
_NAME_TOKEN = re.compile(r"[ \t]*([^\s,;:()\"“”!?]+)")
_ES_VERBS = frozenset(
    """faces praises urges accuses blames pledges announces refuses dismisses takes makes gives loses names
    welcomes promises denies agrees rules raises slams charges closes chooses opposes proposes addresses
    pushes reaches launches wishes vows nominates celebrates arrives dies sues hopes escapes resumes
    """.split()  # noqa: SIM905
)


_AGENT_PLURALS = frozenset(
    """forces troops officials authorities soldiers diplomats leaders ministers lawmakers negotiators warplanes
    jets prosecutors regulators investigators officers commanders generals envoys militaries navies""".split()  # noqa: SIM905
)


def _plural_agent(word: str) -> bool:
    """"forces", "officials": plural agents are heads, not modifiers ("weapons company" is a
    compound, "forces storm" a subject and its verb)."""
    return word.lower().rstrip("'’") in _AGENT_PLURALS


def _headline_verb(word: str) -> bool:
    """A capitalised headline verb ("Resigns", "Says", "Faces"), not a name ("Morales", "Santos")."""
    lw = word.lower()
    if not lw.endswith("s") or lw.endswith(("ss", "us", "is", "os", "as")):
        return False
    return not lw.endswith("es") or lw in _ES_VERBS


_ARABIC_ARTICLE = re.compile(r"(?:(?:al|el|ad|as|ash|an|ar|at|az|bin|ibn)-|d['’])[A-Z]")
_INITIAL = re.compile(r"(?:[A-Z]\.)+|Jr\.|Sr\.")
_HONORIFICS = frozenset(
    """Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. General Gen. Colonel Col. Lieutenant Lt. Major Maj. Field Marshal Brigadier
    Admiral Sheikh Shaikh Sheik Chief Alhaji Alhadji Hadj Professor Prof. Sir Dame Lord Lady Excellency His Her
    Majesty Highness Royal Serene King Queen Sultan Emir Amir Prince Princess Mwalimu Comrade Ayatollah Captain
    Commander Doctor Monsieur Madame Senhor Señor Don Dona Excellency,""".split()  # noqa: SIM905
)
_HEAD_TITLE_FORMS = ("President", "Prime Minister", "Premier", "Chancellor", "PM")
_PLACE_PREPOSITIONS = frozenset(["in", "at", "from", "to", "near", "into", "across", "outside", "inside"])
_NAME_PARTICLES = frozenset(["de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "bin",
                             "ibn", "ben", "al", "el", "la", "le", "y", "e", "al-", "el-"])
_CONTINENTS = re.compile(r"\b(?:Asia|Africa|Europe|Oceania|Australasia)\b(?!n)")
# state names that are also first names or words: "Xs" before a capitalised word is a
# possessive only when that word is a state's ("Jordans King"), not "Frances Smith"
_NAME_LIKE_STATES = frozenset(
    ["Chad", "Jordan", "Georgia", "Israel", "India", "Kenya", "France", "China", "Turkey", "Guinea", "Chile",
     "Niger", "Mali", "Oman", "Cuba", "Peru", "Samoa", "Tonga", "Malta", "Panama", "Jamaica", "Holland",
     "America", "Dominica", "Grenada"])
_PEOPLE_OF = re.compile(r"\s+(?:peoples?|populations?|communit(?:y|ies)|minorit(?:y|ies)|diaspora|settlers)\s+"
                        r"(?:of|in|living in)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
_PLURAL_BEFORE = frozenset(["the", "two", "both", "three", "all", "these", "those", "other"])
# "the Socialist Republic of" + a name: the formal name is one span ("Republic of Zambia",
# "Islamic State of Afghanistan", "Union of Myanmar")
_FORMAL_PREFIX = re.compile(
    r"(?<![\w'’])((?:(?:Federal|Democratic|People's|People’s|Islamic|Socialist|United|Arab|Plurinational|Bolivarian"
    r"|Co-operative|Cooperative|Independent|Hashemite|Oriental|Federative|Federated|Great|Popular|Revolutionary"
    r"|Grand|Transitional|Sovereign)\s+)*(?:Republic|Kingdom|State|Commonwealth|Principality|Duchy|Sultanate|Union"
    r"|Emirate|Federation|Confederation|Empire|Dominion)\s+of\s+(?:the\s+)?)$"
)
_FORMAL_HEADS = ("Republic ", "Kingdom ", "State ", "Commonwealth ", "Principality ", "Union ", "Federation ",
                 "Sultanate ", "Emirate ")
_FORMAL_ADJ_BEFORE = re.compile(
    r"(?<![\w'’])((?:(?:Federal|Democratic|People's|People’s|Islamic|Socialist|United|Arab|Plurinational|Bolivarian"
    r"|Co-operative|Cooperative|Independent|Hashemite|Oriental|Federative|Federated|Great|Popular|Revolutionary"
    r"|Grand|Transitional|Sovereign)\s+)+)$"
)
# a state name as the first word of a party's, a movement's or a paper's name ("Palestine
# Liberation Organization", "Kosovo Liberation Army", "Pakistan Muslim League", "Iraq Inquiry",
# "Sweden Democrats", "China Daily")
_ORG_AFTER = re.compile(
    r" (?:(?:People's |People’s |Peoples )?(Liberation)\b|(?:[A-Z][\w'’]*\s){0,2}?(?:Party|Movement|Front|League"
    r"|Organi[sz]ation|Inquiry|Democrats|Times|Herald|Gazette|Tribune|Chronicle|Daily|Journal|Institute|Taliban"
    r"|Industries|Project|Programme|Tribunals?|Society|Foundation|Declarations?|Mandate|Conference|Agenda|Accords?"
    r"|Protocol|Charter|Consensus|Compact|Strategy)\b)"
)
# ... or its last ("People's Democratic Party of Afghanistan", "Front for the Liberation of
# Mozambique", "Times of India"), a ruling communist party's too ("Communist Party of China": every
# blind review marked it wrong as the state, 7 of 7 in reviews 4-9)
# a named committee, conference, pact or company about a state ("the International Conference
# on Kampuchea", "Radio Corp of America"): capitalised words, the body, then the state
_NAMED_BODY_ON = re.compile(
    r"(?<![\w'’-])(?:(?!The\s)[A-Z][\w'’-]*\s+){1,5}(?:Committee|Conference|Compact|Corp\.?|Corporation|Mechanism|Fund"
    r"|Initiative|Forum|Symposium)\s+(?:on|for|with|of|in)\s+(?:the\s+)?$")
# an international body's name before a state ("United Nations Operation in Somalia")
_BODY_OWNER = re.compile(r"(?<![\w.])(?:United Nations|UN|U\.N\.|European Union|EU|African Union|AU)(?![\w.])")
_BODY_NAME = re.compile(r"(?:\s+(?:[A-Z][\w'’-]*|of|and|for|on|the|in|to))*\s+(?:in|for|on|to|of|and)\s+(?:the\s+)?")
_BODY_WORD = re.compile(r"\b(?:Missions?|Operations?|Office|Administration|Force|Observers?|Observation|Council"
                        r"|Commission|Tribunal|Authority|Programme|Centre|Group|Assistance|Verification)\b")
_ORG_OF = re.compile(
    r"(?:(?<![\w'’])[A-Z][\w'’-]*\s+(?:Party|Front)|\bFriends|\b(?:Front|Movement|Organi[sz]ation|Union|Alliance|Army)\s+for"
    r"\s+the\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}|\bTimes)\s+of\s+(?:the\s+)?$"
)
# text normalisation before matching (see MentionFinder.find)
_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]")
_CAPS4 = re.compile(r"[A-Z][A-Z][A-Z][A-Z]")
# one-case text (see MentionFinder._restore_case)
_LETTERS = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"(?=[MDCLXVI]{2})M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
# single-word leader names that are also English words ("BUSH FIRES", "TRUMP CARD"): in
# one-case text only a title before them makes them the leader (a first name makes a longer alias)
_ONE_CASE_AMBIGUOUS = frozenset(["Borne", "Brown", "Browns", "Bush", "Trump", "Truss", "Tusk", "Tusks"])
# words capitalised in one-case text besides the names: those of a state's formal name, which
# the finder reads by rule ("PEOPLE'S REPUBLIC OF BULGARIA"), and of a body's name ("UNITED
# NATIONS INTERIM FORCE IN LEBANON" names a mission, not Lebanon)
_ONE_CASE_WORDS = frozenset(["Republic", "Republics", "Kingdom", "State", "States", "Democratic", "Islamic",
                             "Federal", "Socialist", "United", "Union", "Federation", "Commonwealth",
                             "Principality", "Sultanate", "Emirate", "Emirates", "Duchy", "Plurinational",
                             "Bolivarian", "Oriental", "Cooperative", "Popular", "Revolutionary", "Nations",
                             "Mission", "Missions", "Operation", "Operations", "Office", "Administration", "Force",
                             "Observer", "Observers", "Observation", "Commission", "Tribunal", "Authority",
                             "Programme", "Centre", "Group", "Assistance", "Verification", "Liberation",
                             "Organization", "Organisation", "Front", "Movement", "Party", "Army", "Alliance",
                             "Congress", "Community", "Economic", "Monetary"])
_BLOC_WEST = re.compile(r"(?<!\bin )(?<!\bto )(?<!\bfrom )\bthe west\Z")
_NUMBERED_BEFORE = re.compile(r"(?:\b(?:article|articles|chapter|part|section|title|annex|protocol|volume|session|"
                              r"resolution|war|pope|king|queen|louis|henry|george|edward|pius|john|paul|benedict|"
                              r"leo)\s+|\()\Z")
_TITLE_BEFORE = re.compile(r"\b(?:president|minister|premier|chancellor|mr|mrs|ms|senator|governor|candidate)\.? \Z")
_DIRECTION_AFTER = re.compile(r" (?:of|to)\b")
_TITLE_JOINERS = re.compile(r"(?<=[\w,] )(?:Of|And|The|For|In|On|To|At|By|With|De|Da|Du|Del|Des|La|Le|Al)(?= [^\W\d_])")
_PREV_TOKEN = re.compile(r"([\w'’$&/]+|,)\s*\Z")
_US_DETERMINERS = frozenset(["the", "a", "an", "our", "their", "its", "his", "her", "your", "my", "this", "that",
                             "former", "top", "senior", "two", "three", "pro", "anti", "non", "many", "more",
                             "most", "some", "major", "new"])
_US_PRONOUN_NEXT = frozenset(["all", "both", "ourselves", "alone", "apart", "together", "here", "there"])
_US_CAUSATIVE = frozenset(["let", "lets", "make", "makes", "made", "making", "help", "helps", "helped",
                           "helping", "see", "sees", "saw", "hear", "hears", "heard", "watch", "bid"])
_US_QUANTIFIERS = frozenset(["all", "many", "most", "some", "each", "none", "both", "one", "any", "few", "several",
                             "either", "neither", "every", "those", "two", "three"])
_US_FUNCTION_NEXT = frozenset(["to", "that", "of", "in", "with", "from", "for", "and", "or", "the", "a", "an", "as",
                               "at", "on", "by", "into", "onto", "upon", "about", "now", "again", "through",
                               "today", "well", "too", "also", "not", "because", "if", "when", "while", "so",
                               "than", "even", "which", "who", "what", "how", "whether", "but", "nor", "yet",
                               "further", "forward", "back", "down", "up", "out", "off", "away", "over",
                               "before", "after", "since", "until", "like", "this", "these", "those", "every",
                               "no", "any", "some", "more", "less", "much", "very", "quite", "only", "just"])
_AUXILIARIES = frozenset(["is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
                          "should", "must", "may", "might", "shall", "does", "do", "did"])
_PREPOSITIONS = frozenset(["for", "to", "of", "with", "from", "by", "among", "amongst", "between", "upon", "about",
                           "against", "like", "than", "toward", "towards", "behind", "around", "without", "unto",
                           "beside", "besides", "within", "beyond", "before", "after"])
_SENTENCE_OPENERS = frozenset(".!?:;\"“‘(")


def _nearly_all_capitals(text: str) -> bool:
    """True when the text's letters are (nearly) all capitals: a stray lower-case letter or
    two ("US$5bn", "McCAIN") does not make it prose."""
    if text.isupper():
        return True
    lower = sum(map(str.islower, text))
    return lower <= 0.05 * sum(map(str.isupper, text))


def _lower_same_length(text: str) -> str:
    """``text`` in lower case, letter for letter ("İ" as "i"; a letter whose lower case is
    longer stays as it is), so that offsets into the result are offsets into ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join("i" if c == "İ" else c.lower() if len(c.lower()) == 1 else c for c in text)


def _case_rank(name: str) -> tuple[bool, int, int]:
    """Which spelling of a name to restore one-case text with: capitalised first, then the
    one with more capitalised words ("Soviet Union", not "Soviet union"), then more capitals."""
    return (name[:1].isupper(), sum(1 for w in name.split() if w[:1].isupper()), sum(map(str.isupper, name)))


def _starts_sentence(text: str, start: int) -> bool:
    """The word at ``start`` opens the text or follows a sentence break ("... DEATH: IRAN SAYS")."""
    i = start - 1
    while i >= 0 and text[i] in " '‘\"“":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_OPENERS
_ODD_CHARS = re.compile(r"[‘ʼ`´]|\b[A-Z]{4,}\b")


def _squeeze_spaces(text: str) -> tuple[str, tuple[list[int], list[int]]]:
    """Each whitespace run as one space; (new text, (new offsets, old offsets) of each segment)."""
    parts: list[str] = []
    new_pos = [0]
    old_pos = [0]
    last = 0
    npos = 0
    for m in _ODD_SPACE.finditer(text):
        a, b = m.span()
        parts.append(text[last:a])
        parts.append(" ")
        npos += a - last + 1
        last = b
        new_pos.append(npos)
        old_pos.append(b)
    parts.append(text[last:])
    return "".join(parts), (new_pos, old_pos)


def _map_offset(segs: tuple[list[int], list[int]], i: int) -> int:
    """An offset into the squeezed text -> the offset into the original."""
    new_pos, old_pos = segs
    k = bisect.bisect_right(new_pos, i) - 1
    return old_pos[k] + (i - new_pos[k])
_LOCATIVE_PREPS = frozenset(["in", "near", "outside", "around", "across", "throughout", "inside", "within"])
# lists of places: "in Vienna, Bonn and Brussels"
_LIST_WORD = r"(?!(?i:in|at|on|to|from|for|by|with|near|the|a|an|and|or)\b)[A-Z][\w'’.-]*"
_LIST_ITEM = rf"{_LIST_WORD}(?:\s+{_LIST_WORD}){{0,2}}"
_LIST_JOIN = r",\s+(?:(?i:and|or)\s+)?|\s+(?i:and|or)\s+"
_LIST_ITEM_BEFORE = re.compile(rf"({_LIST_ITEM})({_LIST_JOIN})$")
_LIST_ITEM_AFTER = re.compile(rf"({_LIST_JOIN})({_LIST_ITEM})")
_CONJ = re.compile(r"\b(?i:and|or)\b")

# "at" names a place only after these ("held at Geneva"); otherwise it is aimed at the
# state ("took aim at Washington", "lashed out at Beijing")
_AT_TARGET = frozenset(
    """aim aimed aiming aims directed direct lashed lash lashing lashes out swipe swipes jab jabs dig digs barb
    barbs fired fires firing angry furious anger fury outrage outraged hit hits hitting pointed pointing points
    point finger fingers glared looked look looking looks glance criticism criticisms snapped snaps rage
    railed rails shot shots potshots sneered mocked laughed scoffed""".split()  # noqa: SIM905
)
_AT_PLACE = frozenset(
    """held hold holding convened convene met meet meeting meetings conference conferences summit
    session sessions talks signed concluded adopted arrived stationed based located residing resident
    born died buried stopped landed gathered assembled embassy embassies consulate""".split()  # noqa: SIM905
)
_MOVEMENT_WORDS = frozenset(
    ["visitor", "visitors", "visit", "visits", "visited", "visiting", "trip", "trips", "travel", "travels", "travelled", "traveled", "travelling", "traveling", "flew", "fly", "flies", "flying", "flight", "flights", "arrive", "arrives", "arrived", "arriving", "return", "returns", "returned", "returning", "went", "go", "goes", "going", "came", "come", "comes", "coming", "journey", "journeyed", "move", "moved", "moving", "relocate", "relocated", "relocating", "headed", "heading", "head", "heads", "route", "road", "drive", "drove", "sailed", "sail", "train", "trains", "tour", "toured", "touring", "way", "back", "moved", "fled", "flee", "fleeing", "evacuated", "deported", "deportation", "expelled", "transferred", "transfer", "landed", "departed", "depart", "left", "leave", "leaving", "embassy", "embassies", "consulate", "invited", "invitation", "welcomed", "summoned",
     "advance", "advances", "advancing", "advanced", "march", "marched", "marching", "withdraw", "withdraws",
     "withdrew", "withdrawn", "withdrawing", "recall", "recalls", "recalled", "recalling", "escaped", "escape",
     "smuggled", "trafficked", "flown", "spread", "spreads", "spreading", "commute", "commuted", "bus", "ferry", "drove", "walked", "cycled",
     "destined", "speed", "rail", "railway", "ticket", "tickets", "ride", "rode",
     "flock", "flocks", "flocked", "flocking", "brought", "bring", "brings", "bringing", "invite", "invites",
     "inviting", "troops", "reinforcements", "broke", "broken", "push", "pushed", "pushes", "pushing", "faxed",
     "faxing", "cables", "driving", "smuggling", "plane", "planes", "convoy", "convoys", "walk", "walks", "walking",
     "rolled", "roll", "rolls", "rolling", "departure", "shuttling", "shuttle"]
)
_METONYMIC_BEFORE_IN = frozenset(
    ["officials", "policymakers", "policy-makers", "decision-makers", "decisions", "decision", "leaders", "leadership", "diplomats", "politicians", "government", "governments", "authorities", "hawks", "doves", "those", "voices", "mood", "view", "views", "thinking", "sentiment", "concern", "concerns", "alarm", "anger", "frustration", "unease", "irritation", "fury", "worry", "worries", "patience", "impatience", "appetite", "opinion", "circles", "establishment", "insiders", "strategists", "planners", "lawmakers", "regime", "rulers", "masters", "powers-that-be",
     "trust", "faith", "confidence", "interest", "belief", "change", "changes", "shift", "turmoil",
     "upheaval", "infighting", "debate", "consensus", "resolve", "rethink", "clique", "cliques", "circle",
     "decided", "dictated", "determined", "settled", "puppets", "puppet", "stooges", "lackeys",
     "proclaimed", "ordered", "orchestrated", "masterminded", "plotted", "engineered", "charge", "fascists",
     "racists", "junta"]
)
_PERSON_TITLE_BEFORE = re.compile(r"\b(?:President|General|Gen\.|Mr\.?|Mrs\.?|Dr\.?)\s+$")
# a later item of "the Treaties of Moscow, Warsaw and Prague", "the Conferences of Addis Ababa and Moscow"
_OF_LIST_BEFORE = re.compile(r"\b([A-Z][a-z]+s)\s+of\s+(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+))+$")
_BY_HEADS_AFTER = re.compile(r"\s+by\s+(?:the\s+)?(?:\d+\s+)?[Hh]eads\s+of\s+[Ss]tate")
_SEAT_ENTERED = frozenset(["enter", "enters", "entered", "entering", "leave", "leaves", "left", "leaving", "reach",
                           "reaches", "reached", "reaching"])
_TALK_NOUNS = frozenset(["conversation", "conversations", "dinner", "lunch", "breakfast", "reception", "ceremony"])
# a road between two cities ("a highway between Belgrade and Sarajevo"; a "hot line" between two
# capitals links their governments)
_ROADS = frozenset(["highway", "highways", "road", "roads", "railway", "railways", "motorway", "pipeline", "bridge"])
_NOT_EVENT_MODIFIERS = frozenset(["to", "a", "an", "the", "of", "and", "or", "with", "for", "on", "in", "by", "at",
                                  "will", "would", "must", "has", "had", "is", "was", "not"])
_LONG_EVENT_AFTER = re.compile(r"((?:\s+[a-z][a-z-]*){1,4})\s+(?:treaty|treaties|agreement|agreements|accord|accords|"
                               r"declaration|conference|ceremony)\b")
_VISIT_NOUNS = frozenset(["visit", "visits", "trip", "trips", "journey", "voyage", "tour", "pilgrimage",
                          "delegation", "delegations"])
# verbs before "to" that make the capital the state addressed, however far back a visit was named
_STATE_VERBS_TO = frozenset(["said", "says", "told", "wrote", "sent", "appealed", "turned", "belongs", "belonged",
                             "protest", "protested", "message", "letter", "note", "reply", "loyal", "close"])


def _heads_of(words: list[str]) -> bool:
    """The words before a capital name a summit of heads of state ("Heads of State or Government at")."""
    return "heads" in (w.lower() for w in words[-9:-1])


_FOREIGN_PEOPLE_IN = re.compile(
    r"((?:[\w.-]+\s+){1,4})(?:officials|diplomats|diplomatic\s+staff|embassy\s+staff|personnel|hostages)\s+(?:in|at)\s+$")
_GOVERNMENT_AT = frozenset(["government", "regime", "authorities", "rulers", "administration"])  # not "35 Governments at Helsinki"
# "officials in Dublin" is the government, unless they meet there
_MEETING_WORDS = frozenset(["meet", "meets", "met", "meeting", "gather", "gathers", "gathered", "gathering",
                            "convene", "convenes", "convened", "invited", "invite", "invites", "welcoming",
                            "host", "hosts", "hosted", "hosting", "conference", "summit"])
# "A Letter From London", "so remote from Paris", "far from Moscow": the place
_TO_PLACE = re.compile(r",?\s+to\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)")
_AND_CITY_EVENT = re.compile(r"\s+and\s+[A-Z][\w'’.-]*\s+([\w'’-]+)")
_BOUND_TO = frozenset(["loyal", "close", "allied", "subordinate", "answerable", "beholden", "hostile", "friendly",
                       "opposed", "linked", "tied", "aligned", "sympathetic", "accountable"])
_FROM_TO = re.compile(r"(?<![\w-])[Ff]rom\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)"
                      r"(?:,?\s+to\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)*,?\s+to\s+$")
_FROM_PLACE = frozenset(["letter", "letters", "postcard", "postcards", "dispatch", "dispatches", "diary", "notes",
                         "remote", "far", "distant", "away", "kilometres", "kilometers", "km", "kms", "miles", "pictures",
                         "images", "footage", "photos", "video", "videos", "plane", "planes", "flight", "flights",
                         "live", "item", "news"])
_CITY_STATE_BODY = re.compile(
    r"(?:['’]s)?\s+(?:[Ss]enate\b|state\s+(?:parliament|parliaments|legislature|assembly|election|elections|premier|governor"
    r"|senate|government|legislator|legislators|lawmakers|level|court|courts)\b)")
_QUOTED_AFTER = re.compile(r"\s+['‘\"“][^'’\"”]{1,30}['’\"”](?=\s)")
# before a seat of power named as a building
_SEAT_OUTSIDE = frozenset(["outside", "near", "around", "opposite", "beside"])
_SEAT_PEOPLE = frozenset(["aides", "aide", "sources", "source", "staff", "staffers", "spokesman", "spokeswoman",
                          "spokesperson", "advisers", "advisors", "adviser", "advisor", "people", "someone",
                          "anyone", "nobody", "officers", "generals", "brass", "analysts"])
_CITY_PARTS = frozenset(
    ["west", "east", "north", "south", "northern", "southern", "eastern", "western", "central", "downtown", "suburban", "outer", "inner", "greater", "rural", "metropolitan", "old-town", "uptown", "midtown"]
)
_CITY_THINGS = frozenset(
    ["olympic", "olympics", "mascot", "marathon", "infrastructure", "poor", "homeless", "car", "cars", "district", "districts", "streets", "subway", "metro", "airport", "mayor", "residents", "square", "suburbs", "outskirts", "financial", "skyline", "nightlife", "hospitals", "hospital", "schools", "police", "traffic", "pollution", "smog", "zoo", "museum", "museums", "stadium", "parks", "river", "bridges", "housing", "rents", "landmarks", "neighbourhoods", "neighborhoods"]
)
_DATELINE = re.compile(r"\s*(?:\(|:|\s[-–—]\s|,\s+(?:[A-Z][a-z]+\.?\s+\d|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?\s*[,:(—–-]))")
_CITY_BEFORE = re.compile(r"\b(?:capital|capital city|city|cities|town|metropolis)\s*(?:,?\s+(?:of\s+)?|[—–]\s*)$"
                          r"|\b(?:capital|capitals|city|cities)\s+of\s+(?:the\s+)?[\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}\s*,\s*$"
                          r"|\bcapital\s+of\s+(?:our|my|their|its|the)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+\s*[—–:]\s*$")
_APPOSITION = re.compile(
    r",\s+(?:(the\s+(?:[\w'’-]+\s+){0,2}(?:capital|city)\b)|([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s*(?:[,.;:)!?]|$))"
)
_ATTRIBUTIVE_DET = frozenset(["a", "an", "its", "their", "his", "her", "our", "my", "your", "every", "each"])
_CONVERGE_VERBS = frozenset(["descend", "descends", "descended", "descending", "converge", "converges",
                             "converged", "converging"])
# what is done to a city as ground: "threatens a nuclear strike on the White House", "rebels close in on Tripoli"
# ("attack on" is left out: "an unprecedented attack on the Vatican" is most often words)
_ASSAULT_ON = frozenset(["strike", "strikes", "assault", "assaults", "march", "marches",
                         "marched", "marching", "advance", "advances", "advanced", "advancing", "in", "raid",
                         "raids", "offensive", "missiles", "rockets", "bombs"])
_GOVERNMENT_PEOPLE = frozenset(["regime", "government", "officials", "authorities", "leadership", "rulers",
                                "leaders", "junta", "administration"])
_VENUE_AFTER = re.compile(
    r"\s+as\s+(?:a|the)\s+(?:venue|host|site|location|meeting place)\b"
    r"|\s+(?:(?:will|would|is|was|has|had|regularly|also|again|once\s+again)\s+){0,2}(?:be\s+)?(?:hosts?|hosting|hosted)\b")
# "..., where": a place, when the capital was reached or named as one ("taken to Moscow, where")
_WHERE_AFTER = re.compile(r",?\s+where\b")
# a war or conflict named after the country it was fought in, when no other side follows
# ("the Algerian war", "the Liberian conflict"; not "the Russian war against Ukraine")
_DEMONYM_EVENT = re.compile(
    r" (?:civil )?(?:[Ww]ar|[Cc]onflict)\b(?![-'’])(?! (?:of aggression|on|against|with|in|effort|efforts|machine|crimes?"
    r"|criminals?|games|plans?|planes|ships|budget|aims|chest|footing|veterans?|dead|graves?|memorials?)\b)")
_VERSUS_BEFORE = re.compile(r"\b(?:vs\.?|versus|against|with)\s+$", re.I)  # "the Russia vs Georgia war"
# a war or disaster named after the country it happened in (not "the Iran-Iraq war")
# ("crisis" is left out: "Yemen crisis" and "the Zimbabwe crisis" are annotated as the state in the project's sets)
_EVENT_NAMED_AFTER = re.compile(r" (?:[Ww]ar|[Ww]ars|[Ee]arthquake|[Qq]uake|[Tt]sunami|[Gg]enocide)\b(?![-'’])"
                                r"(?! (?:of|[Cc]rimes|[Cc]riminals?|[Gg]ames|[Mm]achine|[Cc]hest|[Ff]ooting|[Pp]lans?|[Pp]lanes|[Ss]hips|[Bb]udget)\b)")
# the first of two states whose wars are named together: "the Iraq and Afghanistan wars"
_AND_NAMED_WARS = re.compile(r" and (?:the )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)? [Ww]ars\b")
_ROUTE_WORDS = frozenset(["flight", "flights", "route", "routes", "pipeline", "pipelines", "railway", "railroad",
                          "rail", "highway", "motorway", "road", "corridor", "corridors", "train", "trains", "line"])
_AND_OTHER_CITIES = re.compile(r"(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)*\s*,?\s+(?:and|or)\s+(?:in\s+)?"
                               r"(?:many\s+|several\s+|some\s+)?other\s+(?:[\w-]+\s+)?(?:capitals|cities|towns|venues|places)\b")
_SEAT_ROOMS = frozenset(["apartment", "apartments", "walls", "wall", "gardens", "garden", "lawn", "rooms", "room",
                         "library", "museum", "museums", "basement", "roof", "gate", "gates", "fence", "tour",
                         "tours", "tourists", "visitors", "kitchen", "chef", "christmas", "ball", "grounds"])
_BLOW_UP = frozenset(["blow", "blowing", "blew", "missile", "missiles", "rocket", "rockets", "bomb", "bombs",
                      "shells", "drone", "drones"])
_SEAT_VISIT_AFTER = re.compile(r"\s+(?:visit|visits|trip|trips|lawn|lawns|grounds|state\s+dinner)\b", re.I)
# "take Kiev", "taking Baghdad": the city captured, unless an idiom follows ("took Beijing by surprise")
_TAKE_VERBS = frozenset(["take", "takes", "took", "taking", "taken", "retake", "retakes", "retook", "retaking",
                         "retaken"])
_TAKE_IDIOM = re.compile(r"(?:['’]s|\s+(?:to|by|at|into|for|seriously|aback|on|up|off|over|away)\b)")
_OWN_STATE_AFTER = re.compile(r"(?:,|\s*\()\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}?)(?=\s*[),.;:!?]|\s+[a-z]|\s*$)")
_US_STATES = (r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho"
              r"|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota"
              r"|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York"
              r"|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina"
              r"|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming")
# "Washington" listed with US states ("legalization in Colorado, Washington") is the state of Washington
_US_STATE_BEFORE = re.compile(rf"\b(?:{_US_STATES}|Seattle|Spokane|Tacoma|Olympia)\s*(?:,|and|or|&)\s*$")
# a town named after a state, with its US state after it as a dateline or an address writes it
_US_TOWN_STATE_AFTER = re.compile(
    r", (?:" + _US_STATES.replace("|Washington", "") + r"|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ill|Ind|Kan|Ky|La|Md"
    r"|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|Vt|Va"
    r"|W\.Va|Wis|Wyo)(?:\.|(?=[,;:)]|$))")
_US_STATE_AFTER = re.compile(rf"\s*(?:,|and|or|&)\s*(?:{_US_STATES})\b")
_PLACE_VERBS = frozenset(
    """enter enters entered entering fled flee flees fleeing leave leaves left leaving reach reaches reached
    reaching storm stormed storming surround surrounds surrounded surrounding encircle encircled encircling
    besiege besieged besieging capture captured captures capturing seize seized seizes seizing flood flooded
    floods flooding overrun overran evacuate evacuated evacuating paralyse paralysed paralyze paralyzed
    shell shells shelled shelling visit visits visited visiting
    blanket blanketed blankets struck rock rocked rocks shook rattled rattle roamed roam tour toured touring
    explore explored exploring ravage ravages ravaged ravaging batter batters battered battering lash lashes
    lashed invade invades invaded invading nears neared nearing approach approaches approached approaching
    connecting linking occupy occupies occupied occupying overlook overlooks overlooked overlooking bomb bombs
    bombed bombing bombard bombards bombarded bombarding liberate liberates liberated liberating recapture
    recaptures recaptured recapturing raid raids raided raiding""".split()  # noqa: SIM905
)
# what happens to a city as a place: "Prague evacuated", "Beijing sinking"
_PLACE_PREDICATES = frozenset(
    """evacuated evacuates flooded overrun paralysed paralyzed blanketed sinking sinks swelters sweltering
    shivers chokes choking choked ablaze erupted erupts erupting""".split()  # noqa: SIM905
)
_CITY_PHYSICAL = frozenset(
    """streets street outskirts suburbs suburb centre center heart residents inhabitants mayor city town skies sky
    airport airports university universities district districts neighbourhood neighbourhoods neighborhood
    neighborhoods hotels hotel port harbour harbor downtown cathedral cathedrals mosque mosques church churches
    synagogue temple landmark landmarks square squares mall malls shopping shop shops store stores market
    markets bazaar restaurant restaurants bar bars cafe cafes nightclub nightclubs nightlife skyline subway
    metro bus buses taxi taxis tram trams traffic roads road highway bridge bridges river riverside park parks
    zoo museum museums gallery stadium arena pollution smog air weather snow heat heatwave rain flooding floods
    flood fire fires blaze earthquake quake housing flats flat apartment apartments home homes house houses
    rents rent property prices buildings building tower towers skyscraper skyscrapers hospital hospitals school
    schools campus crowd crowds passengers commuters transport auction roadside marathon zoo residents'
    population suburbanites slum slums shantytown collapse hostage siege standoff stabbing blast explosion
    explosions crash derailment riots riot protest protests protesters rally vigil police embassy embassies
    consulate office offices bureau headquarters court courthouse prison jail station stations cops
    assailants attackers gunmen listings fighting clashes seats constituency constituencies""".split()  # noqa: SIM905
)
# nouns after a capital that make it the state ("the Beijing government", "Tehran regime")
_STATE_AFTER_CITY = frozenset(
    """government governments regime regimes leadership leaders officials official authorities administration
    policymakers policy-makers elite elites establishment hawks diplomats diplomacy rulers ruler junta
    politicians lawmakers bureaucrats bureaucracy negotiators envoy envoys insiders observers watchers clique
    cliques""".split()  # noqa: SIM905
)
_AUX_ADVERBS = frozenset(
    """is was are were has had have will would could should can cannot may might must shall did does do
    also just now still again already then never not only even""".split()  # noqa: SIM905
)
# the city's air, weather or ground around it: "Beijing is shrouded in a cloud of smog",
# "Moscow shrouded in noxious gas", "Smog Envelops Beijing", "blizzard alert"
_CITY_ENVIRONMENT = re.compile(
    r"\b(?:smog|smoggy|clean air|pollution|polluted|pollutants?|haze|hazy|air quality|toxic air|noxious|shrouded|blizzards?"
    r"|snowstorms?|snowfall|heatwaves?|heat wave|sandstorms?|sinking)\b", re.I)
_CITY_CUE = re.compile(r"\b(?:mayor|mayoral|municipal|citywide|city-wide|city hall|townhall|car-free|city (?:officials|council|councillors|government|authorities)|sister cit(?:y|ies)|other\s+(?:\w+\s+)?cities)\b",
                       re.I)
_CITY_PREDICATE = re.compile(
    r"\s+(?:\w+\s+)?(?:is|was|will be|would be|has become|became|becomes|remains)\s+(?:now\s+)?(?:one of\s+)?"
    r"(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,3}(?:city|cities|capital|capitals|town|metropolis|place)\b", re.I)
# what a government has, after a capital's possessive without its apostrophe ("Beijings role",
# "Washingtons direct involvement"): with no apostrophe the word may be a plural or a typo, so
# the state needs a word of its own ("Moscows gays", "Beijings Staging" are not)
_STATE_NOUNS_AFTER_POSSESSIVE = _CAPITAL_POLITICAL_NOUNS | frozenset(
    """role orders readiness violation violations rationale involvement expansion expansionism arsenal drones
    missiles nuclear weapons navy warships military handling right claims plutonium fascism censors censorship
    spies hackers propaganda ally allies puppet puppets""".split()  # noqa: SIM905
)
_TAKEN = frozenset(["taken", "made", "reached", "adopted", "drafted", "crafted", "set", "formulated", "announced"])
_COMMON_NOUN_NEXT = frozenset(
    ["sandwich", "sandwiches", "farmer", "farmers", "farm", "farms", "dinner", "dinners", "meat", "breast", "breasts", "leg", "legs", "burger", "burgers", "bacon", "sausage", "sausages", "stuffing", "gravy", "hunting", "hunters", "hunter", "season", "vulture", "vultures", "feather", "feathers", "breeders", "breeder", "roast", "slices", "slice", "day", "plates", "plate", "cups", "cup", "dishes", "dish", "cabinet", "cabinets", "teacup", "teacups", "doll", "dolls", "clay", "shop", "shops", "pattern", "patterns", "set", "sets", "pig", "pigs", "fowl", "worm", "worms"]
)
_PERSON_APPOSITION = re.compile(
    r",\s+(?:a|an)\s+(?:[\w'’\-]+\s+){0,4}?(?:\d+-year-old|[\w\-]*(?:er|or|ist|ian|ant|ent|man|woman)\b)"
)
_PLACE_NOUNS = frozenset(
    ["south-west", "south-east", "north-west", "north-east", "kilometres", "kilometers", "km", "miles", "streets", "street", "outskirts", "suburbs", "suburb", "centre", "center", "heart", "residents", "inhabitants", "people", "citizens", "mayor", "city", "town", "skies", "sky", "airport", "airports", "university", "universities", "district", "districts", "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "parts", "part", "areas", "area", "map", "slums", "slum", "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest", "downtown", "hotels", "hotel", "port", "harbour", "harbor"]
)
_KOREAS_IN_UN = _dt.date(1991, 9, 17).toordinal()  # both Koreas admitted to the UN
_WHOLE_KOREA_BEFORE = re.compile(
    r"(?:\b(?:occupation|annexation|colonization|colonisation|colonial rule|reunification|unification|partition"
    r"|division|liberation|question)\s+of\s+|\b(?:reunified|unified|divided|united|whole|one|entire|all of)\s+)$"
)
_WHOLE_KOREA_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:reunification|unification|division|partition|liberation|nation|question|issue|conflict"
    r"|affair|tragedy|problem|armistice|war)\b"
)
_ZAIRE = (_dt.date(1971, 10, 27).toordinal(), _dt.date(1997, 5, 16).toordinal())
_OF_PLACES = frozenset(
    ["defence", "defense", "much", "most", "parts", "half", "pictures", "images", "photos", "photographs", "footage", "map", "maps", "views", "skyline", "outskirts",
     "suburbs", "residents", "population", "inhabitants", "takeover", "capture", "fall", "liberation", "shelling", "bombardment", "storming", "encirclement", "canton", "siege", "battle", "university", "mayor", "duke", "bishop", "archbishop", "congress", "club", "peace", "treaty", "statute", "declaration", "bank", "port", "city", "centre", "center", "diocese", "metropolitan", "governor", "museum"]
)


class _Context:
    """Facts about the whole text, computed once per find() and only when asked."""

    __slots__ = ("_aliases", "_ends", "_segments", "plain", "text")

    def __init__(self, text: str, aliases: frozenset[str], plain: str | None = None) -> None:
        self.text = text
        self.plain = text if plain is None else plain
        self._aliases = aliases
        self._segments: list[tuple[int, int, tuple[int, int]]] | None = None
        self._ends: list[int] = []

    def title_at(self, pos: int, min_words: int = 4) -> bool:
        """Headline-style text ("Russian Troops Enter Town") around ``pos``: capitals carry no
        signal there. Judged per part, since a headline is often followed by a normal
        sentence ("Greek Bailout Leaked: the memo says that ..."). ``min_words`` long words
        make a part judgeable; leaders ask with 3 ("Premier Naoto Kan Stepping Down")."""
        if self._segments is None:
            self._segments = []
            start = 0
            text = self.text
            for m in _SEGMENT_BREAK.finditer(text):
                a = m.start()
                if text[a] == ".":
                    prev = text[max(0, a - 5):a].rsplit(None, 1)[-1:] or [""]
                    if len(prev[0]) <= 1 or prev[0] in _ABBREVIATIONS or "." in prev[0]:
                        continue  # "Mr. Joao", "U.S. Marines", "George W. Bush"
                self._segments.append((start, a, self._title_words(text[start:a])))
                start = m.end()
            self._segments.append((start, len(text), self._title_words(text[start:])))
            self._ends = [b for _a, b, _wc in self._segments]
        # the first part that ends after pos (the last part holds the text's end)
        k = min(bisect.bisect_right(self._ends, pos), len(self._ends) - 1)
        words, caps = self._segments[k][2]
        return words >= min_words and caps >= 0.75 * words

    def _title_words(self, part: str) -> tuple[int, int]:
        """How many words of 4+ letters after the first (country aliases and titles aside)
        the part has, and how many of them are capitalised."""
        words = [w for w in _WORD_RE.findall(part)[1:] if len(w) >= 4 and w not in self._aliases
                 and w not in _TITLE_WORDS and w not in _WEEKDAYS_MONTHS]
        return len(words), sum(1 for w in words if w[0].isupper())

    def caps_context(self, start: int, end: int) -> bool:
        """True when the words around are all capitals ("LET US IN"): "US" may be "us"."""
        before = re.findall(r"[^\W\d_]+", self.plain[max(0, start - 30):start])[-2:]
        after = re.findall(r"[^\W\d_]+", self.plain[end:end + 30])[:2]
        # the word on each side ("LET US IN"), or two on the one side there is ("US IN TROUBLE",
        # not "UK MP paedophiles")
        around = before[-1:] + after[:1] if before and after else before + after
        # other abbreviations around ("the EU, UK and US") are no sign of shouting
        return bool(around) and all(w.isupper() and len(w) > 1 and w not in self._aliases for w in around)


_SEGMENT_BREAK = re.compile(r"[|:;!?]|\s[-–—]\s|\.(?=\s+[A-Z\"'“‘])")
# a full stop after these is no sentence end ("Mr. Joao Vieira")
_ABBREVIATIONS = frozenset(["Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Gov", "Col", "Rep", "St", "Lt", "Maj", "Capt",
                            "Prof", "Jr", "Sr", "No", "Mt", "Ft", "Sgt", "Adm", "Cmdr", "Rev", "Hon"])


# --------------------------------------------------------------------------- helpers


def _word_runs(words: list[str]) -> Iterator[str]:
    """Every run of consecutive words, joined by spaces ("Rafique Al Hariri", "Al Hariri", ...)."""
    return (" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def _acronym_in_prose(plain: str, start: int, end: int) -> bool:
    """A capital's name in capitals amid lower-case words is an acronym ("a payment system
    called SUCRE"), not the city; a capitalised headline or a dateline keeps its capitals."""
    name = plain[start:end]
    return name.isupper() and len(name) > 3 and bool(re.search(r"\b[a-z]{3,}", plain[max(0, start - 40):end + 40]))


def _looks_like_targets(config: Any) -> bool:
    return config is None or any(hasattr(config, k) or (isinstance(config, Mapping) and k in config)
                                 for k in ("alias_files", "use_leaders", "korea_default"))


def _config_dict(config: Any) -> dict[str, Any]:
    """A TargetsConfig (dataclass, OmegaConf node, mapping or None) as a plain dict."""
    if config is None:
        return {}
    if isinstance(config, Mapping) and not hasattr(config, "_metadata"):
        return dict(config)
    try:
        from omegaconf import DictConfig, OmegaConf

        if isinstance(config, DictConfig):
            return OmegaConf.to_container(config, resolve=True)  # type: ignore[return-value]
    except ImportError:  # pragma: no cover - omegaconf is a dependency
        pass
    import dataclasses

    if dataclasses.is_dataclass(config):
        return {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
    return {k: getattr(config, k) for k in dir(config) if not k.startswith("_")}


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def group_by_target(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Mentions grouped per target, targets in order of first appearance (one example each)."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.target, []).append(m)
    return groups


@lru_cache(maxsize=1)
def _default_finder() -> MentionFinder:
    return MentionFinder()


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    return _build_name_index(_default_finder())


def _build_name_index(finder: MentionFinder) -> dict[str, str]:
    index: dict[str, str] = {}
    for key, entries in finder._entries.items():
        for e in entries:
            if e.kind in ("name", "abbreviation") and e.first is None and e.rule not in (_KOREA, _CONGO):
                index.setdefault(key.lower(), e.target)
    for code, name in finder._code_to_name.items():
        index[code.lower()] = name
    for name in finder._target_kind:
        index[name.lower()] = name
        if name.startswith("the "):
            index[name[4:].lower()] = name
    return index


def canonical_name(name_or_code: str, finder: MentionFinder | None = None) -> str:
    """The canonical target for a name, alias or code: "USA" -> "United States"."""
    if not isinstance(name_or_code, str) or not name_or_code.strip():
        raise KeyError(f"not a country name or code: {name_or_code!r}")
    key = name_or_code.strip().lower()
    if key.startswith("the ") and key not in ("the west",):
        key = key[4:]
    if finder is None:
        index = _name_index()
        targets = _default_finder()._target_kind
    else:
        index = _build_name_index(finder)
        targets = finder._target_kind
    if key in index:
        return index[key]
    if name_or_code.strip() in targets:
        return name_or_code.strip()
    raise KeyError(
        f"unknown country or target {name_or_code!r}"
        + _did_you_mean(name_or_code.strip(), targets)
        + " (targets are canonical names such as 'United States', ISO codes, or known aliases)"
    )
