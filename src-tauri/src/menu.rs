//! The window's menu. Its items only tell the page what was chosen (a `menu` event carrying the
//! item's id); the page runs the same flow as its own buttons, with the system's file dialogs.

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// Ids the page acts on (`ui/src/lib/menu.ts`).
pub const EXPORT: &str = "export-document";
pub const IMPORT: &str = "import-document";
pub const SHORTCUTS: &str = "help-shortcuts";
pub const ABOUT: &str = "help-about";
/// Quit: handled here, not by the page.
const QUIT: &str = "quit";
/// What the page acts on, for [`forward`].
const FORWARDED: [&str; 4] = [EXPORT, IMPORT, SHORTCUTS, ABOUT];

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let export = MenuItemBuilder::with_id(EXPORT, "Export all records…")
        .accelerator("CmdOrCtrl+Shift+E")
        .build(app)?;
    let import = MenuItemBuilder::with_id(IMPORT, "Import a document…")
        .accelerator("CmdOrCtrl+Shift+O")
        .build(app)?;
    // Her own Quit (not the predefined one): it saves the window's size and place and locks
    // the vault before the process ends, whatever the platform's quit would do.
    let quit = MenuItemBuilder::with_id(QUIT, "Quit")
        .accelerator("CmdOrCtrl+Q")
        .build(app)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&export)
        .item(&import)
        .separator()
        .item(&quit)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let shortcuts = MenuItemBuilder::with_id(SHORTCUTS, "Keyboard shortcuts")
        .accelerator("F1")
        .build(app)?;
    let about = MenuItemBuilder::with_id(ABOUT, "About Attune").build(app)?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&shortcuts)
        .item(&about)
        .build()?;
    MenuBuilder::new(app)
        .item(&file)
        .item(&edit)
        .item(&help)
        .build()
}

/// Brings the main window to the front (a second launch of Attune lands here); false when
/// there is none (the window is closing).
pub fn focus_main<R: Runtime>(app: &AppHandle<R>) -> bool {
    let Some(window) = app.get_webview_window("main") else {
        return false;
    };
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
    true
}

pub fn forward<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    if FORWARDED.contains(&id) {
        let _ = app.emit("menu", id);
    } else if id == QUIT {
        quit(app);
    }
}

/// Saves the window state, locks the vault (its key zeroized) and ends.
fn quit<R: Runtime>(app: &AppHandle<R>) {
    use tauri_plugin_window_state::{AppHandleExt, StateFlags};
    if let Err(e) = app.save_window_state(StateFlags::all()) {
        eprintln!("attune-desktop: the window's size and place were not saved: {e}");
    }
    let _ = app.state::<crate::state::AppState>().close();
    app.exit(0);
}
