//! The steps of a presentation: the scenario's start, then every date on which captioned
//! events take effect. Presenter mode walks through them on screen and `export --steps`
//! writes one image per step, so both take the list from here.

use chrono::NaiveDate;

use crate::model::Scenario;

/// One step of a presentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The date shown.
    pub date: NaiveDate,
    /// The caption (the events' captions of that date, joined by line breaks).
    pub caption: String,
}

/// The steps of a scenario: its start date (captioned with its description, or its title),
/// then each date on which events with captions take effect (a phased sale on its first
/// tranche), the captions of one date joined in file order.
pub fn steps(s: &Scenario) -> Vec<Step> {
    let mut steps = vec![Step {
        date: s.start,
        caption: if s.description.is_empty() { s.title.clone() } else { s.description.clone() },
    }];
    let mut dated: Vec<(NaiveDate, &str)> =
        s.events.iter().filter(|e| !e.caption().is_empty()).map(|e| (e.date(), e.caption())).collect();
    dated.sort_by_key(|(d, _)| *d);
    for (date, caption) in dated {
        match steps.last_mut() {
            Some(last) if last.date == date && last.date != s.start => {
                last.caption.push('\n');
                last.caption.push_str(caption);
            }
            _ => steps.push(Step { date, caption: caption.to_string() }),
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_scenario_starts_with_its_description_and_has_dated_captioned_steps() {
        let s = crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let st = steps(&s);
        assert_eq!(st[0].date, s.start);
        assert!(!st[0].caption.is_empty());
        assert!(st.len() > 2, "{st:?}");
        assert!(st.windows(2).all(|w| w[0].date < w[1].date), "dates strictly increase: {st:?}");
        assert!(st.iter().all(|x| !x.caption.is_empty()));
    }
}
