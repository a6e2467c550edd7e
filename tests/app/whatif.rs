//! What-ifs in the app, driven headless (egui_kittest): a holding's slider at a later
//! playhead makes one what-if adjustment (one undo step) and the engine's figures agree with
//! it; a conflict is marked and each of its fixes works; events are added from the timeline,
//! selected together and moved together; a phased sale's window is typed; goal seek applies
//! its answer as a what-if.

use crate::support::app::drag;
use crate::support::app::harness;
use crate::support::date;
use alliance_sim::app::AllianceApp;
use alliance_sim::model::{Event, ledger, what_if};
use eframe::egui::{self, Key, Modifiers, Role, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Moves the playhead with its slider.
fn playhead_to(h: &mut Harness<'_, AllianceApp>, d: &str) {
    let days = (date(d) - h.state().doc.scenario.start).num_days();
    h.get_by_role_and_label(Role::Slider, "Playhead").set_value_accesskit(days as f64);
    h.run_steps(3);
    assert_eq!(h.state().view.playhead, date(d));
}

fn what_ifs(h: &Harness<'_, AllianceApp>) -> Vec<Event> {
    h.state().doc.scenario.events.iter().filter(|e| e.is_what_if()).cloned().collect()
}

/// Renault's Nissan shares on `d` as the engine has them.
fn engine_shares(h: &Harness<'_, AllianceApp>, d: &str) -> Option<u64> {
    let ev = h.state().doc.evaluation().cloned()?;
    let p = ev.at(date(d))?;
    p.issuer("nissan")?.votes.holder("renault").map(|v| v.shares)
}

#[test]
fn a_drag_at_a_later_playhead_makes_one_adjustment_and_one_undo_step() {
    let mut h = harness();
    let initial = h.state().doc.scenario.clone();
    playhead_to(&mut h, "2025-01-15");
    let before = engine_shares(&h, "2025-01-15");
    let earlier = engine_shares(&h, "2024-12-31");
    let rect = h.get_by_role_and_label(Role::Slider, "Renault in Nissan").rect();
    let y = rect.center().y;
    drag(&mut h, egui::pos2(rect.left() + rect.width() * 0.3, y), egui::pos2(rect.left() + rect.width() * 0.05, y));
    let adj = what_ifs(&h);
    assert_eq!(adj.len(), 1, "one what-if for the whole drag: {adj:?}");
    assert_eq!(adj[0].date(), date("2025-01-15"), "on the playhead's date");
    assert_eq!(h.state().doc.scenario.holdings, initial.holdings, "the initial holdings are untouched");
    assert!(h.state().doc.conflict().is_none(), "a drag at the playhead breaks no later event");
    // The slider, the model and the engine agree at the playhead.
    let s = h.state().doc.scenario.clone();
    let reg = what_if::register_on(&s, date("2025-01-15")).map_err(|e| e.to_string());
    let Ok(reg) = reg else { panic!("the scenario replays to the playhead") };
    let held = ledger::held(&reg, "renault", "nissan");
    assert_eq!(engine_shares(&h, "2025-01-15"), Some(held), "plots and slider agree");
    assert!(Some(held) < before, "the drag lowered Renault's stake: {before:?} → {held}");
    // Before the playhead nothing changed.
    assert_eq!(engine_shares(&h, "2024-12-31"), earlier);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(what_ifs(&h).is_empty(), "one undo removes the whole drag");
    assert_eq!(h.state().doc.scenario, initial);
}

#[test]
fn typing_a_share_count_at_a_later_date_sets_the_holding_exactly_and_removing_the_adjustment_restores_it() {
    let mut h = harness();
    playhead_to(&mut h, "2025-01-15");
    let node = h.get_by_role_and_label(Role::SpinButton, "Shares of Renault in Nissan");
    node.click();
    h.run_steps(2);
    let node = h.get_by_role_and_label(Role::SpinButton, "Shares of Renault in Nissan");
    let _ = node;
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(Role::SpinButton, "Shares of Renault in Nissan").type_text("300,000,000");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(engine_shares(&h, "2025-01-15"), Some(300_000_000), "the typed share count, exactly");
    assert_eq!(what_ifs(&h).len(), 1);
    h.get_by_label("Remove what-if").click();
    h.run_steps(3);
    assert!(what_ifs(&h).is_empty());
}

#[test]
fn a_conflict_is_marked_and_each_fix_works() {
    let mut h = harness();
    // At 15% on the start date, Renault keeps 15% and puts nothing into the trust in
    // November 2023 (`down_to: "15%"`), so Nissan cannot buy 211 million shares back from it.
    h.get_by_role_and_label(Role::Slider, "Renault in Nissan").set_value_accesskit(15.0);
    h.run_steps(3);
    let conflict = h.state().doc.conflict().cloned();
    let Some(c) = conflict else { panic!("the edit makes a later event impossible") };
    assert_eq!(c.date, date("2023-12-13"));
    assert!(h.state().doc.problem().is_none(), "a conflict is not a problem that stops the results");
    let ev = h.state().doc.evaluation().cloned();
    let last = ev.as_ref().and_then(|e| e.points.last()).map(|p| p.date);
    assert!(last.is_some_and(|d| d < date("2023-12-13")), "the results stop before the conflict: {last:?}");
    let first = ev.as_ref().and_then(|e| e.at(date("2022-10-31"))).and_then(|p| p.issuer("nissan"));
    let edited = h.state().doc.scenario.holdings.iter().find(|x| x.holder == "renault" && x.issuer == "nissan");
    assert_eq!(
        first.and_then(|x| x.votes.holder("renault")).map(|v| v.shares),
        edited.map(|x| x.shares),
        "the results are the edited scenario's, not a frozen old state"
    );
    assert!(h.query_by_label_contains("Conflict on 2023-12-13").is_some(), "the banner names the date");
    // Nothing is held to sell: reducing is not offered; removing is.
    assert!(h.query_by_label("Reduce it to what is held").is_some());
    let n = h.state().doc.scenario.events.len();
    h.get_by_label("Remove the event").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.scenario.events.len(), n - 1);
    let after = h.state().doc.conflict().map(|c| c.date);
    assert!(after.is_none_or(|d| d > date("2023-12-13")), "that conflict is gone: {after:?}");
    // Undo from the banner's button, then Ctrl+Z: back to the scenario as shipped.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(h.state().doc.conflict().is_some(), "undo brings the event back");
    h.get_by_label("Undo the edit").click();
    h.run_steps(3);
    assert!(h.state().doc.conflict().is_none(), "back to the scenario as shipped");
}

#[test]
fn reducing_an_oversold_event_makes_it_fit_what_is_held() {
    let mut h = harness();
    // At 20%, Renault puts 5% into the trust in November 2023: less than the 211 million
    // shares Nissan buys back from it in December.
    h.get_by_role_and_label(Role::Slider, "Renault in Nissan").set_value_accesskit(16.0);
    h.run_steps(3);
    let c = h.state().doc.conflict().cloned();
    let Some(c) = c else { panic!("a conflict") };
    let k = c.events[0];
    let node = h.query_by_label_contains("Reduce it to ").and_then(|n| n.accesskit_node().label());
    assert!(node.as_deref().is_some_and(|l| l.contains("shares (what is held)")), "{node:?}");
    h.get_by_label_contains("Reduce it to ").click();
    h.run_steps(3);
    let fixed = h.state().doc.conflict().map(|c| c.events.clone());
    assert!(fixed.as_ref().is_none_or(|e| !e.contains(&k)), "reduced, the event can happen: {fixed:?}");
    let e = &h.state().doc.scenario.events[k];
    assert!(e.share_count().is_some_and(|n| n > 0 && n < 211_000_000), "{e:?}");
}

#[test]
fn the_down_to_fix_states_the_stake_the_event_left_before_the_edit() {
    let mut h = harness();
    // The 2023 transfer to the trust as a share count (as in version-1 files): lowering
    // Renault's start holding below it makes the transfer impossible.
    let mut s = h.state().doc.scenario.clone();
    let k = s
        .events
        .iter()
        .position(|e| matches!(e, Event::Transfer { from, to, .. } if from == "renault" && to == "trust"));
    let Some(k) = k else { panic!("the default scenario has Renault's transfer to the trust") };
    s.events[k].set_share_count(1_198_729_733);
    h.state_mut().doc.scenario = s;
    h.run_steps(3);
    assert!(h.state().doc.conflict().is_none(), "as a share count it still happens");
    h.get_by_role_and_label(Role::Slider, "Renault in Nissan").set_value_accesskit(25.0);
    h.run_steps(3);
    assert!(h.state().doc.conflict().is_some_and(|c| c.events.contains(&k)), "the transfer is now oversold");
    let label = h.query_by_label_contains("Sell down to").and_then(|n| n.accesskit_node().label());
    assert_eq!(label.as_deref(), Some("Sell down to 15% instead"), "the stake it left before the edit");
    h.get_by_label_contains("Sell down to").click();
    h.run_steps(3);
    let e = h.state().doc.scenario.events[k].clone();
    assert!(matches!(e, Event::Transfer { down_to: Some(_), shares: None, .. }), "{e:?}");
    assert!(h.state().doc.conflict().is_none_or(|c| !c.events.contains(&k)), "the transfer now follows the holding");
}

#[test]
fn an_event_is_added_from_the_timeline() {
    let mut h = harness();
    playhead_to(&mut h, "2025-06-02");
    let n = h.state().doc.scenario.events.len();
    h.get_by_label("+ Add event").click();
    h.run_steps(2);
    assert!(h.query_by_label("Add an event").is_some(), "the form opens");
    h.get_by_role_and_label(Role::TextInput, "Amount").click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Amount").type_text("50 000 000");
    h.run_steps(2);
    h.get_by_label("Add").click();
    h.run_steps(3);
    let events = &h.state().doc.scenario.events;
    assert_eq!(events.len(), n + 1);
    let added = events.last().cloned();
    let Some(Event::Transfer { date: d, shares, .. }) = added else { panic!("a transfer was added: {added:?}") };
    assert_eq!(d, date("2025-06-02"), "on the playhead's date");
    assert_eq!(shares, Some(50_000_000));
    assert!(h.query_by_label("Add an event").is_none(), "the form closes");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().doc.scenario.events.len(), n, "one undo removes it");
}

#[test]
fn two_selected_events_move_together() {
    let mut h = harness();
    let s = h.state().doc.scenario.clone();
    let buyback = s
        .events
        .iter()
        .position(|e| matches!(e, Event::Buyback { date, .. } if *date == crate::support::date("2023-12-13")));
    let cancel = s
        .events
        .iter()
        .position(|e| matches!(e, Event::Cancellation { date, .. } if *date == crate::support::date("2023-12-15")));
    let (Some(a), Some(b)) = (buyback, cancel) else { panic!("the 2023 buyback and its cancellation") };
    h.get_by_label(&format!("Event {} ({})", a + 1, s.events[a].kind_label())).click();
    // A person's second click comes a moment later (here a third of a second of frames):
    // egui does not count a click that follows another within its double-click time.
    h.run_steps(20);
    h.get_by_label(&format!("Event {} ({})", b + 1, s.events[b].kind_label())).click_modifiers(Modifiers::COMMAND);
    h.run_steps(2);
    assert_eq!(h.state().view.selected_events.len(), 2, "Ctrl+click adds to the selection");
    assert!(h.query_by_label("2 events selected").is_some());
    let center = h.get_by_label(&format!("Event {} ({})", b + 1, s.events[b].kind_label())).rect().center();
    drag(&mut h, center, center + Vec2::new(40.0, 0.0));
    let moved = h.state().doc.scenario.clone();
    let da = moved.events[a].date() - s.events[a].date();
    let db = moved.events[b].date() - s.events[b].date();
    assert!(db.num_days() > 0, "the dragged event moved");
    assert_eq!(da, db, "both moved by the same number of days");
    assert!(h.state().doc.conflict().is_none(), "moved together, the buyback and its cancellation still fit");
}

#[test]
fn a_phased_sale_window_is_typed() {
    let mut h = harness();
    let s = h.state().doc.scenario.clone();
    let k = s.events.iter().position(|e| matches!(e, Event::PhasedSale { .. }));
    let Some(k) = k else { panic!("the default scenario has a phased sale") };
    let title = s.event_title(&s.events[k]);
    assert!(!title.contains('#'), "a user-facing title: {title}");
    let label = format!("Last tranche of {title}");
    h.get_by_role_and_label(Role::TextInput, &label).click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, &label).type_text("2026-09-30");
    h.run_steps(3);
    let Event::PhasedSale { end, .. } = &h.state().doc.scenario.events[k] else { panic!("still a phased sale") };
    assert_eq!(*end, date("2026-09-30"));
}

#[test]
fn goal_seek_applies_its_answer_as_a_what_if() {
    let mut h = harness();
    playhead_to(&mut h, "2026-06-01");
    h.get_by_label("Goal seek…").click();
    h.run_steps(2);
    h.get_by_label("Solve").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("Now:").is_some(), "an answer is shown");
    h.get_by_label("Apply as what-if").click();
    h.run_steps(3);
    let adj = what_ifs(&h);
    assert_eq!(adj.len(), 1, "{adj:?}");
    assert_eq!(adj[0].date(), date("2026-06-01"));
}

#[test]
fn a_file_whose_event_cannot_happen_opens_and_shows_the_conflict() {
    let mut h = harness();
    let text = alliance_sim::io::DEFAULT_SCENARIO.replace("shares: 1831837000,", "shares: 675314418,");
    assert_ne!(text, alliance_sim::io::DEFAULT_SCENARIO, "the default scenario names Renault's 2022 Nissan holding");
    let dir = tempfile::tempdir().map_err(|e| e.to_string());
    let Ok(dir) = dir else { panic!("no temporary folder") };
    let path = dir.path().join("conflict.ron");
    assert!(std::fs::write(&path, text).is_ok());
    h.state_mut().open_path(&path);
    h.run_steps(3);
    assert!(h.state().modal.is_none(), "the file opens: the work is not refused");
    assert_eq!(h.state().doc.conflict().map(|c| c.date), Some(date("2023-12-13")));
    assert!(h.query_by_label_contains("Conflict on 2023-12-13").is_some());
}
