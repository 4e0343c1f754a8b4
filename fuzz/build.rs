//! The fuzz target finds libtorch through RUNPATH like every other binary of
//! the project (torch-sys exports the folder it linked against).
fn main() {
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
