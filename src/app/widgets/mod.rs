//! Drawing pieces with no state of the app: charts on screen ([`chart_view`]) with their
//! legends ([`legend`]), the tornado of
//! the assumptions ([`assumptions_plot`]), the network painter ([`network_graph`]), the date
//! field ([`date_field`]), colours ([`paint`]), fonts ([`fonts`]) and the lines under a chart
//! that say what its index measures and what its values say ([`readings`]). A widget imports no
//! panel and no window.

pub mod assumptions_plot;
pub mod chart_view;
pub mod date_field;
pub mod fonts;
pub mod legend;
pub mod network_graph;
pub mod paint;
pub mod readings;
