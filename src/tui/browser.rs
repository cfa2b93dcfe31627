//! "Use my own file": a folder browser a learner drives with the keyboard.
//!
//! The list shows one folder: `..`, then folders, then files; files huddle reads
//! are marked, others dimmed; dotfiles are hidden until `.` (on an empty path
//! line) or Ctrl-H shows them. Typing always goes into the path line at the
//! bottom: a name filters the list, a path with `/` (or starting with `/` or `~`)
//! shows that folder, Tab completes, Enter opens a folder or picks a file. Esc
//! cancels. Pure state: [`Browser::handle`] takes a key and says what happened;
//! drawing is `views::browser`.

mod listing;

pub use listing::{Entry, EntryKind, READABLE_EXTENSIONS, human_size, is_readable_name};

use listing::{common_prefix, expand_home, read_folder, tilde};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::cell::Cell;
use std::path::{Component, Path, PathBuf};

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserOutcome {
    /// Still browsing.
    Continue,
    /// The learner left without picking (Esc, Ctrl-C).
    Cancel,
    /// The learner picked this file (an absolute path), and for a workbook with
    /// several sheets, the sheet.
    Picked(PathBuf, Option<String>),
}

/// Largest workbook whose sheets the browser lists (opening it blocks the screen).
const SHEET_LIST_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// A workbook with several sheets, waiting for the learner to pick one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetChoice {
    /// The workbook.
    pub path: PathBuf,
    /// Its sheets, in workbook order.
    pub sheets: Vec<String>,
    /// The highlighted sheet.
    pub selected: usize,
}

/// The browser's state.
#[derive(Debug)]
pub struct Browser {
    /// The folder opened (absolute).
    dir: PathBuf,
    /// Where `~` points.
    home: Option<PathBuf>,
    /// The path line.
    input: String,
    show_hidden: bool,
    /// The folder the list shows: `dir`, or the folder part of a typed path.
    listing_dir: PathBuf,
    /// Every entry of `listing_dir`, or why it could not be read.
    listing: Result<Vec<Entry>, String>,
    /// The entries shown (hidden and non-matching names left out).
    visible: Vec<Entry>,
    /// Dotfiles left out of `visible`.
    hidden: usize,
    selected: usize,
    message: Option<String>,
    /// A file that is not a known table, picked once: Enter again takes it.
    confirm: Option<PathBuf>,
    /// A workbook with several sheets: the list shows its sheets until one is picked.
    sheet_choice: Option<SheetChoice>,
    /// List rows at the last draw, for PgUp/PgDn.
    rows: Cell<usize>,
    /// First list row drawn, kept so the selection stays in view.
    offset: Cell<usize>,
}

impl Browser {
    /// A browser showing `dir` (made absolute; `~` is the user's home folder).
    /// A folder that cannot be read shows an empty list and says why.
    pub fn new(dir: &Path) -> Self {
        let dir = normalize(&std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()));
        let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
        let mut b = Browser {
            listing_dir: dir.clone(),
            listing: Ok(Vec::new()),
            dir,
            home,
            input: String::new(),
            show_hidden: false,
            visible: Vec::new(),
            hidden: 0,
            selected: 0,
            message: None,
            confirm: None,
            sheet_choice: None,
            rows: Cell::new(10),
            offset: Cell::new(0),
        };
        b.reload();
        b
    }

    /// Use `home` for `~` (typed, and in the path shown at the top).
    pub fn with_home(mut self, home: &Path) -> Self {
        self.home = Some(home.to_path_buf());
        self
    }

    /// The folder the list shows (absolute).
    pub fn folder(&self) -> &Path {
        &self.listing_dir
    }

    /// [`Browser::folder`] for people: the home folder written as `~`.
    pub fn folder_label(&self) -> String {
        tilde(&self.listing_dir, self.home.as_deref())
    }

    /// The entries shown, in order.
    pub fn entries(&self) -> &[Entry] {
        &self.visible
    }

    /// Position of the highlighted entry in [`Browser::entries`].
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The text typed in the path line.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// A note for the learner: an error, the matches of a Tab, a question.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Whether dotfiles are shown.
    pub fn showing_hidden(&self) -> bool {
        self.show_hidden
    }

    /// How many dotfiles are left out of the list.
    pub fn hidden_count(&self) -> usize {
        self.hidden
    }

    /// The workbook whose sheet is being chosen, if one is.
    pub fn sheet_choice(&self) -> Option<&SheetChoice> {
        self.sheet_choice.as_ref()
    }

    /// Why the folder shown could not be read, if it could not.
    pub fn folder_error(&self) -> Option<&str> {
        self.listing.as_ref().err().map(String::as_str)
    }

    /// The first entry to draw when `rows` fit: keeps the selection in view and
    /// remembers `rows` for PgUp/PgDn. Called by the view on every draw.
    pub fn scroll_for(&self, rows: usize) -> usize {
        let rows = rows.max(1);
        self.rows.set(rows);
        let mut offset = self.offset.get();
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + rows {
            offset = self.selected + 1 - rows;
        }
        offset = offset.min(self.visible.len().saturating_sub(rows));
        self.offset.set(offset);
        offset
    }

    /// Act on a key. Releases are ignored; the app should handle its own Ctrl-C
    /// first if it means "quit" there (here it cancels).
    pub fn handle(&mut self, key: KeyEvent) -> BrowserOutcome {
        if key.kind != KeyEventKind::Press {
            return BrowserOutcome::Continue;
        }
        self.message = None;
        if key.code != KeyCode::Enter {
            self.confirm = None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.sheet_choice.is_some() {
            return self.sheet_key(key.code, ctrl);
        }
        let page = self.rows.get().max(1) as isize;
        match key.code {
            KeyCode::Esc => return BrowserOutcome::Cancel,
            KeyCode::Char('c') if ctrl => return BrowserOutcome::Cancel,
            KeyCode::Char('h') if ctrl => self.toggle_hidden(),
            KeyCode::Char('u') if ctrl => self.set_input(String::new()),
            KeyCode::Up => self.move_by(-1),
            KeyCode::Down => self.move_by(1),
            KeyCode::PageUp => self.move_by(-page),
            KeyCode::PageDown => self.move_by(page),
            KeyCode::Home => self.selected = 0,
            KeyCode::End => self.selected = self.visible.len().saturating_sub(1),
            KeyCode::Enter => return self.enter(),
            KeyCode::Tab => self.complete(),
            KeyCode::Backspace | KeyCode::Left if self.input.is_empty() => self.go_up(),
            KeyCode::Backspace => {
                let mut text = self.input.clone();
                text.pop();
                self.set_input(text);
            }
            KeyCode::Right if self.input.is_empty() => {
                if let Some(e) = self
                    .selected_entry()
                    .filter(|e| e.kind == EntryKind::Folder)
                {
                    let path = self.listing_dir.join(&e.name);
                    self.open_folder(path);
                }
            }
            KeyCode::Char('.') if self.input.is_empty() && !ctrl => self.toggle_hidden(),
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                let mut text = self.input.clone();
                text.push(c);
                self.set_input(text);
            }
            _ => {}
        }
        BrowserOutcome::Continue
    }

    /// Keys while a workbook's sheets are listed: move, Enter picks, Esc goes
    /// back to the folder.
    fn sheet_key(&mut self, code: KeyCode, ctrl: bool) -> BrowserOutcome {
        let Some(choice) = &mut self.sheet_choice else {
            return BrowserOutcome::Continue;
        };
        let last = choice.sheets.len().saturating_sub(1);
        match code {
            KeyCode::Char('c') if ctrl => return BrowserOutcome::Cancel,
            KeyCode::Esc | KeyCode::Left | KeyCode::Backspace => self.sheet_choice = None,
            KeyCode::Up => choice.selected = choice.selected.saturating_sub(1),
            KeyCode::Down => choice.selected = (choice.selected + 1).min(last),
            KeyCode::Home => choice.selected = 0,
            KeyCode::End => choice.selected = last,
            KeyCode::Enter => {
                let sheet = choice.sheets.get(choice.selected).cloned();
                let path = choice.path.clone();
                self.sheet_choice = None;
                return BrowserOutcome::Picked(path, sheet);
            }
            _ => {}
        }
        BrowserOutcome::Continue
    }

    fn selected_entry(&self) -> Option<Entry> {
        self.visible.get(self.selected).cloned()
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn toggle_hidden(&mut self) {
        self.show_hidden = !self.show_hidden;
        let keep = self.selected_entry().map(|e| e.name);
        self.filter(keep.as_deref());
    }

    /// Enter: a typed path first (folder: open, file: pick), else the selection.
    fn enter(&mut self) -> BrowserOutcome {
        if let Some(source) = crate::source::Source::parse(self.input.trim()) {
            // A warehouse address: picked as it is (it never holds a password).
            match source {
                Ok(_) => return BrowserOutcome::Picked(PathBuf::from(self.input.trim()), None),
                Err(e) => {
                    self.message = Some(e);
                    return BrowserOutcome::Continue;
                }
            }
        }
        if !self.input.is_empty() {
            let typed = self.resolve(&self.input);
            if typed.is_dir() {
                self.open_folder(typed);
                return BrowserOutcome::Continue;
            }
            if typed.is_file() {
                return self.pick(typed);
            }
        }
        match self.selected_entry() {
            Some(e) => {
                let path = self.listing_dir.join(&e.name);
                match e.kind {
                    EntryKind::Parent => self.go_up(),
                    EntryKind::Folder => self.open_folder(path),
                    EntryKind::File => return self.pick(path),
                }
            }
            None if !self.input.is_empty() => {
                self.message = Some(crate::i18n::trf(
                    "Nothing called “{name}” here: check the spelling, or press Tab to complete.",
                    &[("name", &self.input)],
                ));
            }
            None => {}
        }
        BrowserOutcome::Continue
    }

    /// Pick `path`; a file of a kind huddle does not know needs a second Enter.
    fn pick(&mut self, path: PathBuf) -> BrowserOutcome {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_readable_name(&name) || self.confirm.as_ref() == Some(&path) {
            if let Some(sheets) = workbook_sheets(&path).filter(|s| s.len() > 1) {
                self.message = Some(crate::i18n::trf(
                    "“{name}” has {n} sheets: pick the one with your list.",
                    &[("name", &name), ("n", &sheets.len())],
                ));
                self.sheet_choice = Some(SheetChoice {
                    path,
                    sheets,
                    selected: 0,
                });
                return BrowserOutcome::Continue;
            }
            return BrowserOutcome::Picked(path, None);
        }
        self.message = Some(format!(
            "“{name}” is not a kind of file huddle reads (CSV, TSV, TXT, XLS, XLSX, XLSM, \
             Parquet). Press Enter again to try it anyway."
        ));
        self.confirm = Some(path);
        BrowserOutcome::Continue
    }

    /// Show `path`; if it cannot be read, stay and say why.
    fn open_folder(&mut self, path: PathBuf) {
        let path = normalize(&path);
        match read_folder(&path) {
            Ok(entries) => {
                self.dir = path.clone();
                self.listing_dir = path;
                self.listing = Ok(entries);
                self.input.clear();
                self.offset.set(0);
                self.filter(None);
            }
            Err(why) => {
                self.message = Some(crate::i18n::trf(
                    "Cannot open “{name}”: {why}.",
                    &[("name", &self.label(&path)), ("why", &why)],
                ));
            }
        }
    }

    fn go_up(&mut self) {
        let from = self.listing_dir.clone();
        if let Some(parent) = from.parent() {
            self.open_folder(parent.to_path_buf());
            if self.listing_dir != from {
                let name = from.file_name().map(|n| n.to_string_lossy().into_owned());
                self.filter(name.as_deref());
            }
        }
    }

    /// Tab: complete the name typed as far as the matches agree; list them if they
    /// do not.
    fn complete(&mut self) {
        if self.input == "~" {
            self.set_input("~/".into());
            return;
        }
        let (dir_part, name_part) = split_input(&self.input);
        let matches: Vec<Entry> = self
            .visible
            .iter()
            .filter(|e| e.kind != EntryKind::Parent)
            .cloned()
            .collect();
        match matches.as_slice() {
            [] => {
                self.message = Some(crate::i18n::trf(
                    "Nothing here starts with “{name_part}”.",
                    &[("name_part", &name_part)],
                ));
            }
            [one] => {
                let slash = if one.kind == EntryKind::Folder {
                    "/"
                } else {
                    ""
                };
                self.set_input(format!("{dir_part}{}{slash}", one.name));
            }
            many => {
                let prefix = common_prefix(many.iter().map(|e| e.name.as_str()));
                if prefix.chars().count() > name_part.chars().count() {
                    self.set_input(format!("{dir_part}{prefix}"));
                } else {
                    let names: Vec<&str> = many.iter().take(6).map(|e| e.name.as_str()).collect();
                    let more = many.len().saturating_sub(names.len());
                    let tail = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    self.message = Some(format!(
                        "{} matches: {}{tail}. Type more of the name.",
                        many.len(),
                        names.join(", ")
                    ));
                }
            }
        }
    }

    /// Replace the path line and update the list it selects.
    fn set_input(&mut self, text: String) {
        self.input = text;
        let (dir_part, _) = split_input(&self.input);
        let folder = if dir_part.is_empty() {
            self.dir.clone()
        } else {
            self.resolve(dir_part)
        };
        if folder != self.listing_dir {
            self.listing_dir = folder;
            self.offset.set(0);
            self.reload_listing();
        }
        self.filter(None);
    }

    /// Re-read the folder shown.
    fn reload(&mut self) {
        self.reload_listing();
        self.filter(None);
    }

    fn reload_listing(&mut self) {
        self.listing = read_folder(&self.listing_dir);
    }

    /// Recompute the entries shown; select `keep` if it is there, else the first
    /// entry that is not `..`.
    fn filter(&mut self, keep: Option<&str>) {
        let (_, name_part) = split_input(&self.input);
        let wanted = name_part.to_lowercase();
        let show_dots = self.show_hidden || name_part.starts_with('.');
        let all = self.listing.as_deref().unwrap_or_default();
        self.hidden = 0;
        self.visible = all
            .iter()
            .filter(|e| {
                if e.kind == EntryKind::Parent {
                    return wanted.is_empty();
                }
                if e.is_hidden() && !show_dots {
                    self.hidden += 1;
                    return false;
                }
                e.name.to_lowercase().starts_with(&wanted)
            })
            .cloned()
            .collect();
        let first_real = self
            .visible
            .iter()
            .position(|e| e.kind != EntryKind::Parent);
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|e| e.name == k))
            .or(first_real)
            .unwrap_or(0);
    }

    /// A typed path as an absolute path: `~` expanded, relative to the folder open.
    fn resolve(&self, text: &str) -> PathBuf {
        let p = expand_home(text, self.home.as_deref());
        normalize(&if p.is_absolute() { p } else { self.dir.join(p) })
    }

    fn label(&self, path: &Path) -> String {
        tilde(path, self.home.as_deref())
    }
}

/// The sheets of `path` when it is a workbook (XLSX/XLSM zip or BIFF `.xls`, found
/// by its first bytes, not its name); `None` for anything else or an unreadable file
/// (reading it later says what is wrong).
///
/// Listing the sheets means opening the workbook on the screen's thread, so a
/// workbook over [`SHEET_LIST_MAX_BYTES`] is not listed: it opens at its first sheet
/// with data, read on the worker with a progress bar, and `FILE#SHEET` on the command
/// line picks another.
fn workbook_sheets(path: &Path) -> Option<Vec<String>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    if file.metadata().ok()?.len() > SHEET_LIST_MAX_BYTES {
        return None;
    }
    let mut head = [0u8; 4];
    file.read_exact(&mut head).ok()?;
    let zip = head == *b"PK\x03\x04";
    let ole = head == [0xD0, 0xCF, 0x11, 0xE0];
    if !zip && !ole {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    crate::data::sheets::sheet_names(&bytes).ok()
}

/// The path line split into its folder part (up to and with the last `/`) and the
/// name being typed.
fn split_input(text: &str) -> (&str, &str) {
    match text.rfind('/') {
        Some(i) => text.split_at(i + 1),
        None => ("", text),
    }
}

/// `a/./b/../c` as `a/c`, without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if out.parent().is_some() {
                    out.pop();
                } else if !out.has_root() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests;
