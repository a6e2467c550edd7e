//! Findings that hold on several kinds of resolution, grouped: one line per situation (the kind
//! of finding, the holder and the issuer), naming the kinds of resolution it holds on in words
//! ("on all resolutions", "on ordinary and special resolutions", "on all but special
//! resolutions") instead of one near-identical line per kind.

use super::finding::{Finding, FindingKind};
use crate::model::{Names, ResolutionKind, Scenario};

/// One observation on one kind of resolution, before grouping.
#[derive(Debug, Clone)]
pub(crate) struct OnKind {
    /// The kind of finding.
    pub kind: FindingKind,
    /// The holder concerned, if any.
    pub holder: Option<String>,
    /// The issuer concerned, if any.
    pub issuer: Option<String>,
    /// The sentence's start, the same on every kind ("Nissan has a blocking minority at
    /// Mitsubishi Motors").
    pub head: String,
    /// What holds on this kind, without naming it; kinds with the same body share a phrase.
    pub body: String,
    /// The resolution kind's id.
    pub resolution: String,
    /// Said once after every kind's part (the first observation's), such as what an index
    /// assumes; empty for none.
    pub tail: String,
}

/// One finding per (kind of finding, holder, issuer), in the order of their first observation:
/// `{head} {kinds}: {body}{tail}`, with one `{kinds}: {body}` part per distinct body.
pub(crate) fn grouped(s: &Scenario, items: Vec<OnKind>) -> Vec<Finding> {
    let kinds = s.resolution_kinds();
    let order = |id: &str| kinds.iter().position(|k| k.id == id).unwrap_or(usize::MAX);
    // (kind, holder, issuer) → head and tail, and the bodies with the resolution kinds of each.
    type Key = (FindingKind, Option<String>, Option<String>);
    type Bodies = Vec<(String, Vec<String>)>;
    let mut groups: Vec<(Key, (String, String), Bodies)> = Vec::new();
    for item in items {
        let key = (item.kind, item.holder, item.issuer);
        let at = match groups.iter().position(|g| g.0 == key) {
            Some(at) => at,
            None => {
                groups.push((key, (item.head, item.tail), Vec::new()));
                groups.len() - 1
            }
        };
        let bodies = &mut groups[at].2;
        match bodies.iter_mut().find(|b| b.0 == item.body) {
            Some(b) if !b.1.contains(&item.resolution) => b.1.push(item.resolution),
            Some(_) => {}
            None => bodies.push((item.body, vec![item.resolution])),
        }
    }
    let words = Words::of(s, &kinds);
    groups
        .into_iter()
        .map(|((kind, holder, issuer), (head, tail), mut bodies)| {
            for b in &mut bodies {
                b.1.sort_by_key(|id| order(id));
            }
            bodies.sort_by_key(|b| b.1.first().map_or(usize::MAX, |id| order(id)));
            let parts: Vec<String> =
                bodies.iter().map(|(body, ids)| format!("{}: {body}", words.phrase(ids))).collect();
            let mut all: Vec<String> = bodies.into_iter().flat_map(|b| b.1).collect();
            all.sort_by_key(|id| order(id));
            Finding { kind, holder, issuer, kinds: all, detail: format!("{head} {}{tail}", parts.join("; ")) }
        })
        .collect()
}

/// The kinds of resolution of a scenario in words.
struct Words<'a> {
    kinds: &'a [ResolutionKind],
    /// The scenario's names for people, which say a kind's name mid-sentence.
    names: Names,
}

impl<'a> Words<'a> {
    fn of(s: &Scenario, kinds: &'a [ResolutionKind]) -> Words<'a> {
        Words { kinds, names: s.names() }
    }

    /// A kind's name as it reads mid-sentence.
    fn name(&self, id: &str) -> String {
        self.names.kind_in_text(id)
    }

    /// "on all resolutions", "on ordinary and special resolutions", "on all but special
    /// resolutions", "on ordinary resolutions and election of a Renault-nominated Nissan
    /// director".
    fn phrase(&self, ids: &[String]) -> String {
        if self.kinds.iter().all(|k| ids.contains(&k.id)) {
            return "on all resolutions".into();
        }
        let rest: Vec<String> = self.kinds.iter().filter(|k| !ids.contains(&k.id)).map(|k| k.id.clone()).collect();
        if ids.len() >= 3 && rest.len() < ids.len() {
            let (list, single) = self.list(&rest);
            return if single {
                format!("on all but {list} resolutions")
            } else {
                format!("on all resolutions but {list}")
            };
        }
        let (list, single) = self.list(ids);
        if single { format!("on {list} resolutions") } else { format!("on {list}") }
    }

    /// The kinds' names joined ("a, b and c"), and whether each is a single word (then they
    /// read as adjectives of "resolutions"). Where some are not, single words get their noun.
    fn list(&self, ids: &[String]) -> (String, bool) {
        let names: Vec<String> = ids.iter().map(|id| self.name(id)).collect();
        let single = names.iter().all(|n| !n.contains(char::is_whitespace));
        let names: Vec<String> = if single {
            names
        } else {
            names
                .into_iter()
                .map(|n| if n.contains(char::is_whitespace) { n } else { format!("{n} resolutions") })
                .collect()
        };
        (join(&names), single)
    }
}

/// "a", "a and b", "a, b and c".
pub(crate) fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"))
    }

    fn on(resolution: &str, body: &str) -> OnKind {
        OnKind {
            kind: FindingKind::BlockingMinority,
            holder: Some("nissan".into()),
            issuer: Some("mitsubishi".into()),
            head: "Nissan has a blocking minority at Mitsubishi Motors".into(),
            body: body.into(),
            resolution: resolution.into(),
            tail: String::new(),
        }
    }

    #[test]
    fn kinds_with_the_same_body_share_one_line_and_are_named_in_words() {
        let s = scenario();
        let ids: Vec<String> = s.resolution_kinds().iter().map(|k| k.id.clone()).collect();
        let all = grouped(&s, ids.iter().map(|id| on(id, "41% of the votes in play")).collect());
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].kinds, ids);
        assert_eq!(
            all[0].detail,
            "Nissan has a blocking minority at Mitsubishi Motors on all resolutions: 41% of the votes in play"
        );
        let two = grouped(&s, vec![on("special", "x"), on("ordinary", "x")]);
        assert_eq!(two[0].kinds, vec!["ordinary".to_string(), "special".into()]);
        assert!(two[0].detail.ends_with(" on ordinary and special resolutions: x"), "{}", two[0].detail);
        let but = grouped(&s, ids.iter().filter(|id| *id != "special").map(|id| on(id, "x")).collect());
        assert!(but[0].detail.ends_with(" on all but special resolutions: x"), "{}", but[0].detail);
    }

    #[test]
    fn different_bodies_stay_in_one_line_each_with_its_kinds() {
        let s = scenario();
        let found =
            grouped(&s, vec![on("ordinary", "41%"), on("director_renault_nominee", "45%"), on("special", "41%")]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].detail,
            "Nissan has a blocking minority at Mitsubishi Motors on ordinary and special resolutions: 41%; \
             on election of a Renault-nominated Nissan director: 45%"
        );
    }
}
