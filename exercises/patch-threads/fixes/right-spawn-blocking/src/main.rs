// One time step of a fluid simulation: the grid is cut into eight
// patches, and each is solved on its own, so they could all be solved at
// once. Solving is pure number crunching: no files, no network.

/// Solves every patch of one step; the caller needs the results in the
/// order of the patches. Edit this function.
fn step(patches: Vec<Vec<f64>>) -> Vec<f64> {
    let rt = tokio::runtime::Runtime::new().expect("no runtime");
    rt.block_on(async {
        let jobs = patches
            .into_iter()
            .map(|p| tokio::task::spawn_blocking(move || solver::solve(&p)));
        futures::future::join_all(jobs)
            .await
            .into_iter()
            .map(|r| r.unwrap())
            .collect()
    })
}

fn main() {
    solver::run(step);
}

// Do not change this module. `solve` stands in for the heavy numerics:
// it keeps its thread busy for up to 300 ms, and notes how many solves
// run at the same moment, so the end can tell whether any ran in
// parallel.
mod solver {
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::time::{Duration, Instant};

    static RUNNING: AtomicUsize = AtomicUsize::new(0);
    static MOST: AtomicUsize = AtomicUsize::new(0);

    pub fn solve(patch: &[f64]) -> f64 {
        let now = RUNNING.fetch_add(1, SeqCst) + 1;
        MOST.fetch_max(now, SeqCst);
        let start = Instant::now();
        while MOST.load(SeqCst) < 2 && start.elapsed() < Duration::from_millis(300) {
            std::hint::spin_loop();
        }
        RUNNING.fetch_sub(1, SeqCst);
        patch.iter().sum()
    }

    pub fn run(step: fn(Vec<Vec<f64>>) -> Vec<f64>) {
        let patches: Vec<Vec<f64>> = (1..=8).map(|i| vec![i as f64; 4]).collect();
        let sums = step(patches);
        println!("patch sums: {sums:?}");
        match MOST.load(SeqCst) {
            0 | 1 => println!("the patches were solved one at a time"),
            _ => println!("patches solved in parallel"),
        }
    }
}
