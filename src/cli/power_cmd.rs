pub fn run(_a: &PowerArgs) -> anyhow::Result<std::process::ExitCode> { Ok(std::process::ExitCode::SUCCESS) }
#[derive(Debug, clap::Args)] pub struct PowerArgs {}
