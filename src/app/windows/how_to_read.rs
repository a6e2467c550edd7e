//! The "How to read this" window (Help → How to read this…): what the two power indices
//! measure, how the float and its turnout enter them, what the words beside a Banzhaf figure
//! and a Monte Carlo estimate mean, what "degenerate" means, indirect power through the
//! network, and the known limits of the model. The sentences that other layers also show
//! (each index's meaning and assumption, the Banzhaf readings, the 95% interval) come from
//! [`crate::engine::reading`], so the window and the charts say the same thing.

use eframe::egui::{self, RichText};

use crate::app::windows::context::WindowCtx;
use crate::engine::{BanzhafReading, Estimate, Measure};
use crate::model::{FloatModel, Scenario};

/// The window's state (it has none beyond being open; a struct like the other windows).
#[derive(Debug, Clone, Default)]
pub struct HowToReadWindow;

impl HowToReadWindow {
    /// Draws the window. Returns whether it is still open.
    pub fn show(&mut self, ctx: &egui::Context, cx: &mut WindowCtx<'_>) -> bool {
        let mut open = true;
        let scenario = cx.scenario;
        egui::Window::new("How to read this")
            .id(egui::Id::unique("how-to-read-window"))
            .open(&mut open)
            .default_width(620.0)
            .default_height(560.0)
            .resizable(true)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().id_salt("how-to-read").auto_shrink([false, true]).show(ui, |ui| {
                    contents(ui, scenario);
                });
            });
        open
    }
}

/// A heading and its paragraphs.
fn section(ui: &mut egui::Ui, heading: &str, paragraphs: &[String]) {
    ui.add_space(6.0);
    ui.label(RichText::new(heading).strong());
    for p in paragraphs {
        ui.add(egui::Label::new(p.as_str()).wrap());
    }
}

/// The float model and turnout of the open scenario, in words.
fn this_scenario(s: &Scenario) -> String {
    let model = match s.meeting.float_model {
        FloatModel::Ocean => "an ocean of very many small holders".to_string(),
        FloatModel::EqualHolders(n) => format!("{} equal holders", crate::model::thousands(u64::from(n))),
        FloatModel::Leech(n) => {
            format!("{} equal holders (by Leech's normal approximation)", crate::model::thousands(u64::from(n)))
        }
    };
    format!(
        "In this scenario the float is modelled as {model}, and {:.0}% of its votes are cast at a meeting \
         (View → Assumptions… shows how far each of these choices moves the figures).",
        s.meeting.float_turnout.to_f64() * 100.0
    )
}

fn contents(ui: &mut egui::Ui, s: &Scenario) {
    ui.label(
        RichText::new(
            "Voting power is not the share of votes: it is how often a holder's votes decide a resolution. \
             Two indices measure it, each under its own assumption about how the others vote.",
        )
        .weak(),
    );
    section(
        ui,
        "The two indices",
        &[
            format!("{}. {}.", Measure::ShapleyShubik.meaning(), capitalised(Measure::ShapleyShubik.assumption())),
            format!(
                "{}. The float's holders then vote independently too: {}.",
                Measure::Banzhaf.meaning(),
                Measure::Banzhaf.assumption()
            ),
            "The plots, the presenter and the \"Through the network\" window show Shapley–Shubik first; choose \
             Banzhaf beside a plot's title (in the presenter, click the button beside it)."
                .to_string(),
        ],
    );
    section(
        ui,
        "The float and turnout",
        &[
            "The float is every share held by no listed holder. Only the votes cast count: the blockholders' \
             votes and the float's votes times the turnout. With the float as an ocean, Shapley–Shubik lets it \
             move as one block of support in random order; Banzhaf lets each of its members vote on its own, so \
             a large float splits almost exactly in half."
                .to_string(),
            this_scenario(s),
        ],
    );
    let tolerance = BanzhafReading::TOLERANCE * 100.0;
    section(
        ui,
        "Banzhaf figures at 100% and 0%",
        &[
            format!(
                "A Banzhaf figure within {tolerance}% of 100% reads \"{}\": the holder's votes tip the float's \
                 even split, so under the index's assumption it decides nearly every resolution. Within \
                 {tolerance}% of 0 it reads \"{}\". These are readings of the assumption, not forecasts: a \
                 real float does not split exactly evenly, and Shapley–Shubik then gives the steadier picture.",
                BanzhafReading::WorkingControl.words(),
                BanzhafReading::NeverDecisive.words()
            ),
            "Between the two, the figure is shown as it is. The JSON report carries the reading beside \
             each Banzhaf figure (see the manual's JSON page)."
                .to_string(),
        ],
    );
    limits(ui);
}

/// What "degenerate" means, power through the network, estimates and the known limits.
fn limits(ui: &mut egui::Ui) {
    section(
        ui,
        "Degenerate",
        &["A figure is degenerate when it follows from the model's shape rather than from the holdings: one \
             blockholder facing only an oceanic float always gets a Banzhaf share of 100%, whatever its stake, \
             and a float as an ocean has no Banzhaf share at all (it is not drawn). The findings say where \
             this happens; read Shapley–Shubik there."
            .to_string()],
    );
    section(
        ui,
        "Through the network",
        &["A company's votes at another company's meeting are decided at its own meeting. Indirect power \
             follows the chain of meetings to the ultimate holders (investors, the State, trusts), every float \
             at each company voting as the index assumes; \"directly\" is the power at the meeting itself. A \
             finding says a holder decides through the network only where it controls each company on the way \
             outright (a majority of its votes in play whatever the float does) and the outcome holds for every \
             float split from 45% to 55%; elsewhere the window says it is pivotal only if every float splits \
             exactly evenly."
            .to_string()],
    );
    section(
        ui,
        "Estimates",
        &[format!(
            "Large networks are estimated by Monte Carlo. An estimate is shown with its 95% interval \
             (± {} standard errors), kept within 0–100%; where the interval reaches 0 it reads \"below x\" \
             (it cannot be told from 0), where it reaches 100% \"above x\". The JSON report keeps the raw \
             estimate and its standard error.",
            Estimate::Z
        )],
    );
    section(
        ui,
        "Known limits",
        &[
            "• Both indices are a priori: they count what the votes could decide, not how holders will vote; \
             agreements, alliances and preferences enter only as the behaviours written in the file."
                .to_string(),
            "• The float is modelled, not observed: its turnout and its split are assumptions (see View → \
             Assumptions…)."
                .to_string(),
            "• A company's votes elsewhere are cast by its board, which its meeting elects, and agreements can \
             bind them; the network reads them as cast by its meeting's majority."
                .to_string(),
            "• Quorums, meeting results and instruments (options, convertibles) are not modelled; a vote cap's \
             level and its lapse follow the file's dated events."
                .to_string(),
        ],
    );
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
