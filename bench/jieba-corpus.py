#!/usr/bin/python3
"""Deterministic pseudo-Chinese benchmark text for bench/jieba-vs-python.sh.

    /usr/bin/python3 bench/jieba-corpus.py OUT_FILE [SIZE_BYTES] [DICT_TXT]

Writes at least SIZE_BYTES (default 8 MiB) of UTF-8 text, one paragraph per line: words drawn by frequency from
jieba's own dict.txt (default: Debian's python3-jieba copy), with runs of single characters (which exercise the
HMM), numbers, Latin words, full-width punctuation and the odd emoji. Same arguments, same bytes (seeded PRNG).
"""
import bisect
import random
import sys


def main():
    out_path = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 8 * 1024 * 1024
    dict_path = sys.argv[3] if len(sys.argv) > 3 else "/usr/lib/python3/dist-packages/jieba/dict.txt"
    rng = random.Random(20240923)
    words, cum, total = [], [], 0
    singles = []
    with open(dict_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            w, freq = parts[0], int(parts[1])
            if not all("\u4e00" <= c <= "\u9fd5" for c in w):
                continue
            total += freq
            words.append(w)
            cum.append(total)
            if len(w) == 1 and freq > 1000:
                singles.append(w)
    latin = ["AI", "GPU", "iPhone", "Python", "2024", "3.14", "50%", "COVID-19", "C++", "USB-C", "OpenAI", "v2.0"]
    clause_end = ["，", "，", "，", "、", "；", "："]
    sentence_end = ["。", "。", "。", "！", "？", "……"]
    written = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        while written < size:
            para = []
            for _ in range(rng.randint(1, 6)):
                for c in range(rng.randint(1, 4)):
                    clause = []
                    for _ in range(rng.randint(2, 12)):
                        r = rng.random()
                        if r < 0.86:
                            clause.append(words[bisect.bisect_left(cum, rng.randrange(total) + 1)])
                        elif r < 0.95:
                            clause.append("".join(rng.choice(singles) for _ in range(rng.randint(1, 4))))
                        elif r < 0.99:
                            clause.append(rng.choice(latin))
                        else:
                            clause.append(rng.choice(["😀", "𠀀", "（", "）", "“", "”", " "]))
                    para.append("".join(clause))
                    para.append(rng.choice(clause_end))
                para[-1] = rng.choice(sentence_end)
            line = "".join(para) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))


if __name__ == "__main__":
    main()
