//! The TypeScript types in `ui/` are generated from the Rust types; this fails when they are
//! stale. `ATTUNE_BLESS=1 cargo test --test bindings` regenerates them.

mod common;

#[test]
fn typescript_bindings_are_fresh() {
    let path = common::repo().join(attune::bindings::BINDINGS_PATH);
    let generated = attune::bindings::typescript();
    if std::env::var_os("ATTUNE_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `ATTUNE_BLESS=1 cargo test --test bindings` and commit it",
        path.display()
    );
}
