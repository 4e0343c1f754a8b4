//! The plugin (and the C ABI's test programs linked to it) find libtorch
//! through RUNPATH (torch-sys exports its folder); `cargo xtask bundle`
//! replaces it with `$ORIGIN/lib` in the bundle.
fn main() {
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
