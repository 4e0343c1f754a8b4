#!/usr/bin/env python3
"""Score a raw RGB24 video file through CircleTake's C ABI with ctypes.

    ffmpeg -i take.mov -f rawvideo -pix_fmt rgb24 take.rgb
    python3 analyze_raw.py LIBRARY take.rgb 1920 1080 24000 1001 > report.json

LIBRARY is libcircletake.so (target/release/) or the bundle's
CircleTake.ofx (Contents/Linux-x86-64/), which exports the same C ABI.
Prints the shots on stderr and the JSON report on stdout. No dependency
beyond the standard library.
"""
import ctypes
import sys

CT_STATUS_OK = 0
CT_STATUS_BUFFER_TOO_SMALL = 7
CT_PIXEL_FORMAT_RGB8 = 1
CT_DEVICE_AUTO = 0
ABI_MAJOR = 0


class EngineOptions(ctypes.Structure):
    _fields_ = [
        ("device", ctypes.c_int32),
        ("threads", ctypes.c_uint32),
        ("model_dir", ctypes.c_char_p),
        ("faces", ctypes.c_bool),
    ]


class Shot(ctypes.Structure):
    _fields_ = [
        ("start", ctypes.c_int64),
        ("end", ctypes.c_int64),
        ("score", ctypes.c_float),
        ("trim_in", ctypes.c_int64),
        ("trim_out", ctypes.c_int64),
        ("trim_score", ctypes.c_float),
        ("trim_confidence", ctypes.c_float),
        ("flag_count", ctypes.c_uint32),
    ]


class CircleTakeError(RuntimeError):
    pass


def load(path):
    lib = ctypes.CDLL(path)
    p = ctypes.c_void_p
    lib.ct_version.restype = ctypes.c_uint32
    lib.ct_status_str.restype = ctypes.c_char_p
    lib.ct_status_str.argtypes = [ctypes.c_int32]
    lib.ct_last_error.restype = ctypes.c_size_t
    lib.ct_last_error.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    signatures = {
        "ct_engine_options_default": [ctypes.POINTER(EngineOptions)],
        "ct_engine_new": [ctypes.POINTER(EngineOptions), ctypes.POINTER(p)],
        "ct_analysis_new": [p, ctypes.c_uint32, ctypes.c_uint32, ctypes.POINTER(p)],
        "ct_analysis_push": [p, ctypes.c_char_p, ctypes.c_uint32, ctypes.c_uint32,
                             ctypes.c_ssize_t, ctypes.c_int32, ctypes.c_int64],
        "ct_analysis_finish": [p, ctypes.POINTER(p)],
        "ct_report_shot_count": [p, ctypes.POINTER(ctypes.c_size_t)],
        "ct_report_shot": [p, ctypes.c_size_t, ctypes.POINTER(Shot)],
        "ct_report_json": [p, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)],
    }
    for name, args in signatures.items():
        getattr(lib, name).argtypes = args
        getattr(lib, name).restype = ctypes.c_int32
    for name in ("ct_engine_free", "ct_analysis_free", "ct_report_free"):
        getattr(lib, name).argtypes = [p]
        getattr(lib, name).restype = None
    if lib.ct_version() >> 16 != ABI_MAJOR:
        raise CircleTakeError(f"library ABI {lib.ct_version() >> 16} is not {ABI_MAJOR}")
    return lib


def check(lib, status, what):
    if status != CT_STATUS_OK:
        buf = ctypes.create_string_buffer(1024)
        lib.ct_last_error(buf, len(buf))
        raise CircleTakeError(f"{what}: {lib.ct_status_str(status).decode()}: {buf.value.decode()}")


def analyze(lib, path, width, height, fps_num, fps_den):
    """Returns (shots, report JSON text) for a raw RGB24 file."""
    options = EngineOptions()
    check(lib, lib.ct_engine_options_default(ctypes.byref(options)), "options")
    options.faces = False
    engine, analysis, report = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    try:
        check(lib, lib.ct_engine_new(ctypes.byref(options), ctypes.byref(engine)), "engine")
        check(lib, lib.ct_analysis_new(engine, fps_num, fps_den, ctypes.byref(analysis)), "analysis")
        frame_size = width * height * 3
        with open(path, "rb") as raw:
            frame = 0
            while len(pixels := raw.read(frame_size)) == frame_size:
                check(lib, lib.ct_analysis_push(analysis, pixels, width, height, width * 3,
                                                CT_PIXEL_FORMAT_RGB8, frame), f"frame {frame}")
                frame += 1
        check(lib, lib.ct_analysis_finish(analysis, ctypes.byref(report)), "finish")
        count = ctypes.c_size_t()
        check(lib, lib.ct_report_shot_count(report, ctypes.byref(count)), "shots")
        shots = []
        for i in range(count.value):
            shot = Shot()
            check(lib, lib.ct_report_shot(report, i, ctypes.byref(shot)), f"shot {i}")
            shots.append(shot)
        size = ctypes.c_size_t()
        status = lib.ct_report_json(report, None, 0, ctypes.byref(size))
        if status != CT_STATUS_BUFFER_TOO_SMALL:
            check(lib, status, "json size")
        buf = ctypes.create_string_buffer(size.value)
        check(lib, lib.ct_report_json(report, buf, size.value, None), "json")
        return shots, buf.value.decode()
    finally:
        lib.ct_report_free(report)
        lib.ct_analysis_free(analysis)
        lib.ct_engine_free(engine)


def main(argv):
    if len(argv) != 7:
        print(__doc__, file=sys.stderr)
        return 2
    lib = load(argv[1])
    width, height, fps_num, fps_den = (int(a) for a in argv[3:7])
    try:
        shots, json_text = analyze(lib, argv[2], width, height, fps_num, fps_den)
    except (CircleTakeError, OSError) as e:
        print(f"analyze_raw.py: {e}", file=sys.stderr)
        return 1
    for i, s in enumerate(shots, 1):
        print(f"shot {i}: frames {s.start}-{s.end - 1} score {s.score:.0f}, "
              f"use {s.trim_in}-{s.trim_out - 1} (confidence {s.trim_confidence:.2f})", file=sys.stderr)
    print(json_text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
