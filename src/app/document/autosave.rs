//! This instance's autosave, on a thread of its own so that it never waits for a frame (a
//! covered, hidden or minimised window gets none): each frame hands the worker the unsaved
//! work when it changed (a copy of the scenario, cheap; the text is made on the worker), and
//! the worker writes it to the instance's own recovery file (see [`crate::io::recovery`]) once
//! the edits pause for [`Timing::quiet`], and never later than [`Timing::deadline`] after the
//! first change not yet written. The file goes when the work is saved or discarded. At rest the
//! worker sleeps on a condition variable: no timer, no wake-up. The dialog that offers the
//! work back after a crash is in [`crate::app::windows::recovery`].

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::Utc;

use crate::app::document::Document;
use crate::io::recovery::{Instance, Record, RecoveryError, Store};
use crate::io::scenario_file::{FileState, to_text_keeping};
use crate::model::Scenario;

/// How long a flush (after Recover, or at exit) waits for the worker before it gives up.
const FLUSH_LIMIT: Duration = Duration::from_secs(10);

/// When the worker writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Unsaved work is written once the edits pause this long…
    pub quiet: Duration,
    /// …and never later than this after the first change not yet written.
    pub deadline: Duration,
}

impl Timing {
    /// The app's timing: a second's pause, five seconds at most.
    pub const DEFAULT: Timing = Timing { quiet: Duration::from_secs(1), deadline: Duration::from_secs(5) };

    /// When work first changed at `first` and last changed at `last` is due.
    pub fn due(&self, first: Instant, last: Instant) -> Instant {
        (last + self.quiet).min(first + self.deadline)
    }
}

/// What an autosave did, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub enum Tick {
    /// Nothing to report.
    Quiet,
    /// Wrote the recovery file.
    Wrote,
    /// Writing failed: the message for the status bar.
    Failed(String),
    /// Writing works again after a failure.
    Recovered,
}

/// This instance's autosave: the worker that writes its recovery file, and what the frames
/// last handed it.
pub struct Autosave {
    worker: Option<Worker>,
    /// The document and scenario last handed to the worker; `None`: nothing unsaved (the file
    /// is cleared).
    handed: Option<(Option<PathBuf>, Scenario)>,
    failure: Option<String>,
}

/// The worker thread and the slot it shares with the frames.
struct Worker {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    file: PathBuf,
    woken: bool,
}

struct Shared {
    slot: Mutex<Slot>,
    changed: Condvar,
}

/// What a frame hands the worker: the work as it is now.
struct Snapshot {
    document: Option<PathBuf>,
    title: String,
    scenario: Scenario,
    file: FileState,
}

enum Job {
    Write(Box<Snapshot>),
    Clear,
}

/// How the worker ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Write what is pending and keep the file (unsaved work for the next start).
    Keep,
    /// Remove the file and the instance's lock (the work is saved, or discarded).
    Remove,
}

#[derive(Default)]
struct Slot {
    job: Option<Job>,
    /// When the first change not yet written, and the last change, were handed.
    first: Option<Instant>,
    last: Option<Instant>,
    flush: bool,
    stop: Option<Stop>,
    /// Jobs handed, and jobs done (the worker's progress, for flushes and tests).
    handed: u64,
    done: u64,
    writes: u64,
    /// A change of state to report (failed, or works again), not yet read by a frame.
    report: Option<Tick>,
    failing: bool,
    /// Wakes the app when there is something to report.
    waker: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Slot> {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Autosave {
    /// An autosave that writes nothing (no data folder).
    pub fn off() -> Autosave {
        Autosave { worker: None, handed: None, failure: None }
    }

    /// Registers this instance in `store` and starts its worker. When the folder cannot be
    /// used, autosave is off and the error says why (for the status bar).
    pub fn start(store: &Store) -> (Autosave, Option<String>) {
        Autosave::start_with(store, Timing::DEFAULT)
    }

    /// [`Self::start`] with another timing (tests).
    pub fn start_with(store: &Store, timing: Timing) -> (Autosave, Option<String>) {
        let instance = match store.start_instance() {
            Ok(i) => i,
            Err(e) => return (Autosave::off(), Some(format!("autosave is off: {e}"))),
        };
        let file = instance.file().to_path_buf();
        let shared = Arc::new(Shared { slot: Mutex::new(Slot::default()), changed: Condvar::new() });
        let for_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("alliance-sim autosave".into())
            .spawn(move || run(&for_thread, instance, timing));
        match thread {
            Ok(t) => {
                let worker = Worker { shared, thread: Some(t), file, woken: false };
                (Autosave { worker: Some(worker), handed: None, failure: None }, None)
            }
            Err(e) => (Autosave::off(), Some(format!("autosave is off: its thread could not start ({e})"))),
        }
    }

    /// Whether autosave is on.
    pub fn is_on(&self) -> bool {
        self.worker.is_some()
    }

    /// The last failure, while it lasts.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// The instance's recovery file.
    pub fn file(&self) -> Option<&std::path::Path> {
        self.worker.as_ref().map(|w| w.file.as_path())
    }

    /// Whether the waker is set (see [`Self::wake_with`]).
    pub fn has_waker(&self) -> bool {
        self.worker.as_ref().is_none_or(|w| w.woken)
    }

    /// What the worker calls when it has something to report (a failure, or that writing works
    /// again) while the app may be drawing no frames: the app asks itself for a frame.
    pub fn wake_with(&mut self, waker: impl Fn() + Send + Sync + 'static) {
        if let Some(w) = &mut self.worker {
            w.shared.lock().waker = Some(Arc::new(waker));
            w.woken = true;
        }
    }

    /// Every frame: hands the worker `doc`'s unsaved work when it changed since it was last
    /// handed, or tells it to remove the file once nothing is unsaved. Returns what the worker
    /// did since the last frame that is worth a word in the status bar.
    pub fn update(&mut self, doc: &Document) -> Tick {
        let Some(worker) = &self.worker else { return Tick::Quiet };
        if !doc.is_dirty() {
            if self.handed.take().is_some() {
                worker.hand(Job::Clear, false);
            }
        } else if self.handed.as_ref().is_none_or(|(p, s)| p != &doc.path || s != &doc.scenario) {
            self.handed = Some((doc.path.clone(), doc.scenario.clone()));
            worker.hand(Job::Write(Box::new(snapshot(doc))), false);
        }
        let report = worker.shared.lock().report.take();
        self.note(report.unwrap_or(Tick::Quiet))
    }

    /// Writes `doc`'s work now and waits for it (after Recover, so that the recovered work is
    /// safe before the old file goes). [`Tick::Quiet`] when autosave is off.
    pub fn write(&mut self, doc: &Document) -> Tick {
        let Some(worker) = &self.worker else { return Tick::Quiet };
        self.handed = Some((doc.path.clone(), doc.scenario.clone()));
        let generation = worker.hand(Job::Write(Box::new(snapshot(doc))), true);
        let outcome = match worker.wait_for(generation, FLUSH_LIMIT) {
            Some(mut slot) => match (slot.failing, slot.report.take()) {
                (true, report) => report.unwrap_or_else(|| Tick::Failed(still_failing())),
                (false, Some(Tick::Recovered)) => Tick::Recovered,
                (false, _) => Tick::Wrote,
            },
            None => Tick::Failed(format!(
                "autosave did not finish within {} s (a slow or hung disk?); your work is not protected against a \
                 crash until it works",
                FLUSH_LIMIT.as_secs()
            )),
        };
        match self.note(outcome) {
            Tick::Quiet | Tick::Recovered => Tick::Wrote,
            other => other,
        }
    }

    /// Waits until the worker has written everything handed to it, at most `limit`; returns
    /// whether it has (tests, and anyone who must know the work is on disk).
    pub fn settle(&self, limit: Duration) -> bool {
        let Some(worker) = &self.worker else { return true };
        let generation = worker.shared.lock().handed;
        worker.wait_for(generation, limit).is_some()
    }

    /// How many times the worker wrote the recovery file.
    pub fn writes(&self) -> u64 {
        self.worker.as_ref().map_or(0, |w| w.shared.lock().writes)
    }

    /// Keeps the failure message while it lasts.
    fn note(&mut self, tick: Tick) -> Tick {
        match &tick {
            Tick::Failed(msg) => self.failure = Some(msg.clone()),
            Tick::Recovered => self.failure = None,
            Tick::Quiet | Tick::Wrote => {}
        }
        tick
    }

    /// The app closes: the recovery file goes (the work is saved, or the user discarded it),
    /// unless `keep` (unsaved work the user did not decide on): then what is pending is
    /// written first, for the next start.
    pub fn close(&mut self, keep: bool) {
        if let Some(mut worker) = self.worker.take() {
            worker.stop(if keep { Stop::Keep } else { Stop::Remove });
        }
    }
}

impl Drop for Autosave {
    /// Dropped without [`Autosave::close`] (a test's app, a panic): what is pending is written
    /// and the file kept, as after a crash.
    fn drop(&mut self) {
        self.close(true);
    }
}

impl Worker {
    /// Puts `job` in the slot (replacing what was not written yet) and wakes the worker.
    /// Returns the job's number.
    fn hand(&self, job: Job, flush: bool) -> u64 {
        let mut slot = self.shared.lock();
        let now = Instant::now();
        match job {
            Job::Write(_) => {
                slot.first.get_or_insert(now);
                slot.last = Some(now);
            }
            Job::Clear => (slot.first, slot.last) = (None, None),
        }
        slot.job = Some(job);
        slot.flush |= flush;
        slot.handed += 1;
        let generation = slot.handed;
        self.shared.changed.notify_all();
        generation
    }

    /// Waits until the job numbered `generation` is done, at most `limit`.
    fn wait_for(&self, generation: u64, limit: Duration) -> Option<MutexGuard<'_, Slot>> {
        let (slot, timeout) = self
            .shared
            .changed
            .wait_timeout_while(self.shared.lock(), limit, |s| s.done < generation)
            .unwrap_or_else(PoisonError::into_inner);
        (!timeout.timed_out()).then_some(slot)
    }

    /// Ends the worker as `stop` says, waiting for it at most [`FLUSH_LIMIT`].
    fn stop(&mut self, stop: Stop) {
        {
            let mut slot = self.shared.lock();
            slot.stop = Some(stop);
            if stop == Stop::Remove {
                slot.job = None;
            }
            self.shared.changed.notify_all();
        }
        let finished = self
            .shared
            .changed
            .wait_timeout_while(self.shared.lock(), FLUSH_LIMIT, |s| s.stop.is_some())
            .map(|(_, t)| !t.timed_out())
            .unwrap_or(false);
        if finished && let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The work as a frame hands it over.
fn snapshot(doc: &Document) -> Snapshot {
    Snapshot {
        // Absolute, so that the work is found again whatever folder the next start runs in.
        document: doc.path.as_ref().map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())),
        title: doc.scenario.title.clone(),
        scenario: doc.scenario.clone(),
        file: doc.file_state().clone(),
    }
}

/// What the worker does next, given the slot at `now`.
enum Next {
    Stop(Stop),
    Sleep,
    SleepFor(Duration),
    Go,
}

fn next(slot: &Slot, timing: Timing, now: Instant) -> Next {
    if let Some(stop) = slot.stop {
        return Next::Stop(stop);
    }
    match (&slot.job, slot.first, slot.last) {
        (None, ..) => Next::Sleep,
        (Some(Job::Write(_)), Some(first), Some(last)) if !slot.flush => {
            let due = timing.due(first, last);
            if due > now { Next::SleepFor(due - now) } else { Next::Go }
        }
        _ => Next::Go,
    }
}

/// The worker: sleeps until there is a job and it is due, does it, reports, and again.
fn run(shared: &Shared, mut instance: Instance, timing: Timing) {
    let mut slot = shared.lock();
    loop {
        match next(&slot, timing, Instant::now()) {
            Next::Sleep => slot = shared.changed.wait(slot).unwrap_or_else(PoisonError::into_inner),
            Next::SleepFor(d) => {
                slot = shared.changed.wait_timeout(slot, d).unwrap_or_else(PoisonError::into_inner).0;
            }
            Next::Go => {
                let (job, generation) = (slot.job.take(), slot.handed);
                (slot.first, slot.last, slot.flush) = (None, None, false);
                drop(slot);
                let (result, wrote) = job.map_or((Ok(()), false), |j| work(&mut instance, j));
                slot = shared.lock();
                slot.done = slot.done.max(generation);
                slot.writes += u64::from(wrote);
                let wake = report(&mut slot, result);
                shared.changed.notify_all();
                if let Some(wake) = wake {
                    // Not under the lock: the app's repaint request takes locks of its own.
                    drop(slot);
                    wake();
                    slot = shared.lock();
                }
            }
            Next::Stop(stop) => {
                let job = slot.job.take();
                drop(slot);
                let result = match (stop, job) {
                    (Stop::Keep, Some(j)) => work(&mut instance, j).0,
                    (Stop::Keep, None) => Ok(()),
                    (Stop::Remove, _) => instance.close(),
                };
                if let Err(e) = result {
                    // No frame will show it any more: the terminal is the last place to say it (and
                    // a closed terminal is no reason to panic).
                    let _ = writeln!(std::io::stderr(), "alliance-sim: {}", failure_message(&e));
                }
                let mut slot = shared.lock();
                (slot.stop, slot.done) = (None, slot.handed);
                shared.changed.notify_all();
                return;
            }
        }
    }
}

/// Does one job on the worker; returns its outcome and whether the file was written.
fn work(instance: &mut Instance, job: Job) -> (Result<(), RecoveryError>, bool) {
    match job {
        Job::Clear => (instance.clear(), false),
        Job::Write(s) => {
            let text = to_text_keeping(&s.scenario, &s.file).map(|t| s.file.style().apply(&t));
            match text {
                Ok(text) => {
                    let record = Record::new(s.document.as_deref(), Utc::now(), &s.title, text);
                    match instance.autosave(&record) {
                        Ok(wrote) => (Ok(()), wrote),
                        Err(e) => (Err(e), false),
                    }
                }
                Err(e) => (
                    Err(RecoveryError::Unreadable {
                        path: instance.file().to_path_buf(),
                        message: format!("the scenario could not be written as text: {e}"),
                    }),
                    false,
                ),
            }
        }
    }
}

/// Keeps the outcome of a job for the next frame when it changes the state (fails, or works
/// again); returns what wakes the app for it.
fn report(slot: &mut Slot, result: Result<(), RecoveryError>) -> Option<Arc<dyn Fn() + Send + Sync>> {
    let tick = match (result, slot.failing) {
        (Ok(()), true) => Tick::Recovered,
        (Ok(()), false) => return None,
        (Err(e), _) => Tick::Failed(failure_message(&e)),
    };
    slot.failing = matches!(tick, Tick::Failed(_));
    slot.report = Some(tick);
    slot.waker.clone()
}

fn failure_message(e: &RecoveryError) -> String {
    format!("autosave failed: {e}; your work is not protected against a crash until it works")
}

fn still_failing() -> String {
    "autosave still fails; your work is not protected against a crash until it works".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_is_due_after_a_pause_or_at_the_deadline_whichever_comes_first() {
        let t = Timing::DEFAULT;
        let start = Instant::now();
        let s = Duration::from_secs;
        assert_eq!(t.due(start, start), start + s(1), "one change: a second later");
        assert_eq!(t.due(start, start + s(3)), start + s(4), "the last change of a burst, a second later");
        assert_eq!(t.due(start, start + Duration::from_millis(4500)), start + s(5), "never past five seconds");
        assert_eq!(t.due(start, start + s(60)), start + s(5), "edits that never pause: at five seconds");
    }

    #[test]
    fn the_worker_sleeps_without_work_waits_for_a_pause_and_goes_on_a_flush_or_a_stop() {
        let t = Timing::DEFAULT;
        let now = Instant::now();
        let mut slot = Slot::default();
        assert!(matches!(next(&slot, t, now), Next::Sleep), "no work: no timer");
        slot.job = Some(Job::Clear);
        assert!(matches!(next(&slot, t, now), Next::Go), "clearing does not wait");
        slot.job = Some(Job::Write(Box::new(Snapshot {
            document: None,
            title: String::new(),
            scenario: crate::app::files::default_document().scenario,
            file: FileState::default(),
        })));
        (slot.first, slot.last) = (Some(now), Some(now));
        assert!(matches!(next(&slot, t, now), Next::SleepFor(d) if d == t.quiet));
        assert!(matches!(next(&slot, t, now + t.quiet), Next::Go));
        slot.flush = true;
        assert!(matches!(next(&slot, t, now), Next::Go), "a flush writes at once");
        slot.stop = Some(Stop::Keep);
        assert!(matches!(next(&slot, t, now), Next::Stop(Stop::Keep)));
    }
}
