//! `huddle completions` and `huddle man`, checked the way a shell and `man` use them.

use assert_cmd::Command;
use std::process::Command as Std;

fn huddle() -> Command {
    Command::cargo_bin("huddle").expect("the huddle binary")
}

/// Source the bash script in a real bash and ask it to complete `words` (the last one
/// is the word being typed), the way bash does on Tab.
fn bash_complete(script: &str, words: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("huddle.bash");
    std::fs::write(&file, script).expect("write script");
    let line = words.join(" ");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let probe = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{line}'\nCOMP_POINT=${{#COMP_LINE}}\n_huddle huddle '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        file.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = Std::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(&probe)
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_subcommands_and_lesson_ids() {
    let out = huddle().args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).unwrap();

    assert_eq!(bash_complete(&script, &["huddle", "ru"]), vec!["run"]);
    // `huddle run we<TAB>` offers the bundled lesson whose id starts so.
    let ids = bash_complete(&script, &["huddle", "run", "we"]);
    assert!(ids.iter().any(|i| i == "welcome"), "{ids:?}");
    assert!(ids.iter().all(|i| i.starts_with("we")), "{ids:?}");
    // Flags complete too.
    let flags = bash_complete(&script, &["huddle", "apply", "--fo"]);
    assert_eq!(flags, vec!["--force"]);
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = huddle().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("inspect"),
            "{shell} script names the commands"
        );
    }
    huddle()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bash"));
}

#[test]
fn man_page_describes_every_command_and_renders() {
    let out = huddle().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".ie") || page.contains(".TH huddle 1"));
    for cmd in [
        "check", "run", "chart", "inspect", "apply", "progress", "cohort", "new",
    ] {
        assert!(
            page.contains(&format!(".SS \"huddle {cmd}\"")),
            "{cmd} has a section"
        );
    }
    assert!(page.contains("HUDDLE_DATA_DIR"));
    // No pointer to per-command pages that are not installed.
    assert!(!page.contains("huddle\\-run(1)"));

    // groff, where installed, renders it without warnings.
    let Ok(groff) = Std::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        return;
    };
    use std::io::Write as _;
    let mut groff = groff;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let done = groff.wait_with_output().unwrap();
    assert!(done.status.success());
    assert_eq!(String::from_utf8_lossy(&done.stderr), "", "groff warnings");
}
