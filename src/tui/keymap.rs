//! Keys to intents, per mode. Only key presses arrive here (releases are dropped
//! by the event loop), so Windows terminals behave like the others.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the learner asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Ctrl-C: save and leave the app from anywhere.
    ForceQuit,
    /// `q`: back to the picker, or leave.
    Quit,
    /// Next step.
    Next,
    /// Previous step.
    Prev,
    /// Scroll the focused pane.
    Scroll(isize),
    /// Page the focused pane.
    Page(isize),
    /// Top of the focused pane.
    Home,
    /// Bottom of the focused pane.
    End,
    /// Select the next or previous table column.
    Column(isize),
    /// Move focus to the next pane.
    FocusNext,
    /// Tab in the SQL editor: complete a table or column name, else move focus.
    Complete,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Enter or `a`: go into the step's box (answer, choice list, SQL editor,
    /// reflection); on a step without one, check a clean step or move on.
    FocusInput,
    /// Esc: leave the input, or cancel running work.
    Escape,
    /// Reveal the next hint.
    Hint,
    /// Show the solution.
    Solution,
    /// The help overlay.
    Help,
    /// Submit the answer, choice, query or reflection.
    Submit,
    /// Run the query without submitting.
    Run,
    /// Profile the selected table column.
    Profile,
    /// `v`: switch a result between table and chart; where no chart is shown, find
    /// spelling variants in the selected column (cluster & merge).
    ToggleView,
    /// Move the choice cursor to number n (0-based) and into the list; Enter then
    /// checks it.
    Pick(usize),
    /// Move the choice cursor.
    ChoiceMove(isize),
    /// A key for the text editor.
    Edit(KeyEvent),
    /// `y` in a confirmation.
    Yes,
    /// `n` or Esc in a confirmation.
    No,
    /// The picker's reset.
    Reset,
    /// The picker's "join a cohort call".
    JoinCall,
    /// Open the selected lesson.
    Open,
    /// `o`: the cleaning-op menu.
    OpMenu,
    /// `u`: take back the last cleaning op.
    Undo,
    /// `U`: put back an undone op.
    Redo,
    /// `W`: open or close the free cleaning workspace on the table shown.
    Workspace,
    /// `m`: mask mode on or off.
    ToggleMask,
    /// `f`: the selected column's values with their counts.
    Facet,
    /// `d`: use one of my own files for this lesson.
    OwnFile,
    /// `c`: the recipe as SQL, pandas and dplyr.
    Code,
    /// `e`: save the recipe to a file.
    SaveRecipe,
    /// `E`: save the cleaned table to a new CSV file.
    SaveData,
    /// Coach mode `g`: the step list, to jump to any step.
    GoTo,
    /// Coach mode `C`: hide or show the coach panel.
    CoachPanel,
    /// Coach mode `T`: start the call timer again.
    CoachTimer,
    /// Coach mode `J` / `K`: scroll the coach panel down or up.
    CoachScroll(isize),
}

/// Which keymap applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The lesson list.
    Picker,
    /// A lesson, focus outside any input.
    Lesson,
    /// Typing a one-line answer.
    AnswerInput,
    /// Picking a choice.
    ChoiceInput,
    /// Writing a query (multi-line editor).
    QueryInput,
    /// Writing a reflection.
    ReflectInput,
    /// A yes/no question.
    Confirm,
    /// A popup that any key closes.
    Popup,
}

/// The intent of `key` in `mode`, if it has one.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C')) {
        return Some(Action::ForceQuit);
    }
    match mode {
        Mode::Confirm => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Yes),
            _ => Some(Action::No),
        },
        Mode::Popup => Some(Action::No),
        Mode::Picker => match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Scroll(-1)),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Scroll(1)),
            KeyCode::PageUp => Some(Action::Page(-1)),
            KeyCode::PageDown => Some(Action::Page(1)),
            KeyCode::Home => Some(Action::Home),
            KeyCode::End => Some(Action::End),
            KeyCode::Enter | KeyCode::Right => Some(Action::Open),
            KeyCode::Char('r') => Some(Action::Reset),
            KeyCode::Char('J') => Some(Action::JoinCall),
            KeyCode::Char('m') => Some(Action::ToggleMask),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Mode::Lesson => lesson_key(key, shift),
        Mode::AnswerInput | Mode::ReflectInput | Mode::QueryInput => editor_key(mode, key, ctrl),
        Mode::ChoiceInput => match key.code {
            KeyCode::Esc => Some(Action::Escape),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::ChoiceMove(-1)),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::ChoiceMove(1)),
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Tab => Some(Action::FocusNext),
            KeyCode::BackTab => Some(Action::FocusPrev),
            KeyCode::Char(c @ '1'..='9') => Some(Action::Pick(c as usize - '1' as usize)),
            // Outside typing, the lesson keys still work on a choice list.
            _ => lesson_key(key, shift),
        },
    }
}

fn lesson_key(key: KeyEvent, shift: bool) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('r') if ctrl => Some(Action::Run),
        KeyCode::Char('s') if ctrl => Some(Action::Submit),
        _ if ctrl => None,
        KeyCode::Right if shift => Some(Action::Column(1)),
        KeyCode::Left if shift => Some(Action::Column(-1)),
        KeyCode::Char('n') | KeyCode::Right => Some(Action::Next),
        KeyCode::Char('p') | KeyCode::Left => Some(Action::Prev),
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Scroll(-1)),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Scroll(1)),
        KeyCode::PageUp => Some(Action::Page(-1)),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::Page(1)),
        KeyCode::Home => Some(Action::Home),
        KeyCode::End => Some(Action::End),
        KeyCode::Char(']') | KeyCode::Char('>') => Some(Action::Column(1)),
        KeyCode::Char('[') | KeyCode::Char('<') => Some(Action::Column(-1)),
        KeyCode::Tab => Some(Action::FocusNext),
        KeyCode::BackTab => Some(Action::FocusPrev),
        KeyCode::Enter | KeyCode::Char('a') => Some(Action::FocusInput),
        KeyCode::Char(c @ '1'..='9') => Some(Action::Pick(c as usize - '1' as usize)),
        KeyCode::Esc => Some(Action::Escape),
        KeyCode::Char('h') => Some(Action::Hint),
        KeyCode::Char('s') => Some(Action::Solution),
        KeyCode::Char('?') => Some(Action::Help),
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('i') => Some(Action::Profile),
        KeyCode::Char('v') => Some(Action::ToggleView),
        KeyCode::Char('o') => Some(Action::OpMenu),
        KeyCode::Char('u') => Some(Action::Undo),
        KeyCode::Char('U') => Some(Action::Redo),
        KeyCode::Char('W') => Some(Action::Workspace),
        KeyCode::Char('m') => Some(Action::ToggleMask),
        KeyCode::Char('f') => Some(Action::Facet),
        KeyCode::Char('g') => Some(Action::GoTo),
        KeyCode::Char('C') => Some(Action::CoachPanel),
        KeyCode::Char('T') => Some(Action::CoachTimer),
        KeyCode::Char('J') => Some(Action::CoachScroll(3)),
        KeyCode::Char('K') => Some(Action::CoachScroll(-3)),
        KeyCode::Char('d') => Some(Action::OwnFile),
        KeyCode::Char('c') => Some(Action::Code),
        KeyCode::Char('e') => Some(Action::SaveRecipe),
        KeyCode::Char('E') => Some(Action::SaveData),
        KeyCode::F(5) => Some(Action::Run),
        _ => None,
    }
}

fn editor_key(mode: Mode, key: KeyEvent, ctrl: bool) -> Option<Action> {
    match key.code {
        KeyCode::Esc => Some(Action::Escape),
        KeyCode::Tab if mode == Mode::QueryInput => Some(Action::Complete),
        KeyCode::Tab => Some(Action::FocusNext),
        KeyCode::BackTab => Some(Action::FocusPrev),
        KeyCode::F(5) => Some(Action::Run),
        KeyCode::Char('r') if ctrl && mode == Mode::QueryInput => Some(Action::Run),
        KeyCode::Char('s') if ctrl => Some(Action::Submit),
        // One-line answers and reflections submit on Enter; the SQL editor takes newlines.
        KeyCode::Enter if mode != Mode::QueryInput => Some(Action::Submit),
        _ => Some(Action::Edit(key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn ctrl_c_quits_from_every_mode() {
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for m in [
            Mode::Picker,
            Mode::Lesson,
            Mode::AnswerInput,
            Mode::ChoiceInput,
            Mode::QueryInput,
            Mode::ReflectInput,
            Mode::Confirm,
            Mode::Popup,
        ] {
            assert_eq!(action(m, c), Some(Action::ForceQuit), "{m:?}");
        }
    }

    #[test]
    fn typing_in_an_input_never_navigates() {
        for ch in ['n', 'p', 'q', 'h', 's', '?'] {
            assert!(matches!(
                action(Mode::AnswerInput, k(KeyCode::Char(ch))),
                Some(Action::Edit(_))
            ));
        }
        assert_eq!(
            action(Mode::AnswerInput, k(KeyCode::Esc)),
            Some(Action::Escape)
        );
        assert_eq!(
            action(Mode::AnswerInput, k(KeyCode::Enter)),
            Some(Action::Submit)
        );
        assert!(matches!(
            action(Mode::QueryInput, k(KeyCode::Enter)),
            Some(Action::Edit(_))
        ));
    }

    #[test]
    fn esc_never_leaves_the_lesson() {
        assert_eq!(action(Mode::Lesson, k(KeyCode::Esc)), Some(Action::Escape));
        assert_eq!(
            action(Mode::Lesson, k(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn g_goes_to_a_step_and_v_finds_variants_or_switches_the_view() {
        assert_eq!(
            action(Mode::Lesson, k(KeyCode::Char('g'))),
            Some(Action::GoTo)
        );
        assert_eq!(
            action(Mode::ChoiceInput, k(KeyCode::Char('g'))),
            Some(Action::GoTo)
        );
        assert_eq!(
            action(Mode::Lesson, k(KeyCode::Char('v'))),
            Some(Action::ToggleView)
        );
        // In an answer box, the coach keys are letters like any other.
        assert!(matches!(
            action(Mode::AnswerInput, k(KeyCode::Char('C'))),
            Some(Action::Edit(_))
        ));
    }

    #[test]
    fn choices_take_numbers() {
        assert_eq!(
            action(Mode::ChoiceInput, k(KeyCode::Char('2'))),
            Some(Action::Pick(1))
        );
    }
}
