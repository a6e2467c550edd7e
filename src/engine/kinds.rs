//! The game that one kind of resolution plays at one meeting: who is a player with how many
//! votes, which votes are committed for or against, which leave the game, and the quota.
//!
//! It sits above the rules: [`super::votes`] decides which votes exist (treasury, suppression,
//! caps); here each holder's behaviour on the kind decides how they count.
//! - `Free`: a player with its votes in play.
//! - `Neutral`: its votes leave the game ("mirror" votes that split like the others).
//! - `Follows(L)`: its votes in play add to L's weight. A cap on L limits L's own shares, not
//!   the votes that follow it. Chains are followed to the end (A follows B who follows C: A's
//!   votes are C's); if L is neutral, committed or itself in a cycle, so are the followers'
//!   votes, and a cycle leaves each member free (with a note).
//! - `For`, `Against`: committed yes or no; they stay in the total the quota is taken of.
//!
//! A resolution passes when the yes votes (committed and chosen) meet the quota of the total
//! in play: players' weights + the float's votes cast + committed votes.

use std::collections::BTreeMap;

use super::votes::{IssuerVotes, VoteStatus};
use crate::model::kinds::{BehaviourKey, lookup};
use crate::model::{Behaviour, Quota, ResolutionKind};

/// How one holder's votes count on a kind of resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counted {
    /// A player: `weight` votes of its own and of its followers.
    Player,
    /// Its votes add to this holder's (the leader at the end of the chain).
    WithLeader(String),
    /// Committed yes.
    For,
    /// Committed no.
    Against,
    /// Out of the game.
    Neutral,
}

/// One holder on one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderPlay {
    /// The behaviour in force (as set, or the default: neutral for a trust while the trust
    /// rule is on, else free).
    pub behaviour: Behaviour,
    /// How its votes count once chains of followers are resolved.
    pub counted: Counted,
    /// Its own votes in play under that behaviour (zero when neutral or switched off).
    pub votes: u64,
    /// As a player, its votes plus those that follow it; zero for a non-player.
    pub weight: u64,
}

/// The game of one kind of resolution at one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct KindGame {
    /// The kind's id.
    pub kind: String,
    /// The quota, of [`KindGame::total`].
    pub quota: Quota,
    /// Aligned with [`IssuerVotes::holders`].
    pub holders: Vec<HolderPlay>,
    /// The float's votes cast.
    pub float_votes_cast: u64,
    /// Votes committed yes.
    pub committed_for: u64,
    /// Votes committed no.
    pub committed_against: u64,
    /// All votes in play: players' weights, the float's votes cast and the committed votes.
    pub total: u64,
    /// What a reader should know (a cycle of followers, a leader with no shares here).
    pub notes: Vec<String>,
}

/// Whether the outcome is fixed whatever the players and the float do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// The committed yes votes meet the quota alone.
    Passes,
    /// Even every player and the whole float voting yes cannot meet it.
    Fails,
}

impl KindGame {
    /// The players, as (index into the holders, weight), weight > 0.
    pub fn players(&self) -> Vec<(usize, u64)> {
        self.holders
            .iter()
            .enumerate()
            .filter(|(_, h)| h.counted == Counted::Player && h.weight > 0)
            .map(|(k, h)| (k, h.weight))
            .collect()
    }

    /// Whether `yes` votes from players and the float (committed yes votes are added here)
    /// meet the quota, exactly.
    pub fn passes(&self, yes: u128) -> bool {
        self.quota.passes(yes + u128::from(self.committed_for), u128::from(self.total))
    }

    /// The outcome when the committed votes decide it alone.
    pub fn decided(&self) -> Option<Decided> {
        let free = self.total - self.committed_for - self.committed_against;
        if self.passes(0) {
            Some(Decided::Passes)
        } else if !self.passes(u128::from(free)) {
            Some(Decided::Fails)
        } else {
            None
        }
    }

    /// The quota as a fraction of the players' and the float's votes together (committed votes
    /// folded in), read by the kind's rule: the same game on the free votes alone. `None` when
    /// [`KindGame::decided`] is.
    pub fn free_quota(&self) -> Option<Quota> {
        if self.decided().is_some() {
            return None;
        }
        let f = self.quota.fraction();
        let free = u128::from(self.total - self.committed_for - self.committed_against);
        // yes + For ≥ q·T  ⇔  yes ≥ (n·T − d·For) / (d·free).
        let numer =
            u128::from(f.numer()) * u128::from(self.total) - u128::from(f.denom()) * u128::from(self.committed_for);
        let denom = u128::from(f.denom()) * free;
        let g = gcd(numer, denom).max(1);
        let (numer, denom) = (numer / g, denom / g);
        Quota::new(u64::try_from(numer).ok()?, u64::try_from(denom).ok()?, self.quota.rule())
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The behaviour of holder `k` on `kind`: the setting in force, or the default.
fn behaviour_of(v: &IssuerVotes, settings: &BTreeMap<BehaviourKey, Behaviour>, holder: &str, kind: &str) -> Behaviour {
    if let Some(b) = lookup(settings, holder, &v.issuer, kind) {
        return b.clone();
    }
    match v.holder(holder) {
        Some(h) if h.status == VoteStatus::Neutral => Behaviour::Neutral,
        _ => Behaviour::Free,
    }
}

/// Where a holder's votes end up after following its chain of leaders.
enum End {
    Leader(String),
    Fixed(Behaviour),
    Cycle,
}

fn follow(v: &IssuerVotes, settings: &BTreeMap<BehaviourKey, Behaviour>, start: &str, kind: &str) -> End {
    let mut seen = vec![start.to_string()];
    let mut current = behaviour_of(v, settings, start, kind);
    while let Behaviour::Follows(leader) = current {
        if seen.contains(&leader) {
            return End::Cycle;
        }
        let next = behaviour_of(v, settings, &leader, kind);
        seen.push(leader.clone());
        if !matches!(next, Behaviour::Follows(_)) {
            return match next {
                Behaviour::Free => End::Leader(leader),
                other => End::Fixed(other),
            };
        }
        current = next;
    }
    End::Fixed(current)
}

/// The game of `kind` at the meeting whose votes are `v`, with the behaviours in force.
pub fn kind_game(v: &IssuerVotes, settings: &BTreeMap<BehaviourKey, Behaviour>, kind: &ResolutionKind) -> KindGame {
    let mut notes = Vec::new();
    let mut holders: Vec<HolderPlay> = v
        .holders
        .iter()
        .map(|h| {
            let behaviour = behaviour_of(v, settings, &h.holder, &kind.id);
            let counted = match follow(v, settings, &h.holder, &kind.id) {
                End::Fixed(Behaviour::Free) => Counted::Player,
                End::Fixed(Behaviour::For) => Counted::For,
                End::Fixed(Behaviour::Against) => Counted::Against,
                End::Fixed(_) => Counted::Neutral,
                End::Leader(l) if v.holder(&l).is_some() => Counted::WithLeader(l),
                End::Leader(l) => {
                    notes.push(format!(
                        "{} follows {l} on {} resolutions, but {l} holds no shares at {}: its votes are counted \
                        as its own",
                        h.holder, kind.id, v.issuer
                    ));
                    Counted::Player
                }
                End::Cycle => {
                    notes.push(format!(
                        "{} is in a cycle of holders following each other on {} resolutions at {}: its votes \
                        are counted as its own",
                        h.holder, kind.id, v.issuer
                    ));
                    Counted::Player
                }
            };
            let votes = if counted == Counted::Neutral { 0 } else { h.available_votes };
            HolderPlay { behaviour, weight: if counted == Counted::Player { votes } else { 0 }, counted, votes }
        })
        .collect();
    let mut followed: BTreeMap<usize, u64> = BTreeMap::new();
    for h in &holders {
        if let Counted::WithLeader(l) = &h.counted
            && let Some(k) = v.holders.iter().position(|x| x.holder == *l)
        {
            *followed.entry(k).or_default() += h.votes;
        }
    }
    for (k, extra) in followed {
        holders[k].weight += extra;
    }
    let sum = |c: &Counted| holders.iter().filter(|h| h.counted == *c).map(|h| h.votes).sum::<u64>();
    let committed_for = sum(&Counted::For);
    let committed_against = sum(&Counted::Against);
    let players: u64 = holders.iter().map(|h| h.weight).sum();
    KindGame {
        kind: kind.id.clone(),
        quota: kind.quota,
        total: players + v.float_votes_cast + committed_for + committed_against,
        holders,
        float_votes_cast: v.float_votes_cast,
        committed_for,
        committed_against,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::analysis::power_set;
    use crate::engine::votes::HolderVotes;
    use crate::model::{FloatModel, Fraction};

    /// A meeting of `issuer` "x" whose holders have these votes in play (a trust's are neutral).
    fn meeting(holders: &[(&str, u64, bool)], float_cast: u64) -> IssuerVotes {
        let holders: Vec<HolderVotes> = holders
            .iter()
            .map(|&(id, v, trust)| HolderVotes {
                holder: id.into(),
                shares: v,
                double_voting: 0,
                theoretical_votes: v,
                exercisable_votes: v,
                available_votes: v,
                game_votes: if trust { 0 } else { v },
                status: if trust { VoteStatus::Neutral } else { VoteStatus::Full },
                rule: None,
            })
            .collect();
        let sum: u64 = holders.iter().map(|h| h.exercisable_votes).sum();
        let game: u64 = holders.iter().map(|h| h.game_votes).sum();
        IssuerVotes {
            issuer: "x".into(),
            issued_shares: sum + float_cast,
            treasury_shares: 0,
            float_shares: float_cast,
            float_votes: float_cast,
            float_votes_cast: float_cast,
            theoretical_votes: sum + float_cast,
            exercisable_votes: sum + float_cast,
            votes_cast: sum + float_cast,
            game_total: game + float_cast,
            holders,
        }
    }

    fn kind(quota: Quota) -> ResolutionKind {
        ResolutionKind { id: "k".into(), name: "K".into(), short: None, quota, source: None }
    }

    fn half() -> Quota {
        Quota::MoreThan(Fraction::new(1, 2).unwrap_or(Fraction::ONE))
    }

    fn settings(list: &[(&str, Behaviour)]) -> BTreeMap<BehaviourKey, Behaviour> {
        list.iter().map(|(h, b)| ((h.to_string(), None, Some("k".to_string())), b.clone())).collect()
    }

    fn shapley(v: &IssuerVotes, g: &KindGame, model: FloatModel) -> Vec<f64> {
        power_set(v, g, model).holders.iter().map(|p| p.shapley_shubik).collect()
    }

    #[test]
    fn free_holders_are_players_and_a_trust_is_neutral_by_default() {
        let v = meeting(&[("a", 40, false), ("b", 35, false), ("t", 25, true)], 0);
        let g = kind_game(&v, &BTreeMap::new(), &kind(half()));
        assert_eq!(g.players(), vec![(0, 40), (1, 35)]);
        assert_eq!((g.total, g.committed_for, g.committed_against), (75, 0, 0));
        assert_eq!(g.holders[2].counted, Counted::Neutral);
        // 40 of 75 is more than half: a decides alone.
        assert!(g.passes(40) && !g.passes(35));
        assert_eq!(shapley(&v, &g, FloatModel::Ocean), vec![1.0, 0.0, 0.0]);
    }

    #[test]
    fn follows_adds_the_followers_votes_to_the_leader() {
        let v = meeting(&[("a", 40, false), ("b", 35, false), ("t", 25, true)], 0);
        let g = kind_game(&v, &settings(&[("t", Behaviour::Follows("b".into()))]), &kind(half()));
        assert_eq!(g.holders[2].counted, Counted::WithLeader("b".into()));
        assert_eq!(g.players(), vec![(0, 40), (1, 60)]);
        assert_eq!(g.total, 100);
        // 60 of 100: b now decides alone.
        assert!(g.passes(60) && !g.passes(50));
        assert_eq!(shapley(&v, &g, FloatModel::Ocean), vec![0.0, 1.0, 0.0]);
        assert_eq!(shapley(&v, &g, FloatModel::EqualHolders(10)), vec![0.0, 1.0, 0.0]);
    }

    #[test]
    fn chains_of_followers_end_at_the_last_leader_and_cycles_are_noted() {
        let v = meeting(&[("a", 10, false), ("b", 20, false), ("c", 30, false)], 40);
        let chain = settings(&[("a", Behaviour::Follows("b".into())), ("b", Behaviour::Follows("c".into()))]);
        let g = kind_game(&v, &chain, &kind(half()));
        assert_eq!(g.players(), vec![(2, 60)]);
        assert_eq!(g.total, 100);
        let cycle = settings(&[("a", Behaviour::Follows("b".into())), ("b", Behaviour::Follows("a".into()))]);
        let g = kind_game(&v, &cycle, &kind(half()));
        assert_eq!(g.players(), vec![(0, 10), (1, 20), (2, 30)]);
        assert_eq!(g.notes.len(), 2);
        // A follower of a committed holder is committed with it.
        let g =
            kind_game(&v, &settings(&[("a", Behaviour::Follows("b".into())), ("b", Behaviour::For)]), &kind(half()));
        assert_eq!((g.committed_for, g.total), (30, 100));
    }

    #[test]
    fn committed_for_votes_count_as_yes_and_stay_in_the_total() {
        let v = meeting(&[("a", 40, false), ("b", 35, false), ("c", 25, false)], 0);
        let g = kind_game(&v, &settings(&[("c", Behaviour::For)]), &kind(half()));
        assert_eq!((g.total, g.committed_for), (100, 25));
        // yes + 25 > 50: a alone (65) or b alone (60) passes, nobody does not.
        assert!(g.passes(35) && g.passes(26) && !g.passes(25) && !g.passes(0));
        assert_eq!(g.free_quota(), Quota::new(1, 3, crate::model::kinds::QuotaRule::MoreThan));
        let ss = shapley(&v, &g, FloatModel::EqualHolders(1));
        assert!((ss[0] - 0.5).abs() < 1e-12 && (ss[1] - 0.5).abs() < 1e-12 && ss[2] == 0.0, "{ss:?}");
    }

    #[test]
    fn committed_against_votes_count_as_no_and_stay_in_the_total() {
        let v = meeting(&[("a", 40, false), ("b", 35, false), ("c", 25, false)], 0);
        let g = kind_game(&v, &settings(&[("c", Behaviour::Against)]), &kind(half()));
        assert_eq!((g.total, g.committed_against), (100, 25));
        // 75 yes at most: a and b are both needed (40 and 35 are not more than 50).
        assert!(g.passes(75) && !g.passes(50) && !g.passes(40));
        let ss = shapley(&v, &g, FloatModel::EqualHolders(1));
        assert!((ss[0] - 0.5).abs() < 1e-12 && (ss[1] - 0.5).abs() < 1e-12, "{ss:?}");
        // Neutral instead: the 25 votes leave the game and a decides alone.
        let g = kind_game(&v, &settings(&[("c", Behaviour::Neutral)]), &kind(half()));
        assert_eq!(g.total, 75);
        assert_eq!(shapley(&v, &g, FloatModel::EqualHolders(1)), vec![1.0, 0.0, 0.0]);
    }

    #[test]
    fn committed_votes_that_decide_alone_leave_no_power() {
        let v = meeting(&[("a", 10, false), ("b", 60, false)], 30);
        let g = kind_game(&v, &settings(&[("b", Behaviour::For)]), &kind(half()));
        assert_eq!(g.decided(), Some(Decided::Passes));
        let p = power_set(&v, &g, FloatModel::Ocean);
        assert_eq!(p.decided, Some(Decided::Passes));
        assert!(p.holders.iter().all(|h| h.shapley_shubik == 0.0) && p.float.shapley_shubik == 0.0);
        let g = kind_game(&v, &settings(&[("b", Behaviour::Against)]), &kind(half()));
        assert_eq!(g.decided(), Some(Decided::Fails));
    }

    #[test]
    fn at_least_and_more_than_differ_exactly_on_the_boundary() {
        let v = meeting(&[("a", 200, false), ("b", 100, false)], 0);
        let least = Quota::AtLeast(Fraction::new(2, 3).unwrap_or(Fraction::ONE));
        let more = Quota::MoreThan(Fraction::new(2, 3).unwrap_or(Fraction::ONE));
        // 200 of 300 is exactly 2/3: enough "at least", not "more than".
        let g = kind_game(&v, &BTreeMap::new(), &kind(least));
        assert!(g.passes(200) && !g.passes(199));
        assert_eq!(shapley(&v, &g, FloatModel::Ocean), vec![1.0, 0.0]);
        // (The ocean path decides on the vote counts themselves; the finite path without a float
        // works in units of 1/10,000 and cannot see this boundary.)
        let g = kind_game(&v, &BTreeMap::new(), &kind(more));
        assert!(!g.passes(200) && g.passes(201));
        let ss = shapley(&v, &g, FloatModel::Ocean);
        assert!((ss[0] - 0.5).abs() < 1e-12 && (ss[1] - 0.5).abs() < 1e-12, "{ss:?}");
    }

    #[test]
    fn a_follower_of_a_holder_with_no_shares_here_counts_as_its_own_with_a_note() {
        let v = meeting(&[("a", 40, false), ("t", 25, true)], 35);
        let g = kind_game(&v, &settings(&[("t", Behaviour::Follows("z".into()))]), &kind(half()));
        assert_eq!(g.players(), vec![(0, 40), (1, 25)]);
        assert_eq!(g.notes.len(), 1);
    }
}
