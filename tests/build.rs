//! Builds the test host's C shim (the parameter suite's C-variadic entry points,
//! which stable Rust cannot define) and sets the RUNPATH to libtorch.
fn main() {
    println!("cargo:rerun-if-changed=src/host/suites/varargs.c");
    cc::Build::new()
        .file("src/host/suites/varargs.c")
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .compile("circletake_test_host_varargs");
    // Test binaries find libtorch through RUNPATH (torch-sys, `links = "tch"`,
    // exports the folder it linked against), never LD_LIBRARY_PATH.
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
