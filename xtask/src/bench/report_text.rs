//! The "what limits us" section: the run's numbers turned into a CPU-time
//! budget per frame, next to what the code does about each part.

use super::report::Report;
use serde_json::Value;
use std::fmt::Write;

fn fps(v: &Value) -> Option<f64> {
    v.get("fps").and_then(Value::as_f64).filter(|x| *x > 0.0)
}

/// Appends the section.
pub fn limits(m: &mut String, r: &Report) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let per_frame = |v: &Value| fps(v).map(|x| cores * 1000.0 / x);
    let ms = |x: Option<f64>| x.map_or("n/a".into(), |x| format!("{x:.0} ms"));
    let decode = r.decode.first().map_or(&Value::Null, |(_, v)| v);
    let _ = writeln!(m, "\n## What limits us\n");
    let _ = writeln!(
        m,
        "On {cores:.0} cores, 50 frames/s leaves {:.0} ms of core time per frame for everything. \
         Upper bounds from this run (cores x wall time per frame, as if each part had the \
         machine alone):\n",
        cores * 1000.0 / 50.0
    );
    let _ = writeln!(m, "| part | core time per 1080p frame |\n| --- | --- |");
    let _ = writeln!(
        m,
        "| FFmpeg H.264 decode (`-f null`) | {} |",
        ms(per_frame(decode))
    );
    let _ = writeln!(
        m,
        "| TransNetV2 on FFmpeg's 48x27 frames (Rust, decode included) | {} |",
        ms(per_frame(&r.cuts_rust))
    );
    let _ = writeln!(
        m,
        "| signals of one frame (render case, 1080p float RGBA, 1 thread) | {} |",
        ms(r.render.get("ms_mean").and_then(Value::as_f64))
    );
    let _ = writeln!(
        m,
        "| full analysis without faces (end to end) | {} |",
        ms(per_frame(&r.analyze))
    );
    let _ = writeln!(
        m,
        "\n* **TransNetV2 runs every frame twice.** Its windows are 100 frames, 50 apart, and \
         only the middle 50 of each are kept: the scheme the network was trained and published \
         with. We keep it, so our probabilities equal upstream `predict_frames` to 1e-4 \
         (tested), at the price of two network passes per frame. Its 3-D convolutions are \
         ~75% of its time (libtorch profiler; oneDNN kernels). `torch.jit.freeze` and `optimize_for_inference` at export gave no gain within this machine's noise (3.7-4.2 s per window for all three under load), so the export is unchanged.\n\
         * **What we changed.** The engine now streams the model's own windows as frames \
         arrive (no 1000-frame chunks with 50 extra frames of context on each side, which \
         ran ~10% more windows than needed and differed from upstream at chunk edges), runs \
         them on a worker thread so the model overlaps FFmpeg and the per-frame signals, and \
         on the CPU feeds one window per forward pass (batches were slower per window: 0.9 s alone vs. 1.2-1.4 s in batches of 5, from Rust and Python alike; a window's activations already exceed the caches). A shot-only pass \
         (`Engine::shot_pass`) lets FFmpeg scale to 48x27 while decoding, as upstream's \
         `predict_video` does, instead of piping full 1080p RGB.\n\
         * **Threads.** libtorch's default gives every stream one OpenMP thread per core; \
         with the model worker, the per-frame path and FFmpeg running at once, every operator \
         then waits at its barrier for a preempted team member. On this 2-core machine under load that made a 640x272 analysis up to 4x slower (3.6 vs 14.8 frames/s in one run; this run's numbers are in the threads table). The TransNetV2-only pass, with only FFmpeg beside it, can gain from 2 threads (same table). The engine's \
         default is now half the cores per stream (1 here); `EngineOptions::threads` still \
         overrides it.\n\
         * **Signals inside Render.** Per 1080p float RGBA frame the engine copies the \
         host's 32 MiB into a tensor (perf: ~10% of the time goes to the kernel faulting in \
         and zeroing fresh pages for such per-frame buffers), reduces it to luma with a \
         matrix-vector product, measures noise on a 960x540 grid and resizes the luma to \
         512 px with an antialiased filter before focus, exposure and phase-correlation \
         motion (perf: copy, page faults, the product and the resize lead). Reading luma \
         straight from the host's bytes in a Rust loop was tried and was not faster here \
         (65 vs. 55 ms), so it was dropped. Two intra-op threads are far slower than one on \
         this busy machine (see the table above).\n\
         * **Decode.** FFmpeg alone is the floor for any file-based tool; the engine reads \
         its frames as RGB24 on a reader thread (bounded queue of 4), so decoding overlaps \
         analysis, and the RGB conversion costs what the `rgb24` decode line shows.\n\
         * **Faces.** MTCNN (a 3-stage cascade over an image pyramid) and the iris model run \
         on the per-frame path; `fast` quality halves their cost by looking every 2nd frame \
         at up to 640 px.\n\
         * **Noise.** Other engineers were building on this machine during the run \
         (load average above): the same case moved by up to 2x between runs this session \
         (render signals 55-124 ms mean), so read single numbers as +-30% at least; ratios \
         measured back to back (Rust vs. Python, threads) are the steadier part.\n\
         * **CUDA.** No GPU on this machine: every number here is CPU. On CUDA the model \
         batches up to 8 ready windows per pass."
    );
}
