//! Build script: for release builds of the page's wasm (`article-annotator` on wasm32), asks
//! the linker for a link map (`article-annotator.map` in this build script's `OUT_DIR`), which
//! `scripts/split-data.mjs` reads to move the constant data that only the second part of the
//! page's wasm uses out of first paint (`scripts/split.sh`), and tells it not to merge
//! constant strings (`-O0`, which for the linker means only that: the code is optimised by
//! rustc before it links). Merged, every string of the program was one piece of data the
//! map could not divide, so all of it stayed in first paint, whichever part used it; apart,
//! each string is a piece of its own, and those only the second part uses go with it (about
//! 7 KB, 0.9 KB gzipped of first paint). Nothing else changes.

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let release = env::var("PROFILE").as_deref() == Ok("release");
    let Some(out) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        return;
    };
    // OUT_DIR is <target>/<triple>/<profile>/build/<package>-<hash>/out, one for each set of
    // features: a build with other features (`measures`) links a module of its own, and
    // switching back reuses the module linked before without linking again, so its map
    // must be where that link left it, not in one place every link writes.
    if wasm && release {
        let map = out.join("article-annotator.map");
        println!(
            "cargo:rustc-link-arg-bin=article-annotator=--Map={}",
            map.display()
        );
        println!("cargo:rustc-link-arg-bin=article-annotator=-O0");
    }
}
