//! Colours and text styles as one struct. `NO_COLOR` turns colour off and keeps
//! bold, italics and reverse video so nothing depends on colour alone.

use clap::ValueEnum;
use ratatui::style::{Color, Modifier, Style};

/// The themes a learner can pick with `--theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ThemeName {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// Maximum contrast, no dim text.
    HighContrast,
}

/// Every style the screens use.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Less important text: footers, counts.
    pub muted: Style,
    /// Titles and the selected thing.
    pub accent: Style,
    /// Headings in lesson text.
    pub heading: Style,
    /// `✓ Correct` and passing rules.
    pub ok: Style,
    /// `✗ Not yet` and failing rules.
    pub bad: Style,
    /// Hints.
    pub hint: Style,
    /// Inline code and code blocks.
    pub code: Style,
    /// The highlighted row or choice.
    pub selected: Style,
    /// Pane borders.
    pub border: Style,
    /// The focused pane's border.
    pub border_focus: Style,
    /// The table header row.
    pub table_header: Style,
    /// Chart series colours: Okabe–Ito, safe for colour-blind readers.
    pub palette: [Color; 7],
    /// Whether colour is used at all.
    pub color: bool,
    /// Mask mode: personal values are drawn through this masker (set per frame).
    pub mask: Option<std::sync::Arc<crate::data::mask::Masker>>,
}

impl Theme {
    /// The theme for a name; `no_color` (from `NO_COLOR`) strips every colour.
    pub fn new(name: ThemeName, no_color: bool) -> Self {
        if no_color {
            return Theme::plain();
        }
        let okabe_ito = [
            Color::Rgb(0, 114, 178),   // blue
            Color::Rgb(230, 159, 0),   // orange
            Color::Rgb(0, 158, 115),   // bluish green
            Color::Rgb(204, 121, 167), // reddish purple
            Color::Rgb(86, 180, 233),  // sky blue
            Color::Rgb(213, 94, 0),    // vermillion
            Color::Rgb(240, 228, 66),  // yellow
        ];
        let b = Modifier::BOLD;
        match name {
            ThemeName::Dark => Theme {
                text: Style::new().fg(Color::Gray),
                muted: Style::new().fg(Color::DarkGray),
                accent: Style::new().fg(Color::Rgb(86, 180, 233)).add_modifier(b),
                heading: Style::new().fg(Color::Rgb(230, 159, 0)).add_modifier(b),
                ok: Style::new().fg(Color::Rgb(0, 158, 115)).add_modifier(b),
                bad: Style::new().fg(Color::Rgb(213, 94, 0)).add_modifier(b),
                hint: Style::new().fg(Color::Rgb(240, 228, 66)),
                code: Style::new().fg(Color::Rgb(204, 121, 167)),
                selected: Style::new().bg(Color::Rgb(40, 60, 90)).add_modifier(b),
                border: Style::new().fg(Color::DarkGray),
                border_focus: Style::new().fg(Color::Rgb(86, 180, 233)),
                table_header: Style::new().fg(Color::White).add_modifier(b),
                palette: okabe_ito,
                color: true,
                mask: None,
            },
            ThemeName::Light => Theme {
                text: Style::new().fg(Color::Black),
                muted: Style::new().fg(Color::Rgb(90, 90, 90)),
                accent: Style::new().fg(Color::Rgb(0, 90, 150)).add_modifier(b),
                heading: Style::new().fg(Color::Rgb(160, 70, 0)).add_modifier(b),
                ok: Style::new().fg(Color::Rgb(0, 110, 80)).add_modifier(b),
                bad: Style::new().fg(Color::Rgb(180, 60, 0)).add_modifier(b),
                hint: Style::new().fg(Color::Rgb(120, 90, 0)),
                code: Style::new().fg(Color::Rgb(140, 40, 110)),
                selected: Style::new().bg(Color::Rgb(200, 225, 245)).add_modifier(b),
                border: Style::new().fg(Color::Rgb(150, 150, 150)),
                border_focus: Style::new().fg(Color::Rgb(0, 90, 150)),
                table_header: Style::new().fg(Color::Black).add_modifier(b),
                palette: okabe_ito,
                color: true,
                mask: None,
            },
            ThemeName::HighContrast => Theme {
                text: Style::new().fg(Color::White),
                muted: Style::new().fg(Color::White),
                accent: Style::new().fg(Color::LightCyan).add_modifier(b),
                heading: Style::new().fg(Color::LightYellow).add_modifier(b),
                ok: Style::new().fg(Color::LightGreen).add_modifier(b),
                bad: Style::new().fg(Color::LightRed).add_modifier(b),
                hint: Style::new().fg(Color::LightYellow),
                code: Style::new().fg(Color::LightMagenta),
                selected: Style::new().add_modifier(Modifier::REVERSED | b),
                border: Style::new().fg(Color::White),
                border_focus: Style::new().fg(Color::LightCyan).add_modifier(b),
                table_header: Style::new()
                    .fg(Color::White)
                    .add_modifier(b | Modifier::UNDERLINED),
                palette: okabe_ito,
                color: true,
                mask: None,
            },
        }
    }

    /// No colour at all: emphasis by bold, italics and reverse video.
    pub fn plain() -> Self {
        let s = Style::new();
        Theme {
            text: s,
            muted: s,
            accent: s.add_modifier(Modifier::BOLD),
            heading: s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ok: s.add_modifier(Modifier::BOLD),
            bad: s.add_modifier(Modifier::BOLD),
            hint: s.add_modifier(Modifier::ITALIC),
            code: s,
            selected: s.add_modifier(Modifier::REVERSED),
            border: s,
            border_focus: s.add_modifier(Modifier::BOLD),
            table_header: s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            palette: [Color::Reset; 7],
            color: false,
            mask: None,
        }
    }

    /// Whether the environment asks for no colour (`NO_COLOR` set and not empty).
    pub fn no_color_requested() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}
