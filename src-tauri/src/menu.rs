//! The window's menu. Its items only tell the page what was chosen (a `menu` event carrying the
//! item's id); the page runs the same flow as its own buttons, with the system's file dialogs.

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

/// Ids the page acts on (`ui/src/lib/menu.ts`).
pub const EXPORT: &str = "export-document";
pub const IMPORT: &str = "import-document";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let export = MenuItemBuilder::with_id(EXPORT, "Export all records…")
        .accelerator("CmdOrCtrl+Shift+E")
        .build(app)?;
    let import = MenuItemBuilder::with_id(IMPORT, "Import a document…")
        .accelerator("CmdOrCtrl+Shift+O")
        .build(app)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&export)
        .item(&import)
        .separator()
        .quit()
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
    MenuBuilder::new(app).item(&file).item(&edit).build()
}

pub fn forward<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    if id == EXPORT || id == IMPORT {
        let _ = app.emit("menu", id);
    }
}
