//! The desktop app.
/// Runs the app.
pub fn run(_file: Option<std::path::PathBuf>, _present: bool) -> anyhow::Result<()> { Ok(()) }
