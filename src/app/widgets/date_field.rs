//! A date typed as YYYY-MM-DD: the field takes the date as soon as the text is a valid date,
//! keeps what is typed while it is not (with a red frame and the reason on hover), and shows
//! the date again when it loses focus.

use chrono::NaiveDate;
use eframe::egui;

/// A date field, told apart from others in the same scope by `salt`; returns whether it
/// changed `date`. `label` names it for screen readers and tests.
pub fn date_field(ui: &mut egui::Ui, salt: impl egui::AsIdSalt, date: &mut NaiveDate, label: &str) -> bool {
    let id = ui.make_persistent_id(("date-field", salt));
    let typed: Option<String> = ui.data(|d| d.get_temp(id));
    let mut text = typed.clone().unwrap_or_else(|| date.to_string());
    let parsed = text.trim().parse::<NaiveDate>();
    let invalid = typed.is_some() && parsed.is_err();
    let mut edit = egui::TextEdit::singleline(&mut text).id(id).desired_width(92.0).hint_text("YYYY-MM-DD");
    if invalid {
        edit = edit.background_color(ui.visuals().error_fg_color.gamma_multiply(0.25));
    }
    let r = ui.add(edit);
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
    let r =
        if invalid { r.on_hover_text("Type the date as YYYY-MM-DD, e.g. 2024-03-15") } else { r.on_hover_text(label) };
    let mut changed = false;
    if r.has_focus() {
        if let Ok(d) = text.trim().parse::<NaiveDate>()
            && d != *date
        {
            *date = d;
            changed = true;
        }
        ui.data_mut(|d| d.insert_temp(id, text));
    } else if typed.is_some() {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    changed
}
