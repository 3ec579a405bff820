// Do not change this file. It measures the future before running it:
// a service starts thousands of these, each on a small stack or inside a
// task, so each one must stay within a budget.
use std::future::Future;

const BUDGET: usize = 8 * 1024;

pub async fn run(job: impl Future<Output = Option<usize>>) {
    let size = std::mem::size_of_val(&job);
    if size > BUDGET {
        println!(
            "wait_for_first() is a {size}-byte future, over the {BUDGET}-byte budget: \
             something big lives inside it"
        );
        return;
    }
    println!("wait_for_first() fits the budget");
    match job.await {
        Some(n) => println!("synced {n} bytes"),
        None => println!("shut down before the sync finished"),
    }
}
