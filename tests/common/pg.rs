//! A real, throwaway Postgres server for the warehouse tests: a cluster made with
//! `initdb` in a temporary folder, started on a Unix socket there and a free
//! loopback port, loaded with `tests/fixtures/postgres/fixtures.sql`, and stopped
//! (and its folder removed) by a watchdog as soon as the test process ends, pass or
//! fail. As root (CI), the server runs as the `postgres` user, since `initdb`
//! refuses root. `scripts/pg-test-server` does the same by hand.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// A running test server.
pub struct Pg {
    /// The folder of its Unix socket.
    pub socket_dir: PathBuf,
    /// Its loopback port.
    pub port: u16,
    /// Its log: every statement it ran (`log_statement = all`).
    pub log: PathBuf,
    /// The test authority that signed the server's certificate (for 127.0.0.1 and
    /// `localhost`): the server offers TLS on its port, as a packaged Postgres does.
    pub ca_cert: PathBuf,
}

/// The password of the `reader` role, which must log in with it over TCP.
pub const READER_PASSWORD: &str = "Sentinel-Pw-7731";

static SERVER: OnceLock<Result<Pg, String>> = OnceLock::new();

/// The server, started on first use by this test binary.
pub fn server() -> &'static Pg {
    match SERVER.get_or_init(start) {
        Ok(pg) => pg,
        Err(e) => panic!(
            "these tests need a real Postgres server and could not start one: {e}\n\
             Install it (Debian: apt-get install postgresql) or see scripts/pg-test-server"
        ),
    }
}

impl Pg {
    /// `postgres://USER@127.0.0.1:PORT/postgres?REST`.
    pub fn tcp_url(&self, user: &str, rest: &str) -> String {
        format!("postgres://{user}@127.0.0.1:{}/postgres?{rest}", self.port)
    }

    /// The same over the Unix socket, as `postgres`, with no password.
    pub fn socket_url(&self, rest: &str) -> String {
        format!(
            "postgres://postgres@/postgres?host={}&port={}&{rest}",
            self.socket_dir.display(),
            self.port
        )
    }

    /// What the server logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Run SQL as `postgres` through psql; panics with psql's message on failure.
    pub fn psql(&self, sql: &str) -> String {
        let out = Command::new("psql")
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
            .args(["-h", &self.socket_dir.display().to_string()])
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                "postgres",
            ])
            .args(["-c", sql])
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "psql failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// The folder of `initdb` and `pg_ctl`: `$HUDDLE_PG_BIN`, the `PATH`, or Debian's.
fn bin_dir() -> Result<PathBuf, String> {
    if let Some(d) = std::env::var_os("HUDDLE_PG_BIN") {
        return Ok(PathBuf::from(d));
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let d = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if d.join("initdb").is_file() {
            return Ok(d);
        }
    }
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|r| r.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    debian.sort();
    debian
        .into_iter()
        .rev()
        .find(|d| d.join("initdb").is_file())
        .ok_or_else(|| "no initdb found (set HUDDLE_PG_BIN to the folder of initdb)".into())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A command for a server program, as `postgres` when we are root.
fn server_cmd(bin: &Path, program: &str, root: bool) -> Command {
    let exe = bin.join(program);
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(exe).current_dir("/");
        c
    } else {
        Command::new(exe)
    }
}

fn run(mut c: Command, what: &str) -> Result<(), String> {
    let out = c.output().map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

fn start() -> Result<Pg, String> {
    let bin = bin_dir()?;
    let root = is_root();
    let dir = tempfile::Builder::new()
        .prefix("huddle-pg-")
        .tempdir()
        .map_err(|e| e.to_string())?
        .keep();
    certificates(&dir)?;
    if root {
        run(
            {
                let mut c = Command::new("chown");
                c.args(["-R", "postgres:"]).arg(&dir);
                c
            },
            "chown",
        )?;
    }
    let data = dir.join("data");
    let log = dir.join("server.log");
    let mut init = server_cmd(&bin, "initdb", root);
    init.args([
        "-A",
        "trust",
        "-U",
        "postgres",
        "--no-sync",
        "--no-locale",
        "-E",
        "UTF8",
        "-D",
    ])
    .arg(&data);
    run(init, "initdb")?;
    // The reader must give its password over TCP; everyone else is trusted.
    let hba = "local all all trust\n\
               host all reader 127.0.0.1/32 scram-sha-256\n\
               host all all 127.0.0.1/32 trust\n";
    std::fs::write(data.join("pg_hba.conf"), hba).map_err(|e| e.to_string())?;
    let port = free_port()?;
    let options = format!(
        "-p {port} -k '{d}' -c listen_addresses=127.0.0.1 -c log_statement=all -c fsync=off \
         -c ssl=on -c ssl_cert_file='{d}/server.pem' -c ssl_key_file='{d}/server.key'",
        d = dir.display()
    );
    let mut ctl = server_cmd(&bin, "pg_ctl", root);
    ctl.args(["-w", "-t", "60", "-D"])
        .arg(&data)
        .args(["-l"])
        .arg(&log)
        .args(["-o", &options, "start"]);
    run(ctl, "pg_ctl start")?;
    watchdog(&bin, &dir, &data, root);
    let pg = Pg {
        socket_dir: dir.clone(),
        port,
        log,
        ca_cert: dir.join("ca.pem"),
    };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postgres");
    let sql = std::fs::read_to_string(fixtures.join("fixtures.sql")).map_err(|e| e.to_string())?;
    pg.psql(&sql);
    let members = fixtures
        .parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .map(|root| root.join("sample-data/members.csv"))
        .ok_or("no sample-data")?;
    // Client-side \copy: the server may not be able to read the checkout.
    let mut copy = Command::new("psql");
    copy.env("PGDATESTYLE", "ISO, MDY")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1"])
        .args(["-h", &pg.socket_dir.display().to_string()])
        .args([
            "-p",
            &port.to_string(),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-c",
        ])
        .arg(format!(
            "\\copy public.members FROM '{}' WITH (FORMAT csv, HEADER true)",
            members.display()
        ));
    run(copy, "loading sample-data/members.csv")?;
    Ok(pg)
}

/// A test authority (`ca.pem`) and the server's key and certificate signed by it
/// (`server.key`, `server.pem`), made with the `openssl` command.
fn certificates(dir: &Path) -> Result<(), String> {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let openssl = |args: &[&str], what: &str| {
        let mut c = Command::new("openssl");
        c.args(args).current_dir(dir);
        run(c, what).map_err(|e| format!("{e} (the tests need the openssl command)"))
    };
    openssl(
        &[
            &["req", "-x509"],
            &ec[..],
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "3",
                "-subj",
                "/CN=huddle test authority",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        ]
        .concat(),
        "making the test authority",
    )?;
    openssl(
        &[
            &["req"],
            &ec[..],
            &[
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=127.0.0.1",
            ],
        ]
        .concat(),
        "making the server's key",
    )?;
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n\
         keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .map_err(|e| e.to_string())?;
    openssl(
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "3",
            "-extfile",
            "server.ext",
        ],
        "signing the server's certificate",
    )?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The server refuses a key others can read.
        std::fs::set_permissions(
            dir.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Stop the server and remove its folder when this process ends, however it ends.
fn watchdog(bin: &Path, dir: &Path, data: &Path, root: bool) {
    let me = std::process::id();
    let stop = format!(
        "{}{} -D '{}' stop -m immediate >/dev/null 2>&1",
        if root { "runuser -u postgres -- " } else { "" },
        bin.join("pg_ctl").display(),
        data.display()
    );
    let script = format!(
        "while kill -0 {me} 2>/dev/null; do sleep 1; done; {stop}; rm -rf '{}'",
        dir.display()
    );
    let mut c = Command::new("sh");
    c.args(["-c", &script])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        c.process_group(0);
    }
    let _ = c.spawn();
}
