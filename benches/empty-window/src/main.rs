//! The baseline for `make bench-window`: an empty Tauri 2 window with the same Tauri, WebKitGTK
//! and build profile as Attune's. It reports when its page is painted, as Attune's first screen
//! does, so the two start-up times and memory figures are measured alike.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;
use std::time::Instant;

struct Started(Instant);

#[tauri::command]
fn first_screen_shown(started: tauri::State<'_, Started>) {
    eprintln!(
        "attune-desktop: first screen shown after {} ms",
        started.0.elapsed().as_millis()
    );
}

fn main() -> ExitCode {
    // Tauri's generated context calls `process::exit` on its own start-up failures.
    #[allow(clippy::disallowed_methods)]
    let app = tauri::Builder::default()
        .manage(Started(Instant::now()))
        .invoke_handler(tauri::generate_handler![first_screen_shown])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(|_, _| {});
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("the empty window could not open: {e}");
            ExitCode::FAILURE
        }
    }
}
