#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The benchmark's tables and chart data from build/bench/raw.tsv
(test/bench/run), and their copies between a section's markers in
test/bench/results.md and the README.

  report.py --raw TSV --runs N [--set plain|stack] ... --md OUT.md [--dat OUT.dat]
  report.py --into FILE --section NAME --md OUT.md
  report.py --debian TSV --runs N ... --md OUT.md   (test/debian/run --bench)
"""
import argparse
import csv
import datetime
import re
import statistics

# The targets of issue 6, as (what, test on the medians).
TARGETS = [
    ("time to real init <= tiny-initramfs",
     lambda m: cmp(m, "uptime_s", "rdcheck", "<=", 1.0, "tiny")),
    ("time to real init <= 0.35 x initramfs-tools",
     lambda m: cmp(m, "uptime_s", "rdcheck", "<=", 0.35, "itools")),
    ("our stage (time - floor) < 1 s",
     lambda m: stage(m, 1.0)),
    ("image <= 0.8 MB", lambda m: absolute(m, "bytes", 0.8e6, "{:.3f} MB", 1e-6)),
    ("build <= 0.25 s", lambda m: absolute(m, "build_s", 0.25, "{:.3f} s", 1)),
    ("PID 1 peak memory <= 4 MiB",
     lambda m: absolute(m, "rss_kib", 4096, "{:.2f} MiB", 1 / 1024)),
]

# The targets of issue 11, for a root on LVM on LUKS.
STACK_TARGETS = [
    ("time to real init <= 0.35 x initramfs-tools",
     lambda m: cmp(m, "uptime_s", "rdcheck", "<=", 0.35, "itools")),
    ("image <= 3 MB", lambda m: absolute(m, "bytes", 3e6, "{:.3f} MB", 1e-6)),
]


def num(v):
    try:
        return float(v)
    except ValueError:
        return None


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def cmp(m, key, a, op, factor, b):
    x, y = m.get(a, {}).get(key), m.get(b, {}).get(key)
    if x is None or y is None:
        return None, "n/a"
    return x <= factor * y, f"{x:.2f} s vs {factor * y:.2f} s"


def stage(m, bound):
    x, f = m.get("rdcheck", {}).get("uptime_s"), m.get("floor", {}).get("uptime_s")
    if x is None or f is None:
        return None, "n/a"
    return x - f < bound, f"{x - f:.2f} s"


def absolute(m, key, bound, fmt, scale):
    x = m.get("rdcheck", {}).get(key)
    if x is None:
        return None, "n/a"
    return x <= bound, fmt.format(x * scale)


def load(path):
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    per = {}
    for row in rows:
        s = per.setdefault(row["system"], {"uptime_s": [], "bytes": [], "build_s": [],
                                           "rss_kib": []})
        s["uptime_s"].append(num(row["uptime_s"]))
        s["bytes"].append(num(row["bytes"]))
        s["build_s"].append(num(row["build_s"]))
        # rdcheck's own figure from its report; for the others, what the
        # real init's getrusage() carries over from the PID 1 before it.
        rss = num(row["report_rss_kib"]) if row["system"] == "rdcheck" else None
        s["rss_kib"].append(rss if rss is not None else num(row["pid1_rss_kib"]))
    return per


def fmt_range(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    if len(values) == 1:
        return fmt.format(values[0])
    return fmt.format(statistics.median(values)) + " (" + fmt.format(min(values)) + \
        "-" + fmt.format(max(values)) + ")"


def ratio(x, y):
    if x is None or y is None or y == 0:
        return "n/a"
    return f"{x / y:.2f}"


def tables(per, order, labels, args):
    med = {s: {k: median(v) for k, v in per[s].items()} for s in order}
    ref = med.get("rdcheck", {})
    floor = med.get("floor", {}).get("uptime_s")
    stack = args.set == "stack"
    out = []
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    what = args.root or "virtio-blk ext4 root"
    out.append(f"Measured {date} by `test/bench/run {args.command}` on {args.machine}; "
               f"kernel {args.kver}, {args.clock}, 1 vCPU, {args.memory} MiB, {what}, "
               f"command line `{args.words}`. Medians of {args.runs} run(s), "
               "(min-max) when more than one; ratios are against rdcheck's median.")
    out.append("")
    head = ["system", "time to real init (s)", "x rdcheck"]
    if not stack:
        head.append("initramfs part (s)")
    head += ["image (MB)", "x rdcheck", "build (s)", "x rdcheck", "PID 1 peak RSS (MiB)"]
    out.append("| " + " | ".join(head) + " |")
    out.append("| --- |" + " ---: |" * (len(head) - 1))
    for s in order:
        p, m = per[s], med[s]
        part = "n/a" if m["uptime_s"] is None or floor is None else f"{m['uptime_s'] - floor:.2f}"
        if s == "floor":
            part = "0"
        rss = "n/a" if m["rss_kib"] is None else f"{m['rss_kib'] / 1024:.2f}"
        cells = [labels.get(s, s), fmt_range(p["uptime_s"], "{:.2f}"),
                 ratio(m["uptime_s"], ref.get("uptime_s"))]
        if not stack:
            cells.append(part)
        cells += [fmt_range([b and b / 1e6 for b in p["bytes"]], "{:.3f}"),
                  ratio(m["bytes"], ref.get("bytes")), fmt_range(p["build_s"], "{:.2f}"),
                  ratio(m["build_s"], ref.get("build_s")), rss]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    if stack:
        out.append("PID 1 peak RSS: rdcheck's from its report (`memory.peak_rss_kib`, read "
                   "just before switch_root); the root's init here (test/rootfs/marker-init.c) "
                   "prints no figure for the others.")
    else:
        out.append("PID 1 peak RSS: rdcheck's from its report (`memory.peak_rss_kib`, read "
                   "just before switch_root); the others' from `getrusage()` in the root's "
                   "init, which Linux carries across `execve()` from the PID 1 before it "
                   "(children not counted); the floor's busybox prints none.")
    if args.note:
        out.append("")
        out.append(args.note)
    out.append("")
    out.append("| target (rdcheck, medians) | measured | met |")
    out.append("| --- | --- | --- |")
    for what, test in STACK_TARGETS if stack else TARGETS:
        ok, value = test(med)
        out.append(f"| {what} | {value} | {'n/a' if ok is None else ('yes' if ok else '**no**')} |")
    if args.chart:
        out.append("")
        out.append(f"![boot time, image size and build time per system]({args.chart})")
    return "\n".join(out) + "\n", med


def debian_tables(path, args):
    """The real Debian root's row: systemd-analyze's times per system, as
    ratios against initramfs-tools."""
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    keys = ["kernel_s", "userspace_s", "total_s", "bytes"]
    per = {}
    for row in rows:
        s = per.setdefault(row["system"], {k: [] for k in keys})
        for k in keys:
            s[k].append(num(row[k]))
    labels = {"itools": "initramfs-tools (its own /init)",
              "rdcheck_init": "initramfs-tools, RDCHECK_INIT=y",
              "rdcheck_mkimage": "rdcheck-mkimage --host-only"}
    med = {s: {k: median(v) for k, v in per[s].items()} for s in per}
    ref = med.get("itools", {})
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"Measured {date} by `test/bench/run {args.command}` on {args.machine}; "
           f"Debian 12 root from test/debian/mkroot (systemd, udev, kmod, initramfs-tools, "
           f"linux-image-amd64 {args.kver}), {args.clock}, 1 vCPU, {args.memory} MiB, "
           f"virtio-blk ext4, command line `{args.words}`. Times from `systemd-analyze` in "
           f"the guest: \"to PID 1\" is its kernel part (kernel and initramfs until systemd "
           f"starts in the root; no initramfs here runs systemd, so there is no initrd part), "
           f"then userspace until multi-user.target. Medians of {args.runs} run(s), (min-max) "
           f"when more than one; ratios are against initramfs-tools.", ""]
    head = ["system", "to PID 1 (s)", "x itools", "userspace (s)", "total (s)", "x itools",
            "image (MB)", "x itools"]
    out.append("| " + " | ".join(head) + " |")
    out.append("| --- |" + " ---: |" * (len(head) - 1))
    for s in [s for s in labels if s in per]:
        p, m = per[s], med[s]
        out.append("| " + " | ".join([
            labels[s], fmt_range(p["kernel_s"], "{:.2f}"), ratio(m["kernel_s"], ref.get("kernel_s")),
            fmt_range(p["userspace_s"], "{:.2f}"), fmt_range(p["total_s"], "{:.2f}"),
            ratio(m["total_s"], ref.get("total_s")),
            fmt_range([b and b / 1e6 for b in p["bytes"]], "{:.3f}"),
            ratio(m["bytes"], ref.get("bytes"))]) + " |")
    return "\n".join(out) + "\n"


def chart_data(med, order, labels):
    lines = ["# system uptime_s image_mb build_s"]
    for s in order:
        m = med[s]
        vals = [m["uptime_s"], m["bytes"] and m["bytes"] / 1e6, m["build_s"]]
        lines.append('"' + labels.get(s, s) + '" ' +
                     " ".join("NaN" if v is None else f"{v:.4f}" for v in vals))
    return "\n".join(lines) + "\n"


def markers(name):
    return f"<!-- {name}:begin (test/bench/run rewrites this) -->", f"<!-- {name}:end -->"


def into(path, name, md):
    """MD's text between the markers of section NAME in PATH (added at the end
    of a results file that lacks them; a README must have them)."""
    begin, end = markers(name)
    text = open(path).read()
    body = open(md).read()
    new, n = re.subn(re.escape(begin) + ".*?" + re.escape(end),
                     lambda _: begin + "\n" + body + end, text, flags=re.S)
    if n != 1:
        if path.endswith("README.md"):
            raise SystemExit(f"report.py: {path}: no {name} markers")
        new = text.rstrip("\n") + ("\n\n" if text.strip() else "") + begin + "\n" + body + end + "\n"
    open(path, "w").write(new)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw")
    ap.add_argument("--runs")
    ap.add_argument("--kver")
    ap.add_argument("--machine")
    ap.add_argument("--memory")
    ap.add_argument("--clock", default="QEMU TCG")
    ap.add_argument("--words")
    ap.add_argument("--labels", default="")
    ap.add_argument("--md")
    ap.add_argument("--dat")
    ap.add_argument("--set", choices=["plain", "stack"], default="plain")
    ap.add_argument("--command", default="--runs 3")
    ap.add_argument("--root")
    ap.add_argument("--note")
    ap.add_argument("--chart")
    ap.add_argument("--into")
    ap.add_argument("--section")
    ap.add_argument("--debian")
    args = ap.parse_args()
    if args.into:
        into(args.into, args.section, args.md)
        return
    if args.debian:
        open(args.md, "w").write(debian_tables(args.debian, args))
        return
    labels = dict(kv.split("=", 1) for kv in args.labels.split(";") if kv)
    per = load(args.raw)
    order = [s for s in labels if s in per] or list(per)
    md, med = tables(per, order, labels, args)
    open(args.md, "w").write(md)
    if args.dat:
        open(args.dat, "w").write(chart_data(med, order, labels))


if __name__ == "__main__":
    main()
