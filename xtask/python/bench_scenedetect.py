"""Peer for `cargo xtask bench`: PySceneDetect's `detect-adaptive`
(AdaptiveDetector with its defaults, OpenCV backend, automatic downscaling as
the CLI does) through its Python API. The timing covers opening the video and
detection (decode included), not the import.

Prints one JSON line: frames, seconds, fps, and the first frame of every
scene after the first (the frames where a new shot starts).

usage: python bench_scenedetect.py VIDEO
"""

import json
import sys
import time

import scenedetect
from scenedetect import AdaptiveDetector, SceneManager, open_video


def main() -> None:
    path = sys.argv[1]
    started = time.perf_counter()
    video = open_video(path)
    manager = SceneManager()
    manager.add_detector(AdaptiveDetector())
    manager.detect_scenes(video)
    scenes = manager.get_scene_list()
    seconds = time.perf_counter() - started
    frames = int(video.frame_number)
    print(json.dumps({
        "case": "pyscenedetect-adaptive",
        "frames": frames,
        "seconds": seconds,
        "fps": frames / seconds,
        "version": scenedetect.__version__,
        "boundaries": [int(start.get_frames()) for start, _end in scenes[1:]],
    }))


if __name__ == "__main__":
    main()
