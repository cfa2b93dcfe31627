//! The address of a warehouse table:
//! `postgres://USER@HOST:PORT/DB?table=SCHEMA.TABLE` or `…?query=SELECT …`.
//!
//! An address never holds a password: one written in it is refused, with the safe
//! ways to give it (`PGPASSWORD`, `~/.pgpass`, or being asked). `query=` is always
//! the last parameter and is taken exactly as written (spaces, `&` and `%` included),
//! so a query can be pasted in quotes without escaping.

use std::path::PathBuf;
use std::time::Duration;

/// Most rows fetched one by one unless the address says `max_rows=N`.
pub const DEFAULT_MAX_ROWS: usize = 1_000_000;
/// The largest `max_rows` an address may ask for.
pub const MAX_MAX_ROWS: usize = 50_000_000;
/// Seconds to wait for the server to answer a connection.
pub const DEFAULT_CONNECT_TIMEOUT: u64 = 10;
/// Longest address read, in bytes.
pub const MAX_URL_BYTES: usize = 100_000;

/// Where the server listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PgHost {
    /// A host name or IP address.
    Tcp(String),
    /// A directory holding the server's Unix socket.
    Socket(PathBuf),
}

/// What to read from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PgWhat {
    /// A table (or view), optionally in a schema.
    Table {
        /// The schema, when named.
        schema: Option<String>,
        /// The table.
        name: String,
    },
    /// The rows of one read-only query.
    Query(String),
}

/// Whether the connection is encrypted (libpq's `sslmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Never.
    Disable,
    /// When the server offers it.
    Prefer,
    /// Always, with the server's certificate checked.
    Require,
}

/// A parsed warehouse address.
#[derive(Debug, Clone, PartialEq)]
pub struct PgUrl {
    /// The role to log in as (default: the `PGUSER` variable, then the login name).
    pub user: Option<String>,
    /// The server.
    pub host: PgHost,
    /// Its port.
    pub port: u16,
    /// The database (default: the user's name, as libpq does).
    pub dbname: Option<String>,
    /// The table or query.
    pub what: PgWhat,
    /// Encryption (default: required off this machine, preferred on it).
    pub tls: TlsMode,
    /// A PEM file of certificates to trust besides the public ones.
    pub root_cert: Option<PathBuf>,
    /// How long to wait for a connection.
    pub connect_timeout: Duration,
    /// Most rows fetched one by one.
    pub max_rows: usize,
}

/// Whether `arg` is written as a Postgres address.
pub fn is_postgres_url(arg: &str) -> bool {
    let lower = arg.get(..13).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

const SAFE_WAYS: &str = "set the PGPASSWORD variable, add a line to ~/.pgpass (host:port:database:user:password, chmod 600), or leave it out and huddle asks for it";

impl PgUrl {
    /// Parse an address; the error names the part that is wrong and how to fix it.
    pub fn parse(arg: &str) -> Result<PgUrl, String> {
        if arg.len() > MAX_URL_BYTES {
            return Err(format!(
                "the database address is {} bytes long; huddle reads addresses up to {MAX_URL_BYTES}: put a long query in a view",
                arg.len()
            ));
        }
        let rest = arg
            .split_once("://")
            .map(|(_, r)| r)
            .ok_or("write the address as postgres://USER@HOST:PORT/DB?table=SCHEMA.TABLE")?;
        let (base, params) = rest.split_once('?').unwrap_or((rest, ""));
        // The user part ends at the last `@`, so a password holding `/` stays in it.
        let (userinfo, after) = match base.rfind('@') {
            Some(i) => (Some(&base[..i]), &base[i + 1..]),
            None => (None, base),
        };
        let (hostport, db) = after.split_once('/').unwrap_or((after, ""));
        if let Some(u) = userinfo
            && u.contains(':')
        {
            return Err(format!(
                "the address holds a password (after `{}:`); huddle never takes one in an address, where it stays in your shell history and shows on a shared screen: {SAFE_WAYS}",
                decode(u.split(':').next().unwrap_or(""))?
            ));
        }
        let user = userinfo.filter(|u| !u.is_empty()).map(decode).transpose()?;
        let (host, port) = host_port(hostport)?;
        let dbname = Some(decode(db)?).filter(|d| !d.is_empty());
        let mut url = PgUrl {
            user,
            host: match host {
                Some(h) if h.starts_with('/') => PgHost::Socket(h.into()),
                Some(h) => PgHost::Tcp(h),
                None => PgHost::Socket(PathBuf::from("/var/run/postgresql")),
            },
            port: port.unwrap_or(5432),
            dbname,
            what: PgWhat::Query(String::new()),
            tls: TlsMode::Prefer,
            root_cert: None,
            connect_timeout: Duration::from_secs(DEFAULT_CONNECT_TIMEOUT),
            max_rows: DEFAULT_MAX_ROWS,
        };
        let (what, tls) = url.read_params(params)?;
        url.what = what;
        url.tls = tls.unwrap_or(match &url.host {
            PgHost::Socket(_) => TlsMode::Disable,
            PgHost::Tcp(h) if is_loopback(h) => TlsMode::Prefer,
            PgHost::Tcp(_) => TlsMode::Require,
        });
        Ok(url)
    }

    /// Read `table=`, `query=` and the connection parameters.
    fn read_params(&mut self, params: &str) -> Result<(PgWhat, Option<TlsMode>), String> {
        let mut what = None;
        let mut tls = None;
        let mut rest = params;
        while !rest.is_empty() {
            if let Some(q) = rest.strip_prefix("query=") {
                if what.is_some() {
                    return Err("write either table= or query= in the address, not both".into());
                }
                what = Some(PgWhat::Query(q.trim().to_string()));
                break;
            }
            let (param, next) = rest.split_once('&').unwrap_or((rest, ""));
            rest = next;
            let (key, value) = param.split_once('=').unwrap_or((param, ""));
            let value = decode(value)?;
            match key {
                "" => {}
                "table" => {
                    if what.is_some() {
                        return Err("write either table= or query= in the address, not both".into());
                    }
                    what = Some(table(&value)?);
                }
                "host" if value.starts_with('/') => self.host = PgHost::Socket(value.into()),
                "host" => self.host = PgHost::Tcp(value),
                "port" => self.port = number(key, &value, 1, 65_535)? as u16,
                "user" => self.user = Some(value),
                "dbname" => self.dbname = Some(value),
                "sslmode" => tls = Some(tls_mode(&value)?),
                "sslrootcert" => self.root_cert = Some(value.into()),
                "connect_timeout" => {
                    self.connect_timeout = Duration::from_secs(number(key, &value, 1, 600)?)
                }
                "max_rows" => self.max_rows = number(key, &value, 1, MAX_MAX_ROWS as u64)? as usize,
                "password" => {
                    return Err(format!(
                        "the address holds a password (password=…); huddle never takes one in an address: {SAFE_WAYS}"
                    ));
                }
                other => {
                    let known = [
                        "table",
                        "query",
                        "host",
                        "port",
                        "user",
                        "dbname",
                        "sslmode",
                        "sslrootcert",
                        "connect_timeout",
                        "max_rows",
                    ];
                    return Err(format!(
                        "the address has a parameter `{other}` huddle does not know; {}",
                        crate::diag::suggestion(other, &known)
                    ));
                }
            }
        }
        let what = what.ok_or(
            "say what to read: end the address with ?table=SCHEMA.TABLE or ?query=SELECT …",
        )?;
        if let PgWhat::Query(q) = &what
            && q.is_empty()
        {
            return Err("`query=` is empty: write a SELECT after it".into());
        }
        Ok((what, tls))
    }

    /// The address as shown to people: server, database and what is read.
    pub fn label(&self) -> String {
        let user = self
            .user
            .as_deref()
            .map(|u| format!("{u}@"))
            .unwrap_or_default();
        let host = match &self.host {
            PgHost::Tcp(h) if h.contains(':') => format!("[{h}]:{}", self.port),
            PgHost::Tcp(h) => format!("{h}:{}", self.port),
            PgHost::Socket(dir) => format!("{} (socket)", dir.display()),
        };
        let db = self.dbname.as_deref().unwrap_or("");
        match &self.what {
            PgWhat::Table { .. } => format!(
                "postgres://{user}{host}/{db} table {}",
                self.relation_label()
            ),
            PgWhat::Query(_) => format!("postgres://{user}{host}/{db} query"),
        }
    }

    /// `schema.table` or `query`, for short messages.
    pub fn relation_label(&self) -> String {
        match &self.what {
            PgWhat::Table {
                schema: Some(s),
                name,
            } => format!("{s}.{name}"),
            PgWhat::Table { schema: None, name } => name.clone(),
            PgWhat::Query(_) => "query".into(),
        }
    }
}

/// `localhost`, `127.x.x.x` and `::1`.
pub fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

/// `arg` with any password in it replaced by `***`, for messages about an address
/// that could not be used.
pub fn redact(arg: &str) -> String {
    let Some((scheme, rest)) = arg.split_once("://") else {
        return arg.to_string();
    };
    let (base, params) = match rest.split_once('?') {
        Some((b, p)) => (b, Some(p)),
        None => (rest, None),
    };
    let (userinfo, after) = match base.rfind('@') {
        Some(i) => (Some(&base[..i]), &base[i + 1..]),
        None => (None, base),
    };
    let (hostport, path) = after
        .split_once('/')
        .map_or((after, None), |(a, p)| (a, Some(p)));
    let authority = match userinfo {
        Some(u) => {
            let user = u.split(':').next().unwrap_or("");
            let pw = if u.contains(':') { ":***" } else { "" };
            format!("{user}{pw}@{hostport}")
        }
        None => hostport.to_string(),
    };
    let mut out = format!("{scheme}://{authority}");
    if let Some(p) = path {
        out.push('/');
        out.push_str(p);
    }
    if let Some(params) = params {
        let mut kept = Vec::new();
        let mut rest = params;
        while !rest.is_empty() {
            if rest.starts_with("query=") {
                kept.push(rest.to_string());
                break;
            }
            let (param, next) = rest.split_once('&').unwrap_or((rest, ""));
            rest = next;
            kept.push(if param.starts_with("password=") {
                "password=***".to_string()
            } else {
                param.to_string()
            });
        }
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out
}

fn decode(s: &str) -> Result<String, String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| format!("`{s}` in the address is not valid text after %-decoding"))
}

fn host_port(hostport: &str) -> Result<(Option<String>, Option<u16>), String> {
    if hostport.is_empty() {
        return Ok((None, None));
    }
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (h, after) = v6
            .split_once(']')
            .ok_or("an IPv6 address needs its closing `]`, e.g. postgres://user@[::1]:5432/db")?;
        (h.to_string(), after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (decode(h)?, Some(p)),
            None => (decode(hostport)?, None),
        }
    };
    let port = port
        .map(|p| number("port", p, 1, 65_535).map(|n| n as u16))
        .transpose()?;
    Ok((Some(host).filter(|h| !h.is_empty()), port))
}

fn number(key: &str, value: &str, min: u64, max: u64) -> Result<u64, String> {
    value
        .parse::<u64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            format!("`{key}={value}` in the address: write a whole number from {min} to {max}")
        })
}

fn tls_mode(value: &str) -> Result<TlsMode, String> {
    match value {
        "disable" => Ok(TlsMode::Disable),
        "allow" | "prefer" => Ok(TlsMode::Prefer),
        "require" | "verify-ca" | "verify-full" => Ok(TlsMode::Require),
        other => Err(format!(
            "`sslmode={other}` in the address: write disable, prefer or require"
        )),
    }
}

/// `table=members`, `table=public.members`, `table="Sign ups"."2024"`.
fn table(value: &str) -> Result<PgWhat, String> {
    let parts = split_ident(value)?;
    match parts.as_slice() {
        [name] => Ok(PgWhat::Table {
            schema: None,
            name: name.clone(),
        }),
        [schema, name] => Ok(PgWhat::Table {
            schema: Some(schema.clone()),
            name: name.clone(),
        }),
        _ => Err(format!(
            "`table={value}`: write TABLE or SCHEMA.TABLE (put a name with a dot in double quotes)"
        )),
    }
}

/// Split `a.b` on dots outside double quotes, unquoting `"x"` (`""` is a quote).
fn split_ident(value: &str) -> Result<Vec<String>, String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(p) = parts.last_mut() {
                    p.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            ('.', false) => parts.push(String::new()),
            (c, _) => {
                if let Some(p) = parts.last_mut() {
                    p.push(c)
                }
            }
        }
    }
    if quoted {
        return Err(format!("`table={value}`: a double quote is not closed"));
    }
    if parts.iter().any(|p| p.is_empty()) {
        return Err(format!(
            "`table={value}`: a name is empty; write TABLE or SCHEMA.TABLE"
        ));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_address_reads_every_part() {
        let u = PgUrl::parse("postgres://organizer@db.example.org:6543/union?table=public.members")
            .unwrap();
        assert_eq!(u.user.as_deref(), Some("organizer"));
        assert_eq!(u.host, PgHost::Tcp("db.example.org".into()));
        assert_eq!(u.port, 6543);
        assert_eq!(u.dbname.as_deref(), Some("union"));
        assert_eq!(
            u.what,
            PgWhat::Table {
                schema: Some("public".into()),
                name: "members".into()
            }
        );
        assert_eq!(
            u.tls,
            TlsMode::Require,
            "off this machine, encryption is required"
        );
        assert_eq!(
            u.label(),
            "postgres://organizer@db.example.org:6543/union table public.members"
        );
    }

    #[test]
    fn a_query_is_the_rest_of_the_address_as_written() {
        let u = PgUrl::parse(
            "postgresql://me@localhost/db?max_rows=50&query=SELECT a, b FROM t WHERE name LIKE '%ab%' AND x = 1 & 2",
        )
        .unwrap();
        assert_eq!(
            u.what,
            PgWhat::Query("SELECT a, b FROM t WHERE name LIKE '%ab%' AND x = 1 & 2".into())
        );
        assert_eq!(u.max_rows, 50);
        assert_eq!(u.tls, TlsMode::Prefer);
    }

    #[test]
    fn a_password_is_refused_and_never_repeated() {
        for url in [
            "postgres://alice:Sentinel-Pw-42@host/db?table=t",
            "postgres://alice@host/db?password=Sentinel-Pw-42&table=t",
            "postgres://alice:Senti/nel:Pw@host/db?table=t",
        ] {
            let e = PgUrl::parse(url).unwrap_err();
            assert!(e.contains("PGPASSWORD") && e.contains("pgpass"), "{e}");
            assert!(!e.contains("Sentinel"), "the password leaked: {e}");
            let shown = redact(url);
            assert!(
                !shown.contains("Sentinel") && shown.contains("***"),
                "{shown}"
            );
        }
    }

    #[test]
    fn wrong_parts_name_the_fix() {
        let e = PgUrl::parse("postgres://u@h/db").unwrap_err();
        assert!(e.contains("?table="), "{e}");
        let e = PgUrl::parse("postgres://u@h:99999/db?table=t").unwrap_err();
        assert!(e.contains("port=99999") && e.contains("65535"), "{e}");
        let e = PgUrl::parse("postgres://u@h/db?tabel=t").unwrap_err();
        assert!(e.contains("`tabel`") && e.contains("table"), "{e}");
        let e = PgUrl::parse("postgres://u@h/db?table=a.b.c").unwrap_err();
        assert!(e.contains("SCHEMA.TABLE"), "{e}");
        let e = PgUrl::parse("postgres://u@h/db?table=t&query=SELECT 1").unwrap_err();
        assert!(e.contains("not both"), "{e}");
    }

    #[test]
    fn quoted_names_sockets_and_ipv6() {
        let u = PgUrl::parse("postgres://u@/db?host=/tmp/pg&table=\"Sign.ups\".\"2024\"").unwrap();
        assert_eq!(u.host, PgHost::Socket("/tmp/pg".into()));
        assert_eq!(u.tls, TlsMode::Disable);
        assert_eq!(u.relation_label(), "Sign.ups.2024");
        let u = PgUrl::parse("postgres://u@[::1]:5433/db?table=t").unwrap();
        assert_eq!((u.host.clone(), u.port), (PgHost::Tcp("::1".into()), 5433));
        assert_eq!(u.tls, TlsMode::Prefer);
        assert!(is_postgres_url("POSTGRES://x"));
        assert!(!is_postgres_url("members.csv"));
    }
}
