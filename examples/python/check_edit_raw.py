#!/usr/bin/env python3
"""Check one edit (Cut Check) between two raw RGB24 clips through CircleTake's C ABI.

    check_edit_raw.py LIBRARY OUT.rgb OUT_FRAME IN.rgb IN_FRAME WIDTH HEIGHT
                      RATE_NUM RATE_DEN [--max-shift N]

    ffmpeg -i a.mov -f rawvideo -pix_fmt rgb24 a.rgb
    ffmpeg -i b.mov -f rawvideo -pix_fmt rgb24 b.rgb
    python3 check_edit_raw.py LIBRARY a.rgb 1041 b.rgb 230 1920 1080 24000 1001 > edit.json

The edit shows OUT.rgb up to and including its frame OUT_FRAME, then IN.rgb
from its frame IN_FRAME (frames numbered from 0 in each file). Both clips are
WIDTH x HEIGHT at RATE_NUM/RATE_DEN frames per second. --max-shift is the
largest roll, in frames each way, the check may suggest (default 6).
Only the frames the check wants around the edit are read (seeking by frame
size); frames past a file's end are absent, so rolls needing them are not
suggested. LIBRARY is libcircletake.so (target/release/) or the bundle's
CircleTake.ofx (Contents/Linux-x86-64/), which exports the same C ABI; the
blink check needs the models in CIRCLETAKE_MODELS.
Prints the verdict, issues, suggested roll and measures on stderr and the JSON
report on stdout. Exit 0 checked, 1 error, 2 usage (bad numbers, an edit
frame outside its file, a file size that is no whole number of frames).
No dependency beyond the standard library.
"""
import ctypes
import json
import os
import sys

CT_STATUS_OK = 0
CT_STATUS_BUFFER_TOO_SMALL = 7
CT_PIXEL_FORMAT_RGB8 = 1
CT_EDIT_SIDE_OUTGOING = 0
CT_EDIT_SIDE_INCOMING = 1
ABI_MAJOR = 0
VERDICTS = {0: "clean", 1: "move the edit", 2: "review"}
ISSUE_KINDS = ["blink", "eyes_closed", "whip_pan", "motion_blur", "flash",
               "jump_cut", "exposure_jump", "colour_jump", "source_cut"]
SIDES = {-1: "across the cut", 0: "outgoing", 1: "incoming"}


class EngineOptions(ctypes.Structure):
    _fields_ = [
        ("device", ctypes.c_int32),
        ("threads", ctypes.c_uint32),
        ("model_dir", ctypes.c_char_p),
        ("faces", ctypes.c_bool),
    ]


class EditIssue(ctypes.Structure):
    _fields_ = [
        ("kind", ctypes.c_int32),
        ("side", ctypes.c_int32),
        ("frame", ctypes.c_int64),
        ("has_frame", ctypes.c_bool),
        ("severity", ctypes.c_float),
    ]


class EditMeasures(ctypes.Structure):
    _fields_ = [
        ("framing_similarity", ctypes.c_float),
        ("exposure_change", ctypes.c_float),
        ("colour_change", ctypes.c_float),
    ]


class CircleTakeError(RuntimeError):
    pass


class UsageError(ValueError):
    pass


def load(path):
    lib = ctypes.CDLL(path)
    p = ctypes.c_void_p
    i64p = ctypes.POINTER(ctypes.c_int64)
    sizep = ctypes.POINTER(ctypes.c_size_t)
    lib.ct_version.restype = ctypes.c_uint32
    lib.ct_status_str.restype = ctypes.c_char_p
    lib.ct_status_str.argtypes = [ctypes.c_int32]
    lib.ct_last_error.restype = ctypes.c_size_t
    lib.ct_last_error.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    signatures = {
        "ct_engine_options_default": [ctypes.POINTER(EngineOptions)],
        "ct_engine_new": [ctypes.POINTER(EngineOptions), ctypes.POINTER(p)],
        "ct_edit_check_new": [p, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_int64,
                              ctypes.c_int64, ctypes.c_int32, ctypes.POINTER(p)],
        "ct_edit_check_wanted": [p, ctypes.c_int32, i64p, i64p],
        "ct_edit_check_push": [p, ctypes.c_int32, ctypes.c_int64, ctypes.c_char_p,
                               ctypes.c_uint32, ctypes.c_uint32, ctypes.c_ssize_t,
                               ctypes.c_int32],
        "ct_edit_check_finish": [p, ctypes.POINTER(p)],
        "ct_edit_report_verdict": [p, ctypes.POINTER(ctypes.c_int32)],
        "ct_edit_report_suggested_shift": [p, ctypes.POINTER(ctypes.c_int32),
                                           ctypes.POINTER(ctypes.c_bool)],
        "ct_edit_report_reason": [p, ctypes.c_char_p, ctypes.c_size_t, sizep],
        "ct_edit_report_issue_count": [p, sizep],
        "ct_edit_report_issue": [p, ctypes.c_size_t, ctypes.POINTER(EditIssue)],
        "ct_edit_report_issue_message": [p, ctypes.c_size_t, ctypes.c_char_p,
                                         ctypes.c_size_t, sizep],
        "ct_edit_report_measures": [p, ctypes.POINTER(EditMeasures)],
        "ct_edit_report_json": [p, ctypes.c_char_p, ctypes.c_size_t, sizep],
    }
    version = lib.ct_version()
    if version >> 16 != ABI_MAJOR:
        raise CircleTakeError(f"library ABI {version >> 16} is not {ABI_MAJOR}")
    try:
        for name, args in signatures.items():
            getattr(lib, name).argtypes = args
            getattr(lib, name).restype = ctypes.c_int32
        for name in ("ct_engine_free", "ct_edit_check_free", "ct_edit_report_free"):
            getattr(lib, name).argtypes = [p]
            getattr(lib, name).restype = None
    except AttributeError as e:
        raise CircleTakeError(f"{path} (C ABI {version >> 16}.{version >> 8 & 0xff}) has no edit "
                              f"check, which needs C ABI 0.2 or later: {e}") from None
    return lib


def check(lib, status, what):
    if status != CT_STATUS_OK:
        buf = ctypes.create_string_buffer(1024)
        lib.ct_last_error(buf, len(buf))
        raise CircleTakeError(f"{what}: {lib.ct_status_str(status).decode()}: {buf.value.decode()}")


def text(lib, function, what, *args):
    """A string from one of the `buf, len, needed` accessors: size first, then the text."""
    size = ctypes.c_size_t()
    status = function(*args, None, 0, ctypes.byref(size))
    if status != CT_STATUS_BUFFER_TOO_SMALL:
        check(lib, status, f"{what} size")
    buf = ctypes.create_string_buffer(max(size.value, 1))
    check(lib, function(*args, buf, len(buf), None), what)
    return buf.value.decode()


def frame_count(path, frame_size, width, height):
    """Whole frames in a raw file; a size that is no whole number of frames is refused."""
    size = os.path.getsize(path)
    if size % frame_size:
        raise UsageError(f"{path} is {size} bytes, no whole number of {width}x{height} RGB24 "
                         f"frames ({frame_size} bytes each): check WIDTH and HEIGHT")
    return size // frame_size


def push_side(lib, check_handle, side, path, count, width, height):
    """Pushes the frames the check wants of one clip that the file has; returns how many."""
    first, last = ctypes.c_int64(), ctypes.c_int64()
    name = SIDES[side]
    check(lib, lib.ct_edit_check_wanted(check_handle, side, ctypes.byref(first),
                                        ctypes.byref(last)), f"{name} frames wanted")
    frame_size = width * height * 3
    lo, hi = max(first.value, 0), min(last.value, count - 1)
    pushed = 0
    with open(path, "rb") as raw:
        raw.seek(lo * frame_size)
        for frame in range(lo, hi + 1):
            pixels = raw.read(frame_size)
            if len(pixels) != frame_size:
                raise CircleTakeError(f"{path}: frame {frame} is cut short ({len(pixels)} bytes)")
            check(lib, lib.ct_edit_check_push(check_handle, side, frame, pixels, width, height,
                                              width * 3, CT_PIXEL_FORMAT_RGB8),
                  f"{name} frame {frame}")
            pushed += 1
    if pushed < last.value - first.value + 1:
        print(f"check_edit_raw.py: {name}: {path} has frames {lo}-{hi} of the wanted "
              f"{first.value}-{last.value}: rolls needing the others are not suggested",
              file=sys.stderr)
    return pushed


def check_edit(lib, outgoing, incoming, width, height, rate, max_shift):
    """Checks the edit; `outgoing` and `incoming` are (path, edit frame).

    Returns (verdict, issues as (EditIssue, message), (shift or None, reason),
    EditMeasures, report JSON text)."""
    frame_size = width * height * 3
    counts = []
    for (path, frame), label in ((outgoing, "OUT_FRAME"), (incoming, "IN_FRAME")):
        count = frame_count(path, frame_size, width, height)
        if not 0 <= frame < count:
            raise UsageError(f"{label} {frame} is outside {path}, which has {count} "
                             f"{width}x{height} frame(s) (0-{count - 1})")
        counts.append(count)
    options = EngineOptions()
    check(lib, lib.ct_engine_options_default(ctypes.byref(options)), "options")
    engine, edit, report = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    try:
        check(lib, lib.ct_engine_new(ctypes.byref(options), ctypes.byref(engine)), "engine")
        check(lib, lib.ct_edit_check_new(engine, rate[0], rate[1], outgoing[1], incoming[1],
                                         max_shift, ctypes.byref(edit)), "edit check")
        for side, (path, _), count in zip((CT_EDIT_SIDE_OUTGOING, CT_EDIT_SIDE_INCOMING),
                                          (outgoing, incoming), counts):
            push_side(lib, edit, side, path, count, width, height)
        check(lib, lib.ct_edit_check_finish(edit, ctypes.byref(report)), "finish")

        verdict = ctypes.c_int32()
        check(lib, lib.ct_edit_report_verdict(report, ctypes.byref(verdict)), "verdict")
        count = ctypes.c_size_t()
        check(lib, lib.ct_edit_report_issue_count(report, ctypes.byref(count)), "issues")
        issues = []
        for i in range(count.value):
            issue = EditIssue()
            check(lib, lib.ct_edit_report_issue(report, i, ctypes.byref(issue)), f"issue {i}")
            message = text(lib, lib.ct_edit_report_issue_message, f"issue {i} message", report, i)
            issues.append((issue, message))
        shift, has = ctypes.c_int32(), ctypes.c_bool()
        check(lib, lib.ct_edit_report_suggested_shift(report, ctypes.byref(shift),
                                                      ctypes.byref(has)), "suggestion")
        reason = text(lib, lib.ct_edit_report_reason, "reason", report)
        measures = EditMeasures()
        check(lib, lib.ct_edit_report_measures(report, ctypes.byref(measures)), "measures")
        json_text = text(lib, lib.ct_edit_report_json, "json", report)
        suggestion = (shift.value if has.value else None, reason)
        return verdict.value, issues, suggestion, measures, json_text
    finally:
        lib.ct_edit_report_free(report)
        lib.ct_edit_check_free(edit)
        lib.ct_engine_free(engine)


def parse(argv):
    args = list(argv[1:])
    max_shift = -1
    if "--max-shift" in args:
        i = args.index("--max-shift")
        if i + 1 >= len(args):
            raise UsageError("--max-shift needs a number of frames")
        max_shift = int(args[i + 1])
        if max_shift < 0:
            raise UsageError(f"--max-shift {max_shift} is negative")
        del args[i:i + 2]
    if len(args) != 9:
        raise UsageError(__doc__)
    library, out_path, out_frame, in_path, in_frame = args[:5]
    width, height, rate_num, rate_den = (int(a) for a in args[5:9])
    if width <= 0 or height <= 0 or rate_num <= 0 or rate_den <= 0:
        raise UsageError("WIDTH, HEIGHT, RATE_NUM and RATE_DEN must be positive")
    return (library, (out_path, int(out_frame)), (in_path, int(in_frame)), width, height,
            (rate_num, rate_den), max_shift)


def main(argv):
    try:
        library, outgoing, incoming, width, height, rate, max_shift = parse(argv)
    except ValueError as e:
        print(f"check_edit_raw.py: {e}", file=sys.stderr)
        return 2
    try:
        lib = load(library)
        verdict, issues, (shift, reason), measures, json_text = check_edit(
            lib, outgoing, incoming, width, height, rate, max_shift)
    except UsageError as e:
        print(f"check_edit_raw.py: {e}", file=sys.stderr)
        return 2
    except (CircleTakeError, OSError) as e:
        print(f"check_edit_raw.py: {e}", file=sys.stderr)
        return 1
    print(f"edit: outgoing {outgoing[0]} to frame {outgoing[1]}, incoming {incoming[0]} "
          f"from frame {incoming[1]}: {VERDICTS.get(verdict, verdict)}", file=sys.stderr)
    for issue, message in issues:
        where = f" frame {issue.frame}" if issue.has_frame else ""
        kind = ISSUE_KINDS[issue.kind] if 0 <= issue.kind < len(ISSUE_KINDS) else issue.kind
        print(f"  {kind} ({SIDES.get(issue.side, issue.side)}{where}, severity "
              f"{issue.severity:.2f}): {message}", file=sys.stderr)
    if shift is not None:
        print(f"suggestion: roll {shift:+d} frame(s): {reason}", file=sys.stderr)
    else:
        why = "the cut is clean" if verdict == 0 else "no roll within range is better"
        print(f"suggestion: none ({why})", file=sys.stderr)
    print(f"measures: framing similarity {measures.framing_similarity:.2f}, exposure change "
          f"{measures.exposure_change:+.3f}, colour change {measures.colour_change:.3f}",
          file=sys.stderr)
    for note in json.loads(json_text).get("notes", []):
        print(f"note: {note}", file=sys.stderr)
    print(json_text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
