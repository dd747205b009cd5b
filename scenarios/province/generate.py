#!/usr/bin/python3
"""Write the SYNTHETIC province of scenarios/province/ for scale tests of region scenarios.

Nothing here is any real district's, city's or province's figures.  Every count and rate is drawn
around those of scenarios/tianning-2025.ini (天宁区) from a fixed seed, so that `ladder` has a
large region to run: 95 districts in 13 cities in one province.

How to run it, from the repository root (needs python3 with numpy; on Debian the system
/usr/bin/python3 with the python3-numpy package):

    python3 scenarios/province/generate.py

It (re)writes, and touches nothing else:

    scenarios/province/districts/dNN-<id>.ini   95 ordinary scenario files (`ladder run` reads them)
    scenarios/province/cities/cNN.ini           13 region files, each over 7 or 8 districts
    scenarios/province/province-2025.ini        the province: a region over the 13 city files
    scenarios/province/province-flat-2025.ini   the same province over the 95 district files directly
                                                (replications = 10000: the 95-district performance goal)
    scenarios/province/README.md                what the folder is and the district -> city table

Files in districts/ and cities/ that match its own name patterns (dNN-*.ini, cNN.ini) and that it
does not write this time are removed, so a changed id leaves no stale file behind.

Deterministic: the same bytes on every run.  Every random number comes from
numpy.random.Generator(PCG64(SEED)).random(), uniform doubles on [0, 1): the plainest use of
numpy's PCG64 stream, so as little as possible depends on numpy's version.  Normals are made from
them by Box-Muller here (not numpy's ziggurat), shuffles by a Fisher-Yates written here.  The draws are made in one fixed order
(draw_province): the district ids, the ten 2020 districts, each district in turn key by key
(draw_district), the four 8-district cities, then each district's four target factors.

The distributions (z is a standard normal, LN(s) = exp(s * z) a lognormal factor of median 1,
U(a, b) uniform; "clip" keeps the value in the range given; rates are rounded to 3 decimals):

  Size      有效高企 (valid 高企 certificates, the list hightech_valid) at the end of the base year:
            H = clip(round(230 * LN(1.0)), 45, 1500): small rural districts near 50, large ones
            near 1500.  s = H / 250 (250 is 天宁区's assumed end-2021 list) scales the inflows and
            recruitment.
  Base year 2021, except 10 districts picked by a seeded shuffle, which start at the end of 2020.
            Horizon 2025 for all.
  Baseline  gazelle = round(H * clip(0.10 * LN(0.25), 0.04, 0.18))
            unicorn = round(H * clip(0.016 * LN(0.35), 0.004, 0.04))
            listed  = round(H * clip(0.032 * LN(0.35), 0.01, 0.08))
            hightech = H - gazelle - unicorn - round(0.6 * listed)         (the list less its other stages)
            register R = round(H * clip(1.6 * LN(0.2), 1.0, 2.6))          (the 科小 register, a list)
            tech_sme = R - round(0.4 * hightech)                           (the register less its 高企)
            startup  = round(R * clip(5 * LN(0.2), 3, 8))                  (the pool of small firms)
  Edges     tianning's value times LN(sigma), clipped:
            startup -> tech_sme   0.07  LN(0.15)  [0.04, 0.11]
            startup -> hightech   0.005 LN(0.2)   [0.002, 0.01]
            tech_sme -> hightech  0.13  LN(0.18)  [0.08, 0.22]
            hightech -> gazelle   0.05  LN(0.2)   [0.02, 0.08]
            hightech -> listed    0.002 LN(0.3)   [0.001, 0.005]
            gazelle -> unicorn    0.08  LN(0.2)   [0.04, 0.13]
            gazelle -> listed     0.02  LN(0.2)   [0.01, 0.04]
            unicorn -> listed     0.08  LN(0.2)   [0.04, 0.13]
  Exits     startup 0.15 LN(0.12) [0.10, 0.20]; tech_sme 0.04 LN(0.15) [0.025, 0.06];
            hightech 0.02 LN(0.15) [0.012, 0.03]; gazelle 0.01 LN(0.2) [0.005, 0.02];
            unicorn 0.02 LN(0.2) [0.01, 0.035]; listed 0.01 LN(0.2) [0.005, 0.02].
            So every stage's exit plus outgoing edges stays below 0.35 (the largest, 初创, at most
            0.20 + 0.11 + 0.01 = 0.32), far enough below 1 for the [common] factors and policies.
  Renewal   valid years and lapse stage as tianning's; the probability (2 decimals):
            tech_sme  1 year,  clip(0.90 + 0.02 z, 0.85, 0.94), lapse to startup
            hightech  3 years, clip(0.80 + 0.03 z, 0.72, 0.88), lapse to tech_sme
            gazelle   1 year,  clip(0.75 + 0.04 z, 0.65, 0.85), lapse to hightech
            unicorn   1 year,  clip(0.80 + 0.04 z, 0.70, 0.90), lapse to gazelle
  Inflows   startup: gamma(16, scale), scale = round(startup * out / 16 * LN(0.15), 2) with at
            least 0.5, where out is the pool's yearly outflow share (exit plus its two edges), so
            the pool stays near its baseline, a little up or down; the inflow written is 16 * scale.
            hightech: gamma(4, scale), scale = max(0.25, round(10 * s * LN(0.3) / 4, 2)), inflow 4 * scale.
  Recruitment  科小 招引 in about 70% of the districts (U(0,1) < 0.7):
            max(1, round(100 * s * LN(0.3))) a year.
  Lists     [list hightech_valid] and [list tech_sme_register] exactly as tianning's (shares 0.6, 0.4).
  Uncertainty  Always: tech_sme -> hightech = beta(m*200, (1-m)*200) (sd ~2.4 points at m = 0.13);
            renewal.hightech = beta(m*100, (1-m)*100); inflow.startup = gamma(16, scale) (sd a
            quarter of the mean); baseline.hightech = uniform(lo, 2b - lo), lo = min(round(0.75 b),
            b - 1), so its mean is the written b.  Each of these with probability 0.6 (U(0,1) < 0.6,
            drawn in this order): startup -> tech_sme = beta(m*200, ...); hightech -> gazelle =
            beta(m*200, ...); gazelle -> unicorn = beta(m*100, ...); renewal.tech_sme =
            beta(m*100, ...); inflow.hightech = gamma(4, scale); recruitment.tech_sme =
            uniform(lo, 2r - lo), lo = round(0.7 r) (only where there is recruitment and r >= 2);
            list.hightech_valid.listed = beta(6,4); list.tech_sme_register.hightech = beta(8,12);
            baseline.tech_sme and baseline.startup = uniform as for 高企.  Every mean equals the value
            written in the parameter's own group, so --no-uncertainty gives the central run.
  Targets   per district, each at the district's exact expectation for 2025 (central values, the
            cohort recursion of docs/model.md, computed here by expect()) times U(0.85, 1.15),
            rounded (to 10 from 200, to 5 from 50): 有效高企 (list), 科技型中小企业 (register list),
            瞪羚 (stage), and (潜在)独角兽 (stage) where its expectation is at least 3.
  Cities    the districts in number order, 7 to a city, 8 in 4 cities picked by a seeded shuffle;
            a 有效高企 target per city at the sum of its districts' expectations times
            CITY_TARGET_FACTORS (cycled); a policy in 4 cities (CITY_POLICIES).  No [common].
  Province  [common]: tech_sme -> hightech = gamma(100, 0.01) (mean 1, sd 0.1: a national change
            of the 高企 recognition criteria) and exit.hightech = gamma(25, 0.04) (mean 1, sd 0.2: the
            business cycle); a province-wide policy tech_sme -> hightech = *1.1 from 2023; four
            targets at the sum of the 95 districts' 2025 expectations times PROVINCE_TARGETS'
            factors (some meant to be likely, some not), rounded to 10.

The expectations written in comments and in README.md are this script's cohort recursion at
central values, without the region policies and [common] factors unless a comment says "with".
They agree with the "expected" figures of `ladder run` on each district (summary.json).
"""
import glob
import math
import os
import sys
import textwrap

try:
    import numpy as np
except ImportError:  # pragma: no cover
    sys.exit("generate.py needs numpy: run it with a python3 that has it (Debian: apt-get install python3-numpy; "
             "/usr/bin/python3 scenarios/province/generate.py)")

SEED = 20250101
HORIZON = 2025
N_DISTRICTS = 95
N_CITIES = 13
N_BASE_2020 = 10
HERE = os.path.dirname(os.path.abspath(__file__))

STAGES = [("startup", "初创"), ("tech_sme", "科小"), ("hightech", "高企"),
          ("gazelle", "瞪羚"), ("unicorn", "独角兽"), ("listed", "上市")]
NAME = dict(STAGES)
EDGES = [("startup", "tech_sme"), ("startup", "hightech"), ("tech_sme", "hightech"),
         ("hightech", "gazelle"), ("hightech", "listed"), ("gazelle", "unicorn"),
         ("gazelle", "listed"), ("unicorn", "listed")]
# (central value, sigma of the lognormal factor, low, high), tianning's values
EDGE_DRAW = {("startup", "tech_sme"): (0.07, 0.15, 0.04, 0.11),
             ("startup", "hightech"): (0.005, 0.2, 0.002, 0.01),
             ("tech_sme", "hightech"): (0.13, 0.18, 0.08, 0.22),
             ("hightech", "gazelle"): (0.05, 0.2, 0.02, 0.08),
             ("hightech", "listed"): (0.002, 0.3, 0.001, 0.005),
             ("gazelle", "unicorn"): (0.08, 0.2, 0.04, 0.13),
             ("gazelle", "listed"): (0.02, 0.2, 0.01, 0.04),
             ("unicorn", "listed"): (0.08, 0.2, 0.04, 0.13)}
EXIT_DRAW = {"startup": (0.15, 0.12, 0.10, 0.20), "tech_sme": (0.04, 0.15, 0.025, 0.06),
             "hightech": (0.02, 0.15, 0.012, 0.03), "gazelle": (0.01, 0.2, 0.005, 0.02),
             "unicorn": (0.02, 0.2, 0.01, 0.035), "listed": (0.01, 0.2, 0.005, 0.02)}
# stage: (valid years, central, sd, low, high, lapse stage)
RENEWAL_DRAW = {"tech_sme": (1, 0.90, 0.02, 0.85, 0.94, "startup"),
                "hightech": (3, 0.80, 0.03, 0.72, 0.88, "tech_sme"),
                "gazelle": (1, 0.75, 0.04, 0.65, 0.85, "hightech"),
                "unicorn": (1, 0.80, 0.04, 0.70, 0.90, "gazelle")}
SHARE_LISTED = 0.6       # list.hightech_valid.listed, as tianning-2025.ini
SHARE_HIGHTECH = 0.4     # list.tech_sme_register.hightech, as tianning-2025.ini

SYLLABLES = ["an", "bai", "bei", "cang", "chen", "dai", "dong", "fang", "fu", "gao", "guan", "hai",
             "he", "heng", "hua", "jia", "jiang", "kang", "lan", "le", "lian", "lin", "long", "lu",
             "mei", "ming", "ning", "pan", "ping", "qi", "qiao", "rui", "shan", "shu", "song", "tang",
             "tian", "wei", "wen", "xia", "xin", "xing", "ya", "yan", "yi", "yong", "yu", "yuan", "ze",
             "zhao", "zhen", "zhong"]

# Each city's 有效高企 target: the sum of its districts' 2025 expectations times these, in turn.
CITY_TARGET_FACTORS = [0.95, 1.03, 0.98, 1.08, 0.92, 1.01]
# City number -> (policy name, key, change, from year or None, what it means)
CITY_POLICIES = {
    2: ("全市高企培育专班", "tech_sme -> hightech", "*1.1", 2023,
        "each district's 科小 → 高企 rate 10% higher from 2023"),
    5: ("全市科小招引", "recruitment.tech_sme", "+5", None,
        "5 more 科小 recruited (招引) a year in every district of the city, 2022-2025"),
    9: ("全市高企培育专班", "tech_sme -> hightech", "*1.1", None,
        "each district's 科小 → 高企 rate 10% higher, 2022-2025"),
    12: ("全市科小招引", "recruitment.tech_sme", "+8", 2023,
         "8 more 科小 recruited (招引) a year in every district of the city from 2023"),
}
PROVINCE_POLICY = ("全省高企培育行动", "tech_sme -> hightech", "*1.1", 2023)
# Province targets: (name stem, key line, what is counted, factor on the sum of the expectations, intent)
PROVINCE_TARGETS = [
    ("有效高企", "list = hightech_valid", "hightech_valid", 1.00,
     "meant to be likely once the province policy adds its firms"),
    ("科技型中小企业", "list = tech_sme_register", "tech_sme_register", 0.99,
     "1% below the sum of the expectations (the province policy moves 科小 up to 高企, so it lowers the register "
     "a little): meant to be uncertain"),
    ("瞪羚企业", "stage = gazelle\ncount = stage", "gazelle", 1.06,
     "6% above the sum of the expectations: meant to be unlikely"),
    ("(潜在)独角兽企业", "stage = unicorn\ncount = stage", "unicorn", 0.95,
     "5% below the sum of the expectations: meant to be likely"),
]


class Rand:
    """Uniform doubles from numpy's PCG64 and everything else built on them here."""

    def __init__(self, seed):
        self.g = np.random.Generator(np.random.PCG64(seed))

    def u(self):
        return float(self.g.random())

    def normal(self):
        u1 = 1.0 - self.u()  # (0, 1]
        u2 = self.u()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def lognormal(self, sigma):
        return math.exp(sigma * self.normal())

    def uniform(self, a, b):
        return a + (b - a) * self.u()

    def shuffle(self, xs):
        xs = list(xs)
        for i in range(len(xs) - 1, 0, -1):
            j = min(int(self.u() * (i + 1)), i)
            xs[i], xs[j] = xs[j], xs[i]
        return xs


def clip(x, lo, hi):
    return min(max(x, lo), hi)


def num(x, digits=3):
    """A decimal as ladder reads it: a point, no trailing zeros, at least one digit after it."""
    t = f"{x:.{digits}f}".rstrip("0")
    return t + "0" if t.endswith(".") else t


def cents(c):
    """c hundredths as a decimal: 1600 -> 16.0, 592 -> 5.92."""
    return num(c / 100.0, 2)


def comment(text, width=100):
    """A comment paragraph: '# ' lines of at most `width` characters, split at blanks."""
    return ["# " + line for line in textwrap.wrap(text, width - 2, break_long_words=False, break_on_hyphens=False)]


def nice(x):
    """A target figure: to 10 from 200, to 5 from 50, else a whole number; at least 1."""
    if x >= 200:
        return int(round(x / 10.0)) * 10
    if x >= 50:
        return int(round(x / 5.0)) * 5
    return max(1, int(round(x)))


def uniform_around(b, frac):
    """uniform(lo, hi) with integer ends and mean exactly b (lo + hi = 2b), lo about (1-frac) b."""
    lo = min(int(round((1.0 - frac) * b)), b - 1)
    return max(lo, 0), 2 * b - max(lo, 0)


def beta_of(m, weight):
    """beta(a, b) with mean m: a = m * weight, b = (1 - m) * weight, written with 2 decimals at most."""
    a = round(m * weight, 2)
    return f"beta({num(a, 2)},{num(weight - a, 2)})"


# ---------------------------------------------------------------------------------------------
# Drawing the districts

def draw_district(rng, i, base_year, uid):
    d = {"i": i, "num": f"{i:02d}", "uid": uid, "base_year": base_year, "seed": SEED + i}
    H = int(clip(round(230 * rng.lognormal(1.0)), 45, 1500))
    s = H / 250.0
    gaz = int(round(H * clip(0.10 * rng.lognormal(0.25), 0.04, 0.18)))
    uni = int(round(H * clip(0.016 * rng.lognormal(0.35), 0.004, 0.04)))
    lst = int(round(H * clip(0.032 * rng.lognormal(0.35), 0.01, 0.08)))
    ht = H - gaz - uni - int(round(SHARE_LISTED * lst))
    R = int(round(H * clip(1.6 * rng.lognormal(0.2), 1.0, 2.6)))
    ts = R - int(round(SHARE_HIGHTECH * ht))
    st = int(round(R * clip(5.0 * rng.lognormal(0.2), 3.0, 8.0)))
    d.update(H=H, s=s, R=R)
    d["baseline"] = {"startup": st, "tech_sme": ts, "hightech": ht, "gazelle": gaz, "unicorn": uni,
                     "listed": lst}
    d["edges"] = {}
    for e in EDGES:
        c, sig, lo, hi = EDGE_DRAW[e]
        d["edges"][e] = round(clip(c * rng.lognormal(sig), lo, hi), 3)
    d["exits"] = {}
    for sid, _ in STAGES:
        c, sig, lo, hi = EXIT_DRAW[sid]
        d["exits"][sid] = round(clip(c * rng.lognormal(sig), lo, hi), 3)
    d["renewal"] = {}
    for sid in ("tech_sme", "hightech", "gazelle", "unicorn"):
        V, c, sd, lo, hi, lapse = RENEWAL_DRAW[sid]
        d["renewal"][sid] = (V, round(clip(c + sd * rng.normal(), lo, hi), 2), lapse)
    out = d["exits"]["startup"] + d["edges"][("startup", "tech_sme")] + d["edges"][("startup", "hightech")]
    sc_start = max(50, int(round(st * out / 16.0 * rng.lognormal(0.15) * 100)))   # hundredths
    sc_ht = max(25, int(round(10.0 * s * rng.lognormal(0.3) / 4.0 * 100)))
    d["inflow_scale"] = {"startup": sc_start, "hightech": sc_ht}
    d["inflows"] = {"startup": 16 * sc_start / 100.0, "hightech": 4 * sc_ht / 100.0}
    rec = None
    if rng.u() < 0.7:
        rec = max(1, int(round(100.0 * s * rng.lognormal(0.3))))
    d["recruitment"] = rec
    # [uncertainty]: the fixed four, then the optional ones in a fixed order
    opt = {}
    for key in ("startup -> tech_sme", "hightech -> gazelle", "gazelle -> unicorn", "renewal.tech_sme",
                "inflow.hightech", "recruitment.tech_sme", "list.hightech_valid.listed",
                "list.tech_sme_register.hightech", "baseline.tech_sme", "baseline.startup"):
        opt[key] = rng.u() < 0.6
    if rec is None or rec < 2:
        opt["recruitment.tech_sme"] = False
    d["uncertain"] = opt
    # every probability in [0, 1] and every stage's exit plus outgoing edges well below 1
    for sid, _ in STAGES:
        total = d["exits"][sid] + sum(v for (a, _b), v in d["edges"].items() if a == sid)
        assert total <= 0.35, (i, sid, total)
    assert all(0.0 < v < 1.0 for v in list(d["edges"].values()) + list(d["exits"].values()))
    assert all(0.0 < r < 1.0 for _V, r, _l in d["renewal"].values())
    assert all(v >= 0 for v in d["baseline"].values()) and ht > 0 and ts > 0
    return d


def draw_province():
    rng = Rand(SEED)
    # ids: distinct syllable pairs
    ids, seen = [], set()
    while len(ids) < N_DISTRICTS:
        a = SYLLABLES[min(int(rng.u() * len(SYLLABLES)), len(SYLLABLES) - 1)]
        b = SYLLABLES[min(int(rng.u() * len(SYLLABLES)), len(SYLLABLES) - 1)]
        if a == b or a + b in seen:
            continue
        seen.add(a + b)
        ids.append(a + b)
    early = set(rng.shuffle(range(1, N_DISTRICTS + 1))[:N_BASE_2020])
    districts = [draw_district(rng, i, 2020 if i in early else 2021, ids[i - 1])
                 for i in range(1, N_DISTRICTS + 1)]
    # cities: 7 districts each, 8 in (95 - 7*13) = 4 cities
    extra = set(rng.shuffle(range(1, N_CITIES + 1))[:N_DISTRICTS - 7 * N_CITIES])
    cities, k = [], 0
    for c in range(1, N_CITIES + 1):
        n = 8 if c in extra else 7
        cities.append({"c": c, "num": f"{c:02d}", "districts": districts[k:k + n]})
        for d in districts[k:k + n]:
            d["city"] = c
        k += n
    assert k == N_DISTRICTS
    # per-district target factors, drawn after everything else
    for d in districts:
        d["target_f"] = [rng.uniform(0.85, 1.15) for _ in range(4)]
    return districts, cities


# ---------------------------------------------------------------------------------------------
# Exact expectation (cohort recursion of docs/model.md at central values)

def central(d):
    """The central value of every parameter, keyed as in a policy."""
    p = {}
    for (a, b), v in d["edges"].items():
        p[f"{a} -> {b}"] = v
    for sid, v in d["exits"].items():
        p[f"exit.{sid}"] = v
    for sid, (V, v, lapse) in d["renewal"].items():
        p[f"renewal.{sid}"] = v
    for sid, v in d["inflows"].items():
        p[f"inflow.{sid}"] = v
    p["recruitment.tech_sme"] = float(d["recruitment"] or 0)
    return p


def expect(d, policies=(), factors=None):
    """Expected year-end stocks and list counts of district d, from its base year to HORIZON.

    policies: (from, to, key, op, x) acting in calendar years from..to, in order.
    factors: key -> multiplier on the base value (a region's [common] at a fixed value).
    Returns {year: {stage or list id: expected count}}."""
    base = central(d)
    for k, f in (factors or {}).items():
        if k in base:
            base[k] *= f
    V = {sid: (d["renewal"][sid][0] if sid in d["renewal"] else 1) for sid, _ in STAGES}
    state = {}
    for sid, _ in STAGES:
        n = d["baseline"][sid]
        state[sid] = [float(n // V[sid] + (1 if c < n % V[sid] else 0)) for c in range(V[sid])]

    def record(st):
        r = {sid: sum(st[sid]) for sid, _ in STAGES}
        r["hightech_valid"] = r["hightech"] + r["gazelle"] + r["unicorn"] + SHARE_LISTED * r["listed"]
        r["tech_sme_register"] = r["tech_sme"] + SHARE_HIGHTECH * r["hightech"]
        return r

    out = {d["base_year"]: record(state)}
    for y in range(d["base_year"] + 1, HORIZON + 1):
        p = dict(base)
        for lo, hi, key, op, x in policies:
            if lo <= y <= hi:
                v = p.get(key, 0.0)
                p[key] = v * x if op == "*" else v + x if op == "+" else v - x if op == "-" else x
        new = {sid: [0.0] * V[sid] for sid, _ in STAGES}
        for sid, _ in STAGES:
            outs = [(b, p[f"{a} -> {b}"]) for (a, b) in EDGES if a == sid]
            stay = 1.0 - p[f"exit.{sid}"] - sum(q for _, q in outs)
            assert 0.0 <= stay <= 1.0
            for c, n in enumerate(state[sid]):
                for b, q in outs:
                    new[b][0] += n * q
                kept = n * stay
                if sid in d["renewal"]:
                    Vs, _, lapse = d["renewal"][sid]
                    if c + 1 >= Vs:
                        r = p[f"renewal.{sid}"]
                        new[sid][0] += kept * r
                        new[lapse][0] += kept * (1.0 - r)
                    else:
                        new[sid][c + 1] += kept
                else:
                    new[sid][0] += kept
        for sid, _ in STAGES:
            new[sid][0] += p.get(f"inflow.{sid}", 0.0) + round(p.get(f"recruitment.{sid}", 0.0))
        state = new
        out[y] = record(state)
    return out


# ---------------------------------------------------------------------------------------------
# Writing

def district_path(d):
    return f"districts/d{d['num']}-{d['uid']}.ini"


def district_name(d):
    return f"合成区{d['num']}"


def write(path, text, written):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    written.add(os.path.normpath(full))


def district_text(d, e):
    by = d["base_year"]
    b = d["baseline"]
    city = f"合成市{d['city']:02d}"
    L = []
    w = L.append
    w(f"# {district_name(d)}: a SYNTHETIC district, generated by scenarios/province/generate.py for scale tests of")
    w(f"# region scenarios (it is a part of cities/c{d['city']:02d}.ini and province-flat-2025.ini).")
    w("# These are NOT any real district's figures: the size is drawn from a lognormal and every rate is")
    w("# scenarios/tianning-2025.ini's perturbed a little, from the script's fixed seed.  Do not edit by hand:")
    w("# change generate.py and run `python3 scenarios/province/generate.py` from the repository root.")
    w("# SPDX-License-Identifier: MIT")
    w("#")
    w("# Stocks are firms in a stage at the end of a year; stages are exclusive (a firm is counted at its")
    w("# highest status).  The 高企 and 科小 figures of a plan are lists that overlap the stages:")
    w("# [list hightech_valid] (有效高企: valid 高企 certificates) and [list tech_sme_register] (the 科小 register).")
    w(f"# Drawn size: {d['H']} 有效高企 at the end of {by} (scale {d['s']:.3f} of 天宁区's assumed 250).")
    w(f"# Exact expectation at central values for {HORIZON}: 有效高企 {e[HORIZON]['hightech_valid']:.1f}, "
      f"科小 register {e[HORIZON]['tech_sme_register']:.1f}, 瞪羚 {e[HORIZON]['gazelle']:.1f}, "
      f"(潜在)独角兽 {e[HORIZON]['unicorn']:.1f}.")
    w("")
    w("[scenario]")
    w(f"name = {district_name(d)} {HORIZON}")
    w(f"region = 合成省{city}{district_name(d)}")
    w("description = 合成数据(SYNTHETIC):供地区情景规模测试的虚构区县,非任何真实区县的数字;由 scenarios/province/generate.py 生成。")
    w("language = zh")
    if by == 2020:
        w("# SYNTHETIC: one of the ten districts whose base is the end of 2020, to give regions parts with")
        w("# different base years.")
    w(f"base_year = {by}")
    w(f"horizon = {HORIZON}")
    w("# SYNTHETIC: a fixed seed per district (the script's seed plus the district number).")
    w(f"seed = {d['seed']}")
    w("")
    w("[stages]")
    w("# The ladder of scenarios/tianning-2025.ini, lowest first, the same in every district of the province.")
    for sid, name in STAGES:
        w(f"{sid} = {name}")
    w("")
    w("[baseline]")
    w(f"# Firms in each stage at the end of {by} (stocks).  All SYNTHETIC, derived from the drawn size.")
    w(f"# SYNTHETIC: the pool of small firms not on the 科小 register, {b['startup'] / d['R']:.2f} times the register.")
    w(f"startup = {b['startup']}")
    w(f"# SYNTHETIC: the 科小 register (list tech_sme_register) is {d['R']}; less the {SHARE_HIGHTECH} x {b['hightech']} 高企 on it,")
    w(f"# the 科小 stage is {d['R']} - {int(round(SHARE_HIGHTECH * b['hightech']))} = {b['tech_sme']}.")
    w(f"tech_sme = {b['tech_sme']}")
    w(f"# SYNTHETIC: 有效高企 (list hightech_valid) is {d['H']}; less the 瞪羚, (潜在)独角兽 and {SHARE_LISTED} of the listed")
    w(f"# firms below, the 高企 stage is {d['H']} - {b['gazelle']} - {b['unicorn']} - {int(round(SHARE_LISTED * b['listed']))} = {b['hightech']}.")
    w(f"hightech = {b['hightech']}")
    w("# SYNTHETIC: the year's 瞪羚 list (a stage).")
    w(f"gazelle = {b['gazelle']}")
    w("# SYNTHETIC: the year's (潜在)独角兽 list (a stage).")
    w(f"unicorn = {b['unicorn']}")
    w("# SYNTHETIC: listed firms registered in the district.")
    w(f"listed = {b['listed']}")
    w("")
    w("[transitions]")
    w("# Annual probability that a firm of the first stage moves to the second.  SYNTHETIC: tianning-2025.ini's")
    w("# rate times a lognormal factor (see generate.py).")
    for (a, bb) in EDGES:
        c = EDGE_DRAW[(a, bb)][0]
        w(f"# {NAME[a]} → {NAME[bb]}; tianning: {num(c)}.")
        w(f"{a} -> {bb} = {num(d['edges'][(a, bb)])}")
    w("")
    w("[exits]")
    w("# Annual probability that a firm of the stage closes or leaves the district.  SYNTHETIC, around tianning's.")
    for sid, name in STAGES:
        w(f"# {name}; tianning: {num(EXIT_DRAW[sid][0])}.")
        w(f"{sid} = {num(d['exits'][sid])}")
    w("")
    w("[renewal]")
    w("# valid years;probability a firm due renews;stage a lapsed firm falls to.  The 科小 register, 瞪羚 and")
    w("# (潜在)独角兽 lists are re-made every year, 高企 certificates are valid 3 years.  SYNTHETIC probabilities.")
    for sid in ("tech_sme", "hightech", "gazelle", "unicorn"):
        V, r, lapse = d["renewal"][sid]
        w(f"# {NAME[sid]}: tianning {num(RENEWAL_DRAW[sid][1], 2)}.")
        w(f"{sid} = {V};{num(r, 2)};{lapse}")
    w("")
    w("[inflows]")
    w("# Mean firms arriving in the stage each year (Poisson).  SYNTHETIC.")
    w(f"# New small firms joining the pool: near the pool's yearly outflow, so it stays near {b['startup']}.")
    w(f"startup = {cents(16 * d['inflow_scale']['startup'])}")
    w("# 高企 recognised or moving in from outside the ladder: tianning's 10 a year times the size.")
    w(f"hightech = {cents(4 * d['inflow_scale']['hightech'])}")
    if d["recruitment"] is not None:
        w("")
        w("[recruitment]")
        w("# 科小 recruited (招引) each year, a planned count.  SYNTHETIC: tianning's 100 a year times the size,")
        w("# perturbed.")
        w(f"tech_sme = {d['recruitment']}")
    w("")
    w("[list hightech_valid]")
    w("# 有效高企: firms holding a valid 高企 certificate at the end of the year, as tianning-2025.ini counts them.")
    w("name = 有效高企")
    w("stages = hightech, gazelle, unicorn")
    w("# share of the listed firms that keep a certificate, as tianning-2025.ini (an assumption).")
    w(f"share.listed = {SHARE_LISTED}")
    w("")
    w("[list tech_sme_register]")
    w("# The 科小 register at the end of the year, as tianning-2025.ini counts it: the 科小 stage and the small")
    w("# 高企 that register.")
    w("name = 科技型中小企业（入库）")
    w("stages = tech_sme")
    w("# share of 高企 on the register in a year, as tianning-2025.ini (an assumption).")
    w(f"share.hightech = {SHARE_HIGHTECH}")
    # targets
    f = d["target_f"]
    eh = e[HORIZON]
    targets = [
        ("高新技术企业{}家", "list = hightech_valid", eh["hightech_valid"], f[0],
         "有效高企 (list hightech_valid) at the end of"),
        ("科技型中小企业{}家", "list = tech_sme_register", eh["tech_sme_register"], f[1],
         "the 科小 register (list tech_sme_register) at the end of"),
        ("瞪羚企业{}家", "stage = gazelle\ncount = stage", eh["gazelle"], f[2],
         "瞪羚 (stage: the year's list) at the end of"),
    ]
    if eh["unicorn"] >= 3:
        targets.append(("(潜在)独角兽企业{}家", "stage = unicorn\ncount = stage", eh["unicorn"], f[3],
                        "(潜在)独角兽 (stage: the year's list) at the end of"))
    for tname, key, ex, fac, what in targets:
        at = nice(ex * fac)
        w("")
        w(f"[target {tname.format(at)}]")
        L.extend(comment(f"SYNTHETIC target: {what} {HORIZON}, a stock; set at the exact expectation {ex:.1f} "
                         f"(central values) times {fac:.3f}, rounded."))
        w(key)
        w(f"year = {HORIZON}")
        w(f"at_least = {at}")
    # uncertainty
    w("")
    w("[uncertainty]")
    w("# One draw per replication; every mean equals the value written above, so --no-uncertainty gives the")
    w("# central run.  SYNTHETIC spreads, in the manner of tianning-2025.ini's.")
    u = d["uncertain"]
    m = d["edges"][("tech_sme", "hightech")]
    w(f"# 科小 → 高企: mean {num(m)}, weight 200.")
    w(f"tech_sme -> hightech = {beta_of(m, 200)}")
    for key, (a, bb), wt in (("startup -> tech_sme", ("startup", "tech_sme"), 200),
                             ("hightech -> gazelle", ("hightech", "gazelle"), 200),
                             ("gazelle -> unicorn", ("gazelle", "unicorn"), 100)):
        if u[key]:
            w(f"# {NAME[a]} → {NAME[bb]}: mean {num(d['edges'][(a, bb)])}, weight {wt}.")
            w(f"{key} = {beta_of(d['edges'][(a, bb)], wt)}")
    r = d["renewal"]["hightech"][1]
    w(f"# 高企 re-recognised when due: mean {num(r, 2)}, weight 100.")
    w(f"renewal.hightech = {beta_of(r, 100)}")
    if u["renewal.tech_sme"]:
        r = d["renewal"]["tech_sme"][1]
        w(f"# 科小 re-registering: mean {num(r, 2)}, weight 100.")
        w(f"renewal.tech_sme = {beta_of(r, 100)}")
    sc = d["inflow_scale"]
    w(f"# New firms in the pool a year: mean {cents(16 * sc['startup'])}, sd a quarter of it (shape 16).")
    w(f"inflow.startup = gamma(16,{cents(sc['startup'])})")
    if u["inflow.hightech"]:
        w(f"# 高企 from outside the ladder a year: mean {cents(4 * sc['hightech'])}, sd half of it (shape 4).")
        w(f"inflow.hightech = gamma(4,{cents(sc['hightech'])})")
    if u["recruitment.tech_sme"]:
        lo, hi = uniform_around(d["recruitment"], 0.3)
        w(f"# 科小 招引 a year: the planned {d['recruitment']}, missed or beaten by about 30%.")
        w(f"recruitment.tech_sme = uniform({lo},{hi})")
    if u["list.hightech_valid.listed"]:
        w("# listed firms keeping a 高企 certificate: 0.6, sd 15 points, as tianning-2025.ini.")
        w("list.hightech_valid.listed = beta(6,4)")
    if u["list.tech_sme_register.hightech"]:
        w("# 高企 on the 科小 register: 0.4, sd 11 points, as tianning-2025.ini.")
        w("list.tech_sme_register.hightech = beta(8,12)")
    w(f"# End-{by} stocks, about 0.75 to 1.25 times the value in [baseline] (mean exactly that value).")
    for sid in ("hightech", "tech_sme", "startup"):
        if sid == "hightech" or u[f"baseline.{sid}"]:
            if b[sid] >= 1:
                lo, hi = uniform_around(b[sid], 0.25)
                w(f"baseline.{sid} = uniform({lo},{hi})")
    return "\n".join(L) + "\n"


def policy_tuple(name, key, change, frm):
    return (frm if frm else 2022, HORIZON, key, change[0], float(change[1:]))


def region_sum(ds, what, policies=()):
    return sum(expect(d, policies)[HORIZON][what] for d in ds)


def city_text(c):
    ds = c["districts"]
    cn = f"合成市{c['num']}"
    pol = CITY_POLICIES.get(c["c"])
    eh = region_sum(ds, "hightech_valid")
    fac = CITY_TARGET_FACTORS[(c["c"] - 1) % len(CITY_TARGET_FACTORS)]
    at = nice(eh * fac)
    L = []
    w = L.append
    w(f"# {cn}: a SYNTHETIC city, generated by scenarios/province/generate.py for scale tests of region")
    w("# scenarios.  NOT any real city's figures.  Do not edit by hand: change generate.py and run")
    w("# `python3 scenarios/province/generate.py` from the repository root.")
    w("# SPDX-License-Identifier: MIT")
    w("#")
    w("# A region file: its counts are the sums over its parts, stage by stage and list by list (the parts share")
    w("# the ladder of scenarios/tianning-2025.ini).  Part of province-2025.ini.")
    base_years = sorted({d["base_year"] for d in ds})
    w(f"# Parts' base years: {', '.join(str(y) for y in base_years)}.")
    w("")
    w("[scenario]")
    w(f"name = {cn} {HORIZON}")
    w(f"description = 合成数据(SYNTHETIC):虚构的地级市,由 {len(ds)} 个虚构区县组成,供地区情景规模测试;非任何真实城市的数字。")
    w("language = zh")
    w(f"horizon = {HORIZON}")
    w(f"seed = {SEED + 1000 + c['c']}")
    w("# paths relative to this file")
    w("parts = " + ", ".join("../" + district_path(d) for d in ds))
    if pol:
        name, key, change, frm, what = pol
        w("")
        w(f"[policy {name}]")
        L.extend(comment(f"SYNTHETIC city policy, acting in every part: {what}."))
        if frm:
            w(f"from = {frm}")
        w(f"{key} = {change}")
    w("")
    w(f"[target 全市有效高企{at}家]")
    w(f"# SYNTHETIC target: 有效高企 (list hightech_valid, valid 高企 certificates) summed over the {len(ds)} districts,")
    w(f"# a stock at the end of {HORIZON}.  The sum of the districts' exact expectations at central values is")
    extra = ""
    if pol:
        extra = f" ({region_sum(ds, 'hightech_valid', [policy_tuple(*pol[:4])]):.1f} with the city policy)"
    w(f"# {eh:.1f}{extra}; the target is {fac:.2f} times {eh:.1f}, rounded.")
    w("list = hightech_valid")
    w(f"year = {HORIZON}")
    w(f"at_least = {at}")
    return "\n".join(L) + "\n", at


COMMON_TEXT = """\
[common]
# one draw per replication multiplies this parameter in every part that has it (every district here)
# SYNTHETIC: a national change of the 高企 recognition criteria moves every district's 科小 → 高企 rate
# together; mean 1, sd 0.1 (gamma shape 100, scale 0.01).
tech_sme -> hightech = gamma(100,0.01)
# SYNTHETIC: the business cycle moves every district's 高企 closures together; mean 1, sd 0.2 (shape 25,
# scale 0.04).
exit.hightech = gamma(25,0.04)
"""


def province_text(districts, cities, flat):
    name, key, change, frm = PROVINCE_POLICY
    ptuple = [policy_tuple(name, key, change, frm)]
    L = []
    w = L.append
    if flat:
        w("# 合成省 (flat): the SYNTHETIC province of province-2025.ini with its 95 district files as parts directly,")
        w("# without the cities, for the performance goal \"a 95-district province at 10,000 replications\".")
        w("# The same [common], policy and targets as province-2025.ini; the city policies are not here.")
    else:
        w("# 合成省: a SYNTHETIC province of 13 cities and 95 districts, generated by scenarios/province/generate.py")
        w("# for scale tests of region scenarios.")
    w("# NOT any real province's figures.  Do not edit by hand: change generate.py and run")
    w("# `python3 scenarios/province/generate.py` from the repository root.")
    w("# SPDX-License-Identifier: MIT")
    w("#")
    n2020 = sum(1 for d in districts if d["base_year"] == 2020)
    L.extend(comment(f"A region file: its counts are the sums over its parts, stage by stage and list by list.  "
                     f"{n2020} of the {len(districts)} districts start at the end of 2020, the others at the end "
                     f"of 2021; all run to {HORIZON}."))
    w("")
    w("[scenario]")
    if flat:
        w(f"name = 合成省 {HORIZON}（区县直接汇总）")
        w("description = 合成数据(SYNTHETIC):虚构省份,95 个虚构区县直接作为组成部分(不经地级市),供 95 区县、10000 次模拟的性能测试;非任何真实省份的数字。")
    else:
        w(f"name = 合成省 {HORIZON}")
        w("description = 合成数据(SYNTHETIC):虚构省份,13 个虚构地级市、95 个虚构区县,供地区情景规模测试;非任何真实省份的数字。")
    w("language = zh")
    w(f"horizon = {HORIZON}")
    if flat:
        w("# The performance goal's replications.")
        w("replications = 10000")
    w(f"seed = {SEED}")
    w("# paths relative to this file")
    if flat:
        w("parts = " + ", ".join(district_path(d) for d in districts))
    else:
        w("parts = " + ", ".join(f"cities/c{c['num']}.ini" for c in cities))
    w("")
    w(COMMON_TEXT.rstrip("\n"))
    w("")
    w(f"[policy {name}]")
    w("# SYNTHETIC province-wide policy, acting in every district: each 科小 → 高企 rate 10% higher from 2023.")
    w(f"from = {frm}")
    w(f"{key} = {change}")
    for stem, keyline, what, fac, intent in PROVINCE_TARGETS:
        ex = region_sum(districts, what)
        ex_p = region_sum(districts, what, ptuple)
        at = int(round(ex * fac / 10.0)) * 10
        w("")
        w(f"[target 全省{stem}{at}家]")
        desc = {"hightech_valid": "有效高企 (list hightech_valid, valid 高企 certificates)",
                "tech_sme_register": "the 科小 register (list tech_sme_register)",
                "gazelle": "瞪羚 (stage: the year's list)",
                "unicorn": "(潜在)独角兽 (stage: the year's list)"}[what]
        L.extend(comment(f"SYNTHETIC target: {desc} summed over the {len(districts)} districts, a stock at the end "
                         f"of {HORIZON}.  Sum of the districts' exact expectations at central values: {ex:.1f} "
                         f"({ex_p:.1f} with the province policy); the target is {fac:.2f} times {ex:.1f}, "
                         f"rounded to 10: {intent}."))
        w(keyline)
        w(f"year = {HORIZON}")
        w(f"at_least = {at}")
    return "\n".join(L) + "\n"


def readme_text(districts, cities, exps, city_targets):
    L = []
    w = L.append
    w("# A synthetic province for region scenarios")
    w("")
    w("**Everything in this folder is SYNTHETIC.** No file here holds any real district's, city's or")
    w("province's figures: the districts are drawn at random around the rates of")
    w("`scenarios/tianning-2025.ini` (天宁区), from a fixed seed, to give `ladder`'s region scenarios a large")
    w("case for scale and performance tests: 95 districts in 13 cities in one province. The names")
    w("(合成区01 … 合成区95, 合成市01 … 合成市13, 合成省) say so; the ids after `dNN-` in the file names are")
    w("random pairs of pinyin syllables, and any likeness to a real place name is chance.")
    w("")
    w("This file and every `.ini` here are written by `generate.py`. Do not edit them by hand: change the")
    w("script and run, from the repository root,")
    w("")
    w("    python3 scenarios/province/generate.py")
    w("")
    w("(a python3 with numpy; on Debian `/usr/bin/python3` with `python3-numpy`). It uses a fixed seed")
    w(f"({SEED}) and writes the same bytes on every run. Its docstring lists every distribution it draws from.")
    w("")
    w("## Files")
    w("")
    w("| file | what |")
    w("|---|---|")
    w("| `districts/dNN-<id>.ini` | 95 ordinary scenario files, the format of `docs/scenario-format.md`: `ladder run` reads each on its own |")
    w("| `cities/cNN.ini` | 13 region files, each with 7 or 8 districts as `parts`, one 有效高企 target, a city policy in four of them |")
    w("| `province-2025.ini` | the province: a region file whose parts are the 13 city files; `[common]` shocks, a province policy, four targets |")
    w("| `province-flat-2025.ini` | the same province with the 95 district files as parts directly, `replications = 10000`: the performance goal \"a 95-district province at 10,000 replications\" |")
    w("| `generate.py` | writes all of the above |")
    w("")
    w("Every district uses the ladder of `tianning-2025.ini`, lowest first: `startup` 初创, `tech_sme` 科小,")
    w("`hightech` 高企, `gazelle` 瞪羚, `unicorn` 独角兽, `listed` 上市; and its two lists, `hightech_valid`")
    w("(有效高企: the 高企, 瞪羚 and 独角兽 stages and 0.6 of the listed firms) and `tech_sme_register`")
    w("(科技型中小企业（入库）: the 科小 stage and 0.4 of the 高企). Every count is a stock at the end of a year.")
    n2020 = sum(1 for d in districts if d["base_year"] == 2020)
    w(f"{n2020} districts start at the end of 2020, the others at the end of 2021; all run to {HORIZON}.")
    w("")
    w("A region file has only `[scenario]` (name, horizon, parts: paths relative to the file, seed,")
    w("replications, language, description), `[common]` (a distribution, drawn once per replication, that")
    w("multiplies the parameter of that key in every part that has it), `[policy NAME]` (acting in every")
    w("part) and `[target NAME]` groups (counting the sum over the parts of a stage or a list).")
    w("The province's `[common]`: `tech_sme -> hightech = gamma(100,0.01)` (a national change of the 高企")
    w("criteria, mean 1, sd 0.1) and `exit.hightech = gamma(25,0.04)` (the business cycle, mean 1, sd 0.2).")
    w("")
    w("## Districts and cities")
    w("")
    w(f"有效高企 and 科小 register are the lists at the end of the base year and their exact expectation for {HORIZON}")
    w("at central values (the cohort recursion of `docs/model.md`, as `ladder run` prints it under 精确期望),")
    w("without the city and province policies and `[common]` factors.")
    w("")
    w(f"| city | district | file | base year | 有效高企 base | 有效高企 {HORIZON} | 科小 register base | 科小 register {HORIZON} |")
    w("|---|---|---|---|---|---|---|---|")
    for c in cities:
        for d in c["districts"]:
            e = exps[d["i"]]
            w(f"| 合成市{c['num']} (`cities/c{c['num']}.ini`) | {district_name(d)} | `{district_path(d)}` | {d['base_year']} | "
              f"{e[d['base_year']]['hightech_valid']:.1f} | {e[HORIZON]['hightech_valid']:.1f} | "
              f"{e[d['base_year']]['tech_sme_register']:.1f} | {e[HORIZON]['tech_sme_register']:.1f} |")
    w("")
    w("## City totals")
    w("")
    w(f"| city | districts | of them base year 2020 | 有效高企 {HORIZON} (sum of expectations) | target 有效高企 | city policy |")
    w("|---|---|---|---|---|---|")
    for c in cities:
        ds = c["districts"]
        pol = CITY_POLICIES.get(c["c"])
        ptxt = f"{pol[0]}: `{pol[1]} = {pol[2]}`" + (f" from {pol[3]}" if pol[3] else "") if pol else ""
        w(f"| 合成市{c['num']} | {len(ds)} | {sum(1 for d in ds if d['base_year'] == 2020)} | "
          f"{region_sum(ds, 'hightech_valid'):.1f} | {city_targets[c['c']]} | {ptxt} |")
    w("")
    w("## Province totals")
    w("")
    ptuple = [policy_tuple(*PROVINCE_POLICY)]
    w(f"| count ({HORIZON}, stock) | sum of expectations | with the province policy | target | factor | meant to be |")
    w("|---|---|---|---|---|---|")
    for stem, keyline, what, fac, intent in PROVINCE_TARGETS:
        ex = region_sum(districts, what)
        at = int(round(ex * fac / 10.0)) * 10
        meant = intent.rsplit("meant to be ", 1)[1].split(" ")[0]
        w(f"| {stem} (`{what}`) | {ex:.1f} | {region_sum(districts, what, ptuple):.1f} | {at} | {fac:.2f} | {meant} |")
    w("")
    w("The province targets are the sums of expectations times the factor, rounded to 10: set near the")
    w("sums on purpose, so that a run shows more than one verdict (the `[common]` shocks and the province")
    w("policy decide where each falls).")
    w("")
    w("## Checking the districts")
    w("")
    w("Each district file is an ordinary scenario:")
    w("")
    w("    for f in scenarios/province/districts/*.ini; do")
    w("        build/ladder run \"$f\" --reps 200 --no-charts --quiet --out /tmp/prov-check --force || echo \"$f failed\"")
    w("    done")
    return "\n".join(L) + "\n"


def main():
    districts, cities = draw_province()
    written = set()
    exps = {}
    for d in districts:
        e = expect(d)
        exps[d["i"]] = e
        write(district_path(d), district_text(d, e), written)
    city_targets = {}
    for c in cities:
        text, at = city_text(c)
        city_targets[c["c"]] = at
        write(f"cities/c{c['num']}.ini", text, written)
    write("province-2025.ini", province_text(districts, cities, flat=False), written)
    write("province-flat-2025.ini", province_text(districts, cities, flat=True), written)
    write("README.md", readme_text(districts, cities, exps, city_targets), written)
    stale = [p for p in glob.glob(os.path.join(HERE, "districts", "d[0-9][0-9]-*.ini")) +
             glob.glob(os.path.join(HERE, "cities", "c[0-9][0-9].ini"))
             if os.path.normpath(p) not in written]
    for p in sorted(stale):
        os.remove(p)
    print(f"wrote {len(written)} files under {os.path.relpath(HERE)}"
          + (f", removed {len(stale)} stale" if stale else ""))


if __name__ == "__main__":
    main()
