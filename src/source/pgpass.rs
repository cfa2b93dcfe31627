//! Where a warehouse password comes from, as libpq finds it: the `PGPASSWORD`
//! variable, then the password file (`PGPASSFILE`, default `~/.pgpass`), then, on a
//! terminal, a prompt that does not echo. The password is only ever handed to the
//! connection; it is never shown, logged or saved.

use super::pg_url::{PgHost, PgUrl};
use std::path::PathBuf;

/// Whether huddle may ask for a password when none is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Ask on the terminal (the CLI, when stdin and stderr are terminals).
    Terminal,
    /// Never ask (the player, scripts): say how to give one instead.
    Never,
}

impl Ask {
    /// [`Ask::Terminal`] when stdin and stderr are both terminals.
    pub fn when_interactive() -> Ask {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            Ask::Terminal
        } else {
            Ask::Never
        }
    }
}

/// A password found without asking, and a note when the password file was skipped.
#[derive(Debug, Default)]
pub struct Found {
    /// The password, when one applies.
    pub password: Option<String>,
    /// Why the password file was not used (e.g. others can read it).
    pub note: Option<String>,
}

/// Look in `PGPASSWORD`, then the password file, for `url` logging in as `user`.
pub fn find(url: &PgUrl, user: &str) -> Found {
    if let Ok(p) = std::env::var("PGPASSWORD")
        && !p.is_empty()
    {
        return Found {
            password: Some(p),
            note: None,
        };
    }
    let Some(path) = pass_file() else {
        return Found::default();
    };
    let Ok(meta) = std::fs::metadata(&path) else {
        return Found::default();
    };
    if !meta.is_file() {
        return Found::default();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Found {
                password: None,
                note: Some(format!(
                    "{} was not read because others can read it: run chmod 600 {}",
                    path.display(),
                    path.display()
                )),
            };
        }
    }
    if meta.len() > 1024 * 1024 {
        return Found::default();
    }
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let host = match &url.host {
        PgHost::Tcp(h) => h.clone(),
        PgHost::Socket(_) => "localhost".to_string(),
    };
    let port = url.port.to_string();
    let db = url.dbname.clone().unwrap_or_else(|| user.to_string());
    Found {
        password: lookup(&text, &host, &port, &db, user),
        note: None,
    }
}

/// The password file's path.
fn pass_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PGPASSFILE") {
        return Some(PathBuf::from(p));
    }
    directories::BaseDirs::new().map(|d| d.home_dir().join(".pgpass"))
}

/// The first line of a password file matching host, port, database and user
/// (`*` matches anything; `\:` and `\\` are a colon and a backslash).
pub fn lookup(text: &str, host: &str, port: &str, db: &str, user: &str) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(fields)
        .find(|f| {
            [host, port, db, user]
                .iter()
                .zip(f.iter())
                .all(|(want, got)| got == "*" || got == want)
        })
        .map(|f| f[4].clone())
}

fn fields(line: &str) -> Option<[String; 5]> {
    let mut out: Vec<String> = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(n), Some(last)) = (chars.next(), out.last_mut()) {
                    last.push(n);
                }
            }
            ':' if out.len() < 5 => out.push(String::new()),
            c => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out.try_into().ok()
}

/// Ask on the terminal, without echo.
pub fn prompt(url: &PgUrl, user: &str) -> Option<String> {
    let host = match &url.host {
        PgHost::Tcp(h) => h.clone(),
        PgHost::Socket(d) => d.display().to_string(),
    };
    rpassword::prompt_password(format!("Password for {user} on {host}: ")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_matching_line_wins_with_wildcards_and_escapes() {
        let text = "# comment\n\
                    db.example.org:5432:union:alice:first\n\
                    *:*:*:bob:pa\\:ss\\\\word\n\
                    *:*:*:*:fallback\n";
        let get = |h, p, d, u| lookup(text, h, p, d, u);
        assert_eq!(
            get("db.example.org", "5432", "union", "alice").as_deref(),
            Some("first")
        );
        assert_eq!(
            get("other", "1", "x", "bob").as_deref(),
            Some("pa:ss\\word")
        );
        assert_eq!(
            get("db.example.org", "5433", "union", "alice").as_deref(),
            Some("fallback")
        );
        assert_eq!(
            lookup("h:1:d:u\n", "h", "1", "d", "u"),
            None,
            "a short line is no match"
        );
    }
}
