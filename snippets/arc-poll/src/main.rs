// stories/barbara-builds-an-async-executor.md: a task shared through an
// Arc cannot have its future polled, which needs a mutable borrow.
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::Context;

struct Job {
    fut: Pin<Box<dyn Future<Output = ()> + Send>>,
    prio: u8,
}

fn run(job: Arc<Job>, cx: &mut Context<'_>) {
    let _ = job.fut.as_mut().poll(cx);
}

fn main() {
    let _ = run;
}
