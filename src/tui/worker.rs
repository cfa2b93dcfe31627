//! Slow work (loading tables, running queries, checking answers) runs on worker
//! threads so the screen stays responsive. Each job has an id; cancelling a job
//! forgets its id, and a forgotten job's result is dropped when it arrives.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// Runs jobs and collects their results.
pub struct Worker<T> {
    tx: Sender<(u64, Result<T, String>)>,
    rx: Receiver<(u64, Result<T, String>)>,
    pending: BTreeMap<u64, String>,
    /// Each running job's stop flag, set when it is cancelled (queries check it).
    stops: BTreeMap<u64, crate::sql::Cancel>,
    next: u64,
}

impl<T: Send + 'static> Default for Worker<T> {
    fn default() -> Self {
        let (tx, rx) = channel();
        Worker {
            tx,
            rx,
            pending: BTreeMap::new(),
            stops: BTreeMap::new(),
            next: 1,
        }
    }
}

/// Each job's stack: a known size, large enough for deep parser recursion (the
/// memory is only reserved; pages are used as the stack grows).
pub const JOB_STACK_BYTES: usize = 64 * 1024 * 1024;

impl<T: Send + 'static> Worker<T> {
    /// Start `job` on its own thread; `label` says what it is doing ("Running your query").
    pub fn spawn(
        &mut self,
        label: impl Into<String>,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> u64 {
        self.spawn_stoppable(label, move |_| job())
    }

    /// [`Worker::spawn`] for work that can stop early: `job` gets a flag that
    /// [`Worker::cancel_all`] sets (a query passes it to the engine, which stops).
    pub fn spawn_stoppable(
        &mut self,
        label: impl Into<String>,
        job: impl FnOnce(crate::sql::Cancel) -> T + Send + 'static,
    ) -> u64 {
        let id = self.next;
        self.next += 1;
        self.pending.insert(id, label.into());
        let stop = crate::sql::Cancel::new();
        self.stops.insert(id, stop.clone());
        let job = move || job(stop);
        let tx = self.tx.clone();
        // The job speaks the caller's language (a test may set it per thread).
        let lang = crate::i18n::lang();
        let spawned = std::thread::Builder::new()
            .name(format!("huddle-job-{id}"))
            .stack_size(JOB_STACK_BYTES)
            .spawn(move || {
                let _lang = crate::i18n::override_thread(lang);
                let out = catch_unwind(AssertUnwindSafe(job)).map_err(|p| {
                    let msg = p
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "unknown error".to_string());
                    format!("huddle hit an internal error while working: {msg}")
                });
                let _ = tx.send((id, out));
            });
        if let Err(e) = spawned {
            let _ = self
                .tx
                .send((id, Err(format!("could not start a worker thread: {e}"))));
        }
        id
    }

    /// What is running, if anything (the label of the oldest job).
    pub fn busy(&self) -> Option<&str> {
        self.pending.values().next().map(String::as_str)
    }

    /// Whether job `id` is still running and not cancelled.
    pub fn is_pending(&self, id: u64) -> bool {
        self.pending.contains_key(&id)
    }

    /// Forget every running job: their results will be dropped.
    pub fn cancel_all(&mut self) -> bool {
        let any = !self.pending.is_empty();
        self.pending.clear();
        for stop in std::mem::take(&mut self.stops).into_values() {
            stop.cancel();
        }
        any
    }

    /// Results that have arrived, for jobs not cancelled.
    pub fn drain(&mut self) -> Vec<(u64, Result<T, String>)> {
        let mut out = Vec::new();
        while let Ok((id, r)) = self.rx.try_recv() {
            self.stops.remove(&id);
            if self.pending.remove(&id).is_some() {
                out.push((id, r));
            }
        }
        out
    }

    /// Wait up to `timeout` for the next result of a job not cancelled.
    pub fn wait(&mut self, timeout: Duration) -> Option<(u64, Result<T, String>)> {
        let deadline = std::time::Instant::now() + timeout;
        while !self.pending.is_empty() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let got = self.rx.recv_timeout(left);
            if let Ok((id, _)) = &got {
                self.stops.remove(id);
            }
            match got {
                Ok((id, r)) if self.pending.remove(&id).is_some() => return Some((id, r)),
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancelling_sets_the_running_jobs_stop_flag() {
        let mut w: Worker<bool> = Worker::default();
        w.spawn_stoppable("query", |stop| {
            let started = std::time::Instant::now();
            while !stop.is_cancelled() && started.elapsed() < Duration::from_secs(10) {
                std::thread::sleep(Duration::from_millis(5));
            }
            stop.is_cancelled()
        });
        std::thread::sleep(Duration::from_millis(20));
        assert!(w.cancel_all());
        let (_, stopped) = w.rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(stopped, Ok(true));
    }

    #[test]
    fn results_arrive_and_cancelled_ones_are_dropped() {
        let mut w: Worker<u32> = Worker::default();
        let slow = w.spawn("slow", || {
            std::thread::sleep(Duration::from_millis(50));
            1
        });
        assert_eq!(w.busy(), Some("slow"));
        assert!(w.cancel_all());
        let fast = w.spawn("fast", || 2);
        let (id, r) = w.wait(Duration::from_secs(5)).unwrap();
        assert_eq!((id, r), (fast, Ok(2)));
        assert_ne!(slow, fast);
        std::thread::sleep(Duration::from_millis(80));
        assert!(
            w.drain().is_empty(),
            "the cancelled job's result is dropped"
        );
        assert_eq!(w.busy(), None);
    }

    #[test]
    fn a_panicking_job_becomes_an_error() {
        let mut w: Worker<u32> = Worker::default();
        w.spawn("boom", || panic!("bad"));
        let (_, r) = w.wait(Duration::from_secs(5)).unwrap();
        assert!(r.unwrap_err().contains("bad"));
    }
}
