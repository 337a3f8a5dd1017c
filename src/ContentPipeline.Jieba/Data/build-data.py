#!/usr/bin/python3
"""Convert jieba 0.42.1's dictionary and HMM tables into the compact resources embedded in ContentPipeline.Jieba.

Run with the system Python that has Debian's python3-jieba installed:

    /usr/bin/python3 src/ContentPipeline.Jieba/Data/build-data.py [JIEBA_DIR] [OUT_DIR]

JIEBA_DIR defaults to /usr/lib/python3/dist-packages/jieba, OUT_DIR to this script's folder.
Python is used for this conversion only; the .NET library never runs it.

jieba.dict.bin (stored uncompressed: the loader parses it in place from the assembly's mapped image, with no
inflate step; git and NuGet compress it anyway), all integers little-endian, "varint" = unsigned LEB128:
    magic  b"JBDICT01"
    int64  total            sum of all frequencies, exactly Tokenizer.total after gen_pfdict
    int32  nodeCount        nodes of the prefix trie of FREQ, root included, numbered in breadth-first order
    varint childCount[nodeCount]          children of each node; children of a node are consecutive nodes
    varint edgeDelta[nodeCount - 1]       for every non-root node: its char minus the previous sibling's char
                                          (first child: minus 0); siblings are sorted by UTF-16 code unit
    varint freq[nodeCount - 1]            FREQ of the prefix the node spells (0 = prefix only, not a word)

Every key of FREQ (words and, with 0, all their prefixes) is a node and every node is a key: the trie is the
expanded prefix dictionary, so "frag in FREQ" is "the walk did not fall off the trie".

jieba.hmm.bin (zlib-compressed):
    magic  b"JBHMM001"
    float64 start[4]                      states in the order B, M, E, S
    float64 trans[4][4]                   from-state x to-state; missing transitions are MIN_FLOAT (-3.14e100)
    per state (B, M, E, S): int32 count, then count x (uint16 char, float64 logprob)
"""
import os
import struct
import sys
import zlib

STATES = "BMES"
MIN_FLOAT = -3.14e100


def varint(out, v):
    if v < 0:
        raise ValueError(v)
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def main():
    jieba_dir = sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/python3/dist-packages/jieba"
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.dirname(os.path.abspath(jieba_dir)))
    import jieba  # the installed 0.42.1, used for its own dictionary parser so FREQ/total are exactly jieba's
    from jieba.finalseg import prob_start, prob_trans, prob_emit
    assert jieba.__version__ == "0.42.1", jieba.__version__

    with open(os.path.join(jieba_dir, "dict.txt"), "rb") as f:
        freq, total = jieba.Tokenizer.gen_pfdict(f)

    for word in freq:
        for ch in word:
            if ord(ch) > 0xFFFF:
                raise SystemExit("non-BMP character in dictionary word %r: the trie format stores UTF-16 units" % word)

    # Breadth-first trie over the keys of FREQ (children sorted by code unit).
    children = {"": []}
    for word in freq:
        for i in range(1, len(word) + 1):
            p = word[:i]
            if p not in children:
                children[p] = []
                children[word[:i - 1]].append(p)
    order = [""]
    head = 0
    while head < len(order):
        node = order[head]
        head += 1
        kids = sorted(children[node], key=lambda s: s[-1])
        children[node] = kids
        order.extend(kids)
    assert len(order) == len(freq) + 1, (len(order), len(freq))

    out = bytearray(b"JBDICT01")
    out += struct.pack("<qi", total, len(order))
    for node in order:
        varint(out, len(children[node]))
    for node in order:
        prev = 0
        for kid in children[node]:
            c = ord(kid[-1])
            varint(out, c - prev)
            prev = c
    for node in order[1:]:
        varint(out, freq[node])
    with open(os.path.join(out_dir, "jieba.dict.bin"), "wb") as f:
        f.write(bytes(out))

    hmm = bytearray(b"JBHMM001")
    for s in STATES:
        hmm += struct.pack("<d", prob_start.P[s])
    for a in STATES:
        for b in STATES:
            hmm += struct.pack("<d", prob_trans.P[a].get(b, MIN_FLOAT))
    for s in STATES:
        entries = sorted((c, p) for c, p in prob_emit.P[s].items() if ord(c) <= 0xFFFF)
        hmm += struct.pack("<i", len(entries))
        for c, p in entries:
            hmm += struct.pack("<Hd", ord(c), p)
    with open(os.path.join(out_dir, "jieba.hmm.bin"), "wb") as f:
        f.write(zlib.compress(bytes(hmm), 9))

    print("words+prefixes=%d total=%d dict=%d bytes (zlib would be %d) hmm=%d bytes" % (
        len(freq), total, len(out), len(zlib.compress(bytes(out), 9)),
        os.path.getsize(os.path.join(out_dir, "jieba.hmm.bin"))))


if __name__ == "__main__":
    main()
