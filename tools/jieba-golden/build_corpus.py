#!/usr/bin/python3
"""Assemble the jieba golden-parity corpus (one UTF-8 line per test case, '\n' separated).

Usage: /usr/bin/python3 build_corpus.py OUT_CORPUS [--sources-report FILE]

Parts (see README.md for licences):
  seed      sources/seed_*.txt                    project seed articles (copied lines)
  hand      sources/handwritten.txt               text written for this corpus
  fortune   Debian fortunes-zh: /usr/share/games/fortunes/chinese
  poem      Debian fortunes-zh: tang300, song100 (Tang/Song poems)
  mo_cn     zh_CN gettext catalogues /usr/share/locale/zh_CN/LC_MESSAGES/<domain>.mo (msgunfmt)
  mo_tw     zh_TW gettext catalogues (traditional characters)
  man       Debian manpages-zh: /usr/share/man/zh_CN/man*/*.gz (roff markup stripped)
  gen       seeded generator over jieba's dict.txt (MIT) + fixed vocabularies below
  dense     random strings over small mixed alphabets (character-class boundaries)
  random    random code points of every kind (controls, whitespace, BMP, non-BMP, han boundary)
  long      very long han runs (500..4000 chars) for the HMM and the DAG
  udict     seeded sentences built around the words of sources/userdict.txt
  stress    hand-designed edge cases (whitespace, non-BMP, control chars, long runs, ...)

Everything is deterministic: fixed domain list, sorted file lists, random.Random(SEED).
Lines are deduplicated (first occurrence wins) and then shuffled with random.Random(SEED).
"""
import gzip
import os
import random
import re
import subprocess
import sys

SEED = 20240923
HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "sources")
TARGET_TOTAL = 55000

# Caps per part (lines kept after per-part dedup, sampled deterministically when larger).
CAP = {"fortune": 15000, "mo_cn": 14000, "mo_tw": 3000, "man": 8000}

# gettext domains whose zh_CN / zh_TW catalogues are used (all from Debian main, DFSG-free).
MO_DOMAINS = [
    "Linux-PAM", "adduser", "apt", "apt-utils", "bash", "bfd", "binutils", "coreutils", "diffutils",
    "dpkg", "findutils", "gas", "gettext-runtime", "gettext-tools", "glib20", "gnupg2", "gprof", "grep",
    "gtk20", "gtk20-properties", "iso_3166", "iso_3166-1", "iso_3166-2", "iso_3166-3", "iso_4217",
    "iso_639", "iso_639-2", "iso_639-3", "iso_639-5", "iso_15924", "ld", "libc", "make", "man-db",
    "opcodes", "psmisc", "sed", "shared-mime-info", "systemd", "tar", "wget", "xkeyboard-config",
    "xz", "procps-ng", "shadow", "util-linux", "gnutls", "libidn2", "PackageKit", "appstream",
    "avahi", "polkit-1", "gdk-pixbuf", "gstreamer-1.0", "xdg-user-dirs", "python-apt",
    "software-properties", "git", "wget-gnulib", "gettext-tools", "sharutils", "libgpg-error",
    "gsettings-desktop-schemas", "at-spi2-core", "dialog", "debconf", "e2fsprogs", "kbd",
]

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HAN = re.compile(r"[\u4e00-\u9fff]")


def log(*a):
    print(*a, file=sys.stderr)


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        data = f.read()
    return data.replace("\r\n", "\n").split("\n")


def uniq(seq):
    seen = set()
    out = []
    for s in seq:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def sample(lines, cap, rnd):
    lines = uniq(lines)
    if len(lines) <= cap:
        return lines
    idx = sorted(rnd.sample(range(len(lines)), cap))
    return [lines[i] for i in idx]


# ---------------------------------------------------------------- sources
def part_seed():
    out = []
    for fn in sorted(os.listdir(SRC)):
        if fn.startswith("seed_") and fn.endswith(".txt"):
            out += read_lines(os.path.join(SRC, fn))
    return out


def part_hand():
    return [l for l in read_lines(os.path.join(SRC, "handwritten.txt")) if not l.startswith("# ")]


def part_fortune(rnd):
    p = "/usr/share/games/fortunes/chinese"
    if not os.path.exists(p):
        log("WARN: fortunes-zh missing"); return []
    raw = read_lines(p)
    out, keep_raw = [], 0
    for l in raw:
        if l.strip() == "%":
            continue
        if "\x1b" in l and keep_raw < 40 and len(l) % 7 == 0:
            keep_raw += 1
            out.append(l)           # a few lines keep their ANSI escapes (control chars)
        out.append(ANSI.sub("", l))
    return sample(out, CAP["fortune"], rnd)


def part_poem():
    out = []
    for n in ("tang300", "song100"):
        p = "/usr/share/games/fortunes/" + n
        if os.path.exists(p):
            out += [ANSI.sub("", l) for l in read_lines(p) if l.strip() != "%"]
    return out


def msgstrs(mo):
    try:
        po = subprocess.run(["msgunfmt", "--no-wrap", mo], capture_output=True, check=True).stdout.decode("utf-8", "replace")
    except Exception as e:  # noqa
        log("WARN: msgunfmt failed", mo, e); return []
    out = []
    cur = None
    for line in po.split("\n"):
        m = re.match(r'^msgstr(?:\[\d+\])? "(.*)"$', line)
        if m:
            cur = [m.group(1)]
            continue
        if cur is not None and line.startswith('"'):
            cur.append(line[1:-1]); continue
        if cur is not None:
            s = "".join(cur)
            s = (s.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\"))
            out += s.split("\n")
            cur = None
    return out


def part_mo(lang, cap, rnd):
    d = "/usr/share/locale/%s/LC_MESSAGES" % lang
    out = []
    for dom in sorted(set(MO_DOMAINS)):
        p = os.path.join(d, dom + ".mo")
        if os.path.exists(p):
            out += msgstrs(p)
    return sample(out, cap, rnd)


ROFF_ESC = [(re.compile(r"\\f(\[[^\]]*\]|\(..|.)"), ""), (re.compile(r"\\[,/&:]"), ""),
            (re.compile(r"\\\(em"), "—"), (re.compile(r"\\\(en"), "–"), (re.compile(r"\\\(bu"), "•"),
            (re.compile(r"\\\((lq|rq)"), "\""), (re.compile(r"\\\*\(..|\\\*."), ""),
            (re.compile(r"\\-"), "-"), (re.compile(r"\\e"), r"\\"), (re.compile(r"\\ "), " "),
            (re.compile(r"\\\|"), ""), (re.compile(r"\\\^"), "")]


def part_man(rnd):
    base = "/usr/share/man/zh_CN"
    if not os.path.isdir(base):
        log("WARN: manpages-zh missing"); return []
    files = []
    for root, _, fs in os.walk(base):
        for f in fs:
            if f.endswith(".gz"):
                files.append(os.path.join(root, f))
    out = []
    for p in sorted(files):
        try:
            with gzip.open(p, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except Exception:
            continue
        for l in text.split("\n"):
            if l.startswith(".\\\"") or l.startswith("'\\\""):
                continue
            if l.startswith("."):
                parts = l.split(None, 1)
                if len(parts) < 2 or parts[0] in (".TH", ".so", ".de", ".ds", ".nr", ".if", ".ie", ".el", ".ft", ".ta", ".in", ".ti"):
                    continue
                l = parts[1].replace('"', "")
            for rx, rep in ROFF_ESC:
                l = rx.sub(rep, l)
            if HAN.search(l):
                out.append(l)
    return sample(out, CAP["man"], rnd)


# ---------------------------------------------------------------- generator
LATIN = ["iPhone 15 Pro Max", "GPT-4o", "ChatGPT", "Python", "C#", "C++", ".NET", "Node.js", "React",
         "Vue3", "k8s", "Docker", "Kubernetes", "Linux", "Windows11", "macOS", "Android14", "HarmonyOS",
         "MacBook", "iPad", "AirPods", "Tesla", "Model 3", "BYD", "RTX4090", "A100", "H100", "USB-C",
         "Wi-Fi", "5G", "4K", "AI", "AGI", "LLM", "API", "SDK", "JSON", "HTTP/2", "TCP/IP", "SQL",
         "NullReferenceException", "getUserById", "max_retry_count", "MAX_BUFFER_SIZE", "snake_case",
         "camelCase", "PascalCase", "foo.bar.baz", "v1.2.3", "UTF-8", "GB2312", "Big5", "OK", "bug",
         "PPT", "KPI", "CEO", "CTO", "NBA", "F1", "WTO", "IMF", "COVID-19", "H1N1", "B2B", "O2O",
         "x86_64", "arm64", "ISO-8859-1", "e-mail", "T恤", "A股", "B超", "X光", "卡拉OK", "Q币",
         "hello", "world", "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "jieba",
         "Tokenizer", "segment", "cut_for_search", "HMM", "Viterbi", "DAG", "&", "#", "+", "_", "%", "-"]
EMOJI = ["😀", "😂", "🚀", "🔥", "👍", "❤️", "🎉", "🤔", "🙏", "💰", "📈", "🇨🇳", "👨‍💻", "🧧", "⭐", "✅",
         "❌", "☕", "🍜", "🐼", "🌏", "💯", "😭", "🥳", "🤖", "🏆", "⚡", "🌸", "🍉", "👋🏽"]
NONBMP = ["𠀀", "𠀁", "𪚥", "𰻞", "𠮷", "𡃁", "𣎴", "𤆬", "𦈡", "𧾷", "𨋢", "𩸽", "𫝀", "𬌗", "𝐀𝐁𝐂", "𝟏𝟐𝟑",
          "🀄", "🂡", "𐍈", "𓀀"]
PUNCT = ["，", "。", "、", "；", "：", "？", "！", "……", "——", "“", "”", "（", "）", "《", "》", "【", "】",
         "·", "～", ",", ".", ";", ":", "?", "!", "(", ")", "[", "]", "\"", "'", "/", "|", "~", "@", "*"]
FULLW = ["ＡＢＣ", "１２３", "！", "？", "（注）", "Ｗｉｎｄｏｗｓ", "２０２４年", "ｈｅｌｌｏ", "＃", "％", "＆", "＠",
         "，", "。", "ａ１", "Ｚ"]
TRAD = ["臺灣", "說話", "網絡", "電腦", "軟體", "資訊", "開發", "應用", "經濟", "國際", "學習", "歷史", "時間",
        "問題", "發展", "關係", "環境", "醫院", "銀行", "鐵路", "體育", "藝術", "圖書館", "計劃", "顯示"]
DOMAINS = ["example.com", "example.org", "test.cn", "foo-bar.net", "mail.example.com.cn", "localhost",
           "127.0.0.1", "192.168.0.10", "xn--fiqs8s.example"]
WS = [" ", "  ", "\t", " \t ", "\u3000", "\u00a0", "   ", "\u2002", "\u2009", "\u202f", "\u205f", "\u1680",
      "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029", "\r"]


def load_dict_words():
    import jieba
    p = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    words = []
    with open(p, encoding="utf-8") as f:
        for l in f:
            parts = l.split(" ")
            if parts and parts[0]:
                words.append((parts[0], int(parts[1])))
    return words


class Gen:
    def __init__(self, rnd, words):
        self.r = rnd
        self.words = [w for w, _ in words]
        # frequent words (weight ~ log freq) for natural-looking text
        self.common = [w for w, f in words if f >= 500]
        self.rare_chars = sorted({c for w, f in words if f <= 5 for c in w if "\u4e00" <= c <= "\u9fd5"})

    def word(self):
        r = self.r.random()
        if r < 0.75:
            return self.r.choice(self.common)
        return self.r.choice(self.words)

    def number(self):
        r = self.r
        k = r.randrange(14)
        if k == 0: return str(r.randrange(10))
        if k == 1: return str(r.randrange(10 ** r.randrange(1, 12)))
        if k == 2: return "%d.%d" % (r.randrange(1000), r.randrange(100))
        if k == 3: return "%.2f%%" % (r.random() * 100)
        if k == 4: return "{:,}".format(r.randrange(10 ** 9))
        if k == 5: return "$%s万" % "{:,}".format(r.randrange(100000))
        if k == 6: return "%d万枚 USDC" % r.randrange(1, 10000)
        if k == 7: return r.choice(["百分之三十", "百分之五", "三成", "一半", "十万八千", "二〇二四年", "两千三百四十五", "第十二", "零点五"])
        if k == 8: return "%d亿元" % r.randrange(1, 999)
        if k == 9: return "-%d.%d℃" % (r.randrange(40), r.randrange(10))
        if k == 10: return "%d/%d" % (r.randrange(1, 100), r.randrange(1, 100))
        if k == 11: return "¥%d.%02d" % (r.randrange(100000), r.randrange(100))
        if k == 12: return "%d%%" % r.randrange(1000)
        return "%de%d" % (r.randrange(10), r.randrange(20))

    def date(self):
        r = self.r
        y, m, d = r.randrange(1900, 2100), r.randrange(1, 13), r.randrange(1, 29)
        h, mi, s = r.randrange(24), r.randrange(60), r.randrange(60)
        k = r.randrange(8)
        if k == 0: return "%d年%d月%d日" % (y, m, d)
        if k == 1: return "%04d-%02d-%02d" % (y, m, d)
        if k == 2: return "%02d:%02d:%02d" % (h, mi, s)
        if k == 3: return "%04d-%02d-%02d %02d:%02d:%02d" % (y, m, d, h, mi, s)
        if k == 4: return "%04d/%02d/%02d" % (y, m, d)
        if k == 5: return "%d.%d.%d" % (y, m, d)
        if k == 6: return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (y, m, d, h, mi, s)
        return "%d月%d日%d时%d分" % (m, d, h, mi)

    def url(self):
        r = self.r
        k = r.randrange(4)
        path = "/".join(r.choice(["news", "a", "p", "2024", "index.html", "item", "v2", "api", "文章", "q"]) for _ in range(r.randrange(1, 4)))
        if k == 0: return "https://www.%s/%s" % (r.choice(DOMAINS), path)
        if k == 1: return "http://%s:%d/%s?id=%d&lang=zh-CN#top" % (r.choice(DOMAINS), r.randrange(1, 65536), path, r.randrange(10 ** 6))
        if k == 2: return "%s%d@%s" % (r.choice(["user", "zhang.san", "li_si", "admin", "no-reply", "x"]), r.randrange(100), r.choice(DOMAINS))
        return "www.%s" % r.choice(DOMAINS)

    def piece(self):
        r = self.r.random()
        if r < 0.62: return self.word()
        if r < 0.68: return self.number()
        if r < 0.72: return self.date()
        if r < 0.745: return self.url()
        if r < 0.80: return self.r.choice(LATIN)
        if r < 0.83: return self.r.choice(EMOJI)
        if r < 0.845: return self.r.choice(NONBMP)
        if r < 0.93: return self.r.choice(PUNCT)
        if r < 0.955: return self.r.choice(FULLW)
        if r < 0.98: return self.r.choice(TRAD)
        return self.r.choice(WS)

    def sentence(self):
        n = self.r.choice([1, 2, 3, 5, 8, 12, 16, 20, 25, 30, 40, 60])
        parts = []
        for _ in range(n):
            p = self.piece()
            # Latin pieces are sometimes spaced, sometimes glued to Chinese
            if parts and self.r.random() < 0.15:
                parts.append(" ")
            parts.append(p)
        if self.r.random() < 0.6:
            parts.append(self.r.choice(["。", "！", "？", "…", "", ".", "~"]))
        return "".join(parts)

    def unknown_run(self):
        """Runs of rare / random han characters: exercise the HMM on long unknown buffers."""
        r = self.r
        n = r.choice([2, 3, 5, 8, 13, 30, 80, 200])
        if r.random() < 0.5:
            s = "".join(r.choice(self.rare_chars) for _ in range(n))
        else:
            s = "".join(chr(r.randrange(0x4E00, 0x9FD6)) for _ in range(n))
        if r.random() < 0.5:
            s = self.word() + s + self.word()
        return s

    def latin_run(self):
        r = self.r
        n = r.choice([10, 50, 200, 1000])
        alpha = r.choice(["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", "a1b2c3", "abc.def_123%", "x+#&-._%"])
        s = "".join(r.choice(alpha) for _ in range(n))
        k = r.randrange(3)
        if k == 0: return s
        if k == 1: return self.word() + s + self.word()
        return s[: n // 2] + self.word() + s[n // 2:]

    def mixed_nospace(self):
        r = self.r
        out = []
        for _ in range(r.randrange(3, 15)):
            out.append(r.choice([self.word(), r.choice(LATIN).replace(" ", ""), str(r.randrange(10 ** 5)),
                                 r.choice(EMOJI), r.choice(NONBMP), r.choice(FULLW), "%d.%d%%" % (r.randrange(100), r.randrange(100)),
                                 self.word() + self.word()]))
        return "".join(out)


def part_gen(rnd, n):
    g = Gen(rnd, load_dict_words())
    out = []
    for i in range(n):
        k = rnd.random()
        if k < 0.70: out.append(g.sentence())
        elif k < 0.82: out.append(g.mixed_nospace())
        elif k < 0.94: out.append(g.unknown_run())
        else: out.append(g.latin_run())
    return out


def part_udict(rnd, n=800):
    """Sentences that use the words of sources/userdict.txt (so the user-dictionary golden files bite)."""
    uw = []
    with open(os.path.join(SRC, "userdict.txt"), encoding="utf-8-sig") as f:
        for l in f:
            l = l.strip()
            if l:
                m = re.match(r"^(.+?)( [0-9]+)?( [a-z]+)?$", l)
                uw.append(m.group(1))
    g = Gen(rnd, load_dict_words())
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randrange(2, 12)):
            k = rnd.random()
            parts.append(rnd.choice(uw) if k < 0.35 else (g.piece() if k < 0.9 else rnd.choice(PUNCT)))
        out.append("".join(parts))
    return out


def part_dense(rnd, n=2500):
    """Random strings over small mixed alphabets: every boundary between jieba's character classes
    (han, [a-zA-Z0-9+#&._%-], whitespace, other) in many combinations, in all modes."""
    words = load_dict_words()
    short = [w for w, f in words if f >= 2000 and len(w) <= 3][:3000]
    alphabets = [
        "中文的了是一a1.%+#&_-",
        "abcXYZ0123456789.%",
        "1.5%3.14.0.%%..",
        "a-b_c&d#e+f.g%h",
        "中 文\t的\u3000了\u00a0是",
        "中😀文𠀀a1，。",
        "０１２３ＡＢ中.1a",
        "鿕鿖〇一㐀中",
        "的的了了是是一一",
    ]
    out = []
    for _ in range(n):
        k = rnd.random()
        if k < 0.6:
            alpha = rnd.choice(alphabets)
            out.append("".join(rnd.choice(alpha) for _ in range(rnd.randrange(1, 40))))
        else:
            parts = []
            for _ in range(rnd.randrange(2, 10)):
                parts.append(rnd.choice(short) if rnd.random() < 0.5 else "".join(rnd.choice("abcZ019.%+#&_- ") for _ in range(rnd.randrange(1, 6))))
            out.append("".join(parts))
    return out


def part_long_unknown(rnd):
    """Very long runs for the HMM (Viterbi over thousands of characters) and the DAG."""
    words = load_dict_words()
    rare = sorted({c for w, f in words if f <= 3 for c in w if "\u4e00" <= c <= "\u9fd5"})
    out = []
    for n in (500, 1000, 2000, 4000):
        out.append("".join(rnd.choice(rare) for _ in range(n)))
        out.append("".join(chr(rnd.randrange(0x4E00, 0x9FD6)) for _ in range(n)))
        out.append("".join(rnd.choice(words)[0] for _ in range(n // 2)))
    return out


def part_random(rnd, n=3000):
    """Random code points of every kind: han, jieba's ASCII word characters, all Unicode whitespace,
    C0/C1 controls (NUL included), random BMP (no surrogates), random non-BMP, the U+9FD0..U+9FFF
    boundary, and dictionary words."""
    words = [w for w, _ in load_dict_words()]
    ws = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000"
    asc = "abcXYZ0189+#&._%-"

    def rc():
        k = rnd.random()
        if k < 0.3: return chr(rnd.randrange(0x4E00, 0x9FD6))
        if k < 0.45: return rnd.choice(asc)
        if k < 0.55: return rnd.choice(ws)
        if k < 0.62: return chr(rnd.randrange(0, 0x20)) if rnd.random() < 0.5 else chr(rnd.randrange(0x7F, 0xA0))
        if k < 0.75:
            while True:
                c = rnd.randrange(0x80, 0x10000)
                if not (0xD800 <= c < 0xE000): return chr(c)
        if k < 0.82: return chr(rnd.randrange(0x10000, 0x110000)) if rnd.random() < 0.3 else chr(rnd.randrange(0x1F300, 0x1FAFF))
        if k < 0.85: return chr(rnd.randrange(0x9FD0, 0xA000))
        return rnd.choice(words)
    return ["".join(rc() for _ in range(rnd.choice([1, 2, 3, 5, 8, 13, 21, 40, 80]))).replace("\n", "") for _ in range(n)]


def part_stress():
    s = [
        "", " ", "  ", "\t", "\t\t", " \t \t", "\u3000", "\u3000\u3000", "\u00a0", "\x0b", "\x0c", "\x1c\x1d\x1e\x1f",
        "\x85", "\u2028", "\u2029", "\u200b", "\ufeff", "\r", "\r\r", " \r ", "\u180e", "\u2000\u2001\u2002\u200a",
        "中\t文", "中  文", "中\u3000文", "中\u00a0文", "中\x1c文", "中\x1f文", "中\x85文", "中\u2028文", "中\u200b文",
        "中\ufeff文", "中\u180e文", "中\r文", "中\r\r文", "中 \r 文", "abc\tdef", "abc  def", "  前导空格", "尾随空格  ",
        "\t前导制表符", "尾随制表符\t", "  多个  空格  分隔  的  词语  ", "a\x1cb\x1dc", "１２\u3000３４",
        "😀", "😀😀😀", "🚀发射", "中😀文", "𠀀", "𪚥𪚥", "𠀀中国𠀀", "a😀b", "1😀2", "😀abc😀", "👨‍👩‍👧‍👦", "🇨🇳🇺🇸",
        "\U0010FFFD", "\ue000私用区\uf8ff", "\ufffd替换字符", "\u9fd5\u9fd6\u9fff\u4e00\u3007", "〇一二三四五六七八九十",
        "鿖鿗鿘", "丨亅丶丿乀", "㐀㐁㐂（扩展A）", "﨎﨏﨑（兼容汉字）", "⺀⺁⺂（部首）",
        "ＡＢＣ１２３", "！？", "ａｂｃ＃＋", "１．５％", "3.１２%", "abc.٣", "٠١٢٣٤٥", "१२३", "²³¹", "①②③", "Ⅻ",
        "a", "A", "1", "+", "#", "&", ".", "_", "%", "-", "a.b", "1.5", "1.5%", "1..5", ".5", "5.", "50%", "%50",
        "C#", "C++", "F#", ".NET", "a-b-c", "--", "---", "__init__", "a_b_c", "&amp;", "#tag", "100%纯棉",
        "GPT-4o", "iPhone15ProMax", "iPhone 15 Pro Max", "Wi-Fi6E", "3.14159265358979323846", "1,234,567.89",
        "2024年9月23日", "2024-09-23", "12:00:00", "2024-09-23 12:00:00", "1.65%", "百分之三十", "590万枚 USDC", "$1,810万",
        "https://example.com/a/b?c=d&e=f#g", "user@example.com", "中文https://example.com中文", "邮箱abc@def.com联系",
        "的", "了", "是", "我", "你好", "中华人民共和国", "南京市长江大桥", "结婚的和尚未结婚的", "他说的确实在理",
        "研究生命的起源", "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
        "我来到北京清华大学", "他来到了网易杭研大厦", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
        "永和服装饰品有限公司", "乒乓球拍卖完了", "吴国华人民大学", "李小福是创新办主任也是云计算方面的专家",
        "台中", "石墨烯", "凱特琳", "自定义词", "easy_install", "韩玉赏鉴", "八一双鹿", "今天天气不错", "江州市长江大桥参加了长江大桥的通车仪式",
    ]
    # repetitions and long lines
    s += ["的" * n for n in (2, 3, 10, 100)]
    s += ["哈" * n for n in (2, 5, 50)]
    s += ["a" * n for n in (2, 100, 3000)]
    s += ["1" * n for n in (50, 2000)]
    s += ["中国" * 500, "abc中文" * 300, "😀中" * 200, " " * 50, "\t" * 20, "中 " * 100, "，" * 30]
    return s


def main():
    out_path = sys.argv[1]
    report = None
    if "--sources-report" in sys.argv:
        report = sys.argv[sys.argv.index("--sources-report") + 1]
    parts = []
    parts.append(("stress", part_stress()))
    parts.append(("seed", part_seed()))
    parts.append(("hand", part_hand()))
    parts.append(("poem", part_poem()))
    parts.append(("fortune", part_fortune(random.Random(SEED + 1))))
    parts.append(("mo_cn", part_mo("zh_CN", CAP["mo_cn"], random.Random(SEED + 2))))
    parts.append(("mo_tw", part_mo("zh_TW", CAP["mo_tw"], random.Random(SEED + 3))))
    parts.append(("man", part_man(random.Random(SEED + 4))))
    parts.append(("udict", part_udict(random.Random(SEED + 6))))
    parts.append(("dense", part_dense(random.Random(SEED + 7))))
    parts.append(("long", part_long_unknown(random.Random(SEED + 8))))
    parts.append(("random", part_random(random.Random(SEED + 9))))
    seen = set()
    lines, counts = [], {}
    for name, ls in parts:
        c = 0
        for l in ls:
            l = l.replace("\n", " ")
            if l not in seen:
                seen.add(l); lines.append(l); c += 1
        counts[name] = c
    rnd = random.Random(SEED + 5)
    need = TARGET_TOTAL - len(lines)
    c = 0
    while need > 0:
        for l in part_gen(rnd, need + 50):
            if need <= 0:
                break
            if l not in seen:
                seen.add(l); lines.append(l); c += 1; need -= 1
    counts["gen"] = c
    random.Random(SEED).shuffle(lines)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        for l in lines:
            f.write(l + "\n")
    msg = "\n".join("%-8s %6d" % kv for kv in counts.items()) + "\n%-8s %6d\n" % ("total", len(lines))
    log(msg)
    if report:
        with open(report, "w", encoding="utf-8") as f:
            f.write(msg)


if __name__ == "__main__":
    main()
