//! Binaries and tests of this crate find libtorch through RUNPATH (torch-sys,
//! `links = "tch"`, exports the folder it linked against), never LD_LIBRARY_PATH.
fn main() {
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
