//! Goal seek in the left panel: for a holding and the playhead's date, the stakes that bring
//! a balance measure (power, votes or capital) to a target, or that put the holder's vote
//! share at an issuer on a threshold. The engine answers ([`crate::engine::goal_seek`]);
//! each stake found has a button that applies it as a what-if on that date.

use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use crate::app::editing::event_form::parse_fraction;
use crate::app::panels::context::PanelCtx;
use crate::engine::goal_seek::{self, Answer, Question, Target};
use crate::model::{Scenario, thousands, what_if};

/// The measures offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// The pair's balance of power.
    #[default]
    BalancePower,
    /// The pair's balance of votes in play.
    BalanceVotes,
    /// The pair's balance of capital.
    BalanceCapital,
    /// The holder's share of the votes in play at an issuer's meeting.
    VoteShare,
}

impl Measure {
    const ALL: [Measure; 4] =
        [Measure::BalancePower, Measure::BalanceVotes, Measure::BalanceCapital, Measure::VoteShare];

    fn label(self) -> &'static str {
        match self {
            Measure::BalancePower => "balance of power",
            Measure::BalanceVotes => "balance of votes",
            Measure::BalanceCapital => "balance of capital",
            Measure::VoteShare => "vote share at the issuer",
        }
    }
}

/// The panel's state: the question as chosen, and the last answer with the scenario and date
/// it answers.
#[derive(Debug, Clone, Default)]
pub struct GoalSeekPanel {
    /// Index of the holding in the scenario's initial holdings.
    holding: usize,
    measure: Measure,
    /// The target as typed: a signed number or percentage for a balance, a fraction for a
    /// vote share.
    target: String,
    answer: Option<(Scenario, NaiveDate, Result<Answer, String>)>,
}

impl GoalSeekPanel {
    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        let holdings: Vec<(String, String)> =
            cx.scenario.holdings.iter().map(|h| (h.holder.clone(), h.issuer.clone())).collect();
        if holdings.is_empty() {
            ui.label("No holding to vary.");
            return;
        }
        self.holding = self.holding.min(holdings.len() - 1);
        let name = |(h, i): &(String, String)| format!("{} in {}", cx.scenario.name_of(h), cx.scenario.name_of(i));
        ui.label(RichText::new(format!("The stake on {} that reaches a target", cx.view.playhead)).small().weak());
        egui::ComboBox::from_id_salt("goal-holding").selected_text(name(&holdings[self.holding])).show_ui(ui, |ui| {
            for (k, h) in holdings.iter().enumerate() {
                ui.selectable_value(&mut self.holding, k, name(h));
            }
        });
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("goal-measure").selected_text(self.measure.label()).show_ui(ui, |ui| {
                for m in Measure::ALL {
                    ui.selectable_value(&mut self.measure, m, m.label());
                }
            });
            ui.label("=");
            let hint = if self.measure == Measure::VoteShare { "e.g. 1/3" } else { "0 = balance" };
            let l = ui.add(egui::TextEdit::singleline(&mut self.target).desired_width(70.0).hint_text(hint));
            l.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Goal target"));
        });
        let (holder, issuer) = holdings[self.holding].clone();
        let question = self.question(&holder, &issuer, cx.view.playhead);
        ui.horizontal(|ui| {
            let solve = ui.add_enabled(question.is_ok(), egui::Button::new("Solve"));
            if let Err(why) = &question {
                ui.label(RichText::new(why).small().color(ui.visuals().warn_fg_color));
            }
            if solve.clicked()
                && let Ok(q) = &question
            {
                let answer = goal_seek::solve(cx.scenario, q).map_err(|e| e.to_string());
                self.answer = Some((cx.scenario.clone(), cx.view.playhead, answer));
            }
        });
        self.show_answer(ui, cx);
    }

    /// The question the fields ask, or what is wrong with them.
    fn question(&self, holder: &str, issuer: &str, date: NaiveDate) -> Result<Question, String> {
        let typed =
            if self.target.trim().is_empty() && self.measure != Measure::VoteShare { "0" } else { &self.target };
        let target = match self.measure {
            Measure::BalancePower => Target::BalancePower(signed(typed)?),
            Measure::BalanceVotes => Target::BalanceVotes(signed(typed)?),
            Measure::BalanceCapital => Target::BalanceCapital(signed(typed)?),
            Measure::VoteShare => {
                Target::VoteShare { issuer: issuer.to_string(), share: parse_fraction(typed, "the vote share")? }
            }
        };
        Ok(Question { holder: holder.to_string(), issuer: issuer.to_string(), date, target, pair: None })
    }

    fn show_answer(&mut self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        let Some((asked, date, answer)) = &self.answer else { return };
        if asked != &*cx.scenario || *date != cx.view.playhead {
            ui.label(RichText::new("The scenario or the playhead changed since: solve again.").small().weak());
            return;
        }
        let a = match answer {
            Ok(a) => a,
            Err(e) => {
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                return;
            }
        };
        let q = &a.question;
        ui.label(format!(
            "Now: {} shares ({:.4}%), measure {:.4}",
            thousands(a.current.shares),
            a.current.capital * 100.0,
            a.current.value
        ));
        if a.crossings.is_empty() {
            ui.label(
                RichText::new(format!(
                    "No stake in [0, {}] shares reaches {}.",
                    thousands(a.max_shares),
                    q.target.label()
                ))
                .strong(),
            );
            return;
        }
        let mut apply = None;
        for c in a.crossings.iter().take(4) {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{} shares ({:.4}%) → {:.4}",
                    thousands(c.at.shares),
                    c.at.capital * 100.0,
                    c.at.value
                ));
                if cx.editable
                    && ui
                        .button("Apply as what-if")
                        .on_hover_text(format!("Set the holding to this stake on {} (one undo step)", q.date))
                        .clicked()
                {
                    apply = Some(c.at.shares);
                }
            });
        }
        if let Some(shares) = apply {
            let (holder, issuer, date) = (q.holder.clone(), q.issuer.clone(), q.date);
            if let Err(e) = what_if::set_holding_on(cx.scenario, &holder, &issuer, date, shares, None) {
                self.answer = Some((cx.scenario.clone(), date, Err(e.to_string())));
            }
        }
    }
}

/// A signed number, or a signed percentage ("-5%").
fn signed(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let (body, scale) = match t.strip_suffix('%') {
        Some(b) => (b.trim(), 0.01),
        None => (t, 1.0),
    };
    body.replace('\u{2212}', "-")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v * scale)
        .ok_or_else(|| format!("\u{201c}{t}\u{201d} is not a number; type e.g. 0, -0.05 or -5%"))
}
