//! Votes at every issuer's meeting on one date, with the rules applied to a fixed point.
//!
//! 1. Theoretical votes: shares × votes per share, treasury included (AMF convention).
//! 2. Exercisable votes: minus treasury and the votes the law switches off (French control
//!    suppression, Japanese mutual quarter).
//! 3. Votes in the game: exercisable votes minus those made neutral (a trust, the excess over
//!    a cap). Neutral votes are "mirror" votes: they count for the quorum and split like the
//!    others, which is the same as leaving the game.
//! 4. Votes cast: blockholders attend with their exercisable votes; the float with its
//!    exercisable votes × turnout (rounded to the nearest vote).
//!
//! Rules depend on votes and votes on rules, so the switched-off votes and the caps are
//! iterated from "everything active" until a state repeats. Every step is computed from the
//! previous state as a whole, over maps keyed by id, so the result does not depend on the
//! order of anything in the file. A state that repeats after more than one step is a cycle,
//! reported as a finding.
//!
//! Files: `results.rs` (the votes as read elsewhere), `register.rs` (the register indexed once
//! per date), `rules.rs` (the rules and their fixed point), `cap_limits.rs` (the arithmetic of
//! caps read after the cap).

mod cap_limits;
mod register;
mod results;
mod rules;

pub use results::{HolderVotes, IssuerVotes, RuleOutcome, VoteStatus};
pub use rules::votes_on;
