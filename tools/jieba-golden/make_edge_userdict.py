#!/usr/bin/python3
"""Writes the edge-case user dictionary (bytes that an editor or git could normalise, hence generated):
tab instead of space, two spaces, CRLF, freq 0 for very common words (的, 中国, 人民), a huge but int32 freq,
uppercase tag (becomes part of the word), non-numeric freq, whitespace-only line, non-BMP and emoji words,
characters outside jieba's han range, words with Latin/digits/punctuation, single characters.
Usage: make_edge_userdict.py OUT"""
import sys

LINES = [
    "词\t5", "测试  7", "iPhone 15", "𠀀𠀀 5", "😀中 8 x", "中国 0", "的 0", "了\r", "北京大学 0 nt",
    "大学生活 99999", "abc中文 20", "C++ 30", "1.5% 10", "中\u3000国 5", "南京 1 ns", "长江 1", "人民 0",
    "鿖鿗 10", "㐀㐁 10", "不 1", "是的 9 BAD", "你好吗 x", "  ", "#comment", "中华 0", "华人 0",
    "人民共和国 1", "3.14 5", "a-b 5", "_init_ 5", "的的 100000", "一一 3 m", "研究生 2147483647",
]
with open(sys.argv[1], "wb") as f:
    f.write("".join(l + "\n" for l in LINES).encode("utf-8"))
