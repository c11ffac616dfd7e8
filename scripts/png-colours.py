#!/usr/bin/env python3
"""Counts the pixels of a PNG near each given colour, and where they are.

    png-colours.py IMAGE.png RRGGBB [RRGGBB ...]

prints the image's size ("size W H"), then one line per colour: "RRGGBB COUNT MINX MINY
MAXX MAXY" (-1s when none). A pixel counts when each channel is within 16 of the
colour's. The test suite reads a headless Chromium screenshot of the bench report with
it (Tests/FetchBenchTests/Report/ReportInChromiumTests.swift): the standard library
only, so the tests need no imaging package.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise SystemExit(f"{path}: only 8-bit RGB or RGBA, not interlaced")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else upper_left)
                line[i] = (line[i] + predictor) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def main():
    width, height, channels, rows = read_png(sys.argv[1])
    print(f"size {width} {height}")
    for colour in sys.argv[2:]:
        target = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
        count, box = 0, [width, height, -1, -1]
        for y, line in enumerate(rows):
            for x in range(width):
                pixel = line[x * channels:x * channels + 3]
                if all(abs(pixel[c] - target[c]) <= 16 for c in range(3)):
                    count += 1
                    box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
        if count == 0:
            box = [-1, -1, -1, -1]
        print(colour, count, *box)


if __name__ == "__main__":
    main()
