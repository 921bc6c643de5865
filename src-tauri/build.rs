//! Generates the Tauri context (config, capabilities, embedded front end) at compile time.

fn main() {
    tauri_build::build()
}
