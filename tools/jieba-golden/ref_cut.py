#!/usr/bin/python3
"""Reference segmentation with Python jieba 0.42.1 (Debian: apt-get install -y python3-jieba).

Reads UTF-8 lines from stdin (split on '\n' only; '\r', U+2028, U+0085 ... stay inside a line) and
writes one line per input line: the tokens joined by one ASCII space.

  --no-hmm       HMM=False
  --full         jieba.cut(line, cut_all=True)
  --search       jieba.cut_for_search(line)
  --keep-space   keep tokens that are empty/whitespace; by default a token t is dropped when
                 t.strip() is falsy (Python str.strip(): Unicode whitespace incl. U+001C..U+001F)
  --userdict F   jieba.load_userdict(F) before cutting

Run with /usr/bin/python3 so that Debian's jieba (and its dict.txt) is the one imported.
"""
import argparse
import io
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-hmm", action="store_true")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--search", action="store_true")
    ap.add_argument("--keep-space", action="store_true")
    ap.add_argument("--userdict")
    a = ap.parse_args()

    import jieba
    jieba.setLogLevel(60)
    assert jieba.__version__ == "0.42.1", "expected jieba 0.42.1, got " + jieba.__version__
    if a.userdict:
        jieba.load_userdict(a.userdict)
    hmm = not a.no_hmm

    src = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
    dst = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    for line in src:
        if line.endswith("\n"):
            line = line[:-1]
        if a.search:
            tokens = jieba.cut_for_search(line, HMM=hmm)
        else:
            tokens = jieba.cut(line, cut_all=a.full, HMM=hmm)
        if not a.keep_space:
            tokens = [t for t in tokens if t.strip()]
        dst.write(" ".join(tokens))
        dst.write("\n")
    dst.flush()


if __name__ == "__main__":
    main()
