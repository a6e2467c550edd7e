//! Tests that read files through the parser: migration of older format versions and the size
//! limits (kept apart from `migrate` and `limits`, which the parser itself uses).

/// Older format versions load and are written back as the current one.
mod migration {
    use std::path::Path;

    use crate::io::file::embedded::{DEFAULT_SCENARIO, default_scenario};
    use crate::io::file::scenario_file::{parse, to_text};

    #[test]
    fn a_version_0_file_loads_and_is_written_back_as_the_current_version() {
        let current = format!("version: {},", crate::model::FORMAT_VERSION);
        let text = DEFAULT_SCENARIO.replacen(&current, "version: 0,", 1);
        let s = parse(&text, Path::new("old.ron"));
        assert!(s.is_ok(), "{s:?}");
        let written = s.ok().and_then(|s| to_text(&s).ok()).unwrap_or_default();
        assert!(written.contains(&format!("version: {}", crate::model::FORMAT_VERSION)));
    }

    #[test]
    fn a_version_1_file_with_share_counts_reads_unchanged() {
        let text = DEFAULT_SCENARIO
            .replacen(&format!("version: {},", crate::model::FORMAT_VERSION), "version: 1,", 1)
            .replace("down_to: \"15%\",", "shares: 1198729733,");
        let old = parse(&text, Path::new("old.ron"));
        let new = default_scenario();
        assert!(old.is_ok() && new.is_ok(), "{old:?}");
        let ev = |s: &crate::model::Scenario| crate::engine::evaluate(s).ok().map(|e| e.points);
        assert_eq!(old.ok().as_ref().and_then(ev), new.ok().as_ref().and_then(ev));
    }
}

/// Every size limit names itself, its value and the limit.
mod size_limits {
    use crate::io::file::limits::{MAX_ENTITIES, MAX_EVENTS, MAX_HOLDINGS, MAX_SOURCE, MAX_TRANCHES, check};
    use crate::model::{Event, FloatModel, Scenario};

    fn scenario() -> Scenario {
        crate::io::file::embedded::default_scenario().unwrap_or_else(|e| panic!("{e}"))
    }

    fn message(s: &Scenario) -> String {
        check(s).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn the_shipped_scenario_is_within_every_limit() {
        assert_eq!(check(&scenario()), Ok(()));
    }

    #[test]
    fn each_limit_names_itself_its_value_and_the_limit() {
        let mut s = scenario();
        s.title = "t".repeat(200_000);
        assert!(message(&s).starts_with("the title's length is 200,000, above the limit of 300; shorten it"));
        let mut s = scenario();
        let e = s.entities[0].clone();
        s.entities = vec![e; MAX_ENTITIES + 1];
        assert!(message(&s).starts_with("the number of entities is 10,001, above the limit of 10,000"));
        let mut s = scenario();
        let h = s.holdings[0].clone();
        s.holdings = vec![h; MAX_HOLDINGS + 1];
        assert!(message(&s).starts_with("the number of holdings is 100,001"));
        let mut s = scenario();
        let e = s.events[0].clone();
        s.events = vec![e; MAX_EVENTS + 1];
        assert!(message(&s).starts_with("the number of events is 100,001"));
        let mut s = scenario();
        if let Some(Event::PhasedSale { tranches, .. }) = s.events.last_mut() {
            *tranches = 1_000_000_000;
        }
        assert!(message(&s).starts_with("the number of tranches of event "), "{}", message(&s));
        assert!(message(&s).contains("(phased sale of") && message(&s).contains("use fewer, larger tranches"));
        let mut s = scenario();
        if let Some(Event::PhasedSale { tranches, .. }) = s.events.last_mut() {
            *tranches = MAX_TRANCHES;
        }
        let e = s.events[0].clone();
        s.events.extend(vec![e; 95_000]);
        assert!(message(&s).starts_with("the number of dated changes"), "{}", message(&s));
        let mut s = scenario();
        s.meeting.float_model = FloatModel::EqualHolders(1_000_001);
        assert!(message(&s).contains("equal holders in the float (meeting.float_model) is 1,000,001, above the limit"));
        let mut s = scenario();
        s.holdings[0].source = Some("é".repeat(MAX_SOURCE + 1));
        assert!(
            message(&s).contains("source of the holding of `french-state` in `renault` is 2,001"),
            "{}",
            message(&s)
        );
        s.holdings[0].source = Some("é".repeat(MAX_SOURCE));
        assert_eq!(check(&s), Ok(()), "the limit counts characters, not bytes");
        let mut s = scenario();
        let long = "a renault-nominated director".to_string();
        if let Some(k) = s.kinds.get_mut(2) {
            k.short = Some(long);
        }
        assert!(
            message(&s).starts_with(
                "the length of the short name of resolution kind `director_renault_nominee` is 28, above the \
                 limit of 24"
            ),
            "{}",
            message(&s)
        );
    }
}
