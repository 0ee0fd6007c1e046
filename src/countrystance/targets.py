"""Find the countries a sentence names, the way a careful reader would.

A *mention* is a span that refers to a target state (or bloc): its name ("the
U.S.", "Britain"), an abbreviation ("DPRK"), its capital or seat of power used for
the state ("Washington", "the Kremlin"), a demonym used for the state ("Russian
forces", not "a Russian scientist"), or a head of state or government in office at
the article's date ("Putin").

How it works: every alias in the gazetteer (``resources/gazetteer.yaml`` and
``resources/leaders.yaml``, plus the user's ``targets.alias_files``) goes into one
Aho-Corasick automaton (pyahocorasick). One pass over the text yields every alias
occurrence; whole-word checks, then leftmost-longest selection (so "Paris
Agreement", "South China Sea" or "Papua New Guinea" beat the names inside them),
then a few context rules decide what is kept: the head noun after a demonym
("Russian forces" vs "a Russian scientist", "in Russian"), capitals named in a
document, an event or only as a place ("the Minsk accords", "talks held in Moscow";
``targets.capital_locations=true`` keeps places), first names and surnames
("Chad Smith", "Hillary Clinton"), Georgia (state or country, from nearby cues),
bare "Korea" (``targets.korea_default``), the two Congos, and "the West".

Canonical target names come from pycountry plus a small override table in the data
file; they are the names the training data uses, so do not rename them.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "KINDS",
    "Mention",
    "MentionFinder",
    "canonical_name",
    "group_by_target",
    "load_gazetteer",
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

    data = yaml.safe_load(text if text is not None else Path(path).read_text(encoding="utf-8"))
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
    if isinstance(date, _dt.datetime):
        d = date.date().toordinal()
        return d, d
    if isinstance(date, _dt.date):
        return date.toordinal(), date.toordinal()
    s = str(date).strip()
    if not s:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", s)
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
 _COMMON_NOUN) = range(12)

_ALIAS_RULES = {
    "Georgia": _GEORGIA,
    "Turkey": _COMMON_NOUN,
    "China": _COMMON_NOUN,
    "Guinea": _COMMON_NOUN,
    "Jordan": _FIRSTNAME,
    "Chad": _FIRSTNAME,
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


def _variants(key: str) -> list[str]:
    """The key plus its straight/curly apostrophe twin."""
    out = [key]
    if "'" in key:
        out.append(key.replace("'", "’"))
    if "’" in key:
        out.append(key.replace("’", "'"))
    return out


_TITLE_WORDS = frozenset(
    ["President", "President-elect", "Presidents", "Prime", "Minister", "Ministers", "PM", "Premier", "Chancellor", "King", "Queen", "Emperor", "Empress", "Crown", "Prince", "Princess", "Sheikh", "Sheik", "Emir", "Amir", "Sultan", "Ayatollah", "Imam", "Pope", "Chairman", "Secretary", "General", "Gen.", "Leader", "Supreme", "Comrade", "Marshal", "Field", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady", "Senator", "Sen.", "Rep.", "Governor", "Gov.", "Vice", "Deputy", "Acting", "Interim", "Former", "Ex", "Colonel", "Col.", "Brother", "Excellency", "His", "Her", "Majesty", "Highness", "Hon.", "Honourable", "Honorable", "Leaders", "Messrs", "Messrs.", "Herr", "Madame", "Monsieur", "Señor", "Senhor", "President's", "Putin's", "Chief", "Head", "Commander-in-Chief", "Dictator", "Strongman", "Tsar", "Czar", "Shah", "Khan"]
)
_FUNCTION_WORDS = frozenset(
    ["The", "A", "An", "But", "And", "Or", "Nor", "So", "Yet", "As", "If", "When", "While", "After", "Before", "Since", "Until", "Because", "Although", "Though", "Whether", "Where", "Why", "How", "What", "Which", "Who", "Whom", "Whose", "That", "This", "These", "Those", "It", "Its", "In", "On", "At", "By", "For", "With", "Without", "From", "To", "Of", "About", "Against", "Between", "Among", "Under", "Over", "During", "Despite", "Like", "Unlike", "Meanwhile", "Still", "Then", "Now", "Today", "Here", "There", "Also", "Both", "Even", "Only", "Indeed", "However", "Moreover", "Furthermore", "Thus", "Hence", "Did", "Does", "Do", "Will", "Would", "Can", "Could", "Should", "Shall", "May", "Might", "Must", "Has", "Have", "Had", "Is", "Was", "Are", "Were", "Be", "Been", "Said", "Says", "Asked", "Not", "No", "All", "Many", "Some", "Most", "Every", "Each", "Neither", "Either", "Once", "Yesterday", "Tomorrow", "Tonight", "Last", "Next", "Early", "Late", "Later", "Earlier", "Recently", "Why", "Whereas", "Whilst", "Upon", "Via", "Per", "Toward", "Towards", "Through", "Across", "Behind", "Beyond", "Within", "Amid", "Amidst", "Around", "Near", "Outside", "Inside", "Against", "Following", "Including", "Let", "Please", "Thank", "Thanks", "We", "I", "You", "He", "She", "They", "Our", "My", "Your", "Their", "Us", "Them", "Him", "Mrs", "According", "Dear", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Both", "Either", "Neither", "Unlike", "Besides", "Except", "Instead", "Rather", "Sure", "Yes", "Well", "Oh", "Ah"]
)
_WEEKDAYS_MONTHS = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
)
# Capitalised words after "Jordan"/"Chad" that do not make it a first name.
_STATE_CAPS = frozenset(
    ["President", "Prime", "Minister", "Foreign", "Defence", "Defense", "Government", "Army", "Navy", "Air", "Embassy", "Ministry", "Armed", "King", "Queen", "Crown", "Federation", "Administration", "Congress", "Senate", "Parliament", "Cabinet", "Coast", "Supreme", "Revolutionary", "Communist", "State", "Ambassador", "Minister", "Chancellor", "Emperor", "Premier", "Vice", "Deputy", "Security", "Intelligence", "Interior", "National", "Chief", "General", "Gen.", "Admiral", "Marshal", "Special", "Royal", "Military", "Forces", "Police", "Border", "Central", "Prosecutor", "Justice", "Court", "Constitutional", "Government's", "Authorities", "Mission"]
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
_STRONG_PRIVATE = frozenset(["opposition", "dissident", "dissidents", "exiled", "exile", "independent", "private", "émigré"])
_HYPHEN_STATE = frozenset(
    ["backed", "led", "supported", "sponsored", "controlled", "occupied", "annexed", "held", "brokered", "imposed", "allied", "aligned", "installed", "funded", "armed", "proposed", "drafted", "mediated", "dominated", "ruled", "administered", "run", "financed", "orchestrated", "directed"]
)
_HYPHEN_PRIVATE = frozenset(
    ["speaking", "language", "born", "style", "made", "owned", "based", "american", "americans", "canadian", "british", "australian", "educated", "raised", "descended", "trained", "listed", "registered", "flagged"]
)
_BLOC_HEADS = frozenset(
    ["countries", "nations", "powers", "democracies", "capitals", "world", "bloc", "alliance", "coalition", "allies", "governments", "government", "leaders", "officials", "diplomats", "sanctions", "partners", "intelligence", "weapons", "arms", "military", "militaries", "support", "aid", "backers", "states", "state", "powers'", "nations'", "countries'", "media", "pressure", "interference", "intervention", "alliance's"]
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
            entries = self._entries.setdefault(k, [])
            if first is None and not leader:
                # an undated alias: a later definition (a user's file) replaces an earlier one
                entries[:] = [e for e in entries if e.first is not None or e.leader]
            entries.append(entry)

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
                        self._add(alias, target, "capital", _CITY if "," not in alias else _NONE)
                    elif kind == "seat":
                        self._add(alias, target, "capital", _NONE)
                    elif kind == "demonym":
                        rule = _ALIAS_RULES.get(alias, _DEMONYM)
                        self._add(alias, target, "demonym", rule)
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
            rule = _CITY if kind == "capital" and spec["alias"] not in ("Kremlin",) else None
            if kind == "demonym":
                rule = _DEMONYM
            self._add(spec["alias"], target, kind, rule,
                      _ordinal(spec.get("start"), 1), _ordinal(spec.get("end"), 10**7))
        # 4. leaders
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
        # 5. removals and blockers
        for alias in data.get("remove_aliases") or []:
            for k in _variants(str(alias)):
                self._entries.pop(k, None)
        for alias in data.get("blockers") or []:
            for k in _variants(str(alias)):
                self._blocked.add(k)
                self._entries.pop(k, None)

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
            w for key in self._entries for w in key.split() if _is_cap(w)
        )
        # one-word aliases ("Russian", "Putin"): a capitalised neighbour that is one of
        # these does not make the match part of another name
        self._single_aliases = frozenset(k for k in self._entries if " " not in k)

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
        ctx = _Context(text, self._alias_words)
        out: list[Mention] = []
        pos = 0
        for start, end, entries in cands:
            if start < pos:
                continue
            pos = end
            if entries is None:  # a blocker
                continue
            entry = self._pick(entries, rng)
            if entry is None:
                continue
            target = self._accept(entry, text, start, end, rng, ctx)
            if target is None:
                continue
            target = self._map_hist(target)
            if self._only is not None and target not in self._only:
                continue
            s = start + entry.span_start
            e = s + entry.span_len
            out.append(Mention(s, e, text[s:e], target, entry.kind))
        return out

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
                if e.leader and (best_leader is None or e.first > best_leader.first):
                    best_leader = e
                continue
            if e.first <= rng[1] and rng[0] <= e.last:
                return e
        if undated is not None:
            return undated
        return best_leader

    def _accept(self, entry: _Entry, text: str, start: int, end: int,
                rng: tuple[int, int] | None, ctx: _Context) -> str | None:
        """Apply the entry's context rule; the target it names, or None."""
        rule = entry.rule
        if rule == _NONE:
            return entry.target
        if rule == _DEMONYM:
            return entry.target if self._demonym_ok(text, start, end, ctx, state_default=True) else None
        if rule == _CITY:
            return entry.target if self._city_ok(text, start, end, ctx) else None
        if rule == _SURNAME:
            return entry.target if self._prev_ok(text, start, ctx) else None
        if rule == _FIRSTNAME:
            if not self._prev_ok(text, start, ctx) or not self._next_ok(text, end, ctx):
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
                return None
            if not ctx.titlecase:
                m = _NEXT_WORDS_RE.match(text, end)
                if m and m.start(1) == end + 1 and _is_cap(m.group(1)) and m.group(1) not in _WEEKDAYS_MONTHS:
                    return None
            return entry.target
        if rule == _WESTERN:
            return entry.target if self._demonym_ok(text, start, end, ctx, state_default=False,
                                                    heads=_BLOC_HEADS) else None
        if rule == _CAPS:
            if (start > 0 and text[start - 1] == "$") or text[end:end + 1] == "$":
                return None  # "$US 150,000", "US$5 billion": a currency
            return None if ctx.caps_context(start, end) else entry.target
        if rule == _KOREA:
            if self._korea_default is None:
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
        return entry.target

    def _prev_ok(self, text: str, start: int, ctx: _Context) -> bool:
        """False when a capitalised word right before makes this someone's surname."""
        if ctx.titlecase:
            return True
        m = _PREV_WORD_RE.search(text, max(0, start - 40), start)
        if not m:
            return True
        word = m.group(1)
        if not _is_cap(word) or (word.isupper() and len(word) > 2):
            return True
        if word.endswith(("'s", "’s", "s'", "s’")):
            return True
        if len(word) == 2 and word[1] == ".":
            return False  # a middle initial: "Michael B. Jordan"
        if word in _TITLE_WORDS or word in _FUNCTION_WORDS or word in self._single_aliases:
            return True
        # the first word of the text (or of a sentence inside it) is capitalised anyway
        before = text[: m.start()].rstrip()
        return bool(before) is False or before[-1] in ".!?:;\"“”'‘’(—–-"

    def _next_ok(self, text: str, end: int, ctx: _Context) -> bool:
        """False when a capitalised word right after makes this a first name ("Chad Smith")."""
        if ctx.titlecase:
            return True
        m = _NEXT_WORDS_RE.match(text, end)
        if not m or m.start(1) != end + 1 or text[end] != " ":
            return True
        word = m.group(1)
        if not _is_cap(word) or word.isupper():
            return True
        return word in _STATE_CAPS or word in _WEEKDAYS_MONTHS or word in self._single_aliases

    def _city_ok(self, text: str, start: int, end: int, ctx: _Context) -> bool:
        """A capital city names the state unless it names a document, event or place in it."""
        m = _NEXT_WORDS_RE.match(text, end)
        if m and (m.start(1) - end) <= 2:
            word = m.group(1)
            if word == "+" or word.lower() in self._event_words:
                return False
            if (not ctx.titlecase and _is_cap(word) and text[end] == " " and word not in _WEEKDAYS_MONTHS
                    and word not in self._single_aliases and word not in _FUNCTION_WORDS):
                return False  # "Moscow Metro", "Tehran Times", "Kyiv Mayor"
        if end + 1 < len(text) and text[end:end + 2].strip() == "+":
            return False
        if not self._prev_ok(text, start, ctx):
            return False  # "George Washington", "Real Madrid"
        if not self._capital_locations and self._locative(text, start, end):
            return False  # "talks in Moscow": the place, not the state
        # "Treaty of Rome", "University of Washington", "Siege of Sarajevo"
        pm = re.search(r"([A-Z][\w'’]*)\s+of\s+$", text[max(0, start - 40):start])
        return not (pm and pm.group(1).lower() in self._event_words | _OF_PLACES)

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

    @staticmethod
    def _locative(text: str, start: int, end: int) -> bool:
        """The city is named as a place: "in Moscow", "a visit to Beijing", "arrived from Kyiv"."""
        if text[end:end + 2] in ("'s", "’s") or text[end:end + 1] in ("'", "’"):
            # "Moscow's position" is the state; "London's financial district" the city
            after = _PREV_WORDS_RE.findall(text[end + 2:end + 40])[:2]
            return any(w.lower() in _PLACE_NOUNS or w.lower() in _CITY_THINGS for w in after)
        words = _PREV_WORDS_RE.findall(text[max(0, start - 60):start])
        if not words:
            return False
        prep = words[-1].lower()
        if prep in _CITY_PARTS:
            return True  # "in west Beijing", "downtown Kyiv"
        if prep == "at":
            return any(w.lower() in _AT_PLACE for w in words[-4:-1])
        if prep in _LOCATIVE_PREPS:
            # "decisions taken in Washington", "officials in Moscow": the government
            return not (len(words) >= 2 and words[-2].lower() in _METONYMIC_BEFORE_IN) and not (
                len(words) >= 3 and words[-2].lower() in _TAKEN and words[-3].lower() in _METONYMIC_BEFORE_IN)
        if prep in ("to", "from", "for", "into", "via"):
            return any(w.lower() in _MOVEMENT_WORDS for w in words[-5:-1])
        if prep == "of" and len(words) >= 2:
            return words[-2].lower() in _PLACE_NOUNS  # "the streets of Tbilisi"
        return False

    def _demonym_ok(self, text: str, start: int, end: int, ctx: _Context, state_default: bool,
                    heads: frozenset[str] | None = None) -> bool:
        """Does this demonym refer to the state ("Russian forces") or not ("a Russian scientist")?"""
        state = heads if heads is not None else self._demonym_state
        private = self._demonym_private
        word = text[start:end]
        before = text[max(0, start - 40):start]
        low_before = before.lower()
        if low_before.endswith(("pro-", "anti-")):
            return True
        pos = end
        # hyphen compounds: "Russian-backed" (state), "Russian-speaking" (not)
        if pos < len(text) and text[pos] == "-":
            m = re.match(r"-([^\W\d_][\w'’]*)", text[pos:])
            if m:
                suffix = m.group(1).lower()
                if suffix in _HYPHEN_STATE:
                    return True
                if suffix in _HYPHEN_PRIVATE:
                    return False
                pos += m.end()  # "Russian-Ukrainian war": judge by what follows
        # coordination: "Chinese and Russian officials", "Syrian, Lebanese and Palestinian
        # citizens" -> judge by the shared head
        for _ in range(4):
            cm = _COORD_RE.match(text, pos)
            if not cm:
                break
            if cm.group(1) in self._entries:  # "Sudanese and South Sudanese officials"
                pos = cm.end(1)
            elif cm.group(2) in self._single_aliases:
                pos = cm.end(2)
            else:
                break
        words: list[str] = []
        last_end = 0
        for m in _NEXT_WORDS_RE.finditer(text[pos:pos + 80]):
            if m.start() != last_end:
                break
            w = m.group(1)
            if w == "+":
                break
            last_end = m.end()
            lw = w.lower().rstrip("'’")
            if lw.endswith(("'s", "’s")):
                lw = lw[:-2]
            if lw in _STOP_FOLLOW:
                break
            words.append(w)
            if len(words) == 3:
                break
        decision: bool | None = None
        for w in words:
            lw = w.lower()
            for suffix in ("'s", "’s", "'", "’"):
                if lw.endswith(suffix):
                    lw = lw[: -len(suffix)]
            if lw in _STRONG_PRIVATE:
                return False
            if lw in state:
                decision = True
                if lw in self._demonym_modifiers:
                    continue  # "nuclear", "state", "military": the head may follow
                break
            if lw in private:
                return False  # "a Russian (nuclear) scientist", "Chinese tech companies"
            if decision is not None:
                break  # a state modifier and then a verb: "the Chinese military said"
            if _is_cap(w) and not ctx.titlecase and w not in self._single_aliases:
                if w in _WEEKDAYS_MONTHS:
                    break
                return False  # a proper name follows: "Russian Orthodox", "American Airlines"
            # an unknown lower-case word (an adjective?): keep looking for the head
        if decision is not None:
            return decision
        # no known head noun
        prev_words = _PREV_WORDS_RE.findall(before)
        prev_word = prev_words[-1].lower() if prev_words else ""
        if prev_word in ("a", "an", "one"):
            return False  # a person or a thing: "a Russian", "an Icelandic volcano"
        if heads is not None:
            return False
        if word.endswith("s") and word not in ("Swiss", "Lebanese"):
            return prev_word == "the"  # "the Russians" (the state acting) vs "Russians" (people)
        if self._language_use(text, start, end, before):
            return False
        if prev_word in _COPULA:
            return False  # "he is Russian"
        if not words or (words[0].endswith("ed") and words[0].lower() not in state):
            # a noun use: "sold to the Chinese" (the state) vs "Australian arrested" (a person)
            return prev_word == "the"
        return state_default  # an unknown head noun: "Russian gas", "Chinese investment"

    def _language_use(self, text: str, start: int, end: int, before: str) -> bool:
        """'in Russian', 'into Chinese, Japanese and Korean', 'Portuguese is spoken', 'switching to German'."""
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
_LOCATIVE_PREPS = frozenset(["in", "near", "outside", "around", "across", "throughout", "inside", "within"])
# "at" names a place only after these ("held at Geneva"); otherwise it is aimed at the
# state ("took aim at Washington", "lashed out at Beijing")
_AT_PLACE = frozenset(
    """held hold holding convened convene met meet meeting meetings conference conferences summit
    session sessions talks signed concluded adopted arrived stationed based located residing resident
    born died buried stopped landed gathered assembled embassy embassies consulate""".split()  # noqa: SIM905
)
_MOVEMENT_WORDS = frozenset(
    ["visit", "visits", "visited", "visiting", "trip", "trips", "travel", "travels", "travelled", "traveled", "travelling", "traveling", "flew", "fly", "flies", "flying", "flight", "flights", "arrive", "arrives", "arrived", "arriving", "return", "returns", "returned", "returning", "went", "go", "goes", "going", "came", "come", "comes", "coming", "journey", "journeyed", "move", "moved", "moving", "relocate", "relocated", "relocating", "headed", "heading", "head", "heads", "route", "road", "drive", "drove", "sailed", "sail", "train", "trains", "tour", "toured", "touring", "way", "back", "moved", "fled", "flee", "fleeing", "evacuated", "deported", "deportation", "expelled", "transferred", "transfer", "landed", "departed", "depart", "left", "leave", "leaving", "embassy", "embassies", "consulate", "invited", "invitation", "welcomed", "summoned"]
)
_METONYMIC_BEFORE_IN = frozenset(
    ["officials", "policymakers", "policy-makers", "decision-makers", "decisions", "decision", "leaders", "leadership", "diplomats", "politicians", "government", "governments", "authorities", "hawks", "doves", "those", "voices", "mood", "view", "views", "thinking", "sentiment", "concern", "concerns", "alarm", "anger", "frustration", "unease", "irritation", "fury", "worry", "worries", "patience", "impatience", "appetite", "opinion", "circles", "establishment", "insiders", "strategists", "planners", "lawmakers", "regime", "rulers", "masters", "powers-that-be",
     "trust", "faith", "confidence", "interest", "belief", "change", "changes", "shift", "turmoil",
     "upheaval", "infighting", "debate", "consensus", "resolve", "rethink"]
)
_CITY_PARTS = frozenset(
    ["west", "east", "north", "south", "northern", "southern", "eastern", "western", "central", "downtown", "suburban", "outer", "inner", "greater", "rural", "metropolitan", "old-town", "uptown", "midtown"]
)
_CITY_THINGS = frozenset(
    ["district", "districts", "streets", "subway", "metro", "airport", "mayor", "residents", "square", "suburbs", "outskirts", "financial", "skyline", "nightlife", "hospitals", "hospital", "schools", "police", "traffic", "pollution", "smog", "zoo", "museum", "museums", "stadium", "parks", "river", "bridges", "housing", "rents", "landmarks", "neighbourhoods", "neighborhoods"]
)
_TAKEN = frozenset(["taken", "made", "reached", "adopted", "drafted", "crafted", "set", "formulated", "announced"])
_COMMON_NOUN_NEXT = frozenset(
    ["sandwich", "sandwiches", "farmer", "farmers", "farm", "farms", "dinner", "dinners", "meat", "breast", "breasts", "leg", "legs", "burger", "burgers", "bacon", "sausage", "sausages", "stuffing", "gravy", "hunting", "hunters", "hunter", "season", "vulture", "vultures", "feather", "feathers", "breeders", "breeder", "roast", "slices", "slice", "day", "plates", "plate", "cups", "cup", "dishes", "dish", "cabinet", "cabinets", "teacup", "teacups", "doll", "dolls", "clay", "shop", "shops", "pattern", "patterns", "set", "sets", "pig", "pigs", "fowl", "worm", "worms"]
)
_PERSON_APPOSITION = re.compile(
    r",\s+(?:a|an)\s+(?:[\w'’\-]+\s+){0,4}?(?:\d+-year-old|[\w\-]*(?:er|or|ist|ian|ant|ent|man|woman)\b)"
)
_PLACE_NOUNS = frozenset(
    ["streets", "street", "outskirts", "suburbs", "suburb", "centre", "center", "heart", "residents", "inhabitants", "people", "citizens", "mayor", "city", "town", "skies", "sky", "airport", "airports", "university", "universities", "district", "districts", "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "parts", "part", "areas", "area", "map", "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest", "downtown", "hotels", "hotel", "port", "harbour", "harbor"]
)
_ZAIRE = (_dt.date(1971, 10, 27).toordinal(), _dt.date(1997, 5, 16).toordinal())
_OF_PLACES = frozenset(
    ["siege", "battle", "university", "mayor", "duke", "bishop", "archbishop", "congress", "club", "peace", "treaty", "statute", "declaration", "bank", "port", "city", "centre", "center", "diocese", "metropolitan", "governor", "museum"]
)


class _Context:
    """Facts about the whole text, computed once per find() and only when asked."""

    __slots__ = ("_aliases", "_title", "text")

    def __init__(self, text: str, aliases: frozenset[str]) -> None:
        self.text = text
        self._aliases = aliases
        self._title: bool | None = None

    @property
    def titlecase(self) -> bool:
        """Headline-style text ("Russian Troops Enter Town"): capitals carry no signal."""
        if self._title is None:
            # words of 4+ letters after the first, other than country aliases
            words = [w for w in _WORD_RE.findall(self.text)[1:] if len(w) >= 4 and w not in self._aliases
                     and w not in _TITLE_WORDS and w not in _WEEKDAYS_MONTHS]
            caps = sum(1 for w in words if w[0].isupper())
            self._title = len(words) >= 4 and caps / len(words) >= 0.75
        return self._title

    def caps_context(self, start: int, end: int) -> bool:
        """True when the words around are all capitals ("LET US IN"): "US" may be "us"."""
        before = re.findall(r"[^\W\d_]+", self.text[max(0, start - 30):start])[-1:]
        after = re.findall(r"[^\W\d_]+", self.text[end:end + 30])[:1]
        around = before + after
        # other abbreviations around ("the EU, UK and US") are no sign of shouting
        return bool(around) and all(w.isupper() and len(w) > 1 and w not in self._aliases for w in around)


# --------------------------------------------------------------------------- helpers


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
