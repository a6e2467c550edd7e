//! The one place that names a scenario's ids for people: an entity by its `name` ("Public float"
//! for the market), a resolution kind by its `name` or `short`, a behaviour and a rule by their
//! labels with the entities they name. Reports, the app and exports read ids through it, so
//! that ids appear only in files, JSON keys and CSV key columns.

use std::collections::BTreeMap;

use super::{Behaviour, MARKET, ResolutionKind, RuleName, Scenario};

/// The names of a scenario's entities and kinds, indexed once (a report asks for a name per
/// row).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    entities: BTreeMap<String, String>,
    kinds: BTreeMap<String, ResolutionKind>,
}

impl Names {
    /// The names of `s`'s entities (the first of two with one id) and kinds.
    pub fn of(s: &Scenario) -> Self {
        let mut entities = BTreeMap::new();
        for e in &s.entities {
            entities.entry(e.id.clone()).or_insert_with(|| e.name.clone());
        }
        let kinds = s.resolution_kinds().into_iter().map(|k| (k.id.clone(), k)).collect();
        Names { entities, kinds }
    }

    /// An entity's name: "Public float" for `market`, the id itself when the scenario does not
    /// list it.
    pub fn entity<'a>(&'a self, id: &'a str) -> &'a str {
        if id == MARKET {
            return "Public float";
        }
        self.entities.get(id).map_or(id, String::as_str)
    }

    /// A resolution kind's name in the file ("Election of a Renault-nominated Nissan director"),
    /// or the id when the scenario does not define it.
    pub fn kind<'a>(&'a self, id: &'a str) -> &'a str {
        self.kinds.get(id).map_or(id, |k| k.name.as_str())
    }

    /// A resolution kind's short name ("Renault nominee"), its name when the file gives none.
    pub fn kind_short<'a>(&'a self, id: &'a str) -> &'a str {
        self.kinds.get(id).map_or(id, ResolutionKind::short_name)
    }

    /// A resolution kind's name inside a sentence ("at Nissan on election of a Renault-nominated
    /// Nissan director resolutions"): the file's name with its first letter in lower case, unless
    /// its first word is a proper noun, the first word of an entity's name ("Renault nominee").
    pub fn kind_in_text(&self, id: &str) -> String {
        let name = self.kind(id);
        let first = name.split([' ', '-']).next().unwrap_or("");
        if self.entities.values().any(|e| e.split([' ', '-']).next() == Some(first)) {
            return name.to_string();
        }
        let mut chars = name.chars();
        chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
    }

    /// A behaviour for people, with the holder it follows by name ("follows Renault").
    pub fn behaviour(&self, b: &Behaviour) -> String {
        match b {
            Behaviour::Follows(h) => format!("follows {}", self.entity(h)),
            other => other.label(),
        }
    }

    /// A behaviour written as its report key (`free`, `follows:renault`), for people; an
    /// unknown key as it is.
    pub fn behaviour_key(&self, key: &str) -> String {
        Behaviour::from_key(key).map_or_else(|| key.to_string(), |b| self.behaviour(&b))
    }

    /// A rule written as its report key (`vote_cap`), by its label ("vote cap"); an unknown key
    /// as it is.
    pub fn rule_key(key: &str) -> &str {
        match RuleName::ALL.into_iter().find(|r| r.key() == key) {
            Some(rule) => rule.label(),
            None => key,
        }
    }
}

impl Scenario {
    /// The names of this scenario's ids for people (see [`Names`]).
    pub fn names(&self) -> Names {
        Names::of(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_named_by_the_file_and_keys_by_their_labels() {
        let s = crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let n = s.names();
        assert_eq!(n.entity("french-state"), "French State");
        assert_eq!(n.entity(MARKET), "Public float");
        assert_eq!(n.entity("unknown"), "unknown");
        assert_eq!(n.kind_short("director_renault_nominee"), "Renault nominee");
        assert_eq!(n.kind("special"), "Special");
        assert_eq!(n.kind_in_text("special"), "special");
        assert_eq!(n.kind_in_text("director_renault_nominee"), "election of a Renault-nominated Nissan director");
        assert_eq!(n.behaviour_key("follows:renault"), "follows Renault");
        assert_eq!(Names::rule_key("vote_cap"), "vote cap");
    }
}
