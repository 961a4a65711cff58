#!/usr/bin/env python3
"""Generates Parley's actor knowledge base (data/actors/kb/) from facts in ../shared.

Writes two generated tables (tab-separated, UTF-8, '#' header lines):

  people.tsv          names<TAB>roles          one line per person
  organisations.tsv   names<TAB>code<TAB>type  one line per organisation

from these sources (read in place, never copied into the repository):

  * Phoenix actor dictionaries (openeventdata/petrarch2, MIT licence):
      ../shared/peers/petrarch2/dictionaries/Phoenix.{Countries,International,MilNonState}.actors.txt
    TABARI/PETRARCH format: a primary phrase line (words joined by '_'), synonym lines
    starting with '+', codes in [CODE] inline or on following tab-indented lines, with date
    restrictions [CODE >YYMMDD] (from), [CODE <YYMMDD] (until), [CODE D1-D2] (range);
    YYMMDD means 20YY for YY <= 30, else 19YY; YYYYMMDD is also accepted. Consecutive
    primary phrases without codes share the codes that follow (PETRARCH's reading).
  * UN General Debate Corpus speaker list (Harvard Dataverse, CC0):
      ../shared/corpora/ungdc-un-general-debates/Speakers_by_session.xlsx
    read with zipfile + xml.etree: year, ISO3 country, speaker, post. A speaker is coded
    <ISO>GOV for the years they spoke. For heads of state, heads of government and foreign
    ministers, a tenure runs from 1 January of the first year to 31 December of the last
    year of an unbroken run in that post; when another person later speaks in the same post,
    the tenure ends before that successor's first year (at most two years after the last
    speech) and the person is <ISO>OPP from the successor's first year (news-gold
    convention: former office-holders are OPP). Tenures still running in the last two
    years of the data are left open.

and Parley's own tables in the repository: data/gazetteer/countries.tsv and
data/actors/state-names.tsv (country names and demonyms), data/names/first-names.txt (to tell
people from organisations in the Phoenix lists), and the hand-written data/actors/kb/
people-extra.tsv and institutions.tsv, which take precedence: a generated person who is also
in people-extra.tsv (same name, same country) and a generated organisation name that is
also in institutions.tsv are left out of the generated tables, so that no name is defined
twice. The hand-written files are checked (columns, codes, dates) but not rewritten.

Deterministic: the same inputs give byte-identical outputs (everything is sorted).

    python3 scripts/make-actor-kb.py [SHARED_DIR] [--out data/actors/kb]
    bash scripts/make-actor-kb.sh ../shared
"""
import argparse
import collections
import datetime
import os
import re
import signal
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt")

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
MIN_GAP_FOR_OPP = datetime.timedelta(days=60)  # shorter gaps between roles are transitions

# ---------------------------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------------------------

# Former states with CAMEO codes of their own: Soviet Union, Czechoslovakia, East Germany,
# Serbia and Montenegro, Yugoslavia, South Yemen, South Vietnam.
FORMER_STATES = {"SUN", "CSK", "DDR", "SCG", "YUG", "YMD", "RVN"}

# CAMEO sector / role codes (3 letters) that can follow a country code.
SECTORS = set("""GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG ELI LAB REF HLH AGR ENV
REL NGO IGO MNC DEV HRI UAF INS SEP RAD IMG MOD OCC AUT SOC SET""".split())
# Prefixes of codes that are states (for the OPP convention): ISO codes are added at run time.
HISTORIC_STATES = {"YUG", "CSK", "DDR", "SUN", "YMD", "SCG", "FRY"}
# UN General Debate country codes that are not ISO 3166 alpha-3 (typos and former states).
UNGDC_CODE_FIXES = {"CZK": "CSK", "DKN": "DNK", "PAR": "PRY", "PKR": "PRK", "POR": "PRT",
                    "ZFA": "ZAF", "YDYE": "YMD"}
UNGDC_IGO_CODES = {"EU": "IGOEUREEC", "EC": "IGOEUREEC"}
# Territories matched with their state when comparing people ("Carrie Lam": HKG and CHN).
COUNTRY_EQUIV = {"HKG": "CHN", "MAC": "CHN"}
# CAMEO state codes that differ from data/gazetteer/countries.tsv.
CODE_PREFIX_MAP = {"KSV": "UNK", "TMP": "TLS", "ANG": "AGO"}
# Fictional states of the PETRARCH test dictionaries that also appear in the Phoenix lists.
FICTIONAL = {"KNT"}

# Titles and honorifics (upper case). An alias of a person that contains one is dropped;
# leading ones are stripped from names.
TITLE_WORDS = set("""PRESIDENT PRESIDENT-ELECT PRES. VICE VICE-PRESIDENT PRIME MINISTER MINISTERS
CHANCELLOR VICE-CHANCELLOR KANZLER BUNDESKANZLER PREMIER SECRETARY SECRETARY-GENERAL SEC. SECY
GENERAL GEN. GEN LT. LT COL. COL COLONEL ADMIRAL ADM. MARSHAL BRIGADIER CAPTAIN CAPT. SERGEANT
KING QUEEN PRINCE PRINCESS SHEIKH SHAIKH SHEIKHA SHAIKHA SHEIK EMIR AYATOLLAH GRAND IMAM MULLAH
MR MR. MRS MRS. MS MS. DR DR. SIR LORD LADY BARONESS BARON DAME MADAME MME MONSIEUR SENATOR SEN.
CONGRESSMAN CONGRESSWOMAN REPRESENTATIVE REP. GOVERNOR GOV. GOVENOR MAYOR AMBASSADOR AMB. JUDGE
FORMER CHAIRMAN CHAIRWOMAN CHAIRPERSON SPEAKER LEADER CHIEF COMMANDER HIS HER EXCELLENCY HIGHNESS
MAJESTY H.E. HON. HONOURABLE HONORABLE REV. REVEREND POPE PATRIARCH ARCHBISHOP BISHOP CARDINAL
DEPUTY FOREIGN DEFENSE DEFENCE INTERIOR SPOKESMAN SPOKESWOMAN SPOKESPERSON OFFICIAL THE ENVOY
CZAR TSAR SHAH DICTATOR STRONGMAN PRESIDENTIAL CANDIDATE NOMINEE CROWN REGENT MONARCH PM FM
SHAYKH SHAYKHA""".split())

# Title words that are also parts of names: only stripped at the front of a name.
NAMEISH = set("""SHEIKH SHAIKH SHEIKHA SHAIKHA SHEIK SHAYKH SHAYKHA BISHOP KING PRINCE PRINCESS QUEEN
LORD GRAND IMAM EMIR SHAH LADY BARON CAPTAIN CHIEF SPEAKER JUDGE REGENT CROWN HIS HER CZAR TSAR
MARSHAL MAYOR DAME SIR THE""".split())
MIDNAME_BAD = TITLE_WORDS - NAMEISH
LEAD_WORDS = {"U.S.", "US", "UN", "U.N.", "UNITED", "NATIONS", "EU", "E.U."}
# Honorifics that are only stripped at the front of a name (HOJJAT OL ESLAM, SAYYID, SAMDECH...).
LEAD_TITLES = {"HOJJAT", "HOJJATOLESLAM", "HOJATOLESLAM", "HOJATOLISLAM", "HOJJATOLISLAM", "SAYYID",
               "SAYYED", "SEYYED", "SEYED", "SAMDECH", "PADUKA", "PEHIN", "DATO", "DATO'", "DATUK",
               "TUN", "HAJI", "ALHAJI", "ALHAJ"}

# Words that mark an organisation (or an office), never a person's name.
ORG_WORDS = set("""ADMINISTRATION AGENCY ARMY ARMIES ASSOCIATION AUTHORITY AUTHORITIES BANK BOARD
BRIGADE BRIGADES BUREAU CABINET CENTER CENTRE CHURCH COALITION COMMAND COMMISSION COMMITTEE
COMPANY CONGRESS CORP CORP. CORPORATION COUNCIL COURT DEPARTMENT DIVISION EMBASSY FEDERATION
FOUNDATION FORCE FORCES FRONT FUND GOVERNMENT GROUP GUARD GUARDS INC INC. INSTITUTE INSTITUTION
INTERNATIONAL INTELLIGENCE RIFLES LEAGUE LTD LTD. MINISTRY MISSION MOVEMENT NETWORK NEWS OFFICE ORGANIZATION
ORGANISATION PALACE STREET YARD HOUSE DECLARATION HEADQUARTERS OBSERVATORY PARLIAMENT PARTY POLICE PROGRAM PROGRAMME REGIME REPUBLIC SERVICE SERVICES SOCIETY
SYSTEMS TIMES TRIBUNAL TRUST UNION UNIVERSITY FAMILY CLAN TRIBE DYNASTY ADMINISTRATIONS ALLIANCE
ASSEMBLY AIRLINES AIRWAYS AGENCE BATTALION BLOC CAMP CARTEL CELL CELLS COMMANDOS CONFERENCE
COUNTRIES DIRECTORATE EMIRATE FACTION FIGHTERS GROUPS GUERRILLAS INDUSTRIES JUNTA KINGDOM LEGION
MILITIA MILITARY MUJAHIDEEN NAVY PEOPLE PEOPLES PEOPLE'S RADIO REBELS REGIMENT RESISTANCE SCHOOL
SQUAD STATE STATES TELEVISION UNIT WING WORKERS ARMED ISLAMIC NATIONAL REVOLUTIONARY LIBERATION
UNITED SOLDIERS TROOPS OFFICIALS CONSORTIUM MEDIA PRESS JOURNAL POST TRIBUNE HERALD GAZETTE
AGENCIES GROUPE LIMITED HOLDINGS PLC GMBH LLC CO. & BATTALIONS UNITS COMMITTEES MOVEMENTS FRONTS
PARTIES COUNCILS MILITIAS ORGANIZATIONS ORGANISATIONS UNIONS MINISTRIES NETWORKS LEAGUES COMMANDS
TEAMS SQUADS CORPS GUARDIANS MARINES QAEDA QAIDA QA'IDA QAIDAH QAI'DAH AL-QAEDA AL-QAIDA HIZB HIZBUL HIZBOLLAH HEZBOLLAH HIZBALLAH JAMAAT JAMA'AT JAMAAH
HARAKAT JAISH JAYSH LASHKAR TANZIM KATAIB KATA'IB SARAYA MUNAZZAMAT""".split())

# The organisation words that are never surnames (checked even in the leaders' lists).
ORG_WORDS_STRICT = set("""COUNCIL COMMITTEE PARTY FRONT ARMY GOVERNMENT MINISTRY ORGANIZATION
ORGANISATION MOVEMENT UNION LEAGUE COMMISSION REPUBLIC ASSEMBLY ADMINISTRATION AGENCY DEPARTMENT
BUREAU BRIGADE BRIGADES FORCES REVOLUTIONARY ISLAMIC NATIONAL PEOPLE'S PEOPLES UNITED
INTERNATIONAL COMPANY CORPORATION INSTITUTE FOUNDATION ASSOCIATION CABINET REGIME JUNTA
MINISTRY OFFICE""".split())

# Personal titles: an "organisation" name starting with one is a person ("Emir Khattab").
PERSONAL_TITLES = set("""EMIR SHEIKH SHAIKH MR MR. MRS MRS. MS DR DR. SIR LORD LADY MULLAH IMAM
AYATOLLAH KING QUEEN PRINCE PRINCESS PRESIDENT MINISTER BARON BARONESS""".split())

# One-word organisation names that are generic nouns, not names ('Senate' of which state?), or
# not organisations (UNSCR: a Security Council resolution).
GENERIC_SINGLE = {"SENATE", "CONGRESS", "PARLIAMENT", "GOVERNMENT", "ARMY", "MILITARY", "POLICE", "NAVY",
                  "CABINET", "ASSEMBLY", "JUDICIARY", "REGIME", "MINISTRY", "PRESIDENCY", "PALACE",
                  "COUNCIL", "COURT", "ADMINISTRATION", "OPPOSITION", "REBELS", "UNSCR", "MEDIA", "PRESS"}

# Head nouns of generic phrases (roles, groups of people): organisation names ending in one of
# these are not names of a specific body ("UN envoy", "White House spokesman").
GENERIC_HEADS = set("""OFFICIAL OFFICIALS SPOKESMAN SPOKESWOMAN SPOKESPERSON SPOKESPEOPLE ENVOY ENVOYS
MONITOR MONITORS RESIDENT RESIDENTS PEACEKEEPER PEACEKEEPERS BODIES COUNTRIES MINISTERS MEMBERS
MEMBER TROOPS SOLDIERS PERSONNEL OFFICER OFFICERS WORKER WORKERS DELEGATION DELEGATE DELEGATES
REPRESENTATIVES LEADER LEADERS VESSEL JOURNALIST JOURNALISTS REPORTER REPORTERS CORRESPONDENT
ACTIVIST ACTIVISTS MILITANTS FIGHTERS REBELS INSURGENTS SOURCES SOURCE STAFF EXPERTS EXPERT
INSPECTORS INSPECTOR ADVISER ADVISERS ADVISOR ADVISORS AIDE AIDES DIPLOMAT DIPLOMATS AMBASSADOR
NEGOTIATOR NEGOTIATORS MEDIATOR GUNMEN POLICEMEN POLICEMAN SUPPORTERS LOYALISTS PROTESTERS
CIVILIANS CITIZENS STUDENTS MNCS MNC NGOS NGO IGOS PRESIDENTS MINISTER SECRETARIES CHIEFS COMMANDERS
JUSTICES JUDGES PROSECUTORS LAWMAKERS LEGISLATORS MPS SENATORS GOVERNORS MAYORS
TANK TANKS INSTITUTE-BASED NATIONALS CONTINGENT""".split())

# Lower-case particles inside personal names ("Mohammed bin Salman", "Hervé de Charette").
NAME_PARTICLES = {"bin", "bint", "ibn", "de", "da", "das", "do", "dos", "du", "del", "della",
                  "der", "den", "van", "von", "y", "zu", "ter", "ten", "e"}
# Particles ignored when comparing names.
KEY_PARTICLES = NAME_PARTICLES | {"al", "el", "la", "le", "ul", "ud", "ad", "as", "ash", "at",
                                  "az", "an", "ar", "abd"}
# Lower-case words inside organisation names.
ORG_STOPWORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "by", "with",
                 "de", "la", "le", "les", "du", "des", "del", "della", "di", "y", "et", "und",
                 "der", "die", "das", "al", "el", "von", "van", "against", "from", "into", "or"}
# Short words that are not acronyms in organisation names.
SHORT_WORDS = set("""NEW AIR ART OIL GAS RED SEA WAR LAW AID ALL ONE TWO MAN MEN BAY BIG DAY END FAR
FEW FLY FUN GOD GUN HOT ITS KEY LOW MAP NET NOW OLD OUR OUT OWN PAN PRO RAJ ROW RUN SAN SUN TAX TOP
VAN WAY WIN YES ZEN JOB ARM AGE ACT ALI ABU BIN IBN DAR DEI SUR DEL LOS LAS LES DES VON DER DEN
DIE HET RIO ECO BIO CAR BUS BAN LAO THE AND FOR OF IN ON AT TO BY AL EL LA LE DE DU DA DO DI UM
MOR MAI TAN KIM LEE LI WU XI HU MA LIN SAN SAO TEL ICH ISH BAR BET BEN BNI BOX SKY CUP FAR MID
ARE NOT YOU HIS HER GOOD LOK WAL FIL FI WA LI BI MIN ILA ALA ABD BAB BAT NOR SUD EST OST ZUR AUX
PAR POR CON SIN SOL LUZ MAR""".split())
# Acronyms of armed groups that are kept although the record does not spell them out.
KNOWN_GROUP_ACRONYMS = {"ETA", "IRA", "PKK", "ELN", "RUF", "LRA", "UVF", "UDA", "YPG", "HTS", "ISI",
                        "JEM", "LET", "AQI", "MEK", "TTP", "SDF", "FNL", "ADF", "PFLP"}
# Short acronyms that name something else in news (a state, a US agency).
AMBIGUOUS_ACRONYMS = {"CAR", "EPA", "DRC", "UAE", "USA", "AUC", "PM", "MP", "UK", "US", "EU", "UN", "AU",
                      "HM"}
# Abbreviations written in normal case.
NOT_ACRONYMS = {"INC", "LTD", "CORP", "CO", "PLC", "LLC", "NO", "ST", "MT", "FT", "DR", "MR", "JR", "SR"}
# Frequent English nicknames / transliteration variants of first names.
NICKNAMES = {"joe": "joseph", "bill": "william", "tony": "anthony", "nick": "nicholas",
             "mike": "michael", "bob": "robert", "jim": "james", "jimmy": "james",
             "dick": "richard", "liz": "elizabeth", "tom": "thomas", "ted": "edward",
             "dave": "david", "chris": "christopher", "andy": "andrew", "alex": "alexander",
             "sergei": "sergey", "dmitri": "dmitry", "dmitriy": "dmitry", "dimitry": "dmitry",
             "mohamed": "muhammad", "mohammed": "muhammad", "mohammad": "muhammad",
             "mohamad": "muhammad", "muhammed": "muhammad", "mohamud": "muhammad",
             "ahmed": "ahmad", "yousef": "yusuf", "yousuf": "yusuf", "youssef": "yusuf",
             "yosef": "yusuf", "abdallah": "abdullah", "abdulla": "abdullah",
             "hussain": "hussein", "husain": "hussein", "hossein": "hussein"}
# Scottish/Irish 'Mac' surnames written MacX (others, like Macron, are left alone).
MAC_NAMES = {"MACARTHUR", "MACDONALD", "MACDOUGALL", "MACGREGOR", "MACINTYRE", "MACKAY",
             "MACKENZIE", "MACLEAN", "MACLEOD", "MACMILLAN", "MACNEIL", "MACASKILL",
             "MACSHANE", "MACAULAY", "MACBRIDE", "MACGUINNESS", "MACSHARRY", "MACNAMARA",
             "MACKINNON", "MACLENNAN", "MACLAREN", "MACPHERSON"}
ROMAN = re.compile(r"^(I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV)$")

# Leading honorifics in the UN speaker list (lower case, longest first when matching).
UN_HONORIFICS = sorted("""his excellency|her excellency|his highness|her highness|his majesty|
her majesty|his serene highness|his holiness|his royal highness|her royal highness|his eminence|
the honourable|the honorable|the right honourable|the rt. hon.|rt. hon.|honourable|honorable|hon.|
h.e.|h. e.|h.e|excellency|mr.|mr|mrs.|mrs|ms.|ms|miss|mme.|mme|madame|dr.|dr|sir|dame|lord|
baroness|sheikh|sheikha|shaikh|shaikha|sheik|king|queen|prince|princess|crown prince|general|
lieutenant general|lt. gen.|lt.-gen.|major general|maj. gen.|brigadier general|brigadier|colonel|
col.|field marshal|marshal|admiral|archbishop|monsignor|msgr.|cardinal|pope|professor|prof.|
ambassador|dato'|dato|datuk|dato' sri|dato' seri|datuk seri|dato seri|tan sri|tun|pehin|haji|
u|daw|engineer|eng.|captain|capt.|commander|chief|alhaji|el hadj|el hadji|pr.|me.|emir|amir sheikh|
hojatolislam|hojatoleslam|hojjatoleslam|hojjat ol eslam|sayyid|sayyed|seyyed|samdech|samdech techo|
samdech akka moha sena padei techo|samdech moha borvor thipadei|major-general|major general|major|
lt-gen|lt-gen.|lt. general|lieutenant-general|brigadier-general|cl.|col|gen.|gen|shri|shrimati|
dame|the right honourable|rt hon|rt. hon|the reverend|reverend|rev.|father""".replace(
    "\n", "").split("|"), key=lambda s: -len(s))
# Honorifics kept when dropping them would leave a single word ("Sheikh Hasina", "U Thant").
KEEP_IF_ALONE = {"sheikh", "shaikh", "u"}


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

def die(msg):
    print(f"make-actor-kb: {msg}", file=sys.stderr)
    sys.exit(1)


def fold(s):
    """Accent-free spelling (NFKD without combining marks, plus a few letters NFKD keeps)."""
    table = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d",
             "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "œ": "oe", "Œ": "OE",
             "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'"}
    s = "".join(table.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fmt_date(d):
    return d.strftime("%Y%m%d") if d else ""


def valid_date(y, m, d):
    try:
        return D(y, m, d)
    except ValueError:
        return None


def parse_phoenix_date(s):
    """YYMMDD (YY <= 30 is 20YY) or YYYYMMDD; a few typos (9 or 10 digits) are repaired.
    Returns a date or None when the string cannot be read."""
    s = s.strip()
    if not s.isdigit():
        return None
    if len(s) == 6:
        yy = int(s[:2])
        return valid_date((2000 if yy <= 30 else 1900) + yy, int(s[2:4]), int(s[4:6]))
    if len(s) == 8:
        return valid_date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    if len(s) == 10 and s.startswith("19"):  # '1920030320' = 19 + 20030320
        return parse_phoenix_date(s[2:])
    if len(s) == 9:  # '201005011': one digit too many
        return parse_phoenix_date(s[:8]) or parse_phoenix_date(s[1:])
    return None


def chunks3(code):
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def damerau1(a, b):
    """True when a and b differ by at most one edit (insert, delete, substitute, transpose)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                and a[diff[1]] == b[diff[0]])
    if la > lb:
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1:] == a:
            return True
    return False


def collapse(t):
    """Doubled letters collapsed ('jaafari' -> 'jafari')."""
    return re.sub(r"(.)\1+", r"\1", t)


# ---------------------------------------------------------------------------------------------
# Names: keys, comparison, casing
# ---------------------------------------------------------------------------------------------

def name_key(name):
    """(tokens, initials) for comparing personal names: accent-free, lower case, particles,
    'jr'/'sr' and punctuation dropped, nicknames mapped; single letters are initials."""
    s = fold(name).lower().replace("'", "")  # Mu'izzaddin = Muizzaddin
    s = re.sub(r"[-.,()\"/]", " ", s)
    toks, inits = [], []
    for i, t in enumerate(s.split()):
        if t in KEY_PARTICLES:
            continue
        if t in ("jr", "sr", "junior", "senior"):
            inits.append(t[:2])  # Robert F. Kennedy Jr. is not Robert F. Kennedy
            continue
        if len(t) == 1 or (i > 0 and ROMAN.match(t.upper())):
            inits.append(t)  # initials and regnal numbers
            continue
        toks.append(NICKNAMES.get(t, t))
    return tuple(toks), tuple(inits)


def tok_eq(a, b):
    if a == b:
        return True
    if len(a) >= 4 and len(b) >= 4 and a[0] == b[0]:
        return damerau1(collapse(a), collapse(b))
    return False


def same_person(ka, kb, strict=False):
    """Whether two name keys can name the same person: same last token, the shorter name's
    tokens appear in order in the longer one (at least two of them), no clashing initials;
    strict: also the same first token."""
    ta, ia = ka
    tb, ib = kb
    if len(ta) < 2 or len(tb) < 2:
        return False
    if strict and not tok_eq(ta[0], tb[0]):
        return False
    if ia and ib and ia != ib:
        return False
    if not tok_eq(ta[-1], tb[-1]):
        return False
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    j = 0
    for t in small:
        while j < len(big) and not tok_eq(t, big[j]):
            j += 1
        if j == len(big):
            return False
        j += 1
    return True


def name_prefix(ka, kb):
    """Whether name key ka (two or more words) begins name key kb: 'Gustavo Petro' and
    'Gustavo Petro Urrego' (a second surname). Used only against hand-written names."""
    ta, tb = ka[0], kb[0]
    return 2 <= len(ta) < len(tb) and all(tok_eq(x, y) for x, y in zip(ta, tb)) and \
        not (ka[1] and kb[1] and ka[1] != kb[1])


def index_keys(key):
    """Lookup keys for candidate matching: the collapsed last token and its 1-deletions."""
    toks = key[0]
    if not toks:
        return set()
    last = collapse(toks[-1])
    out = {last}
    if len(last) >= 4:
        out.update(last[:i] + last[i + 1:] for i in range(len(last)))
    return out


def cap_word(w):
    """'ABDULLAH' -> 'Abdullah', 'MCNAMARA' -> 'McNamara', "O'KENNEDY" -> "O'Kennedy"."""
    if not w:
        return w
    up = w.upper()
    if up in MAC_NAMES:
        return "Mac" + up[3].upper() + up[4:].lower()
    if up.startswith("MC") and len(up) > 3 and up[2].isalpha():
        return "Mc" + up[2] + up[3:].lower()
    if "'" in w:
        head, _, tail = w.partition("'")
        if len(head) == 1 and tail:
            return head.upper() + "'" + cap_word(tail)
        return cap_word(head) + "'" + tail.lower()
    return w[0].upper() + w[1:].lower()


def person_case(words, korean=False):
    """Normal case for a personal name given in upper case."""
    out = []
    n = len(words)
    for i, w in enumerate(words):
        up = w.upper()
        if re.fullmatch(r"([A-Z]\.)+[A-Z]?\.?|[A-Z]", up):  # initials
            out.append(up)
            continue
        if i > 0 and ROMAN.match(up):
            out.append(up)
            continue
        if up in ("JR", "JR.", "SR", "SR."):
            out.append(up[:2].capitalize() + ".")
            continue
        low = w.lower()
        if 0 < i < n - 1 and low in NAME_PARTICLES:
            out.append(low)
            continue
        parts = w.split("-")
        cased = []
        for j, p in enumerate(parts):
            pl = p.lower()
            if j < len(parts) - 1 and pl in ("al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an") \
                    and (i > 0 or j > 0):
                cased.append(pl)
            elif j > 0 and korean:
                cased.append(pl)
            else:
                cased.append(cap_word(p))
        # "d'Escoto" inside a name
        if i > 0 and re.match(r"^[Dd]'", w) and len(w) > 2:
            cased = ["d'" + cap_word(w[2:])]
        out.append("-".join(cased))
    return " ".join(out)


def fix_case_mixed(name, korean=False):
    """For names in mixed case (UN list): words written wholly in capitals are re-cased."""
    words = name.split()
    if not any(re.search(r"[a-zà-ÿ]", w) for w in words):
        return person_case(words, korean)
    out = []
    for i, w in enumerate(words):
        letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", w)
        if len(letters) > 1 and letters.isupper() and not (i > 0 and ROMAN.match(w)):
            out.append(person_case([w], korean) if i == 0 else person_case(["X", w], korean).split(" ", 1)[1])
        else:
            out.append(w)
    return " ".join(out)


ONSETS = set("""BL BR CH CL CR DR FL FR GL GR GH KH KL KR KW PH PL PR PS QU RH SC SH SK SL SM SN SP
ST SW SZ TH TR TS TW WH WR ZH ZW DJ DZ""".split())


def english_words(conllu):
    """Lower-case words of an English treebank (CC BY-SA; words only, nothing is copied) that
    occur there in lower case as something other than a proper noun; empty when absent."""
    words = collections.Counter()
    if os.path.isfile(conllu):
        with open(conllu, encoding="utf-8") as f:
            for line in f:
                cols = line.split("\t")
                if len(cols) > 3 and cols[0].isdigit() and cols[3] != "PROPN" and cols[1].islower():
                    words[cols[1]] += 1
    return {w for w, n in words.items() if n >= 2}


def is_acronym(tok, known, single=False):
    """Whether an upper-case word of an organisation name is an acronym (kept in capitals).
    known: acronyms spelled out in the same record; single: the word is the whole name (then
    short words and consonant clusters count as acronyms: DCRI, DGSE; the other spelling is
    added as an alias anyway)."""
    t = tok.replace(".", "")
    if re.fullmatch(r"[A-Z]{1,4}\d{1,3}[A-Z]?", t):  # MI5, G20
        return True
    if not t.isalpha() or len(t) < 2:
        return False
    if t in known:
        return True
    if single and len(t) <= 4:
        return True
    if single and len(t) <= 5 and t[:2] not in ONSETS and not re.match(r"[AEIOUY]|.[AEIOUY]", t):
        return True  # DCRI, DGSE
    if single and len(t) <= 5 and re.search(r"[^AEIOUY]{3}", t) and t[0] not in "AEIOUY" \
            and not re.search(r"(SCH|STR|CHT|NGS|NTS|RTS|NST|RST|MPS)", t):
        return True
    if t in NOT_ACRONYMS:
        return False
    if len(t) <= 3 and t not in SHORT_WORDS:
        return True
    if len(t) <= 6 and not re.search(r"[AEIOUY]", t):  # no vowel: CPPCC, NSDL
        return True
    return False


def org_case(words, known_acronyms, single_acronyms=frozenset()):
    """Normal case for an organisation name given in upper case: acronyms stay in capitals,
    articles and prepositions inside the name are lower case."""
    if len(words) == 1 and (words[0].replace(".", "") in single_acronyms
                            or is_acronym(words[0], known_acronyms, single=True)):
        return words[0]
    out = []
    for i, w in enumerate(words):
        if re.search(r"[a-z]", w) and re.search(r"[A-Z]", w[1:]):
            out.append(w)  # already mixed case in the source (e.g. 'McClatchy')
            continue
        up = w.upper()
        if is_acronym(up, known_acronyms):
            out.append(up)
            continue
        low = w.lower()
        if i > 0 and low in ORG_STOPWORDS:
            out.append(low)
            continue
        if i > 0 and ROMAN.match(up) and up not in ("I",):
            out.append(up)
            continue
        parts = w.split("-")
        cased = []
        for j, p in enumerate(parts):
            if is_acronym(p.upper(), known_acronyms) and len(parts) > 1:
                cased.append(p.upper())
            elif j < len(parts) - 1 and p.lower() in ("al", "el") and (i > 0 or j > 0):
                cased.append(p.lower())
            else:
                cased.append(cap_word(p))
        out.append("-".join(cased))
    return " ".join(out)


def initials_of(words):
    """Initials of a name, with and without its function words (NATO, UNHCR)."""
    ws = [w for w in words if w.upper() not in ("OF", "THE", "AND", "FOR", "IN", "ON", "DE", "LA", "DU", "DES", "&")]
    full = "".join(w[0] for w in words if w and w[0].isalpha()).upper()
    short = "".join(w[0] for w in ws if w and w[0].isalpha()).upper()
    return {full, short}


# ---------------------------------------------------------------------------------------------
# Phoenix dictionaries
# ---------------------------------------------------------------------------------------------

class Entry:
    """One PETRARCH actor record: names (primary phrases and synonyms) and codes."""

    def __init__(self, src, line):
        self.src = src
        self.line = line
        self.names = []        # (raw text, is_primary)
        self.codes = []        # (code, from, to, is_default)
        self.has_codes = False
        self.comment = ""
        self.mnc = False       # a company of the Phoenix multinational corporations list


BRACKET = re.compile(r"\[([^\]]*)\]")


def split_comment(line):
    """Text before the first '#' or ';' that is outside brackets, and the comment."""
    depth = 0
    for i, c in enumerate(line):
        if c == "[":
            depth += 1
        elif c == "]":
            depth = max(0, depth - 1)
        elif c in "#;" and depth == 0:
            return line[:i], line[i + 1:]
    return line, ""


def parse_restrictions(text, stats):
    out = []
    for content in BRACKET.findall(text):
        content = content.strip()
        if not content:
            continue
        parts = content.split(None, 1)
        code = parts[0].strip()
        rest = parts[1].strip() if len(parts) > 1 else ""
        if code == "---" or not re.fullmatch(r"[A-Z]{3,}[A-Z0-9]*", code):
            out.append(None)  # null code: the record has codes, none usable
            continue
        code = norm_code(code)
        if code[:3] in FICTIONAL:
            stats["fictional (Kinakuta) codes dropped"] += 1
            out.append(None)
            continue
        if not rest:
            out.append((code, None, None, True))
            continue
        if rest[0] in "<>":
            d = parse_phoenix_date(re.sub(r"\D", "", rest))
            if d is None:
                stats["bad dates"] += 1
                continue
            out.append((code, None, d, False) if rest[0] == "<" else (code, d, None, False))
            continue
        m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", rest)
        if not m:
            stats["bad dates"] += 1
            continue
        d1, d2 = parse_phoenix_date(m.group(1)), parse_phoenix_date(m.group(2))
        if d1 is None and d2 is None:
            stats["bad dates"] += 1
            continue
        if d1 is None or d2 is None:
            stats["bad dates (one bound kept)"] += 1
        if d1 and d2 and d2 < d1:
            stats["reversed ranges"] += 1
            continue
        out.append((code, d1, d2, False))
    return out


def norm_code(code):
    """Phoenix code -> Parley code: CAMEORCS religion numbers dropped; multinational
    corporations (MNC<geo>) become <geo>BUS, or <geo>MED for media companies; a few
    CAMEO state codes become the codes of Parley's country table (KSV -> UNK, TMP -> TLS)."""
    code = re.sub(r"\d+", "", code.upper())
    if code[:3] in CODE_PREFIX_MAP:
        code = CODE_PREFIX_MAP[code[:3]] + code[3:]
    if len(code) % 3:  # a typo in the dictionary ('NGOEEURENV'): keep the whole chunks that are sure
        code = code[:3]
    if code.startswith("MNC"):
        ch = chunks3(code[3:])
        geo = ch[0] if ch and ch[0] not in SECTORS else ""
        tail = ch[1:] if geo else ch
        return geo + ("MED" if "MED" in tail else "BUS")
    return code


def parse_phoenix(path, stats):
    src = os.path.basename(path)
    entries = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if "---STOP---" in line:
                break
            body, comment = split_comment(line)
            if not body.strip():
                continue
            if line[0] in "\t " and body.strip().startswith("[") or (line[0] == "\t" and "[" in body):
                if cur is None:
                    continue
                for r in parse_restrictions(body, stats):
                    cur.has_codes = True
                    if r:
                        cur.codes.append(r)
                cur.comment += " " + comment
                continue
            text = body.strip()
            is_syn = text.startswith("+")
            name_part = text.split("[", 1)[0].strip()  # text after the codes is a note ('$137,000,000')
            if is_syn:
                if cur is None:
                    continue
                for n in name_part[1:].split("+"):
                    if n.strip():
                        cur.names.append((n.strip(), False))
            else:
                if cur is None or cur.has_codes:
                    cur = Entry(src, lineno)
                    entries.append(cur)
                for n in name_part.split("+"):
                    if n.strip():
                        cur.names.append((n.strip(), True))
            if "[MNC" in text:
                cur.mnc = True
            restr = parse_restrictions(text, stats)
            for r in restr:
                cur.has_codes = True
                if r:
                    cur.codes.append(r)
            cur.comment += " " + comment
    return entries


def phoenix_words(raw):
    """Words of a Phoenix phrase (upper case) and the names given in parentheses, e.g.
    ANIMAL_LIBERATION_FRONT_(ALF)_ -> ['ANIMAL', 'LIBERATION', 'FRONT'], [['ALF']]."""
    paren = []
    for p in re.findall(r"\(([^)]*)\)", raw):
        ws = [w for w in re.split(r"[_\s]+", p.upper().strip(" _,")) if w]
        if ws and not any(w in ("NAME", "ALSO", "AKA", "FORMERLY", "KNOWN", "SEE", "I.E.") for w in ws):
            paren.append(ws)
    s = re.sub(r"\([^)]*\)", " ", raw)
    s = s.replace("_", " ").replace("\t", " ")
    s = re.sub(r"\s+", " ", s).strip(" ,")
    words = [w for w in s.upper().split(" ") if w]
    return words, paren


def org_words(words):
    """An organisation name without a leading article ('THE UNITED NATIONS')."""
    return words[1:] if len(words) > 1 and words[0] == "THE" else words


# ---------------------------------------------------------------------------------------------
# Classification of Phoenix records
# ---------------------------------------------------------------------------------------------

class Ctx:
    def __init__(self):
        self.iso = set()
        self.country_by_name = {}
        self.demonyms = set()       # upper case words
        self.country_words = set()  # upper-case single-word country names
        self.first_names = set()    # upper case
        self.acronyms = set()


def person_words(words, ctx, lenient=False):
    """The words of a plausible personal name (titles/demonyms stripped from the front) or
    None when the phrase is not a clean personal name. lenient: words that usually mark an
    organisation are allowed (surnames like Church or Bank in the leaders' lists)."""
    ws = list(words)
    while ws and (ws[0] in TITLE_WORDS or ws[0] in ctx.demonyms or ws[0] in LEAD_WORDS
                  or (ws[0] in LEAD_TITLES and len(ws) > 2)  # 'TUN TIN' is a name, 'TUN ABDUL RAZAK' a title
                  or (ws[0] in ("OL", "ESLAM", "SERI", "SRI") and len(ws) < len(words))):
        ws.pop(0)
    if len(ws) < 2 or len(ws) > 9:
        return None
    if any(w in MIDNAME_BAD or w in ctx.demonyms or w in (ORG_WORDS_STRICT if lenient else ORG_WORDS)
           for w in ws):
        return None
    if any(w.endswith(".") and len(w) > 3 for w in ws):  # 'SEC.', 'MIN.' in garbled records
        return None
    if any(w in ("OF", "AND", "THEN", "FOR", "THE", "WITH") or "," in w or re.search(r"\d", w) for w in ws):
        return None
    if all(len(w.strip(".")) == 1 for w in ws):
        return None
    return ws


def looks_like_person(words, ctx):
    ws = person_words(words, ctx)
    if ws is None:
        return False
    first = ws[0].strip(".")
    return first in ctx.first_names or first in ("ABU", "ABDUL", "ABDEL", "ABD", "UMM")


def classify_entry(e, ctx):
    """'person', 'org' or 'skip' for a Phoenix record."""
    names = [phoenix_words(n)[0] for n, _ in e.names]
    names = [n for n in names if n]
    if not names:
        return "skip"
    primary = names[0]
    pw = person_words(primary, ctx)
    undated = all(dflt for *_, dflt in e.codes)
    code0 = e.codes[0][0]
    if "CountryInfo" in e.comment or "IGOrulers" in e.comment:  # the leaders' lists
        ok = person_words(primary, ctx, lenient=True) or any(person_words(n, ctx, lenient=True) for n in names)
        return "person" if ok else "skip"
    if any(w in ORG_WORDS for w in primary) or primary[-1] in GENERIC_HEADS:
        return "org"
    if e.names[0][0].rstrip().endswith("__"):  # KEDS list of militants: individuals
        if pw is not None and not re.match(r"(AL|EL)\b|(AL|EL)-", primary[0]):
            return "person"
        return "org" if len(primary) > 1 else "skip"
    if undated and (code0.startswith("NGO") or e.mnc):
        # NGO and company lists: people only when marked as such
        if pw is not None and (re.fullmatch(r"[A-Z]\.?", primary[0]) or "spokes" in e.comment.lower()):
            return "person"
        return "org"
    # a title followed by a name, e.g. PRESIDENT_XI_JINPING or SECRETARY-GENERAL_BAN_KI-MOON
    for n in names:
        if len(n) >= 2 and n[0] in TITLE_WORDS and n[0] != "THE" and "OF" not in n \
                and person_words(n, ctx):
            return "person"
    if pw is not None and any(w in ("BIN", "IBN", "BINT") for w in pw):
        return "person"
    if looks_like_person(primary, ctx):
        return "person"
    if not undated and pw is not None:
        return "person"
    if len(primary) == 1 and primary[0] in ctx.first_names:
        return "skip"  # a lone first name or surname
    return "org"


def org_type(code, words):
    """The kind of body (IGO, NGO, BUS, MED, GRP, GOV, MIL, LEG, JUD, COP, SPY, PTY, ORG) from its
    code's sectors, and PTY for names that say 'party'."""
    up = set(words)
    if "PARTY" in up or "PARTI" in up or "PARTIDO" in up:
        return "PTY"
    if code.startswith("IGO"):
        return "IGO"
    if code.startswith("NGO"):
        return "NGO"
    ch = chunks3(code)
    if ch and ch[0] == "IMG":
        return "GRP"
    secs = ch if ch and ch[0] in SECTORS else ch[1:]
    if any(s in ("REB", "INS", "SEP", "RAD", "UAF", "CRM") for s in secs):
        return "GRP"
    first = secs[0] if secs else ""
    if first == "GOV":
        for s in secs[1:]:
            if s in ("LEG", "JUD", "MIL", "COP", "SPY"):
                return s
        return "GOV"
    if first == "MIL":
        return "SPY" if "SPY" in secs else "MIL"
    if first in ("LEG", "JUD", "COP", "SPY", "MED", "BUS", "NGO", "IGO"):
        return first
    if first == "PTY":
        return "PTY"
    return "ORG"


def org_name_ok(words, ctx):
    """Whether an organisation phrase (upper-case words) is a name worth keeping: not a generic
    phrase, an office title alone, a person with a title, a country or a demonym."""
    if not words or all(re.fullmatch(r"[\d\W]+", w) for w in words):
        return False
    if "THEN" in words:
        return False  # 'ANTHONY CROSLAND, THEN DAVID OWEN'
    if len(words) == 1 and words[0] in GENERIC_SINGLE:
        return False
    if all(w in TITLE_WORDS or w in ("OF", "THE", "STATE", "AND", "HOMELAND", "SECURITY") for w in words):
        return False  # a bare title such as SECRETARY OF STATE
    if " ".join(words).lower() in ctx.country_by_name:
        return False
    if len(words) == 1 and len(words[0].replace(".", "")) < 2:
        return False
    if words[-1] in GENERIC_HEADS:
        return False
    if any(w in ("SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "OFFICIAL", "OFFICIALS") for w in words):
        return False
    if words[0] in ("FORMER",) or "-BASED" in " ".join(words):
        return False
    if words[0] in PERSONAL_TITLES:
        return False
    for i, w in enumerate(words):
        if w in ("SEC.", "MIN.", "DEP."):
            return False
        if w in TITLE_WORDS and w != "THE" and len(words) - i >= 3 and "OF" not in words[i:] \
                and words[-2] in ctx.first_names:
            return False  # 'WHITE HOUSE PRESS SECRETARY JAY CARNEY'

    if len(words) == 1 and (words[0] in ctx.demonyms or words[0] in ctx.country_words):
        return False
    return True


def same_org(a, b):
    """Whether name b (upper-case words) is a variant of name a: an acronym of it or sharing
    most content words."""
    sa, sb = "".join(a).replace(".", ""), "".join(b).replace(".", "")
    if len(b) == 1 and sb in initials_of(a):
        return True
    if len(a) == 1 and sa in initials_of(b):
        return True
    stop = {"OF", "THE", "AND", "FOR", "IN", "ON", "US", "U.S.", "UN", "U.N.", "UNITED", "STATES", "NATIONS"}
    ca = {w.strip(".'S") for w in a if w not in stop}
    cb = {w.strip(".'S") for w in b if w not in stop}
    if not ca or not cb:
        return bool(set(a) & set(b))
    inter = len(ca & cb)
    return inter / min(len(ca), len(cb)) >= 0.5


# ---------------------------------------------------------------------------------------------
# Person records
# ---------------------------------------------------------------------------------------------

class Person:
    """A person from one source record (or, after merge_people, from several)."""

    def __init__(self, source):
        self.sources = {source}
        self.names = collections.Counter()   # display name -> weight
        self.preferred = None                # display name chosen as canonical, if any
        self.un_names = set()                # spellings taken from the UN speaker list
        self.roles = []                      # phoenix: (code, from, to, is_default)
        self.terms = []                      # ungdc: (code, from, to, opp_from)
        self.countries = set()

    def keys(self):
        return {name_key(n) for n in self.names}


def code_country(code):
    """The country part of a code ('IGO' for international bodies), for matching people."""
    return "IGO" if code.startswith("IGO") else code[:3]


def phoenix_people_and_orgs(entries, ctx, stats):
    """Person records and organisation groups ({names, code, src, acr}) from Phoenix records."""
    people, orgs = [], []
    for e in entries:
        codes = e.codes
        if not codes:
            stats["phoenix records without codes"] += 1
            continue
        named = [(phoenix_words(n), prim) for n, prim in e.names]
        kind = classify_entry(e, ctx)
        if kind == "skip":
            stats["phoenix records skipped (one-word names, titles only)"] += 1
            continue
        if kind == "person":
            p = Person("phoenix")
            p.roles = list(codes)
            p.countries = {code_country(c) for c, *_ in codes}
            korean = bool(p.countries & {"KOR", "PRK"})
            lenient = "CountryInfo" in e.comment or "IGOrulers" in e.comment
            for i, ((words, _), _prim) in enumerate(named):
                ws = person_words(words, ctx, lenient and i == 0)
                if ws is None:
                    continue  # not a name
                if ws != words and not (i == 0 and all(w in LEAD_TITLES or w in ("OL", "ESLAM", "SERI", "SRI")
                                                       or w in PERSONAL_TITLES for w in words[:len(words) - len(ws)])):
                    continue  # a title + name alias ('PRESIDENT BARACK OBAMA'); primaries lose honorifics
                if all(len(w) == 1 for w in ws[:-1]):
                    continue  # 'R K PACHAURI'
                p.names[person_case(ws, korean)] += 1
            if not p.names:
                stats["phoenix people without a usable full name"] += 1
                continue
            people.append(p)
            continue
        # organisation (or a place, skipped)
        defaults = [c for c, f, t, dflt in codes if dflt]
        code = defaults[0] if defaults else sorted(codes, key=lambda r: (r[1] or D.min))[-1][0]
        ch = chunks3(code)
        # A former state ("SOVIET_UNION [SUN]"): the gazetteer knows only today's states, so it is
        # kept here. (Other bare non-ISO codes are regions or religions: WEU, BAH.)
        former_state = len(ch) == 1 and ch[0] in FORMER_STATES
        if not (ch[0] in ("IGO", "NGO", "IMG") or (len(ch) == 1 and ch[0] in SECTORS and ch[0] not in ctx.iso)
                or any(c in SECTORS for c in ch[1:]) or former_state):
            stats["phoenix places/states skipped"] += 1  # AFG, FRAGLP ...
            continue
        singles = {ws[0].replace(".", "") for (ws, _), _p in named if len(ws) == 1}
        acr = set()
        for (ws, paren), _p in named:
            acr.update(p[0].replace(".", "") for p in paren if len(p) == 1)
            singles.update(p[0].replace(".", "") for p in paren if len(p) == 1)
            if len(ws) >= 2:
                acr.update(initials_of(ws) & singles)
        groups = []  # [canonical words, [alias words...]]
        for (words, paren), _prim in named:
            cand = [org_words(words)] + list(paren)
            for ws in cand:
                if not ws:
                    continue
                if looks_like_person(ws, ctx) and len(named) > 1:
                    # a person listed under an organisation (e.g. a group's leader)
                    pp = Person("phoenix")
                    pp.roles = [(code, None, None, True)]
                    pp.countries = {code_country(code)}
                    pp.names[person_case(person_words(ws, ctx))] += 1
                    people.append(pp)
                    stats["phoenix people split from organisations"] += 1
                    continue
                if not org_name_ok(ws, ctx):
                    stats["phoenix generic org phrases skipped"] += 1
                    continue
                if len(ws) == 1 and len(ws[0].replace(".", "")) <= 3 and org_type(code, words) == "GRP" \
                        and (ws[0].replace(".", "") not in acr or ws[0] in AMBIGUOUS_ACRONYMS) \
                        and ws[0] not in KNOWN_GROUP_ACRONYMS:
                    stats["short unexplained acronyms of armed groups skipped"] += 1  # 'CAR', 'EPA'
                    continue
                for g in groups:
                    if same_org(g[0], ws):
                        g[1].append(ws)
                        break
                else:
                    groups.append([ws, []])
        for canon, aliases in groups:
            orgs.append({"names": [canon] + aliases, "code": code, "src": e.src, "acr": acr})
    return people, orgs


# ---------------------------------------------------------------------------------------------
# UN General Debate speakers
# ---------------------------------------------------------------------------------------------

XNS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_xlsx_rows(path):
    z = zipfile.ZipFile(path)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(XNS + "si"):
            strings.append("".join(t.text or "" for t in si.iter(XNS + "t")))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    relmap = {r.get("Id"): r.get("Target") for r in rels}
    first = wb.find(XNS + "sheets")[0]
    rid = first.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    target = relmap[rid].lstrip("/")
    if not target.startswith("xl/"):
        target = "xl/" + target
    root = ET.fromstring(z.read(target))
    rows = []
    for row in root.iter(XNS + "row"):
        vals = {}
        for c in row.findall(XNS + "c"):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            t = c.get("t")
            v = c.find(XNS + "v")
            if t == "s":
                x = strings[int(v.text)]
            elif t == "inlineStr":
                x = "".join(e.text or "" for e in c.iter(XNS + "t"))
            else:
                x = v.text if v is not None else ""
            vals[col] = (x or "").replace("\u00a0", " ")
        rows.append(vals)
    return rows


def post_class(post):
    """hos (head of state), hog (head of government), fm (foreign minister) or other."""
    p = re.sub(r"\s+", " ", post.lower().replace("-", " ")).strip()
    if p.startswith("rime minister"):
        p = "p" + p
    if not p or p in ("missing",):
        return "other"
    if re.match(r"(vice|deputy|first vice|second vice|acting|interim prime)\b", p):
        if re.search(r"(foreign|external) (affairs|relations)|foreign minister", p) and \
                not re.search(r"deputy minister|minister of state for", p):
            return "fm"
        return "other"
    hog = ("prime minister", "premier", "head of government", "chancellor", "president of the government",
           "president of the council of ministers", "chairman of the council of ministers",
           "taoiseach", "first minister", "chief executive")
    hos = ("president", "head of state", "king", "queen", "amir", "emir", "sultan", "grand duke",
           "prince", "constitutional president", "interim president", "chairman of the presidency",
           "chair of the presidency", "chairman of the presidential council", "captain regent",
           "governor general", "president and")
    for h in hog:
        if p.startswith(h):
            return "hog"
    if p.startswith("president of the european council") or p.startswith("president of the presidency council"):
        return "hos"
    for h in hos:
        if p.startswith(h):
            return "hos"
    if re.search(r"(minister|secretary|ministre)\b.*\b(foreign|external|international) (affairs|relations)", p) \
            or re.search(r"foreign minister|secretary of state$|^secretary of state|secretary for foreign", p):
        if not re.search(r"deputy minister|minister of state for|vice minister|under secretary|parliamentary", p):
            return "fm"
    return "other"


def clean_un_name(raw):
    """Speaker name without honorifics, credentials and stray punctuation (display form),
    or '' when nothing usable is left."""
    s = raw.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'").strip()
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"\(.*?\)", "", s)
    s = s.split(",")[0]
    s = re.sub(r"\s+of\s+[A-Z][a-z]+.*$", "", s)  # 'Prince Albert II of Monaco'
    s = s.strip(" .;:-")
    kept = None
    while True:
        # 'Mr.Raphael Tuju', 'Mr; Eric Gairy', 'Mr.. Abdurrahman ...'
        t = re.sub(r"(?i)^(mr|mrs|ms|mme|dr|prof|h\.\s?e)(?:[.;:,\-]+\s*|\s+)", "", s)
        if t != s:
            s = t.strip(" .;:-")
            continue
        low = s.lower()
        for h in UN_HONORIFICS:
            if low == h:
                return ""
            if low.startswith(h + " "):
                rest = s[len(h):].strip()
                if len(rest.split()) < 2 and h in KEEP_IF_ALONE and not re.match(r"(?i)(al|el|bin|ibn)\b", rest):
                    kept = s[:len(h)]  # 'Sheikh Hasina', 'U Thant'
                s = rest
                break
        else:
            break
        if kept:
            break
    s = s.strip(" .;:-")
    if kept and len(s.split()) == 1:
        s = kept.strip().capitalize() + " " + s
    if not s or s.lower() in ("missing", "first name not provided"):
        return ""
    return s


def ungdc_people(rows, ctx, stats):
    header = rows[0]
    cols = {v.strip().lower(): k for k, v in header.items()}
    cy, ciso, cname, cpost = cols["year"], cols["iso code"], cols["name of person speaking"], cols["post"]
    ccountry = cols.get("country")
    recs = []
    for r in rows[1:]:
        try:
            year = int(float(r.get(cy, "").strip()))
        except ValueError:
            continue
        iso = r.get(ciso, "").strip().upper()
        if iso in UNGDC_IGO_CODES:
            code = UNGDC_IGO_CODES[iso]
            country = "IGO"
        else:
            if iso not in ctx.iso and iso not in HISTORIC_STATES:
                fixed = UNGDC_CODE_FIXES.get(iso)
                if not fixed and ccountry:
                    fixed = ctx.country_by_name.get(r.get(ccountry, "").strip().lower())
                if not fixed:
                    stats["ungdc rows with unknown country"] += 1
                    continue
                iso = fixed
            code = iso + "GOV"
            country = iso
        name = clean_un_name(r.get(cname, ""))
        if name.lower() in ctx.country_by_name:
            name = ""  # the country's name in the speaker column
        if name and (re.search(r"\d", name) or not name[:1].isupper()):
            stats["ungdc names garbled or without a first name (left out)"] += 1
            name = ""  # OCR errors ('J0zsef'), surnames with a particle ('de Charette')
        if not name:
            stats["ungdc rows without a name"] += 1
            continue
        name = fix_case_mixed(name, korean=country in ("KOR", "PRK"))
        recs.append((country, code, year, name, post_class(r.get(cpost, ""))))
    stats["ungdc rows"] = len(recs)
    final_year = max(r[2] for r in recs)

    # identities per country
    by_country = collections.defaultdict(list)
    for rec in recs:
        by_country[rec[0]].append(rec)
    persons = []
    for country in sorted(by_country):
        rs = by_country[country]
        groups = collections.OrderedDict()
        for rec in sorted(rs, key=lambda x: (x[2], x[3])):
            groups.setdefault(name_key(rec[3]), []).append(rec)
        clusters = []  # list of [keys set, recs]
        multi = sorted((k for k in groups if len(k[0]) >= 2), key=lambda k: (-len(k[0]), -len(groups[k]), k))
        for k in multi:
            hits = [c for c in clusters if any(same_person(k, k2) for k2 in c[0])]
            exact = [c for c in hits if k in c[0]]
            if len(hits) == 1 or exact:
                c = (exact or hits)[0]
                c[0].add(k)
                c[1].extend(groups[k])
            else:
                if len(hits) > 1:
                    stats["ungdc ambiguous short names kept apart"] += 1
                clusters.append([{k}, list(groups[k])])
        # single-word names: attach to a unique cluster with that surname speaking within 6 years
        anon = []
        own = collections.OrderedDict()
        for k in sorted(k for k in groups if len(k[0]) < 2):
            for rec in groups[k]:
                tok = k[0][0] if k[0] else ""
                hits = [c for c in clusters if tok and any(tok_eq(tok, k2[0][-1]) or tok_eq(tok, k2[0][0])
                                                           for k2 in c[0])
                        and any(abs(rec[2] - r2[2]) <= 6 for r2 in c[1])]
                if len(hits) > 1 and k[1]:  # 'Abdullah II': the one named so, with that numeral
                    hits = [c for c in hits if any(set(k[1]) <= set(k2[1]) and tok_eq(tok, k2[0][0])
                                                   for k2 in c[0])]
                if len(hits) == 1:
                    hits[0][1].append(rec)
                    stats["ungdc one-word names attached"] += 1
                elif len(rec[3].split()) >= 2 and tok:
                    own.setdefault(k, []).append(rec)  # 'Mswati III', 'Sheikh Hasina'
                else:
                    anon.append(rec)
        for k, recs_k in own.items():
            clusters.append([{k}, recs_k])
        ident = {}
        for i, c in enumerate(clusters):
            for rec in c[1]:
                ident[id(rec)] = i
        for rec in anon:
            ident[id(rec)] = ("anon", name_key(rec[3]))
        # tenures per post
        terms = collections.defaultdict(list)   # cluster index -> [(code, from, to, opp_from)]
        for cls in ("hos", "hog", "fm"):
            seq = sorted((rec for rec in rs if rec[4] == cls and id(rec) in ident), key=lambda x: (x[2], x[3]))
            runs = []  # [identity, first year, last year, code]
            for rec in seq:
                who = ident[id(rec)]
                if runs and runs[-1][0] == who:
                    runs[-1][2] = rec[2]
                else:
                    runs.append([who, rec[2], rec[2], rec[1]])
            for i, (who, y1, y2, code) in enumerate(runs):
                if not isinstance(who, int):
                    continue
                succ = runs[i + 1][1] if i + 1 < len(runs) else None
                start = D(y1, 1, 1)
                if succ is not None:
                    last = max(y2, min(succ - 1, y2 + 2))
                    terms[who].append((code, start, D(last, 12, 31), D(max(succ, y2 + 1), 1, 1)))
                elif y2 >= final_year - 1:
                    terms[who].append((code, start, None, None))
                else:
                    terms[who].append((code, start, D(y2, 12, 31), None))
        for i, c in enumerate(clusters):
            for rec in c[1]:
                if rec[4] == "other":
                    terms[i].append((rec[1], D(rec[2], 1, 1), D(rec[2], 12, 31), None))
        for i, c in enumerate(clusters):
            p = Person("ungdc")
            p.countries = {country}
            for rec in c[1]:
                if len(rec[3].split()) >= 2:
                    p.names[rec[3]] += 1
                    p.un_names.add(rec[3])
            if not p.names:
                continue
            p.terms = terms[i]
            persons.append(p)
    return persons, final_year


# ---------------------------------------------------------------------------------------------
# Merging and roles
# ---------------------------------------------------------------------------------------------

def merge_people(people):
    """Union of person records naming the same person in the same country (or one of them
    an international official with exactly the same name). Longest names first; a record
    whose name fits several different people is kept apart."""
    order = sorted(range(len(people)), key=lambda i: (-max(len(name_key(n)[0]) for n in people[i].names),
                                                      sorted(people[i].names)[0], sorted(people[i].sources)))
    clusters = []          # list of Person (merged)
    index = collections.defaultdict(set)
    for i in order:
        p = people[i]
        pkeys = p.keys()
        cand = set()
        for k in pkeys:
            for ik in index_keys(k):
                cand |= index[ik]
        hits = []
        for ci in sorted(cand):
            c = clusters[ci]
            shared = (c.countries & p.countries) - {"IGO"} or (c.countries & p.countries)
            exact = bool(pkeys & c.keys())
            if not shared and not (exact and ("IGO" in c.countries or "IGO" in p.countries)):
                continue
            if exact or any(same_person(a, b, strict=True) for a in pkeys for b in c.keys()):
                hits.append((not exact, ci))
        hits.sort()
        if hits and (len(hits) == 1 or not hits[0][0]):
            c = clusters[hits[0][1]]
            c.sources |= p.sources
            c.names.update(p.names)
            c.roles.extend(p.roles)
            c.terms.extend(p.terms)
            c.countries |= p.countries
            c.preferred = c.preferred or p.preferred
            c.un_names |= p.un_names
            ci = hits[0][1]
        else:
            q = Person(next(iter(sorted(p.sources))))
            q.sources = set(p.sources)
            q.names = collections.Counter(p.names)
            q.roles = list(p.roles)
            q.terms = list(p.terms)
            q.countries = set(p.countries)
            q.preferred = p.preferred
            q.un_names = set(p.un_names)
            clusters.append(q)
            ci = len(clusters) - 1
        for k in clusters[ci].keys():
            for ik in index_keys(k):
                index[ik].add(ci)
    return clusters


def is_state(code, ctx):
    return code[:3] in ctx.iso or code[:3] in HISTORIC_STATES


def is_gov(code, ctx):
    return is_state(code, ctx) and code[3:6] == "GOV"


def build_roles(p, ctx, close_open=None):
    """The person's roles as [(code, from, to)], chronological, with the OPP convention.
    close_open: a date at which open-ended Phoenix GOV ranges are closed (no OPP follows)."""
    ranges = []  # [code, from, to, opp_from or None, has_known_end]
    defaults = []
    for code, f, t, dflt in p.roles:
        if dflt:
            if code not in defaults:
                defaults.append(code)
        else:
            ranges.append([code, f, t, (t + ONE_DAY) if t else None])
    # close open-ended Phoenix GOV ranges when the UN list shows a successor in the same post
    for r in ranges:
        if r[2] is None and is_gov(r[0], ctx) and r[1]:
            same = [t for t in p.terms if t[0][:3] == r[0][:3]]
            if same:
                last = max(same, key=lambda t: (t[1], t[2] or D.max))
                if last[3] is not None and last[3] > r[1] and last[2] is not None and last[2] >= r[1]:
                    r[2] = last[3] - ONE_DAY
                    r[3] = last[3]
    if close_open:
        for r in ranges:
            if r[2] is None and is_gov(r[0], ctx) and (r[1] or D.min) < close_open:
                r[2] = close_open
                r[3] = None
    for code, f, t, opp in p.terms:
        # a UN-list tenure that starts in the same year as a dated Phoenix range uses its date
        for r in ranges:
            if r[0] == code and r[1] and r[1].year == f.year and r[1] > f:
                f = r[1]
        ranges.append([code, f, t, opp])
    # merge ranges of one code
    by_code = collections.defaultdict(list)
    for r in ranges:
        by_code[r[0]].append(r)
    merged = []
    for code, rs in by_code.items():
        rs.sort(key=lambda r: (r[1] or D.min, r[2] or D.max))
        cur = None
        for r in rs:
            if cur and (cur[2] is None or (r[1] or D.min) <= cur[2] + ONE_DAY):
                if cur[2] is not None and (r[2] is None or r[2] > cur[2]):
                    cur[2] = r[2]
                    cur[3] = r[3]
                elif cur[2] is not None and r[2] == cur[2] and r[3]:
                    cur[3] = r[3] if cur[3] is None else min(cur[3], r[3])
            else:
                cur = list(r)
                merged.append(cur)
    roles = [(r[0], r[1], r[2]) for r in merged]
    # OPP after a state GOV role ends, until the next role
    opp = []
    for code, f, t, opp_from in merged:
        if not is_gov(code, ctx) or t is None or opp_from is None:
            continue
        start = opp_from
        later = [r[1] for r in roles if r[1] and r[1] >= start]
        end = min(later) - ONE_DAY if later else None
        # not while another role covers the start
        covered = [r for r in roles if (r[1] or D.min) <= start <= (r[2] or D.max)]
        if covered:
            continue
        if end is not None and end - start < MIN_GAP_FOR_OPP:
            continue
        opp.append((code[:3] + "OPP", start, end))
    # merge OPP pieces
    opp.sort(key=lambda r: (r[1], r[2] or D.max))
    out_opp = []
    for r in opp:
        if out_opp and out_opp[-1][0] == r[0] and (out_opp[-1][2] is None or r[1] <= out_opp[-1][2] + ONE_DAY):
            last = out_opp[-1]
            if last[2] is not None and (r[2] is None or r[2] > last[2]):
                out_opp[-1] = (last[0], last[1], r[2])
        else:
            out_opp.append(r)
    roles += out_opp
    roles.sort(key=lambda r: (r[1] or D.min, r[2] or D.max, r[0]))
    dated_codes = {r[0] for r in roles}
    for code in defaults:
        if code not in dated_codes:  # a fallback equal to a dated role would stretch it
            roles.append((code, None, None))
    return roles


def fmt_roles(roles):
    return ";".join(f"{c}@{fmt_date(f)}-{fmt_date(t)}" for c, f, t in roles)


def display_names(p):
    """Canonical name first, then the other spellings, with accent-free forms added. The
    canonical name is p.preferred (a Phoenix primary phrase, re-spelled as in the UN list
    where that list has it), else the most frequent UN-list spelling (accented first)."""
    weights = collections.Counter()
    for n, w in p.names.items():
        n = re.sub(r"\s+", " ", n).strip()
        first = n.split()[0].lower()
        if len(name_key(n)[0]) < 2 and not ROMAN.match(n.split()[-1]) and first not in KEEP_IF_ALONE:
            continue  # 'Al Assad': a surname with its article
        weights[n] += w
    if not weights:
        return []
    names = sorted(weights, key=lambda n: (-weights[n], fold(n) == n, -len(n.split()), n))
    canon = p.preferred if p.preferred in weights else names[0]
    out, seen = [], set()
    for n in [canon] + names:
        for v in (n, fold(n)):
            if v.casefold() not in seen:
                seen.add(v.casefold())
                out.append(v)
    return out


# ---------------------------------------------------------------------------------------------
# Hand-written files
# ---------------------------------------------------------------------------------------------

ROLE_RE = re.compile(r"^([A-Z]{3,15})@(\d{8})?-(\d{8})?$")
ORG_TYPES = {"IGO", "NGO", "BUS", "MED", "GRP", "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "PTY", "ORG"}


def read_tsv_lines(path):
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield lineno, line.split("\t")


def load_people_extra(path, errors):
    out = []
    if not os.path.exists(path):
        return out
    for lineno, cols in read_tsv_lines(path):
        where = f"{os.path.basename(path)}:{lineno}"
        if len(cols) != 2:
            errors.append(f"{where}: expected 2 columns, got {len(cols)}")
            continue
        names = [n.strip() for n in cols[0].split("|")]
        if any(not n or len(n.split()) < 2 for n in names):
            errors.append(f"{where}: empty or one-word name in {cols[0]!r}")
        roles = []
        for r in cols[1].split(";"):
            m = ROLE_RE.match(r.strip())
            if not m:
                errors.append(f"{where}: bad role {r!r}")
                continue
            f = datetime.datetime.strptime(m.group(2), "%Y%m%d").date() if m.group(2) else None
            t = datetime.datetime.strptime(m.group(3), "%Y%m%d").date() if m.group(3) else None
            if f and t and t < f:
                errors.append(f"{where}: role ends before it starts: {r!r}")
            roles.append((m.group(1), f, t))
        out.append((names, roles))
    return out


def load_institutions(path, errors):
    out = []
    if not os.path.exists(path):
        return out
    for lineno, cols in read_tsv_lines(path):
        where = f"{os.path.basename(path)}:{lineno}"
        if len(cols) != 3:
            errors.append(f"{where}: expected 3 columns, got {len(cols)}")
            continue
        names, code, typ = cols
        # A code, or dated codes as in people.tsv (parties in and out of government):
        # "GBRGOV@20100511-20240704;GBROPP@-".
        for role in code.split(";"):
            part, _, dates = role.partition("@")
            if not re.fullmatch(r"[A-Z]{3,15}", part) or len(part) % 3 or (
                    dates and not re.fullmatch(r"(\d{8})?-(\d{8})?", dates)):
                errors.append(f"{where}: bad code {role!r}")
        if typ not in ORG_TYPES:
            errors.append(f"{where}: bad type {typ!r}")
        out.append(([n.strip() for n in names.split("|")], code, typ))
    return out


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

def load_ctx(repo, stats):
    ctx = Ctx()
    cpath = os.path.join(repo, "data", "gazetteer", "countries.tsv")
    with open(cpath, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            iso = row["iso3"]
            ctx.iso.add(iso)
            for n in [row["name"], row["official"]] + row["alt_names"].split("|"):
                if n.strip():
                    ctx.country_by_name.setdefault(n.strip().lower(), iso)
                    if " " not in n.strip():
                        ctx.country_words.add(fold(n.strip()).upper())
            for d in re.split(r"[,|]", row["demonyms"]):
                if d.strip():
                    ctx.demonyms.add(fold(d.strip()).upper())
    spath = os.path.join(repo, "data", "actors", "state-names.tsv")
    for _, cols in read_tsv_lines(spath):
        if len(cols) >= 2:
            ctx.country_by_name.setdefault(cols[0].strip().lower(), cols[1].strip())
    ctx.demonyms |= {"AMERICAN", "BRITISH", "SOVIET", "U.S.", "US", "UK", "U.K.", "EU", "E.U."}
    fpath = os.path.join(repo, "data", "names", "first-names.txt")
    with open(fpath, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                ctx.first_names.add(fold(line.strip()).upper())
    # words that are first names but mostly begin organisation names in these lists
    ctx.first_names -= {"UNITED", "NATIONAL", "ISLAMIC", "ARMY", "JUSTICE", "LIBERTY", "UNION"}
    return ctx


# Sectors of Phoenix agents kept for qualified agent nouns: religious and ethnic codes (MUS, CHR,
# JEW, HIN, BUD ...) describe a faith, not a role, and are left out.
AGENT_SECTORS = {"GOV", "MIL", "REB", "CRM", "OPP", "BUS", "CVL", "JUD", "COP", "MED", "LEG",
                 "HLH", "EDU", "UAF", "SPY", "AGR", "LAB", "ENV", "REF", "PTY", "ELI", "NGO",
                 "HRI", "DEV", "REL"}


# Phoenix lists some places among its agents ("village" CVL); Parley keeps places as places
# ("attacked Ithilen villages" is aimed at the state), so they are left out.
AGENT_PLACES = {"village", "small town", "neighborhood", "neighbourhood", "settlement",
                "community", "resident of the capital", "residents of the capital"}


def english_plural(word):
    """Regular English plural of a lowercase noun (PETRARCH adds these itself)."""
    if word.endswith("man") and not word.endswith(("human", "german", "roman")):
        return word[:-3] + "men"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def phoenix_agents(path, stats):
    """Agent nouns of Phoenix.agents.txt -> {phrase: sector}: lowercase phrases with their
    plurals, the sector the first three letters of the agent code."""
    subst = {}
    agents = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            m = re.match(r"\s*!(\w+)!\s*=\s*(.+)$", line)
            if m:
                subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            m = re.match(r"\s*([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
            if not m:
                stats["agent lines not read"] += 1
                continue
            phrase, plurals, code = m.group(1).strip(), m.group(2), m.group(3)
            sector = code[:3]
            if sector not in AGENT_SECTORS:
                stats["agents of a faith or ethnicity, left out"] += 1
                continue
            # abbreviations ("CAPT.", "BRIG._GEN.") and possessives are not nouns to match
            if "." in phrase or "'" in phrase or not re.fullmatch(r"[A-Z0-9_!-]+", phrase):
                stats["agents abbreviated or possessive, left out"] += 1
                continue
            if " ".join(w for w in phrase.lower().split("_") if w) in AGENT_PLACES:
                stats["agents that are places, left out"] += 1
                continue
            forms = [phrase]
            for name, words in subst.items():
                if "!" + name + "!" in phrase:
                    forms = [x.replace("!" + name + "!", w) for x in forms for w in words]
            out = []
            for x in forms:
                words = [w for w in x.lower().split("_") if w]
                if not words:
                    continue
                out.append(" ".join(words))
                if not plurals:  # "{}" marks a phrase with no plural of its own
                    out.append(" ".join(words[:-1] + [english_plural(words[-1])]))
            if plurals:
                out += [" ".join(w for w in x.lower().split("_") if w)
                        for x in plurals.strip("{}").split()]
            for x in out:
                if x and x not in agents:
                    agents[x] = sector
    stats["agent nouns"] = len(agents)
    return agents


def main():
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", nargs="?", default=os.path.join(REPO, "..", "shared"),
                    help="the shared data directory (default: ../shared beside the repository)")
    ap.add_argument("--out", default=os.path.join(REPO, "data", "actors", "kb"))
    ap.add_argument("--close-phoenix-open-roles", metavar="YYYYMMDD", default="",
                    help="end Phoenix GOV roles that are still open at this date (the Phoenix lists "
                         "stop in January 2014) unless the UN list or people-extra.tsv says more; "
                         "no OPP role is added since the real end is unknown (default: leave open)")
    args = ap.parse_args()

    shared = os.path.abspath(args.shared)
    if not os.path.isdir(shared):
        die(f"shared data directory not found: {shared} (pass it as the first argument)")
    pdir = os.path.join(shared, "peers", "petrarch2", "dictionaries")
    xlsx = os.path.join(shared, "corpora", "ungdc-un-general-debates", "Speakers_by_session.xlsx")
    needed = [os.path.join(pdir, f) for f in PHOENIX_FILES] + [xlsx] + [
        os.path.join(REPO, "data", "gazetteer", "countries.tsv"),
        os.path.join(REPO, "data", "actors", "state-names.tsv"),
        os.path.join(REPO, "data", "names", "first-names.txt")]
    for path in needed:
        if not os.path.isfile(path):
            die(f"input not found: {path}")
    commit_file = os.path.join(shared, "peers", "petrarch2", "COMMIT")
    phoenix_commit = open(commit_file).read().strip() if os.path.exists(commit_file) else "unknown"

    stats = collections.Counter()
    close_open = None
    if args.close_phoenix_open_roles:
        try:
            close_open = datetime.datetime.strptime(args.close_phoenix_open_roles, "%Y%m%d").date()
        except ValueError:
            die(f"--close-phoenix-open-roles wants YYYYMMDD, not {args.close_phoenix_open_roles!r}")
    ctx = load_ctx(REPO, stats)
    common_words = english_words(os.path.join(shared, "corpora", "ud-english-ewt",
                                              "en_ewt-ud-train.conllu"))
    os.makedirs(args.out, exist_ok=True)

    # hand-written files (checked first: an error stops the run)
    errors = []
    extra = load_people_extra(os.path.join(args.out, "people-extra.tsv"), errors)
    inst = load_institutions(os.path.join(args.out, "institutions.tsv"), errors)
    if errors:
        for e in errors[:50]:
            print("make-actor-kb: " + e, file=sys.stderr)
        die(f"{len(errors)} problem(s) in the hand-written files")

    # Phoenix
    entries = []
    for fname in PHOENIX_FILES:
        entries.extend(parse_phoenix(os.path.join(pdir, fname), stats))
    stats["phoenix records"] = len(entries)
    # acronyms defined in the lists: initials of multiword names that also occur alone
    singles = collections.Counter()
    for e in entries:
        for n, _ in e.names:
            ws, paren = phoenix_words(n)
            if len(ws) == 1:
                singles[ws[0].replace(".", "")] += 1
            for pr in paren:
                if len(pr) == 1:
                    ctx.acronyms.add(pr[0].replace(".", ""))
    for e in entries:
        for n, _ in e.names:
            ws, _ = phoenix_words(n)
            if len(ws) >= 2:
                for ini in initials_of(ws):
                    if ini in singles:
                        ctx.acronyms.add(ini)
    # first names of leaders (UN speakers, CountryInfo leaders) help to tell people from bodies
    un_rows = read_xlsx_rows(xlsx)
    for r in un_rows[1:]:
        n = clean_un_name(r.get("E", ""))
        ws = fold(n).upper().split()
        if len(ws) >= 2 and len(ws[0]) > 2 and ws[0] not in TITLE_WORDS and ws[0] not in ORG_WORDS:
            ctx.first_names.add(ws[0])
    for e in entries:
        if "CountryInfo" in e.comment or "IGOrulers" in e.comment:
            ws = person_words(phoenix_words(e.names[0][0])[0], ctx, lenient=True) if e.names else None
            if ws and len(ws[0]) > 2 and ws[0] not in ORG_WORDS:
                ctx.first_names.add(fold(ws[0]).upper())
    ph_people, ph_orgs = phoenix_people_and_orgs(entries, ctx, stats)
    for p in ph_people:
        p.preferred = next(iter(p.names))

    # UN General Debates
    un_people, final_year = ungdc_people(un_rows, ctx, stats)

    people = merge_people(ph_people + un_people)

    # people-extra.tsv takes precedence
    def wide(countries):
        return {COUNTRY_EQUIV.get(c, c) for c in countries}

    extra_index = collections.defaultdict(list)
    for names, roles in extra:
        keys = {name_key(n) for n in names}
        countries = wide(code_country(c) for c, _, _ in roles)
        for k in keys:
            for ik in index_keys(k):
                extra_index[ik].append((keys, countries))
            if len(k[0]) >= 2:  # for name_prefix: the first two words
                extra_index[("2", collapse(k[0][0])[:3], collapse(k[0][1])[:3])].append((keys, countries))
    kept = []
    superseded = 0
    for p in people:
        pk = p.keys()
        pc = wide(p.countries)
        cands = [c for k in pk for ik in index_keys(k) for c in extra_index.get(ik, ())]
        cands += [c for k in pk if len(k[0]) >= 3
                  for c in extra_index.get(("2", collapse(k[0][0])[:3], collapse(k[0][1])[:3]), ())]
        # same name, or a generated name that is a fuller form of a hand-written one (not the
        # reverse: 'Kim Il' is not 'Kim Jong Il')
        hit = any((countries & pc) and (pk & keys or any(len(a[0]) >= len(b[0]) and
                                                         (same_person(a, b, strict=True) or name_prefix(b, a))
                                                         for a in pk for b in keys))
                  for keys, countries in cands)
        if hit:
            superseded += 1
        else:
            kept.append(p)

    # choose canonical names: a Phoenix primary spelled as in the UN list when it is there
    for p in kept:
        if p.preferred:
            pk = name_key(p.preferred)
            same = [n for n in p.un_names if name_key(n) == pk and re.search(r"[a-z]", n)]
            un_spelled = [n for n in same if fold(n) != n] or same
            if un_spelled:
                p.preferred = sorted(un_spelled, key=lambda n: (-p.names[n], n))[0]

    people_lines = []
    counts = collections.Counter()
    extra_names = {n.casefold() for names, _ in extra for n in names}
    # a generated "person" named like a hand-written institution ('Shin Bet') is not a person
    extra_names |= {n.casefold() for names, _, _ in inst for n in names}
    for p in kept:
        roles = build_roles(p, ctx, close_open)
        if not roles:
            continue
        names = [n for n in display_names(p) if n.casefold() not in extra_names]
        if not names:
            continue
        people_lines.append((names[0].casefold(), "|".join(names) + "\t" + fmt_roles(roles)))
        counts["people"] += 1
        counts["people from " + "+".join(sorted(p.sources))] += 1
    people_lines.sort()

    # organisations: merge identical names/codes; institutions.tsv takes precedence; a Phoenix
    # "organisation" whose name is a person's name (e.g. a leader listed with a group) is left out
    person_keys = {name_key(n) for names, _ in extra for n in names}
    for p in kept:
        person_keys.update(k for k in p.keys() if len(k[0]) >= 2)
    inst_names = {n.casefold() for names, _, _ in inst for n in names}
    org_map = collections.OrderedDict()
    for o in ph_orgs:
        words = o["names"]
        cased = []
        for ws in words:
            s = org_case(ws, o["acr"], ctx.acronyms)
            if s.casefold() in inst_names:
                stats["organisation names left to institutions.tsv"] += 1
                continue
            cased.append(s)
            if len(ws) == 1 and re.fullmatch(r"[A-Za-z]{2,}", s):
                other = s.capitalize() if s.isupper() else s.upper()
                # not when that spelling is an English word: 'LET' is Lashkar-e-Taiba, 'Let' is not
                if other.casefold() not in inst_names and len(s) > 2 and not (
                        other[1:].islower() and other.lower() in common_words):
                    cased.append(other)  # 'NASA' and 'Nasa', 'Stasi' and 'STASI'
        if not cased or name_key(cased[0]) in person_keys:
            if cased:
                stats["phoenix organisations named like a person, left out"] += 1
            continue
        typ = org_type(o["code"], words[0])
        key = (fold(cased[0]).casefold(), o["code"])
        if key in org_map:
            for s in cased:
                if s not in org_map[key]["names"]:
                    org_map[key]["names"].append(s)
        else:
            org_map[key] = {"names": cased, "code": o["code"], "type": typ}
    org_lines = []
    for key, o in org_map.items():
        names = []
        seen = set()
        for s in o["names"]:
            k = s if " " not in s else s.casefold()  # one-word names keep both spellings
            if k not in seen:
                seen.add(k)
                names.append(s)
        org_lines.append((names[0].casefold(), o["code"], "|".join(names) + "\t" + o["code"] + "\t" + o["type"]))
    org_lines.sort()
    counts["organisations"] = len(org_lines)
    by_type = collections.Counter(line.rsplit("\t", 1)[1] for *_, line in org_lines)

    # write
    ppath = os.path.join(args.out, "people.tsv")
    opath = os.path.join(args.out, "organisations.tsv")
    src_note = [
        f"# Sources: Phoenix actor dictionaries Phoenix.Countries/International/MilNonState.actors.txt",
        f"#   (openeventdata/petrarch2 commit {phoenix_commit}; MIT licence, Copyright (c) 2014 Open Event",
        f"#   Data Alliance; leaders' data from CountryInfo) and the UN General Debate Corpus speaker list",
        f"#   Speakers_by_session.xlsx (Harvard Dataverse, Jankin, Baturo & Dasandi; CC0), 1946-{final_year}.",
        f"# Generated by scripts/make-actor-kb.py (bash scripts/make-actor-kb.sh ../shared); do not edit by",
        f"#   hand: Parley's own additions go in people-extra.tsv and institutions.tsv, which take precedence.",
    ]
    if close_open:
        src_note.append(f"# Phoenix GOV roles still open in January 2014 end at {fmt_date(close_open)} "
                        f"(--close-phoenix-open-roles).")
    else:
        src_note.append("# Open-ended Phoenix roles are as of January 2014 (CountryInfo.140130) unless the UN list "
                        "shows a successor.")
    with open(ppath, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Parley actor knowledge base: people (generated). See README.md in this folder.\n")
        f.write("\n".join(src_note) + "\n")
        f.write("# Columns (tab-separated): names\troles\n")
        f.write("#   names: '|'-separated; the canonical name first, then full-name variants safe to match\n")
        f.write("#     exactly (no bare surnames, no titles); accent-free spellings included.\n")
        f.write("#   roles: ';'-separated CODE@FROM-TO, dates YYYYMMDD, empty = open; chronological. A role\n")
        f.write("#     with both dates empty (listed last) applies when no dated role covers the date.\n")
        f.write("#     Former office-holders are <ISO>OPP after their government role ends.\n")
        for _, line in people_lines:
            f.write(line + "\n")
    with open(opath, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Parley actor knowledge base: organisations (generated). See README.md in this folder.\n")
        f.write("\n".join(src_note[:2] + ["#   Data Alliance).", src_note[4], src_note[5]]) + "\n")
        f.write("# Columns (tab-separated): names\tcode\ttype\n")
        f.write("#   names: '|'-separated; the canonical name first, then aliases and acronyms.\n")
        f.write("#   code: CAMEO actor code as in Phoenix (companies: <country>BUS / <country>MED; state codes\n")
        f.write("#     as in data/gazetteer/countries.tsv: KSV -> UNK, TMP -> TLS).\n")
        f.write("#   type: IGO NGO BUS MED GRP GOV MIL LEG JUD COP SPY PTY ORG.\n")
        for *_, line in org_lines:
            f.write(line + "\n")

    # agents: nouns of roles and groups that take a state before them ("British aircraft")
    agents = phoenix_agents(os.path.join(pdir, "Phoenix.agents.txt"), stats)
    apath = os.path.join(args.out, "agents.tsv")
    with open(apath, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Parley actor knowledge base: agent nouns (generated). See README.md in this folder.\n")
        f.write(f"# Source: Phoenix.agents.txt (openeventdata/petrarch2 commit {phoenix_commit}; MIT licence,\n")
        f.write("#   Copyright (c) 2014 Open Event Data Alliance). Generated by scripts/make-actor-kb.py; do\n")
        f.write("#   not edit by hand: data/actors/roles.tsv, written for Parley, takes precedence.\n")
        f.write("# Columns (tab-separated): phrase (lowercase; singular and plural forms listed apart)\tsector\n")
        f.write("# An agent noun names an actor only with a state right before it: 'British aircraft',\n")
        f.write("#   'Palestinian prisoners', 'Iraqi army bulldozers'.\n")
        for phrase in sorted(agents):
            f.write(f"{phrase}\t{agents[phrase]}\n")

    # summary
    size = sum(os.path.getsize(p) for p in (ppath, opath, apath))
    print(f"make-actor-kb: wrote {os.path.relpath(ppath, REPO)}, {os.path.relpath(opath, REPO)} and "
          f"{os.path.relpath(apath, REPO)} ({size / 1e6:.2f} MB)")
    print(f"  people: {counts['people']}  (Phoenix only {counts['people from phoenix']}, UN debates only "
          f"{counts['people from ungdc']}, both {counts['people from phoenix+ungdc']}); "
          f"{superseded} left to people-extra.tsv ({len(extra)} hand-written people)")
    print(f"  organisations: {counts['organisations']} from Phoenix ("
          + ", ".join(f"{t} {n}" for t, n in sorted(by_type.items())) + f"); "
          f"institutions.tsv: {len(inst)} hand-written entries")
    print("  notes: " + "; ".join(f"{k} {v}" for k, v in sorted(stats.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
