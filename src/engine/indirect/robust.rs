//! Where an atomic player's vote alone settles a resolution whatever the others do, as the
//! floats' yes-fraction moves: the test that keeps "decides" findings off knife edges.
//!
//! The indices take a company's votes at another meeting to follow its own meeting's majority.
//! They are cast by its board, which its meeting elects on the board's own slate, and which an
//! agreement can bind (a committed vote, set by a behaviour). A player can count on a company's
//! votes only where it controls that company **outright**: its own votes in play there, with
//! those of the companies it already controls outright, are more than half of the votes in play
//! whatever the float does (the least fixed point `O(u)`). Every other company's board is left
//! free, so the test assumes the worst for the player on each side:
//!
//! - with u: u's votes at j, the votes of the companies in `O(u)` and the committed votes, with
//!   every float voting yes with fraction t, meet j's quota;
//! - without u: every other player's votes and every company's votes outside `O(u)`, with the
//!   committed votes and the same floats, do not.
//!
//! u decides at j for the t at which both hold: an interval, since both sums only grow with t.
//! The finding needs it to cover [`ROBUST_BAND`] (or Shapley–Shubik above one half, read by
//! the findings).

use super::network::Network;
use super::time::{Level, Reach, Time, first_time};
use crate::model::Quota;

/// The band of float yes-fractions over which a player must decide for the finding to be
/// robust: every float voting yes with anywhere from 45% to 55% of its votes cast (as
/// numerator, denominator).
pub const ROBUST_BAND: [(i64, i64); 2] = [(9, 20), (11, 20)];

/// The float yes-fractions over which one player's vote alone settles the outcome at one
/// company, counting only the companies it controls outright (see the module).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecisiveRange {
    /// The lowest yes-fraction of the floats at which the player decides (the infimum).
    pub from: f64,
    /// The highest (the supremum).
    pub to: f64,
    /// Whether the range covers [`ROBUST_BAND`] (compared exactly).
    pub robust: bool,
    /// Whether the player needs the votes of companies it controls outright (a say through the
    /// network) rather than its own votes at the meeting alone.
    pub through_companies: bool,
}

/// One player at one company, on the reading of this module.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Outright {
    /// The votes in play there of the companies it controls outright.
    pub votes: u64,
    /// The range over which it alone decides there, if any.
    pub decisive: Option<DecisiveRange>,
}

/// For every company (in the network's order) and every atomic player, the votes it commands
/// there and the range over which it alone decides.
pub(super) fn decisive_ranges(net: &Network, quota: Quota) -> Vec<Vec<Outright>> {
    let (m, n) = (net.players.len(), net.companies.len());
    let mut out = vec![vec![Outright::default(); m]; n];
    let [lo, hi] = ROBUST_BAND.map(|(num, den)| Time::fraction(num, den));
    // At each company: every atomic player's votes together, and every company holder's.
    let players_total: Vec<u64> = net.player_votes.iter().map(|h| h.iter().map(|x| x.1).sum()).collect();
    let companies_total: Vec<u64> = net.company_holders.iter().map(|h| h.iter().map(|x| x.1).sum()).collect();
    for u in 0..m {
        let outright = outright_control(net, u);
        for (j, row) in out.iter_mut().enumerate() {
            let own = net.player_votes[j].iter().filter(|x| x.0 == u).map(|x| x.1).sum::<u64>();
            let held: u64 = net.company_holders[j].iter().filter(|x| outright[x.0]).map(|x| x.1).sum();
            let level = Level::quota(net.total[j], quota);
            let committed = net.committed[j];
            let with = first_time(committed + own + held, net.float[j], &[], level);
            let others = players_total[j] - own + companies_total[j] - held;
            let without = first_time(committed + others, net.float[j], &[], level);
            let decisive = range(with, without, lo, hi).map(|r| DecisiveRange { through_companies: held > 0, ..r });
            row[u] = Outright { votes: held, decisive };
        }
    }
    out
}

/// The companies player `u` controls outright: the least fixed point of "its votes in play
/// there and those of the companies already in the set are more than half of the votes in
/// play", with the float and every other holder against.
fn outright_control(net: &Network, u: usize) -> Vec<bool> {
    let n = net.companies.len();
    let mut sum = vec![0u64; n];
    let mut controlled = vec![false; n];
    // Votes to add, as (company, votes): the player's own first, then each newly controlled
    // company's.
    let mut pending: Vec<(usize, u64)> = net.player_holds[u].clone();
    while let Some((k, v)) = pending.pop() {
        sum[k] += v;
        if !controlled[k] && u128::from(sum[k]) * 2 > u128::from(net.total[k]) {
            controlled[k] = true;
            pending.extend_from_slice(&net.company_holds[k]);
        }
    }
    controlled
}

/// The range between the pass time with the player (`with`) and the pass time without it
/// (`without`), if it is not empty.
fn range(with: Reach, without: Reach, lo: Time, hi: Time) -> Option<DecisiveRange> {
    // Decides at t: `with` met at t and `without` not.
    let nonempty = with.time < without.time || (with.time == without.time && with.closed && !without.closed);
    nonempty.then(|| DecisiveRange {
        from: with.time.to_f64(),
        to: without.time.to_f64(),
        robust: with.met_at(lo) && !without.met_at(hi),
        through_companies: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::indirect::Meeting;
    use crate::engine::indirect::tests::meeting;

    fn network(meetings: &[Meeting]) -> Network {
        Network::new(meetings).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn sixty_percent_of_a_company_holding_sixty_percent_decides_at_every_split() {
        // X holds 60 of A's 100 votes; A holds 60 of B's 100: X controls A outright and
        // decides at A and at B whatever the floats do.
        let net = network(&[meeting("a", 40, &[("x", 60)]), meeting("b", 40, &[("a", 60)])]);
        let ranges = decisive_ranges(&net, Quota::MAJORITY);
        let expected = |through| Some(DecisiveRange { from: 0.0, to: 1.0, robust: true, through_companies: through });
        assert_eq!(ranges[0][0].decisive, expected(false));
        assert_eq!(ranges[1][0].decisive, expected(true));
        assert_eq!((ranges[0][0].votes, ranges[1][0].votes), (0, 60));
    }

    #[test]
    fn a_holder_tipping_a_company_it_does_not_control_outright_has_no_say_through_it() {
        // A: X 40, B 20, float 40; B: Y 30, A 30, float 40. X decides at A on its own votes:
        // 40 + 40t > 50 from t = 1/4, and B's 20 with the float fail until 20 + 40t > 50, t =
        // 3/4: (1/4, 3/4], robust. At B, X has no votes and controls no holder outright: the
        // meeting-majority indices give it a say through A, this test none.
        let a = meeting("a", 40, &[("x", 40), ("b", 20)]);
        let b = meeting("b", 40, &[("y", 30), ("a", 30)]);
        let ranges = decisive_ranges(&network(&[a, b]), Quota::MAJORITY);
        let x_at_a = DecisiveRange { from: 0.25, to: 0.75, robust: true, through_companies: false };
        assert_eq!((ranges[0][0].decisive, ranges[0][1].decisive), (Some(x_at_a), None));
        assert_eq!((ranges[1][0], ranges[1][1].decisive), (Outright::default(), None));
    }

    #[test]
    fn a_holder_deciding_only_near_an_even_split_is_not_robust() {
        // X 10 of 100, float 90: X + 90t > 50 from t = 4/9, the float alone from t = 5/9: X
        // decides over (4/9, 5/9], which holds [0.45, 0.55]. With X at 4 and a float of 96
        // the range is (23/48, 25/48], about 0.479 to 0.521: decisive at one half, not robust.
        let wide = decisive_ranges(&network(&[meeting("a", 90, &[("x", 10)])]), Quota::MAJORITY);
        assert!(wide[0][0].decisive.is_some_and(|r| r.robust));
        let narrow = decisive_ranges(&network(&[meeting("a", 96, &[("x", 4)])]), Quota::MAJORITY);
        let r = narrow[0][0].decisive.unwrap_or_else(|| panic!("x decides at one half"));
        assert!(!r.robust && r.from > 0.45 && r.to < 0.55, "{r:?}");
    }

    #[test]
    fn committed_votes_count_on_both_sides_and_a_bound_company_gives_no_say() {
        // B: A 60 committed yes (an agreement binds A's board), Y 10, float 30 of 100. Y's
        // 10 + 60 + 30t > 50 always, and 60 + 30t > 50 without Y too: Y never decides, and X,
        // who controls A outright, has no say at B through A's bound votes.
        let a = meeting("a", 40, &[("x", 60)]);
        let mut b = meeting("b", 30, &[("y", 10)]);
        b.total += 60;
        b.committed_for = 60;
        let ranges = decisive_ranges(&network(&[a, b]), Quota::MAJORITY);
        assert_eq!((ranges[1][0].decisive, ranges[1][1].decisive), (None, None));
        assert_eq!(ranges[1][0].votes, 0);
    }
}
