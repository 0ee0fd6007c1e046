"""targets.py: the gazetteer, the mention finder, and every disambiguation trap of issue 3."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from countrystance.config import TargetsConfig, load_config
from countrystance.targets import Mention, MentionFinder, canonical_name, group_by_target

from .conftest import ROOT


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return MentionFinder()


def spans(finder: MentionFinder, text: str, date: str | None = None) -> list[tuple[str, str]]:
    """(span text, target) of every mention, checking the offsets on the way."""
    found = finder.find(text, date)
    for m in found:
        assert text[m.start:m.end] == m.text
    assert [m.start for m in found] == sorted(m.start for m in found)
    return [(m.text, m.target) for m in found]


def kinds(finder: MentionFinder, text: str, date: str | None = None) -> list[tuple[str, str, str]]:
    return [(m.text, m.target, m.kind) for m in finder.find(text, date)]


# ----------------------------------------------------------------------------- the target list


def test_every_canonical_target_is_there(finder: MentionFinder) -> None:
    targets = finder.targets()
    assert len(targets) == 206  # 193 UN members, 2 observers, Taiwan, Kosovo, 5 blocs, 4 historical
    for name in ["United States", "Russia", "Turkey", "Democratic Republic of the Congo",
                 "Republic of the Congo", "Micronesia", "Brunei", "Palestine", "Holy See", "Taiwan",
                 "Kosovo", "Côte d'Ivoire", "Vietnam", "Laos", "Iran", "South Korea", "North Korea",
                 "European Union", "NATO", "the West", "African Union", "ASEAN", "Soviet Union",
                 "Yugoslavia", "Czechoslovakia", "East Germany"]:
        assert name in targets, name


@pytest.mark.parametrize(("given", "expected"), [
    ("USA", "United States"), ("US", "United States"), ("United States of America", "United States"),
    ("us", "United States"), ("GB", "United Kingdom"), ("Britain", "United Kingdom"),
    ("Russian Federation", "Russia"), ("RUS", "Russia"), ("Burma", "Myanmar"), ("the West", "the West"),
    ("Republic of China", "Taiwan"), ("DRC", "Democratic Republic of the Congo"), ("Türkiye", "Turkey"),
])
def test_canonical_name(given: str, expected: str) -> None:
    assert canonical_name(given) == expected


def test_canonical_name_unknown_is_a_clear_keyerror() -> None:
    with pytest.raises(KeyError, match="Narnia"):
        canonical_name("Narnia")


# ----------------------------------------------------------------------------- span conventions


def test_span_conventions(finder: MentionFinder) -> None:
    text = "the U.S.-led coalition, Russia's war, the Kremlin and the West"
    assert kinds(finder, text) == [
        ("U.S.", "United States", "abbreviation"),
        ("Russia", "Russia", "name"),
        ("Kremlin", "Russia", "capital"),
        ("West", "the West", "name"),
    ]


def test_demonym_and_leader_in_one_phrase(finder: MentionFinder) -> None:
    text = "Russian President Vladimir Putin hosted his Chinese counterpart Xi Jinping."
    assert kinds(finder, text, "2023-03-21") == [
        ("Russian", "Russia", "demonym"),
        ("Vladimir Putin", "Russia", "leader"),
        ("Chinese", "China", "demonym"),
        ("Xi Jinping", "China", "leader"),
    ]


def test_kinds_of_mention(finder: MentionFinder) -> None:
    text = "America, the UK, Downing Street, Whitehall, the Pentagon, the Elysee, DPRK, UAE, PRC and ROK."
    assert kinds(finder, text) == [
        ("America", "United States", "name"), ("UK", "United Kingdom", "abbreviation"),
        ("Downing Street", "United Kingdom", "capital"), ("Whitehall", "United Kingdom", "capital"),
        ("Pentagon", "United States", "capital"), ("Elysee", "France", "capital"),
        ("DPRK", "North Korea", "abbreviation"), ("UAE", "United Arab Emirates", "abbreviation"),
        ("PRC", "China", "abbreviation"), ("ROK", "South Korea", "abbreviation"),
    ]


def test_capital_metonymy_counts_but_a_place_does_not(finder: MentionFinder) -> None:
    assert spans(finder, "Washington warned Beijing, and Brussels agreed.") == [
        ("Washington", "United States"), ("Beijing", "China"), ("Brussels", "European Union")]
    assert spans(finder, "The talks were held in Geneva and then in Moscow.") == []
    assert spans(finder, "He flew to Beijing for a visit.") == []
    assert spans(finder, "Moscow's position hardened.") == [("Moscow", "Russia")]
    located = MentionFinder(TargetsConfig(capital_locations=True))
    assert spans(located, "The talks were held in Moscow.") == [("Moscow", "Russia")]


@pytest.mark.parametrize(("text", "expected"), [
    # a capital the news mostly names as the city: the state only with evidence (capitals.py)
    ("London hailed as one of the safest cities on the planet", []),
    ("Paris goes car-free for a day to fight pollution", []),
    ("Killer flu: Mexico City shuts down", []),
    ("Athens ablaze as protesters try to storm parliament", []),
    ("London warned that the deal was dead.", [("London", "United Kingdom")]),
    ("Germany wants closer ties with London.", [("Germany", "Germany"), ("London", "United Kingdom")]),
    ("the Cairo regime", [("Cairo", "Egypt")]),
    ("London and Washington agreed on sanctions.", [("London", "United Kingdom"), ("Washington", "United States")]),
    # another state named: any verb makes it the state
    ("Seoul resumed broadcasts after Pyongyang's nuclear test.", [("Seoul", "South Korea"), ("Pyongyang", "North Korea")]),
    ("Ethiopia signed a deal with Somaliland, angering Mogadishu.", [("Ethiopia", "Ethiopia"), ("Mogadishu", "Somalia")]),
])
def test_place_first_capitals_need_evidence_of_the_state(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text) == expected


def test_place_first_capitals_are_configurable(tmp_path: Path) -> None:
    text = "Paris goes quiet for a day"
    extra = tmp_path / "aliases.yaml"
    extra.write_text("capital_state_first: [Paris]\ncapital_place_first: [Moscow]\n", encoding="utf-8")
    custom = MentionFinder(TargetsConfig(alias_files=[str(extra)]))
    assert spans(custom, text) == [("Paris", "France")]
    moscow = "Moscow goes quiet for a day"
    assert spans(MentionFinder(), moscow) == [("Moscow", "Russia")]  # the usual shorthand: plain rules
    assert spans(custom, moscow) == []
    assert spans(MentionFinder(TargetsConfig(capital_locations=True)), text) == [("Paris", "France")]


def test_case_matters(finder: MentionFinder) -> None:
    assert spans(finder, "Let us go; the US will not.") == [("US", "United States")]
    assert spans(finder, "We ate turkey from fine china; Chad and Jordan ate too.") == [
        ("Chad", "Chad"), ("Jordan", "Jordan")]


# ----------------------------------------------------------------------------- the traps of issue 3


def test_longest_match_wins(finder: MentionFinder) -> None:
    assert spans(finder, "the Democratic Republic of the Congo and Papua New Guinea") == [
        ("Democratic Republic of the Congo", "Democratic Republic of the Congo"),
        ("Papua New Guinea", "Papua New Guinea")]
    assert spans(finder, "the United States of America") == [("United States of America", "United States")]


@pytest.mark.parametrize("text", [
    "The Paris Agreement entered into force.",
    "The Beijing Platform for Action was adopted.",
    "Delegates met for Beijing +5 and Beijing+20.",
    "She wrote for the Washington Post.",
    "George Washington crossed the Delaware.",
    "Voters in Washington State turned out.",
    "New Mexico passed the bill.",
    "Latin America and South America, indeed all of the Americas, grew.",
    "American Samoa is a territory.",
    "Settlements in the West Bank expanded.",
    "The people of Western Sahara voted.",
    "The Group of 77 and China issued a statement.",
    "Ships crowd the South China Sea.",
])
def test_names_inside_longer_names_are_not_the_state(finder: MentionFinder, text: str) -> None:
    assert spans(finder, text) == []


def test_new_delhi_counts_as_india(finder: MentionFinder) -> None:
    assert kinds(finder, "New Delhi rejected the claim.") == [("New Delhi", "India", "capital")]


def test_republic_of_china_is_taiwan(finder: MentionFinder) -> None:
    assert spans(finder, "The Republic of China and the People's Republic of China") == [
        ("Republic of China", "Taiwan"), ("People's Republic of China", "China")]


def test_georgia_state_or_country(finder: MentionFinder) -> None:
    assert spans(finder, "Georgia's governor spoke in Atlanta on Monday.") == []
    assert spans(finder, "Republicans won the Senate race in Georgia.") == []
    assert spans(finder, "Georgia accused Moscow of occupying Abkhazia.") == [
        ("Georgia", "Georgia"), ("Moscow", "Russia")]
    assert spans(finder, "Protesters filled the streets of Tbilisi as Georgia voted.") == [
        ("Georgia", "Georgia")]


def test_jordan_and_chad_as_first_names(finder: MentionFinder) -> None:
    assert spans(finder, "Michael Jordan and Chad Smith played.") == []
    assert spans(finder, "Jordan Peterson spoke; Chad Johnson did not.") == []
    assert spans(finder, "Jordan and Chad signed the accord.") == [("Jordan", "Jordan"), ("Chad", "Chad")]
    assert spans(finder, "Troops from Chad entered; Jordan King Abdullah II objected.", "2020") == [
        ("Chad", "Chad"), ("Jordan", "Jordan"), ("Abdullah II", "Jordan")]


def test_lowercase_turkey_is_a_bird(finder: MentionFinder) -> None:
    assert spans(finder, "We roasted a turkey.") == []
    assert spans(finder, "Turkey and Türkiye are one state.") == [("Turkey", "Turkey"), ("Türkiye", "Turkey")]


def test_niger_and_nigeria(finder: MentionFinder) -> None:
    assert spans(finder, "Niger and Nigeria; a Nigerien minister and Nigerian troops") == [
        ("Niger", "Niger"), ("Nigeria", "Nigeria"), ("Nigerien", "Niger"), ("Nigerian", "Nigeria")]
    assert spans(finder, "Oil spills in the Niger Delta.") == []


def test_sudan_and_south_sudan(finder: MentionFinder) -> None:
    assert spans(finder, "Sudan and South Sudan; Sudanese and South Sudanese officials") == [
        ("Sudan", "Sudan"), ("South Sudan", "South Sudan"),
        ("Sudanese", "Sudan"), ("South Sudanese", "South Sudan")]


def test_guinea_and_its_neighbours(finder: MentionFinder) -> None:
    text = "Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea; piracy in the Gulf of Guinea"
    assert spans(finder, text) == [
        ("Guinea", "Guinea"), ("Guinea-Bissau", "Guinea-Bissau"),
        ("Equatorial Guinea", "Equatorial Guinea"), ("Papua New Guinea", "Papua New Guinea")]


def test_dominica_and_dominican_republic(finder: MentionFinder) -> None:
    assert spans(finder, "Dominica and the Dominican Republic") == [
        ("Dominica", "Dominica"), ("Dominican Republic", "Dominican Republic")]


def test_the_two_congos(finder: MentionFinder) -> None:
    assert spans(finder, "the Republic of the Congo and the Democratic Republic of the Congo") == [
        ("Republic of the Congo", "Republic of the Congo"),
        ("Democratic Republic of the Congo", "Democratic Republic of the Congo")]
    assert spans(finder, "Fighting in eastern Congo spread.", "2023-05-01") == [
        ("Congo", "Democratic Republic of the Congo")]
    assert spans(finder, "Congo rejected the plan, and Brazzaville said so.") == [
        ("Congo", "Republic of the Congo"), ("Brazzaville", "Republic of the Congo")]
    # while the other Congo was Zaire, a bare "Congo" was Brazzaville's
    assert spans(finder, "Congo and Zaire signed the accord.", "1985") == [
        ("Congo", "Republic of the Congo"), ("Zaire", "Democratic Republic of the Congo")]


def test_korea_alone_is_configurable(finder: MentionFinder) -> None:
    text = "Korea and North Korea; the Korean Peninsula"
    assert spans(finder, text) == [("Korea", "South Korea"), ("North Korea", "North Korea")]
    nobody = MentionFinder(TargetsConfig(korea_default=None))
    assert spans(nobody, text) == [("North Korea", "North Korea")]
    north = MentionFinder(TargetsConfig(korea_default="North Korea"))
    assert spans(north, "Korea") == [("Korea", "North Korea")]


@pytest.mark.parametrize("text", [
    "A Russian scientist won the prize.",
    "The speech was given in Russian.",
    "They love Chinese food.",
    "He is Russian.",
    "The Russian Orthodox Church objected.",
    "Russian-speaking residents fled.",
    "An American tourist was detained.",
    "Chinese students returned home.",
    "The Russian opposition leader was jailed.",
    # private heads from the seventh mention review
    "Icelandic bank bosses jailed",
    "Turkish trade unions join the protests",
    "Austrian Mayor Says That Journalists Who Report on Asylum-Seekers Should Be Punished",
    "Couple euthanized in Belgian hospital",
    "Tiger parts are prized in the traditional Chinese medicine market.",
    "Israeli and Palestinian human rights groups said Monday they had collected evidence.",
    "the blood of over 17.000 Iranian martyrs",
])
def test_demonym_for_a_person_or_language_is_not_the_state(finder: MentionFinder, text: str) -> None:
    assert spans(finder, text) == []


@pytest.mark.parametrize(("text", "target"), [
    ("Russian forces shelled the town.", "Russia"),
    ("Chinese officials denied it.", "China"),
    ("Iranian-backed militias attacked.", "Iran"),
    ("Israeli warplanes struck overnight.", "Israel"),
    ("The British government resigned.", "United Kingdom"),
    ("Russian troops, tanks and warships massed.", "Russia"),
    ("A Russian missile hit the port.", "Russia"),
    ("Turkish authorities detained him.", "Turkey"),
])
def test_demonym_for_the_state(finder: MentionFinder, text: str, target: str) -> None:
    assert [t for _, t in spans(finder, text)] == [target]


def test_plural_demonyms_the_gazetteer_lists_only_in_the_singular(finder: MentionFinder) -> None:
    # "Somali" and "Yemeni" are listed; "the Somalis" is the nation, as "the Russians" is
    assert spans(finder, "Throughout the Italian administration, the Somalis urged a solution.", "1961") == [
        ("Italian", "Italy"), ("Somalis", "Somalia")]
    assert spans(finder, "the Yemenis, the Argentines and the Costa Ricans") == [
        ("Yemenis", "Yemen"), ("Argentines", "Argentina"), ("Costa Ricans", "Costa Rica")]
    # no plural where the demonym has none, or where it would be another name
    assert spans(finder, "the Laos delegation and the Philippines") == [
        ("Laos", "Laos"), ("Philippines", "Philippines")]
    assert spans(finder, "Three Somalis were rescued at sea.") == []


def test_a_demonyms_society_is_the_nation(finder: MentionFinder) -> None:
    assert spans(finder, "a dialogue that included all segments of Yemeni society", "2021") == [
        ("Yemeni", "Yemen")]


def test_official_before_a_demonym_makes_it_the_state(finder: MentionFinder) -> None:
    assert spans(finder, "An official Chinese newspaper says Beijing must act.", "2012") == [
        ("Chinese", "China"), ("Beijing", "China")]
    assert spans(finder, "On 6 August the official Soviet daily Izvestia wrote", "1950") == [("Soviet", "Soviet Union")]
    assert spans(finder, "Spanish is the official Spanish language") == []


def test_old_spellings_and_the_khmer_nation(finder: MentionFinder) -> None:
    assert spans(finder, "the valiant Viet-Namese people will decide", "1967") == [("Viet-Namese", "Vietnam")]
    assert spans(finder, "the victories of the Vietnamese and Khmer peoples", "1975") == [
        ("Vietnamese", "Vietnam"), ("Khmer", "Cambodia")]
    assert spans(finder, "Surviving leaders of the Khmer Rouge indicted; he spoke in Khmer.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("the United Nations Mission in East Timor and the United Nations Office in Timor-Leste", []),
    ("the United Nations Organization Mission in the Democratic Republic of the Congo (MONUC)", []),
    ("the European Union Border Assistance Mission to Moldova and Ukraine (EUBAM)", [("European Union", "European Union")]),
    ("the mandate of the United Nations Council for Namibia", []),
    # a council's business, or a list after a body, is the state
    ("the UN Security Council on Syria", [("Syria", "Syria")]),
    ("the UN Security Council and Russia", [("Russia", "Russia")]),
    ("the EU mission in Kosovo", [("EU", "European Union"), ("Kosovo", "Kosovo")]),
])
def test_a_state_at_the_end_of_an_international_bodys_name(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2005") == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # from review 27
    ("It goes without saying that the Togolese delegation shares the general concern.", "1965",
     [("Togolese", "Togo")]),  # "shares" is the verb
    ("UK MP paedophiles 'were protected from police action'", "2014", [("UK", "United Kingdom")]),
    ("LET US IN", None, []),  # shouting, not the state
    ("PLEASE DO NOT LEAVE US IN TROUBLE", None, []),  # the object: the pronoun
    ("so that the Arabs and Israelis could meet again", "1970", [("Israelis", "Israel")]),
    ("the rights and demands of the Palestinian Arab people.", "1983", [("Palestinian", "Palestine")]),
    ("Korean Air Force member at U.S. base has MERS", "2015",
     [("Korean", "South Korea"), ("U.S.", "United States")]),
    ("Korean Air flight lands safely", "2015", []),
    ("the Parliament of the Turks and Caicos islands", "2009", []),
    ("The Obama Admin will put forth new peace initiatives", "2009-04-22", [("Obama", "United States")]),
])
def test_patterns_from_review_27(finder: MentionFinder, text: str, date: str | None, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # from reviews 27 and 28
    ("The first challenge is rooted in the repercussions of the Syrian crisis", "2013", []),
    ("Students aim to bolster French protests", "2010", []),
    ("Iranian anti-government protests planned for Monday.", "2011", []),
    ("Iranian ex-diplomat in Norway: the attack was a PR stunt", "2010", [("Norway", "Norway")]),
    ("Australian surgeon and his wife kidnapped", "2016", []),
    ("the inter-Korean economic interdependence", "2003", []),
    ("violence in the Mozambican Province of Cabo Delgado", "2020", [("Mozambican", "Mozambique")]),
    ("Icelandic Legislator: I'm Ready To Help", "2013", [("Icelandic", "Iceland")]),
])
def test_demonym_heads_from_reviews_27_and_28(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


def test_coordinated_demonyms_share_the_head(finder: MentionFinder) -> None:
    assert spans(finder, "Chinese and Russian warships sailed.") == [
        ("Chinese", "China"), ("Russian", "Russia")]


def test_western_names_the_west_only_before_a_bloc_noun(finder: MentionFinder) -> None:
    assert spans(finder, "Western sanctions hurt.") == [("Western", "the West")]
    assert spans(finder, "Western values and western Ukraine") == [("Ukraine", "Ukraine")]
    assert spans(finder, "Moscow warned the Western Powers, and the West listened.", "2013") == [
        ("Moscow", "Russia"), ("Western", "the West"), ("West", "the West")]
    assert spans(finder, "a Western-backed government") == [("Western", "the West")]
    for text in ("Western media reported the clashes.", "Western Europe is ageing.", "Western Australia votes",
                 "The Western Union office closed."):
        assert spans(finder, text) == []


def test_west_needs_the_article(finder: MentionFinder) -> None:
    assert spans(finder, "Putin blamed the West.", "2023") == [("Putin", "Russia"), ("West", "the West")]
    assert spans(finder, "He went West and the West Wing stayed quiet.") == []


# ----------------------------------------------------------------------------- leaders and dates


def test_leaders_are_bounded_by_the_article_date(finder: MentionFinder) -> None:
    assert spans(finder, "Trump spoke.", "2018-06-01") == [("Trump", "United States")]
    assert spans(finder, "Trump spoke.", "2023-06-01") == []  # out of office
    assert spans(finder, "Trump spoke.", "2025-03") == [("Trump", "United States")]
    assert spans(finder, "Trump spoke.") == [("Trump", "United States")]  # no date: applied
    assert spans(finder, "Zelensky met Merkel.", "2019") == [("Zelensky", "Ukraine"), ("Merkel", "Germany")]
    assert spans(finder, "Zelensky met Merkel.", "2022-06-01") == [("Zelensky", "Ukraine")]


def test_a_surname_after_another_first_name_is_someone_else(finder: MentionFinder) -> None:
    assert spans(finder, "Hillary Clinton met President Clinton.", "1996") == [("Clinton", "United States")]


def test_titled_aliases_report_the_name_only(finder: MentionFinder) -> None:
    assert kinds(finder, "Premier Li and Pope Francis", "2019-01-01") == [
        ("Li", "China", "leader"), ("Francis", "Holy See", "leader")]


def test_a_heads_title_before_the_last_word_of_a_listed_name(finder: MentionFinder) -> None:
    # only "Ali Abdullah Saleh" is listed; "President Saleh" is he while in office
    assert spans(finder, "Crowds called for President Saleh to step down.", "2011-01-27") == [("Saleh", "Yemen")]
    assert spans(finder, "Crowds called for President Saleh to step down.", "2015-05-01") == []
    assert spans(finder, "Saleh spoke.", "2011-01-27") == []  # the surname alone is not listed


def test_spelling_variants_of_listed_leaders(finder: MentionFinder) -> None:
    assert spans(finder, "the efforts by brother-leader Muammar Al-Qadhafi", "2009") == [
        ("Muammar Al-Qadhafi", "Libya")]
    assert spans(finder, "Sweden's new prime minister Stefan Loefven unveiled a government", "2014-10-04") == [
        ("Sweden", "Sweden"), ("Stefan Loefven", "Sweden")]


def test_a_place_before_a_title_of_a_state_is_no_leader(finder: MentionFinder) -> None:
    text = "He spoke here in New York, the Prime Minister of Armenia said."
    assert spans(finder, text, "2019") == [("Armenia", "Armenia")]
    assert spans(finder, "Mr. Nikol Pashinyan, the Prime Minister of Armenia, said.", "2019") == [
        ("Nikol Pashinyan", "Armenia"), ("Armenia", "Armenia")]


def test_salisbury_is_the_rhodesian_regime_only_before_harare(finder: MentionFinder) -> None:
    text = "the racist regimes of Pretoria and Salisbury"
    assert spans(finder, text, "1977") == [("Pretoria", "South Africa"), ("Salisbury", "Zimbabwe")]
    assert spans(finder, "the cavalier attitude of Lisbon, Salisbury and Pretoria", "1969") == [
        ("Lisbon", "Portugal"), ("Salisbury", "Zimbabwe"), ("Pretoria", "South Africa")]
    assert spans(finder, "We have closed our consulate in Salisbury.", "1970") == []  # a place
    assert spans(finder, "Two people were poisoned in Salisbury.", "2018-03-10") == []
    assert spans(finder, "Salisbury police said", "2018-03-10") == []


def test_historical_and_movement_names(finder: MentionFinder) -> None:
    assert spans(finder, "Pretoria answers the claims of the people of Azania with executions.", "1983") == [
        ("Pretoria", "South Africa"), ("Azania", "South Africa")]
    assert spans(finder, "access to the nuclear weapons of the North Atlantic bloc", "1963") == [
        ("North Atlantic bloc", "NATO")]


def test_a_demonym_before_an_island_or_bay_is_the_state(finder: MentionFinder) -> None:
    assert spans(finder, "Almost 200 whales beached on Australian island") == [("Australian", "Australia")]
    assert spans(finder, "the problem of the Comoran island of Mayotte", "2001") == [("Comoran", "Comoros")]


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("the regimes of Tel Aviv and Pretoria are engaging.", "1981",
     [("Tel Aviv", "Israel"), ("Pretoria", "South Africa")]),
    ("the strategic cooperation between Washington and Tel Aviv.", "1986",
     [("Washington", "United States"), ("Tel Aviv", "Israel")]),
    ("Thousands marched in Tel Aviv on Saturday.", "2015", []),  # the city
    ("A Tel Aviv court ruled", "2015", []),
    # named after a city: tribunals, constitutions, talks, a group of states
    ("since the Nuremberg and Tokyo Tribunals", "1996", []),
    ("the short-comings of the Salisbury constitution", "1979", []),
    ("the Vienna discussions on the mutual reduction of armed forces", "1977", []),
    ("The sponsors were the Colombo Powers, namely Burma and Ceylon.", "1955",
     [("Burma", "Myanmar"), ("Ceylon", "Sri Lanka")]),
])
def test_capitals_from_review_28(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # colonial names of the territory that became the state, as Dahomey and Nyasaland
    ("Angola, Mozambique and so-called Portuguese Guinea", "1966",
     [("Angola", "Angola"), ("Mozambique", "Mozambique"), ("Portuguese Guinea", "Guinea-Bissau")]),
    ("the Belgian Congo and British Honduras", "1958",
     [("Belgian Congo", "Democratic Republic of the Congo"), ("British Honduras", "Belize")]),
    ("saved from disaster by Uncle Sam", "2010", [("Uncle Sam", "United States")]),
    ("Maps of what used to be Palistine", "2009", [("Palistine", "Palestine")]),
    # airlines and societies named after the country
    ("Air Canada to come down hard on cockpit porn", "2014", []),
    ("President of Fiji Law Society speaks out from jail cell", "2009", []),
    ("The European Union Association Agreement with Ukraine", "2014", [("European Union", "European Union"),
                                                                     ("Ukraine", "Ukraine")]),
    ("President Ellen Johnson-Sirleaf of Liberia", "2012",
     [("Ellen Johnson-Sirleaf", "Liberia"), ("Liberia", "Liberia")]),
])
def test_names_from_review_29(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("They represent Peiping and Hanoi, which never hid their intention.", "1965",
     [("Peiping", "China"), ("Hanoi", "Vietnam")]),
    ("An Oral History of the Bush White House", "2008-12-31",
     [("Bush", "United States"), ("White House", "United States")]),
    ("defended it at the barricades around the Moscow White House", "1992", []),
    ("the report of the Security Council Mission to Jakarta and Dili", "1999", []),
    ("trade and cultural missions from Peking have been exchanged", "1956", [("Peking", "China")]),
    ("It would be a tragedy if the relentless shuttling between Addis Ababa and Asmara stopped", "1998", []),
])
def test_capitals_and_seats_from_review_29(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("call for an International Conference on Kampuchea", []),
    ("the report of the Special Committee on Palestine", []),
    ("the International Compact with Iraq", []),
    ("workers employed at Radio Corp of America", []),
    # not a named body: the state's own organs, or a conference in lower case
    ("the conference on Iraq opened", [("Iraq", "Iraq")]),
    ("the Permanent Mission of Brazil and the Government of India", [("Brazil", "Brazil"), ("India", "India")]),
])
def test_a_state_at_the_end_of_a_named_committee_or_conference(finder: MentionFinder, text: str,
                                                                expected: list) -> None:
    assert spans(finder, text, "1985") == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # private heads, firms that work for a state, a suicide bomber (reviews 21-30)
    ("Japanese defense contractors get hit by cyberespionage", "2011", []),
    ("German security firm finds spyware", "2014", []),
    ("a Russian state-owned company and the Chinese military crew", "2014",
     [("Russian", "Russia"), ("Chinese", "China")]),
    ("British suicide bomber is fifth former pupil of same school", "2015", []),
    ("Russian bombers flew over the Baltic", "2015", [("Russian", "Russia")]),
    ("Danish fugitive wanted for a scam; Swedish theme park ride collapses", "2010", []),
    # names inside a movement's, a document's or a conference's name; another office's holder
    ("Occupy Australia takes off", "2011", []),
    ("the ASEAN Declaration and the Mauritius Mandate", "1998", []),
    ("the linkages between the MDGs and the Mauritius Strategy +5 Review", "2010", []),
    ("Canadian First Nation chief made $1M", "2014", []),
    ("Judge Napolitano WikiLeaks Rant", "2011-02-20", []),
    ("the farsightedness of Angola's President, Eduardo dos Santos", "1995",
     [("Angola", "Angola"), ("Eduardo dos Santos", "Angola")]),
])
def test_patterns_from_reviews_21_to_30(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Pro-Moscow rebels pressed on", "2015", [("Moscow", "Russia")]),
    ("the efforts of the western contact group", "1981", [("western", "the West")]),
    ("the ramifications of the Russian-Ukrainian crisis", "2023", [("Russian", "Russia"), ("Ukrainian", "Ukraine")]),
    ("an Iranian-American journalist", "2015", []),
    ("arrested yesterday in Cambodja", "2012", [("Cambodja", "Cambodia")]),
])
def test_patterns_from_review_31(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("I wish to say to our Pakistani brothers that only courage will do", "1975", [("Pakistani", "Pakistan")]),
    ("as affirmed here again by my Libyan colleague", "1988", [("Libyan", "Libya")]),
    ("two Iranian brothers were arrested", "2015", []),
    ("the occupied Palestinian and Arab territories", "1982", [("Palestinian", "Palestine")]),
    ("the Western proposals and the Soviet revisionist leadership", "1965",
     [("Western", "the West"), ("Soviet", "Soviet Union")]),
    ("British paratroopers and Burkinabé troops", "2010",
     [("British", "United Kingdom"), ("Burkinabé", "Burkina Faso")]),
])
def test_demonyms_from_review_32(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Saudis admit they supported the attack", [("Saudis", "Saudi Arabia")]),
    ("Indians claim to have proof that terrorists took orders from Pakistan",
     [("Indians", "India"), ("Pakistan", "Pakistan")]),
    ("Egyptians Can Claim the Stolen Billions", [("Egyptians", "Egypt")]),
    # people, not the nation speaking
    ("Britons accused of drug offences in Dubai", []),
    ("Brazilians hoard water", []),
    ("Germans are leaving the church in large numbers", []),
])
def test_a_bare_plural_demonym_that_speaks_is_the_nation(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2011") == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Reports: Obama Mulling Sanctions on Israel", "2014-12-05", [("Obama", "United States"), ("Israel", "Israel")]),
    ("Japan's Premier Naoto Kan Stepping Down", "2011-08-23", [("Japan", "Japan"), ("Naoto Kan", "Japan")]),
    ("Bush Aides: Historians will judge him", "2009-01-06", [("Bush", "United States")]),
    ("President Xi Jinping met the press", "2013", [("Xi Jinping", "China")]),
    ("Kuwait feels that Turkish and Greek Cypriots should negotiate", "1984", [("Kuwait", "Kuwait")]),
    ("We support the Association of South- East Asian Nations", "1984",
     [("Association of South- East Asian Nations", "ASEAN")]),
    ("The Phillipines has reported its first case", "2014", [("Phillipines", "Philippines")]),
])
def test_patterns_from_review_33(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Saudi Arabian forces prepare to enter Bahrain", [("Saudi Arabian", "Saudi Arabia"), ("Bahrain", "Bahrain")]),
    ("a Saudi Arabian Airlines flight", []),
    ("he was kidnapped by Israeli Mossad agents", [("Israeli", "Israel")]),
    ("Iranian Phantom jet strikes the militants", [("Iranian", "Iran")]),
    # a people's or a movement's name between: not the state
    ("he helped Bosnian Serb forces", []),
    ("an Afghan Taliban commander", []),
    ("the Swedish Pirate Party and the Russian Orthodox priests", []),
])
def test_a_proper_name_between_a_demonym_and_its_head(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2014") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("visas applied for by well-heeled Chinese suggest that the elite is hedging", []),
    ("Dozens of Chinese held in Kenya", [("Kenya", "Kenya")]),
    ("Chinese poor locked up at night; Russian supermarkets freeze prices", []),
    ("the distinguished Latin-American officials", []),
    ("Aussie government tries to block two sites", [("Aussie", "Australia")]),
    ("It has broken for ever with the fateful German militarist past.", [("German", "Germany")]),
    ("Western occupation of Afghanistan", [("Western", "the West"), ("Afghanistan", "Afghanistan")]),
    ("the plight of the Palestinian population", [("Palestinian", "Palestine")]),  # the nation
])
def test_demonyms_from_review_35(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2012") == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("We Afghans have no other ambition than to preserve our freedom", "1957", [("Afghans", "Afghanistan")]),
    ("an aim that cannot be achieved while North Viet-Namese armed interference continues", "1964",
     [("North Viet-Namese", "Vietnam")]),
    ("The Kingdom of eSwatini looks forward to the reform", "2008", [("Kingdom of eSwatini", "Eswatini")]),
    ("Blast hits rally in Turkish capital", "2015", [("Turkish", "Turkey")]),  # the state's capital
    ("buying back a steelworks from US Steel Corp.", "2012", []),
    ("Qatar World Cup toll: more than 450 workers died", "2014", [("Qatar", "Qatar")]),
])
def test_patterns_from_review_36(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


def test_leaders_can_be_switched_off() -> None:
    off = MentionFinder(TargetsConfig(use_leaders=False))
    assert spans(off, "Putin and Xi met.") == []


def test_dated_aliases_and_historical_names(finder: MentionFinder) -> None:
    assert spans(finder, "Moscow and the Kremlin agreed.", "1975") == [
        ("Moscow", "Soviet Union"), ("Kremlin", "Soviet Union")]
    assert spans(finder, "Moscow and the Kremlin agreed.", "2015") == [
        ("Moscow", "Russia"), ("Kremlin", "Russia")]
    assert spans(finder, "The USSR and Burma; Kiev and Ceylon.") == [
        ("USSR", "Soviet Union"), ("Burma", "Myanmar"), ("Kiev", "Ukraine"), ("Ceylon", "Sri Lanka")]
    mapped = MentionFinder(TargetsConfig(historical_map={"Soviet Union": "Russia"}))
    assert spans(mapped, "The Soviet Union and Soviet troops") == [
        ("Soviet Union", "Russia"), ("Soviet", "Russia")]
    assert "Soviet Union" not in mapped.targets()


def test_bad_dates_fail_clearly(finder: MentionFinder) -> None:
    with pytest.raises(ValueError, match="ISO"):
        finder.find("Putin", "last week")


# ----------------------------------------------------------------------------- config and API


def test_only_restricts_targets() -> None:
    only = MentionFinder(TargetsConfig(only=["USA", "Russia"]))
    assert spans(only, "The U.S., China and Russia") == [("U.S.", "United States"), ("Russia", "Russia")]
    assert only.targets() == ["Russia", "United States"]


def test_alias_files_extend_and_override(tmp_path: Path) -> None:
    extra = tmp_path / "aliases.yaml"
    extra.write_text(
        "targets:\n"
        "  Russia: {name: [Rossiya]}\n"
        "  Scotland: {name: [Scotland], capital: [Edinburgh]}\n"
        "capital_metonyms: [Edinburgh]\n"
        "remove_aliases: [Holland]\n"
        "blockers: [Russia House]\n"
        "leaders:\n"
        "  France:\n"
        "    - {names: [Marianne Dupont, Dupont], start: 2030-01-01, end: null}\n",
        encoding="utf-8",
    )
    custom = MentionFinder(TargetsConfig(alias_files=[str(extra)]))
    assert spans(custom, "Rossiya, Holland, Edinburgh and the Russia House") == [
        ("Rossiya", "Russia"), ("Edinburgh", "Scotland")]
    assert spans(custom, "Dupont spoke.", "2031") == [("Dupont", "France")]
    assert "Scotland" in custom.targets()
    # a new capital is read as the city unless the alias file lists it among the metonyms
    plain = tmp_path / "plain.yaml"
    plain.write_text("targets:\n  Scotland: {name: [Scotland], capital: [Edinburgh]}\n", encoding="utf-8")
    city_first = MentionFinder(TargetsConfig(alias_files=[str(plain)]))
    assert spans(city_first, "Edinburgh is lovely in spring") == []
    assert spans(city_first, "Edinburgh warned London") == [("Edinburgh", "Scotland"), ("London", "United Kingdom")]


def test_from_config_reads_the_targets_section() -> None:
    cfg = load_config(overrides=["targets.use_leaders=false", "targets.korea_default=null"])
    f = MentionFinder.from_config(cfg)
    assert spans(f, "Korea and Putin") == []
    assert MentionFinder.from_config(cfg.targets).targets() == f.targets()


def test_unknown_target_in_config_fails_clearly() -> None:
    with pytest.raises(ValueError, match="did you mean"):
        MentionFinder(TargetsConfig(historical_map={"Soviet Unoin": "Russia"}))
    with pytest.raises(KeyError, match="Atlantis"):
        MentionFinder(TargetsConfig(only=["Atlantis"]))


def test_group_by_target_keeps_every_span_in_order(finder: MentionFinder) -> None:
    found = finder.find("Washington and Beijing spoke; the U.S. then warned China.")
    groups = group_by_target(found)
    assert list(groups) == ["United States", "China"]
    assert [m.text for m in groups["United States"]] == ["Washington", "U.S."]
    assert all(isinstance(m, Mention) for ms in groups.values() for m in ms)


def test_empty_text(finder: MentionFinder) -> None:
    assert finder.find("") == []
    assert finder.find("Nothing to see here.") == []


def test_fast_enough(finder: MentionFinder) -> None:
    """Far below the real bar (20k sentences/s) so that a busy CI machine still passes."""
    sentences = [
        "The delegation of the Russian Federation stated that Washington and Beijing had failed.",
        "We call on all parties in the Middle East to respect the rights of the Palestinian people.",
        "Economic growth in our region remains fragile and uneven across the continent.",
    ] * 1000
    t0 = time.perf_counter()
    for s in sentences:
        finder.find(s, "2015")
    assert len(sentences) / (time.perf_counter() - t0) > 3000


# ----------------------------------------------------------------------------- more context rules


@pytest.mark.parametrize(("text", "expected"), [
    ("Chad, a software engineer from Denver, said his rent had risen.", []),
    ("Jordan, a 34-year-old nurse, worked double shifts.", []),
    ("Jordan, a close ally of Washington, closed its airspace.", [("Jordan", "Jordan"), ("Washington", "United States")]),
    ("Michael B. Jordan starred in the film.", []),
    ("Turkey sandwiches were served.", []),
    ("Guinea pigs are a traditional dish.", []),
    ("Turkey closed its border.", [("Turkey", "Turkey")]),
])
def test_sentence_initial_and_person_uses(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The novel was translated into Chinese, Japanese and Korean.", []),
    ("The leaflets were printed in Russian and Ukrainian.", []),
    ("Portuguese is spoken on four continents.", []),
    ("She switched from Russian to Kazakh mid-sentence.", []),
    ("Syrian, Lebanese and Palestinian citizens live here.", []),
    ("Russian, Chinese and Iranian officials met.", [("Russian", "Russia"), ("Chinese", "China"), ("Iranian", "Iran")]),
    ("The Russians shelled the bridge.", [("Russians", "Russia")]),
    ("Many Americans oppose the war.", []),
    ("A Chinese survey ship entered the strait.", [("Chinese", "China")]),
    ("Chinese Vice President Li spoke.", [("Chinese", "China")]),
    ("The menu features Italian pasta and Mexican street tacos.", []),
])
def test_demonym_heads_languages_and_lists(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Protesters gathered in west Beijing.", []),
    ("Decisions taken in Washington ignore the South.", [("Washington", "United States")]),
    ("Officials in Moscow denied it.", [("Moscow", "Russia")]),
    ("Crowds filled London's financial district.", []),
    ("The Paris attacks suspect was caught.", []),
    ("Russia moved troops into the region while Moscow Mayor Sobyanin spoke.", [("Russia", "Russia")]),
])
def test_capital_as_place_or_as_state(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The EU, UK, US and Canada imposed sanctions.", [
        ("EU", "European Union"), ("UK", "United Kingdom"), ("US", "United States"), ("Canada", "Canada")]),
    ("It cost US$5 billion, or $US 5 billion.", []),
    ("PLEASE LET US IN", []),
    ("Talks with N. Korea resumed.", [("N. Korea", "North Korea")]),
])
def test_abbreviations_in_context(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text) == expected


def test_headline_case_does_not_hide_state_demonyms(finder: MentionFinder) -> None:
    assert spans(finder, "Russian Troops Enter Town Near Ukrainian Border", "2014-03-01") == [
        ("Russian", "Russia"), ("Ukrainian", "Ukraine")]


def test_finder_pickles_for_worker_processes(finder: MentionFinder) -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(finder))
    assert spans(clone, "Putin met Xi in the Kremlin.", "2020") == spans(finder, "Putin met Xi in the Kremlin.", "2020")


def test_mentions_on_split_sentences_use_sentence_offsets(finder: MentionFinder) -> None:
    from countrystance.segment import split_sentences

    article = ("China and Russia met this week in Moscow for two days of talks.\nVideos by VICE\n"
               "They also took aim at Washington and the U.S. dollar in a joint statement.")
    found = [(s.index, m.text, m.target) for s in split_sentences(article) for m in finder.find(s.text)]
    assert found == [(0, "China", "China"), (0, "Russia", "Russia"),
                     (2, "Washington", "United States"), (2, "U.S.", "United States")]


# ----------------------------------------------------------------------------- real-text rules


@pytest.mark.parametrize(("text", "expected"), [
    # a possessive whose apostrophe the source dropped
    ("Canadas biggest grocer will sell bruised fruit", [("Canada", "Canada")]),
    ("The man who may become South Koreas next leader spoke", [("South Korea", "South Korea")]),
    ("Frances Parliament voted on the bill", [("France", "France")]),
    ("Frances Smith chaired the meeting", []),
    ("Leaders of the two Koreas met at the border", []),
])
def test_possessive_without_apostrophe(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2015-06-01") == expected


@pytest.mark.parametrize("text", [
    "Israeli settlers uprooted olive trees.",
    "Jordanian media said the talks had failed.",
    "The Australian state government will appeal the ruling.",
    "A Saudi guy posted the video.",
    "A senior Pakistani cleric issued the ruling.",
    "The Swedish Pirate Party won a seat.",
    "Australian bushfires destroyed 200 homes.",
    "She is a Norwegian woman of Somali descent.",
    "Many Indian states ban the practice.",
    "The German weapons company was raided.",
    "Indigenous Peruvian won the appeal.",
])
def test_demonyms_of_private_people_media_parties_and_regions(finder: MentionFinder, text: str) -> None:
    assert spans(finder, text, "2015-06-01") == []


@pytest.mark.parametrize(("text", "target"), [
    ("German ministries must cut spending.", "Germany"),
    ("The plan will shrink the Greek economy.", "Greece"),
    ("The Canadian Mint stopped making pennies.", "Canada"),
    ("Chinese state media said the talks went well.", "China"),
    ("Russian fighter pilots arrived at the base.", "Russia"),
    ("A Chinese survey ship entered the strait.", "China"),
    ("Iran detained British embassy staff.", "United Kingdom"),
    ("Israeli Foreign Minister Lieberman denied it.", "Israel"),
    ("Talks on the Palestinian question stalled.", "Palestine"),
])
def test_demonyms_for_state_bodies_and_affairs(finder: MentionFinder, text: str, target: str) -> None:
    assert target in [t for _, t in spans(finder, text, "2011-01-01")]


@pytest.mark.parametrize(("text", "expected"), [
    ("London: a man was arrested after a stabbing.", []),
    ("Fire broke out at Moscow's main cathedral.", []),
    ("Iran closed its London embassy.", [("Iran", "Iran")]),
    ("A bomb exploded in a Nairobi shopping centre.", []),
    ("Rebels entered Tripoli at dawn.", []),
    ("Crowds gathered in Madrid, Spain, on Sunday.", [("Spain", "Spain")]),
    ("Gunfire was heard in the capital, Tripoli.", []),
    ("A Tokyo man was fined.", []),
    ("Beijing warned Washington over the sale.", [("Beijing", "China"), ("Washington", "United States")]),
    ("Merkel defended her policy toward Moscow.", [("Merkel", "Germany"), ("Moscow", "Russia")]),
])
def test_capitals_named_as_places(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2015-06-01") == expected


def test_berlin_is_germany_only_after_reunification(finder: MentionFinder) -> None:
    assert spans(finder, "A conflict over Berlin could be disastrous.", "1961") == []
    assert spans(finder, "Berlin rejected the proposal.", "2015") == [("Berlin", "Germany")]


@pytest.mark.parametrize(("text", "expected"), [
    ("the Government of the Democratic People’s Republic of  Korea said",
     [("Democratic People’s Republic of  Korea", "North Korea")]),
    ("the Republic of\nKorea and Japan", [("Republic of\nKorea", "South Korea"), ("Japan", "Japan")]),
    ("the Democratic People's Republic of Korea", [("Democratic People's Republic of Korea", "North Korea")]),
    ("Viet-Nam and the Democratic Republic of Viet-Nam", [
        ("Viet-Nam", "Vietnam"), ("Democratic Republic of Viet-Nam", "Vietnam")]),
    ("the Islamic State of Afghanistan", [("Islamic State of Afghanistan", "Afghanistan")]),
    ("the Maldive Islands and the Libyan Arab Jamahiriya", [
        ("Maldive Islands", "Maldives"), ("Libyan Arab Jamahiriya", "Libya")]),
    ("the Kingdom of Swaziland and the Union of Burma", [
        ("Kingdom of Swaziland", "Eswatini"), ("Union of Burma", "Myanmar")]),
    ("the Islamic State of Iraq and the Levant", []),  # a group's name (decision 9), not the state
    ("as head of State of the United States", [("United States", "United States")]),
])
def test_formal_and_historical_names_across_whitespace(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "1995") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the GDR is its own (historical) target, not Germany; West Germany is Germany
    ("The German Democratic Republic backs the GDR proposal.",
     [("German Democratic Republic", "East Germany"), ("GDR", "East Germany")]),
    ("East Germany and West Germany joined the United Nations.",
     [("East Germany", "East Germany"), ("West Germany", "Germany")]),
    ("The East German and West German delegations met.",
     [("East German", "East Germany"), ("West German", "Germany")]),
    ("France and West Germany agreed with the West.",
     [("France", "France"), ("West Germany", "Germany"), ("West", "the West")]),
    # colonial names in the speeches of the 1960s
    ("Southern Rhodesia, South West Africa and Nyasaland",
     [("Southern Rhodesia", "Zimbabwe"), ("South West Africa", "Namibia"), ("Nyasaland", "Malawi")]),
    ("the Azerbaijani Republic and the Republic of Armenia",
     [("Azerbaijani Republic", "Azerbaijan"), ("Republic of Armenia", "Armenia")]),
])
def test_historical_states_and_colonial_names(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "1965") == expected


def test_republic_of_the_congo_in_the_congo_crisis(finder: MentionFinder) -> None:
    assert spans(finder, "Troops were sent to the Republic of the Congo.", "1962") == [
        ("Republic of the Congo", "Democratic Republic of the Congo")]
    assert spans(finder, "The Republic of the Congo (Brazzaville) voted yes.", "1962") == [
        ("Republic of the Congo", "Republic of the Congo")]


def test_all_caps_words(finder: MentionFinder) -> None:
    assert kinds(finder, "GERMAN police arrested three men.") == [("GERMAN", "Germany", "demonym")]
    assert spans(finder, "CHINA and RUSSIA block the resolution") == [("CHINA", "China"), ("RUSSIA", "Russia")]
    assert spans(finder, "PLEASE LET US IN") == []


@pytest.mark.parametrize(("text", "expected"), [
    # names whose words are short or common, lost when only 4+-letter words were read as names
    ("NEW ZEALAND AND SRI LANKA SIGN A TRADE DEAL", [("NEW ZEALAND", "New Zealand"), ("SRI LANKA", "Sri Lanka")]),
    ("A MOLASSES SPILL IN A RIVER IN EL SALVADOR", [("EL SALVADOR", "El Salvador")]),
    ("PAKISTAN'S RULING PARTY NOMINATES SLAIN BHUTTO'S HUSBAND", [("PAKISTAN", "Pakistan")]),
    ("THE PEOPLE'S REPUBLIC OF ANGOLA AND THE KINGDOM OF LESOTHO",
     [("PEOPLE'S REPUBLIC OF ANGOLA", "Angola"), ("KINGDOM OF LESOTHO", "Lesotho")]),
    ("WE SUPPORT THE PAPUA NEW GUINEA GOVERNMENT", [("PAPUA NEW GUINEA", "Papua New Guinea")]),
    # a body's or a movement's name is not its state, in capitals as in prose
    ("THE PALESTINE LIBERATION ORGANIZATION SIGNED", []),
    # "US": the state as a headline's subject or before a noun, the pronoun as an object
    ("US OFFICIALS: ISRAEL REQUESTING $5 BILLION IN AID", [("US", "United States"), ("ISRAEL", "Israel")]),
    ("2 US NAVY SAILORS CONVICTED IN OKINAWA", [("US", "United States")]),
    ("PROTESTERS ATTACK US EMBASSY IN TUNIS.", [("US", "United States")]),  # Tunis: the place
    ("UK AND US TO SEND TROOPS", [("UK", "United Kingdom"), ("US", "United States")]),
    ("THE CONFLICT IN KOSOVO DISTANCES US FROM PEACE", [("KOSOVO", "Kosovo")]),
    ("IT IS KNOWN TO ALL OF US.", []),
    ("THIS ENABLES US TO ACT AS ONE", []),
    # common words that are also a leader's name need more than capitals
    ("BUSH FIRES RAGE ACROSS THE STATE", []),
    ("ARTICLE XI OF THE TREATY", []),
])
def test_text_all_in_capitals_reads_like_prose(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2014-06-01") == expected
    # and all in lower case: the same names, "us" as the pronoun unless a determiner makes it the state
    if "US" not in text.split():
        assert spans(finder, text.lower(), "2014-06-01") == [(t.lower(), c) for t, c in expected]


def test_lower_case_abbreviations_and_title_case_joiners(finder: MentionFinder) -> None:
    assert spans(finder, "the us government and the eu agreed on iran") == [
        ("us", "United States"), ("eu", "European Union"), ("iran", "Iran")]
    assert spans(finder, "let us thank the people of chad") == [("chad", "Chad")]
    assert spans(finder, "us too") == [] and spans(finder, "us officials say") == [("us", "United States")]
    # a capital whose lower case is longer ("İ" -> "i̇") keeps the offsets
    assert spans(finder, "İSTANBUL TALKS WITH TÜRKİYE AND IRAN", "2023") == [("TÜRKİYE", "Turkey"), ("IRAN", "Iran")]
    # a headline in Title Case keeps "Of"/"And" inside the formal name
    assert spans(finder, "Talks With The Islamic Republic Of Iran And Trinidad And Tobago Resume") == [
        ("Islamic Republic Of Iran", "Iran"), ("Trinidad And Tobago", "Trinidad and Tobago")]
    # prose with one capitalised "The" is left alone
    assert spans(finder, "He read The Times of India on the flight.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Korea and Japan agreed on a swap line.", [("Korea", "South Korea"), ("Japan", "Japan")]),
    ("He called Japan's occupation of Korea a tragedy.", [("Japan", "Japan")]),
])
def test_korea_for_the_whole_peninsula(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2014-06-16") == expected
    assert spans(finder, "We support the peaceful reunification of Korea.", "1975") == []


def test_america_as_a_continent(finder: MentionFinder) -> None:
    assert spans(finder, "Hunger persists in Asia, Africa, Europe and America.", "1951") == []
    assert spans(finder, "America and Europe disagree on trade.", "2015") == [("America", "United States")]


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Frederick Chiluba addressed the summit.", "1999", [("Frederick Chiluba", "Zambia")]),
    ("King Juan Carlos of Spain opened the session.", "2012-07-24",
     [("Juan Carlos", "Spain"), ("Spain", "Spain")]),
    ("Juan Carlos Varela took office.", "2014-07-01", [("Juan Carlos Varela", "Panama")]),
    ("Bush spoke about the economy.", "2009", []),  # out of office for most of 2009
    ("Obama spoke about the economy.", "2009", [("Obama", "United States")]),
    ("The first lady, Ms. Margaret Kenyatta, opened the clinic.", "2014", []),
    ("Worshippers gathered at Al-Haram Al-Sharif.", "2015", []),
])
def test_more_leaders(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("We thank the President of the Republic of Senegal, His Excellency Mr. Paul Ndoye, for his words.",
     [("Republic of Senegal", "Senegal"), ("Paul Ndoye", "Senegal")]),
    ("Mr. Paul Ndoye, President of Senegal, spoke first.", [("Paul Ndoye", "Senegal"), ("Senegal", "Senegal")]),
    ("Senegalese President Paul Ndoye arrived.", [("Senegalese", "Senegal"), ("Paul Ndoye", "Senegal")]),
    ("Former Senegalese President Paul Ndoye arrived.", [("Senegalese", "Senegal")]),
    ("The Vice President of Senegal, Mr. Paul Ndoye, arrived.", [("Senegal", "Senegal")]),
    ("Therefore, the President of Senegal spoke.", [("Senegal", "Senegal")]),
])
def test_a_titled_leader_the_list_does_not_know(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2030") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Violence flared in Northern Ireland.", []),
    ("The war in Indo-China ended.", []),
    ("Malaysia Airlines cancelled the flight.", []),  # a company, like Air France
    ("Salvador Allende was elected.", []),
])
def test_names_inside_other_names(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2015") == expected



@pytest.mark.parametrize(("text", "date", "expected"), [
    # a plural agent and then a headline verb
    ("Russian forces storm an air base.", "2014-03-22", [("Russian", "Russia")]),
    ("Serbian troops storm the village.", "1999", [("Serbian", "Serbia")]),
    ("The German weapons company was raided.", "2015", []),
    # "-ers" verbs are not person nouns
    ("Kyrgyz president offers to resign", "2010-04-13", [("Kyrgyz", "Kyrgyzstan")]),
    # a full leader name out of term hides the surname another leader shares
    ("Fidel Castro wrote to the pope.", "2012-03-29", []),
    ("Fidel Castro addressed the Assembly.", "1960", [("Fidel Castro", "Cuba")]),
    ("Castro met the delegation.", "2012-03-29", [("Castro", "Cuba")]),
    # abbreviated and formal names seen in headlines and old speeches
    ("NZ Prime Minister defends the budget.", "2016", [("NZ", "New Zealand")]),
    ("S. Korean court rules on bribes.", "2015", [("S. Korean", "South Korea")]),
    ("We welcome the People's Republic of Angola.", "1977", [("People's Republic of Angola", "Angola")]),
    ("We welcome Guinea- Bissau as a Member.", "1974", [("Guinea- Bissau", "Guinea-Bissau")]),
    ("Oil from the Gulf of Thailand reached the beach.", "2013", []),
    ("Netherlands Antilles ceased to exist.", "2010", []),
    ("The Tokyo gubernatorial election is on Sunday.", "2014", []),
])
def test_patterns_from_reviewing_real_text(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


# ----------------------------------------------------------------------------- second review of real text


@pytest.mark.parametrize(("text", "date", "expected"), [
    # verbs and nouns that only look like person nouns ("agrees", "spree")
    ("Yemeni president agrees to step down", "2011-04-23", [("Yemeni", "Yemen")]),
    ("Amnesty blasts staggering Iranian execution spree", "2015-07-25", [("Iranian", "Iran")]),
    # an office after a private noun is the state's
    ("German food minister stands up for pork", "2016-03-26", [("German", "Germany")]),
    ("They tried to kill the British High Commissioner in Palestine.", "1972",
     [("British", "United Kingdom"), ("Palestine", "Palestine")]),
    # a spaced dash starts a new part of a headline
    ("Assange reveals messages discussing Swedish extradition - WikiLeaks founder speaks", "2013-05-20",
     [("Swedish", "Sweden")]),
    ("Talks stay within Israeli-approved parameters.", "2009-03-02", [("Israeli", "Israel")]),
    # a headline's source at its end; a short headline with the article
    ("Russia made missile that downed MH17: Dutch", "2015-10-13", [("Russia", "Russia"), ("Dutch", "Netherlands")]),
    ("Why Are The French So Determined To Run The IMF?", "2011-06-05", [("French", "France")]),
    ("Pakistani Behind the Nuclear Deal", "2013-04-01", []),
    # not the state: tales, aid workers, guards and hackers
    ("Nigerian hoax results in two deaths", "2014-10-10", []),
    ("An American aid worker was kidnapped.", "2014", []),
    ("Ex-Swiss guard complains of advances in the barracks", "2014-01-08", []),
    ("Syrian Electronic Army hacks another website", "2013-08-28", []),
    ("We defend the right of the Kampuchean people to decide.", "1982", [("Kampuchean", "Cambodia")]),
])
def test_demonyms_from_the_second_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Four fallacies about the Russo-Georgian conflict", [("Russo", "Russia"), ("Georgian", "Georgia")]),
    ("Sino-US relations improved.", [("Sino", "China"), ("US", "United States")]),
    ("The Anglo-French forces landed.", [("Anglo", "United Kingdom"), ("French", "France")]),
    # not before another state's word, or not for the state
    ("The Indo-Pacific strategy, Anglo-Saxon law and Sino-Tibetan languages", []),
    ("The Indo-Fijian community voted.", []),
])
def test_combining_forms(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2011") == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Did the Palestine Liberation Organization decide on withdrawal?", "1982", []),
    ("Members of the Kosovo Liberation Army and of the Pakistan Peoples Party were held.", "2008", []),
    ("The People's Democratic Party of Afghanistan strove for progress.", "1978", []),
    ("The Communist Party of China met.", "2012", []),  # a party, even the ruling one
    ("the Central Committee of the Romanian Communist Party", "1975", []),
    ("Tony Blair told the Iraq Inquiry that the threat had not grown.", "2010-01-28", []),
    ("Spain opens inquiry on Guantanamo", "2009-04-29", [("Spain", "Spain")]),
    ("Spain Opens Inquiry on Guantanamo", "2009-04-29", [("Spain", "Spain")]),
    ("Beersheba schools close | The Times of Israel", "2012-10-28", []),
    ("Campaigners demand an end to ivory ads on Google Japan", "2013-03-06", []),
    ("Unilever Pakistan Kills a Young Boy in a Stunt", "2009-08-29", []),
    ("Activists occupied the Bank of Ireland.", "2014-05-23", []),
    ("The Central Bank of Ireland raised rates.", "2014-05-23", [("Ireland", "Ireland")]),
    ("Royal Brunei Airlines' first all-female crew lands in Saudi Arabia", "2016-03-14",
     [("Saudi Arabia", "Saudi Arabia")]),
    ("Royal Malaysia Police arrested him.", "2016", [("Malaysia", "Malaysia")]),
    ("Missing Malaysia Airlines flight MH370 was tracked", "2014-04-27", []),
    ("Russia to Help Palestine Become Independent State", "2015-03-28", [("Russia", "Russia"), ("Palestine", "Palestine")]),
    ("Pro-NATO Reform Party beats its rivals", "2015-03-02", [("NATO", "NATO")]),
    ("The Sweden Democrats won seats as Sweden voted.", "2014", [("Sweden", "Sweden")]),
    ("China Daily reported that Japan protested.", "2014", [("Japan", "Japan")]),
    ("Russia daily bombs Aleppo", "2016", [("Russia", "Russia")]),
    ("We support Argentina over the Malvinas, South Georgia Islands and South Sandwich Islands.", "2016",
     [("Argentina", "Argentina")]),
])
def test_names_inside_organisation_company_and_place_names(finder: MentionFinder, text: str, date: str,
                                                           expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an abbreviation is a name of the state, and names count before any noun (decision 1 in
    # data/mentions/README.md): blind reviews 21-26 listed all 11 such uses the finder used to
    # drop as missed, and judged the 67 it kept right
    ("Fans campaign against the US singer Demi Lovato after her concert", [("US", "United States")]),
    ("ISIL 'beheads US aid worker'", [("US", "United States")]),
    ("US scientists boycott Nasa conference over China ban", [("US", "United States"), ("China", "China")]),
    ("Nasa faces backlash from US researchers", [("US", "United States")]),
    ("US doctor infected with Ebola heading to Nebraska", [("US", "United States")]),
    ("Chinese students register US based website", [("US", "United States")]),
    ("US troops and US officials left.", [("US", "United States"), ("US", "United States")]),
    ("The US company has yet to stop the leak", [("US", "United States")]),
    ("29 leading U.S. nuclear scientists praise the deal", [("U.S.", "United States")]),
    ("rules that give EU citizens a greater say", [("EU", "European Union")]),
    ("Internet-Mana party rejected by NZ voters", [("NZ", "New Zealand")]),
    # the demonym of the same people is not the state
    ("American scientists boycott the conference", []),
])
def test_abbreviations_count_before_private_nouns(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Turkey tells West it might launch an offensive", "2011-06-30", [("Turkey", "Turkey"), ("West", "the West")]),
    ("Syria rebels warn they will turn to Al-Qaeda if West fails them", "2012-08-17",
     [("Syria", "Syria"), ("West", "the West")]),
    ("Putin Warns West of Big War in Syria", "2015", [("Putin", "Russia"), ("West", "the West"), ("Syria", "Syria")]),
    ("Improved East-West relations matter.", "1989", [("West", "the West")]),
    ("Kanye West sings; West Ham won; the Wild West; off West coast of the island.", "2015", []),
    ("South-West Africa, the North-West Frontier and the East-West Highway", "1970",
     [("South-West Africa", "Namibia")]),
])
def test_west_without_the_article_in_headlines(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("A Letter From London", "2010-01-03", []),
    ("No country was so remote from Paris.", "1948", []),
    ("Vandals Graffiti The Word 'Islam' On Two London War Memorials", "2013-05-27", []),
    ("Madrid 'Euro-pact' protesters take to streets", "2011-06-20", []),
    ("Google invited activists to meet with academics and public sector officials in Dublin to discuss it.",
     "2011-06-29", []),
    ("Officials in Moscow said the offer stood.", "2015", [("Moscow", "Russia")]),
    ("The Pirate Party won seats in Berlin's state parliament.", "2011-09-20", []),
])
def test_capitals_named_as_places_second_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Conferences were held in Vienna, Bonn and Brussels last year.", []),
    ("Talks In Vienna, Bonn And Brussels Fail", []),
    ("In Moscow, Beijing and Tehran the reaction was cool.", []),
    ("Protests in Paris, London, and Berlin drew crowds.", []),
    # no list: a clause after the comma, or a comma and "and" between two items
    ("After the talks in Moscow, Washington said it would respond.", [("Washington", "United States")]),
    ("There were abuses in Xinjiang, and Beijing hit back.", [("Beijing", "China")]),
    # a conjunction further back ends the earlier list; a list of actors stays the states
    ("The ministers met in Paris and London, Moscow and Beijing protested.",
     [("Moscow", "Russia"), ("Beijing", "China")]),
    ("Sanctions imposed by Washington, London and Paris.",
     [("Washington", "United States"), ("London", "United Kingdom"), ("Paris", "France")]),
])
def test_capitals_listed_after_a_place_are_places(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Brown urges G20 to keep spending", "2009-09-05", [("Brown", "United Kingdom")]),
    ("Author Dan Brown feels the wrath of critics", "2009-05-15", []),
    ("Analyst Chad Brown said the shares were cheap.", "2009-05-15", []),
    ("Analyst Chad Brown said the shares were cheap.", "2016-05-10", []),
    ("Jobless have 'no right' to wait for dream job: Abbott", "2014-05-25", [("Abbott", "Australia")]),
    ("MPs declared the Harper government in contempt of Parliament.", "2011-03-17", [("Harper", "Canada")]),
    # (a capital visited is a place, as "visited" always was)
    ("Canadas Harper visits Kyiv", "2015-06-01", [("Canada", "Canada"), ("Harper", "Canada")]),
    # a surname before "government" or "administration" stands for the state while in office
    ("From the very start, the Wilson Government played into their hands.", "1966", [("Wilson", "United Kingdom")]),
    ("The Wilson Government acted.", "1972", []),
    ("The Carter administration objected.", "1978", [("Carter", "United States")]),
    ("Mr. de Klerk, the new leader of South Africa, spoke.", "1989-09-27",
     [("de Klerk", "South Africa"), ("South Africa", "South Africa")]),
    ("The First Prime Minister, His Royal Highness Prince Norodom Ranariddh, spoke.", "1994",
     [("Norodom Ranariddh", "Cambodia")]),
    ("This is the view of the President of the Republic, Mr. Antonio Guzman.", "1979",
     [("Antonio Guzman", "Dominican Republic")]),
    ("Will Saad Hariri, the current prime minister, dare to challenge them?", "2010-08-02", [("Saad Hariri", "Lebanon")]),
    ("They killed the Lebanese Prime Minister Rafique Al Hariri.", "2009-05-18", [("Lebanese", "Lebanon")]),
    ("Gadaffi dropping bombs on rebel forces", "2011-03-07", [("Gadaffi", "Libya")]),
    ("Nicolas Maduro Moros, and the entire Venezuelan people.", "2023",
     [("Nicolas Maduro Moros", "Venezuela"), ("Venezuelan", "Venezuela")]),
])
def test_leaders_from_the_second_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Uh, reddit? Brisbane, AU (one of our largest cities) is being washed away.", "2011-01-11", [("AU", "Australia")]),
    ("The UN, AU and EU met; Dlamini, AU Commission chair, spoke.", "2011-01-11",
     [("AU", "African Union"), ("EU", "European Union"), ("AU", "African Union")]),
    ("The aggression mounted against the People's Republic of Benin.", "1977", [("People's Republic of Benin", "Benin")]),
    ("We support the People's Democratic Republic of Korea.", "1985",
     [("People's Democratic Republic of Korea", "North Korea")]),
])
def test_codes_and_formal_names_from_the_second_review(finder: MentionFinder, text: str, date: str,
                                                       expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # two states' kings called Abdullah reigned 2005-2015: the sentence must say which
    ("Saudi king Abdullah urged to arm the rebels", "2011-03-01", [("Saudi", "Saudi Arabia"), ("Abdullah", "Saudi Arabia")]),
    ("King Abdullah of Jordan met the envoy", "2010-01-01", [("Abdullah", "Jordan"), ("Jordan", "Jordan")]),
    ("King Abdullah met the envoy", "2010-01-01", []),
    ("King Abdullah met the envoy", None, []),
    ("An angry King Abdullah tells US lawmakers he will strike back", "2015-02-05",
     [("Abdullah", "Jordan"), ("US", "United States")]),
    ("Turkish PM Recep Erdogan says protests will end", "2013-06-01", [("Turkish", "Turkey"), ("Recep Erdogan", "Turkey")]),
    ("Pres. Erdoan vows revenge", "2016-07-20", [("Erdoan", "Turkey")]),  # the "ğ" lost in encoding
    ("Irish leader President Higgins visits Britain", "2014-04-08",
     [("Irish", "Ireland"), ("Higgins", "Ireland"), ("Britain", "United Kingdom")]),
    ("President Higgins visits Britain", "2009-04-08", [("Britain", "United Kingdom")]),  # before his term
])
def test_leaders_from_the_third_review(finder: MentionFinder, text: str, date: str | None, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a seat of power named as the building is a place, not the government
    ("Crowds celebrate at the White House after the election", []),
    ("Protesters gathered outside the Kremlin on Sunday", []),
    ("Police stood in front of the Elysee.", []),
    ("The guest dined at the White House.", []),
    ("Officials at the White House said the plan would fail", [("White House", "United States")]),
    ("The senator lashed out at the White House over the deal", [("White House", "United States")]),
    ("The Kremlin said the talks would go on", [("Kremlin", "Russia")]),
    # "Washington, D.C." judged like "Washington"
    ("The ruling came from a federal court in Washington, D.C. on Friday", []),
    ("Washington, D.C. warned Moscow on Friday", [("Washington, D.C.", "United States"), ("Moscow", "Russia")]),
    ("London's Olympic mascot unveiled", []),
])
def test_seats_and_capitals_as_places_third_review(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2012-01-01") == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # from review 4: a capital named as a destination, an origin, a range or a thing that happens to a city
    ("Russia has sent interior ministry troops to Moscow.", "2011-12-06", [("Russia", "Russia")]),
    ("Troops loyal to Moscow entered the town.", "2014-03-26", [("Moscow", "Russia")]),
    ("Israelis Flock To Berlin For Better Life", "2013-03-10", []),
    ("TV pictures from Tehran delivered a stark reminder.", "2009-06-15", []),
    ("He was caught smuggling two tons of pills out of Beirut.", "2015-10-28", []),
    ("From Casablanca to Cotonou, the coast is eroding.", "2009", []),
    ("Honduras switched diplomatic recognition from Taipei to Beijing.", "2023-03-26",
     [("Honduras", "Honduras"), ("Taipei", "Taiwan"), ("Beijing", "China")]),
    ("They were attacked while driving between Mexico City and Monterrey.", "2011-02-16", []),
    ("Relations between Moscow and Beijing improved.", "2014-03-26", [("Moscow", "Russia"), ("Beijing", "China")]),
    ("Eight killed as typhoon ravages Manila", "2011-08-28", []),
    ("Prague evacuated as floods grip the country", "2013-06-03", []),
    ("Tony Blair scraps London book signing.", "2010-09-06", []),
    ("the Madrid terms of reference and the principle of land for peace", "2009", []),
    ("It was found in the canton of Bern.", "2014-06-02", []),
    ("Berlin Senate negotiates the transformation of 22 hotels", "2016-02-02", []),
    ("Our fate will not be decided in Paris or Berlin.", "2009-06-12", [("Paris", "France"), ("Berlin", "Germany")]),
    ("New figures released by Downing St show a rise.", "2016-04-10", [("Downing St", "United Kingdom")]),
])
def test_capitals_from_the_fourth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("OSCE Slams Putin For The 'Height Of Hypocrisy'", "2014-04-25", [("Putin", "Russia")]),  # a headline verb before
    ("President Hosni Mubarak Addresses The Egyptian People", "2011-02-10",
     [("Hosni Mubarak", "Egypt"), ("Egyptian", "Egypt")]),
    ("I am charged by His Majesty King Mswati III to convey greetings.", "1996", [("Mswati III", "Eswatini")]),
    ("Sweden's King Carl XVI Gustaf expressed concern.", "2015-03-22",
     [("Sweden", "Sweden"), ("Carl XVI Gustaf", "Sweden")]),
    ("We hope that President Gemayel's appeal will be heard.", "1987", [("Gemayel", "Lebanon")]),
    ("We hope that President Gemayel's appeal will be heard.", "1995", []),
    ("on behalf of my Head of State, General Sani Abacha,", "1997", [("Sani Abacha", "Nigeria")]),
    ("a statement by Leonid Ilyich Brezhnev, General Secretary", "1980", [("Leonid Ilyich Brezhnev", "Soviet Union")]),
    ("Her Majesty Queen Juliana's speech from the Throne", "1966", [("Juliana", "Netherlands")]),
    ("Uruguay's President Jose Mujica wants to host Syrian children", "2014-05-22",
     [("Uruguay", "Uruguay"), ("Jose Mujica", "Uruguay")]),
])
def test_leaders_from_the_fourth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # short title-case headlines: three capitalised words make the case, for leaders only
    ("Moscow Protesters Denounce Putin Victory", "2012-03-05", [("Putin", "Russia")]),
    ("Venezuela's Chavez Hikes Windfall Tax on Oil Firms", "2011-04-22",
     [("Venezuela", "Venezuela"), ("Chavez", "Venezuela")]),
    ("Belarusian President Frees All 6 Political Prisoners", "2015-08-22", [("Belarusian", "Belarus")]),
    ("Secret Wife Of Saudi King Awarded $40m By UK Court", "2014-11-01",
     [("Saudi", "Saudi Arabia"), ("UK", "United Kingdom")]),
    # ... and not for demonyms, whose capitals there still say "a name goes on"
    ("Magnitude 8.2 Earthquake Hits Russian Far East off Kamchatka", "2013-05-24", []),
])
def test_leaders_in_short_title_case_headlines(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("the Central Committee of the Communist Party of the Soviet Union", "1980", []),
    ("We want a United States of Europe, says a top EU official", "2014-01-10", [("EU", "European Union")]),
    ("Olmert disavows \"Greater Israel\"", "2008-09-29", [("Olmert", "Israel")]),
    ("Firefighters in South Australia are battling fires.", "2015", []),
    ("the Friends of Yemen conference held at the United Nations", "2012", []),
    ("the United Nations Interim Force in Lebanon (UNIFIL)", "1987", []),
    # a demonym before a private person or a private thing
    ("Israeli hiker finds 2,000-year-old gold coin", "2016-01-01", []),
    ("Peruvian farmers and police clash at $7.4bn Chinese mine", "2015-06-01", []),
    ("Vatican turns on senior Irish clergy.", "2010-03-01", [("Vatican", "Holy See")]),
])
def test_names_and_demonyms_from_the_fourth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # from review 5
    ("Hezbollah condemns the Paris and Beirut attacks", "2015-11-15", []),
    ("with fulfilment of the Oslo and Washington Agreements", "1995", []),
    ("It'll run from Tokyo to Nagoya at 500 km/h", "2014", []),
    ("the destruction of Beirut", "1982", []),
    ("Pakistani jets bomb the Taliban to halt their advance on Islamabad", "2009", [("Pakistani", "Pakistan")]),
    ("Athens ablaze as protesters try to storm parliament", "2012-02-12", []),
    ("We look forward to welcoming Heads of State or Government in Copenhagen.", "2009", []),
    ("the situation in Niger and Guinea-Conakry", "2010", [("Niger", "Niger"), ("Guinea-Conakry", "Guinea")]),
    ("Thousands took to the streets in Barcelona, Madrid and other large cities.", "2012", []),
    ("Tehran has supplied drones used to attack cities in Ukraine.", "2023", [("Tehran", "Iran"), ("Ukraine", "Ukraine")]),
    ("Tunisias Islamist-led government resigns", "2013-01-01", [("Tunisia", "Tunisia")]),  # lost apostrophe
])
def test_capitals_from_the_fifth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # from review 6: name forms of heads of state
    ("President France Albert René of Seychelles spoke", "1990",
     [("France Albert René", "Seychelles"), ("Seychelles", "Seychelles")]),  # not France
    ("President Chvez said he would stay", "2010-05-01", [("Chvez", "Venezuela")]),  # the accent lost
    ("His Majesty Sultan Qaboos Bin Said", "2010", [("Qaboos Bin Said", "Oman")]),
    ("Vladimir V. Putin said so", "2014", [("Vladimir V. Putin", "Russia")]),
    ("the Gambian leader Yahya A. J. J. Jammeh", "2005", [("Gambian", "Gambia"), ("Yahya A. J. J. Jammeh", "Gambia")]),
    ("President Konaré will visit", "1995", [("Konaré", "Mali")]),
    ("President Konaré will visit", "2005", []),
])
def test_leaders_from_the_sixth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("N Korean leader Kim Jong Il dies", [("N Korean", "North Korea")]),  # dead by the date
    ("S Korean terror bill filibuster in 5th day", [("S Korean", "South Korea")]),
    ("Trade with S. Africa grew.", [("S. Africa", "South Africa")]),
])
def test_abbreviated_north_and_south_from_the_seventh_review(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2011-12-19") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Iran's President Nominates Female Vice President", [("Iran", "Iran")]),  # a headline verb, no name
    ("Air France hands out copies of Charlie Hebdo on flights", []),
    ("Russia Today anchor goes off script", []),
    ("Entire Indian ocean on tsunami watch", []),
])
def test_names_from_the_eighth_review(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2013-08-04") == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # names inside a city's, an event's or a war's name (review 8)
    ("the Protocol of Port-of-Spain was signed by Guyana.", "1971", [("Guyana", "Guyana")]),
    ("the Protocol of Port-of- Spain was signed.", "1971", []),  # a line-break hyphen
    ("to act in Congo- Brazzaville.", "1997", [("Congo- Brazzaville", "Republic of the Congo")]),
    ("Myths of the Cuban Missile Crisis", "2012", []),
    ("the twenty-one American republics", "1960", []),
    ("Blair: Iraq War was right even if there were no WMDs", "2010-01-01", []),
    ("veterans of the Vietnam war marched", "1990", []),
    # a war between two states keeps them both
    ("the Iran-Iraq war ended in 1988.", "1990", [("Iran", "Iran"), ("Iraq", "Iraq")]),
    ("Ex-Swiss guard complains of sexual advances", "2014", []),
    # capitals as places, documents and conferences
    ("said Tokyo-based journalist Jon Mitchell.", "2013", []),
    ("MOSCOW For hundreds of years, mariners have dreamed of a shortcut", "2013", []),
    ("MOSCOW (Reuters) - Russia said on Monday", "2013", [("Russia", "Russia")]),
    ("the Paris and Manila conferences have ended in failure.", "1980", []),
    ("negotiations on the Berlin mandate began.", "1995", []),
    ("the two Vienna communiqués were adopted.", "2016", []),
])
def test_names_and_capitals_inside_other_names_from_the_eighth_review(finder: MentionFinder, text: str, date: str,
                                                                       expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # named out of office by the writer, whatever the date says
    ("that then Polish PM Tusk was behind the crash", "2013-05-01", [("Polish", "Poland")]),
    ("then Prime Minister Tusk was behind it", "2013-05-01", []),
    ("and then Tusk said no", "2013-05-01", [("Tusk", "Poland")]),  # "then" the adverb
    ("Since then President Boumediene's initiative has grown", "1974", [("Boumediene", "Algeria")]),
    ("after outgoing Prime Minister George Papandreou's call", "2011-11-03",
     [("George Papandreou", "Greece")]),  # outgoing is still in office
    # another state's leader's name inside a titled name does not stop the title rule
    ("the greetings of President Abdullah Saleh of Yemen", "2002", [("Abdullah Saleh", "Yemen"), ("Yemen", "Yemen")]),
    # ... while the state's own leader out of office still does ("the list decides")
    ("President Fidel Castro of Cuba", "2012", [("Cuba", "Cuba")]),
    ("I commend President Al Sisi of Egypt", "2016", [("Al Sisi", "Egypt"), ("Egypt", "Egypt")]),
    ("with their leader, Commander Maduro.", "2016", [("Maduro", "Venezuela")]),
    ("Launched by Prince Albert II at the Assembly", "2013", [("Albert II", "Monaco")]),
    ("King Albert II opened the session", "2000", [("Albert II", "Belgium")]),
])
def test_leaders_from_the_eighth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("People Republic of China's official media", "2010", [("People Republic of China", "China")]),  # not Taiwan
    ("the aspirations of China on Taiwan for greater participation", "2010", [("China on Taiwan", "Taiwan")]),
    ("talks between the United States and North Viet-Nam", "1968",
     [("United States", "United States"), ("North Viet-Nam", "Vietnam")]),
    ("an order under Section 215 of the USA Patriot Act.", "2013", []),
    ("the Final Act of Helsinki", "1980", []),
    ("results from Uganda Virus Research Institute ruled out Ebola", "2012", []),
    ("Gunships strike Pakistan Taliban in Swat", "2009", []),
    ("the Central Committee of the Romanian Communist Party", "1975", []),
    ("a former official in the Chinese Communist Partys Propaganda Department", "2012", []),
    # capitals as places
    ("The government is using tanks to shell Damascus", "2012", []),
    ("CIA chief visited Kiev over the weekend", "2014", []),
    ("Yemen crisis: Sanaa resident describes the bombing", "2015", [("Yemen", "Yemen")]),
    ("HK protesters denied Beijing flight", "2014", []),
    # demonyms: an office and its holder; a title and a verb; private people
    ("Australian Treasurer Joe Hockey has attacked wind farms", "2014", [("Australian", "Australia")]),
    ("Turkish PM storms off in Gaza row", "2009", [("Turkish", "Turkey")]),
    ("Jordanian Monarchy under pressure", "2011", [("Jordanian", "Jordan")]),
    ("Russian males aged 16-60 banned from entering", "2014", []),
    ("Wikileaks: Swiss bank closes Julian Assange's account", "2010", []),
    ("Icelandic bank bosses jailed", "2015", []),
    ("The Russian central bank raised rates.", "2015", [("Russian", "Russia")]),
    ("the Swiss National Bank cut rates", "2015", [("Swiss", "Switzerland")]),
    ("ravaging Mozambican peasants and workers", "1985", []),
    ("the western Mexican state of Michoacan", "2014", []),
    # leaders and spellings the list lacked
    ("Prime Minister Lawrence Gonzi has conceded", "2011", [("Lawrence Gonzi", "Malta")]),
    ("I thank President Nicholas Sarkozy", "2008", [("Nicholas Sarkozy", "France")]),
    ("the proposal of President Banzer", "1999", [("Banzer", "Bolivia")]),
])
def test_patterns_from_the_ninth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the Conferences — Rio, Vienna, Cairo, Copenhagen, Beijing and Istanbul.", []),
    ("street protests, whether in Seattle, Washington, Prague, Quebec city or Rome, are anarchists.", []),
    ("commitments undertaken in Monterrey, Gleneagles, Doha, Paris and Toronto.", []),
    # a list of states, or one other name in a short list, leaves the capitals the states
    ("Moscow, Beijing and Tehran condemned the strike.",
     [("Moscow", "Russia"), ("Beijing", "China"), ("Tehran", "Iran")]),
    ("Washington, London and Hezbollah traded accusations.",
     [("Washington", "United States"), ("London", "United Kingdom")]),
])
def test_capitals_in_a_list_of_cities_are_places(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2001") == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # names inside other names, currencies (review 10)
    ("the Zimbabwe dollar collapsed", "2008", []),
    ("a fine of US $2000", "2012", []),
    ("Israel Military Industries sold the rifles", "2010", []),
    ("the Barbados Programme of Action on small islands", "2000", []),
    ("100s Occupy Brazil Dam", "2012", [("Brazil", "Brazil")]),  # a verb
    ("the Friends of Papua New Guinea met", "2005", []),
    ("Pirate Party UK launched", "2009", []),
    ("in the Republic of Guinea- Bissau, elections", "2005", [("Republic of Guinea- Bissau", "Guinea-Bissau")]),
    # capitals acting, demonyms and leaders the lists lacked
    ("Khartoum must actively cooperate with the Court", "2012", [("Khartoum", "Sudan")]),
    ("Berlin's skepticism of the plan", "2012", [("Berlin", "Germany")]),
    ("the Lao Government said", "1985", [("Lao", "Laos")]),
    ("the Belarussian President said", "2005", [("Belarussian", "Belarus")]),
    ("a Pakistani housewife won", "2012", []),
    ("the Australian Senate voted", "2013", [("Australian", "Australia")]),
    ("French Assembly approves the bill", "2013", [("French", "France")]),
    ("our President, Gustav Husak, said", "1982", [("Gustav Husak", "Czechoslovakia")]),
    ("His Majesty King Jigme Singye Wangchuck", "2005", [("Jigme Singye Wangchuck", "Bhutan")]),
])
def test_patterns_from_the_tenth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # private heads after a demonym: a pop idol, a villa, a branch of a charity, tickets, clients
    ("Japanese idol apologises to her fans", "2013", []),
    ("The tycoon is building a Spanish villa by the sea", "2010", []),
    ("The French branch of the charity was fined", "2014", []),
    ("Police seized fake Italian train tickets", "2014", []),
    ("The bank helped American clients hide money", "2009", []),
    ("An annual Chinese event draws protests", "2015", []),
    ("The report is in Dutch (Dutch link)", "2010", []),
    ("Kenyan breaks the marathon world record", "2014", []),
    ("the Congolese of Kivu fled", "1998", []),
    # ... and state heads the finder used to miss
    ("The UK subsidiary of the retailer cut jobs", "2014", [("UK", "United Kingdom")]),  # a name (reviews 21-26)
    ("Israel must withdraw from the occupied Syrian Golan", "2005", [("Israel", "Israel"), ("Syrian", "Syria")]),
    ("A Plea for the Palestinian Cause", "2012", [("Palestinian", "Palestine")]),
    ("State-owned Russian media kept silent", "2016", [("Russian", "Russia")]),
    # lower-case demonyms before a state organ only
    ("russian troops start to withdraw", "2008", [("russian", "Russia")]),
    ("Japan threatens to fire at chinese fighters", "2013", [("Japan", "Japan"), ("chinese", "China")]),
    ("I love chinese food", "2013", []),
    ("Ukranian President shows his ID", "2015", [("Ukranian", "Ukraine")]),
    # names inside other names
    ("Former Miss Turkey arrested", "2016", []),
    ("He lost his Tour de France titles", "2012", []),
    ("funding for the Special Court for Sierra Leone", "2003", []),
    # capitals as places: approached, erupting, visited in a crowd
    ("As rebels near Kabul, the cabinet meets", "2021", []),
    ("One year after Tehran erupted in protest", "2010", []),
    ("Thousands of activists descended on Washington this week", "2013", []),
    ("a wall connecting Dakar to Djibouti", "2015", [("Djibouti", "Djibouti")]),  # the state and its capital
    # leaders the list did not know, and spellings
    ("I echo President Fox's thanks", "2005", [("Fox", "Mexico")]),
    ("the aim of the Administration of President Serrano Elias", "1992", [("Serrano Elias", "Guatemala")]),
    ("warm greetings from President Kessai H. Note", "2002", [("Kessai H. Note", "Marshall Islands")]),
    ("Egyptian President Al-Sissi attends Mass", "2016", [("Egyptian", "Egypt"), ("Al-Sissi", "Egypt")]),
    ("Morales signs a new law", "2011", [("Morales", "Bolivia")]),
    ("Morales signs a new law", "2017", []),  # Jimmy Morales of Guatemala by then
])
def test_patterns_from_the_eleventh_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Lawmakers vote down Beijing-Backed Election Plan", "2015", [("Beijing", "China")]),
    ("Helsinki-Vantaa airport closed", "2016", []),
    ("the coup in Moscow failed; the Moscow coup against freedom failed", "1991", []),
    ("Could the new era tilt more pro-West?", "2010", [("West", "the West")]),
    ("Snowden rejected a German request for a meeting", "2014", [("German", "Germany")]),
    ("The Roumanian Government condemns the policy", "1981", [("Roumanian", "Romania")]),
    ("the Patriotic Front of Zimbabwe met the Prime Minister", "1979", []),
    ("Putin to dismantle United Russia", "2012", [("Putin", "Russia")]),
    ("Amnesty International UK launched a campaign", "2015", []),
    ("the European parliament voted on the budget", "2016", [("European parliament", "European Union")]),
    # a title form of one leader does not take the first name of a longer one
    ("aid to Afghan President Hamid Karzai", "2013", [("Afghan", "Afghanistan"), ("Hamid Karzai", "Afghanistan")]),
    ("Bashir accepts the vote to secede", "2011", [("Bashir", "Sudan")]),
])
def test_patterns_from_the_twelfth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # the title rule: not a Secretary-General next to a state's title, nor a title as a name
    ("In his message to Secretary-General Kofi Annan, the President of the Republic of Belarus stressed", "2001",
     [("Republic of Belarus", "Belarus")]),
    ("the message of the President of the Republic of Uzbekistan, Chair of the Fund", "2013",
     [("Republic of Uzbekistan", "Uzbekistan")]),
    # each state's leaders sit under their own state
    ("The Honourable Winston Baldwin Spencer, Prime Minister of Antigua and Barbuda, spoke", "2011",
     [("Winston Baldwin Spencer", "Antigua and Barbuda"), ("Antigua and Barbuda", "Antigua and Barbuda")]),
    ("fighters of the Islamic State of Iraq and Syria attacked", "2015", []),
    ("tension across the Taiwan Strait", "2015", []),
    ("Yahoo! Japan stops selling ivory", "2014", []),
])
def test_patterns_from_the_thirteenth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # "<Front> for the Liberation of X" is a movement's name (the pattern had never matched)
    ("commandos of the Popular Front for the Liberation of Palestine struck", "1976", []),
    ("the National Front for the Liberation of South Viet-Nam", "1966", []),
    ("the Government of Mozambique", "1976", [("Mozambique", "Mozambique")]),
    # documents named after a leader
    ("on the basis of the Brundtland report", "1988", []),
    # private heads and a verb after a demonym
    ("a hijacked French airbus landed", "1976", []),
    ("plans to evacuate British residents from Dubai", "2010", []),
    ("Qatari Donates $2 Million", "2014", []),
    ("UNICEF Ireland brought their voices", "2014", []),
    ("the Islamic State in Iraq and the Sham", "2022", []),
    ("Hugo Chvez wins again", "2012", [("Hugo Chvez", "Venezuela")]),
    # after review 15: names inside names, a nickname inside another person's name
    ("Hitachi South Africa paid the party", "2015", []),
    ("the Kampala amendments on aggression", "2015", []),
    ("Christian woman Asia Bibi sentenced", "2012", []),
    ("Bibi said that the deal was bad", "2013", [("Bibi", "Israel")]),
])
def test_patterns_from_the_fourteenth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # leaders of every state since 1946: older and smaller states' heads are listed too
    ("President Nyerere said that Africa must unite", "1970", [("Nyerere", "Tanzania")]),
    ("Prime Minister Fukuda summarized the policy of Japan", "1978-09", [("Fukuda", "Japan"), ("Japan", "Japan")]),
    # a title form ("President [Isaias]") does not cut a longer listed name short
    ("a message of President Isaias Afwerki to the Assembly", "2010", [("Isaias Afwerki", "Eritrea")]),
    # one state's title form out of office does not hide another state's leader
    ("after President Tito's visit to the USSR", "1956", [("Tito", "Yugoslavia"), ("USSR", "Soviet Union")]),
    # "the late President X" is not serving, even through a title form
    ("proposed by the late President Neto of Angola", "1979", [("Angola", "Angola")]),
    ("proposed by President Neto of Angola", "1979", [("Neto", "Angola"), ("Angola", "Angola")]),
    # a title next to the state names the serving head when the list has him in office near
    # the date, even if the list cannot match this spelling of his name
    ("On behalf of Mr. Desire Delano Bouterse, President of the Republic of Suriname", "2019",
     [("Desire Delano Bouterse", "Suriname"), ("Republic of Suriname", "Suriname")]),
])
def test_leaders_of_every_state(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


def test_a_year_only_date_can_be_read_as_a_month() -> None:
    """UN speeches carry only their year; the General Debate is in September."""
    text = "We applaud the efforts of Prime Minister Barak."  # no "of Israel": the list alone decides
    assert ("Barak", "Israel") not in spans(MentionFinder(), text, "1999")  # in office from July
    september = MentionFinder(TargetsConfig(year_only_month=9))
    assert ("Barak", "Israel") in spans(september, text, "1999")
    assert ("Barak", "Israel") in spans(september, text, 1999)  # a year field read as a number
    assert ("Barak", "Israel") not in spans(september, text, "1999-03-01")  # a full date is kept
    with pytest.raises(ValueError, match="year_only_month"):
        MentionFinder(TargetsConfig(year_only_month=13))
    assert load_config([ROOT / "configs/ungdc.yaml"]).targets.year_only_month == 9


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a capital in its air, weather or ground is the city; so is a stop on a journey
    ("Beijing is shrouded in a cloud of smog", "2015-12-02", []),
    ("Moscow shrouded in noxious gas", "2014-11-11", []),
    ("a train that will speed from London to Beijing in 2 hours", "2013", []),
    ("Boeing 777 bound for Paris lands safely", "2015", []),
    ("The UN shifted recognition from Taipei to Beijing.", "1979", [("Taipei", "Taiwan"), ("Beijing", "China")]),
    # Baghdad needs evidence of the state, like London
    ("volunteers flock to defend Baghdad as insurgents advance", "2014", []),
    ("Baghdad declared a nationwide curfew", "2014", [("Baghdad", "Iraq")]),
    ("Exxon's deal with the Kurds inflames Baghdad", "2012", [("Baghdad", "Iraq")]),
    # a possessive without its apostrophe before any capitalised word; not for names that are
    # also first names ("Frances Smith")
    ("Japans New Leader Endorses Nuclear Plants", "2013-01-01", [("Japan", "Japan")]),
    ("Egypts Islamists target churches", "2013-08-18", [("Egypt", "Egypt")]),
    ("UKs January Flooding Surpasses Records", "2014-02-02", [("UK", "United Kingdom")]),
    ("Frances Smith went home", "2014", []),
    # accents dropped by a broken encoding, in names of several words
    ("the reform by President Enrique Pea Nieto", "2016-06-19", [("Enrique Pea Nieto", "Mexico")]),
    # private heads after a demonym
    ("Capture of Mexican drug lord began with an informant", "2013", []),
    ("Japanese zoo apologises for naming its monkey", "2015", []),
    ("Turkish bus ambushed by gunmen", "2011", []),
    # a war named after the country it is fought in (decision 9; review 38 judged it so twice)
    ("The Mexican drug war claimed lives", "2011", []),
    # a community living in another state is not the nation
    ("the coloured and Indian peoples of South Africa", "1984", [("South Africa", "South Africa")]),
    ("the Indian people will decide", "1984", [("Indian", "India")]),
    # historical names, companies and prizes
    ("the Democratic Republic of Germany", "1968", [("Democratic Republic of Germany", "East Germany")]),
    ("The Federation of Malaya is determined", "1959", [("Federation of Malaya", "Malaysia")]),
    ("The lists were confiscated by Moldavian officers.", "2014", [("Moldavian", "Moldova")]),
    ("judges he removed from the Israel prize", "2015", []),
])
def test_patterns_from_the_sixteenth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a title before a headline's verb names nobody
    ("Australian Prime Minister Hacked", "2011-03-30", [("Australian", "Australia")]),
    # an initial without its period
    ("President George W Bush backs the plan", "2008-07-13", [("George W Bush", "United States")]),
    # a leader's surname inside another person's name, a doctrine named after a leader
    ("the great Brazilian Josué de Castro, the first Director-General", "2008", []),
    ("such a threat is contained in the Eisenhower doctrine", "1957", []),
    ("I appeal to President Amin to search his own heart", "1972", [("Amin", "Uganda")]),
    # races, the river, spellings, private heads
    ("riot police on the eve of the Bahrain Grand Prix", "2012", []),
    ("the West Bank of the Jordan and the Golan Heights", "1968", []),
    ("two openly gay men will lead a country (Luxemburg).", "2013", [("Luxemburg", "Luxembourg")]),
    ("130 radioactive Japanese cars banned", "2014", []),
])
def test_patterns_from_the_seventeenth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # airlines, channels and an army named after a state; "S. America" is the continent
    ("Kuwait Airways cancels its New York-London route", "2015-12-18", []),
    ("French television news station France 24 was hoaxed", "2011", []),
    ("The Irish Republican Army took a major step", "2005", []),
    ("Can S. America grow without China?", "2011", [("China", "China")]),
    # "bound for" is a journey, "bound X to Y" a tie between states; an older capital name
    ("the close ties that have always bound Tananarive to Brazzaville", "1963",
     [("Tananarive", "Madagascar"), ("Brazzaville", "Republic of the Congo")]),
    ("there is a State, the German Federal Republic, which does not recognize", "1968",
     [("German Federal Republic", "Germany")]),
])
def test_patterns_from_the_eighteenth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a capital visited, or as a distance; a conference named after its venue
    ("Putin will visit Brazzaville next week.", "2014", [("Putin", "Russia")]),
    ("a town 90 kms from Baghdad was taken", "2014", []),
    ("But the Paris dialogue showed its limitations", "1977", []),
    # spellings, headline abbreviations, a strait, a forum, an amount of money
    ("The Rwandese delegation wishes to assure you.", "1992", [("Rwandese", "Rwanda")]),
    ("the Monegasque Government has paid close attention", "2005", [("Monegasque", "Monaco")]),
    ("SAfrica refuses to join calls for Mugabe to quit", "2008-12-16",
     [("SAfrica", "South Africa"), ("Mugabe", "Zimbabwe")]),
    ("easing of tensions across the Taiwan straits", "2006", []),
    ("[x-post from /r/Canada]", "2013", []),
    ("people who live on less than 1 US dollar a day", "2000", []),
    ("the US dollar fell", "2009", [("US", "United States")]),
    # from review 20: DDR is East Germany only while it existed; the EEC; rivers, universities
    ("the DDR programme for ex-combatants", "2005", []),
    ("the DDR and the GDR signed", "1975", [("DDR", "East Germany"), ("GDR", "East Germany")]),
    ("the EEC and Somalian leaders met", "1989", [("EEC", "European Union"), ("Somalian", "Somalia")]),
    ("Moscow State University and the Senegal river", "2005", []),
])
def test_patterns_from_the_nineteenth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 21: a capital occupied, taken, overlooked or bombed is the city
    ("the militias that occupy Tripoli rejected the deal", "2015", []),
    ("Insurgents vow to take Baghdad as U.S. mulls action", "2014-06-12", [("U.S.", "United States")]),
    ("the heights that overlook Damascus", "2010", []),
    ("since the Taliban takeover of Kabul", "2022", []),
    # ... but an idiom with "take" leaves the state
    ("Moscow took Washington by surprise", "2015", [("Moscow", "Russia"), ("Washington", "United States")]),
    ("Beijing will take Washington to court", "2018", [("Beijing", "China"), ("Washington", "United States")]),
    # a seat of power visited, struck or as grounds is the building
    ("Castro could visit White House, says US", "2015-03-01", [("Castro", "Cuba"), ("US", "United States")]),
    ("N. Korea threatens nuclear strike on White House", "2013-03-07", [("N. Korea", "North Korea")]),
    ("Rousseff may cancel a planned White House visit", "2013-09-05", [("Rousseff", "Brazil")]),
    ("the agreement signed on the White House lawn", "2013", []),
    ("the White House said on Monday", "2013-03-07", [("White House", "United States")]),
    # a city placed in its own state, or joined to its name
    ("Dublin, Ireland brought to standstill.", "2010-11-27", [("Ireland", "Ireland")]),
    ("fierce battles in Mogadishu (Somalia)", "2006-12-01", [("Somalia", "Somalia")]),
    ("the crackdown by the regime in Pyongyang (N.Korea)", "2013",
     [("Pyongyang", "North Korea"), ("N.Korea", "North Korea")]),
    ("aid provided by the Republic of Guinea-Conakry.", "1992", [("Republic of Guinea", "Guinea")]),
    # Washington among US states; a capital used as a transit point; documents and formulas
    ("legalization in Colorado, Washington.", "2016", []),
    ("militants who use Kuala Lumpur as a transit point", "2003", []),
    ("The Colombo documents offer a basis for dialogue.", "1977", []),
    ("the Madrid formula did not call for secret negotiations", "1993", []),
    # a relation between two states after a hyphen compound; a person's origin is no state
    ("the Soviet-American agreement on the prevention of nuclear war", "1974",
     [("Soviet", "Soviet Union"), ("American", "United States")]),
    ("an Iranian-American journalist was jailed", "2015", []),
    # the government's puppets; an event named after the country; spellings of leaders
    ("the United States and their puppets in Seoul", "1975", [("United States", "United States"), ("Seoul", "South Korea")]),
    ("Rwanda genocide mastermind arrested", "2011-08-12", []),
    ("Qadaffi forces laying land mines", "2011-03-30", [("Qadaffi", "Libya")]),
    ("Assassination attempt of Kim Jung Un", "2013-04-01", [("Kim Jung Un", "North Korea")]),
    # the capital named after its country or in a list of cities; an event after capitalised words
    ("to be held in the capital of Kyrgyzstan, Bishkek.", "2013", [("Kyrgyzstan", "Kyrgyzstan")]),
    ("conferences held in Algeria, Lima, Dakar and other capitals", "1973", [("Algeria", "Algeria")]),
    ("the committee of the Windhoek Constitutional Conference", "1976", []),
    ("we launched the Paris- Sorbonne University Abu Dhabi", "2010", []),
    ("the Moscow-Beijing axis", "1970", [("Moscow", "Soviet Union"), ("Beijing", "China")]),
    ("aerial pictures of Seoul", "2014", []),
    ("China to Spend $275 Billion On Clean Air Plan For Beijing", "2014", [("China", "China")]),
    ("Lawmakers vote down Beijing-Backed Election Plan", "2015", [("Beijing", "China")]),
    ("Why Beijing Should Expect More", "2011-12-20", [("Beijing", "China")]),
    ("Irish PM in unprecedented attack on Vatican", "2011-07-20", [("Irish", "Ireland"), ("Vatican", "Holy See")]),
    ("Todays Moscow-Havana flight took a detour", "2013-06-27", []),
])
def test_patterns_from_the_twenty_first_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 22: capitals on an itinerary, at a venue, hosting, or chained in a range
    ("the Secretary-General visited Amman, Cairo, Baghdad and Beirut", "1958", []),
    ("Much has been said, from Rio to Kyoto to Copenhagen.", "2010", []),
    ("He proposed Minsk as a venue for negotiations.", "2015", []),
    ("Ouagadougou will be hosting a seminar", "2005", []),
    ("Astana regularly hosts congresses of leaders", "2011", []),
    ("taken by force to Moscow, where he is still being held", "2015", []),
    ("Freedom too for Moscow, where democratic forces have swept away factions", "1991", [("Moscow", "Soviet Union")]),
    # Monrovia is the venue; "the Liberian capital" is the state's capital, as reviews 24-36 read
    # "the Somali capital", "Turkish capital" (9 listed missed)
    ("the OAU summit in the Liberian capital—Monrovia— where he spoke", "1979", [("Liberian", "Liberia")]),
    # the city's own affairs and ground
    ("City officials in Tehran have agreed to investigate", "2016", []),
    ("Residents mock claims Beijing is most liveable city in the country", "2014", []),
    ("Paris to return Seine to the people with car-free river", "2016", []),
    ("Reformists win all 30 Tehran seats", "2016-02-29", []),
    ("Palestinians flood into Lebanon after Damascus fighting", "2012", [("Lebanon", "Lebanon")]),
    ("gangs control much of Port-au-Prince", "2023", []),
    ("the Soviet Union has developed the antimissile defence of Moscow", "1970",
     [("Soviet Union", "Soviet Union")]),
    # seats of power as buildings; events and coasts named after a capital
    ("ISIS Vows To Blow Up The White House", "2015", []),
    ("a cardinal is moving into a Vatican apartment", "2014", []),
    ("the White House said", "2015", [("White House", "United States")]),
    ("under the Madrid and Oslo frameworks", "2002", []),
    ("Punk Band's Moscow Trial Offers Platform", "2012", []),
    ("Japan Confirms Dock on Washington Coast Is Tsunami Debris", "2012", [("Japan", "Japan")]),
    # only the usual shorthand for a government keeps the plain rules; other capitals need evidence
    ("the Secretary-General went on to Monrovia", "1979", []),
    ("Monrovia rejected the proposal", "1979", [("Monrovia", "Liberia")]),
    ("Those close to Damascus must act", "2013", [("Damascus", "Syria")]),
    ("Kabul must honour its commitments", "2021", [("Kabul", "Afghanistan")]),
    ("Pyongyang is on its knees", "2011", [("Pyongyang", "North Korea")]),
    ("According to Belgrade, they are not the only ones", "2014", [("Belgrade", "Serbia")]),
    ("Qatar is standing up to Damascus over an attack", "2012", [("Qatar", "Qatar"), ("Damascus", "Syria")]),
    ("In spite of Havana's repeated appeals", "1995", [("Havana", "Cuba")]),
    ("Senior Damascus intelligence officer defects", "2012", [("Damascus", "Syria")]),
    # a war between two states is no event named after one of them
    ("The Russia vs Georgia war has disproved it", "2008", [("Russia", "Russia"), ("Georgia", "Georgia")]),
    ("Watch live TV covering the Russia/Georgia war.", "2008", [("Russia", "Russia"), ("Georgia", "Georgia")]),
    ("Three months after Israels war ended", "2014", [("Israel", "Israel")]),
    # wars and disasters named after the country, but not war crimes, war games or a war between states
    ("'Almost quarter of a million people' dead in Syria war", "2015", []),
    ("Japan Earthquake, Six Months Later", "2011-09-11", []),
    ("Bangladesh war crimes trial begins", "2011", [("Bangladesh", "Bangladesh")]),
    ("Russia war games alarm NATO", "2014", [("Russia", "Russia"), ("NATO", "NATO")]),
    ("the Iran-Iraq war", "1985", [("Iran", "Iran"), ("Iraq", "Iraq")]),
    ("the Yemen crisis deepens", "2015", [("Yemen", "Yemen")]),
    # the breakaway state in Cyprus and the island's communities; goods
    ("we reject the proclamation of the Turkish Republic of Northern Cyprus", "1984", []),
    ("stimulus funds be spent only on Chinese goods", "2009", []),
])
def test_patterns_from_the_twenty_second_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 24: Spanish America is not the United States; West and East Germany is not the West
    ("the Ibero-American summit in Cartagena", "1994", []),
    ("the Spanish-American countries", "1960", []),
    ("the existence of West and East Germany", "1961", []),
    # private heads after a demonym: insurgents, patriots, a visitor, a sheikh
    ("the Afghan insurgency grew", "2009", []),
    ("an American visitor to Tehran", "2010", []),
    ("an Egyptian sheikh issued a fatwa", "2012", []),
    ("Afghan forces and US troops", "2009", [("Afghan", "Afghanistan"), ("US", "United States")]),
])
def test_patterns_from_the_twenty_fourth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a war or conflict named after the country it was fought in is an event (decision 9) ...
    ("on account of the Algerian war", "1960", []),
    ("bringing the Liberian conflict to a successful end", "1997", []),
    ("the Syrian civil war", "2014", []),
    # ... but not a state's war on another, its war crimes, or a war between two
    ("the Russian war against Ukraine", "2023", [("Russian", "Russia"), ("Ukraine", "Ukraine")]),
    ("Russian war crimes in Bucha", "2022", [("Russian", "Russia")]),
    ("the Russian-Ukrainian war", "2023", [("Russian", "Russia"), ("Ukrainian", "Ukraine")]),
    ("settlement of the Arab Israeli conflict", "1990", [("Israeli", "Israel")]),
    # a church and a trust territory named after a state
    ("Church of Greece agrees to pay tax", "2012", []),
    ("the destiny of the British Cameroons", "1959", []),
    # review 25: a proclamation or its signatories named after the venue; a leaked document
    ("The Proclamation of Teheran underlines it", "1968", []),
    ("pressure was put on the Abuja signatories", "1996", []),
    ("the publication of the Pentagon papers", "1971", []),
])
def test_wars_churches_and_territories_named_after_a_state(
        finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 37: ships, boats and trains by flag are private; one doing a state's job is not
    ("Japanese ship seized by Somali pirates", "2009", []),
    ("Homemade bomb derailed Russian train", "2009", []),
    ("Royal Navy fires warning shot at Spanish patrol boat", "2016", [("Spanish", "Spain")]),
    ("Israeli Nuclear Missile Boats Off Iranian Coast", "2010", [("Israeli", "Israel"), ("Iranian", "Iran")]),
    ("Hanoi protested after a Chinese survey ship entered waters it claims.", "2020",
     [("Hanoi", "Vietnam"), ("Chinese", "China")]),
    # drugs, donors, cheats and candidates are not the state
    ("Mexico first country to approve Israeli drug that cures cancer", "2016", [("Mexico", "Mexico")]),
    ("Saudi, Emirati donors provide $100 million", "2010", []),
    ("Former Mexican presidential candidate kidnapped", "2010", []),
    # what the state gives and the state itself; prisoners of war are its soldiers
    ("which would be a Slovenian contribution to raising awareness", "2007", [("Slovenian", "Slovenia")]),
    ("to stand with the young Armenian democracy", "2019", [("Armenian", "Armenia")]),
    ("ill-treatment of Armenian prisoners of war", "2022", [("Armenian", "Armenia")]),
    # a number before a plural demonym counts people, even after a headline's "Official:"
    ("Official: 100,000 Ukrainians seeks asylum in Russia", "2014", [("Russia", "Russia")]),
    # "our Western neighbours" lie to the west; "our Libyan brothers" are the nation
    ("the norm in our Western neighbours' conduct", "2021", []),
    ("our Libyan brothers", "2011", [("Libyan", "Libya")]),
    # a capital before an event word used as a phrasal verb is the state
    ("Beijing Rules Out Open Elections in Hong Kong", "2014", [("Beijing", "China")]),
    ("the Beijing Rules on juvenile justice", "1990", []),
    # line breaks escaped in scraped headlines are spaces
    ("Hostesses hit back\\nJapan's hostesses are forming a union", "2010", [("Japan", "Japan")]),
    ("For the truth, look to Tehran and \\r\\nDamascus", "2011", [("Tehran", "Iran"), ("Damascus", "Syria")]),
    # the Federation of Malaya until it became Malaysia
    ("between Britain and Malaya should be extended", "1963", [("Britain", "United Kingdom"), ("Malaya", "Malaysia")]),
    ("the Malaya peninsula", "1975", []),
])
def test_patterns_from_the_thirty_seventh_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 38: people, groups and things of a country, not its state
    ("A group of Russian hackers infiltrated the servers", "2015", []),
    ("German elderly kidnap financial advisor", "2010", []),
    ("Gunmen Kill 9 in Attacks on Nigerian Polio Clinics", "2013", []),
    ("400 killed in Nigerian violence", "2009", []),
    ("she was wearing Indian traditional dress", "2010", []),
    ("plans to kill as many people as possible at Danish daily", "2010", []),
    ("Argentine mom rescues 100s of sex slaves", "2012", []),
    ("training for Afghan professionals in our educational institutions", "2015", []),
    ("the demobilization of the Nicaraguan resistance", "1990", []),
    # "private" before a demonym; a demonym as a noun before a participle
    ("outposts built on private Palestinian land", "2011", []),
    ("Palestinian shot by tear-gas canister in West Bank dies", "2011", []),
    ("Eritrean mistaken for Palestinian shot; beaten by mob in Israel", "2015", [("Israel", "Israel")]),
    # a place and a UN committee named after a state or its people
    ("Gay marriage legalised in the Australian Capital Territory.", "2013", []),
    ("the Committee on the Exercise of the Inalienable Rights of the Palestinian People", "2012", []),
    # but the relation between two states and the apartheid state's "neo-nazis" still count
    ("the Moroccan-Spanish group proposed by the King", "1997", [("Moroccan", "Morocco"), ("Spanish", "Spain")]),
    ("trade with the South African neo-nazis", "1977", [("South African", "South Africa")]),
])
def test_patterns_from_the_thirty_eighth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 39: "North" shared with a following "South X" names the northern state
    ("the recent resumption of contact between North and South Korea.", "1986",
     [("North", "North Korea"), ("South Korea", "South Korea")]),
    ("the North vs. South Korean military matchup", "2010", [("North", "North Korea"), ("South Korean", "South Korea")]),
    ("between North and South Viet-Nam", "1968", [("North", "Vietnam"), ("South Viet-Nam", "Vietnam")]),
    ("North and South America", "2010", []),
    # private heads: a telecom, a union, hospitality, apples, a meteor, a daredevil, a lover
    ("NSA possibly involved in major Belgian telecom hack", "2013", []),
    ("Norwegian union votes to support Israel boycott", "2011", [("Israel", "Israel")]),
    ("Europe bans American apples", "2014", []),
    ("Russian Meteor Blast Bigger Than Thought", "2013", []),
    ("British girl's Brazilian lover murdered her", "2008", []),
    # a share of people; an inter- prefix split by a line break; a compass point
    ("Four in ten Australians admit they have drunk", "2016", []),
    ("the successful conclusion of the inter- Liberian dialogue", "2002", []),
    ("kidnapped in Mexico's south-western state of Guerrero", "2014-12-27", [("Mexico", "Mexico")]),
    # names inside a broadcaster's, a final's, a leak's, an alliance's and a front's names
    ("al-Baghdadi has died, claims Radio Iran", "2016", []),
    ("Ebay warning ahead of All-Ireland", "2008", []),
    ("denies corruption over Panama leaks", "2016", []),
    ("the Bolivarian Alliance for the Peoples of Our America", "2011", []),
    ("the Front démocratique pour la libération du Rwanda", "2005", []),
    # spellings: "the Soviet union", "SouthEast", "Magarief", "President Lobo Sosa"
    ("the strategic arsenals of the Soviet union", "1985", [("Soviet union", "Soviet Union")]),
    ("the Association of SouthEast Asian Nations", "1981", [("Association of SouthEast Asian Nations", "ASEAN")]),
    ("Libya's Magarief calls for a secular state", "2012-10-02", [("Libya", "Libya"), ("Magarief", "Libya")]),
    ("the Government of President Lobo Sosa", "2013", [("Lobo Sosa", "Honduras")]),
])
def test_patterns_from_the_thirty_ninth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 40: animals, coins, households, jobs, mills, prizes, bookshelves, commentators, pensions
    ("to draw water for thirsty Swiss cows.", "2015", []),
    ("restrictions on the import of South African gold coins", "1986", []),
    ("More than one in 10 Mexican households forced to pay a bribe", "2011", []),
    ("would cost 40,000 Canadian jobs", "2013", []),
    ("Rio Tinto spied on Chinese steel mills", "2009", []),
    ("Row as Snowden wins Swedish rights prize", "2014", []),
    ("Mein Kampf sells out after week on German bookshelves", "2016", []),
    ("German Commentators Blast Israel for Settlement Building Plan", "2012", [("Israel", "Israel")]),
    ("Danish pension funds are also taking action", "2019", []),
    # a leader's wife; names inside a company's, a network's, an agreement's and a region's names
    ("Mrs Mugabe assaults our photographer", "2009-01-17", []),
    ("Explosions Rock Royal Dutch Shells Singapore Refinery", "2011", [("Singapore", "Singapore")]),
    ("27 killed in Sri Lanka prison riot - Australia Network News", "2012", [("Sri Lanka", "Sri Lanka")]),
    ("in the Anglo-Irish Agreement we have laid a sound foundation", "1986", []),
    ("8 restricted to the Upper Guinea forest block", "1998", []),
])
def test_patterns_from_the_fortieth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 41: a capital's mission abroad is the state's
    ("'Send us insults': Ankara's Consulate asks Dutch citizens", "2016-04-22", [("Ankara", "Turkey")]),
    ("the London embassy", "2016", []),
    # private heads: a widow, a workplace, a shopping centre, a vaccine, an article, industry,
    # intellectuals, guerrillas
    ("executed a pregnant Afghan widow", "2010", []),
    ("At least 5 dead in Swiss workplace shooting", "2013", []),
    ("Gunmen attack Kenyan shopping centre", "2013", []),
    ("Russian HIV vaccine ready for phase two clinical trials", "2014", []),
    ("Afghan article says US Bin-Ladin hunt phoney", "2008", [("US", "United States")]),
    ("cheap labor for South African industry", "1976", []),
    ("training 27,000 Chinese guerrillas", "1965", []),
    ("North Korean Plane Crashes in China", "2011", [("North Korean", "North Korea"), ("China", "China")]),
    # names inside a strait's, a union's, a region's and a summit's names
    ("the situation in the Strait of Taiwan", "1958", []),
    ("the role of the Western European Union", "1994", []),
    ("the European Union and the Western Balkan countries", "2016", [("European Union", "European Union")]),
    ("the Fourth Ibero- American Summit", "1994", []),
])
def test_patterns_from_the_forty_first_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 42: a pharaoh, piracy, the web and a gigolo are not the state; nor are a shop's,
    # an association's and a broadcaster's names
    ("statue of Egyptian pharaoh unearthed south of Luxor", "2015", []),
    ("Toxic waste causes Somali piracy", "2008", []),
    ("enabling entire Australian web to be monitored", "2014", []),
    ("Blackmailed by Swiss Gigolo, Prosecutors Say.", "2008", []),
    ("7-Eleven Australia has been found to be paying half the minimum wage", "2015", []),
    ("The Australia Defence Association has backed a proposal", "2009", []),
    ("security forces have stormed the offices of Al-Jazeera Egypt", "2011", []),
    # a railway station of the country is its territory (judged right)
    ("free wifi at Indian railway stations", "2016", [("Indian", "India")]),
])
def test_patterns_from_the_forty_second_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 43 and the capitals listed missed before it: a shorthand capital's possessive without
    # its apostrophe is the state only before what a government has (review 42 judged "Moscows
    # gays", "Moscows Vnukovo Airport" and "Beijings Staging" wrong)
    ("Italy seeks Chinese bailout: Beijings role highlights the speed of U.S. decline", "2011-09-13",
     [("Italy", "Italy"), ("Chinese", "China"), ("Beijing", "China"), ("U.S.", "United States")]),
    ("Priest is planning to defy Vaticans orders to stay quiet.", "2012", [("Vatican", "Holy See")]),
    ("Support the Iranian people, oppose Tehrans clerical fascism", "2009",
     [("Iranian", "Iran"), ("Tehran", "Iran")]),
    ("Moscows gays march despite the ban", "2012", []),
    ("Moscows Vnukovo Airport closed after a crash", "2012", []),
    # an acronym after the possessive is no landmark ("Moscow's Red Square" is)
    ("Six Kiev's APCs sent to Kramatorsk join forces with activists", "2014-04-16", [("Kiev", "Ukraine")]),
    ("he's suspicious of Beijing's PM2.5 data", "2012", []),
    # evidence of the state for capitals that need it: acted on, the government at it, its decisions
    ("Kurds turn up the heat on Baghdad", "2012", [("Baghdad", "Iraq")]),
    ("we call on Baghdad to comply immediately and fully", "2002", [("Baghdad", "Iraq")]),
    ("sovereign control by the Government at Dublin over twenty-six counties", "1960", [("Dublin", "Ireland")]),
    ("The signing by the Heads of State or Government at Abuja of the Treaty", "1991", []),
    ("a war whose purpose, as proclaimed in Washington, was to save them", "1966",
     [("Washington", "United States")]),
    # capitals joined into an axis, and "&amp;" from HTML
    ("There had been an understanding with the Berlin-Rome-Tokyo axis.", "1975", [("Rome", "Italy"), ("Tokyo", "Japan")]),
    ("The Lisbon- Salisbury-Pretoria axis has been shattered.", "1975",
     [("Lisbon", "Portugal"), ("Salisbury", "Zimbabwe"), ("Pretoria", "South Africa")]),
    ("In Blow for Tokyo &amp; Washington, Okinawa Elects Anti-Base Governor", "2014",
     [("Tokyo", "Japan"), ("Washington", "United States")]),
    # a man, a process's outcomes and guarantors, and the capital named as such
    ("the first country to recognize the United States in the days of President Washington", "1990",
     [("United States", "United States")]),
    ("failed to commit to the Astana outcomes and the Sochi agreements", "2019", []),
    ("a solution supported not only by the Astana guarantors, but also by other States", "2018", []),
    ("infrastructure is already available in the capital of our State — Ashgabat.", "2012", []),
    # a language's name before a place of the state is the state's territory, not the language
    ("children died in German city, Bremen due to infections", "2011", [("German", "Germany")]),
    ("a WWII bomb found in French city of Rennes", "2016", [("French", "France")]),
    ("the text in French is authentic", "2016", []),
    # two peoples as the sides of a conflict or a settlement, not in a brawl
    ("the final status talks were renewed between Israelis and Palestinians.", "1999",
     [("Israelis", "Israel"), ("Palestinians", "Palestine")]),
    ("a solution that allows both Palestinians and Israelis to live side by side", "2010",
     [("Palestinians", "Palestine"), ("Israelis", "Israel")]),
    ("Frustration erupts in three-hour brawl between Afghans and Syrians at a refugee camp", "2016", []),
])
def test_patterns_from_the_forty_third_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 44: evidence of the state for a capital: an -ing form of a state verb, a war of words
    # with it, its officials after a place verb
    ("-- Madrid is trying to end Spain's universal jurisdiction law", "2014",
     [("Madrid", "Spain"), ("Spain", "Spain")]),
    ("in an escalating war of words with Berlin over the loan deal", "2015", [("Berlin", "Germany")]),
    ("fees to prevent provincial petitioners reaching Beijing officials", "2012", [("Beijing", "China")]),
    ("Inside 'Billionaires' Row': London's rotting, derelict mansions", "2015", []),
    # a compound of two states split by a line break's hyphen, and more words for their relation
    ("especially the Israeli- Palestinian conflict, whose formula", "2014",
     [("Israeli", "Israel"), ("Palestinian", "Palestine")]),
    ("the Iran- Iraq war", "1985", [("Iran", "Iran"), ("Iraq", "Iraq")]),
    ("the Iraq war", "2005", []),
    ("the Soviet-American interaction has generated many positive changes", "1988",
     [("Soviet", "Soviet Union"), ("American", "United States")]),
    # two states' wars named together are events, as one state's war is
    ("The ugly truth behind the Iraq and Afghanistan wars finally has emerged", "2010", []),
])
def test_patterns_from_the_forty_fourth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 45: a capital as a visit's destination however far back the visit was named, a
    # summit's venue, a city's fund or rebellion, a disaster that struck it, a meeting in a seat
    ("during the visit of the top delegation of the Communist Party of Kampuchea to Hanoi, they proposed",
     "1978", []),
    ("welcomes the visit that the President of the United States plans to make to Peking.", "1971",
     [("United States", "United States")]),
    ("The recent Conference of Heads of African States and Governments at Addis Ababa comes at a good moment",
     "1963", []),
    ("the sixteenth session of its Assembly of Heads of State and Government in Monrovia", "1979", []),
    ("the government in Cairo has refused", "1990", [("Cairo", "Egypt")]),
    ("Above all, the Warsaw fund will help protect lives", "2013", []),
    ("fighters in the Moscow rebellion", "1994", []),
    ("the horrible tragedy that struck Beirut on 4 August", "2020", []),
    ("I will be meeting with President George Bush in the White House.", "1991",
     [("George Bush", "United States")]),
    ("officials in the White House said", "1991", [("White House", "United States")]),
    ("a picture of a little black boy in the Oval Office", "2009", []),
    # the Council of Europe's commission is not the EU's
    ("reports of the European Commission of Human Rights, holding Turkey responsible", "1995", [("Turkey", "Turkey")]),
    # a speaker's "us Palestinians" is the nation, as "we Afghans" is
    ("Judaism for us Palestinians will never be considered a threat", "2009", [("Palestinians", "Palestine")]),
])
def test_patterns_from_the_forty_fifth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 46: another state's officials in a capital are there, not its government
    ("the detention of diplomats and other American officials in Teheran", "1980", [("American", "United States")]),
    ("incidents that affected United States diplomatic officials in Havana", "2017",
     [("United States", "United States")]),
    ("officials in Havana said", "2017", [("Havana", "Cuba")]),
    # venues and destinations: a decision taken by heads of State, "been to", treaties and
    # conferences listed by their cities, a wave that spread from them, a delegation sent there
    ("the decision taken in Ouagadougou by the heads of State of the OAU", "1998", []),
    ("The Secretary-General has been to Tehran and Baghdad.", "1988", []),
    ("by means of the Treaties of Moscow, Warsaw and Prague, has helped", "1973", []),
    ("The most notable instances are the Conferences of Addis Ababa and Moscow.", "1963", []),
    ("Baku completed its takeover of Nagorno-Karabakh, and Yerevan accused Moscow of standing aside.", "2023",
     [("Baku", "Azerbaijan"), ("Yerevan", "Armenia"), ("Moscow", "Russia")]),
    ("the tidal wave that spread from Budapest and Prague 24 months ago", "1991", []),
    ("the Government sent a delegation of women, headed by Princess Marie, to Beijing.", "1995", []),
    # a seat of power as a room or a building entered, left or met in (not the state acting)
    ("a conversation we had in Downing Street a few days ago", "2003", []),
    ("across the hall from the Oval Office at the White House", "2009", []),
    ("in just over a year since he entered Downing Street", "2008", []),
    ("Thousands protesters to descend on Downing Street over PM's links", "2016", []),
    ("Downing Street confirms the prime minister is exploring withdrawal", "2012", [("Downing Street", "United Kingdom")]),
    ("as they bomb Pentagon-backed Syrian rebels", "2015", [("Pentagon", "United States")]),
    # evidence of the state: its bid, who is in charge there, its junta and its fascists
    ("Moscow's Bid to Blow Up WikiLeaks", "2010", [("Moscow", "Russia")]),
    ("no matter who is in charge in Ottawa", "2014", [("Ottawa", "Canada")]),
    ("the military coup instigated by the military junta of Athens", "1974", [("Athens", "Greece")]),
])
def test_patterns_from_the_forty_sixth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 47: a conference's decisions, treaty and ceremony named after its city, a summit's
    # appeal from it, visits to both of two capitals, a highway between two cities, a seat's room
    ("strict observance of the Lusaka decision by the parties", "1999", []),
    ("the Helsinki decisions mark a new stage", "1976", []),
    ("at the time of the Moscow partial nuclear test ban treaty, it was hoped", "1975", []),
    ("doubts about the will of the Pretoria regime to conclude an agreement", "1986", [("Pretoria", "South Africa")]),
    ("the presence of U Thant at the Moscow ceremony on 5 August 1963", "1963", []),
    ("This was the appeal made from Harare by the 101 Heads of state of the Movement.", "1986", []),
    ("We welcome the signature by 35 Governments at Helsinki of the Final Act", "1975", []),
    ("the Heads of State, who visited both Cairo and Tel Aviv.", "1972", []),
    ("decision-makers from both Khartoum and Juba", "2013", [("Khartoum", "Sudan"), ("Juba", "South Sudan")]),
    ("Serbia will build a highway between Belgrade and Sarajevo", "2017", [("Serbia", "Serbia")]),
    ("the establishment of the \"hot line\" between Washington and Moscow.", "1964",
     [("Washington", "United States"), ("Moscow", "Soviet Union")]),
    ("in a very private room of the Quai d'Orsay, in Paris", "1977", []),
    ("fresh winds are blowing through the corridors of Whitehall", "1997", [("Whitehall", "United Kingdom")]),
    # the Warsaw Pact's powers and the Council of Europe's commission against racism are not the states
    ("a détente between the NATO and Warsaw Powers had appeared", "1968", [("NATO", "NATO")]),
    ("the European Commission against Racism and Intolerance", "2010", []),
])
def test_patterns_from_the_forty_seventh_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # review 48: a capital named, ranked or used as a place in the passive is no evidence of the state
    ("For this reason, Sarajevo is called the Jerusalem of Europe.", "1994", []),
    ("London is now considered to be the money-laundering capital", "2012", []),
    ("In February this year, Bangkok was offered as the site of a meeting", "1980", []),
    # ... while what a state undergoes still is
    ("Belgrade must be strongly reminded that it has commitments", "1999", [("Belgrade", "Yugoslavia")]),
    ("Tel Aviv must be prevented from carrying out the annexation of the Golan Heights of Syria", "1981",
     [("Tel Aviv", "Israel"), ("Syria", "Syria")]),
])
def test_patterns_from_the_forty_eighth_review(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # evidence re-scored cue by cue over all reviews: a list of cities is evidence only where the
    # whole list sits where a state does, between two parties, or beside a state's name or shorthand;
    # a venue's decisions, a destination after "sent ... to", an attack "on" a city, a plural noun
    # after it ("the Colombo proposals") and a capitalised word before it are not the state acting
    ('Protests in Lisbon, Paris and Athens show that the young are angry.', '1990', []),
    ('The talks between Belgrade and Pristina resumed in Brussels.', '2013', [('Belgrade', 'Serbia'), ('Pristina', 'Kosovo')]),
    ('He spoke of the distance between London and Moscow.', '1990', [('Moscow', 'Soviet Union')]),
    ('Berlin and Paris agreed on a plan to block the vote.', '2005', [('Berlin', 'Germany'), ('Paris', 'France')]),
    ("The decisions taken in Lusaka are similar to those of Zambia's neighbours.", '1990', [('Zambia', 'Zambia')]),
    ('Our fate will not be decided in Paris or Berlin.', '2009', [('Paris', 'France'), ('Berlin', 'Germany')]),
    ("Turkey's support for the Astana and Geneva tracks continues.", '2018', [('Turkey', 'Turkey')]),
    ("Rebels launched rocket attacks on Kabul, Afghanistan's capital.", '1994', [('Afghanistan', 'Afghanistan')]),
    ('France sent tear gas to Tunis.', '2011', [('France', 'France')]),
    ('Baghdad Detains U.S. Contractors', '2004', [('Baghdad', 'Iraq'), ('U.S.', 'United States')]),
    ('Whether in Bandung, Belgrade, Cairo or the United Nations, Indonesia took part.', '1990', [('Indonesia', 'Indonesia')]),
    ('We condemn the regimes of Lisbon, Pretoria and Salisbury.', '1970', [('Lisbon', 'Portugal'), ('Pretoria', 'South Africa'), ('Salisbury', 'Zimbabwe')]),
    ('Madrid promises to make sure Bolivia pays a fair price.', '2012', [('Madrid', 'Spain'), ('Bolivia', 'Bolivia')]),
    ('Ghana drew attention to these Colombo proposals.', '1975', [('Ghana', 'Ghana')]),
    ('The summit talks in Peking, Moscow, Warsaw and elsewhere eased tension.', '1990', [('Moscow', 'Soviet Union')]),
    ('Nairobi and Addis Ababa took steps to end the border dispute.', '1980', [('Nairobi', 'Kenya'), ('Addis Ababa', 'Ethiopia')]),
    ('The talks ended with an airstrike on Tripoli by unknown jets.', '2003', []),
    # review 50: a capital's name in capitals amid prose is an acronym; "X based" as "X-based"
    ('Bolivia joined the payment system called SUCRE, which enters into force soon.', '2009', [('Bolivia', 'Bolivia')]),
    ("Iran's former president spoke to the London based magazine AdDastour.", '1981', [('Iran', 'Iran')]),
])
def test_capital_evidence_rescored_by_cue(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "date", "expected"), [
    # reviews 49-50: private people and groups named by their nationality are not the state
    ("The Liberian factions signed the accord in Cotonou.", "1994", []),
    ("Police arrested two Pakistani informants.", "2012", []),
    ("Doctors treated the Belgian twins.", "2014", []),
    ("The drug would cost Indian patients more.", "2013", []),
    ("A group of Angolan traitors joined the raid.", "1985", []),
    ("A crash killed a Chinese playboy.", "2012", []),
    ("Militants complain of Saudi favoritism.", "2015", []),
    ("The Saudi government condemned the attack.", "2015", [("Saudi", "Saudi Arabia")]),
])
def test_private_heads_from_reviews_49_and_50(finder: MentionFinder, text: str, date: str, expected: list) -> None:
    assert spans(finder, text, date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Trinidad Jimenez, the Spanish foreign minister, met her counterpart.", [("Spanish", "Spain")]),  # a first name
    ("Trinidad and Venezuela signed a gas deal.", [("Trinidad", "Trinidad and Tobago"), ("Venezuela", "Venezuela")]),
    ("Virgin Australia cancelled flights to Bali.", []),  # an airline
    ("A man from Lebanon, Pennsylvania, was arrested.", []),  # an American town
    ("Police in Lebanon, Pa., said the suspect fled.", []),
    ("Sanctions on Iran, Texas lawmakers said.", [("Iran", "Iran")]),  # a state's name then a subject
    ("Peace in Lebanon, Syria and Iraq.", [("Lebanon", "Lebanon"), ("Syria", "Syria"), ("Iraq", "Iraq")]),
])
def test_names_that_are_people_companies_or_towns(finder: MentionFinder, text: str, expected: list) -> None:
    assert spans(finder, text, "2012") == expected
