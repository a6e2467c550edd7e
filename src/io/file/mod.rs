//! Scenario files: loading and saving (RON, with migration of older versions), the
//! comment-keeping canonical layout, the safe writer every write goes through, saved
//! versions, recovery files (the app's autosaves), the size limits of what is read, and the
//! scenario embedded in the binary.

pub mod embedded;
pub mod layout;
pub mod limits;
pub mod migrate;
pub mod recovery;
pub mod safe_write;
pub mod scenario_file;
pub mod stable_hash;
#[cfg(test)]
mod tests;
pub mod versions;
