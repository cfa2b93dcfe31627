//! Drawing: one function per screen or pane, all reading the app's model.

pub mod browser;
pub mod chart;
pub mod clean;
pub mod coach;
pub mod cohort;
pub mod live;
pub mod mapping;
pub mod overlay;
pub mod panel;
pub mod picker;
pub mod review;
pub mod step;
pub mod table;
pub mod table_chooser;

use super::app::App;
use super::step_ui::Focus;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 60;
/// Smallest usable terminal height.
pub const MIN_HEIGHT: u16 = 18;

/// Where the panes were drawn, so the mouse wheel scrolls the one under it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Panes {
    /// Lesson text.
    pub text: Rect,
    /// Table or chart.
    pub panel: Rect,
    /// Input box.
    pub input: Rect,
}

impl Panes {
    /// The pane at a screen position.
    pub fn at(&self, x: u16, y: u16) -> Option<Focus> {
        let p = ratatui::layout::Position { x, y };
        if self.input.contains(p) {
            Some(Focus::Input)
        } else if self.panel.contains(p) {
            Some(Focus::Panel)
        } else if self.text.contains(p) {
            Some(Focus::Text)
        } else {
            None
        }
    }
}

/// Draw the whole screen.
pub fn draw(app: &mut App, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(f, area, app);
        return;
    }
    app.spinner = app.spinner.wrapping_add(1);
    app.theme.mask = app.active_mask();
    if let Some(screen) = crate::tui::own_flow::screen(app) {
        let mut t = app.theme.clone();
        t.mask = None;
        mapping::draw(screen, &t, f, area);
    } else if app.session.is_some() {
        step::draw(app, f, area);
    } else {
        picker::draw(app, f, area);
    }
    if let Some(b) = &app.browser {
        browser::draw(f, area, b, &app.theme);
    }
    if let Some(c) = &app.table_chooser {
        table_chooser::draw(f, area, c, &app.theme);
    }
    if let Some(p) = &app.join_prompt {
        live::draw_join_prompt(f, area, p, &app.theme, app.spinner);
    }
    if let Some(o) = &app.overlay {
        overlay::draw(o, app, f, area);
    }
}

fn too_small(f: &mut Frame, area: Rect, app: &App) {
    let msg = vec![
        Line::styled("Make the window larger", app.theme.accent),
        Line::from(""),
        Line::styled(
            format!(
                "huddle needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this window is {}×{}.",
                area.width, area.height
            ),
            app.theme.text,
        ),
        Line::styled("Your place is kept.", app.theme.muted),
    ];
    let h = (msg.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    f.render_widget(
        Paragraph::new(msg)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect {
            y,
            height: area.height.saturating_sub(y - area.y),
            ..area
        },
    );
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Spinner frames.
pub fn spinner(n: usize) -> &'static str {
    const FRAMES: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];
    FRAMES[n % FRAMES.len()]
}
