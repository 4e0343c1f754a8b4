#!/usr/bin/env python3
"""Bring CircleTake's analysis into a DaVinci Resolve timeline.

Run from Resolve (Workspace > Scripts, with this file in Resolve's
Fusion/Scripts/Edit folder) or from a shell with Resolve's scripting
environment set up (RESOLVE_SCRIPT_API / RESOLVE_SCRIPT_LIB, see Resolve's
Developer/Scripting/README.txt):

    python3 circletake_to_resolve.py REPORT.json [REPORT.json ...]

For every timeline item of the current timeline whose source file has the
same name as a report's `source`, it adds a marker for each cut, blink, flash
frame and flag inside the item's used range, and sets the media pool clip's
Mark In/Out to the suggested trim of the best shot. Only the Resolve calls
need Resolve; `plan()` is plain Python and is what the tests check.
"""
import json
import os
import sys

# Resolve's marker colours by what a marker means.
COLOURS = {"cut": "Blue", "transition": "Cyan", "blink": "Pink", "flash": "Yellow", "flag": "Red", "trim": "Green"}


def load_report(path):
    """Reads a CircleTake report; refuses anything else with a clear message."""
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    if report.get("format") != "circletake.report":
        raise ValueError(f"{path}: not a CircleTake report")
    if report.get("version") != 1:
        raise ValueError(f"{path}: report version {report.get('version')} is not supported; re-run the analysis")
    return report


def best_shot(report):
    """The shot with the best trimmed score, or None."""
    shots = report.get("shots") or []
    return max(shots, key=lambda s: (s.get("trimmed_score", 0), -s["index"]), default=None)


def plan(report, source_start, source_end):
    """Markers and marks for one timeline item using source frames [source_start, source_end).

    Returns {"markers": [(offset, colour, name, note, duration)], "mark_in": int|None,
    "mark_out": int|None}; offsets are relative to the item's first frame, as
    TimelineItem.AddMarker expects.
    """
    events = []
    for cut in report.get("cuts", []):
        events.append((cut["frame"], "cut", "Cut", f"confidence {cut['confidence']:.2f}", 1))
    for t in report.get("transitions", []):
        start, end = t["range"]["start"], t["range"]["end"]
        events.append((start, "transition", str(t.get("kind", "transition")).capitalize(), "", max(1, end - start)))
    for b in report.get("blinks", []):
        start, end = b["range"]["start"], b["range"]["end"]
        events.append((start, "blink", "Blink", "eyes closed", max(1, end - start)))
    for f in report.get("flashes", []):
        events.append((f["start"], "flash", "Flash frame", "", max(1, f["end"] - f["start"])))
    for flag in report.get("flags", []):
        for r in flag.get("ranges", []):
            events.append((r["start"], "flag", str(flag.get("kind", "flag")), flag.get("detail", ""), max(1, r["end"] - r["start"])))
    markers = []
    taken = set()
    for frame, kind, name, note, duration in sorted(events, key=lambda e: (e[0], e[1])):
        if source_start <= frame < source_end and frame not in taken:
            taken.add(frame)  # Resolve keeps one marker per frame
            markers.append((frame - source_start, COLOURS[kind], name, note, duration))
    shot = best_shot(report)
    mark_in = shot["trim"]["in_frame"] if shot else None
    mark_out = shot["trim"]["out_frame"] - 1 if shot and shot["trim"]["out_frame"] > shot["trim"]["in_frame"] else None
    return {"markers": markers, "mark_in": mark_in, "mark_out": mark_out if mark_in is not None else None}


def apply_to_resolve(reports):
    import DaVinciResolveScript as dvr  # provided by Resolve

    resolve = dvr.scriptapp("Resolve")
    timeline = resolve.GetProjectManager().GetCurrentProject().GetCurrentTimeline()
    if timeline is None:
        raise RuntimeError("open a timeline first")
    by_name = {os.path.basename(r.get("source") or ""): r for r in reports}
    touched = 0
    for index in range(1, timeline.GetTrackCount("video") + 1):
        for item in timeline.GetItemListInTrack("video", index) or []:
            clip = item.GetMediaPoolItem()
            if clip is None:
                continue
            report = by_name.get(os.path.basename(clip.GetClipProperty("File Path") or ""))
            if report is None:
                continue
            start = item.GetLeftOffset()
            todo = plan(report, start, start + item.GetDuration())
            for offset, colour, name, note, duration in todo["markers"]:
                item.AddMarker(offset, colour, name, note, duration)
            if todo["mark_in"] is not None:
                clip.SetMarkInOut(todo["mark_in"], todo["mark_out"])
            touched += 1
    return touched


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        reports = [load_report(p) for p in argv[1:]]
        print(f"updated {apply_to_resolve(reports)} timeline item(s)")
    except (OSError, ValueError, RuntimeError, ImportError) as e:
        print(f"circletake_to_resolve: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
