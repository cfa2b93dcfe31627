//! A table or query in a Postgres-compatible warehouse (Postgres, Redshift), read
//! over the wire protocol with TLS (rustls). Every statement runs in a read-only
//! transaction with a time budget; rows fetched one by one stop at a cap and can be
//! stopped (Esc in the player); group-bys run in the database.

use super::pg_sql::{self, DateKind, MAX_GROUPS};
use super::pg_types::{self, Fetch};
use super::pg_url::{PgHost, PgUrl, PgWhat, TlsMode};
use super::pgpass::{self, Ask};
use super::{ColumnDesc, Combine, GroupBy, Grouped, TableSource};
use crate::data::decode::TextEncoding;
use crate::data::import::{ImportReport, RawTable};
use crate::data::load_progress::{LoadProgress, Stage};
use crate::data::types::ColumnType;
use futures::StreamExt;
use polars::prelude::*;
use std::time::Duration;
use tokio_postgres::error::SqlState;

/// How long one statement may run in the warehouse.
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(300);

/// A warehouse table, connected on first use.
pub struct PgSource {
    url: PgUrl,
    ask: Ask,
    conn: Option<Conn>,
}

struct Conn {
    rt: tokio::runtime::Runtime,
    client: tokio_postgres::Client,
    tls: tokio_postgres_rustls::MakeRustlsConnect,
}

impl PgSource {
    /// A source for `url`; `ask` says whether a missing password may be asked for.
    pub fn new(url: PgUrl, ask: Ask) -> PgSource {
        PgSource {
            url,
            ask,
            conn: None,
        }
    }

    fn conn(&mut self) -> Result<&mut Conn, String> {
        if self.conn.is_none() {
            self.conn = Some(connect(&self.url, self.ask)?);
        }
        self.conn
            .as_mut()
            .ok_or_else(|| "the connection was lost".to_string())
    }

    /// The columns with how each is fetched.
    fn plan(&mut self) -> Result<Vec<(ColumnDesc, Fetch)>, String> {
        if let PgWhat::Query(q) = &self.url.what {
            crate::sql::guard::guard_warehouse(q)
                .map_err(|e| format!("the query in the address: {e}"))?;
        }
        let sql = format!("SELECT * FROM {}", pg_sql::relation(&self.url.what));
        let url = self.url.clone();
        let conn = self.conn()?;
        let stmt = conn
            .rt
            .block_on(conn.client.prepare(&sql))
            .map_err(|e| explain_sent(&e, &url, Some(sql.as_str())))?;
        Ok(stmt
            .columns()
            .iter()
            .map(|c| {
                let (fetch, kind) = pg_types::plan(c.type_());
                (
                    ColumnDesc {
                        name: c.name().to_string(),
                        kind,
                        source_type: c.type_().name().to_string(),
                    },
                    fetch,
                )
            })
            .collect())
    }

    /// Run `sql` in a read-only transaction, handing each row to `each`; stops when
    /// `progress` is cancelled.
    fn stream(
        &mut self,
        sql: &str,
        progress: &LoadProgress,
        mut each: impl FnMut(&tokio_postgres::Row) -> Result<(), String>,
    ) -> Result<(), String> {
        let url = self.url.clone();
        let conn = self.conn()?;
        let Conn { rt, client, tls } = conn;
        rt.block_on(async {
            let tx = client
                .build_transaction()
                .read_only(true)
                .start()
                .await
                .map_err(|e| explain(&e, &url))?;
            let rows = tx
                .query_raw(sql, std::iter::empty::<i32>())
                .await
                .map_err(|e| explain_sent(&e, &url, Some(sql)))?;
            futures::pin_mut!(rows);
            let cancel = tx.cancel_token();
            loop {
                let next = tokio::time::timeout(Duration::from_millis(200), rows.next()).await;
                if progress.is_cancelled() {
                    let _ = cancel.cancel_query(tls.clone()).await;
                    return Err(crate::data::import::ImportError::Stopped.to_string());
                }
                match next {
                    Err(_) => continue,
                    Ok(None) => break,
                    Ok(Some(row)) => each(&row.map_err(|e| explain_sent(&e, &url, Some(sql)))?)?,
                }
            }
            tx.rollback().await.map_err(|e| explain(&e, &url))
        })
    }
}

impl TableSource for PgSource {
    fn label(&self) -> String {
        self.url.label()
    }

    fn describe(&mut self) -> Result<Vec<ColumnDesc>, String> {
        Ok(self.plan()?.into_iter().map(|(d, _)| d).collect())
    }

    fn read(
        &mut self,
        columns: Option<&[String]>,
        limit: Option<usize>,
        progress: &LoadProgress,
    ) -> Result<RawTable, String> {
        let plan = self.plan()?;
        let chosen: Vec<(ColumnDesc, Fetch)> = match columns {
            None => plan,
            Some(names) => names
                .iter()
                .map(|n| {
                    plan.iter()
                        .find(|(d, _)| &d.name == n)
                        .cloned()
                        .ok_or_else(|| missing_column(n, &plan))
                })
                .collect::<Result<_, _>>()?,
        };
        let (cap, cut) = match limit {
            Some(n) => (n.min(self.url.max_rows), true),
            None => (self.url.max_rows, false),
        };
        let sql = pg_sql::read(
            &self.url.what,
            &chosen
                .iter()
                .map(|(d, f)| (d.name.clone(), *f))
                .collect::<Vec<_>>(),
            if cut { cap } else { cap.saturating_add(1) },
        );
        let fetching = progress.stage_span(Stage::Reading, 0.0, 1.0);
        let mut cells: Vec<Vec<Option<String>>> = vec![Vec::new(); chosen.len()];
        let mut rows = 0usize;
        let label = self.url.relation_label();
        self.stream(&sql, progress, |row| {
            rows += 1;
            if rows > cap {
                return Err(over_cap(&label, cap));
            }
            for (i, (desc, fetch)) in chosen.iter().enumerate() {
                let v = pg_types::cell(row, i, *fetch)
                    .map_err(|e| format!("column `{}`: {e}", desc.name))?;
                cells[i].push(v);
            }
            if rows.is_multiple_of(10_000) {
                fetching.set(rows as f32 / cap as f32);
            }
            Ok(())
        })?;
        fetching.finish();
        let columns: Vec<Column> = chosen
            .iter()
            .zip(cells)
            .map(|((d, _), v)| Column::new(d.name.as_str().into(), v))
            .collect();
        let df = DataFrame::new(rows, columns).map_err(|e| e.to_string())?;
        let mut report = ImportReport::new(TextEncoding::Postgres, df.height(), df.width());
        report.types = chosen
            .iter()
            .map(|(d, _)| (d.name.clone(), d.kind))
            .collect();
        Ok(RawTable {
            row_lines: (1..=rows as u32).collect(),
            df,
            report,
        })
    }

    fn aggregate(&mut self, spec: &GroupBy, value: &str) -> Result<Grouped, String> {
        let plan = self.plan()?;
        let find = |n: &str| {
            plan.iter()
                .find(|(d, _)| d.name == n)
                .cloned()
                .ok_or_else(|| missing_column(n, &plan))
        };
        let (xd, xf) = find(&spec.x)?;
        let y = match (&spec.y, spec.combine) {
            (Some(y), Combine::Sum | Combine::Mean) => {
                let (yd, yf) = find(y)?;
                if !matches!(yd.kind, ColumnType::Integer | ColumnType::Number) {
                    return Err(format!(
                        "--agg {} needs numbers, and `{y}` holds {} ({}): pick a number column, or leave out --y to count rows",
                        if spec.combine == Combine::Sum {
                            "sum"
                        } else {
                            "mean"
                        },
                        yd.kind.as_str(),
                        yd.source_type
                    ));
                }
                Some((y.as_str(), yf))
            }
            _ => None,
        };
        let date = DateKind::of(xf).filter(|_| spec.bucket_dates);
        if spec.every.is_some() && date.is_none() {
            return Err(format!(
                "--every needs dates, and `{}` holds {} ({}): pick a date column",
                spec.x,
                xd.kind.as_str(),
                xd.source_type
            ));
        }
        let bucket = date.map(|k| (k, spec.every.unwrap_or(crate::chart::Every::Day)));
        let sql = pg_sql::group_by(&self.url.what, (&spec.x, xf), bucket, y);
        let mut groups: Vec<(Option<String>, i64, f64, i64)> = Vec::new();
        let x_fetch = if date.is_some() { Fetch::Date } else { xf };
        self.stream(&sql, &LoadProgress::new(), |row| {
            if groups.len() >= MAX_GROUPS {
                return Err(format!(
                    "`{}` has more than {MAX_GROUPS} different values, too many to chart: pick a column with fewer values",
                    spec.x
                ));
            }
            let x = pg_types::cell(row, 0, x_fetch).map_err(|e| e.to_string())?;
            let n: i64 = row.try_get(1).map_err(|e| e.to_string())?;
            let (s, ny) = if y.is_some() {
                let s: Option<f64> = row.try_get(2).map_err(|e| e.to_string())?;
                let ny: i64 = row.try_get(3).map_err(|e| e.to_string())?;
                (s.unwrap_or(0.0), ny)
            } else {
                (0.0, 0)
            };
            groups.push((x, n, s, ny));
            Ok(())
        })?;
        let every = match (date, spec.every) {
            (None, _) => None,
            (Some(_), Some(e)) => Some(e),
            (Some(_), None) => rebucket(&mut groups),
        };
        let rows = groups.iter().map(|g| g.1.max(0) as usize).sum();
        let x_kind = if date.is_some() {
            ColumnType::Date
        } else {
            xd.kind
        };
        let xs: Vec<Option<String>> = groups.iter().map(|g| g.0.clone()).collect();
        let x_col = crate::data::types::convert_text_column(
            &Column::new(spec.x.as_str().into(), xs),
            x_kind,
        )
        .map_err(|b| format!("`{}`: could not read `{}`", spec.x, b.value))?;
        let values: Column = match spec.combine {
            Combine::Count => {
                Column::new(value.into(), groups.iter().map(|g| g.1).collect::<Vec<_>>())
            }
            Combine::Sum => Column::new(
                value.into(),
                groups
                    .iter()
                    .map(|g| (g.1 > 0).then_some(g.2))
                    .collect::<Vec<_>>(),
            ),
            Combine::Mean => Column::new(
                value.into(),
                groups
                    .iter()
                    .map(|g| (g.3 > 0).then(|| g.2 / g.3 as f64))
                    .collect::<Vec<_>>(),
            ),
        };
        let df = DataFrame::new(groups.len(), vec![x_col, values]).map_err(|e| e.to_string())?;
        Ok(Grouped { df, every, rows })
    }
}

/// Days grouped one by one: past [`crate::chart::AUTO_MAX_POINTS`] days, add them
/// up into the bucket [`crate::chart::Every::auto`] picks (as a file's dates are).
fn rebucket(groups: &mut Vec<(Option<String>, i64, f64, i64)>) -> Option<crate::chart::Every> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    let day = |s: &Option<String>| {
        s.as_deref()
            .and_then(crate::data::types::parse_date)
            .map(|d| (d - epoch).num_days())
    };
    let days: Vec<i64> = groups.iter().filter_map(|g| day(&g.0)).collect();
    if days.len() as i64 <= crate::chart::AUTO_MAX_POINTS {
        return None;
    }
    let (lo, hi) = (*days.iter().min()?, *days.iter().max()?);
    let every = crate::chart::Every::auto(lo, hi);
    let mut sums = std::collections::BTreeMap::<Option<i64>, (i64, f64, i64)>::new();
    for g in groups.iter() {
        let e = sums.entry(day(&g.0).map(|d| every.start(d))).or_default();
        e.0 += g.1;
        e.1 += g.2;
        e.2 += g.3;
    }
    *groups = sums
        .into_iter()
        .map(|(d, (n, s, ny))| {
            let x = d.map(|d| {
                (epoch + chrono::Duration::days(d))
                    .format("%Y-%m-%d")
                    .to_string()
            });
            (x, n, s, ny)
        })
        .collect();
    Some(every)
}

fn missing_column(name: &str, plan: &[(ColumnDesc, Fetch)]) -> String {
    let names: Vec<&str> = plan.iter().map(|(d, _)| d.name.as_str()).collect();
    format!(
        "the table has no column `{name}`; {}",
        crate::diag::suggestion(name, &names)
    )
}

fn over_cap(label: &str, cap: usize) -> String {
    format!(
        "{label} has more than {cap} rows, the most huddle fetches row by row: chart it (the counting runs in the database), narrow it with ?query=SELECT … WHERE …, or raise the cap with &max_rows=N"
    )
}

/// Connect, finding the password the safe ways; every failure in plain words.
fn connect(url: &PgUrl, ask: Ask) -> Result<Conn, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the connection: {e}"))?;
    let user = url
        .user
        .clone()
        .or_else(|| std::env::var("PGUSER").ok())
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "postgres".to_string());
    let found = pgpass::find(url, &user);
    let tls = super::pg_tls::connector(url)?;
    let mut password = found.password;
    let mut asked = false;
    loop {
        let config = config(url, &user, password.as_deref());
        let attempt = rt.block_on(async {
            tokio::time::timeout(url.connect_timeout * 2, config.connect(tls.clone())).await
        });
        match attempt {
            Err(_) => return Err(no_answer(url)),
            Ok(Ok((client, connection))) => {
                rt.spawn(connection);
                let budget = format!("SET statement_timeout = {}", STATEMENT_TIMEOUT.as_millis());
                rt.block_on(client.batch_execute(&budget))
                    .map_err(|e| explain(&e, url))?;
                return Ok(Conn { rt, client, tls });
            }
            Ok(Err(e)) if password.is_none() && needs_password(&e) => {
                if ask == Ask::Terminal && !asked {
                    asked = true;
                    password = pgpass::prompt(url, &user);
                    if password.is_some() {
                        continue;
                    }
                }
                let note = found
                    .note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                return Err(format!(
                    "{} asks for a password for `{user}`: set the PGPASSWORD variable or add a line to ~/.pgpass (host:port:database:user:password, chmod 600){note}",
                    server(url)
                ));
            }
            Ok(Err(e)) => return Err(explain(&e, url)),
        }
    }
}

fn config(url: &PgUrl, user: &str, password: Option<&str>) -> tokio_postgres::Config {
    let mut c = tokio_postgres::Config::new();
    match &url.host {
        PgHost::Tcp(h) => c.host(h),
        PgHost::Socket(dir) => c.host_path(dir),
    };
    c.port(url.port)
        .user(user)
        .dbname(url.dbname.as_deref().unwrap_or(user))
        .application_name("huddle")
        .connect_timeout(url.connect_timeout)
        .ssl_mode(match url.tls {
            TlsMode::Disable => tokio_postgres::config::SslMode::Disable,
            TlsMode::Prefer => tokio_postgres::config::SslMode::Prefer,
            TlsMode::Require => tokio_postgres::config::SslMode::Require,
        });
    if let Some(p) = password {
        c.password(p);
    }
    c
}

fn server(url: &PgUrl) -> String {
    match &url.host {
        PgHost::Tcp(h) => format!("the server {h}:{}", url.port),
        PgHost::Socket(d) => format!("the server at {} (port {})", d.display(), url.port),
    }
}

fn no_answer(url: &PgUrl) -> String {
    format!(
        "{} did not answer within {} s: check the host and port, and your VPN or firewall (raise the wait with &connect_timeout=SECONDS)",
        server(url),
        url.connect_timeout.as_secs()
    )
}

fn needs_password(e: &tokio_postgres::Error) -> bool {
    std::error::Error::source(e).is_some_and(|s| s.to_string().contains("password missing"))
}

/// A driver or server error in words a data manager can act on.
fn explain(e: &tokio_postgres::Error, url: &PgUrl) -> String {
    explain_sent(e, url, None)
}

/// [`explain`] for an error in the statement `sent`: a position the server gives is
/// told as a line and column of the query in the address, when it falls there.
/// Server messages are kept (they never hold a password; huddle never sends one in
/// SQL); they may quote a value, so `--mask` scrubs them where they are shown.
fn explain_sent(e: &tokio_postgres::Error, url: &PgUrl, sent: Option<&str>) -> String {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let text = db.message();
        return if *code == SqlState::INVALID_PASSWORD {
            format!(
                "{} refused the password (28P01): check PGPASSWORD or your ~/.pgpass line for this server",
                server(url)
            )
        } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            format!("{} refused the login: {text}", server(url))
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            format!("{text}: check the database name after the `/` in the address")
        } else if *code == SqlState::UNDEFINED_TABLE {
            format!(
                "the database has no table {}: {text}; check ?table=SCHEMA.TABLE (names are case-sensitive when quoted)",
                url.relation_label()
            )
        } else if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            format!("huddle only reads from a warehouse, and this would write: {text}")
        } else if *code == SqlState::QUERY_CANCELED {
            format!(
                "the database stopped the query ({text}); huddle gives a statement {} s: narrow it with a WHERE, or chart it so the counting runs in the database",
                STATEMENT_TIMEOUT.as_secs()
            )
        } else {
            let at = match (db.position(), sent) {
                (Some(tokio_postgres::error::ErrorPosition::Original(p)), Some(sent)) => {
                    pg_sql::place_in_query(&url.what, sent, *p)
                        .map(|(line, col)| {
                            format!(" (line {line}, column {col} of the query in the address)")
                        })
                        .unwrap_or_default()
                }
                _ => String::new(),
            };
            format!("the database says: {text}{at} [{}]", code.code())
        };
    }
    let text = e.to_string();
    let source = std::error::Error::source(e)
        .map(|s| s.to_string())
        .unwrap_or_default();
    if source.contains("refused") || text.contains("refused") {
        format!(
            "could not reach {}: the connection was refused. Check the host and port, and that the server is running",
            server(url)
        )
    } else if source.contains("timed out") || text.contains("timed out") {
        no_answer(url)
    } else if source.contains("UnknownIssuer") || source.contains("NotValidForName") {
        format!(
            "{} showed a certificate that no authority huddle trusts vouches for ({source}). If the server has its own authority, add &sslrootcert=FILE.pem with that authority's certificate; on your own network, &sslmode=prefer encrypts without checking",
            server(url)
        )
    } else if text.contains("TLS") || source.contains("certificate") || source.contains("tls") {
        format!(
            "{} could not set up encryption: {source}. For a server with its own certificate, add &sslrootcert=FILE.pem",
            server(url)
        )
    } else if source.is_empty() {
        format!("{}: {text}", server(url))
    } else {
        format!("{}: {text}: {source}", server(url))
    }
}
