"""Exports MTCNN's three networks to TorchScript: mtcnn_pnet.pt, mtcnn_rnet.pt,
mtcnn_onet.pt.

Source: PyPI `facenet-pytorch` (MIT), whose wheel ships the state dicts
`data/pnet.pt`, `rnet.pt`, `onet.pt`. Its network classes are used as they are;
the package is imported without its `__init__` (which pulls in `requests` for
an unrelated model download), see `facenet_modules()`.

Inputs are normalised RGB, `(x - 127.5) / 128`, NCHW:
  P-Net: [N, 3, H, W]   -> (regression [N, 4, h, w], face probability [N, 2, h, w])
  R-Net: [N, 3, 24, 24] -> (regression [N, 4], probability [N, 2])
  O-Net: [N, 3, 48, 48] -> (regression [N, 4], landmarks [N, 10], probability [N, 2])
The reference folder also gets facenet-pytorch's own full MTCNN detections on
frames of carphone.mp4, which the Rust pipeline is tested against.

usage: python export_mtcnn.py OUT
"""

import importlib
import importlib.metadata
import sys
import time
import types
from pathlib import Path

import numpy as np
import torch

import export_common as common

# The detection settings of the reference (facenet-pytorch's defaults, with
# the minimum face size the Rust test passes explicitly).
MIN_FACE = 20.0
THRESHOLDS = [0.6, 0.7, 0.7]
FACTOR = 0.709
CARPHONE_FRAMES = [0, 60, 119]


def facenet_modules():
    """Imports facenet_pytorch.models.mtcnn and .utils.detect_face without the
    package's `__init__`: an empty stand-in package points at the installed
    folder, so only the two MTCNN modules (torch, torchvision, numpy, PIL) load."""
    dist = importlib.metadata.distribution("facenet-pytorch")
    init = next(f for f in dist.files if str(f).endswith("facenet_pytorch/__init__.py"))
    folder = Path(dist.locate_file(init)).parent
    package = types.ModuleType("facenet_pytorch")
    package.__path__ = [str(folder)]
    sys.modules["facenet_pytorch"] = package
    mtcnn = importlib.import_module("facenet_pytorch.models.mtcnn")
    detect = importlib.import_module("facenet_pytorch.models.utils.detect_face")
    return mtcnn, detect


def run() -> None:
    out = common.parse_args(__doc__)
    started = time.time()
    mtcnn, _ = facenet_modules()
    info = common.source_info("facenet-pytorch", "MIT")
    print(f"MTCNN from {info['package']} {info['version']}", flush=True)
    nets = {
        "pnet": (mtcnn.PNet().eval(), (1, 3, 67, 91)),
        "rnet": (mtcnn.RNet().eval(), (5, 3, 24, 24)),
        "onet": (mtcnn.ONet().eval(), (5, 3, 48, 48)),
    }
    checks = {}
    ref = common.Reference(out, "mtcnn")
    gen = torch.Generator().manual_seed(99)
    files = []
    with torch.no_grad():
        for name, (net, shape) in nets.items():
            example = torch.rand(shape, generator=gen) * 2 - 1
            traced = torch.jit.trace(net, (example,))
            path = out / f"mtcnn_{name}.pt"
            common.save_torchscript(traced, path)
            files.append(path.name)
            loaded = torch.jit.load(str(path), map_location="cpu").eval()
            # Another size than the trace saw (batch, and for P-Net the image).
            other = (shape[0] + 2, 3, shape[2] + 30, shape[3] + 17) if name == "pnet" else (shape[0] + 2, *shape[1:])
            for label, x in (("trace input", example), ("other size", torch.rand(other, generator=gen) * 2 - 1)):
                got, want = loaded(x), net(x)
                diff = max(common.max_abs_diff(g, w) for g, w in zip(got, want))
                checks[f"{name}_{label.replace(' ', '_')}"] = common.check(f"{name}, {label}", diff, 1e-5)
            ref.add(f"{name}_input", example)
            for i, value in enumerate(net(example)):
                ref.add(f"{name}_output{i}", value)

        # facenet-pytorch's whole detector on real frames, for the Rust pipeline.
        detector = mtcnn.MTCNN(
            min_face_size=MIN_FACE, thresholds=THRESHOLDS, factor=FACTOR,
            select_largest=False, keep_all=True, device="cpu",
        ).eval()
        width, height = common.frame_size("carphone.mp4")
        all_frames = common.decode_frames("carphone.mp4", width, height)
        for index in CARPHONE_FRAMES:
            frame = all_frames[index]
            boxes, probs, points = detector.detect(frame, landmarks=True)
            if boxes is None:
                raise common.ExportCheckFailed(f"facenet-pytorch found no face in carphone.mp4 frame {index}")
            boxes, probs, points = (np.array(np.asarray(v).tolist(), dtype=np.float32) for v in (boxes, probs, points))
            detections = torch.cat(
                [torch.from_numpy(boxes), torch.from_numpy(probs)[:, None],
                 torch.from_numpy(points).reshape(-1, 10)], dim=1)
            print(f"  carphone.mp4 frame {index}: {len(boxes)} face(s), "
                  f"first box {[round(float(v), 1) for v in boxes[0]]} p={float(probs[0]):.3f}", flush=True)
            ref.add(f"carphone{index}_frame", torch.from_numpy(frame))
            ref.add(f"carphone{index}_detections", detections)
    ref.extra["min_face"] = MIN_FACE
    ref.extra["thresholds"] = THRESHOLDS
    ref.extra["factor"] = FACTOR
    ref.extra["carphone_frames"] = CARPHONE_FRAMES
    ref.extra["note"] = (
        "<net>_input/_outputN: one forward pass of facenet-pytorch's nets; "
        "carphone<i>_frame: [H,W,3] u8 RGB; carphone<i>_detections: [faces, 15] = "
        "x0,y0,x1,y1 (pixels), probability, then 5 landmarks as x,y pairs "
        "(left eye, right eye, nose, mouth left, mouth right), from facenet-pytorch's MTCNN.detect"
    )
    ref.write()
    common.write_source(out, "mtcnn", info, files, checks, started)


if __name__ == "__main__":
    common.main_guard(run)
