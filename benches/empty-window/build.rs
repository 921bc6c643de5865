//! Generates the Tauri context of the empty window.

fn main() {
    tauri_build::build()
}
