//! The engine's evaluation of the open scenario, on a worker thread, so that a large scenario
//! never freezes the window.
//!
//! Each evaluation runs on its own thread; the frame waits for it up to a budget (so a small
//! scenario's results still show in the same frame as the edit) and otherwise goes on drawing
//! the last results while the status line shows progress. One evaluation runs at a time: edits
//! made meanwhile are evaluated together when it ends (the engine is pure, so an evaluation of
//! an outdated scenario is simply superseded).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::engine::{self, Evaluation};
use crate::model::Scenario;
use crate::model::validate::ValidationError;

/// What evaluates a scenario (the engine; a test may give a slower one).
pub type Engine = Arc<dyn Fn(&Scenario) -> Result<Evaluation, ValidationError> + Send + Sync>;

/// What the frame waits for an evaluation before drawing the last results: long enough for
/// the usual scenario (well under a millisecond), short enough to keep 20 frames a second.
pub const FRAME_BUDGET: Duration = Duration::from_millis(50);

/// How long an evaluation runs before the status line shows its progress, in seconds.
pub const PROGRESS_AFTER: f64 = 0.2;

/// The budget of new workers, in microseconds (`u64::MAX`: wait for every result).
static DEFAULT_BUDGET_US: AtomicU64 = AtomicU64::new(u64::MAX);

/// Sets the budget of every worker made from now on (the app sets [`FRAME_BUDGET`] at start;
/// tests and the command line keep the default, which waits for every result).
pub fn set_default_budget(budget: Duration) {
    DEFAULT_BUDGET_US.store(u64::try_from(budget.as_micros()).unwrap_or(u64::MAX), Ordering::Relaxed);
}

fn default_budget() -> Duration {
    match DEFAULT_BUDGET_US.load(Ordering::Relaxed) {
        u64::MAX => Duration::MAX,
        us => Duration::from_micros(us),
    }
}

/// A finished evaluation: the scenario it evaluated and the outcome.
pub type Finished = (Scenario, Result<Evaluation, ValidationError>);

/// The evaluation thread of one document.
pub struct Worker {
    engine: Engine,
    budget: Duration,
    job: Option<Job>,
}

struct Job {
    scenario: Scenario,
    started: Instant,
    done: Receiver<Result<Evaluation, ValidationError>>,
}

impl Default for Worker {
    fn default() -> Self {
        Worker::new()
    }
}

impl Worker {
    /// A worker running the engine, with the default budget ([`set_default_budget`]). An
    /// event that cannot happen does not stop the evaluation: the results hold up to its
    /// date and the conflict is part of them ([`engine::evaluate_partial`]).
    pub fn new() -> Worker {
        Worker { engine: Arc::new(engine::evaluate_partial), budget: default_budget(), job: None }
    }

    /// How long [`Self::start`] waits for the result.
    pub fn set_budget(&mut self, budget: Duration) {
        self.budget = budget;
    }

    /// Evaluates with `engine` instead of the engine (tests).
    pub fn set_engine(&mut self, engine: Engine) {
        self.engine = engine;
    }

    /// How long the running evaluation has been running, if one runs.
    pub fn running_for(&self) -> Option<Duration> {
        self.job.as_ref().map(|j| j.started.elapsed())
    }

    /// The finished evaluation, if the running one has ended.
    pub fn poll(&mut self) -> Option<Finished> {
        let job = self.job.as_ref()?;
        let outcome = match job.done.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err(crashed()),
        };
        self.job.take().map(|j| (j.scenario, outcome))
    }

    /// Starts evaluating `scenario` (nothing when an evaluation already runs: poll first) and
    /// waits for it up to the budget.
    pub fn start(&mut self, scenario: &Scenario) -> Option<Finished> {
        if self.job.is_some() {
            return None;
        }
        let (tx, rx) = channel();
        let (engine, input) = (self.engine.clone(), scenario.clone());
        let spawned = std::thread::Builder::new().name("evaluation".into()).spawn(move || {
            let _ = tx.send(engine(&input));
        });
        if spawned.is_err() {
            // No thread to be had: evaluate here rather than not at all.
            return Some((scenario.clone(), (self.engine)(scenario)));
        }
        self.job = Some(Job { scenario: scenario.clone(), started: Instant::now(), done: rx });
        let outcome = match self.job.as_ref()?.done.recv_timeout(self.budget) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout) => return None,
            Err(RecvTimeoutError::Disconnected) => Err(crashed()),
        };
        self.job.take().map(|j| (j.scenario, outcome))
    }
}

/// The evaluation thread ended without an answer (a defect in the engine).
fn crashed() -> ValidationError {
    ValidationError::new(
        "the scenario",
        None,
        "its evaluation stopped unexpectedly (a defect in alliance-sim)",
        "undo the last edit, save your work and report the scenario",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_slow_evaluation_lets_the_frame_go_on_and_edits_meanwhile_wait_for_it() {
        let (go_tx, go_rx) = channel::<()>();
        let go = Arc::new(Mutex::new(go_rx));
        let mut w = Worker::new();
        w.set_budget(Duration::from_millis(1));
        w.set_engine(Arc::new(move |s: &Scenario| {
            let _ = go.lock().map(|rx| rx.recv());
            engine::evaluate(s)
        }));
        let s = crate::io::default_scenario().unwrap();
        assert!(w.start(&s).is_none(), "the frame did not wait");
        assert!(w.running_for().is_some());
        assert!(w.start(&s).is_none(), "one evaluation at a time");
        assert!(w.poll().is_none());
        go_tx.send(()).unwrap();
        let mut done = None;
        while done.is_none() {
            done = w.poll();
            std::thread::yield_now();
        }
        let (evaluated, outcome) = done.unwrap();
        assert_eq!(evaluated, s);
        assert!(outcome.is_ok());
        assert!(w.running_for().is_none());
    }

    #[test]
    fn with_the_default_budget_the_result_comes_at_once() {
        let s = crate::io::default_scenario().unwrap();
        let (evaluated, outcome) = Worker::new().start(&s).unwrap();
        assert_eq!(evaluated, s);
        assert_eq!(outcome.unwrap().points.len(), engine::evaluate(&s).unwrap().points.len());
    }
}
